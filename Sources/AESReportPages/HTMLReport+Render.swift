import AESReportModel

extension HTMLReport {
    /// The page. Charts' SVG (megabytes in all) does not pass through the template engine: the template gets a
    /// marker comment per chart, replaced afterwards by the markup.
    public func render(with templates: HTMLTemplates) -> String {
        // Control characters replaced and bidi controls confined to their element, in one pass over the page
        // (the charts' SVG, spliced in below, is sanitised when it is drawn).
        let page = Array(MarkupText.page(templates.render(model())).utf8)
        var out: [UInt8] = []
        out.reserveCapacity(page.count + charts.reduce(0) { $0 + $1.svg.count })
        var copied = 0
        let opener = Array(Self.markerPrefix.utf8)
        var i = 0
        while i + opener.count <= page.count {
            guard page[i] == opener[0], page[i..<(i + opener.count)].elementsEqual(opener) else {
                i += 1
                continue
            }
            var j = i + opener.count
            var index = 0
            while j < page.count, page[j] &- 0x30 < 10 {
                index = index * 10 + Int(page[j] &- 0x30)
                j += 1
            }
            let closer = Array("-->".utf8)
            guard j + closer.count <= page.count, page[j..<(j + closer.count)].elementsEqual(closer), index < charts.count
            else {
                i += 1
                continue
            }
            out.append(contentsOf: page[copied..<i])
            out.append(contentsOf: SVGBytes.inlined(charts[index].svg, prefix: "c\(index + 1)-"))
            i = j + closer.count
            copied = i
        }
        out.append(contentsOf: page[copied...])
        return String(decoding: out, as: UTF8.self)
    }

    static let markerPrefix = "<!--aesreport-chart-"
}
