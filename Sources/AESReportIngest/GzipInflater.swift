import CZlib

/// Decompresses a gzip stream (`.gz` logs, also several members appended) chunk by chunk through zlib, so a
/// compressed log streams through the line reader like any other. The decompressed size is bounded: past `limit`
/// bytes the file is refused (an error naming the limit), so a small bomb cannot fill memory or time; a reader that
/// wants only a prefix stops at `prefix` bytes instead. The zlib stream lives at a fixed address (zlib keeps a
/// pointer back to it) owned by this class, freed in `deinit`.
final class GzipInflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private let output: UnsafeMutableBufferPointer<UInt8>
    private let path: String
    private let limit: Int64
    private let prefix: Int64?
    private var produced: Int64 = 0
    /// The current member ended (`Z_STREAM_END`); more input starts another member.
    private var memberEnded = false
    /// The prefix wanted has been produced: nothing more is decompressed.
    private(set) var done = false

    /// Whether `bytes` start with gzip's magic number.
    static func isGzip(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    init(path: String, limit: Int64, prefix: Int64?) throws {
        self.path = path
        self.limit = limit
        self.prefix = prefix
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        output = .allocate(capacity: 1 << 16)
        // 15 + 32: the largest window, and zlib tells gzip from zlib headers itself.
        let status = inflateInit2_(stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            output.deallocate()
            throw InputError.readFailed(path: path, reason: "zlib could not start (status \(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        output.deallocate()
    }

    /// Decompresses `input`, handing each decompressed piece to `emit`.
    func feed(_ input: UnsafeBufferPointer<UInt8>, _ emit: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        guard let base = input.baseAddress, !done else { return }
        var offset = 0
        while offset < input.count, !done {
            if memberEnded {
                guard inflateReset(stream) == Z_OK else { throw failure("zlib could not start the next member") }
                memberEnded = false
            }
            stream.pointee.next_in = UnsafeMutablePointer(mutating: base + offset)
            stream.pointee.avail_in = UInt32(input.count - offset)
            repeat {
                stream.pointee.next_out = output.baseAddress
                stream.pointee.avail_out = UInt32(output.count)
                let status = inflate(stream, Z_NO_FLUSH)
                var made = output.count - Int(stream.pointee.avail_out)
                if let prefix, produced + Int64(made) >= prefix {
                    made = Int(prefix - produced)
                    done = true
                }
                produced += Int64(made)
                if produced > limit {
                    throw failure("it decompresses to more than \(limit) bytes, the limit per file (--max-file-size)")
                }
                if made > 0 { try emit(UnsafeBufferPointer(rebasing: output[..<made])) }
                switch status {
                case Z_STREAM_END: memberEnded = true
                case Z_OK, Z_BUF_ERROR: break
                default: throw failure("not a valid gzip stream (zlib status \(status))")
                }
            } while stream.pointee.avail_out == 0 && !memberEnded && !done
            let consumed = input.count - offset - Int(stream.pointee.avail_in)
            offset += consumed
            // All input taken and the member still open: wait for the next chunk.
            if !memberEnded && stream.pointee.avail_in == 0 { break }
            if consumed == 0 && !memberEnded { throw failure("not a valid gzip stream (no progress)") }
        }
    }

    /// The end of the file: a member left open means the file was cut short.
    func finish() throws {
        guard memberEnded || done else { throw failure("the gzip stream is cut short") }
    }

    private func failure(_ reason: String) -> InputError {
        InputError.readFailed(path: path, reason: reason)
    }
}
