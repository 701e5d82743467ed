import AESReportIngest
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Paths as the shell passed them. `CommandLine.arguments` decodes each argument as UTF-8, replacing invalid bytes
/// with U+FFFD, so a Latin-1 folder name given on the command line could not be opened; the raw bytes are in argv.
enum RawArguments {
    /// The path `argument` names: its own UTF-8 when it decoded cleanly, else the argv entry it was decoded from.
    static func path(_ argument: String) -> InputPath {
        guard argument.unicodeScalars.contains("\u{FFFD}") else { return InputPath(argument) }
        for index in 0..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let bytes = UnsafeRawBufferPointer(start: pointer, count: strlen(pointer))
            if String(decoding: bytes, as: UTF8.self) == argument { return InputPath(bytes: Array(bytes)) }
        }
        return InputPath(argument)
    }

    static func paths(_ arguments: [String]) -> [InputPath] {
        arguments.map(path)
    }
}
