import AESReportModel
import AESReportStats

/// What the page says about its inputs: the files read, the method's sentences and the footer's sentence on how
/// throughputs were computed, each true of the sources present (dd, fio, tcrypt, openssl, cryptsetup).
extension HTMLReport {
    /// Which kinds of input the report's runs hold.
    struct Sources {
        var dd = false, fio = false, tcrypt = false, openssl = false, cryptsetup = false
    }

    var sources: Sources {
        var sources = Sources()
        for stats in analysis.runs {
            let run = stats.run
            sources.dd = sources.dd || !run.ddLogs.isEmpty
            sources.fio = sources.fio || !run.fio.isEmpty
            sources.tcrypt = sources.tcrypt || !run.tcrypt.isEmpty
            sources.openssl = sources.openssl || !run.openssl.isEmpty
            sources.cryptsetup = sources.cryptsetup || !run.cryptsetup.isEmpty
        }
        return sources
    }

    /// Every file the report read: dd logs, fio and tcrypt outputs, openssl and cryptsetup outputs, CPU dumps.
    func files() -> [String] {
        var paths = Set<String>()
        for stats in analysis.runs {
            let run = stats.run
            run.ddLogs.forEach { paths.insert($0.path) }
            run.fio.forEach { paths.insert($0.path) }
            run.tcrypt.forEach { paths.insert($0.path) }
            run.openssl.forEach { paths.insert($0.path) }
            run.cryptsetup.forEach { paths.insert($0.path) }
            if let cpuPath = run.cpuPath { paths.insert(cpuPath) }
        }
        hostCPUs.forEach { paths.insert($0.path) }
        return paths.sorted()
    }

    /// The footer's sentence: dd's alone as it always was; with fio, tcrypt or cryptsetup data, a sentence for each
    /// kind present (dd's, fio's, tcrypt's, and the rates openssl and cryptsetup printed).
    func footerNote() -> String {
        let sources = sources
        guard sources.fio || sources.tcrypt || sources.cryptsetup else { return text.footerNote }
        var sentences: [String] = []
        if sources.dd { sentences.append(text.footerNote) }
        if sources.fio { sentences.append(text.footerFio) }
        if sources.tcrypt { sentences.append(text.footerTcrypt) }
        if sources.openssl || sources.cryptsetup { sentences.append(text.footerPrinted) }
        return sentences.joined(separator: language == .en ? " " : "")
    }

    /// The method section (`AnalysisOptions.methodSection`), whose first sentence is dd's: with fio rounds, fio's
    /// sentence follows it (or replaces it when no dd log was read); with cryptsetup or tcrypt outputs, how they are
    /// compared.
    func methodSentences() -> [String] {
        let sources = sources
        var lines = options.methodSection(noisyThreshold: NumberText.plainPercent(Self.noisyCV * 100))
        if !sources.dd, sources.fio || sources.tcrypt || sources.cryptsetup { lines.removeFirst() }
        if sources.fio {
            lines.insert("A fio round's throughput is the bytes fio transferred over the longest job's run time, or fio's "
                         + "printed bandwidth where it printed only rounded figures; a job with an error makes its round "
                         + "failed. IOPS and completion latencies (mean, 99th percentile) are fio's, averaged over the "
                         + "series' rounds.", at: sources.dd ? 1 : 0)
        }
        if sources.cryptsetup || sources.tcrypt {
            lines.insert("cryptsetup benchmark and tcrypt outputs are one sample each (cryptsetup's rate as printed, "
                         + "tcrypt's bytes over seconds per test), compared by " + statisticalMethod.forSamples.summaryLine()
                         + "; cryptsetup measures the cipher in memory only, tcrypt names the driver that ran.",
                         at: lines.count - 1)
        }
        return lines
    }
}
