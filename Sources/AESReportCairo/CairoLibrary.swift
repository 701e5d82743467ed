import CCairo

/// Facts about the Cairo and Pango libraries the tool is linked against.
///
/// The chart renderer arrives in a later stage; this proves from the first build that the system libraries are
/// found through pkg-config and linked, and lets `aesreport --version` say which versions are in use.
public enum CairoLibrary {
    /// Cairo's run-time version string, such as `1.16.0`.
    public static var cairoVersion: String { String(cString: cairo_version_string()) }

    /// Pango's run-time version string, such as `1.50.12`.
    public static var pangoVersion: String { String(cString: pango_version_string()) }

    /// Draws one filled rectangle on a small in-memory image surface and reads the pixel back: a smoke test that
    /// the library is not only linked but works. Returns the ARGB32 value of the centre pixel.
    public static func drawProbePixel(red: Double, green: Double, blue: Double) -> UInt32? {
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 4, 4) else { return nil }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let context = cairo_create(surface) else {
            return nil
        }
        cairo_set_source_rgb(context, red, green, blue)
        cairo_rectangle(context, 0, 0, 4, 4)
        cairo_fill(context)
        cairo_destroy(context)
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else { return nil }
        let stride = Int(cairo_image_surface_get_stride(surface))
        return data.advanced(by: 2 * stride + 2 * 4).withMemoryRebound(to: UInt32.self, capacity: 1) { $0.pointee }
    }
}
