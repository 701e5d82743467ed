import AESReportStats

extension HTMLReport {
    /// A host's section with the method's words in the page's language: the tables' captions and interval
    /// headers (`Method+Wording` says them in each language) and the runs' AES-NI states. English is as built.
    func inLanguage(_ host: HostView) -> HostView {
        guard language != .en else { return host }
        var host = host
        let method = statisticalMethod, samples = statisticalMethod.forSamples
        host.method = method.summaryLine(language)
        host.legend = method.significanceLegend(language)
        host.opensslMethod = samples.summaryLine(language)
        host.opensslLegend = samples.significanceLegend(language)
        host.ratioIntervalHeader = text.interval(method.confidenceText, method.ratioIntervalName(language))
        host.opensslRatioIntervalHeader = text.interval(samples.confidenceText, samples.ratioIntervalName(language))
        for run in host.runs.indices {
            host.runs[run].intervalHeader = method.centreIntervalName(language)
            host.runs[run].state = text.state(host.runs[run].state)
        }
        return host
    }
}
