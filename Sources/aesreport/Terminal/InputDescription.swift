import AESReportIngest
import AESReportModel

/// Human-readable text for parsed inputs.
enum InputDescription {
    static func text(_ input: ParsedInput) -> String {
        if let log = input.ddLog { return text(log) }
        if let cpu = input.cpu { return "\(TerminalText.escape(input.path)): CPU description\n" + CPUText.summary(cpu) }
        if !input.opensslOutputs.isEmpty { return input.opensslOutputs.map { text($0) }.joined(separator: "\n\n") }
        if let speed = input.openssl { return text(speed) }
        if let benchmark = input.cryptsetup { return text(benchmark) }
        if let output = input.fio { return text(output) }
        if let speed = input.tcrypt { return text(speed) }
        return "\(TerminalText.escape(input.path)): nothing read (\(input.kind.rawValue))"
    }

    static func text(_ log: DDLog) -> String {
        var head = "\(TerminalText.escape(log.path)): dd log"
        if let cipher = log.cipher, let operation = log.operation { head += ", cipher \(TerminalText.escape(cipher)), \(operation.rawValue)" }
        head += ", \(log.roundCount) round\(log.roundCount == 1 ? "" : "s") (\(log.completeRounds.count) complete, \(log.failedRoundCount) failed)"
        let rows = log.rounds.map { round -> [String] in
            [String(round.number), String(round.line), round.recordsIn?.description ?? "-",
             round.recordsOut?.description ?? "-", round.transfer.map { String($0.bytes) } ?? "-",
             round.transfer.map { Output.seconds($0.seconds) } ?? "-",
             round.bytesPerSecond.map { ThroughputFormat.si($0) } ?? "-",
             round.failure.map { "FAILED: \($0)" } ?? "ok"]
        }
        let table = Output.table(["round", "line", "in", "out", "bytes", "time", "throughput", "status"], rows,
                                 rightAligned: [0, 1, 4, 5, 6])
        let notKept = log.failedRoundsNotKept == 0 ? ""
            : "\nand \(log.failedRoundsNotKept) more failed rounds, counted but not listed"
        return head + "\n" + table + notKept
    }

    static func text(_ speed: OpenSSLSpeed) -> String {
        var head = "\(TerminalText.escape(speed.path)): openssl speed, \(speed.direction.rawValue)"
        if let version = speed.version { head += ", \(version)" }
        if let aesni = speed.aesni {
            head += aesni ? ", AES-NI available" : ", AES-NI masked (\(speed.capabilityMask ?? "by capability bits"))"
        }
        let rows = speed.results.map { result -> [String] in
            [result.algorithm, String(result.blockSize), ThroughputFormat.si(result.bytesPerSecond),
             result.operations.map(String.init) ?? "-", result.seconds.map(Output.seconds) ?? "-"]
        }
        return head + "\n" + Output.table(["algorithm", "block", "throughput", "operations", "time"], rows,
                                          rightAligned: [1, 2, 3, 4])
    }

    static func text(_ benchmark: CryptsetupBenchmark) -> String {
        var lines = ["\(TerminalText.escape(benchmark.path)): cryptsetup benchmark"]
        if !benchmark.pbkdf.isEmpty {
            lines.append(Output.table(["kdf", "iterations", "memory KiB", "threads", "key"], benchmark.pbkdf.map {
                [$0.name, String($0.iterations), $0.memoryKiB.map(String.init) ?? "-",
                 $0.threads.map(String.init) ?? "-", $0.keyBits.map { "\($0)-bit" } ?? "-"]
            }, rightAligned: [1, 2, 3]))
        }
        if !benchmark.ciphers.isEmpty {
            lines.append(Output.table(["cipher", "key", "encryption", "decryption"], benchmark.ciphers.map {
                [$0.algorithm, "\($0.keyBits)b", $0.encryption.map { ThroughputFormat.si($0) } ?? "N/A",
                 $0.decryption.map { ThroughputFormat.si($0) } ?? "N/A"]
            }, rightAligned: [1, 2, 3]))
        }
        if let error = benchmark.error { lines.append("cryptsetup error: \(error)") }
        return lines.joined(separator: "\n")
    }
}

/// Human-readable CPU summaries and diffs.
enum CPUText {
    static func summary(_ cpu: CPUDescription) -> String {
        let f = cpu.features
        var rows: [[String]] = [
            ["model", cpu.modelName ?? "(not given)"],
            ["vendor", cpu.vendor ?? "(not given)"],
            ["architecture", cpu.architecture.rawValue],
            ["format", cpu.format.rawValue],
            ["logical CPUs", cpu.logicalCPUs.map(String.init) ?? "(not given)"],
            ["guest", guestText(cpu.guest)],
        ]
        rows += CPUFeature.allCases.map { [$0.label, f.text($0)] }
        rows.append(["flags", String(cpu.flags.count)])
        return Output.table(["feature", "value"], rows)
    }

    /// `yes (KVM)`, `no (no hypervisor flag in the x86 flag list)`, `unknown (aarch64/ARM has no ...)`.
    static func guestText(_ guest: GuestDecision) -> String {
        guest.fact == .yes ? guest.text : "\(guest.fact.rawValue) (\(guest.evidence))"
    }

    static func diff(_ first: (String, CPUDescription), _ second: (String, CPUDescription)) -> String {
        let d = CPUDiff(first.1, second.1)
        func list(_ l: [String]) -> String { l.isEmpty ? "(none)" : l.joined(separator: " ") }
        let flags = CPUFeatures.relevantFlags + Set(first.1.flags + second.1.flags).filter { $0.hasPrefix("avx512") }.sorted()
        let rows = flags.map { flag -> [String] in
            // `-` absent, `n/a` not on that CPU's architecture (`pmull` on x86, `avx` on aarch64).
            func cell(_ cpu: CPUDescription) -> String {
                cpu.hasFlag(flag) ? "yes" : (CPUFeature.flagExists(flag, on: cpu.architecture) ? "-" : "n/a")
            }
            return [flag, cell(first.1), cell(second.1)]
        }.filter { $0[1] == "yes" || $0[2] == "yes" } + [["guest", first.1.guest.fact.rawValue, second.1.guest.fact.rawValue]]
        return """
        first:  \(TerminalText.escape(first.0 + ": " + (first.1.modelName ?? "?") + ", guest " + first.1.guest.text))
        second: \(TerminalText.escape(second.0 + ": " + (second.1.modelName ?? "?") + ", guest " + second.1.guest.text))
        \(Output.table(["feature", "first", "second"], rows))

        only in first (\(d.onlyInFirst.count)):  \(list(d.onlyInFirst))
        only in second (\(d.onlyInSecond.count)): \(list(d.onlyInSecond))
        performance-relevant, only in first:  \(list(d.relevantOnlyInFirst))
        performance-relevant, only in second: \(list(d.relevantOnlyInSecond))
        """
    }
}
