#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists a folder with `readdir`, taking each entry's type from the directory itself where the file system gives
/// it (`d_type`), so a folder of a hundred thousand files costs one pass and no `stat` per plain file.
enum DirectoryListing {
    enum EntryType: Equatable {
        case directory
        /// A regular file, or anything else that is not a folder (pipes and devices are refused when read).
        case file
        case linkToDirectory
        /// A symbolic link whose target does not exist.
        case dangling
    }

    private static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!

    struct ListingError: Error {
        var reason: String
    }

    /// Entries of `path` other than `.` and `..`, sorted by name (bytewise, for reproducible order).
    static func entries(of path: String) throws -> [(name: String, type: EntryType)] {
        guard let directory = opendir(path) else { throw ListingError(reason: String(cString: strerror(errno))) }
        defer { closedir(directory) }
        var entries: [(name: String, type: EntryType)] = []
        while let entry = readdir(directory) {
            // d_name is read in place: the record readdir returns may be shorter than `struct dirent` (d_reclen),
            // so copying the whole 256-byte field reads past it (AddressSanitizer caught that).
            let namePointer = UnsafeRawPointer(entry).advanced(by: nameOffset).assumingMemoryBound(to: CChar.self)
            let name = String(decoding: UnsafeRawBufferPointer(start: namePointer, count: strlen(namePointer)),
                              as: UTF8.self)
            if name == "." || name == ".." { continue }
            let child = path.hasSuffix("/") ? path + name : path + "/" + name
            let type: EntryType
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): type = .directory
            case Int32(DT_LNK): type = linkType(child)
            case Int32(DT_UNKNOWN): type = statType(child)
            default: type = .file
            }
            entries.append((name, type))
        }
        entries.sort { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        return entries
    }

    private static func linkType(_ path: String) -> EntryType {
        var info = stat()
        guard stat(path, &info) == 0 else { return .dangling }
        return (info.st_mode & S_IFMT) == S_IFDIR ? .linkToDirectory : .file
    }

    private static func statType(_ path: String) -> EntryType {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .dangling }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFLNK: return linkType(path)
        default: return .file
        }
    }
}
