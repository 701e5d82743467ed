import AESReportModel
import AESReportStats

/// The words on charts, in English or Chinese (`--lang zh` gives the seed's captions).
public enum ChartLanguage: String, Sendable, CaseIterable {
    case en, zh

    func throughputTitle(_ operation: Operation) -> String {
        switch (self, operation) {
        case (.en, .read): "AES-NI and dm-crypt read throughput by cipher"
        case (.en, .write): "AES-NI and dm-crypt write throughput by cipher"
        case (.zh, .read): "AESNI 在各 AES 加密算法下读性能优势"
        case (.zh, .write): "AESNI 在各 AES 加密算法下写性能优势"
        }
    }

    var speedupTitle: String {
        self == .en ? "What AES-NI buys, by cipher" : "AESNI 在各 AES 加密算法下的性能提升"
    }

    func twoHostTitle(_ operation: Operation) -> String {
        switch (self, operation) {
        case (.en, .read): "Read throughput, two hosts compared"
        case (.en, .write): "Write throughput, two hosts compared"
        case (.zh, .read): "两台主机的读性能对比"
        case (.zh, .write): "两台主机的写性能对比"
        }
    }

    /// `keySizes`: the key sizes of the chart's algorithms (`[128]`, `[128, 256]`), named in the Chinese title.
    func opensslTitle(_ direction: CipherDirection, byAlgorithm: Bool = false, keySizes: [Int] = [128, 256]) -> String {
        let keys = "AES" + keySizes.map(String.init).joined(separator: "/")
        return switch (self, direction) {
        case (.en, .encrypt) where byAlgorithm: "openssl speed: AES encryption by algorithm"
        case (.en, .decrypt) where byAlgorithm: "openssl speed: AES decryption by algorithm"
        case (.en, .encrypt): "openssl speed: AES encryption by block size"
        case (.en, .decrypt): "openssl speed: AES decryption by block size"
        case (.zh, .encrypt): "\(keys) 利用 AESNI 的加密性能提升"
        case (.zh, .decrypt): "\(keys) 利用 AESNI 的解密性能提升"
        }
    }

    var opensslSpeedupTitle: String {
        self == .en ? "openssl speed: what AES-NI buys, by algorithm" : "openssl speed：AESNI 在各算法下的性能提升"
    }

    func tcryptSpeedupTitle(blockSize: Int) -> String {
        self == .en ? "Kernel tcrypt: what AES-NI buys, by algorithm (\(blockSize)-byte blocks)"
            : "内核 tcrypt：AESNI 在各算法下的性能提升（\(blockSize) 字节块）"
    }

    var encrypt: String { self == .en ? "encrypt" : "加密" }
    var decrypt: String { self == .en ? "decrypt" : "解密" }

    var cryptsetupTitle: String {
        self == .en ? "cryptsetup benchmark: encryption and decryption" : "cryptsetup benchmark：加密与解密吞吐量"
    }

    var withAESNI: String { self == .en ? "with AES-NI" : "有 AESNI" }
    var withoutAESNI: String { self == .en ? "without AES-NI" : "无 AESNI" }
    var throughput: String { self == .en ? "Throughput" : "吞吐量" }
    var cipher: String { self == .en ? "cipher" : "加密算法" }
    var blockSize: String { self == .en ? "block size (bytes)" : "数据块大小（字节）" }
    var gainAxis: String { self == .en ? "gain with AES-NI" : "AESNI 带来的提升" }
    var read: String { self == .en ? "read" : "读" }
    var write: String { self == .en ? "write" : "写" }
    var encryption: String { self == .en ? "encryption" : "加密" }
    var decryption: String { self == .en ? "decryption" : "解密" }
    var guest: String { self == .en ? "guest" : "客户机" }
    /// The TCG caveat (`VirtualMachineAccelerator.emulatedCPUCaveat`) in this language.
    func emulatedCPU(_ english: String) -> String { self == .en ? english : "模拟 CPU (QEMU TCG)" }

    /// The method's words in this language (`Method+Wording`).
    var methodLanguage: MethodLanguage { self == .en ? .en : .zh }

    /// The throughput chart's caption: what the bars and the error bars show, and what `~` and n/a mean, all in
    /// the method's words.
    func errorBarCaption(_ errorBars: ErrorBars, method: Method, missingInterval: String? = nil) -> String {
        let l = methodLanguage
        switch (self, errorBars) {
        case (.en, .ci95):
            return "Bars: \(method.centreDescription(l)); error bars: \(method.centreIntervalName(l))"
                + (missingInterval.map { " (not drawn where there is none: \($0))" } ?? "") + ". "
                + method.significanceLegend(l) + "."
        case (.en, .stdev):
            return "Bars: \(method.centreDescription(l)); error bars: ± one standard deviation of the rounds. "
                + method.significanceLegend(l) + "."
        case (.zh, .ci95):
            return "柱：\(method.centreDescription(l))；误差线：\(method.centreIntervalName(l))"
                + (missingInterval == nil ? "" : "（无区间处不画）") + "。"
                + method.significanceLegend(l) + "。"
        case (.zh, .stdev):
            return "柱：\(method.centreDescription(l))；误差线：± 一个标准差。" + method.significanceLegend(l) + "。"
        }
    }

    func speedupCaption(_ method: Method) -> String {
        let l = methodLanguage
        return self == .en
            ? "Gain = with / without AES-NI − 1 (\(method.centreName(l))); whiskers: \(method.confidenceText) interval "
                + "(\(method.ratioIntervalName(l))); pale bars: " + method.significanceLegend(l)
                + "; untested bars are also hatched."
            : "提升 = 有 AESNI / 无 AESNI − 1（\(method.centreName(l))）；须线：\(method.confidenceText) 置信区间"
                + "（\(method.ratioIntervalName(l))）；浅色柱：" + method.significanceLegend(l) + "；未检验的柱另加斜线。"
    }

    /// The mark after a gain: `~` tested and not significant, `n/a` untested, nothing when significant.
    func significanceMark(_ significant: Bool?) -> String {
        switch significant {
        case true?: ""
        case false?: " ~"
        case nil: self == .en ? " n/a" : " 未检验"
        }
    }

    /// The caption of a comparison's throughput chart: bars, hatching, whiskers, what the text over each cipher is,
    /// and only the marks that appear among `marks` (the significance of the changes shown).
    func compareCaption(_ errorBars: ErrorBars, method: Method, statePair: Bool = false,
                        marks: Set<Bool?> = [], names: (base: String, other: String) = ("A", "B")) -> String {
        let (a, b) = names
        let l = methodLanguage
        let bars = errorBars == .ci95 ? method.centreIntervalName(l) : (self == .en ? "± one standard deviation" : "± 一个标准差")
        let over = statePair
            ? (self == .en ? "Over each cipher: the gain with AES-NI (\(method.ratioIntervalName(l)) interval, \(method.testName(l)))"
                : "每个算法上方：AESNI 带来的提升（\(method.testName(l))）")
            : (self == .en ? "Over each cipher: \(b)'s change from \(a), without AES-NI / with AES-NI (\(method.testName(l)))"
                : "每个算法上方：\(b) 相对 \(a) 的变化，无 AESNI / 有 AESNI（\(method.testName(l))）")
        let legend = markLegend(marks, method: method)
        return self == .en
            ? "Bars: \(method.centreDescription(l)). Hatched: \(b). Error bars: \(bars). \(over)."
                + (legend.isEmpty ? "" : " \(legend).")
            : "柱：\(method.centreDescription(l))。斜线：\(b)。误差线：\(bars)。\(over)。" + (legend.isEmpty ? "" : "\(legend)。")
    }

    /// The marks among `marks` explained: `~: not significant (Welch's t-test, p ≥ 0.05)`, `n/a: untested`; empty
    /// when every shown result is significant.
    func markLegend(_ marks: Set<Bool?>, method: Method, test: String? = nil) -> String {
        var parts: [String] = []
        let testName = test ?? method.testName(methodLanguage)
        if marks.contains(false) {
            parts.append(self == .en ? "~: not significant (\(testName), p ≥ \(method.alpha))"
                         : "~：不显著（\(testName)，p ≥ \(method.alpha)）")
        }
        if marks.contains(nil) {
            parts.append(self == .en ? "n/a: untested (too few rounds)" : "未检验：轮数太少")
        }
        return parts.joined(separator: self == .en ? "; " : "；")
    }

    func compareGainsTitle(_ operation: Operation) -> String {
        switch (self, operation) {
        case (.en, .read): "What AES-NI buys on each host: reads"
        case (.en, .write): "What AES-NI buys on each host: writes"
        case (.zh, .read): "AESNI 在两台主机上的读性能提升"
        case (.zh, .write): "AESNI 在两台主机上的写性能提升"
        }
    }

    /// `barMarks`: the significance of the gains drawn; `ratioMarks`: of the ratios of gains named in the bands.
    /// Only marks that appear are explained.
    func compareGainsCaption(_ method: Method, barMarks: Set<Bool?>, ratioMarks: Set<Bool?>,
                             names: (base: String, other: String) = ("A", "B")) -> String {
        let l = methodLanguage
        let (a, b) = names
        let bars = markLegend(barMarks, method: method)
        let ratios = markLegend(ratioMarks, method: method, test: method.gainTestName)
        if self == .en {
            return "Gain = with / without AES-NI − 1 on each host, as its report gives it; whiskers: "
                + "\(method.confidenceText) interval (\(method.ratioIntervalName(l))); hatched: \(b). \(b)/\(a): \(b)'s gain "
                + "factor over \(a)'s (\(method.gainTestName))."
                + (bars.isEmpty ? "" : " Pale bars: \(bars).") + (ratios.isEmpty ? "" : " \(b)/\(a) \(ratios).")
        }
        return "提升 = 有 AESNI / 无 AESNI − 1；须线：\(method.confidenceText) 置信区间；斜线：\(b)。\(b)/\(a)：两台主机提升之比"
            + "（\(method.gainTestName == "bootstrap test" ? "bootstrap 检验" : "对数比 t 检验")）。"
            + (bars.isEmpty ? "" : "浅色柱：\(bars)。") + (ratios.isEmpty ? "" : "\(b)/\(a) \(ratios)。")
    }

    /// For the openssl chart with one block size: algorithms side by side, one bar per state.
    func opensslSingleSizeAxis(_ bytes: Int) -> String {
        self == .en ? "algorithm (\(bytes)-byte blocks)" : "算法（\(bytes) 字节数据块）"
    }

    func opensslSingleSizeCaption(_ method: Method) -> String {
        self == .en
            ? "Bars: \(method.centreDescription(.en)). Throughput from operations × block size / CPU seconds."
            : "柱：\(method.centreDescription(.zh))。吞吐量 = 操作数 × 块大小 / CPU 秒数。"
    }

    /// `paleModes`: the modes drawn fainter (nearer the background) than the first (`AES-GCM`), named in the caption; `severalGains`: the
    /// gain over each group lists every algorithm's.
    func opensslCaption(_ method: Method, paleModes: [String] = [], severalGains: Bool = false) -> String {
        let pale = paleModes.joined(separator: ", ")
        return self == .en
            ? "Bars: \(method.centreDescription(.en)). Hatched: AES-256; solid: AES-128"
                + (pale.isEmpty ? "" : "; fainter: \(pale)") + (severalGains ? "; gains over a group, where they fit, in legend order" : "")
                + ". Throughput from operations × block size / CPU seconds."
            : "柱：\(method.centreDescription(.zh))。斜线：AES-256；实心：AES-128" + (pale.isEmpty ? "" : "；淡色：\(pale)")
                + (severalGains ? "；组上方的提升（放得下时）按图例顺序" : "") + "。吞吐量 = 操作数 × 块大小 / CPU 秒数。"
    }

    var roundsTitle: String {
        self == .en ? "Every round in the order it ran" : "各轮测试按运行顺序的吞吐量"
    }

    var roundsCaption: String {
        self == .en
            ? "One line per run, rounds left to right in order: warm-up and drift show as a slope. Gap: a failed "
                + "round. Large dot: an outlier by Tukey's fences."
            : "每次运行一条线，各轮从左到右按顺序排列：预热和漂移表现为斜率。缺口：失败的轮次。大点：Tukey 围栏判定的离群值。"
    }

    var outlier: String { self == .en ? "outlier (Tukey)" : "离群值（Tukey）" }
    var unknownState: String { self == .en ? "AES-NI state unknown" : "AESNI 状态未知" }

    /// `read`, `write` in this language.
    func operation(_ operation: Operation) -> String { operation == .read ? read : write }

    /// What the arrow that ends a clipped whisker means.
    var clippedNote: String {
        self == .en ? "An arrow ends a whisker whose interval runs on beyond the plot (below 0 or above the axis)."
            : "须线末端的箭头：区间超出绘图区（低于 0 或高于坐标轴）。"
    }

    /// Said when the charts of one kind share their y axis across the hosts of a page.
    var sharedScaleNote: String {
        self == .en ? "One y axis for every host's chart of this kind (--y-scale shared, the default)."
            : "各主机同类图表共用纵轴（--y-scale shared，默认）。"
    }

    var cryptsetupCaption: String {
        self == .en ? "Solid: encryption; hatched: decryption. cryptsetup measures in memory, without storage I/O."
            : "实心：加密；斜线：解密。cryptsetup 仅在内存中测试，不含存储 I/O。"
    }
}

/// What error bars show.
public enum ErrorBars: String, Sendable, CaseIterable {
    case ci95
    case stdev
}
