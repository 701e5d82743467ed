#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AESReportModel
import Foundation

/// Which files in the folder are the tool's own to remove: its temporaries of dead runs, its listing, its report
/// names; never another user's file or a link.
extension OutputFolder {
    /// Whether `name` is a temporary file of this tool: `.aesreport-tmp-<pid>-<hex>`; returns the pid.
    static func temporaryPID(_ name: String) -> Int32? {
        guard name.hasPrefix(temporaryPrefix) else { return nil }
        let parts = name.dropFirst(temporaryPrefix.count).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].utf8.count <= 10, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
              !parts[1].isEmpty, parts[1].utf8.count <= 16, parts[1].allSatisfy({ $0.isASCII && $0.isHexDigit }),
              let pid = Int32(parts[0]), pid > 0 else { return nil }
        return pid
    }

    /// Whether `info` is a regular file of the running user with no other name: the test of "ours" for every
    /// file the folder keeps the mode of, reads or removes. A hard link's owner says nothing of who placed it.
    static func isOwnSingleFile(_ info: stat) -> Bool {
        info.st_mode & S_IFMT == S_IFREG && info.st_uid == geteuid() && info.st_nlink == 1
    }

    /// Whether `name` in the folder is a regular file (not a link) that belongs to the running user, with one link.
    func isOwnRegularFile(_ name: String) -> Bool {
        var info = stat()
        return fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 && Self.isOwnSingleFile(info)
    }

    /// Temporary files of killed runs: only the tool's own name grammar, only regular files of the running user,
    /// only when the process in the name is gone. Other users' files (`.thesis.tmp-4000000`,
    /// `.aesreport-tmp-alice-draft`) are never touched.
    func removeStaleTemporaries() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd/\(descriptor)") else { return }
        for name in names {
            guard let pid = temporaryPIDIfDead(name), isOwnRegularFile(name) else { continue }
            _ = pid
            unlinkat(descriptor, name, 0)
        }
    }

    func temporaryPIDIfDead(_ name: String) -> Int32? {
        guard let pid = Self.temporaryPID(name), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { return nil }
        return pid
    }


    /// A name `report` or `compare` writes (`OutputDocument`, and a chart `<kind>[-<host>].<png|svg|pdf>` of an
    /// `OutputChart` kind, the host part of letters, digits, `-` and `_`): the same lists that name the files, so a
    /// new kind cannot be forgotten here. Only such names are removed as stale.
    public static func isReportName(_ name: String) -> Bool {
        guard isPlainName(name), !name.hasPrefix(".") else { return false }
        if OutputDocument(rawValue: name) != nil { return true }
        guard let dot = name.lastIndex(of: "."), OutputChart.extensions.contains(String(name[name.index(after: dot)...])) else {
            return false
        }
        let stem = String(name[..<dot])
        for kind in OutputChart.allCases.lazy.map(\.rawValue) {
            if stem == kind { return true }
            if stem.hasPrefix(kind + "-") {
                let host = stem.dropFirst(kind.count + 1)
                if !host.isEmpty, host.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil
                    || $0 == "-" || $0 == "_" }) { return true }
            }
        }
        return false
    }

    /// The names the previous run recorded (at most 1 MiB read; not followed if a link). A listing that is not a
    /// regular file of the running user is not trusted: another user could name files in it.
    func readListing() -> [String] {
        let fd = openat(descriptor, Self.listingName, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, Self.isOwnSingleFile(info) else { return [] }
        var bytes = [UInt8](repeating: 0, count: 1 << 20)
        var count = 0
        while count < bytes.count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            count += n
        }
        return String(decoding: bytes[..<count], as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
