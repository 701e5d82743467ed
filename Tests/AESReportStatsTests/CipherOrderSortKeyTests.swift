@testable import AESReportStats
import XCTest

/// `CipherOrder.SortKey`, computed once per cipher for sorting, orders as `CipherOrder.key` does.
final class CipherOrderSortKeyTests: XCTestCase {
    static let names = [
        "aes-xts-plain64", "AES-CBC-ESSIV:SHA256", "aes-ecb-plain", "aes-pcbc-plain", "aes-lrw-benbi", "aes-ctr-plain",
        "serpent-xts-plain64", "twofish-cbc-plain", "aes", "aes-", "-xts", "--", "", "aes--xts", "aes-plain-cbc",
        "aes-gcm-random", "camellia-XTS-plain", "Aes-Xts", "aes-x\u{301}ts", "aes-\u{301}xts", "äes-xts", "x-ecb-cbc",
    ]

    func testTheKeyIsThatOfSplittingTheName() {
        for name in Self.names {
            let key = CipherOrder.SortKey(name)
            let expected = CipherOrder.key(name)
            XCTAssertEqual(key.algorithm, expected.algorithm, name)
            XCTAssertEqual(key.mode, expected.mode, name)
        }
        XCTAssertEqual(CipherOrder.SortKey("aes-xts-plain64").mode, 5)
        XCTAssertEqual(CipherOrder.SortKey("AES-CBC").algorithm, "aes")
        XCTAssertEqual(CipherOrder.SortKey("--").algorithm, "--")
    }

    func testSortingByKeysOnceGivesTheComparatorsOrder() {
        let names = Self.names + Self.names.reversed().map { $0.uppercased() }
        let byComparator = names.sorted { a, b in
            let ka = CipherOrder.key(a), kb = CipherOrder.key(b)
            if ka.algorithm != kb.algorithm { return ka.algorithm < kb.algorithm }
            if ka.mode != kb.mode { return ka.mode < kb.mode }
            return a < b
        }
        XCTAssertEqual(names.sorted(byKey: CipherOrder.SortKey.init, <), byComparator)
        XCTAssertEqual(names.sorted(by: CipherOrder.areInIncreasingOrder), byComparator)
    }
}
