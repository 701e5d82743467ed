/// Outlier flags by Tukey's fences: a value below Q1 - 1.5 IQR or above Q3 + 1.5 IQR, with quartiles by linear
/// interpolation (type 7). Series of fewer than 4 values flag nothing. Outliers are flagged and shown; they are
/// dropped only on request.
public enum TukeyFences {
    public static let multiplier = 1.5

    /// Indexes (0-based, in input order) of the outliers in `values`.
    public static func outlierIndexes(_ values: [Double]) -> [Int] {
        guard let (low, high) = fences(values) else { return [] }
        return values.indices.filter { values[$0] < low || values[$0] > high }
    }

    /// The fences, or `nil` for fewer than 4 values.
    public static func fences(_ values: [Double]) -> (low: Double, high: Double)? {
        guard values.count >= 4 else { return nil }
        let sorted = values.sorted()
        let q1 = Descriptive.quantile(sorted, 0.25)
        let q3 = Descriptive.quantile(sorted, 0.75)
        let iqr = q3 - q1
        return (q1 - multiplier * iqr, q3 + multiplier * iqr)
    }
}
