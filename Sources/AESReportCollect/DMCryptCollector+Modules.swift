import Foundation

/// What `collect dmcrypt` needs of the kernel, and loading it as root: a fresh guest (one booted by `collect vm`, or
/// by hand from a distribution kernel) has neither device-mapper nor loop devices loaded.
extension DMCryptCollector {
    /// A kernel module the procedure needs, and the file that exists once it is loaded (or built in).
    public struct KernelModule: Sendable, Equatable {
        public var name: String
        /// Present when the module is loaded or built in.
        public var evidence: [String]
        public var purpose: String
    }

    /// device-mapper, its crypt target, and loop devices (`cryptsetup open` on a file attaches it to a loop device
    /// with autoclear: without the `loop` module every cipher fails with "Attaching loopback device failed").
    public static let kernelModules = [
        KernelModule(name: "dm_mod", evidence: ["/dev/mapper/control", "/sys/module/dm_mod"], purpose: "device-mapper"),
        KernelModule(name: "dm_crypt", evidence: ["/sys/module/dm_crypt"], purpose: "dm-crypt"),
        KernelModule(name: "loop", evidence: ["/dev/loop-control", "/sys/module/loop"], purpose: "loop devices"),
    ]

    /// The modules of `kernelModules` that are neither loaded nor built in, as `exists` sees the files.
    public static func missingModules(backing: Backing = .file,
                                      exists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) })
        -> [KernelModule] {
        kernelModules.filter { module in
            // A ramdisk needs no loop device.
            !(backing == .ramdisk && module.name == "loop") && !module.evidence.contains(where: exists)
        }
    }

    /// As root, loads the missing modules with one `modprobe -a` and returns what it did, in sentences for the
    /// terminal (nothing when all are there, or when not root: the prerequisites then say what is missing).
    public func loadMissingModules(isRoot: Bool = geteuid() == 0,
                                   exists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) })
        -> [String] {
        let missing = Self.missingModules(backing: settings.backing, exists: exists)
        guard isRoot, !missing.isEmpty else { return [] }
        let command = ExternalCommand("modprobe", ["-a"] + missing.map(\.name))
        let names = missing.map { "\($0.name) (\($0.purpose))" }.joined(separator: ", ")
        do {
            let result = try runner.run(command)
            if result.status == 0 {
                return ["loaded the kernel modules \(names): \(command.shellText)"]
            }
            let reason = result.standardError.split(separator: "\n").last.map(String.init) ?? "no message"
            return ["could not load \(names): `\(command.shellText)` exited with status \(result.status): \(reason)"]
        } catch {
            return ["could not load \(names): \(error)"]
        }
    }

    /// Where the mapping sits: `file`, the seed's file on a tmpfs (`--backing-folder`), opened through a loop
    /// device; `ramdisk`, the kernel's `brd` block device `/dev/ram0` (the seed's "ramdisk"), which needs neither
    /// a tmpfs nor loop devices, loaded with the run's size and unloaded at the end.
    public enum Backing: String, Sendable, CaseIterable {
        case file
        case ramdisk
    }

    /// Why the ramdisk cannot be used, each a sentence: `brd` loaded already (its size is fixed at load time, and
    /// its disks may hold someone's data), or not enough memory.
    func ramdiskProblems() -> [String] {
        var problems: [String] = []
        if FileManager.default.fileExists(atPath: "/sys/module/brd") {
            problems.append("the brd ramdisk module is loaded already (its size is fixed when loaded, and /dev/ram* "
                            + "may be in use): rmmod brd, or use --backing file")
        }
        if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
           let kib = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }), kib / 1024 < settings.sizeMiB {
            problems.append("a ramdisk of \(settings.sizeMiB) MiB needs that much memory and \(kib / 1024) MiB are "
                            + "available: pass a smaller --size")
        }
        return problems
    }
}
