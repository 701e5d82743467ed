import AESReportModel
import Dispatch
import Foundation

/// One parsed input file of any kind.
public struct ParsedInput: Sendable, Codable {
    public var path: String
    public var kind: InputKind
    public var ddLog: DDLog?
    public var cpu: CPUDescription?
    public var openssl: OpenSSLSpeed?
    public var cryptsetup: CryptsetupBenchmark?
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
        case .ddLog: input.ddLog = read(DDLogParser.self)
        case .cpuDescription: input.cpu = read(CPUInfoParser.self)
        case .opensslSpeed: input.openssl = read(OpenSSLSpeedParser.self)
        case .cryptsetupBenchmark: input.cryptsetup = read(CryptsetupBenchmarkParser.self)
        }
        return input
    }
}
