import AESReportModel
import AESReportPages
import ArgumentParser
import Foundation

struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "Write the shipped HTML templates into a folder, to restyle or translate the report.",
        discussion: """
        Writes report.html.mustache (the page), style.mustache (its CSS) and sort.mustache (table sorting) into \
        DIR. Edit them, then pass --template DIR to `report` or `compare`. Templates missing from DIR fall back \
        to the shipped ones. A file already in DIR that differs from the shipped one (your edits, or another \
        version's template) is not overwritten: the command names every such file, writes nothing and exits with \
        status 1 unless --force is given. Files identical to the shipped ones are left as they are.

        Example:
          aesreport templates my-templates && aesreport report results -o out --template my-templates
        """
    )

    @Argument(help: "Folder to write the templates into.", completion: .directory)
    var directory: String

    @Flag(help: "Replace files in DIR that differ from the shipped templates.")
    var force = false

    func validate() throws {
        try validateOutputFolder(directory, option: "DIR", escapingProblem: false)
    }

    func run() throws {
        do {
            for (path, action) in try HTMLTemplates.export(to: directory, force: force) {
                print(TerminalText.escape("\(action.rawValue) \(path)"))
            }
        } catch let conflict as HTMLTemplates.ExportConflict {
            printError(TerminalText.escape("error: \(conflict)"))
            throw ExitCode(1)
        } catch {
            printError(TerminalText.escape("error: \(error)"))
            throw ExitCode(1)
        }
    }
}
