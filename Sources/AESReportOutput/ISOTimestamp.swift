import Foundation

/// The times a report may carry, as ISO 8601 text in UTC (`2017-11-05T00:00:00Z`): the HTML page's
/// `--timestamp` and a PDF's creation date. Off by default, so that output is reproducible.
public enum ISOTimestamp {
    /// `2017-11-05T00:00:00Z` for a Unix time (UTC), by calendar arithmetic alone (no locale, no time zone).
    public static func text(epochSeconds: Int64) -> String {
        let days = epochSeconds >= 0 ? epochSeconds / 86_400 : (epochSeconds - 86_399) / 86_400
        let secondsOfDay = epochSeconds - days * 86_400
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(secondsOfDay / 3600)):\(two(secondsOfDay % 3600 / 60)):"
            + "\(two(secondsOfDay % 60))Z"
    }

    /// Now, for `--timestamp`.
    public static func now() -> String {
        text(epochSeconds: Int64(Date().timeIntervalSince1970))
    }

    /// The time `SOURCE_DATE_EPOCH` (reproducible builds) names in `environment`, for a PDF's creation date; nil
    /// when it is unset or not a whole number of seconds.
    public static func sourceDateEpoch(in environment: [String: String]) -> String? {
        environment["SOURCE_DATE_EPOCH"].flatMap { Int64($0) }.map { text(epochSeconds: $0) }
    }
}
