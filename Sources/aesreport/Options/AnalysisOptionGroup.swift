import AESReportStats
import ArgumentParser

/// Options shared by `report` and `compare`: how rounds are reduced and what counts as significant.
struct AnalysisOptionGroup: ParsableArguments {
    @Option(name: .customLong("centre"),
            help: "What to compare, and with it the method: mean (the default: t interval, Fieller ratio, Welch's t-test), median (order-statistic interval, bootstrap ratio, Mann-Whitney U), or total bytes / total seconds (bootstrap interval and ratio, permutation test).")
    var centre: Centre = .mean

    @Flag(help: "Drop the rounds Tukey's fences flag as outliers (by default they are flagged and kept).")
    var dropOutliers = false

    @Option(help: "Drop the first N complete rounds of every series as warm-up.")
    var skipWarmup = 0

    @Option(help: "Significance level: differences with p at or above it are marked ~.")
    var alpha = 0.05

    @OptionGroup var aesni: AESNIAssumptionOption

    func validate() throws {
        guard skipWarmup >= 0 else { throw ValidationError("--skip-warmup must be 0 or more.") }
        guard alpha > 0, alpha < 1 else { throw ValidationError("--alpha must be between 0 and 1, such as 0.05.") }
    }

    var options: AnalysisOptions {
        AnalysisOptions(centre: centre, dropOutliers: dropOutliers, skipWarmup: skipWarmup, alpha: alpha)
    }
}
