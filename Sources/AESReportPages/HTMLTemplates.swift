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

    /// What `export` did with one template file.
    public enum ExportAction: String, Sendable, Equatable {
        /// The file did not exist.
        case wrote
        /// The file already held the shipped text; left as it is.
        case unchanged
        /// The file differed and `force` was given.
        case replaced
    }

    /// Files in the folder that differ from the shipped templates: nothing was written.
    public struct ExportConflict: Error, CustomStringConvertible, Equatable {
        public var paths: [String]

        public var description: String {
            "\(paths.count == 1 ? "this file differs" : "these files differ") from the shipped "
                + "template\(paths.count == 1 ? "" : "s") (edited, or from another version): "
                + paths.joined(separator: ", ") + "; nothing was written. Pass --force to replace "
                + (paths.count == 1 ? "it" : "them") + " with the shipped one\(paths.count == 1 ? "" : "s")"
                + ", or choose another folder"
        }
    }

    /// Writes the shipped templates into `directory`, for users who want to start a copy. A file that is already
    /// there with other text (a user's edits) is replaced only with `force`; without it nothing at all is written
    /// and `ExportConflict` names every such file. A file identical to the shipped one is left untouched.
    public static func export(to directory: String, force: Bool = false) throws -> [(path: String, action: ExportAction)] {
        let files = EmbeddedTemplates.files.sorted(by: { $0.key < $1.key }).map { name, text in
            (path: directory + "/" + name + ".mustache", text: text)
        }
        var actions: [(path: String, action: ExportAction)] = []
        for file in files {
            if let existing = FileManager.default.contents(atPath: file.path) {
                actions.append((file.path, existing == Data(file.text.utf8) ? .unchanged : .replaced))
            } else {
                actions.append((file.path, .wrote))
            }
        }
        let conflicts = actions.filter { $0.action == .replaced }.map(\.path)
        if !conflicts.isEmpty, !force { throw ExportConflict(paths: conflicts) }
        for (file, action) in zip(files, actions) where action.action != .unchanged {
            try AtomicFileWriter.write(file.text, to: file.path)
        }
        return actions
    }

    func render(_ page: PageModel) -> String {
        library.render(page, withTemplate: Self.pageName) ?? ""
    }
}
