extension ReportCharts {
    /// `charts` with one value axis per kind (`read`, `openssl-encrypt`, `rounds`...) across hosts: each chart's
    /// axis reaches the highest value any chart of its kind needs, and its caption says so. Gain charts keep their
    /// own axes (a gain axis runs through zero and is read against its own labels).
    static func sharingValueAxes(_ charts: [(kind: ChartKind, chart: NamedChart)], language: ChartLanguage)
        -> [NamedChart] {
        var highest: [ChartKind: Double] = [:]
        var count: [ChartKind: Int] = [:]
        for (kind, chart) in charts {
            guard let needed = chart.highestNeeded else { continue }
            highest[kind] = max(highest[kind] ?? 0, needed)
            count[kind, default: 0] += 1
        }
        return charts.map { kind, chart in
            guard let maximum = highest[kind], count[kind, default: 0] > 1 else { return chart }
            var shared = chart
            switch chart.model {
            case var .grouped(model):
                model.valueMaximum = maximum
                model.caption += " " + language.sharedScaleNote
                shared.model = .grouped(model)
            case var .rounds(model):
                model.valueMaximum = maximum
                model.caption += " " + language.sharedScaleNote
                shared.model = .rounds(model)
            case .horizontal, .distribution:
                break
            }
            return shared
        }
    }
}

extension NamedChart {
    /// The highest value the chart's own data needs on its value axis, for charts whose axis runs from zero; nil
    /// for the others.
    var highestNeeded: Double? {
        switch model {
        case let .grouped(chart): chart.highestNeeded
        case let .rounds(chart): chart.highestNeeded
        case .horizontal, .distribution: nil
        }
    }
}
