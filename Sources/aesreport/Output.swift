import AESReportCairo
import AESReportModel
import AESReportPages
import ArgumentParser
import Foundation

/// Terminal output shared by the commands: diagnostics on stderr, JSON and tables on stdout, exit status.
enum Output {
    static func printDiagnostics(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        let text = diagnostics.map(\.description).joined(separator: "\n") + "\n"
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
        for file in files {
            try AtomicFileWriter.write(bytes: file.bytes, to: folder + "/" + file.name)
        }
        if !files.isEmpty {
            print("wrote \(files.count) files to \(folder): " + files.map(\.name).joined(separator: ", "))
        }
    }
}
