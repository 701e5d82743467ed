import AESReportModel

extension ReportAnalysis {
    /// How many measured series the report holds: dd series with at least one round, openssl outputs with at least
    /// one result, cryptsetup benchmarks with at least one line. Zero means there is nothing to report: no page or
    /// summary should be written from it.
    public var measuredSeriesCount: Int {
        runs.reduce(0) { count, run in
            count + run.series.filter { $0.n > 0 }.count
                + run.run.openssl.filter { !$0.results.isEmpty }.count
                + run.run.cryptsetup.filter { !$0.ciphers.isEmpty || !$0.pbkdf.isEmpty }.count
        }
    }
}
