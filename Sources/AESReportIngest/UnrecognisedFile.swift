import AESReportModel

/// What discovery does with a file whose name follows none of the known namings: it is read by its content when
/// that content is a known format, and otherwise listed as not read, with the reason. Nothing in a result folder
/// is skipped without a word.
enum UnrecognisedFile {
    enum Outcome: Equatable {
        /// Read as `kind`, found by content; the note says so.
        case read(InputKind, note: String)
        /// Not read, and why.
        case unread(Severity, reason: String)
    }

    /// Compressed logs other than gzip are not opened (gzip is read through zlib); they are named with the command
    /// that opens them.
    static let compressors: [String: String] = ["gz": "gunzip -k", "tgz": "tar -xzf", "xz": "unxz -k",
                                                "zst": "unzstd", "bz2": "bunzip2 -k", "lz4": "unlz4",
                                                "zip": "unzip", "7z": "7z x"]
    /// Files that are certainly not logs: images, documents, data tables, earlier reports.
    static let notLogs: Set<String> = ["png", "svg", "pdf", "jpg", "jpeg", "gif", "webp", "html", "htm", "css",
                                       "js", "json", "csv", "tsv", "md", "xlsx", "xls", "ods", "odt", "docx",
                                       "doc", "tar", "iso", "img", "qcow2", "sh", "py", "manifest"]

    static func classify(path: InputPath, name: String, policy: ReadPolicy = ReadPolicy()) -> Outcome {
        let lower = name.lowercased()
        let ext = lower.split(separator: ".", omittingEmptySubsequences: false).count > 1
            ? String(lower.split(separator: ".", omittingEmptySubsequences: false).last!) : ""
        // gzip is read through zlib (`GzipInflater`): a known name is taken by `InputKind.fromName`, any other
        // `.gz` is told by its decompressed content below.
        if let command = compressors[ext], ext != "gz" {
            let inner = String(name.dropLast(ext.count + 1))
            let known = InputKind.fromName(inner)
            return .unread(known == nil ? .note : .warning,
                           reason: "compressed (.\(ext)), not read" + (known.map { ": a \(describe($0)) by its name" } ?? "")
                               + "; decompress it first (\(command) \(ShellWord.file(name)))")
        }
        if notLogs.contains(ext) && ext != "json" {
            return .unread(.note, reason: "not read: a .\(ext) file is not a benchmark log")
        }
        let prefix: [UInt8]
        do {
            prefix = try InputKind.readPrefix(path: path, count: InputKind.sniffLength, policy: policy)
        } catch {
            return .unread(.warning, reason: "cannot be read: \(error)")
        }
        if prefix.contains(0) {
            return .unread(.note, reason: "not read: binary content")
        }
        // A .json file is read only when it is fio's (`"fio version"`); an earlier report's summary.json is not.
        if ext == "json" {
            guard InputKind.sniff(prefix) == .fio else {
                return .unread(.note, reason: "not read: a .json file that is not fio output is not a benchmark log")
            }
        }
        guard let kind = InputKind.sniff(prefix), kind != .cpuDescription || looksLikeCPUDump(prefix) else {
            return .unread(.note, reason: "not read: neither its name nor its content is a format this tool knows "
                + "(dd output, fio output, openssl speed, cryptsetup benchmark, tcrypt, /proc/cpuinfo or lscpu)")
        }
        var note = "read as \(describe(kind)) by its content (the name does not say so)"
        if kind == .fio {
            note += "; fio's jobs name the cipher and rw the operation where the name does not (expected "
                + "fio-<cipher>-<read|write>[-r<N>].json)"
        }
        if kind == .ddLog {
            note += "; the name does not give the cipher and operation either (expected <cipher>-read.txt or "
                + "<cipher>-write.txt), so its rounds are in no series: rename it to use them"
        }
        return .read(kind, note: note)
    }

    static func describe(_ kind: InputKind) -> String {
        switch kind {
        case .ddLog: "dd output"
        case .cpuDescription: "CPU dump"
        case .opensslSpeed: "openssl speed output"
        case .cryptsetupBenchmark: "cryptsetup benchmark output"
        case .fio: "fio output"
        case .tcrypt: "tcrypt speed output"
        case .sbcBench: "sbc-bench log"
        }
    }

    /// The content sniffer takes any text that mentions "flags" for a CPU dump; a file found by content alone must
    /// have a cpuinfo or lscpu line (`flags :`, `Features :`, `model name :`, `vendor_id :`, `Flags:`), or a note
    /// that mentions flags would become a CPU dump and so evidence of an AES-NI state.
    static func looksLikeCPUDump(_ bytes: [UInt8]) -> Bool {
        var found = false
        LineReader.forEachLine(in: bytes) { line in
            guard !found else { return }
            let text = String(decoding: line.bytes, as: UTF8.self).lowercased()
            guard let colon = text.firstIndex(of: ":") else { return }
            let key = String(text[..<colon]).trimmingWhitespace()
            found = ["flags", "features", "model name", "vendor_id"].contains(key)
        }
        return found
    }
}
