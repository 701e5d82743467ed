/// The result of a two-sample test.
public struct TestResult: Sendable, Codable, Equatable {
    /// The test statistic: Welch's t, or Mann-Whitney's U of the first sample.
    public var statistic: Double
    /// Two-sided p-value; `nil` when the test cannot be computed (see `note`).
    public var pValue: Double?
    /// Welch's degrees of freedom; `nil` for Mann-Whitney.
    public var degreesOfFreedom: Double?
    /// How the p-value was computed, or why there is none.
    public var note: String

    public init(statistic: Double, pValue: Double?, degreesOfFreedom: Double?, note: String) {
        self.statistic = statistic
        self.pValue = pValue
        self.degreesOfFreedom = degreesOfFreedom
        self.note = note
    }
}

/// Welch's unequal-variances t-test, two-sided (as `scipy.stats.ttest_ind(a, b, equal_var=False)`).
public enum WelchTest {
    public static func test(_ a: [Double], _ b: [Double]) -> TestResult {
        guard a.count >= 2, b.count >= 2 else {
            return TestResult(statistic: .nan, pValue: nil, degreesOfFreedom: nil,
                              note: "Welch's t-test needs at least 2 rounds on each side")
        }
        let ma = Descriptive.mean(a)
        let mb = Descriptive.mean(b)
        let va = Descriptive.variance(a) / Double(a.count)
        let vb = Descriptive.variance(b) / Double(b.count)
        let se2 = va + vb
        guard se2 > 0 else {
            // Both samples are constant: the means either equal (no evidence of a difference) or differ exactly.
            return TestResult(statistic: ma == mb ? 0 : (ma > mb ? .infinity : -.infinity), pValue: ma == mb ? 1 : 0,
                              degreesOfFreedom: nil, note: "both samples have zero variance")
        }
        let t = (ma - mb) / se2.squareRoot()
        let df = se2 * se2 / (va * va / Double(a.count - 1) + vb * vb / Double(b.count - 1))
        let p = SpecialFunctions.studentTTwoSidedTail(t, degreesOfFreedom: df)
        return TestResult(statistic: t, pValue: p, degreesOfFreedom: df, note: "Welch's t-test, two-sided")
    }
}

/// The Mann-Whitney U test, two-sided, as benchstat uses it and as `scipy.stats.mannwhitneyu(a, b,
/// alternative="two-sided", method="auto")` computes it: the exact distribution of U when either sample has at
/// most 8 values and there are no ties, else the normal approximation with tie correction and continuity
/// correction. Identical samples (or all values tied) give p = 1.
public enum MannWhitneyU {
    public static let exactLimit = 8

    public static func test(_ a: [Double], _ b: [Double]) -> TestResult {
        let n1 = a.count
        let n2 = b.count
        guard n1 >= 1, n2 >= 1 else {
            return TestResult(statistic: .nan, pValue: nil, degreesOfFreedom: nil,
                              note: "the Mann-Whitney U test needs at least 1 round on each side")
        }
        let (ranks, tieGroups) = midranks(a + b)
        let r1 = Descriptive.sum(Array(ranks[..<n1]))
        let u1 = r1 - Double(n1 * (n1 + 1)) / 2
        let u2 = Double(n1 * n2) - u1
        let u = max(u1, u2)
        let hasTies = tieGroups.contains { $0 > 1 }
        if !hasTies, min(n1, n2) <= exactLimit {
            let p = min(1, 2 * exactUpperTail(Int(u.rounded()), n1: n1, n2: n2))
            return TestResult(statistic: u1, pValue: p, degreesOfFreedom: nil,
                              note: "Mann-Whitney U, exact distribution, two-sided")
        }
        let n = Double(n1 + n2)
        let mu = Double(n1 * n2) / 2
        let tieTerm = tieGroups.reduce(0.0) { $0 + Double($1 * $1 * $1 - $1) }
        let variance = Double(n1 * n2) / 12 * ((n + 1) - tieTerm / (n * (n - 1)))
        guard variance > 0 else {
            return TestResult(statistic: u1, pValue: 1, degreesOfFreedom: nil,
                              note: "all values are tied: no evidence of a difference")
        }
        let z = (u - mu - 0.5) / variance.squareRoot()
        let p = min(1, 2 * SpecialFunctions.normalSurvival(z))
        return TestResult(statistic: u1, pValue: p, degreesOfFreedom: nil,
                          note: "Mann-Whitney U, normal approximation with tie and continuity corrections, two-sided")
    }

    /// Midranks (1-based, ties share the average rank) and the sizes of the tie groups.
    static func midranks(_ values: [Double]) -> (ranks: [Double], tieGroups: [Int]) {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = Array(repeating: 0.0, count: values.count)
        var groups: [Int] = []
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, values[order[end + 1]] == values[order[start]] { end += 1 }
            let rank = Double(start + end + 2) / 2
            for k in start...end { ranks[order[k]] = rank }
            groups.append(end - start + 1)
            start = end + 1
        }
        return (ranks, groups)
    }

    /// P(U >= u) under the null hypothesis, from the exact count of rank arrangements.
    static func exactUpperTail(_ u: Int, n1: Int, n2: Int) -> Double {
        // counts[i][j][k]: arrangements of i and j values with U = k, built up one value at a time.
        let maxU = n1 * n2
        var table = Array(repeating: Array(repeating: [Double](), count: n2 + 1), count: n1 + 1)
        for i in 0...n1 {
            for j in 0...n2 {
                var row = Array(repeating: 0.0, count: i * j + 1)
                if i == 0 || j == 0 {
                    row[0] = 1
                } else {
                    // The largest value is from the first sample (adds j to U) or from the second.
                    for k in 0...(i * j) {
                        var count = 0.0
                        if k - j >= 0, k - j < table[i - 1][j].count { count += table[i - 1][j][k - j] }
                        if k < table[i][j - 1].count { count += table[i][j - 1][k] }
                        row[k] = count
                    }
                }
                table[i][j] = row
            }
        }
        let distribution = table[n1][n2]
        let total = Descriptive.sum(distribution)
        guard u <= maxU else { return 0 }
        return Descriptive.sum(Array(distribution[max(0, u)...])) / total
    }
}
