/// Reads an AES-NI state from a folder name: `aesni`, `with-aesni`, `aes-ni-on` mean with;
/// `no-aesni`, `noaesni`, `without-aesni`, `aesni-off`, `non-aesni` mean without. Case, `-`, `_`, `.` and spaces
/// do not matter.
public enum FolderNameAESNI {
    public static func state(of name: String) -> Bool? {
        let squashed = Array(name.lowercased().filter { $0.isLetter || $0.isNumber })
        let word = Array("aesni")
        guard let start = squashed.indices.first(where: { squashed[$0...].starts(with: word) }) else { return nil }
        let before = String(squashed[..<start])
        let after = String(squashed[(start + word.count)...])
        if ["no", "non", "without", "wo"].contains(where: { before.hasSuffix($0) })
            || ["off", "disabled", "masked"].contains(where: { after.hasPrefix($0) }) {
            return false
        }
        return true
    }
}
