#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Where a report may be written: never inside a folder it reads, unless the user says so, so that a report cannot
/// mix into (or be read back as) benchmark results; and only to a path that can be a folder.
public enum OutputLocation {
    /// The input that `output` lies in or is, if any: paths compared after resolving `.`/`..` and symbolic links,
    /// and the output's existing folders compared by device and inode with each input, so a bind mount (or a
    /// hard-linked path) of an input folder is caught too.
    public static func inputContaining(output: String, inputs: [String]) -> String? {
        let out = resolved(output)
        let outFolders = existingFolders(of: out)
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue else {
                continue
            }
            let folder = resolved(input)
            if out == folder || out.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/") { return input }
            var info = stat()
            if stat(input, &info) == 0, outFolders.contains(where: { $0.device == info.st_dev && $0.inode == info.st_ino }) {
                return input
            }
        }
        return nil
    }

    /// Device and inode of `path` and of every folder above it that exists.
    static func existingFolders(of path: String) -> [(device: UInt64, inode: UInt64)] {
        var result: [(device: UInt64, inode: UInt64)] = []
        var url = URL(fileURLWithPath: path)
        while true {
            var info = stat()
            if stat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
                result.append((UInt64(info.st_dev), UInt64(info.st_ino)))
            }
            if url.path == "/" { break }
            url.deleteLastPathComponent()
        }
        return result
    }

    /// Why `path` cannot be the folder `option` names, in a sentence; nil when it can (a folder, or nothing yet).
    /// An empty path (an unset `$OUT`) would otherwise resolve to the current folder or `/`.
    public static func problem(folder path: String, option: String) -> String? {
        if path.isEmpty {
            return "\(option) is empty (an unset shell variable?): give the folder to write into"
        }
        var link = stat()
        guard lstat(path, &link) == 0 else { return nil } // nothing there yet: it will be created
        var info = stat()
        if stat(path, &info) != 0 {
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
            return "\(option) \(path) is a symbolic link to \(target), which does not exist: give a folder, or remove "
                + "the link"
        }
        let kind: String
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return nil
        case S_IFREG: kind = "a file"
        case S_IFIFO: kind = "a FIFO (named pipe)"
        case S_IFSOCK: kind = "a socket"
        case S_IFCHR, S_IFBLK: kind = "a device"
        default: kind = "not a folder"
        }
        return "\(option) \(path) is \(kind), not a folder: give a folder to write into"
    }

    /// The absolute path as the kernel would reach it: the deepest part of the path that exists is resolved with
    /// `realpath` (links first, then `..`, as the kernel walks it: `x/lnk/../out` is the folder above lnk's
    /// target, not `x/out`); only the missing rest, which holds no link, is tidied lexically.
    static func resolved(_ path: String) -> String {
        var absolute = path
        if !absolute.hasPrefix("/") {
            absolute = FileManager.default.currentDirectoryPath + "/" + absolute
        }
        var components = absolute.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var missing: [String] = []
        while true {
            let candidate = "/" + components.joined(separator: "/")
            if let real = realpath(candidate, nil) {
                defer { free(real) }
                var base = String(cString: real).split(separator: "/").map(String.init)
                for component in missing {
                    switch component {
                    case ".": continue
                    case "..": if !base.isEmpty { base.removeLast() }
                    default: base.append(component)
                    }
                }
                return "/" + base.joined(separator: "/")
            }
            guard let last = components.popLast() else { return "/" }
            missing.insert(last, at: 0)
        }
    }
}
