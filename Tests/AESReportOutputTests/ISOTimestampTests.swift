import AESReportOutput
import XCTest

final class ISOTimestampTests: XCTestCase {
    func testUnixTimesAreWrittenAsUTCCalendarDates() {
        XCTAssertEqual(ISOTimestamp.text(epochSeconds: 1_509_840_000), "2017-11-05T00:00:00Z")
        XCTAssertEqual(ISOTimestamp.text(epochSeconds: 0), "1970-01-01T00:00:00Z")
        XCTAssertEqual(ISOTimestamp.text(epochSeconds: 951_825_599), "2000-02-29T11:59:59Z")
        XCTAssertEqual(ISOTimestamp.text(epochSeconds: -1), "1969-12-31T23:59:59Z")
    }

    func testSourceDateEpochSetsThePDFDateOnlyWhenItIsAWholeNumber() {
        XCTAssertEqual(ISOTimestamp.sourceDateEpoch(in: ["SOURCE_DATE_EPOCH": "1509840000"]), "2017-11-05T00:00:00Z")
        XCTAssertNil(ISOTimestamp.sourceDateEpoch(in: ["SOURCE_DATE_EPOCH": "yesterday"]))
        XCTAssertNil(ISOTimestamp.sourceDateEpoch(in: [:]))
    }
}
