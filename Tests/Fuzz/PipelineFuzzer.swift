// libFuzzer entry point for the whole analysis with extreme values (issue 25): parse -> analyse -> charts -> layout
// -> summaries, for every centre and error-bar mode. Built by .ci/fuzz.sh as target `pipeline` (-D FUZZ_PIPELINE).
//
// The input is read as a stream of 8-byte words. Each word picks a figure: most often one of the extreme values
// below (the review's 2^63 - 1 bytes, 1e-289 s, 1.7e308 B/s, infinities, NaN, subnormals, zero), else the word's
// own bits as a UInt64 or a Double. The figures fill, for two hosts in both AES-NI states, dd logs, fio JSON and
// tcrypt output as the programs print them; the texts go through the parsers (the ingest's gate), the runs through
// ReportAnalysis and Comparison, every chart through its layout with a fixed text measurer, and the summaries
// through the JSON, CSV and Markdown writers. Nothing may trap; every drawn coordinate must be finite.
import AESReportCharts
import AESReportIngest
import AESReportModel
import AESReportPages
import AESReportStats

struct Words {
    var bytes: [UInt8]
    var at = 0

    mutating func next() -> UInt64 {
        var word: UInt64 = 0
        for _ in 0..<8 {
            word = word << 8 | UInt64(at < bytes.count ? bytes[at] : 0)
            at += 1
        }
        return word
    }

    var isEmpty: Bool { at >= bytes.count }

    static let extremeCounts: [UInt64] = [0, 1, 2, 512, 1 << 30, 21_474_836_480, UInt64(Int64.max), UInt64.max,
                                          UInt64(Int64.max) - 1, 1 << 53, (1 << 53) + 1]
    static let extremeReals: [Double] = [1e-289, 5e-324, 2.2250738585072014e-308, 1e-9, 0.001, 1, 11.05, 1e9, 1e15,
                                         1.7e308, .greatestFiniteMagnitude, .infinity, -.infinity, .nan, 0, -0.0, -1]

    /// A byte count: an extreme one most often, else the word.
    mutating func count() -> UInt64 {
        let word = next()
        return word & 3 == 0 ? word >> 2 : Self.extremeCounts[Int((word >> 2) % UInt64(Self.extremeCounts.count))]
    }

    /// A real: an extreme one most often, else the word's bits.
    mutating func real() -> Double {
        let word = next()
        return word & 3 == 0 ? Double(bitPattern: word) : Self.extremeReals[Int((word >> 2) % UInt64(Self.extremeReals.count))]
    }
}

/// A measurer that needs no fonts: 6.6 units per character, 13.2 per line.
struct FixedMeasurer: TextMeasurer {
    func size(of text: String, font: FontSpec) -> Size {
        Size(width: Double(text.count) * font.size * 0.6, height: font.size * 1.2)
    }
}

func run(_ words: inout Words, host: String, aesni: Bool) -> Run {
    let path = "/fuzz/\(host)/guest-\(aesni ? "aesni" : "noaesni")"
    var dd = ""
    for _ in 0..<Int(words.next() % 6) + 1 {
        dd += "20+0 records in\n20+0 records out\n\(words.count()) bytes copied, \(words.real()) s, 1.0 GB/s\n"
    }
    var logs: [DDLog] = []
    for (cipher, text) in [("aes-xts-plain64", dd), ("aes-cbc-essiv:sha256", dd.split(separator: "\n").reversed()
                                .joined(separator: "\n"))] {
        if let log = DDLogParser.parse(text: text, path: "\(path)/\(cipher)-read.txt").value { logs.append(log) }
    }
    var result = Run(path: path, label: path, host: host, aesni: aesni, aesniSource: nil, cpu: nil, cpuPath: nil,
                     ddLogs: logs, openssl: [], cryptsetup: [])
    var fio: [FioOutput] = []
    for round in 1...2 {
        let json = """
            {"fio version":"fio-3.33","jobs":[{"jobname":"aes-xts-plain64","error":0,"job options":{"rw":"write"},
            "write":{"io_kbytes":\(words.count()),"io_bytes":\(words.count()),"bw_bytes":\(words.real()),
            "bw":\(words.real()),"runtime":\(words.count() % 100_000)}}]}
            """
        if let output = FioOutputParser.parse(text: json, path: "\(path)/fio-aes-xts-plain64-write-r\(round).json").value {
            fio.append(output)
        }
    }
    result.fio = fio
    let driver = aesni ? "xts-aes-aesni" : "xts(ecb(aes-generic))"
    let tcrypt = """
        tcrypt: testing speed of async xts(aes) (\(driver)) encryption
        tcrypt: test 0 (256 bit key, 16 byte blocks): \(words.count()) operations in \(words.count() % 1000) seconds (\(words.count()) bytes)
        tcrypt: test 1 (256 bit key, 4096 byte blocks): \(words.count()) operations in 1 seconds (\(words.count()) bytes)
        """
    if let speed = TcryptParser.parse(text: tcrypt, path: "\(path)/tcrypt.txt").value { result.tcrypt = [speed] }
    return result
}

func checkDrawing(_ drawing: Drawing) {
    for primitive in drawing.primitives {
        switch primitive {
        case let .rect(rect, _, _):
            precondition([rect.x, rect.y, rect.width, rect.height].allSatisfy(\.isFinite), "a finite rect")
        case let .line(points, _, _):
            precondition(points.allSatisfy { $0.x.isFinite && $0.y.isFinite }, "a finite line")
        case let .text(item):
            precondition(item.position.x.isFinite && item.position.y.isFinite, "a finite text position")
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var words = Words(bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    var runs: [Run] = []
    for host in ["a", "b"] {
        for aesni in [false, true] { runs.append(run(&words, host: host, aesni: aesni)) }
    }
    let measurer = FixedMeasurer()
    for centre in Centre.allCases {
        let options = AnalysisOptions(centre: centre)
        let analysis = ReportAnalysis(runs: runs, options: options)
        for errorBars in ErrorBars.allCases {
            let chartOptions = ChartOptions(errorBars: errorBars)
            var charts = ReportCharts.charts(analysis, options: chartOptions, analysisOptions: options)
            let comparison = Comparison(nameA: "a", runsA: runs.filter { $0.host == "a" }, nameB: "b",
                                        runsB: runs.filter { $0.host == "b" }, options: options)
            charts += ReportCharts.comparison(comparison, options: chartOptions, analysisOptions: options)
            for chart in charts {
                checkDrawing(chart.layout(theme: .light, measurer: measurer, size: ChartSize()))
            }
        }
        let summary = SummaryDocument(analysis: analysis, options: options, diagnostics: [], version: "fuzz")
        let json = String(decoding: summary.jsonBytes(), as: UTF8.self)
        precondition(!json.contains(": nan") && !json.contains(": inf") && !json.contains(": -inf"), "JSON numbers")
        _ = SummaryTables.csv(analysis, centre: centre)
        _ = SummaryTables.markdown(analysis, options: options)
    }
    return 0
}
