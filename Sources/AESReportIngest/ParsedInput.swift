import AESReportModel
import Dispatch
import Foundation

/// One parsed input file of any kind.
public struct ParsedInput: Sendable, Codable {
    public var path: String
    public var kind: InputKind
    public var ddLog: DDLog?
    public var cpu: CPUDescription?
    /// The file's first openssl speed output (`opensslOutputs` holds them all).
    public var openssl: OpenSSLSpeed?
    /// Every openssl speed output in the file, in file order (a pasted plain and masked run are two).
    public var opensslOutputs: [OpenSSLSpeed] = []
    public var cryptsetup: CryptsetupBenchmark?
    public var fio: FioOutput?
    public var tcrypt: TcryptSpeed?
    public var diagnostics: [Diagnostic]

    public static func parse(path: String, kind: InputKind, policy: ReadPolicy = ReadPolicy()) -> ParsedInput {
        parse(path: InputPath(path), kind: kind, policy: policy)
    }

    /// Reads `path` (opened by its bytes, named by its display form) as `kind` under `policy`.
    public static func parse(path file: InputPath, kind: InputKind, policy: ReadPolicy = ReadPolicy()) -> ParsedInput {
        var input = ParsedInput(path: file.display, kind: kind, diagnostics: [])
        func read<Parser: LineParser>(_: Parser.Type) -> Parser.Output? {
            let parsed = Parser.parse(file: file, policy: policy)
            input.diagnostics = parsed.diagnostics
            return parsed.value
        }
        switch kind {
        case .ddLog:
            input.ddLog = read(DDLogParser.self)
            // `<cipher>-read.txt` is the seed's dd naming, and fio's normal or terse output saved under it too.
            if !(input.ddLog?.hasCompleteRound ?? false), (try? InputKind.readPrefix(
                path: file, count: InputKind.sniffLength, policy: policy)).map({ InputKind.sniff($0) == .fio }) == true {
                input = ParsedInput(path: file.display, kind: .fio, diagnostics: [])
                input.fio = read(FioOutputParser.self)
                if input.fio != nil {
                    input.diagnostics.insert(Diagnostic(file: file.display, line: nil, severity: .note,
                                                        message: "named like a dd log, read as fio output by its content"),
                                             at: 0)
                }
            }
        case .cpuDescription: input.cpu = read(CPUInfoParser.self)
        case .opensslSpeed:
            input.opensslOutputs = read(OpenSSLSpeedOutputsParser.self) ?? []
            input.openssl = input.opensslOutputs.first
        case .cryptsetupBenchmark: input.cryptsetup = read(CryptsetupBenchmarkParser.self)
        case .fio: input.fio = read(FioOutputParser.self)
        case .tcrypt: input.tcrypt = read(TcryptParser.self)
        case .sbcBench:
            // Two readers over one log: the openssl table (the rows sbc-bench prints twice are one measurement,
            // a note says so) and the CPU description (lscpu and /proc/cpuinfo inside it).
            input.opensslOutputs = read(OpenSSLSpeedOutputsParser.self) ?? []
            input.openssl = input.opensslOutputs.first
            let opensslDiagnostics = input.diagnostics
            input.cpu = read(CPUInfoParser.self)
            input.diagnostics = opensslDiagnostics + input.diagnostics
        }
        return input
    }
}
