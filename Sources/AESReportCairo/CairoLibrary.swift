import AESReportCharts
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
        guard let surface = try? CairoSurface.image(width: 4, height: 4) else { return nil }
        let context = CairoContext(surface)
        context.setSource(Color(red: red, green: green, blue: blue))
        context.rectangle(Rect(x: 0, y: 0, width: 4, height: 4))
        context.fill()
        guard (try? context.check()) != nil else { return nil }
        return surface.withPixels { image in
            image.data.advanced(by: 2 * image.stride + 2 * 4).withMemoryRebound(to: UInt32.self, capacity: 1) { $0.pointee }
        }
    }
}
