/// A host's section of the page: its gains (dd and fio, openssl, cryptsetup, tcrypt) and its runs (`PageModel.hosts`).
struct HostView {
    var name: String
    var anchor: String
    var centre: String
    var alpha: String
    var speedups: [GainView]
    var hasSpeedups: Bool
    var opensslSpeedups: [GainView]
    var hasOpenSSLSpeedups: Bool
    /// `cryptsetup benchmark` gains per cipher, key size and direction (memory only: `PageText.cryptsetupNote`).
    var cryptsetupSpeedups: [GainView] = []
    var hasCryptsetupSpeedups = false
    /// tcrypt gains at the host's largest block size, with the driver of each side.
    var tcryptSpeedups: [GainView] = []
    var hasTcryptSpeedups = false
    /// The block size of the tcrypt rows shown (`4096`).
    var tcryptBlock = ""
    /// openssl outputs are averaged by their mean unless the median is asked for (no total bytes / total time).
    var opensslCentre: String
    var runs: [RunView]
    /// The method's words (`Method`): the caption's one-line method, what `~` and n/a mean, the column headers; for
    /// dd and for openssl outputs (`Method.forSamples`).
    var method: String
    var legend: String
    var ratioIntervalHeader: String
    var pHeader: String
    var opensslMethod: String
    var opensslLegend: String
    var opensslRatioIntervalHeader: String
    var opensslPHeader: String
    /// The host's charts (`HTMLReport.chartOwners`), shown in its section and listed under it in the contents.
    var charts: [ChartView] = []
    var hasCharts = false
}

/// One row of a gain table on the page, for a dd or fio speedup (cipher and operation), an openssl speedup
/// (algorithm, direction, block size and rounds), a cryptsetup one (and key size) and a tcrypt one (and drivers)
/// alike.
struct GainView {
    /// The cipher, or the openssl algorithm.
    var name: String
    /// The operation (`read`, `write`), or the openssl direction (`encrypt`, `decrypt`).
    var operation: String
    /// openssl only: the block size in bytes, and the rounds without / with AES-NI.
    var block: String?
    var rounds: String?
    /// cryptsetup and tcrypt: the key size (`256b`).
    var key: String?
    /// tcrypt only: the drivers the kernel ran without and with AES-NI (`xts(ecb(aes-generic))`, `xts-aes-aesni`).
    var driverWithout: String?
    var driverWith: String?
    var without: String
    var with: String
    var gain: String
    var ci: String
    var p: String
    var rowClass: String
}

struct RunView {
    var label: String
    var state: String
    var source: String
    var stateSource: String?
    var series: [SeriesView]
    /// Header of the series' interval column: the interval of the centre (`Method.centreIntervalHeader`).
    var intervalHeader: String
    /// The run's id on the page: `host-<host anchor>-run-<n>`.
    var anchor = ""
    /// Whether a series of the run has fio rounds: the table then shows fio's IOPS and latencies.
    var hasFio = false
}

struct SeriesView {
    var cipher: String
    var operation: String
    var n: String
    var failed: String
    var mean: String
    var median: String
    var stdev: String
    var ci: String
    var cv: String
    var noisy: Bool
    var noisyThreshold: String
    var outliers: String
    var rowClass: String
    /// fio's IOPS, mean total latency and 99th-percentile completion latency, each the mean over the series' fio
    /// rounds (`FioSeriesMeasures`); `-` where fio gave none (and for dd series).
    var iops = "-"
    var latencyMean = "-"
    var latencyP99 = "-"
}
