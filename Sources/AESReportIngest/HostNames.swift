import Foundation

/// Names host folders for people: by their last component, or, where two different folders share it (`dc1/node01`
/// and `dc2/node01` are two machines), by the shortest path suffix that tells them apart. Folders are compared as
/// absolute paths, so `with-aesni` and `no-aesni` given from inside the host folder still share their host.
public enum HostNames {
    /// The absolute, lexically normalised form of `path` (`.`/`..` resolved, no trailing slash; links not followed).
    public static func absolute(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The folder holding `path` (its absolute parent); `nil` for `/`.
    public static func parent(of path: String) -> String? {
        let full = absolute(path)
        guard full != "/", let slash = full.lastIndex(of: "/") else { return nil }
        return slash == full.startIndex ? "/" : String(full[..<slash])
    }

    /// A name for each of `folders` (absolute paths): the last component where it is unique among them, else the
    /// shortest suffix (the same number of components for every folder sharing that last component) that differs.
    public static func names(for folders: some Sequence<String>) -> [String: String] {
        let distinct = Set(folders)
        let components = Dictionary(uniqueKeysWithValues: distinct.map { ($0, $0.split(separator: "/").map(String.init)) })
        let byLast = Dictionary(grouping: distinct) { components[$0]!.last ?? "/" }
        var names: [String: String] = [:]
        for (_, group) in byLast {
            let depth = (1...max(1, group.map { components[$0]!.count }.max() ?? 1)).first { depth in
                Set(group.map { suffix(components[$0]!, depth) }).count == group.count
            } ?? Int.max
            for folder in group {
                names[folder] = folder == "/" ? "/" : suffix(components[folder]!, depth)
            }
        }
        return names
    }

    private static func suffix(_ components: [String], _ depth: Int) -> String {
        components.suffix(depth).joined(separator: "/")
    }
}
