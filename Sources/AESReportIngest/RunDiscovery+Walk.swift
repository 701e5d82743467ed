import AESReportModel
import Dispatch
import Foundation

extension RunDiscovery {
    // MARK: - Walking

    struct FolderContents {
        var files: [(InputPath, InputKind)] = []
        var manifest: InputPath?
        /// Files not read, or read by content, each with a note or warning saying so.
        var unread: [Diagnostic] = []
        var hasResults: Bool { files.contains { $0.1 != .cpuDescription } }
    }

    /// A path given on the command line: a folder is walked, a file is read as its folder's run.
    func walkTop(_ path: InputPath, into folders: inout [String: FolderContents],
                         visited: inout Set<[UInt8]>, diagnostics: inout [Diagnostic], policy: ReadPolicy) {
        // A path named on the command line (often by a shell glob in a shared folder) that is another user's link
        // is not followed: root would read, and publish, whatever that user points it at.
        var linkInfo = stat()
        let isLink = (path.bytes + [0]).withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { lstat($0, &linkInfo) }
        } == 0 && (linkInfo.st_mode & S_IFMT) == S_IFLNK
        if isLink, linkInfo.st_uid != geteuid(), linkInfo.st_uid != 0 {
            diagnostics.append(Diagnostic(
                file: path.display, line: nil, severity: .error,
                message: "a link owned by another user (uid \(linkInfo.st_uid)), not followed: give the folder or file "
                    + "it points to instead, if you trust it"))
            return
        }
        var info = stat()
        let found = (path.bytes + [0]).withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { stat($0, &info) }
        }
        guard found == 0 else {
            let reason = errno == ENOENT ? "no such file or folder" : "cannot be read: " + String(cString: strerror(errno))
            diagnostics.append(Diagnostic(file: path.display, line: nil, severity: .error, message: reason))
            return
        }
        guard (info.st_mode & S_IFMT) != S_IFDIR else {
            walk(path, into: &folders, visited: &visited, diagnostics: &diagnostics, policy: policy)
            return
        }
        // A file named on the command line: its folder is the run.
        let folder = parent(of: path.display) ?? "."
        if let kind = InputKind.fromName(path.display) {
            folders[folder, default: FolderContents()].files.append((path, kind))
        } else {
            switch UnrecognisedFile.classify(path: path, name: name(of: path.display), policy: policy) {
            case let .read(kind, note):
                folders[folder, default: FolderContents()].files.append((path, kind))
                diagnostics.append(Diagnostic(file: path.display, line: nil, severity: .note, message: note))
            case let .unread(severity, reason):
                // Named on the command line: at least a warning.
                diagnostics.append(Diagnostic(file: path.display, line: nil, severity: max(severity, .warning),
                                              message: reason))
            }
        }
    }

    /// Paths this long cannot be opened (`ENAMETOOLONG`); what lies there is reported, not skipped in silence.
    static let pathMax = Int(PATH_MAX)

    /// Walks the folder `path`, whose real path is `knownReal` when the caller knows it: a folder listed as one
    /// (`d_type`, not a link: links to folders are not followed) below a folder whose real path is known has its
    /// parent's real path plus its name, so only a walk's top folder costs a `realpath` (several system calls).
    func walk(_ path: InputPath, real knownReal: [UInt8]? = nil, into folders: inout [String: FolderContents],
              visited: inout Set<[UInt8]>, diagnostics: inout [Diagnostic], policy: ReadPolicy) {
        let real = knownReal ?? ReadPolicy.realPath(path.bytes) ?? path.bytes
        guard visited.insert(real).inserted else {
            diagnostics.append(Diagnostic(file: path.display, line: nil, severity: .note,
                                          message: "folder already visited (given twice, or reached again through "
                                              + "a symbolic link), skipped"))
            return
        }
        let entries: [(name: [UInt8], type: DirectoryListing.EntryType)]
        do {
            entries = try DirectoryListing.entries(of: path)
        } catch let error as DirectoryListing.ListingError {
            diagnostics.append(Diagnostic(file: path.display, line: nil, severity: .error,
                                          message: "cannot list folder: \(error.reason)"))
            return
        } catch {
            return
        }
        var contents = FolderContents()
        var tooLong: [String] = []
        for (entryBytes, type) in entries where entryBytes.first != UInt8(ascii: ".") {
            let child = path.appending(entryBytes)
            let entry = InputPath.escaped(entryBytes)
            if child.bytes.count >= Self.pathMax {
                tooLong.append(entry)
                continue
            }
            var type = type
            if type == .linkToFile {
                // Read only when the target lies inside the input: a link to /etc/shadow in a result folder is
                // named, never opened. (The open descriptor is checked again, should the link change meanwhile.)
                if let target = ReadPolicy.realPath(child.bytes) {
                    guard policy.contains(real: target) else {
                        contents.unread.append(Diagnostic(file: child.display, line: nil, severity: .note,
                                                          message: "symbolic link to a file outside the input, not read"))
                        continue
                    }
                    type = .file
                } else {
                    type = .dangling
                }
            }
            switch type {
            case .directory:
                let childReal = real.last == UInt8(ascii: "/") ? real + entryBytes : real + [UInt8(ascii: "/")] + entryBytes
                walk(child, real: childReal, into: &folders, visited: &visited, diagnostics: &diagnostics,
                     policy: policy)
            case .linkToDirectory:
                diagnostics.append(Diagnostic(file: child.display, line: nil, severity: .note,
                                              message: "symbolic link to a folder, not followed"))
            case .dangling:
                if InputKind.fromName(entry) != nil || entry == RunManifest.fileName {
                    diagnostics.append(Diagnostic(file: child.display, line: nil, severity: .warning,
                                                  message: "cannot be read: a dangling link, or removed while listed"))
                }
            case .special:
                // Never opened (a device may act on open). Named like a result, it is reported wherever it is.
                let refused = Diagnostic(file: child.display, line: nil, severity: .warning,
                                         message: "not a regular file (a pipe, socket or device), not read")
                if InputKind.fromName(entry) != nil || entry == RunManifest.fileName {
                    diagnostics.append(refused)
                } else {
                    contents.unread.append(Diagnostic(file: refused.file, line: nil, severity: .note,
                                                      message: refused.message))
                }
            case .file, .linkToFile:
                if entry == RunManifest.fileName {
                    contents.manifest = child
                } else if let kind = InputKind.fromName(entry) {
                    contents.files.append((child, kind))
                } else {
                    switch UnrecognisedFile.classify(path: child, name: entry, policy: policy) {
                    case let .read(kind, note):
                        contents.files.append((child, kind))
                        contents.unread.append(Diagnostic(file: child.display, line: nil, severity: .note,
                                                          message: note))
                    case let .unread(severity, reason):
                        contents.unread.append(Diagnostic(file: child.display, line: nil, severity: severity,
                                                          message: reason))
                    }
                }
            }
        }
        if !tooLong.isEmpty {
            // Reported wherever the folder is (deep trees have no results above them to attach it to).
            diagnostics.append(Diagnostic(
                file: path.display, line: nil, severity: .warning,
                message: "\(tooLong.count) entr\(tooLong.count == 1 ? "y" : "ies") of this folder (\(Excerpt.of(tooLong[0]))"
                    + "\(tooLong.count > 1 ? ", ..." : "")) have paths longer than PATH_MAX (\(Self.pathMax) bytes) "
                    + "and are not read, nor anything below them; move the results to a shallower folder"))
        }
        splitByFileNameState(&contents, folder: path.display, into: &folders)
        splitSBCBenchLogs(&contents, folder: path.display, into: &folders)
        if !contents.files.isEmpty || contents.manifest != nil || !contents.unread.isEmpty {
            let key = path.display
            folders[key, default: FolderContents()].files.append(contentsOf: contents.files)
            folders[key]!.manifest = folders[key]!.manifest ?? contents.manifest
            folders[key]!.unread.append(contentsOf: contents.unread)
        }
    }

    /// Result files whose names carry the AES-NI state (`aesni-<cipher>-read.txt`, `<cipher>-noaesni-write.txt`)
    /// in a folder whose own name says nothing of it: each state's files become a run of their own beneath the
    /// folder, named `with-aesni (file names)` / `no-aesni (file names)`, so the state is the folder-name evidence
    /// of that run and the folder is their host. (A flat folder of both gave one run of unknown state.)
    func splitByFileNameState(_ contents: inout FolderContents, folder: String,
                              into folders: inout [String: FolderContents]) {
        guard FolderNameAESNI.state(of: name(of: HostNames.absolute(folder))) == nil else { return }
        var kept: [(InputPath, InputKind)] = []
        var byState: [Bool: [(InputPath, InputKind)]] = [:]
        for file in contents.files {
            if file.1 != .cpuDescription, let state = ResultFileName(path: file.0.display)?.aesni {
                byState[state, default: []].append(file)
            } else {
                kept.append(file)
            }
        }
        guard !byState.isEmpty else { return }
        contents.files = kept
        for (state, files) in byState {
            let key = folder + "/" + Self.fileNameStateFolder(state)
            folders[key, default: FolderContents()].files.append(contentsOf: files)
        }
    }

    /// A folder of several sbc-bench logs holds several machines: each log becomes a run of its own beneath the
    /// folder (`<file> (sbc-bench)`), its CPU from the lscpu inside it, and the folder is their host, so the boards
    /// with and without AES instructions pool into the two sides of one comparison.
    func splitSBCBenchLogs(_ contents: inout FolderContents, folder: String,
                           into folders: inout [String: FolderContents]) {
        let logs = contents.files.filter { $0.1 == .sbcBench }
        guard logs.count > 1 else { return }
        contents.files.removeAll { $0.1 == .sbcBench }
        for log in logs {
            let key = folder + "/" + name(of: log.0.display) + " (sbc-bench)"
            folders[key, default: FolderContents()].files.append(log)
        }
    }

    /// The run name of files whose names say `state`.
    static func fileNameStateFolder(_ state: Bool) -> String {
        state ? "with-aesni (file names)" : "no-aesni (file names)"
    }

    func parent(of path: String) -> String? {
        guard let slash = path.lastIndex(of: "/") else { return nil }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }

    func name(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
