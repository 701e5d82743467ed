import AESReportModel

/// Decides a run's AES-NI state from every piece of evidence in its folder, and reports each disagreement.
///
/// Evidence, most specific first:
/// 1. a result file's own line: openssl's `CPUINFO: OPENSSL_ia32cap=` (AES-NI bit set or clear). It decides for that
///    output whatever else says; it decides the run when the run holds no dd logs and all such lines agree;
/// 2. the driver the kernel's tcrypt ran AES with (`xts-aes-aesni`: with; `aes-generic`: without): which code the
///    run's own kernel used, the most direct proof there is of a run's state;
/// 3. the manifest's `aesni`;
/// 4. the CPU dumps in the run folder (`aes` flag present or not; a dump without any flags says nothing);
/// 5. the folder name (`with-aesni`, `no-aesni`, ...);
/// 6. `--assume-aesni`, only when nothing above says anything (so it never contradicts).
/// Every pair of sources that disagree gives one warning naming both places; a state is never overridden silently.
struct AESNIDecision {
    var aesni: Bool?
    var source: AESNISource?
    var evidence: [AESNIEvidence]
    var diagnostics: [Diagnostic] = []

    init(folder: String, folderName: String, manifest: RunManifest, manifestPath: String,
         dumps: [(path: String, cpu: CPUDescription)], openssl: [OpenSSLSpeed], tcrypt: [TcryptSpeed] = [],
         hasDDLogs: Bool, assume: Bool?) {
        let fileLines = openssl.compactMap { speed in
            speed.aesni.map { AESNIEvidence(source: .opensslCPUInfo, aesni: $0, path: speed.path,
                                            line: speed.capabilityLine) }
        }
        var runLevel: [AESNIEvidence] = []
        for speed in tcrypt {
            if let (test, state) = speed.aesniEvidence {
                runLevel.append(AESNIEvidence(source: .tcryptDriver, aesni: state, path: speed.path, line: test.line))
            }
        }
        if let state = manifest.aesni {
            runLevel.append(AESNIEvidence(source: .manifest, aesni: state, path: manifestPath, line: manifest.aesniLine))
        }
        for dump in dumps where !dump.cpu.flagSet.isEmpty {
            runLevel.append(AESNIEvidence(source: .cpuDump, aesni: dump.cpu.hasHardwareAES, path: dump.path))
        }
        if let state = FolderNameAESNI.state(of: folderName) {
            runLevel.append(AESNIEvidence(source: .folderName, aesni: state, path: folder))
        }
        evidence = fileLines + runLevel
        let unanimousLines = !fileLines.isEmpty && Set(fileLines.map(\.aesni)).count == 1
        if unanimousLines && !hasDDLogs {
            (aesni, source) = (fileLines[0].aesni, .opensslCPUInfo)
        } else if let first = runLevel.first {
            (aesni, source) = (first.aesni, first.source)
        } else if let assume {
            (aesni, source) = (assume, .option)
        }
        if let assume {
            evidence.append(AESNIEvidence(source: .option, aesni: assume, path: folder))
            if let aesni, source != .option, assume != aesni {
                diagnostics.append(Diagnostic(
                    file: folder, line: nil, severity: .note,
                    message: "--assume-aesni \(assume ? "on" : "off") is not used for this run: "
                        + "\(Self.sourceName(source!)) says \(AESNIStateText.of(aesni)), and the option only decides runs "
                        + "nothing else does"))
            }
        }
        masks = Dictionary(openssl.compactMap { speed in speed.capabilityMask.map { (speed.path, $0) } },
                           uniquingKeysWith: { first, _ in first })
        reportDisagreements(fileLines: fileLines, runLevel: runLevel)
    }

    /// The `env:` masks of the openssl outputs, by path, to say what masked AES-NI.
    private var masks: [String: String] = [:]

    /// One warning per pair of run-level sources that disagree, and one per run-level source that a group of
    /// files' own lines contradict (the files are counted and the first few named, not one warning each).
    private mutating func reportDisagreements(fileLines: [AESNIEvidence], runLevel: [AESNIEvidence]) {
        let decided = source.map { " The run counts as \(AESNIStateText.of(aesni)) (from \(Self.sourceName($0)))." } ?? ""
        for (index, a) in runLevel.enumerated() {
            for b in runLevel[(index + 1)...] where a.aesni != b.aesni {
                diagnostics.append(Diagnostic(
                    file: a.path, line: a.line, severity: .warning,
                    message: "\(Self.says(a)), but \(Self.says(b, naming: true))." + decided
                        + " Check that the files belong to this run, or fix the one that is wrong."))
            }
        }
        for state in [true, false] {
            let lines = fileLines.filter { $0.aesni == state }
            guard !lines.isEmpty else { continue }
            for other in runLevel where other.aesni != state {
                let named = lines.prefix(3).map(\.place).joined(separator: ", ")
                    + (lines.count > 3 ? " and \(lines.count - 3) more" : "")
                let subject = lines.count == 1 ? "this openssl output's CPUINFO line says"
                    : "\(lines.count) openssl outputs' CPUINFO lines (\(named)) say"
                let setMasks = Set(lines.compactMap { masks[$0.path] })
                let how = state ? "available" : setMasks.count == 1 ? "masked (OPENSSL_ia32cap=\(setMasks.first!))"
                    : "masked or absent"
                diagnostics.append(Diagnostic(
                    file: lines[0].path, line: lines[0].line, severity: .warning,
                    message: "\(subject) AES-NI was \(how) (\(AESNIStateText.of(state))), "
                        + "but \(Self.says(other, naming: true)); each output counts by its own line, the most "
                        + "specific evidence"))
            }
        }
    }

    static func sourceName(_ source: AESNISource) -> String {
        switch source {
        case .opensslCPUInfo: "openssl's CPUINFO lines"
        case .tcryptDriver: "the tcrypt driver"
        case .manifest: "the manifest"
        case .cpuDump: "the CPU dump"
        case .folderName: "the folder name"
        case .option: "--assume-aesni"
        }
    }

    /// "the manifest says aesni = yes (with AES-NI)"; with `naming`, the place is named too.
    static func says(_ evidence: AESNIEvidence, naming: Bool = false) -> String {
        let where_ = naming ? " (\(evidence.place))" : ""
        switch evidence.source {
        case .opensslCPUInfo:
            return "openssl's CPUINFO line\(where_) has the AES-NI bit \(evidence.aesni ? "set" : "clear")"
        case .tcryptDriver:
            return "tcrypt\(where_) ran AES on a driver \(evidence.aesni ? "with" : "without") AES-NI"
        case .manifest:
            return "the manifest\(where_) says aesni = \(evidence.aesni ? "yes" : "no")"
        case .cpuDump:
            return "the CPU dump\(where_) \(evidence.aesni ? "has" : "lacks") the 'aes' flag "
                + "(\(AESNIStateText.of(evidence.aesni)))"
        case .folderName:
            let name = evidence.path.split(separator: "/").last.map(String.init) ?? evidence.path
            return "the folder name '\(name)' says \(AESNIStateText.of(evidence.aesni))"
        case .option:
            return "--assume-aesni says \(AESNIStateText.of(evidence.aesni))"
        }
    }
}
