// libFuzzer entry point for aesreport's parsers. Built by .ci/fuzz.sh, once per target, with one of
// -D FUZZ_DD, FUZZ_CPUINFO, FUZZ_OPENSSL, FUZZ_OPENSSL_OUTPUTS, FUZZ_SBC_BENCH, FUZZ_CRYPTSETUP, FUZZ_MANIFEST, FUZZ_SNIFF, FUZZ_NAMES, FUZZ_FIO, FUZZ_TCRYPT.
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
    #elseif FUZZ_OPENSSL_OUTPUTS
    // Several outputs in one file: each one found has results, and the outputs never share a line.
    let parsed = OpenSSLSpeedOutputsParser.parse(bytes: bytes, path: "openssl-speed.txt")
    if let outputs = parsed.value {
        precondition(!outputs.isEmpty && outputs.allSatisfy { !$0.results.isEmpty })
        let lines = outputs.flatMap { $0.results.map(\.line) }
        precondition(lines.allSatisfy { $0 >= 1 }, "result lines are 1-based")
    } else {
        precondition(parsed.diagnostics.contains { $0.severity == .error }, "no output without an error")
    }
    #elseif FUZZ_SBC_BENCH
    // An sbc-bench log read as the two readers discovery runs over it.
    _ = InputKind.sniff(bytes)
    if let outputs = OpenSSLSpeedOutputsParser.parse(bytes: bytes, path: "sbc-bench.txt").value {
        for speed in outputs { for result in speed.results { precondition(!result.algorithm.isEmpty) } }
    }
    _ = CPUInfoParser.parse(bytes: bytes, path: "sbc-bench.txt").value?.features
    #elseif FUZZ_CRYPTSETUP
    _ = CryptsetupBenchmarkParser.parse(bytes: bytes, path: "cryptsetup-benchmark.txt")
    #elseif FUZZ_MANIFEST
    _ = RunManifest.parse(bytes: bytes, path: "aesreport.manifest") // invalid UTF-8 reaches it per line
    #elseif FUZZ_SNIFF
    _ = InputKind.sniff(bytes)
    #elseif FUZZ_NAMES
    checkNames(bytes)
    #elseif FUZZ_FIO
    let parsed = FioOutputParser.parse(bytes: bytes, path: "fio-aes-xts-plain64-read-r1.json")
    if let output = parsed.value {
        precondition(!output.rounds.isEmpty, "fio output without rounds")
        for log in FioSeries.logs(from: [output]) {
            for round in log.rounds {
                if round.isComplete {
                    precondition(round.bytesPerSecond! > 0 && round.bytesPerSecond!.isFinite, "a complete round has a rate")
                } else {
                    precondition(round.failure != nil, "an incomplete fio round says why")
                }
            }
        }
    } else {
        precondition(parsed.diagnostics.contains { $0.severity == .error }, "no output without an error")
    }
    #elseif FUZZ_TCRYPT
    let parsed = TcryptParser.parse(bytes: bytes, path: "tcrypt.txt")
    if let speed = parsed.value {
        precondition(!speed.tests.isEmpty)
        for test in speed.tests {
            for result in test.results {
                if let rate = result.bytesPerSecond { precondition(rate >= 0 && rate.isFinite) }
                _ = result.cyclesPerByte
            }
        }
        _ = speed.aesniEvidence
    }
    #endif
    return 0
}

#if FUZZ_NAMES
/// The manifest-and-names path: the input is a manifest and, split at NUL bytes, host, run and cipher names. Every
/// name goes through every escaper and the chart-name function, whose promises are checked.
func checkNames(_ bytes: [UInt8]) {
    let manifest = RunManifest.parse(text: String(decoding: bytes, as: UTF8.self), path: "aesreport.manifest")
    var names = bytes.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    if let host = manifest.0.host { names.append(host) }
    if let label = manifest.0.label { names.append(label) }
    for name in names {
        let terminal = TerminalText.escape(name)
        precondition(!terminal.unicodeScalars.contains { ControlCharacters.isControl($0) || BidiText.isControl($0) },
                     "terminal text has no raw control")
        let markdown = MarkdownText.escape(name)
        precondition(!markdown.unicodeScalars.contains {
            ControlCharacters.isControl($0) || $0 == "\u{2028}" || $0 == "\u{2029}"
        }, "a Markdown cell has no line break or control")
        precondition(!markdown.hasPrefix("#"), "no heading")
        precondition(!MarkdownText.table(["h"], [[name]]).split(separator: "\n").contains { $0.hasPrefix("#") })
        let csv = CSVText.text(name)
        precondition(!(csv.utf8.first.map { CSVText.formulaStarts.contains($0) } ?? false), "no formula start")
        precondition(csv == name || csv == "'" + name, "only a quote is added")
        for markup in [MarkupText.escape(name), MarkupText.sanitize(name), MarkupText.page(name)] {
            precondition(markup.unicodeScalars.allSatisfy(MarkupText.isAllowed), "no C0 but tab and line breaks")
        }
        let escaped = MarkupText.escape(name)
        precondition(!escaped.contains("<") && !escaped.contains(">") && !escaped.contains("\""), "no markup")
        precondition(isBalanced(BidiText.isolate(name)), "an isolated name closes what it opens")
        precondition(isBalanced(MarkupText.escape(name)) && isBalanced(MarkdownText.escape(name)))
    }
    let files = HostFileNames.names(names)
    let distinct = names.uniqued()
    precondition(files.count == distinct.count && Set(files.values).count == distinct.count, "distinct file names")
    for file in files.values {
        precondition(!file.isEmpty && file.utf8.count <= HostFileNames.maximumSlugBytes + 20, "short")
        precondition(file.unicodeScalars.allSatisfy { $0 == "-" || $0 == "_" || Slug.isLetterOrDigit($0) },
                     "letters, digits, - and _ only: \(file)")
        precondition(("openssl-encrypt-" + file + ".png").utf8.count <= 255, "fits NAME_MAX")
    }
}

/// Whether every embedding, override and isolate `text` opens is closed, and it closes none it did not open.
func isBalanced(_ text: String) -> Bool {
    var open: [Bool] = []
    for scalar in text.unicodeScalars {
        switch scalar.value {
        case 0x202A...0x202B, 0x202D...0x202E: open.append(false)
        case 0x2066...0x2068: open.append(true)
        case 0x202C:
            guard open.last == false else { return false }
            open.removeLast()
        case 0x2069:
            guard let isolate = open.lastIndex(of: true) else { return false }
            open.removeSubrange(isolate...)
        default: break
        }
    }
    return open.isEmpty
}
#endif
