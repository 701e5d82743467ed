import AESReportModel

extension Diagnostic {
    /// One entry of `diagnostics[]` in summary.json and comparison.json.
    func writeJSON(to w: inout JSONWriter) {
        w.object { w in
            w.key("file"); w.value(file)
            w.key("line"); w.value(line)
            w.key("message"); w.value(message)
            w.key("severity"); w.value(severity.rawValue)
        }
    }
}

extension JSONWriter {
    /// `"tool": {"name": "aesreport", "version": ...}`, the last key of both documents.
    mutating func tool(version: String) {
        key("tool")
        object { w in
            w.key("name"); w.value("aesreport")
            w.key("version"); w.value(version)
        }
    }
}
