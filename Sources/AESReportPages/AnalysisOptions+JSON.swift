import AESReportStats

extension AnalysisOptions {
    /// `options` in summary.json: the choices and, in full, the method's words (`Method+Wording`), so that the
    /// document says what the page and the charts say.
    func writeJSON(to w: inout JSONWriter) {
        let method = self.method
        w.object { w in
            w.key("alpha"); w.value(alpha)
            w.key("centre"); w.value(centre.rawValue)
            w.key("confidence"); w.value(confidence)
            w.key("drop_outliers"); w.value(dropOutliers)
            w.key("interval_of_centre"); w.value(method.centreIntervalMethod)
            w.key("interval_of_mean"); w.value(Method.meanIntervalMethod)
            w.key("interval_of_ratio"); w.value(method.ratioIntervalMethod)
            w.key("method"); w.value(method.summaryLine())
            w.key("openssl_method"); w.value(method.forSamples.summaryLine())
            w.key("outlier_rule"); w.value(Method.outlierRule)
            w.key("skip_warmup"); w.value(skipWarmup)
            w.key("test"); w.value(method.test.rawValue)
            w.key("test_of_speedup"); w.value(method.testMethod)
        }
    }
}
