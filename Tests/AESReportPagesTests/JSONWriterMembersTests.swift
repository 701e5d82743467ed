@testable import AESReportPages
import Foundation
import XCTest

/// `JSONWriter.members` writes an array's elements on several cores: the text must be the loop's, byte for byte,
/// whatever the count (none, one, a batch's edge, several batches) and whether members came before.
final class JSONWriterMembersTests: XCTestCase {
    private func element(_ w: inout JSONWriter, _ i: Int) {
        w.openObject()
        w.key("i"); w.value(i)
        w.key("samples"); w.value([Double(i) / 3, 1e-300 * Double(i)])
        w.key("name"); w.value("run \"\(i)\"")
        w.closeObject()
    }

    private func document(_ count: Int, before: Int, parallel: Bool, batch: Int) -> [UInt8] {
        var w = JSONWriter()
        w.object { w in
            w.key("runs")
            w.array { w in
                for i in 0..<before { element(&w, -i) }
                let items = Array(0..<count)
                if parallel {
                    w.members(items, batch: batch) { w, i in element(&w, i) }
                } else {
                    for i in items { element(&w, i) }
                }
                w.value(-1)
            }
            w.key("tool"); w.value("x")
        }
        w.endDocument()
        return w.bytes
    }

    func testTheSameBytesAsALoop() throws {
        for count in [0, 1, 2, 7, 8, 9, 63, 64, 65, 200, 1000] {
            for before in [0, 1] {
                for batch in [1, 8, 64, 256] {
                    let loop = document(count, before: before, parallel: false, batch: batch)
                    XCTAssertEqual(document(count, before: before, parallel: true, batch: batch), loop,
                                   "\(count) elements, \(before) before, batch \(batch)")
                }
            }
        }
        // And it is JSON: the elements are there, in order.
        let text = document(65, before: 1, parallel: true, batch: 8)
        let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text)) as? [String: Any])
        let runs = try XCTUnwrap(parsed["runs"] as? [Any])
        XCTAssertEqual(runs.count, 67)
        XCTAssertEqual((runs[1] as? [String: Any])?["i"] as? Int, 0)
        XCTAssertEqual((runs[65] as? [String: Any])?["i"] as? Int, 64)
    }

    func testStreamedWithAFlushThresholdGivesTheSameText() throws {
        var pieces: [UInt8] = []
        var w = JSONWriter(flushThreshold: 100) { pieces += $0 }
        w.array { w in w.members(Array(0..<300), batch: 16) { w, i in element(&w, i) } }
        w.endDocument()
        w.flushBuffered()
        var whole = JSONWriter()
        whole.array { w in for i in 0..<300 { element(&w, i) } }
        whole.endDocument()
        XCTAssertEqual(pieces, whole.bytes)
    }
}
