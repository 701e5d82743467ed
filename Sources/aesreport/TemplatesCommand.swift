import AESReportPages
import ArgumentParser

struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "Write the shipped HTML templates into a folder, to restyle or translate the report.",
        discussion: """
        Writes report.html.mustache (the page), style.mustache (its CSS) and sort.mustache (table sorting) into \
        DIR. Edit them, then pass --template DIR to `report` or `compare`. Templates missing from DIR fall back \
        to the shipped ones.

        Example:
          aesreport templates my-templates && aesreport report results -o out --template my-templates
        """
    )

    @Argument(help: "Folder to write the templates into.", completion: .directory)
    var directory: String

    func run() throws {
        for path in try HTMLTemplates.export(to: directory) { print("wrote \(path)") }
    }
}
