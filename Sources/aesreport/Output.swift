import AESReportCairo
import AESReportModel
import AESReportPages
import ArgumentParser
import Foundation

/// Terminal output shared by the commands: diagnostics on stderr, JSON and tables on stdout, exit status.
enum Output {
    /// One line per diagnostic, its control characters shown escaped (`TerminalText`): a file name with a
    /// newline cannot forge a `path:1: error:` line, nor an ESC sequence colour or retitle the terminal.
    static func printDiagnostics(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        let text = diagnostics.map { TerminalText.escape($0.description) }.joined(separator: "\n") + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Exit status for a run that produced `diagnostics`: 1 when any is an error.
    static func exitCode(for diagnostics: [Diagnostic]) -> ExitCode {
        diagnostics.contains { $0.severity == .error } ? ExitCode(1) : .success
    }

    static func printJSON<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        print(String(decoding: data, as: UTF8.self))
    }

    /// Prints rows as columns separated by two spaces; numeric columns (by `rightAligned`) flush right.
    static func table(_ header: [String], _ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        TextTable.render([header] + rows, rightAligned: rightAligned)
    }

    static func seconds(_ value: Double) -> String {
        "\(value) s"
    }

    /// Writes every file atomically into `folder` and says so in one line.
    static func write(_ files: [ChartFiles.File], to folder: String) throws {
        announce(try writeQuietly(files, to: folder), in: folder)
    }

    /// Writes every file atomically into `folder`; returns their names.
    static func writeQuietly(_ files: [ChartFiles.File], to folder: String) throws -> [String] {
        for file in files {
            try AtomicFileWriter.write(bytes: file.bytes, to: folder + "/" + file.name)
        }
        return files.map(\.name)
    }

    /// The one line that lists what was written.
    static func announce(_ names: [String], in folder: String) {
        if !names.isEmpty {
            print(TerminalText.escape("wrote \(names.count) files to \(folder): " + names.joined(separator: ", ")))
        }
    }
}
