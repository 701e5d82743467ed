import AESReportCharts

/// Numbers and colours as SVG attribute values, by explicit rules rather than the process locale: at most two
/// decimals (a hundredth of a CSS pixel), trailing zeros dropped, no exponent, no `-0`.
enum SVGNumber {
    /// `12`, `12.5`, `-3.25`, `0`: `value` rounded to hundredths.
    static func text(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = Int((min(max(value, -1e12), 1e12) * 100).rounded())
        if hundredths == 0 { return "0" }
        let magnitude = hundredths.magnitude
        var out = hundredths < 0 ? "-" : ""
        out += String(magnitude / 100)
        let fraction = magnitude % 100
        if fraction != 0 {
            out += fraction < 10 ? ".0" + String(fraction) : "." + String(fraction % 10 == 0 ? fraction / 10 : fraction)
        }
        return out
    }

    /// `#rrggbb`, each component rounded to 0...255.
    static func hex(_ color: Color) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = [UInt8(ascii: "#")]
        for component in [color.red, color.green, color.blue] {
            let byte = Int((min(max(component, 0), 1) * 255).rounded())
            out.append(digits[byte >> 4])
            out.append(digits[byte & 0xF])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// ` name="#rrggbb"`, and ` name-opacity="0.75"` when the colour is not opaque.
    static func paint(_ name: String, _ color: Color) -> String {
        let opacity = min(max(color.alpha, 0), 1)
        return " \(name)=\"\(hex(color))\"" + (opacity < 1 ? " \(name)-opacity=\"\(text(opacity))\"" : "")
    }
}
