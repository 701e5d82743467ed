#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension CPUInfoParser {
    /// Reads, on its bytes, a line of the shape nearly every line of a real dump has: no colon at all (a blank
    /// line between processors), or `key<blanks>: value` with one known cpuinfo key in ASCII and no other colon.
    /// Returns `false`, having read nothing, for every other line, which the general path (strings: lscpu, DMI,
    /// glued lines) then reads; for the lines it takes, the result is what that path gives, without making a
    /// string of the line, of the key, or of a value no field keeps (`flags`, whose tokens are interned).
    mutating func consumeCommonLine(_ line: Line) -> Bool {
        let bytes = line.bytes
        guard let base = bytes.baseAddress, !bytes.isEmpty,
              let hit = memchr(base, Int32(UInt8(ascii: ":")), bytes.count) else {
            // No colon: no key of any format, nothing to take.
            return true
        }
        let colon = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
        let valueStart = colon + 1
        if valueStart < bytes.count {
            // A non-ASCII byte right after the colon may be a combining mark, which makes the colon part of
            // another character for the string path: leave such a line to it.
            guard bytes[valueStart] < 0x80,
                  memchr(base + valueStart, Int32(UInt8(ascii: ":")), bytes.count - valueStart) == nil
            else { return false }
        }
        guard let keyRange = Self.asciiTrimmed(bytes, 0..<colon), !keyRange.isEmpty,
              let key = Self.cpuinfoKey(UnsafeBufferPointer(rebasing: bytes[keyRange])) else { return false }
        guard let valueRange = Self.asciiTrimmed(bytes, valueStart..<bytes.count) else { return false }
        let value = UnsafeBufferPointer(rebasing: bytes[valueRange])
        switch key {
        case "flags":
            architectureHint = architectureHint == .unknown ? .x86 : architectureHint
            takeFlags(bytes: value, line: line.number)
        case "features":
            architectureHint = .arm
            takeFlags(bytes: value, line: line.number)
        case "processor", "vendor_id", "model name", "cpu implementer", "cpu part":
            takeCpuinfo(key: key, value: String(decoding: value, as: UTF8.self), line: line.number)
        default:
            break
        }
        return true
    }

    /// `range` of `bytes` without leading and trailing spaces, tabs and carriage returns, or `nil` when it holds a
    /// non-ASCII byte (whose trimming, by characters, the string path does).
    static func asciiTrimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int>? {
        var start = range.lowerBound
        var end = range.upperBound
        for index in range where bytes[index] >= 0x80 { return nil }
        while start < end, isBlank(bytes[start]) { start += 1 }
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        return start..<end
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }

    /// The known cpuinfo key `key` spells, ASCII letters in any case, or `nil`.
    static func cpuinfoKey(_ key: UnsafeBufferPointer<UInt8>) -> String? {
        for (name, spelled) in cpuinfoKeyBytes where spelled.count == key.count {
            var same = true
            for index in 0..<key.count {
                let byte = key[index]
                let lower = byte &- 0x41 < 26 ? byte | 0x20 : byte
                if lower != spelled[index] {
                    same = false
                    break
                }
            }
            if same { return name }
        }
        return nil
    }
}
