// libFuzzer entry point for aesreport's parsers. Built by .ci/fuzz.sh, once per target, with one of
// -D FUZZ_DD, FUZZ_CPUINFO, FUZZ_OPENSSL, FUZZ_CRYPTSETUP, FUZZ_MANIFEST, FUZZ_SNIFF.
// A parser must never trap on any input: every byte sequence yields values and/or diagnostics.
import AESReportIngest
import AESReportModel

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    #if FUZZ_DD
    let parsed = DDLogParser.parse(bytes: bytes, path: "fuzz-read.txt")
    if let log = parsed.value {
        for round in log.rounds where round.isComplete {
            precondition(round.bytesPerSecond! > 0 && round.bytesPerSecond!.isFinite, "a complete round has a rate")
        }
        precondition(!log.rounds.isEmpty || parsed.diagnostics.contains { $0.severity == .error },
                     "no rounds without an error")
    }
    #elseif FUZZ_CPUINFO
    let parsed = CPUInfoParser.parse(bytes: bytes, path: "cpuinfo")
    if let cpu = parsed.value {
        precondition(cpu.flags == cpu.flags.sorted(), "flags sorted")
        _ = cpu.features
    }
    #elseif FUZZ_OPENSSL
    let parsed = OpenSSLSpeedParser.parse(bytes: bytes, path: "openssl-speed.txt")
    if let speed = parsed.value { precondition(!speed.results.isEmpty) }
    #elseif FUZZ_CRYPTSETUP
    _ = CryptsetupBenchmarkParser.parse(bytes: bytes, path: "cryptsetup-benchmark.txt")
    #elseif FUZZ_MANIFEST
    _ = RunManifest.parse(bytes: bytes, path: "aesreport.manifest") // invalid UTF-8 reaches it per line
    #elseif FUZZ_SNIFF
    _ = InputKind.sniff(bytes)
    #endif
    return 0
}
