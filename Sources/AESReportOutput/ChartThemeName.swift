import AESReportCharts

/// The chart themes a user can name (`--theme`).
public enum ChartThemeName: String, Sendable, CaseIterable {
    case light, dark

    /// The theme's visual constants.
    public var theme: Theme {
        switch self {
        case .light: .light
        case .dark: .dark
        }
    }
}
