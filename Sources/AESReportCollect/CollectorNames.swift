/// The grammar of the names the collectors put into file names and child commands' arguments. A name that breaks
/// it is refused before anything runs: a `/` or `..` would leave the result folder (`--ciphers ../victim/x`), a
/// leading `-` would reach cryptsetup or openssl as an option (`--mapping-name=--test-passphrase`).
public enum CollectorNames {
    /// Why `name` cannot be used as `what` (a sentence without the final period); nil when it can. `extra` lists
    /// the punctuation allowed besides letters, digits, `-`, `_` and `.`.
    public static func problem(_ name: String, what: String, extra: String = "", maximumLength: Int = 64) -> String? {
        let allowed = "-_." + extra
        if name.isEmpty { return "\(what) is empty" }
        if name.utf8.count > maximumLength { return "\(what) '\(name.prefix(80))' is longer than \(maximumLength) bytes" }
        guard let first = name.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic
                || ("0"..."9").contains(first) else {
            return "\(what) '\(name)' must start with a letter or a digit"
        }
        let ok = name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || ("0"..."9").contains(scalar) || allowed.unicodeScalars.contains(scalar))
        }
        if !ok || name.contains("..") {
            return "\(what) '\(name)' may hold only letters, digits and \(allowed.map { "'\($0)'" }.joined(separator: " ")) "
                + "(no '/', no '..')"
        }
        return nil
    }

    /// A cipher in cryptsetup's notation: `aes-xts-plain64`, `aes-cbc-essiv:sha256`, `capi:xts(aes)-plain64`.
    public static func cipherProblem(_ name: String) -> String? {
        problem(name, what: "cipher", extra: ":()+")
    }

    /// An EVP algorithm of openssl: `aes-128-cbc`, `id-aes128-GCM`, `chacha20-poly1305`.
    public static func algorithmProblem(_ name: String) -> String? {
        problem(name, what: "algorithm")
    }

    /// A device-mapper name (it becomes /dev/mapper/NAME).
    public static func mappingProblem(_ name: String) -> String? {
        problem(name, what: "mapping name", maximumLength: 127)
    }
}
