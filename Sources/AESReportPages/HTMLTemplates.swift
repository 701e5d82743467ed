#if canImport(Glibc)
import Glibc
#endif
import AESReportFiles
import Foundation
import Mustache

/// The Mustache templates of the HTML report: the shipped ones (embedded in the binary) or a user's folder.
public struct HTMLTemplates: Sendable {
    public enum LoadError: Error, CustomStringConvertible {
        case unreadable(String, String)
        case invalid(String, String)
        case missing(String, String)
        case missingPartial(String, String)
        case recursivePartial([String])
        case tooLarge(String, String)
        case outside(String, String)

        public var description: String {
            switch self {
            case let .unreadable(path, reason): "cannot read templates in \(path): \(reason)"
            case let .invalid(name, reason): "template \(name) does not parse: \(reason)"
            case let .tooLarge(name, reason): "template \(name) is refused: \(reason)"
            case let .missing(path, name): "\(path) has no \(name).mustache; start from `aesreport templates DIR`"
            case let .missingPartial(template, name):
                "template \(template) uses the partial {{> \(name)}}, which is neither in the folder nor shipped"
            case let .recursivePartial(chain):
                "template partials include themselves (" + chain.map { "\($0).mustache" }.joined(separator: " -> ")
                    + "): the page would never end"
            case let .outside(path, target):
                "\(path) is a symbolic link to \(target), outside the template folder: refused"
            }
        }
    }

    public static let pageName = "report.html"
    let library: MustacheLibrary
    /// The template texts loaded, by name (what the page is rendered from).
    let texts: [String: String]

    /// The templates compiled into the tool.
    public static func embedded() throws -> HTMLTemplates {
        try HTMLTemplates(files: EmbeddedTemplates.files, source: "embedded templates")
    }

    /// Every `*.mustache` file of `directory` (names without the extension), falling back to the shipped
    /// partials for any the folder lacks.
    ///
    /// The folder is opened once and every file in it is opened once, relative to it, with `O_NOFOLLOW`, and read
    /// from that descriptor (a template is printed into the page): no path is checked and then opened again, so no
    /// link swapped in between can put another file's lines on the page. A symbolic link is followed one step, to
    /// a file beside it in the folder, itself opened `O_NOFOLLOW`; any other link is refused.
    public static func load(directory: String) throws -> HTMLTemplates {
        var files = EmbeddedTemplates.files
        let folder = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { throw LoadError.unreadable(directory, String(cString: strerror(errno))) }
        defer { close(folder) }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd/\(folder)")
                .filter { $0.hasSuffix(".mustache") }.sorted()
        } catch {
            throw LoadError.unreadable(directory, error.localizedDescription)
        }
        guard names.contains(pageName + ".mustache") else { throw LoadError.missing(directory, pageName) }
        for name in names {
            files[String(name.dropLast(".mustache".count))] = try readBounded(in: folder, name, shown: directory + "/" + name)
        }
        return try HTMLTemplates(files: files, source: directory)
    }

    /// The file `name` in the folder `folder`, opened once without following a link, or through one link to a file
    /// beside it (`style.mustache -> style-dark.mustache`); read from that descriptor, bounded.
    static func readBounded(in folder: Int32, _ name: String, shown: String) throws -> String {
        if let text = try readBoundedFile(in: folder, name, shown: shown, followingOneLink: true) { return text }
        throw LoadError.unreadable(shown, "not found")
    }

    /// The file `name` in `folder` opened `O_NOFOLLOW` (with `followingOneLink`, through one link to a file beside
    /// it) and read bounded; nil when there is none.
    static func readBoundedFile(in folder: Int32, _ name: String, shown: String,
                                followingOneLink: Bool = false) throws -> String? {
        var fd = openat(folder, name, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0, errno == ENOENT { return nil }
        if fd < 0, errno == ELOOP {
            guard followingOneLink else { throw LoadError.outside(shown, "(not followed)") }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlinkat(folder, name, &buffer, buffer.count - 1)
            guard count > 0 else { throw LoadError.unreadable(shown, String(cString: strerror(errno))) }
            var target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if target.hasPrefix("./") { target.removeFirst(2) }
            guard !target.isEmpty, !target.contains("/"), target != ".", target != ".." else {
                throw LoadError.outside(shown, target)
            }
            fd = openat(folder, target, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC)
            if fd < 0, errno == ELOOP { throw LoadError.outside(shown, target + " (a link again)") }
        }
        guard fd >= 0 else { throw LoadError.unreadable(shown, String(cString: strerror(errno))) }
        defer { close(fd) }
        return try readBounded(descriptor: fd, shown: shown)
    }

    /// Templates larger than this are refused (the shipped ones are about 30 KB).
    public static let maximumTemplateBytes = 1 << 20

    /// A regular file's text, read from `fd` (opened without blocking: a FIFO is refused, never waited on), at
    /// most `maximumTemplateBytes`.
    static func readBounded(descriptor fd: Int32, shown path: String) throws -> String {
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw LoadError.unreadable(path, "not a regular file")
        }
        var bytes = [UInt8](repeating: 0, count: maximumTemplateBytes + 1)
        var count = 0
        while count < bytes.count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0, errno == EINTR { continue }
            if n < 0 { throw LoadError.unreadable(path, String(cString: strerror(errno))) }
            if n == 0 { break }
            count += n
        }
        guard count <= maximumTemplateBytes else {
            throw LoadError.unreadable(path, "larger than \(maximumTemplateBytes >> 20) MiB")
        }
        return String(decoding: bytes[..<count], as: UTF8.self)
    }

    init(files: [String: String], source: String) throws {
        var library = MustacheLibrary()
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            do {
                try library.register(text, named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw LoadError.invalid("\(source)/\(name).mustache",
                                        "line \(error.context.lineNumber), column \(error.context.columnNumber): "
                                            + "\(error.error) in `\(error.context.line.prefix(80))`")
            } catch {
                throw LoadError.invalid("\(source)/\(name).mustache", "\(error)")
            }
        }
        try Self.checkPartials(files, source: source)
        self.library = library
        texts = files
    }

    /// Every partial a template names exists, and no chain of partials leads back to itself (the engine would
    /// recurse until the stack overflows: a segfault without a message). The page model holds no recursive data,
    /// so any cycle is an error. Dynamic partials (`{{>*name}}`) name templates from the data: refused.
    static func checkPartials(_ files: [String: String], source: String) throws {
        var uses: [String: [String]] = [:]
        for (name, text) in files {
            let found = scanTags(in: text)
            if let problem = found.sectionProblem {
                throw LoadError.invalid("\(source)/\(name).mustache", problem)
            }
            if found.dynamic { throw LoadError.invalid("\(source)/\(name).mustache", "dynamic partials ({{>*...}}) are not supported") }
            for partial in found.names where files[partial] == nil {
                throw LoadError.missingPartial("\(source)/\(name).mustache", partial)
            }
            uses[name] = found.names
        }
        // Depth-first search for a cycle, from every template in a fixed order.
        var done = Set<String>()
        func visit(_ name: String, _ path: [String]) throws {
            if let start = path.firstIndex(of: name) { throw LoadError.recursivePartial(Array(path[start...]) + [name]) }
            guard !done.contains(name) else { return }
            for next in uses[name] ?? [] { try visit(next, path + [name]) }
            done.insert(name)
        }
        for name in uses.keys.sorted() { try visit(name, []) }
        // No cycle, but partials used twice at every level still multiply: 41 levels of `{{> next}}{{> next}}`
        // would render 2^41 copies and never end. Bound what each template expands to, counting every use once
        // (a partial inside a section repeats per row of data on top of this, which the page model bounds).
        var expanded: [String: Double] = [:]
        func size(_ name: String) -> Double {
            if let known = expanded[name] { return known }
            let total = (uses[name] ?? []).reduce(Double(files[name]?.utf8.count ?? 0)) { $0 + size($1) }
            expanded[name] = total
            return total
        }
        for name in uses.keys.sorted() where size(name) > Double(maxExpandedSize) {
            throw LoadError.tooLarge("\(source)/\(name).mustache", "its partials expand to more than "
                + "\(maxExpandedSize / (1 << 20)) MiB of template text (a partial used several times at many levels); "
                + "the page would not end in reasonable time")
        }
    }

    /// The largest template text, partials expanded, that a page may be rendered from.
    static let maxExpandedSize = 16 << 20

    /// The partial names (`{{> name}}`, and `{{< parent}}`, which renders one too) in `text`, following
    /// set-delimiter tags (`{{=<% %>=}}`) as the engine reads them: the Mustache spec's any whitespace, newlines
    /// included, between and around the two delimiters, the new closing one ending at `=`. A scan that missed a
    /// delimiter change the engine makes would miss the partials after it, and a cycle through them recursed
    /// until the stack overflowed (`{{=<%\n%>=}}<%> report.html%>`: SIGSEGV).
    static func partialNames(in text: String) -> (names: [String], dynamic: Bool) {
        let scan = scanTags(in: text)
        return (scan.names, scan.dynamic)
    }

    /// The deepest sections may nest: the engine parses them recursively (a template of 1,000 nested sections,
    /// 12 KB, overflowed its stack: SIGSEGV).
    static let maxSectionDepth = 32

    /// `partialNames`, and the first section problem: nesting deeper than `maxSectionDepth`, or a section opened
    /// inside a section of the same name. Mustache resolves such a name from the enclosing context again, so 40
    /// nested `{{#hosts}}` render 2^40 times for two hosts and the page never ends (found by an adversarial review).
    static func scanTags(in text: String) -> (names: [String], dynamic: Bool, sectionProblem: String?) {
        var open = "{{", close = "}}"
        var names: [String] = []
        var dynamic = false
        var sections: [String] = []
        var problem: String?
        var rest = Substring(text)
        while let start = rest.range(of: open) {
            let afterOpen = rest[start.upperBound...]
            if afterOpen.first == "=" {
                // Read from the text itself, not up to the next closing delimiter: the new closing delimiter may
                // be the old one (`{{=<% }}=}}`).
                var body = afterOpen.dropFirst().drop(while: \.isWhitespace)
                let newOpen = body.prefix(while: { !$0.isWhitespace })
                body = body.dropFirst(newOpen.count).drop(while: \.isWhitespace)
                let newClose = body.prefix(while: { $0 != "=" && !$0.isWhitespace })
                body = body.dropFirst(newClose.count).drop(while: \.isWhitespace)
                if !newOpen.isEmpty, !newClose.isEmpty, body.hasPrefix("="), body.dropFirst().hasPrefix(close) {
                    rest = body.dropFirst().dropFirst(close.count)
                    open = String(newOpen)
                    close = String(newClose)
                    continue
                }
                // Not a set-delimiter tag the engine accepts: it refuses the template; scan on.
            }
            guard let end = afterOpen.range(of: close) else { break }
            var tag = afterOpen[..<end.lowerBound]
            rest = afterOpen[end.upperBound...]
            if tag.hasPrefix("{"), rest.hasPrefix("}") { rest = rest.dropFirst() } // {{{name}}}
            // Whitespace before `>` is not the engine's (it refuses `{{ > x}}`); taking it as a partial only adds a
            // name to check.
            tag = tag.drop(while: \.isWhitespace)
            if tag.hasPrefix(">") || tag.hasPrefix("<") {
                let name = tag.dropFirst().trimmingCharacters(in: .whitespacesAndNewlines)
                if name.hasPrefix("*") { dynamic = true } else if !name.isEmpty { names.append(name) }
            }
            if let first = tag.first, "#^$<".contains(first) {
                let name = tag.dropFirst().trimmingCharacters(in: .whitespacesAndNewlines)
                if problem == nil, sections.contains(name) {
                    problem = "the section '\(name)' is opened inside a section of the same name (Mustache takes the "
                        + "name from the enclosing context again: each level multiplies the page)"
                }
                sections.append(name)
                if problem == nil, sections.count > maxSectionDepth {
                    problem = "sections nest more than \(maxSectionDepth) deep"
                }
            } else if tag.hasPrefix("/") {
                _ = sections.popLast()
            }
        }
        return (names, dynamic, problem)
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
        // What is there is read through the folder's descriptor, never through a link, and at most the template
        // bound: a link (to a 600 MB sparse file, to /etc/shadow) or anything but a small regular file differs.
        let folder = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if folder >= 0 { close(folder) } }
        for (file, name) in zip(files, EmbeddedTemplates.files.keys.sorted()) {
            let entry = name + ".mustache"
            var info = stat()
            guard folder >= 0, fstatat(folder, entry, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                actions.append((file.path, .wrote))
                continue
            }
            let existing = try? readBoundedFile(in: folder, entry, shown: file.path)
            actions.append((file.path, existing == file.text ? .unchanged : .replaced))
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
