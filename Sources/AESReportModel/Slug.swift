/// Names made safe for file names and page anchors.
public enum Slug {
    /// Lower case letters and digits (any script), everything else one dash, no dash at either end:
    /// `Skylake Gold 6148` → `skylake-gold-6148`. May be empty when `text` has no letter or digit. Judged per
    /// Unicode scalar, so nothing invisible (a combining mark, a tag or variation character) rides along with a
    /// letter into a file name.
    public static func of(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            out.append(isLetterOrDigit(scalar) ? scalar : "-")
        }
        return String(out).split(separator: "-").joined(separator: "-")
    }

    /// Alphabetic or numeric (any script).
    public static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}

/// The part of a file name and page anchor that stands for a host: `read-<name>.png`, `#host-<name>`.
///
/// Distinct hosts get distinct names, and every name fits in a file name with room to spare (NAME_MAX is 255
/// bytes): a host's name is its slug when that slug is non-empty, at most `maximumSlugBytes` long and no other host
/// of the report has it; otherwise the slug (cut to `maximumSlugBytes`) followed by `_` and 12 hex digits of a
/// 64-bit FNV-1a hash of the exact name (`Host A` → `host-a_…`, `host-a` → `host-a_…`, `!!!` → `_…`). A slug never
/// holds `_`, so a hashed name never equals a plain one; in the unlikely case that two hashes still meet, `-2`,
/// `-3`... follow. The names depend only on the set of hosts and their order.
public enum HostFileNames {
    /// The most bytes of slug a name keeps: with the longest chart prefix (`openssl-encrypt-`), the hash, an
    /// extension and a writer's temporary-name decoration, a file name stays far below 255 bytes.
    public static let maximumSlugBytes = 100

    /// The name of each of `hosts` (distinct strings), by host.
    public static func names(_ hosts: [String]) -> [String: String] {
        let hosts = hosts.uniqued()
        let slugs = hosts.map { cut(Slug.of($0)) }
        var slugCounts: [String: Int] = [:]
        for slug in slugs { slugCounts[slug.text, default: 0] += 1 }
        var names: [String: String] = [:]
        var used = Set<String>()
        for (host, slug) in zip(hosts, slugs) {
            var name = slug.text
            if slug.text.isEmpty || slug.wasCut || slugCounts[slug.text, default: 0] > 1 {
                name = slug.text + "_" + hash(host)
            }
            if used.contains(name) {
                var counter = 2
                while used.contains(name + "-\(counter)") { counter += 1 }
                name += "-\(counter)"
            }
            used.insert(name)
            names[host] = name
        }
        return names
    }

    /// `slug` cut to at most `maximumSlugBytes` UTF-8 bytes at a character boundary, without a trailing dash.
    static func cut(_ slug: String) -> (text: String, wasCut: Bool) {
        guard slug.utf8.count > maximumSlugBytes else { return (slug, false) }
        var text = ""
        var bytes = 0
        for character in slug {
            let size = character.utf8.count
            guard bytes + size <= maximumSlugBytes else { break }
            text.append(character)
            bytes += size
        }
        while text.hasSuffix("-") { text.removeLast() }
        return (text, true)
    }

    /// 12 lower-case hex digits of the 64-bit FNV-1a hash of the name's UTF-8 bytes (stable across runs and
    /// machines, unlike `Hasher`).
    public static func hash(_ text: String) -> String {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01B3
        }
        let hex = String(value >> 16, radix: 16)
        return String(repeating: "0", count: 12 - hex.count) + hex
    }
}
