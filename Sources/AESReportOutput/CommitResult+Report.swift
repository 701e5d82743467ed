import AESReportFiles
import AESReportModel

extension OutputFolder.CommitResult {
    /// The names written, index.html first (it is the file to open), the others in the order staged.
    public var writtenPageFirst: [String] {
        let page = OutputDocument.page.rawValue
        return written.filter { $0 == page } + written.filter { $0 != page }
    }

    /// One diagnostic per file that failed for its own reason; files that failed for the same reason (a read-only
    /// folder, a full disk) are one error naming the folder, the reason and the files in one line.
    public func failureDiagnostics(folder: String) -> [Diagnostic] {
        var reasons: [String] = []
        var names: [String: [String]] = [:]
        for failure in failed {
            if names[failure.reason] == nil { reasons.append(failure.reason) }
            names[failure.reason, default: []].append(failure.name)
        }
        return reasons.map { reason in
            let files = names[reason, default: []]
            return files.count == 1
                ? Diagnostic(file: folder + "/" + files[0], line: nil, severity: .error, message: "not written: \(reason)")
                : Diagnostic(file: folder, line: nil, severity: .error,
                             message: "cannot write into this folder: \(reason); \(files.count) files not written: "
                                 + files.joined(separator: ", "))
        }
    }
}
