import AESReportFiles
import AESReportIngest
import AESReportModel
import Foundation

/// What must hold before a collection starts, checked all at once so that the user learns every problem together.
extension DMCryptCollector {
    /// Everything missing for a real run, each a sentence saying what to do. Empty when all is in place.
    public func missingPrerequisites() -> [String] {
        var missing: [String] = []
        if settings.tool == .fio, runner.locate("fio") == nil {
            missing.append("fio is not installed, and --tool fio runs it for every round (apt-get install fio, or "
                           + "dnf install fio; or --tool dd for the seed's procedure)")
        }
        if geteuid() != 0 {
            missing.append("root is needed to create device-mapper devices: run it with sudo")
        }
        if runner.locate("cryptsetup") == nil {
            missing.append("cryptsetup is not installed (apt-get install cryptsetup-bin, or dnf install cryptsetup)")
        }
        if runner.locate("dd") == nil { missing.append("dd is not on PATH (coreutils)") }
        if !FileManager.default.fileExists(atPath: "/dev/mapper/control") {
            missing.append("device-mapper is not available (no /dev/mapper/control): load it with modprobe -a dm_mod "
                           + "dm_crypt loop (as root the tool does this itself), or run in a VM or container that has it")
        } else if !FileManager.default.fileExists(atPath: "/sys/module/dm_crypt") {
            missing.append("the dm_crypt module is not loaded: modprobe dm_crypt")
        }
        if settings.backing == .file && !FileManager.default.fileExists(atPath: "/dev/loop-control")
            && !FileManager.default.fileExists(atPath: "/sys/module/loop") {
            missing.append("loop devices are not available (no /dev/loop-control), and cryptsetup needs one to open a "
                           + "mapping on the backing file: modprobe loop")
        }
        var info = statvfs()
        if settings.backing == .ramdisk {
            missing += ramdiskProblems()
        } else if statvfs(settings.backingFolder, &info) != 0 {
            missing.append("\(settings.backingFolder) does not exist: mount a tmpfs there or pass --backing-folder")
        } else if let problem = PrivateBacking.folderProblem(settings.backingFolder) {
            missing.append(problem)
        } else {
            let free = UInt64(info.f_bavail) * UInt64(info.f_frsize)
            let needed = UInt64(clamping: settings.sizeMiB).multipliedReportingOverflow(by: 1 << 20).partialValue
            if free < needed {
                missing.append("\(settings.backingFolder) has \(free >> 20) MiB free, \(settings.sizeMiB) MiB are "
                               + "needed: pass a smaller --size or a larger tmpfs")
            }
            if let type = Self.fileSystemType(of: settings.backingFolder), type != "tmpfs", type != "ramfs" {
                missing.append("\(settings.backingFolder) is on \(type), not a tmpfs, so that storage would be measured "
                               + "too: pass --backing-folder with a tmpfs (/dev/shm, /run)")
            }
        }
        if FileManager.default.fileExists(atPath: settings.device) {
            missing.append("\(settings.device) already exists: close it (cryptsetup close \(settings.mappingName)) "
                           + "or pass another --mapping-name")
        }
        return missing
    }

    /// Files of `resultFileNames` already in the output folder: a run without `replace` refuses to start over them.
    /// With fio, every round file of the chosen ciphers counts, beyond `--rounds` too.
    public func existingFiles() -> [String] {
        let listing = (try? FileManager.default.contentsOfDirectory(atPath: settings.output)) ?? []
        let stale = settings.ciphers.flatMap { staleFioRounds(cipher: $0, in: listing) }
        return (settings.resultFileNames + stale).map { settings.output + "/" + $0 }.filter { path in
            var info = stat()
            return lstat(path, &info) == 0
        }
    }

    /// The type of the file system `path` is on, from /proc/self/mounts (the longest mount point that holds it).
    static func fileSystemType(of path: String) -> String? {
        guard let mounts = try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8) else { return nil }
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        var best: (length: Int, type: String)?
        for line in mounts.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { continue }
            let point = fields[1].replacingOccurrences(of: "\\040", with: " ")
            let holds = point == "/" || real == point || real.hasPrefix(point + "/")
            if holds, point.count >= (best?.length ?? -1) { best = (point.count, String(fields[2])) }
        }
        return best?.type
    }
}
