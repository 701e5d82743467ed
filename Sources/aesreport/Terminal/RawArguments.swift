import AESReportIngest
import AESReportModel
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

    /// Why `argument` cannot be an output path: its bytes are not UTF-8, and writing to the decoded name (with
    /// U+FFFD in place of the bad bytes) would create a different folder. Nil when it is fine.
    static func nonUTF8Problem(_ argument: String, option: String) -> String? {
        guard argument.unicodeScalars.contains("\u{FFFD}") else { return nil }
        for index in 0..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let bytes = Array(UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)))
            let decoded = String(decoding: bytes, as: UTF8.self)
            guard decoded == argument || decoded.hasSuffix("=" + argument),
                  String(validating: bytes, as: UTF8.self) == nil else { continue }
            return problemText(InputPath(bytes: bytes).display, option: option)
        }
        return nil
    }

    private static func problemText(_ shown: String, option: String) -> String {
        "\(option) \(TerminalText.escape(shown)) is not valid UTF-8: output and template paths must be "
            + "UTF-8 (rename the folder, or use a link with a UTF-8 name)."
    }

    static func paths(_ arguments: [String]) -> [InputPath] {
        arguments.map(path)
    }
}
