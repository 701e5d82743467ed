/// Words put into command lines a person may paste (`gunzip -k 'aes-cbc-plain-write.txt.gz'`, a collector's
/// `vng ...` line): the one quoting function, so no suggestion can close its quotes and run what a file name says.
public enum ShellWord {
    /// `word` as the shell reads one word: as is when it holds only letters, digits and `-_./=:,+@%`, else in
    /// single quotes, each `'` in it written `'\''` (`a';touch x;'b` becomes `'a'\'';touch x;'\''b'`).
    public static func quoted(_ word: String) -> String {
        let plain = word.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
                || "-_./=:,+@%".utf8.contains(byte)
        }
        return plain && !word.isEmpty ? word : singleQuoted(word)
    }

    /// A file name in the current folder as an argument, always in single quotes (as the suggestions have always
    /// shown it), and `./` before a name that starts with `-`, so that it is never read as an option.
    public static func file(_ name: String) -> String {
        singleQuoted(name.hasPrefix("-") ? "./" + name : name)
    }

    private static func singleQuoted(_ word: String) -> String {
        var out = "'"
        for character in word { out += character == "'" ? "'\\''" : String(character) }
        return out + "'"
    }
}
