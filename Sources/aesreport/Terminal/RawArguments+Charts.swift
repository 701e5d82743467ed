import AESReportOutput

extension RawArguments {
    /// A guess from the command line before it is parsed, so that the charts' fonts and images can be set up
    /// (`ChartWarmUp`) while the parser runs: the formats of `report` or `compare` with `-o`/`--output`, when
    /// `--format` is not given or names a chart format or the page; nil otherwise. A wrong guess costs only time on
    /// another core (or the head start); the parsed options decide again (`OutputOptionGroup.startChartWarmUp`).
    static func chartFormats(_ arguments: [String]) -> OutputFormatList? {
        guard arguments.count > 1, ["report", "compare"].contains(arguments[1]) else { return nil }
        var output = false
        var formats = OutputFormatList()
        for (index, argument) in arguments.enumerated().dropFirst(2) {
            if argument == "-o" || argument == "--output" || argument.hasPrefix("--output=")
                || (argument.hasPrefix("-o") && !argument.hasPrefix("--")) {
                output = true
            } else if argument == "--format", index + 1 < arguments.count {
                formats = OutputFormatList(arguments[index + 1])
            } else if argument.hasPrefix("--format=") {
                formats = OutputFormatList(String(argument.dropFirst("--format=".count)))
            }
        }
        return output && formats.drawsCharts ? formats : nil
    }
}
