/// An openssl EVP name split into its key size and mode: `AES-128-CBC` is 128 bits, mode `CBC`; a name without a
/// number has no key size and is its own mode.
struct OpenSSLAlgorithmName {
    var keyBits: Int?
    /// The name without its key size (`AES-CBC`).
    var mode: String

    init(_ name: String) {
        let parts = name.split(separator: "-").map(String.init)
        keyBits = parts.lazy.compactMap { Int($0) }.first
        mode = parts.filter { Int($0) == nil }.joined(separator: "-")
    }
}
