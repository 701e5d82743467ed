import AESReportStats

/// The page's fixed words in one language (`--lang`): headings, table headers, captions and fixed sentences. The
/// templates read them as `{{t.findings}}`, so a translated page comes from the shipped template, and a user's
/// template, translated by hand or not, keeps working: the values the page shows are the same in every language.
///
/// A sentence with a value inside is split around the value (`roundsCaptionBefore`, the run's label,
/// `roundsCaptionAfter`), so the template keeps the markup around the value (`<bdi>`) and each language its order.
struct PageText {
    var contents: String
    var findings: String
    var noSpeedup: String
    var opensslHeadline: String
    var charts: String
    var files: String
    var comparedWith: String
    var comparisonCaption: String
    var fact: String
    var differs: String
    var fleet: String
    var fleetCaptionBefore: String
    var fleetCaptionAfter: String
    var standoutsHeading: String
    var noStandouts: String
    var fleetNote: String
    var host: String
    var hosts: String
    var gainsCaption: String
    var opensslGainsCaption: String
    var opensslGains: String
    var runFolder: String
    var stateFrom: String
    var roundsCaptionBefore: String
    var roundsCaptionAfter: String
    var noisy: String
    var noisyAbove: String
    var machines: String
    var machinesCaption: String
    var featuresCaption: String
    var absent: String
    var none: String
    var subsets: String
    var qemuNote: String
    var method: String
    var filesRead: String
    var diagnostics: String
    var noDiagnostics: String
    var madeBy: String
    var madeOn: String
    /// The footer's sentence on how throughputs are computed: dd's (also the whole sentence a page of dd alone
    /// shows), then fio's, tcrypt's and the printed rates' (openssl, cryptsetup), each said when such data are shown
    /// (`HTMLReport.footerNote`).
    var footerNote: String
    var footerFio: String
    var footerTcrypt: String
    var footerPrinted: String
    var cryptsetupGains: String
    var cryptsetupGainsCaption: String
    var cryptsetupNote: String
    var tcryptGains: String
    var tcryptGainsCaptionBefore: String
    var tcryptGainsCaptionAfter: String
    var tcryptNote: String
    // Table headers.
    var cipher: String
    var op: String
    var aesni: String
    var change: String
    var n: String
    var without: String
    var with: String
    var gain: String
    var algorithm: String
    var direction: String
    var block: String
    var roundsWithoutWith: String
    var key: String
    var driverWithout: String
    var driverWith: String
    var iops: String
    var latencyMean: String
    var latencyP99: String
    /// The runs' caption's end when fio's columns are shown.
    var fioColumns: String
    var failed: String
    var mean: String
    var median: String
    var stdev: String
    var cv: String
    var outliers: String
    var hostsColumn: String
    var medianGain: String
    var quartiles: String
    var range: String
    var farBelow: String
    var machine: String
    var cpuModel: String
    var logicalCPUs: String
    var kind: String
    var cpuDump: String
    var feature: String
    /// The language these words are in.
    var language: MethodLanguage = .en

    /// The words of a language.
    static func of(_ language: MethodLanguage) -> PageText {
        language == .zh ? zh : en
    }

    static let en = PageText(
        contents: "Contents", findings: "Findings",
        noSpeedup: "No host has runs both with and without AES-NI, so there is no speedup to report.",
        opensslHeadline: "openssl speed", charts: "Charts", files: "Files:", comparedWith: "compared with",
        comparisonCaption: "Change from A to B per cipher, operation and AES-NI state", fact: "fact", differs: "differs", fleet: "Fleet",
        fleetCaptionBefore: "AES-NI gain across", fleetCaptionAfter: "hosts per cipher and operation",
        standoutsHeading: "Hosts that stand out",
        noStandouts: "None: every host's gain lies within the fleet's spread and every run is whole.",
        fleetNote: "Every host's numbers are in summary.csv and summary.json.", host: "Host", hosts: "Hosts",
        gainsCaption: "AES-NI speedup per cipher",
        opensslGainsCaption: "AES-NI speedup in openssl speed per algorithm and block size",
        opensslGains: "openssl speed gains", runFolder: "Run folder:", stateFrom: "AES-NI state from",
        roundsCaptionBefore: "Rounds of",
        roundsCaptionAfter: "per cipher and operation (throughput in bytes per second, SI units)",
        noisy: "noisy", noisyAbove: "CV above", machines: "Machines", machinesCaption: "CPU of every run and host",
        featuresCaption: "Encryption-relevant CPU features (✓ present, – absent, n/a not on this architecture, "
            + "unknown not shown by the dump)",
        absent: "absent", none: "none", subsets: "flags",
        qemuNote: "A guest started with -cpu host sees nearly all of the host's features; QEMU's default qemu64 model "
            + "lacks AES, PCLMULQDQ, AVX and XSAVE; -cpu qemu64,+aes adds AES alone.",
        method: "Method and provenance", filesRead: "Files read", diagnostics: "Diagnostics",
        noDiagnostics: "Every file was read without a warning.", madeBy: "Made by", madeOn: "on",
        footerNote: "Throughputs are computed from the bytes and seconds dd printed.",
        footerFio: "fio throughputs are the bytes fio reported over its run time (its printed bandwidth where it printed "
            + "only rounded figures); IOPS and latencies are fio's own.",
        footerTcrypt: "tcrypt throughputs are the bytes over the seconds the kernel printed per test.",
        footerPrinted: "openssl speed and cryptsetup benchmark rates are those they printed.",
        cryptsetupGains: "cryptsetup benchmark gains",
        cryptsetupGainsCaption: "AES-NI speedup in cryptsetup benchmark per cipher, key size and direction",
        cryptsetupNote: "cryptsetup benchmark measures the kernel cipher in memory only (no disk, no dm-crypt "
            + "queueing): these gains are the cipher's, not the encrypted disk's.",
        tcryptGains: "tcrypt gains",
        tcryptGainsCaptionBefore: "AES-NI speedup in the kernel's tcrypt speed test per algorithm, key size and direction, at",
        tcryptGainsCaptionAfter: "-byte blocks, the largest measured",
        tcryptNote: "The drivers are those the kernel ran: a name with aesni (xts-aes-aesni) is AES-NI's, a generic "
            + "one (xts(ecb(aes-generic))) is plain C.",
        cipher: "cipher", op: "op", aesni: "AES-NI", change: "change", n: "n", without: "without AES-NI",
        with: "with AES-NI", gain: "gain", algorithm: "algorithm", direction: "direction", block: "block (bytes)",
        roundsWithoutWith: "rounds without / with", key: "key", driverWithout: "driver without AES-NI",
        driverWith: "driver with AES-NI", iops: "IOPS", latencyMean: "clat mean", latencyP99: "clat p99",
        fioColumns: "; IOPS and clat (completion latency, mean and 99th percentile) are fio's, the mean over the rounds",
        failed: "failed", mean: "mean", median: "median", stdev: "stdev",
        cv: "CV", outliers: "outliers", hostsColumn: "hosts", medianGain: "median gain", quartiles: "quartiles",
        range: "range", farBelow: "far below", machine: "machine", cpuModel: "CPU model", logicalCPUs: "logical CPUs",
        kind: "kind", cpuDump: "CPU dump", feature: "feature")

    static let zh = PageText(
        contents: "目录", findings: "结论",
        noSpeedup: "没有主机同时具有启用和未启用 AES-NI 的运行，因此无法报告加速比。",
        opensslHeadline: "openssl speed", charts: "图表", files: "文件：", comparedWith: "对比",
        comparisonCaption: "按加密算法、操作和 AES-NI 状态列出从 A 到 B 的变化", fact: "项目", differs: "不同", fleet: "机群",
        fleetCaptionBefore: "在", fleetCaptionAfter: "台主机上按加密算法和操作列出的 AES-NI 增益",
        standoutsHeading: "突出的主机",
        noStandouts: "无：每台主机的增益都在机群的分布范围内，且每次运行都完整。",
        fleetNote: "每台主机的数据见 summary.csv 和 summary.json。", host: "主机", hosts: "主机",
        gainsCaption: "各加密算法的 AES-NI 加速比",
        opensslGainsCaption: "openssl speed 中按算法和块大小列出的 AES-NI 加速比",
        opensslGains: "openssl speed 增益", runFolder: "运行目录：", stateFrom: "AES-NI 状态来自",
        roundsCaptionBefore: "运行",
        roundsCaptionAfter: "按加密算法和操作列出的各轮结果（吞吐量为每秒字节数，SI 单位）",
        noisy: "波动大", noisyAbove: "变异系数高于", machines: "机器", machinesCaption: "每次运行和每台主机的 CPU",
        featuresCaption: "与加密相关的 CPU 特性（✓ 有，– 无，n/a 此架构不适用，unknown 转储中未显示）",
        absent: "无", none: "无", subsets: "个标志",
        qemuNote: "以 -cpu host 启动的虚拟机几乎能看到主机的全部特性；QEMU 默认的 qemu64 型号缺少 AES、PCLMULQDQ、AVX "
            + "和 XSAVE；-cpu qemu64,+aes 只添加 AES。",
        method: "方法与来源", filesRead: "读取的文件", diagnostics: "诊断信息",
        noDiagnostics: "所有文件均已读取，没有警告。", madeBy: "生成工具", madeOn: "时间",
        footerNote: "吞吐量由 dd 输出的字节数和秒数计算。",
        footerFio: "fio 的吞吐量由 fio 报告的字节数和运行时间计算（只有取整数字时用其输出的带宽）；IOPS 和延迟为 fio 自身的数值。",
        footerTcrypt: "tcrypt 的吞吐量由内核每项测试输出的字节数和秒数计算。",
        footerPrinted: "openssl speed 和 cryptsetup benchmark 的速率为其自身输出的数值。",
        cryptsetupGains: "cryptsetup benchmark 增益",
        cryptsetupGainsCaption: "cryptsetup benchmark 中按加密算法、密钥长度和方向列出的 AES-NI 加速比",
        cryptsetupNote: "cryptsetup benchmark 只在内存中测量内核加密算法（不含磁盘，不含 dm-crypt 队列）：这些增益属于加密算法，"
            + "而非加密磁盘。",
        tcryptGains: "tcrypt 增益",
        tcryptGainsCaptionBefore: "内核 tcrypt 速度测试中按算法、密钥长度和方向列出的 AES-NI 加速比，块大小",
        tcryptGainsCaptionAfter: " 字节（测得的最大块大小）",
        tcryptNote: "驱动为内核实际运行的驱动：名称含 aesni（xts-aes-aesni）的使用 AES-NI，通用驱动（xts(ecb(aes-generic))）"
            + "为纯 C 实现。",
        cipher: "加密算法", op: "操作", aesni: "AES-NI", change: "变化", n: "n", without: "未启用 AES-NI",
        with: "启用 AES-NI", gain: "增益", algorithm: "算法", direction: "方向", block: "块大小（字节）",
        roundsWithoutWith: "轮数 未启用 / 启用", key: "密钥", driverWithout: "未启用 AES-NI 的驱动",
        driverWith: "启用 AES-NI 的驱动", iops: "IOPS", latencyMean: "完成延迟均值", latencyP99: "完成延迟 p99",
        fioColumns: "；IOPS 和完成延迟（均值和第 99 百分位）为 fio 的数值，取各轮的均值",
        failed: "失败", mean: "均值", median: "中位数", stdev: "标准差",
        cv: "变异系数", outliers: "离群值", hostsColumn: "主机数", medianGain: "增益中位数", quartiles: "四分位数",
        range: "范围", farBelow: "远低于", machine: "机器", cpuModel: "CPU 型号", logicalCPUs: "逻辑 CPU",
        kind: "类型", cpuDump: "CPU 转储", feature: "特性", language: .zh)

    /// The sides of a flag comparison: `host`, `guest`, `run`, `run with AES-NI`, `run without AES-NI`.
    func side(_ side: FlagSide) -> String {
        switch (side, language == .en) {
        case (.host, true): "host"
        case (.guest, true): "guest"
        case (.run, true): "run"
        case (.runWith, true): "run with AES-NI"
        case (.runWithout, true): "run without AES-NI"
        case (.host, false): "主机"
        case (.guest, false): "虚拟机"
        case (.run, false): "运行"
        case (.runWith, false): "启用 AES-NI 的运行"
        case (.runWithout, false): "未启用 AES-NI 的运行"
        }
    }

    /// `Relevant flags the guest lacks:`.
    func lacks(_ side: String) -> String {
        language == .en ? "Relevant flags the \(side) lacks:" : "\(side)缺少的相关标志："
    }

    /// `Only the host has 12 flags:`.
    func onlyHas(_ side: String, count: Int? = nil) -> String {
        if language == .en { return "Only the \(side) has" + (count.map { " \($0) flags:" } ?? ":") }
        return "仅\(side)具有" + (count.map { "的 \($0) 个标志：" } ?? "的标志：")
    }

    /// A run's AES-NI state (`AESNIStateText`) in this language.
    func state(_ english: String) -> String {
        guard language == .zh else { return english }
        return ["with AES-NI": with, "without AES-NI": without, "AES-NI unknown": "AES-NI 状态未知"][english] ?? english
    }

    /// A ratio's interval header: `95% CI (Fieller)`, `95% 置信区间（Fieller）`.
    func interval(_ level: String, _ name: String) -> String {
        language == .en ? "\(level) CI (\(name))" : "\(level) 置信区间（\(name)）"
    }

    /// `Host h versus guest g`.
    func versus(_ first: String, _ second: String) -> String {
        language == .en ? "\(first) versus \(second)" : "\(first) 对比 \(second)"
    }
}

/// A side of a flag comparison on the page.
enum FlagSide {
    case host, guest, run, runWith, runWithout
}

extension PageText {
    /// Every word by its property name (`findings` → "Findings"), for the templates' `{{t.name}}`.
    var words: [String: String] {
        var table: [String: String] = [:]
        for child in Mirror(reflecting: self).children {
            if let name = child.label, let word = child.value as? String { table[name] = word }
        }
        return table
    }
}
