import CCairo

/// Why a drawing could not be rendered.
public enum RenderError: Error, Equatable, CustomStringConvertible {
    /// Cairo reported a failure, in its own words (`out of memory`, `error while writing to output stream`).
    case cairo(String)
    /// zlib could not compress the PNG's pixels.
    case pngEncoding

    public var description: String {
        switch self {
        case let .cairo(status): "cairo failed: \(status)"
        case .pngEncoding: "PNG encoding failed"
        }
    }
}

extension RenderError {
    /// The one place a Cairo status becomes a Swift error.
    init(status: cairo_status_t) {
        self = .cairo(String(cString: cairo_status_to_string(status)))
    }

    /// Throws unless `status` is success.
    static func check(_ status: cairo_status_t) throws(RenderError) {
        guard status == CAIRO_STATUS_SUCCESS else { throw RenderError(status: status) }
    }
}
