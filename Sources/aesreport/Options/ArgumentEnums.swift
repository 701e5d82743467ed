import AESReportCairo
import AESReportCharts
import AESReportCollect
import AESReportIngest
import AESReportOutput
import AESReportStats
import ArgumentParser

/// `on` or `off`, for `--assume-aesni`.
enum OnOff: String, ExpressibleByArgument, CaseIterable {
    case on, off
    var bool: Bool { self == .on }
}

// The libraries' enumerations, read from the command line by their raw values.
extension Centre: ExpressibleByArgument {}
extension ChartLanguage: ExpressibleByArgument {}
extension ChartThemeName: ExpressibleByArgument {}
extension ErrorBars: ExpressibleByArgument {}
extension SVGTextMode: ExpressibleByArgument {}
extension InputKind: ExpressibleByArgument {}
extension DMCryptCollector.Backing: ExpressibleByArgument {}
extension VMCollector.AcceleratorChoice: ExpressibleByArgument {}

/// `--format html,json,png`: a list, so that the command names every unknown format in one sentence
/// (`OutputOptionGroup.validate`) rather than the parser stopping at the first.
extension OutputFormatList: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
    public var defaultValueDescription: String { text }
}
