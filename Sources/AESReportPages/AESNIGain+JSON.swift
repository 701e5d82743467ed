import AESReportModel
import AESReportStats

extension AESNIGain {
    /// The interval's keys of a gain (`ci95`, `ci95_method`, `ci95_note`): they sort before a dd gain's `cipher` and
    /// after an openssl gain's `block_size`, so each type writes its own keys around these and `testFields`.
    func writeIntervalFields(to w: inout JSONWriter) {
        w.key("ci95"); w.value(pair: estimate.confidenceInterval.map { ($0.low, $0.high) })
        w.key("ci95_method"); w.value(estimate.intervalMethod)
        w.key("ci95_note"); w.value(estimate.intervalNote)
    }

    /// The keys from `p_value` to `without_aesni`, the end of every gain.
    func writeTestFields(to w: inout JSONWriter) {
        w.key("p_value"); w.value(test.pValue)
        w.key("percent"); w.value(estimate.percent)
        w.key("ratio"); w.value(estimate.ratio)
        w.key("rounds_with"); w.value(roundsWith)
        w.key("rounds_without"); w.value(roundsWithout)
        w.key("significant"); w.value(significant)
        w.key("test"); w.value(testKind.rawValue)
        w.key("test_note"); w.value(test.note)
        w.key("with_aesni"); w.value(withAESNI)
        w.key("without_aesni"); w.value(withoutAESNI)
    }
}

extension Speedup {
    /// One entry of `speedups[]` in summary.json.
    func writeJSON(to w: inout JSONWriter) {
        w.object { w in
            writeIntervalFields(to: &w)
            w.key("cipher"); w.value(cipher)
            w.key("host"); w.value(host)
            w.key("operation"); w.value(operation.rawValue)
            writeTestFields(to: &w)
        }
    }
}

extension OpenSSLSpeedup {
    /// One entry of `openssl_speedups[]` in summary.json.
    func writeJSON(to w: inout JSONWriter) {
        w.object { w in
            w.key("algorithm"); w.value(algorithm)
            w.key("block_size"); w.value(blockSize)
            writeIntervalFields(to: &w)
            w.key("direction"); w.value(direction.rawValue)
            w.key("host"); w.value(host)
            writeTestFields(to: &w)
        }
    }
}

extension SpeedupRange {
    /// One entry of `ranges[]` in summary.json; `caveat` is the emulated-CPU caveat of the host, if any.
    func writeJSON(to w: inout JSONWriter, caveat: String?) {
        w.object { w in
            w.key("caveat"); w.value(caveat)
            w.key("ciphers"); w.value(ciphers)
            w.key("high_cipher"); w.value(highCipher)
            w.key("high_percent"); w.value(highPercent)
            w.key("host"); w.value(host)
            w.key("low_cipher"); w.value(lowCipher)
            w.key("low_percent"); w.value(lowPercent)
            w.key("not_significant"); w.value(notSignificant)
            w.key("operation"); w.value(operation.rawValue)
            w.key("sentence"); w.value(SpeedupText.range(self))
            w.key("untested"); w.value(untested)
        }
    }
}

extension CryptsetupSpeedup {
    /// One entry of `cryptsetup_speedups[]` in summary.json: the gain of the kernel cipher in memory (no disk).
    func writeJSON(to w: inout JSONWriter) {
        w.object { w in
            w.key("algorithm"); w.value(algorithm)
            writeIntervalFields(to: &w)
            w.key("direction"); w.value(direction.rawValue)
            w.key("host"); w.value(host)
            w.key("key_bits"); w.value(keyBits)
            writeTestFields(to: &w)
        }
    }
}

extension TcryptSpeedup {
    /// One entry of `tcrypt_speedups[]` in summary.json, with the kernel drivers each side ran.
    func writeJSON(to w: inout JSONWriter) {
        w.object { w in
            w.key("algorithm"); w.value(algorithm)
            w.key("block_size"); w.value(blockSize)
            writeIntervalFields(to: &w)
            w.key("direction"); w.value(direction.rawValue)
            w.key("driver_with"); w.value(driverWith)
            w.key("driver_without"); w.value(driverWithout)
            w.key("host"); w.value(host)
            w.key("key_bits"); w.value(keyBits)
            writeTestFields(to: &w)
        }
    }
}
