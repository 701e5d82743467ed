import AESReportFiles
import AESReportModel
import AESReportOutput
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

    /// Ends the command with exit status 1 when any of `diagnostics` is an error; returns otherwise (status 0).
    static func exitOnErrors(_ diagnostics: [Diagnostic]) throws {
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
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

    /// Opens (creating it) and locks the output folder for the whole run, and installs the Ctrl-C handling of a
    /// report (see `InterruptFlag`). A folder that cannot be created is one error, then exit status 1.
    /// A lock another run holds is waited for up to `lockTimeout` seconds, then an error naming the holder.
    static func openReportFolder(_ path: String, lockTimeout: Double) throws -> OutputFolder {
        InterruptFlag.install(exitUnlessCommitting: true)
        do {
            return try OutputFolder(path: path, listing: true, lockTimeout: lockTimeout) {
                printError(TerminalText.escape("note: " + $0))
            }
        } catch {
            printError(TerminalText.escape("error: \(error); nothing was written"))
            throw ExitCode(1)
        }
    }

    /// Renames the staged files into place together (signals held meanwhile), then returns a diagnostic per file
    /// that could not be written and says what was written and which stale files were removed. Exits 130 when a
    /// signal came during the renames.
    static func commit(_ folder: OutputFolder) throws -> [Diagnostic] {
        let (result, interrupted) = InterruptFlag.holdingSignals { folder.commit() }
        announce(result.writtenPageFirst, in: folder.path)
        if !result.removed.isEmpty {
            printError(TerminalText.escape(
                "note: removed \(result.removed.count) file\(result.removed.count == 1 ? "" : "s") of an earlier "
                    + "run that this run did not write (recorded in \(folder.path)/\(OutputFolder.listingName)): "
                    + result.removed.joined(separator: ", ")))
        }
        if interrupted {
            printError("interrupted: the files above were written whole; nothing else was changed")
            throw InterruptFlag.exitCode
        }
        return result.failureDiagnostics(folder: folder.path)
    }

    /// The one line that lists what was written.
    static func announce(_ names: [String], in folder: String) {
        if !names.isEmpty {
            print(TerminalText.escape("wrote \(names.count) files to \(folder): " + names.joined(separator: ", ")))
        }
    }
}

/// Writes `line` and a newline to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
