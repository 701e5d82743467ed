import AESReportModel

extension CSVText {
    /// A yes/no column: `yes`, `no`, or empty when unknown.
    static func yesNo(_ value: Bool?) -> String {
        value.map { $0 ? "yes" : "no" } ?? ""
    }
}
