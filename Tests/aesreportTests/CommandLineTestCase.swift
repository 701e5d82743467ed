import Foundation
import XCTest

/// A test case that runs the built binary with a temporary folder of its own, removed when the test ends.
/// `aesreport(_:)` runs in the repository (paths like `SampleData/...` work), `aesreportInFolder(_:)` in the folder.
class CommandLineTestCase: XCTestCase {
    var folder: URL!
    static let repository = HTMLReportTests.repository

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("aesreport-\(Swift.type(of: self))-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func aesreport(_ arguments: [String]) throws -> HTMLReportTests.Output {
        try HTMLReportTests.run(HTMLReportTests.binary.path, arguments)
    }

    func aesreportInFolder(_ arguments: [String]) throws -> HTMLReportTests.Output {
        try HTMLReportTests.run(HTMLReportTests.binary.path, arguments, directory: folder)
    }

    /// A path in the test's folder.
    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
}
