import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// Issue 12, items 7, 13 and 14, run through the built binary: host names whose slugs collide, are empty or are too
/// long for a file name, and names built to inject into every output format (terminal, summary.md, summary.csv,
/// summary.json, the SVG charts and index.html).
final class NamesInOutputsTests: CommandLineTestCase {
    private static let sample = repository.appendingPathComponent("SampleData/broadwell-e5-2699v4")

    /// A host folder `results/<host>/` with two runs (with and without AES-NI) of two ciphers from SampleData.
    private func makeHost(_ host: String, runs: [String] = ["guest-aesni", "guest-noaesni"],
                          manifest: [String: String] = [:]) throws -> URL {
        let hostFolder = folder.appendingPathComponent("results").appendingPathComponent(host)
        for run in runs {
            let runFolder = hostFolder.appendingPathComponent(run)
            try FileManager.default.createDirectory(at: runFolder, withIntermediateDirectories: true)
            let source = run.contains("noaesni") ? "guest-noaesni" : "guest-aesni"
            for name in ["aes-cbc-plain-read.txt", "aes-cbc-plain-write.txt", "aes-xts-plain-read.txt",
                         "aes-xts-plain-write.txt"] {
                try FileManager.default.copyItem(at: Self.sample.appendingPathComponent(source).appendingPathComponent(name),
                                                 to: runFolder.appendingPathComponent(name))
            }
            if let text = manifest[run] {
                try Data(text.utf8).write(to: runFolder.appendingPathComponent("aesreport.manifest"))
            }
        }
        return hostFolder
    }

    private func files(_ out: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []).sorted()
    }

    /// The names listed by `wrote N files to DIR: a, b, c`.
    private func announced(_ stdout: String) -> (count: Int, names: [String])? {
        guard let line = stdout.split(separator: "\n").first(where: { $0.hasPrefix("wrote ") }) else { return nil }
        let words = line.split(separator: " ")
        guard words.count > 1, let count = Int(words[1]), let colon = line.range(of: ": ") else { return nil }
        return (count, line[colon.upperBound...].components(separatedBy: ", "))
    }

    // MARK: - Item 7 and 13: distinct file names, each host's own chart, one long name stops nothing

    func testCollidingEmptyAndOverlongHostNamesGetDistinctFilesEachUnderItsOwnHost() throws {
        let long = String(repeating: "x", count: 250)
        let hosts = ["Host A", "host-a", "host_a", "!!!", "???", long]
        for host in hosts { _ = try makeHost(host) }
        let out = folder.appendingPathComponent("out")
        let result = try aesreport(["report", folder.appendingPathComponent("results").path, "-o", out.path,
                                    "--format", "html,md,png,svg"])
        XCTAssertEqual(result.status, 0, result.stderr)
        // The tool's own hidden listing of what this run wrote (.aesreport-files) is not announced.
        let written = files(out).filter { !$0.hasPrefix(".") }
        // Before: "wrote 34 files" and 16 existed (`read-host-a.png` three times, `read-.png` twice), and the
        // 250-byte name ("File name too long") stopped the whole report.
        let announcement = try XCTUnwrap(announced(result.stdout), result.stdout)
        XCTAssertEqual(announcement.count, written.count, "wrote N files = what exists: \(written)")
        XCTAssertEqual(Set(announcement.names), Set(written))
        let reads = written.filter { $0.hasPrefix("read-") && $0.hasSuffix(".png") }
        XCTAssertEqual(reads.count, hosts.count, "one read chart per host: \(reads)")
        XCTAssertTrue(written.allSatisfy { $0.utf8.count <= 255 - 40 }, "names far below NAME_MAX")
        XCTAssertTrue(written.contains("index.html") && written.contains("summary.md"))

        // summary.md: every host's read chart is linked under its own host's name, and each link exists.
        let markdown = try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8)
        var linked: [String: String] = [:]
        for line in markdown.split(separator: "\n") where line.hasPrefix("![AES-NI and dm-crypt read") {
            let alt = line[line.index(line.startIndex, offsetBy: 2)..<line.range(of: "](")!.lowerBound]
            let file = String(line[line.range(of: "](")!.upperBound...].dropLast())
            let host = try XCTUnwrap(hosts.first { alt.hasSuffix("(" + Self.markdown($0) + ")") }, String(alt))
            XCTAssertNil(linked[host], "\(host) has one read chart")
            linked[host] = file
            XCTAssertTrue(written.contains(file), "\(file) exists")
        }
        XCTAssertEqual(Set(linked.keys), Set(hosts))
        XCTAssertEqual(Set(linked.values).count, hosts.count)

        // index.html: each read chart's figure holds its own host's subtitle, and the hosts' anchors differ.
        let page = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        for (host, file) in linked {
            let name = String(file.dropLast(".png".count))
            let figure = try XCTUnwrap(page.range(of: "<figure id=\"chart-\(name)\">"), name)
            let desc = try XCTUnwrap(page.range(of: "<desc>", range: figure.upperBound..<page.endIndex))
            let description = page[desc.upperBound...].prefix(host.utf8.count + 40)
            XCTAssertTrue(description.hasPrefix(Self.html(host) + ". "), "\(name): \(description)")
        }
        let anchors = page.components(separatedBy: "<h2 id=\"host-").dropFirst().map { $0.prefix { $0 != "\"" } }
        XCTAssertEqual(anchors.count, hosts.count)
        XCTAssertEqual(Set(anchors).count, hosts.count, "distinct anchors: \(anchors)")
    }

    static func markdown(_ text: String) -> String {
        text.replacingOccurrences(of: "_", with: "\\_")
    }

    static func html(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }

    // MARK: - Item 14: injection strings in folder names, manifests and CPU models, in every output format

    func testInjectionStringsInFolderNamesManifestsAndCPUModelsAreEscapedInEveryFormat() throws {
        let escape = "\u{1B}[31mRED\u{1B}[0m"
        let hyperlink = "\u{1B}]8;;https:attacker.example\u{07}click\u{1B}]8;;\u{07}"
        // A folder name that ends its line and forges a compiler-style error and a Markdown heading.
        let forged = "evil\r\n# heading\nfake.txt:1: error: forged"
        let formula = "=HYPERLINK(\"http://attacker.example\",\"x\")"
        let override = "host\u{202E}txt.exe"
        // Host 1: hostile host folder name (ESC, OSC 8) and a run folder with CR LF and a forged error line.
        let first = try makeHost("a" + escape + hyperlink, runs: [forged + "-noaesni", "guest-aesni"])
        // Its CPU: a cpuinfo file whose model name has NUL, U+0001 and ESC.
        let cpuinfo = try String(contentsOf: Self.sample.appendingPathComponent("cpuinfo-host.txt"), encoding: .utf8)
            .replacingOccurrences(of: "model name\t: ", with: "model name\t: Evil\u{0}\u{1}CPU\u{1B}[2J ")
        try Data(cpuinfo.utf8).write(to: first.appendingPathComponent("guest-aesni/cpuinfo.txt"))
        // Host 2: manifests that name the host with a right-to-left override and label the runs with a formula.
        _ = try makeHost("b", manifest: [
            "guest-aesni": "label = \(formula)\nhost = \(override)\naesni = yes\n",
            "guest-noaesni": "label = +cmd|' /C calc'!A0\nhost = \(override)\naesni = no\n",
        ])
        let out = folder.appendingPathComponent("out")
        let result = try aesreport(["report", folder.appendingPathComponent("results").path, "-o", out.path,
                                    "--format", "html,json,csv,md,svg"])
        XCTAssertNotEqual(result.stdout, "", result.stderr)

        // Terminal: no raw control character, no line that starts as a forged diagnostic or heading.
        for (stream, text) in [("stdout", result.stdout), ("stderr", result.stderr)] {
            let bad = text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F || $0 == "\u{202E}" }
            XCTAssertEqual(bad.count, 0, "\(stream) has raw controls: \(bad.map(\.value))\n\(text)")
            XCTAssertFalse(text.split(separator: "\n").contains { $0.hasPrefix("fake.txt:1:") || $0.hasPrefix("# heading") },
                           text)
        }
        XCTAssertTrue(result.stdout.contains("\\033[31mRED") || result.stderr.contains("\\033[31mRED"),
                      "ESC shown as \\033 as ls -b does: " + result.stdout + result.stderr)

        // summary.md: no heading but its own, no control character.
        let markdown = try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8)
        XCTAssertFalse(markdown.split(separator: "\n", omittingEmptySubsequences: false).contains { $0.hasPrefix("# heading") },
                       markdown)
        XCTAssertEqual(markdown.split(separator: "\n").filter { $0.hasPrefix("# ") }.count, 1)
        XCTAssertFalse(markdown.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "controls in summary.md")

        // summary.csv: text cells never start with = + - @ (formula injection); the label is kept behind a '.
        let csv = try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8)
        // Issue 25: no raw ESC, BEL or C1 control (the host's `\033[31m` and OSC 8 link ran under `cat`).
        XCTAssertFalse(csv.unicodeScalars.contains {
            ($0.value < 0x20 && !"\n\r\t".unicodeScalars.contains($0)) || ($0.value >= 0x7F && $0.value <= 0x9F)
        }, "controls in summary.csv")
        XCTAssertTrue(csv.contains("\u{FFFD}[31mRED"), "ESC replaced as in the SVG and HTML outputs")
        let rows = Self.parseCSV(csv)
        XCTAssertGreaterThan(rows.count, 1)
        for row in rows.dropFirst() {
            for (index, cell) in row.enumerated() where [0, 1, 3, 19].contains(index) {
                XCTAssertFalse(cell.first.map { "=+-@\t\r".contains($0) } ?? false, "text cell \(cell)")
            }
            for index in 8...16 where !row[index].isEmpty {
                XCTAssertNotNil(Double(row[index]), "number cells stay numbers: \(row[index])")
            }
        }
        XCTAssertTrue(rows.contains { $0[1] == "'" + formula }, "the formula label is shown as text")
        XCTAssertTrue(rows.contains { $0[1] == "'+cmd|' /C calc'!A0" })

        // summary.json: valid JSON whose strings hold the exact names (JSON escapes controls itself).
        let json = try Data(contentsOf: out.appendingPathComponent("summary.json"))
        XCTAssertFalse(json.contains(0x1B), "raw ESC in summary.json")
        let object = try JSONSerialization.jsonObject(with: json)
        let text = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        XCTAssertTrue(text.contains("HYPERLINK"))

        // SVG: every chart parses as XML and carries no C0 control but tab and line breaks.
        let svgs = files(out).filter { $0.hasSuffix(".svg") }
        XCTAssertFalse(svgs.isEmpty)
        for name in svgs {
            let data = try Data(contentsOf: out.appendingPathComponent(name))
            let parser = XMLParser(data: data)
            XCTAssertTrue(parser.parse(), "\(name) is XML: \(String(describing: parser.parserError))")
            XCTAssertFalse(data.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }, name)
        }

        // index.html: no C0 control but tab and line breaks; names isolated; the override closed in its element.
        let page = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertFalse(page.unicodeScalars.contains { $0.value < 0x20 && !["\t", "\n", "\r"].contains($0) })
        XCTAssertTrue(page.contains("<bdi>"))
        var rest = page[...]
        var overrides = 0
        while let hit = rest.range(of: "\u{202E}") {
            overrides += 1
            let element = rest[hit.lowerBound...].prefix { $0 != "<" }
            XCTAssertTrue(element.contains("\u{202C}") || element.contains("\u{2069}"),
                          "U+202E closed before the next tag: \(element.unicodeScalars.map(\.value))")
            rest = rest[hit.upperBound...]
        }
        XCTAssertGreaterThan(overrides, 0, "the host name is shown")
        XCTAssertFalse(page.contains("\u{1B}"))
    }

    /// RFC 4180 rows (quoted fields with doubled quotes and line breaks).
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar?
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    let next = iterator.next()
                    if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field)
                field = ""
            } else if c == "\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { rows.append(row + [field]) }
        return rows
    }
}
