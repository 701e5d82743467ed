#if canImport(Glibc)
import Glibc
#endif
@testable import AESReportIngest
@testable import AESReportModel
import Foundation
import XCTest

/// The cheaper ways a file is opened and a CPU dump is read give what the general ways gave, and refuse what
/// they refused.
final class PerFileCostTests: XCTestCase {
    private let round = "20+0 records in\n20+0 records out\n21474836480 bytes (21 GB) copied, 10.2345 s, 2.1 GB/s\n"

    // MARK: - Opening below an input spelled as its real path

    func testAnInputSpelledAsItsRealPathIsLiteralAndOneWithDotsOrALinkIsNot() throws {
        let folder = try TemporaryFolder()
        let real = ReadPolicy.realPath(Array(folder.path.utf8))!
        try FileManager.default.createDirectory(atPath: folder.path + "/a", withIntermediateDirectories: true)
        XCTAssertEqual(symlink(folder.path + "/a", folder.path + "/link"), 0)
        XCTAssertTrue(ReadPolicy.isLiteral(real))
        XCTAssertTrue(ReadPolicy.isLiteral(real + Array("/a/".utf8)))
        XCTAssertFalse(ReadPolicy.isLiteral(real + Array("/a/../a".utf8)))
        XCTAssertFalse(ReadPolicy.isLiteral(real + Array("/./a".utf8)))
        XCTAssertFalse(ReadPolicy.isLiteral(real + Array("/link".utf8)))
        XCTAssertFalse(ReadPolicy.isLiteral(real + Array("/missing".utf8)))
    }

    func testOnlyPlainNamesBelowALiteralRootAreOpenedWithoutTheDescriptorCheck() throws {
        let folder = try TemporaryFolder()
        let real = String(decoding: ReadPolicy.realPath(Array(folder.path.utf8))!, as: UTF8.self)
        let policy = ReadPolicy.confined(to: [InputPath(real)])
        XCTAssertTrue(policy.isBelowLiteralRoot(Array((real + "/host/aes-cbc-plain-read.txt").utf8)))
        XCTAssertTrue(policy.isBelowLiteralRoot(Array(real.utf8)))
        XCTAssertFalse(policy.isBelowLiteralRoot(Array((real + "/host/../../etc/shadow").utf8)))
        XCTAssertFalse(policy.isBelowLiteralRoot(Array((real + "-sibling/file").utf8)))
    }

    /// A folder inside the input swapped for a link to a folder outside it, after the listing: the open without
    /// links is refused, and the general check on the descriptor refuses the file.
    func testAFolderOnTheWaySwappedForALinkOutsideIsStillRefused() throws {
        let input = try TemporaryFolder()
        let outside = try TemporaryFolder()
        try outside.write("run/aes-cbc-plain-read.txt", "secret\n")
        let real = String(decoding: ReadPolicy.realPath(Array(input.path.utf8))!, as: UTF8.self)
        XCTAssertEqual(symlink(outside.path + "/run", real + "/run"), 0)
        let policy = ReadPolicy.confined(to: [InputPath(real)])
        XCTAssertThrowsError(try LineReader.forEachLine(inFile: InputPath(real + "/run/aes-cbc-plain-read.txt"),
                                                        policy: policy) { _ in }) {
            XCTAssertEqual($0 as? InputError, .outsideInput(path: real + "/run/aes-cbc-plain-read.txt"))
        }
    }

    /// An input given through a link is not literal: its files are read, checked on the descriptor.
    func testAnInputGivenThroughALinkIsReadWithTheDescriptorCheck() throws {
        let folder = try TemporaryFolder()
        try folder.write("results/host/with-aesni/aes-cbc-plain-read.txt", round + round)
        XCTAssertEqual(symlink(folder.path + "/results", folder.path + "/via-link"), 0)
        let policy = ReadPolicy.confined(to: [InputPath(folder.path + "/via-link")])
        XCTAssertTrue(policy.literalRoots.isEmpty)
        var lines = 0
        try LineReader.forEachLine(inFile: InputPath(folder.path + "/via-link/host/with-aesni/aes-cbc-plain-read.txt"),
                                   policy: policy) { _ in lines += 1 }
        XCTAssertEqual(lines, 6)
    }

    // MARK: - cpuinfo on bytes

    func testCommonLinesAndGeneralLinesGiveTheSameDescription() {
        let common = "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU E5-2699 v4\n"
            + "flags\t\t: fpu sse2 aes avx2 zz_new_flag hypervisor\n\nprocessor\t: 1\n"
            + "flags\t\t: fpu sse2 aes avx2 zz_new_flag hypervisor\n"
        let cpu = CPUInfoParser.parse(text: common, path: "cpuinfo").value!
        XCTAssertEqual(cpu.flags, ["aes", "avx2", "fpu", "hypervisor", "sse2", "zz_new_flag"])
        XCTAssertEqual(cpu.vendor, "GenuineIntel")
        XCTAssertEqual(cpu.modelName, "Intel(R) Xeon(R) CPU E5-2699 v4")
        XCTAssertEqual(cpu.logicalCPUs, 2)
        XCTAssertEqual(cpu.architecture, .x86)
        // The same facts glued into one line (pasted text): read by the general path.
        let glued = "processor : 0vendor_id : GenuineIntelmodel name : Intel(R) Xeon(R) CPU E5-2699 v4"
            + "flags : fpu sse2 aes avx2 zz_new_flag hypervisor\n"
        let gluedCPU = CPUInfoParser.parse(text: glued, path: "cpuinfo").value!
        XCTAssertEqual(gluedCPU.flags, cpu.flags)
        XCTAssertEqual(gluedCPU.modelName, cpu.modelName)
    }

    func testAKeyInCapitalsAndAValueWithANonBreakingSpaceAreReadAsBefore() {
        // `Flags:` is lscpu's spelling, a known cpuinfo key either way; the NBSP before the list is trimmed by the
        // general path (the byte path leaves non-ASCII values to it).
        let text = "Architecture:  x86_64\nFlags:\u{A0}fpu sse2 aes\nModel name:  Some CPU\n"
        let cpu = CPUInfoParser.parse(text: text, path: "lscpu").value!
        XCTAssertEqual(cpu.flags, ["aes", "fpu", "sse2"])
        XCTAssertEqual(cpu.modelName, "Some CPU")
        XCTAssertEqual(cpu.format, .lscpu)
    }

    func testProcessorsWithDifferentFlagsGiveTheUnionAndANote() {
        let text = "processor : 0\nflags : fpu aes\nprocessor : 1\nflags : fpu sse2 my_flag\n"
        let parsed = CPUInfoParser.parse(text: text, path: "cpuinfo")
        XCTAssertEqual(parsed.value?.flags, ["aes", "fpu", "my_flag", "sse2"])
        XCTAssertTrue(parsed.diagnostics.contains { $0.message.contains("different flags") })
    }

    func testAPromptGluedToTheLastFlagEndsTheList() {
        let cpu = CPUInfoParser.parse(text: "flags : fpu aes xsaveopt$ cat foo\n", path: "f").value!
        XCTAssertEqual(cpu.flags, ["aes", "fpu", "xsaveopt"])
    }

    func testFlagSetKeepsKnownAndUnknownNamesSortedAndAnswersContains() {
        var set = CPUFlagSet()
        for name in ["zz_new", "aes", "aaa_new", "sse2", "aes", "zz_new"] {
            var name = name
            name.withUTF8 { set.insert($0) }
        }
        XCTAssertEqual(set.names, ["aaa_new", "aes", "sse2", "zz_new"])
        XCTAssertEqual(set.unknown, ["aaa_new", "zz_new"])
        XCTAssertTrue(set.contains("aes"))
        XCTAssertTrue(set.contains("zz_new"))
        XCTAssertFalse(set.contains("avx2"))
        XCTAssertFalse(set.contains("zz"))
        var other = CPUFlagSet()
        "avx2".utf8.withContiguousStorageIfAvailable { other.insert($0) }
        other.formUnion(set)
        XCTAssertEqual(other.names, ["aaa_new", "aes", "avx2", "sse2", "zz_new"])
        XCTAssertNotEqual(other, set)
    }

    func testTheFlagTableIsSortedAndFindsEveryName() {
        let names = CPUFlagTable.names
        XCTAssertEqual(names, names.sorted())
        XCTAssertLessThanOrEqual(names.count, 256)
        for (index, name) in names.enumerated() {
            var name = name
            XCTAssertEqual(name.withUTF8 { CPUFlagTable.index(of: $0) }, index)
        }
    }
}

extension PerFileCostTests {
    func testPlainComponentsRefuseDotAndDotDotAnywhere() {
        let plain = ["a/b", "/a//b/", "a/.hidden", "a/..b", "a/b.", "..."]
        let notPlain = [".", "..", "a/.", "a/..", "./a", "../a", "a/./b", "a/../b", "/a/b/..", "/.."]
        for path in plain { XCTAssertTrue(ReadPolicy.plainComponents(Array(path.utf8)[...]), path) }
        for path in notPlain { XCTAssertFalse(ReadPolicy.plainComponents(Array(path.utf8)[...]), path) }
    }
}
