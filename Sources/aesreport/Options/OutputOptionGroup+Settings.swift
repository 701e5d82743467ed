import AESReportCairo
import AESReportCharts
import AESReportModel
import AESReportOutput
import AESReportPages
import ArgumentParser
import Foundation

extension OutputOptionGroup {
    /// The page's templates, compiled (partials checked) before anything is read or written; nil without html.
    /// A template that does not load ends the run here: an error on stderr, exit status 1, nothing written.
    func loadTemplates() throws -> HTMLTemplates? {
        guard format.contains(.html) else { return nil }
        do {
            return try ReportTemplates.load(folder: template)
        } catch {
            switch error {
            case .unreadableFolder: printError(TerminalText.escape("error: \(error); nothing was written"))
            case .invalid: printError("error: \(error); nothing was written")
            }
            throw ExitCode(1)
        }
    }

    /// When charts will be drawn into a folder, starts setting up their fonts (and PNG images) on another core
    /// (`ChartWarmUp`), so that reading the results and computing the statistics hide most of it.
    func startChartWarmUp(charts: ChartOptionGroup) {
        guard output != nil, format.drawsCharts else { return }
        Self.startChartWarmUp(formats: format, theme: charts.theme.theme, size: charts.size, scale: charts.scale)
    }

    /// `ChartWarmUp` for charts drawn in `formats` with `theme`, at `size` and `scale` when PNG is among them.
    static func startChartWarmUp(formats: OutputFormatList, theme: Theme, size: ChartSize, scale: Double) {
        ChartWarmUp.start(ChartWarmUp.fonts(of: theme), png: formats.imageFormats.contains(.png) ? (size, scale) : nil)
    }

    /// What to write and how the charts look, for `ReportOutput`.
    func settings(charts: ChartOptionGroup, templates: HTMLTemplates?) -> ReportOutputSettings {
        ReportOutputSettings(formats: format, chartOptions: charts.chartOptions, chartSize: charts.size,
                             scale: charts.scale, templates: templates,
                             timestamp: timestamp ? ISOTimestamp.now() : nil,
                             pdfDate: ISOTimestamp.sourceDateEpoch(in: ProcessInfo.processInfo.environment),
                             version: AESReportCommand.version, svgText: charts.svgText,
                             summarySamples: summarySamples)
    }
}
