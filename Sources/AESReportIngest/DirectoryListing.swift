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
        /// A regular file (or one whose type the listing does not give; it is checked again when opened).
        case file
        /// A pipe, socket or device: never opened.
        case special
        /// A symbolic link to a file; read only when its target lies inside the input.
        case linkToFile
        case linkToDirectory
        /// A symbolic link whose target does not exist.
        case dangling
    }

    private static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!

    struct ListingError: Error {
        var reason: String
    }

    /// Entries of `folder` other than `.` and `..`, their names as the bytes the file system holds (not
    /// necessarily UTF-8), sorted bytewise for reproducible order.
    static func entries(of folder: InputPath) throws -> [(name: [UInt8], type: EntryType)] {
        let opened = (folder.bytes + [0]).withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { opendir($0) }
        }
        guard let directory = opened else { throw ListingError(reason: String(cString: strerror(errno))) }
        defer { closedir(directory) }
        var entries: [(name: [UInt8], type: EntryType)] = []
        while let entry = readdir(directory) {
            // d_name is read in place: the record readdir returns may be shorter than `struct dirent` (d_reclen),
            // so copying the whole 256-byte field reads past it (AddressSanitizer caught that).
            let namePointer = UnsafeRawPointer(entry).advanced(by: nameOffset).assumingMemoryBound(to: CChar.self)
            let name = Array(UnsafeRawBufferPointer(start: namePointer, count: strlen(namePointer)))
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            let type: EntryType
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): type = .directory
            case Int32(DT_REG): type = .file
            case Int32(DT_LNK): type = linkType(folder.appending(name).bytes)
            case Int32(DT_UNKNOWN): type = statType(folder.appending(name).bytes)
            default: type = .special
            }
            entries.append((name, type))
        }
        entries.sort { $0.name.lexicographicallyPrecedes($1.name) }
        return entries
    }

    private static func withCString<T>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { body($0) }
        }
    }

    private static func linkType(_ path: [UInt8]) -> EntryType {
        var info = stat()
        guard withCString(path, { stat($0, &info) }) == 0 else { return .dangling }
        return (info.st_mode & S_IFMT) == S_IFDIR ? .linkToDirectory : .linkToFile
    }

    private static func statType(_ path: [UInt8]) -> EntryType {
        var info = stat()
        guard withCString(path, { lstat($0, &info) }) == 0 else { return .dangling }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFLNK: return linkType(path)
        case S_IFREG: return .file
        default: return .special
        }
    }
}
