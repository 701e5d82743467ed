import AESReportFiles
import AESReportModel
import Foundation
import XCTest

/// Issue 25, item 5: `rounds-*`, `openssl-speedup-*` and `tcrypt-speedup-*` were missing from the names the cleanup
/// knew, so a later report into the folder left them beside its own files (two runs mixed). The cleanup now reads
/// the lists the files are named from (`OutputChart`, `OutputDocument`): every kind an earlier run wrote, in every
/// format, for one host or several, goes when a later run does not write it.
final class StaleOutputKindsTests: XCTestCase {
    private var folder: String!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-stale-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Every output name an earlier run can leave: each document, each chart kind alone and with a host part.
    static var everyOutputName: [String] {
        OutputDocument.allCases.map(\.rawValue) + OutputChart.allCases.flatMap { kind in
            OutputChart.extensions.flatMap { ext in
                ["\(kind.rawValue).\(ext)", "\(kind.rawValue)-host_a-1.\(ext)", "\(kind.rawValue)-ab12cd34ef56.\(ext)"]
            }
        }
    }

    func testEveryKindOfAnEarlierRunIsRemovedByALaterRunThatDoesNotWriteIt() throws {
        let names = Self.everyOutputName
        XCTAssertEqual(names.count, 8 + 15 * 3 * 3, "8 documents, 15 chart kinds, 3 formats, 3 host forms")
        for name in ["rounds-host_a-1.svg", "openssl-speedup.png", "tcrypt-speedup-ab12cd34ef56.pdf"] {
            XCTAssertTrue(names.contains(name), "the kinds the cleanup missed are in the list: \(name)")
        }
        do {
            let earlier = try OutputFolder(path: folder, listing: true)
            for name in names { try earlier.stage(name, bytes: Array(name.utf8)) }
            XCTAssertEqual(Set(earlier.commit().written), Set(names))
        }
        let later = try OutputFolder(path: folder, listing: true)
        try later.stage("read.svg", bytes: [1])
        let result = later.commit()
        XCTAssertEqual(Set(result.removed), Set(names).subtracting(["read.svg"]), "every other kind removed")
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }
        XCTAssertEqual(left, ["read.svg"])
    }

    func testNamesOfNoKindAreNeverTakenForOutputs() {
        for name in ["notes.md", "rounds", "rounds.txt", "rounds-.svg", "rounds-a/b.svg", "tcrypt.svg",
                     "openssl-speedup-x y.png", ".read.svg", "summary.html", "index.htm", "compare-gains.svg"] {
            XCTAssertFalse(OutputFolder.isReportName(name), name)
        }
    }
}
