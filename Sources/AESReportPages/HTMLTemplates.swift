import Foundation
import Mustache

/// The Mustache templates of the HTML report: the shipped ones (embedded in the binary) or a user's folder.
public struct HTMLTemplates: Sendable {
    public enum LoadError: Error, CustomStringConvertible {
        case unreadable(String, String)
        case invalid(String, String)
        case missing(String, String)

        public var description: String {
            switch self {
            case let .unreadable(path, reason): "cannot read templates in \(path): \(reason)"
            case let .invalid(name, reason): "template \(name) does not parse: \(reason)"
            case let .missing(path, name): "\(path) has no \(name).mustache; start from `aesreport templates DIR`"
            }
        }
    }

    public static let pageName = "report.html"
    let library: MustacheLibrary

    /// The templates compiled into the tool.
    public static func embedded() throws -> HTMLTemplates {
        try HTMLTemplates(files: EmbeddedTemplates.files, source: "embedded templates")
    }

    /// Every `*.mustache` file of `directory` (names without the extension), falling back to the shipped
    /// partials for any the folder lacks.
    public static func load(directory: String) throws -> HTMLTemplates {
        var files = EmbeddedTemplates.files
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".mustache") }
        } catch {
            throw LoadError.unreadable(directory, error.localizedDescription)
        }
        guard names.contains(pageName + ".mustache") else { throw LoadError.missing(directory, pageName) }
        for name in names {
            do {
                files[String(name.dropLast(".mustache".count))] = try String(contentsOfFile: directory + "/" + name,
                                                                             encoding: .utf8)
            } catch {
                throw LoadError.unreadable(directory + "/" + name, error.localizedDescription)
            }
        }
        return try HTMLTemplates(files: files, source: directory)
    }

    init(files: [String: String], source: String) throws {
        var library = MustacheLibrary()
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            do {
                try library.register(text, named: name)
            } catch {
                throw LoadError.invalid("\(source)/\(name).mustache", "\(error)")
            }
        }
        self.library = library
    }

    /// Writes the shipped templates into `directory`, for users who want to start a copy.
    public static func export(to directory: String) throws -> [String] {
        var written: [String] = []
        for (name, text) in EmbeddedTemplates.files.sorted(by: { $0.key < $1.key }) {
            let path = directory + "/" + name + ".mustache"
            try AtomicFileWriter.write(text, to: path)
            written.append(path)
        }
        return written
    }

    func render(_ page: PageModel) -> String {
        library.render(page, withTemplate: Self.pageName) ?? ""
    }
}
