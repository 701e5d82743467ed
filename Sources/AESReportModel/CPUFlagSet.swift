/// A set of CPU flag names, interned: the flags a fixed table knows are bits (four machine words for 256
/// names), the rest a small sorted side list. Building one from a cpuinfo `flags` line costs a table look-up per
/// token and no string per known flag; comparing two is four word compares in the common case.
///
/// `names` gives the flags as `CPUDescription.flags` holds them: sorted bytewise (the order of `String`'s `<` for
/// these ASCII names), without duplicates.
public struct CPUFlagSet: Sendable, Hashable {
    private var word0: UInt64 = 0
    private var word1: UInt64 = 0
    private var word2: UInt64 = 0
    private var word3: UInt64 = 0
    /// Flags the table does not know, sorted, without duplicates.
    public private(set) var unknown: [String] = []

    public init() {}

    /// The set of `names` (any order, duplicates allowed).
    public init(names: some Sequence<String>) {
        for var name in names { name.withUTF8 { insert($0) } }
    }

    /// Whether no flag is in the set.
    public var isEmpty: Bool { word0 | word1 | word2 | word3 == 0 && unknown.isEmpty }

    /// Adds the flag spelled by `bytes` (any bytes; a name the table lacks goes to the side list).
    public mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>) {
        if let index = CPUFlagTable.index(of: bytes) {
            setBit(index)
            return
        }
        let name = String(decoding: bytes, as: UTF8.self)
        var low = 0
        var high = unknown.count
        while low < high {
            let mid = (low + high) / 2
            if unknown[mid] < name { low = mid + 1 } else { high = mid }
        }
        if low == unknown.count || unknown[low] != name { unknown.insert(name, at: low) }
    }

    /// Whether the flag `name` is in the set.
    public func contains(_ name: String) -> Bool {
        var copy = name
        return copy.withUTF8 { bytes in
            if let index = CPUFlagTable.index(of: bytes) {
                let word = [word0, word1, word2, word3][index >> 6]
                return word & (UInt64(1) << UInt64(index & 63)) != 0
            }
            return unknown.contains(name)
        }
    }

    /// Adds every flag of `other`.
    public mutating func formUnion(_ other: CPUFlagSet) {
        word0 |= other.word0
        word1 |= other.word1
        word2 |= other.word2
        word3 |= other.word3
        for var name in other.unknown { name.withUTF8 { insert($0) } }
    }

    /// The flags as names, sorted bytewise, without duplicates.
    public var names: [String] {
        var known: [String] = []
        known.reserveCapacity((word0.nonzeroBitCount + word1.nonzeroBitCount + word2.nonzeroBitCount
            + word3.nonzeroBitCount))
        for (w, word) in [word0, word1, word2, word3].enumerated() {
            var rest = word
            while rest != 0 {
                known.append(CPUFlagTable.names[w * 64 + rest.trailingZeroBitCount])
                rest &= rest - 1
            }
        }
        guard !unknown.isEmpty else { return known }
        // Both lists are sorted: merge them.
        var merged: [String] = []
        merged.reserveCapacity(known.count + unknown.count)
        var i = 0
        var j = 0
        while i < known.count || j < unknown.count {
            if j == unknown.count || (i < known.count && known[i] < unknown[j]) {
                merged.append(known[i])
                i += 1
            } else {
                merged.append(unknown[j])
                j += 1
            }
        }
        return merged
    }

    private mutating func setBit(_ index: Int) {
        let bit = UInt64(1) << UInt64(index & 63)
        switch index >> 6 {
        case 0: word0 |= bit
        case 1: word1 |= bit
        case 2: word2 |= bit
        default: word3 |= bit
        }
    }
}

/// The flag names `CPUFlagSet` holds as bits: the x86 flags of `/proc/cpuinfo` (Linux's cpufeatures names) and the
/// aarch64 `Features`, sorted, at most 256, with an open-addressing hash table from a name's bytes to its index.
enum CPUFlagTable {
    static let names: [String] = {
        let sorted = Array(Set(x86 + arm)).sorted()
        precondition(sorted.count <= 256, "CPUFlagSet holds at most 256 known flags")
        return sorted
    }()

    private static let nameBytes: [[UInt8]] = names.map { Array($0.utf8) }

    private static let slotCount = 1024

    /// Slot -> index + 1 into `names` (0: empty).
    private static let slots: [UInt16] = {
        var slots = [UInt16](repeating: 0, count: slotCount)
        for (index, bytes) in nameBytes.enumerated() {
            var slot = bytes.withUnsafeBufferPointer { hash($0) } & (slotCount - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (slotCount - 1) }
            slots[slot] = UInt16(index + 1)
        }
        return slots
    }()

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt32 = 2_166_136_261
        for byte in bytes { h = (h ^ UInt32(byte)) &* 16_777_619 }
        return Int(h ^ (h >> 15))
    }

    /// The index of the name spelled by `bytes`, or `nil` when the table lacks it.
    static func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var slot = hash(bytes) & (slotCount - 1)
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            let index = Int(entry) - 1
            if nameBytes[index].withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) { return index }
            slot = (slot + 1) & (slotCount - 1)
        }
    }

    private static let x86: [String] = """
        fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush dts acpi mmx fxsr sse \
        sse2 ss ht tm pbe syscall nx mmxext fxsr_opt pdpe1gb rdtscp lm constant_tsc art arch_perfmon pebs bts \
        rep_good nopl xtopology tsc_reliable nonstop_tsc cpuid extd_apicid amd_dcm aperfmperf rapl \
        nonstop_tsc_s3 tsc_known_freq pni pclmulqdq dtes64 monitor ds_cpl vmx smx est tm2 ssse3 fma cx16 xtpr \
        pdcm pcid dca sse4_1 sse4_2 x2apic movbe popcnt tsc_deadline_timer aes xsave avx f16c rdrand hypervisor \
        rng lahf_lm cmp_legacy svm extapic cr8_legacy abm sse4a misalignsse 3dnowprefetch osvw ibs xop skinit \
        fma4 topoext perfctr_core perfctr_nb mwaitx cpuid_fault cpb epb cat_l3 cdp_l3 invpcid_single sme ssbd \
        ibrs ibpb stibp ibrs_enhanced flexpriority ept vpid fsgsbase tsc_adjust bmi1 hle avx2 smep bmi2 erms \
        invpcid rtm cqm mpx rdt_a avx512f avx512dq rdseed adx smap avx512ifma clflushopt clwb intel_pt avx512pf \
        avx512er avx512cd sha_ni avx512bw avx512vl xsaveopt xsavec xgetbv1 xsaves split_lock_detect avx_vnni \
        avx512_bf16 clzero xsaveerptr rdpru wbnoinvd virt_ssbd dtherm ida arat pln pts hwp hwp_notify \
        hwp_act_window hwp_epp hwp_pkg_req npt lbrv svm_lock nrip_save tsc_scale vmcb_clean flushbyasid \
        decodeassists pausefilter avic v_vmsave_vmload avx512vbmi umip pku ospke waitpkg avx512_vbmi2 gfni vaes \
        vpclmulqdq avx512_vnni avx512_bitalg tme avx512_vpopcntdq la57 rdpid bus_lock_detect cldemote movdiri \
        movdir64b enqcmd fsrm avx512_vp2intersect md_clear serialize amx_bf16 avx512_fp16 amx_tile amx_int8 \
        flush_l1d arch_capabilities ssbd sgx
        """.split(separator: " ").map(String.init)

    private static let arm: [String] = """
        fp asimd pmull sha1 sha2 crc32 atomics fphp asimdhp asimdrdm jscvt fcma lrcpc dcpop sha3 sm3 sm4 asimddp \
        sha512 sve asimdfhm dit uscat ilrcpc flagm ssbs sb paca pacg dcpodp sve2 sveaes svepmull svebitperm \
        svesha3 svesm4 flagm2 frint svei8mm svef32mm svef64mm svebf16 i8mm bf16 rng bti mte ecv afp
        """.split(separator: " ").map(String.init)
}
