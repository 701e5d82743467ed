import AESReportIngest
import AESReportModel
import Foundation
import XCTest

/// Locates committed fixtures next to this file, so tests run from any working directory.
enum Fixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }

    static func ddLog(_ relative: String, file: StaticString = #filePath, line: UInt = #line) throws
        -> (log: DDLog, diagnostics: [Diagnostic]) {
        let parsed = DDLogParser.parse(file: path(relative))
        let log = try XCTUnwrap(parsed.value, "no dd log read from \(relative)", file: file, line: line)
        return (log, parsed.diagnostics)
    }
}

/// A temporary folder removed when the test ends.
final class TemporaryFolder {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    func copy(fixture: String, to relative: String) throws {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixture.path(fixture), toPath: file.path)
    }
}
