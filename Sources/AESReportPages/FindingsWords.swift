import AESReportModel
import AESReportStats

/// The Findings' sentences in a language (`--lang`): the headline per host, its caveats and its openssl line. The
/// numbers and names inside are the same in every language; only the words around them change.
struct FindingsWords {
    var language: MethodLanguage

    /// `reads`, `writes`; `读取`, `写入`.
    func noun(_ operation: Operation) -> String {
        switch (language, operation) {
        case (.en, .read): "reads"
        case (.en, .write): "writes"
        case (.zh, .read): "读取"
        case (.zh, .write): "写入"
        }
    }

    /// One operation's gains across the host's ciphers: `reads are 43% to 84% faster`, `读取快 43% 至 84%`.
    /// `low` and `high` are unsigned and already ordered for the direction; `change` is the signed form.
    func range(_ operation: Operation, faster: Bool?, low: String, high: String, single: Bool, change: (String, String)) -> String {
        let noun = noun(operation)
        let span = single ? "\(high)%" : (language == .en ? "\(low)% to \(high)%" : "\(low)% 至 \(high)%")
        switch (faster, language) {
        case (true?, .en): return "\(noun) are \(span) faster"
        case (false?, .en): return "\(noun) are \(span) slower"
        case (nil, .en): return "\(noun) change by \(change.0) to \(change.1)"
        case (true?, .zh): return "\(noun)快 \(span)"
        case (false?, .zh): return "\(noun)慢 \(span)"
        case (nil, .zh): return "\(noun)变化 \(change.0) 至 \(change.1)"
        }
    }

    /// The headline: `With AES-NI, reads ... and writes ... on <CPU> guests.`
    func headline(_ parts: [String], cpu: String?, guests: Bool, emulatedBy accelerator: String?) -> String {
        switch language {
        case .en:
            let place = cpu.map { " on \($0)" + (guests ? " guests" : "") } ?? ""
            let emulated = accelerator.map {
                ", measured on an \($0): QEMU's emulation of the AES instructions, not the hardware"
            } ?? ""
            return "With AES-NI, " + parts.joined(separator: " and ") + place + emulated + "."
        case .zh:
            let place = cpu.map { "（\($0)" + (guests ? " 虚拟机" : "") + "）" } ?? ""
            let emulated = accelerator.map { "；测量于 \($0)：QEMU 对 AES 指令的模拟，而非硬件" } ?? ""
            return "启用 AES-NI 后，" + parts.joined(separator: "，") + place + emulated + "。"
        }
    }

    /// `aes-xts-plain reads`, `aes-xts-plain 读取`.
    func series(_ cipher: String, _ operation: Operation) -> String {
        "\(cipher) \(noun(operation))"
    }

    /// `Not significant at 0.05 (Welch's t-test): aes-cbc-plain reads.`
    func notSignificant(_ list: [String], alpha: Double, test: String) -> String {
        language == .en ? "Not significant at \(alpha) (\(test)): " + list.joined(separator: ", ") + "."
            : "在 \(alpha) 水平上不显著（\(test)）：" + list.joined(separator: "、") + "。"
    }

    /// `Untested (too few rounds for the test): aes-cbc-plain reads.`
    func untested(_ list: [String]) -> String {
        language == .en ? "Untested (too few rounds for the test): " + list.joined(separator: ", ") + "."
            : "未检验（轮数太少，无法检验）：" + list.joined(separator: "、") + "。"
    }

    /// `encrypt`, `decrypt`; `加密`, `解密`.
    func direction(_ direction: CipherDirection) -> String {
        language == .en ? direction.rawValue : (direction == .encrypt ? "加密" : "解密")
    }

    /// The openssl line's pieces: ` to `, `(not significant: a, b)`.
    var to: String { language == .en ? " to " : " 至 " }
    func weak(_ algorithms: [String]) -> String {
        language == .en ? " (not significant: " + algorithms.joined(separator: ", ") + ")"
            : "（不显著：" + algorithms.joined(separator: "、") + "）"
    }

    /// `openssl speed with AES-NI (8192-byte blocks), encrypt +412% to +417%, decrypt ... (2 algorithms)`.
    func openssl(size: Int, parts: [String], algorithms: Int, untested: Bool) -> String {
        switch language {
        case .en:
            return "openssl speed with AES-NI (\(size)-byte blocks), " + parts.joined(separator: ", ")
                + " (\(algorithms) algorithm\(algorithms == 1 ? "" : "s"))"
                + (untested ? "; one openssl output per state, so no interval or test (two or more give both: "
                    + "collect openssl --rounds 2)" : "")
        case .zh:
            return "openssl speed 启用 AES-NI（\(size) 字节块），" + parts.joined(separator: "，")
                + "（\(algorithms) 种算法）"
                + (untested ? "；每种状态只有一份 openssl 输出，因此没有区间和检验（两份或以上才有：collect openssl --rounds 2）" : "")
        }
    }

    /// The gains of whole outputs (openssl, cryptsetup, tcrypt) per direction, encrypt first: `encrypt +412% to
    /// +417% (not significant: aes-128-cbc)`, the lowest and highest gain of each, with the names whose gain was
    /// tested and is not significant (untested is not "not significant").
    func directionRanges<Gain: AESNIGain>(_ gains: [Gain], direction: (Gain) -> CipherDirection,
                                          name: (Gain) -> String) -> [String] {
        [CipherDirection.encrypt, .decrypt].compactMap { wanted -> String? in
            let group = gains.filter { direction($0) == wanted }
            guard let low = group.map(\.estimate.percent).min(),
                  let high = group.map(\.estimate.percent).max() else { return nil }
            var text = self.direction(wanted) + " " + PercentText.signed(low)
            if group.count > 1 { text += to + PercentText.signed(high) }
            let weak = group.filter { $0.significant == false }.map(name).uniqued()
            if !weak.isEmpty { text += self.weak(weak) }
            return text
        }
    }

    /// `cryptsetup benchmark with AES-NI, encrypt +10% to +82%, decrypt +9% to +53% (2 ciphers and key sizes;
    /// memory only, no disk)`.
    func cryptsetup(parts: [String], ciphers: Int, untested: Bool) -> String {
        switch language {
        case .en:
            return "cryptsetup benchmark with AES-NI, " + parts.joined(separator: ", ")
                + " (\(ciphers) cipher\(ciphers == 1 ? "" : "s") and key size\(ciphers == 1 ? "" : "s"); memory only, "
                + "no disk)" + (untested ? Self.oneOutputEach : "")
        case .zh:
            return "cryptsetup benchmark 启用 AES-NI，" + parts.joined(separator: "，")
                + "（\(ciphers) 种算法和密钥长度；仅测内存，不含磁盘）" + (untested ? "；每种状态只有一份输出，因此没有区间和检验" : "")
        }
    }

    /// `tcrypt with AES-NI (4096-byte blocks), encrypt -87% to +4949%, ... (4 algorithms, each on the driver the
    /// kernel chose)`.
    func tcrypt(size: Int, parts: [String], algorithms: Int, untested: Bool) -> String {
        switch language {
        case .en:
            return "tcrypt with AES-NI (\(size)-byte blocks), " + parts.joined(separator: ", ")
                + " (\(algorithms) algorithm\(algorithms == 1 ? "" : "s"), each on the driver the kernel chose)"
                + (untested ? Self.oneOutputEach : "")
        case .zh:
            return "tcrypt 启用 AES-NI（\(size) 字节块），" + parts.joined(separator: "，")
                + "（\(algorithms) 种算法，均使用内核选择的驱动）" + (untested ? "；每种状态只有一份输出，因此没有区间和检验" : "")
        }
    }

    private static let oneOutputEach = "; one output per state, so no interval or test"

    /// The full stop that ends a sentence.
    var stop: String { language == .en ? "." : "。" }
}
