import AESReportModel
import XCTest

final class ThroughputFormatTests: XCTestCase {
    func testSIUnitsAsDDPrintsThem() {
        XCTAssertEqual(ThroughputFormat.si(2_133_000_000), "2.13 GB/s")
        XCTAssertEqual(ThroughputFormat.si(980_000_000), "980 MB/s")
        XCTAssertEqual(ThroughputFormat.si(999_700_000), "1.00 GB/s")
        XCTAssertEqual(ThroughputFormat.si(23_900), "23.9 kB/s")
        XCTAssertEqual(ThroughputFormat.si(12), "12.0 B/s")
    }

    func testSignificantDigitsNeverCrashOnTinyOrHugeValues() {
        XCTAssertEqual(ThroughputFormat.significant(2.0747850180751853e-17, digits: 2), "2.1e-17")
        XCTAssertEqual(ThroughputFormat.significant(0.00018, digits: 2), "1.8e-4")
        XCTAssertEqual(ThroughputFormat.significant(0.0421, digits: 2), "0.042")
        XCTAssertEqual(ThroughputFormat.significant(0.99999, digits: 2), "1.0")
        XCTAssertEqual(ThroughputFormat.significant(9.99e-5, digits: 2), "1.0e-4")
        XCTAssertEqual(ThroughputFormat.significant(6.75e17, digits: 3), "6.75e17")
        XCTAssertEqual(ThroughputFormat.significant(-0.5, digits: 2), "-0.50")
        XCTAssertEqual(ThroughputFormat.significant(Double.leastNonzeroMagnitude, digits: 2), "4.9e-324")
        XCTAssertEqual(ThroughputFormat.fixed(1.5, decimals: 400), "1.500000000000000")
    }
}

final class SlugTests: XCTestCase {
    func testSlugsForFileNamesAndAnchors() {
        XCTAssertEqual(Slug.of("Skylake Gold 6148"), "skylake-gold-6148")
        XCTAssertEqual(Slug.of("<script>alert(1)</script>"), "script-alert-1-script")
        XCTAssertEqual(Slug.of("--a  b--"), "a-b")
        XCTAssertEqual(Slug.of("主机-1"), "主机-1")
        XCTAssertEqual(Slug.of("!!!"), "")
    }
}
