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

    /// The absolute path with symbolic links resolved as far as the path exists.
    static func resolved(_ path: String) -> String {
        var url = URL(fileURLWithPath: path).standardizedFileURL
        var missing: [String] = []
        while !FileManager.default.fileExists(atPath: url.path), url.path != "/" {
            missing.insert(url.lastPathComponent, at: 0)
            url.deleteLastPathComponent()
        }
        var base = url.resolvingSymlinksInPath()
        for component in missing { base.appendPathComponent(component) }
        return base.standardizedFileURL.path
    }
}
