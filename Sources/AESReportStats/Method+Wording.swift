import AESReportModel

/// The languages the method is said in: those the charts speak (`--lang`).
public enum MethodLanguage: String, Sendable, CaseIterable {
    case en, zh
}

/// The words for a method: every caption, table header, method sentence and summary.json option that names the
/// centre, its interval, the ratio's interval or the test reads them here, so none of them can say "Fieller" or
/// "Welch" while the numbers beside it come from a bootstrap or a Mann-Whitney test.
extension Method {
    /// `95%`.
    public var confidenceText: String { PercentText.level(confidence) }

    /// `mean`, `median`, `total throughput`.
    public func centreName(_ language: MethodLanguage = .en) -> String {
        switch (centre, language) {
        case (.mean, .en): "mean"
        case (.median, .en): "median"
        case (.total, .en): "total throughput"
        case (.mean, .zh): "平均值"
        case (.median, .zh): "中位数"
        case (.total, .zh): "总吞吐量"
        }
    }

    /// What a bar shows: `mean of the rounds`, `total bytes / total seconds of the rounds`.
    public func centreDescription(_ language: MethodLanguage = .en) -> String {
        switch (centre, language) {
        case (.mean, .en): "mean of the rounds"
        case (.median, .en): "median of the rounds"
        case (.total, .en): "total bytes / total seconds of the rounds"
        case (.mean, .zh): "各轮平均值"
        case (.median, .zh): "各轮中位数"
        case (.total, .zh): "各轮总字节数 / 总秒数"
        }
    }

    /// The interval of one centre: `95% t interval of the mean`.
    public func centreIntervalName(_ language: MethodLanguage = .en) -> String {
        let level = confidenceText
        switch (centreInterval, language) {
        case (.studentT, .en): return "\(level) t interval of the mean"
        case (.orderStatistics, .en): return "\(level) order-statistic interval of the median"
        case (.bootstrap, .en): return "\(level) bootstrap interval of the total"
        case (.studentT, .zh): return "均值的 \(level) t 置信区间"
        case (.orderStatistics, .zh): return "中位数的 \(level) 顺序统计量置信区间"
        case (.bootstrap, .zh): return "总吞吐量的 \(level) bootstrap 置信区间"
        }
    }

    /// The interval of one centre in full, for the method section and summary.json.
    public var centreIntervalMethod: String {
        switch centreInterval {
        case .studentT: Self.meanIntervalMethod
        case .orderStatistics:
            "distribution-free order-statistic interval of the median: [x(k), x(n+1-k)] with the largest k such that "
                + "P(Binomial(n, 1/2) <= k - 1) <= (1 - confidence) / 2 (none below 6 rounds at 95%)"
        case .bootstrap:
            "percentile bootstrap of total bytes / total seconds over rounds, \(Self.bootstrapResamples) resamples, "
                + "seed \(Self.bootstrapSeed)"
        }
    }

    /// The interval of a mean in full (summary.json's `interval_of_mean`, which every series' `ci95` is).
    public static let meanIntervalMethod = "Student's t, n - 1 degrees of freedom"

    /// The outlier rule in full (summary.json's `outlier_rule`).
    public static let outlierRule =
        "Tukey's fences: below Q1 - 1.5 IQR or above Q3 + 1.5 IQR, quartiles by linear interpolation"

    /// `Fieller`, `bootstrap`.
    public func ratioIntervalName(_ language: MethodLanguage = .en) -> String {
        switch (ratioInterval, language) {
        case (.fieller, _): "Fieller"
        case (.bootstrap, .en): "bootstrap"
        case (.bootstrap, .zh): "bootstrap"
        }
    }

    /// The ratio's interval in full, for the method section and summary.json.
    public var ratioIntervalMethod: String {
        switch (ratioInterval, centre) {
        case (.fieller, _): Self.fiellerMethod
        case (.bootstrap, .total):
            "percentile bootstrap of the ratio of totals, rounds resampled on each side, "
                + "\(Self.bootstrapResamples) resamples, seed \(Self.bootstrapSeed)"
        case (.bootstrap, _):
            "percentile bootstrap of the ratio of medians, \(Self.bootstrapResamples) resamples, seed \(Self.bootstrapSeed)"
        }
    }

    /// Fieller's interval in full: the inversion of Welch's test (`RatioInterval.fieller`).
    public static let fiellerMethod = "Fieller's theorem, independent samples, inverting Welch's test: "
        + "Welch-Satterthwaite degrees of freedom at each bound, so the interval holds 1 exactly when Welch's p >= "
        + "1 - confidence (at alpha = 1 - confidence, the default 0.05 and 95%, it never disagrees with the test)"

    /// `Welch's t-test`, `Mann-Whitney U test`, `permutation test`.
    public func testName(_ language: MethodLanguage = .en) -> String {
        switch (test, language) {
        case (.welch, .en): "Welch's t-test"
        case (.mannWhitney, .en): "Mann-Whitney U test"
        case (.permutation, .en): "permutation test"
        case (.welch, .zh): "Welch t 检验"
        case (.mannWhitney, .zh): "Mann-Whitney U 检验"
        case (.permutation, .zh): "置换检验"
        }
    }

    /// A column header's word for the test: `Welch`, `Mann-Whitney`, `permutation`.
    public var testShortName: String {
        switch test {
        case .welch: "Welch"
        case .mannWhitney: "Mann-Whitney"
        case .permutation: "permutation"
        }
    }

    /// The test in full, for the method section and summary.json.
    public var testMethod: String {
        switch test {
        case .welch: "Welch's t-test, two-sided"
        case .mannWhitney:
            "Mann-Whitney U test, two-sided (exact below 9 rounds without ties, else normal approximation with tie "
                + "and continuity corrections)"
        case .permutation:
            "permutation test of the ratio of totals, two-sided (exact up to \(PermutationTest.exactLimit) splits, "
                + "else \(PermutationTest.resamples) seeded random splits)"
        }
    }

    /// The method in one line: `mean of the rounds, 95% t interval; ratio by Fieller; Welch's t-test`.
    public func summaryLine(_ language: MethodLanguage = .en) -> String {
        switch language {
        case .en:
            "\(centreDescription(.en)), \(centreIntervalName(.en)); ratio by \(ratioIntervalName(.en)); \(testName(.en))"
        case .zh:
            "\(centreDescription(.zh))，\(centreIntervalName(.zh))；比值区间：\(ratioIntervalName(.zh))；\(testName(.zh))"
        }
    }

    /// Header of an interval column of gains: `95% CI (Fieller)`.
    public var ratioIntervalHeader: String { "\(confidenceText) CI (\(ratioIntervalName()))" }

    /// Header of a p-value column: `p (Welch)`.
    public var pValueHeader: String { "p (\(testShortName))" }

    /// Header of the interval column of one series' centre: `95% CI of the mean`.
    public var centreIntervalHeader: String { "\(confidenceText) CI of the \(centre.rawValue)" }

    /// The interval of a centre in a sentence about a comparison: `95% interval of the mean`.
    public var centreIntervalPhrase: String { "\(confidenceText) interval of the \(centre.rawValue)" }

    /// A comparison's change column: `change (95% CI)`.
    public var changeHeader: String { "change (\(confidenceText) CI)" }

    /// What a comparison's `~`, `n/a` and `±` mean, for the terminal and comparison.md: `~: no significant
    /// difference (Welch's t-test, alpha 0.05); n/a: untested; ± is the 95% interval of the mean`.
    public var comparisonLegend: String {
        "~: no significant difference (\(testName()), alpha \(alpha)); n/a: untested (too few rounds); ± (or + −) is "
            + "the " + centreIntervalPhrase
    }

    /// The same on the page, in sentences.
    public var comparisonNote: String {
        "Each change is the ratio of the \(centreName())s with its \(confidenceText) interval by "
            + "\(ratioIntervalName()); it is shown where \(testName()) finds it significant at \(alpha); ~ marks no "
            + "significant difference and n/a a change too few rounds can test. ± (or + and − where it is not "
            + "symmetric) is the \(centreIntervalPhrase), relative to the centre."
    }

    /// How two hosts' gains are compared under this method (`GainComparison`), in one line.
    public var gainComparisonMethod: String {
        switch centre {
        case .mean:
            "ratio of the two gains; \(confidenceText) interval by the delta method on the log scale (the four "
                + "samples' s²/(n·mean²) summed), t quantile at Welch-Satterthwaite degrees of freedom; test: "
                + "t = log(ratio) / standard error at the same degrees of freedom"
        case .median, .total:
            "ratio of the two gains (of \(centre == .median ? "medians" : "totals")); \(confidenceText) interval by a "
                + "seeded percentile bootstrap (the four samples resampled independently, "
                + "\(Self.bootstrapResamples) resamples, seed \(Self.bootstrapSeed)); test: p = 2·min(share of "
                + "resampled ratios ≤ 1, share ≥ 1), from the same resamples"
        }
    }

    /// `log-ratio t test`, `bootstrap test`: the gains comparison's test, short.
    public var gainTestName: String { centre == .mean ? "log-ratio t test" : "bootstrap test" }

    /// What `~` and untested mean: `~: not significant (Welch's t-test, p ≥ 0.05); n/a: untested (fewer than 2
    /// rounds on a side)`.
    public func significanceLegend(_ language: MethodLanguage = .en) -> String {
        switch language {
        case .en:
            "~: not significant (\(testName(.en)), p ≥ \(alpha)); n/a: untested ("
                + (test == .welch ? "fewer than 2 rounds on a side"
                    : "too few rounds for the test to reach p < \(alpha)") + ")"
        case .zh:
            "~：不显著（\(testName(.zh))，p ≥ \(alpha)）；n/a：未检验（"
                + (test == .welch ? "某一侧少于 2 轮" : "轮数太少，检验达不到 p < \(alpha)") + "）"
        }
    }

    /// The page's method sentences about the centre, the ratio and the test.
    public var sentences: [String] {
        var out: [String] = []
        switch centre {
        case .mean:
            out.append("Each series is reduced to the arithmetic mean of its rounds (the seed's method); its "
                       + "\(confidenceText) interval is Student's t with n − 1 degrees of freedom.")
        case .median:
            out.append("Each series is reduced to the median of its rounds; its \(confidenceText) interval is the "
                       + "distribution-free order-statistic interval [x(k), x(n+1−k)] with the largest k such that "
                       + "P(Binomial(n, ½) ≤ k − 1) ≤ \(Self.tailText(confidence)); there is none below 6 rounds at 95%.")
        case .total:
            out.append("Each series is reduced to its total bytes / total seconds; its \(confidenceText) interval is a "
                       + "percentile bootstrap over rounds (\(Self.bootstrapResamples) resamples, seed "
                       + "\(Self.bootstrapSeed)).")
        }
        switch ratioInterval {
        case .fieller:
            out.append("AES-NI speedup = with / without AES-NI; its \(confidenceText) interval by Fieller's theorem.")
        case .bootstrap:
            out.append("AES-NI speedup = with / without AES-NI; its \(confidenceText) interval by a seeded percentile "
                       + "bootstrap of the \(centre == .total ? "ratio of totals" : "ratio of medians") "
                       + "(\(Self.bootstrapResamples) resamples, seed \(Self.bootstrapSeed)).")
        }
        switch test {
        case .welch:
            out.append("p-values by Welch's two-sided t-test of the rounds; ~ marks p ≥ \(alpha).")
        case .mannWhitney:
            out.append("p-values by the two-sided Mann-Whitney U test of the rounds (a test of ranks, fitting the "
                       + "median); ~ marks p ≥ \(alpha).")
        case .permutation:
            out.append("p-values by a two-sided permutation test of the ratio of totals (rounds exchanged between the "
                       + "two sides; exact up to \(PermutationTest.exactLimit) splits); ~ marks p ≥ \(alpha).")
        }
        out.append("A gain with fewer than 2 rounds on a side has no test: it is shown as untested (n/a), "
                   + "never as not significant."
                   + (test == .welch ? "" : " So is a gain whose rounds are too few for the rank or permutation "
                      + "test ever to give p < \(alpha) (its smallest p is 2 / C(m+n, m): 0.1 with 3 rounds a side)."))
        return out
    }

    static func tailText(_ confidence: Double) -> String {
        let tail = (1 - confidence) / 2
        let rounded = (tail * 1e6).rounded() / 1e6
        return String(rounded)
    }
}
