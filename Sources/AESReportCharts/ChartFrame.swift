/// A legend entry: a series' name beside a swatch of its colour (hatched like its bars).
struct LegendEntry {
    var name: String
    var color: Color
    var hatched: Bool
}

/// The parts every chart shares: title, subtitle, legend and caption, laid out top to bottom, leaving a plot area.
struct ChartFrame {
    var primitives: [Primitive] = []
    /// Top of the space left for the plot, and bottom.
    var top: Double
    var bottom: Double

    init(title: String, subtitle: String, caption: String, legend: [LegendEntry], theme: Theme,
         measurer: TextMeasurer, size: ChartSize) {
        let m = theme.margin
        var y = m
        func text(_ string: String, _ font: FontSpec, _ color: Color, x: Double, y: Double, role: Role) -> TextItem {
            TextItem(string, at: Point(x, y), font: font, color: color, horizontal: .start, vertical: .top, role: role,
                     measurer: measurer)
        }
        let titleItem = text(title, theme.font(theme.titleSize, bold: true), theme.text, x: m, y: y, role: .title)
        primitives.append(.text(titleItem))
        y += titleItem.size.height + 2
        if !subtitle.isEmpty {
            let item = text(subtitle, theme.font(theme.subtitleSize), theme.mutedText, x: m, y: y, role: .subtitle)
            primitives.append(.text(item))
            y += item.size.height
        }
        y += theme.gap
        // Legend: swatches and names flowing left to right, wrapping at the right margin.
        var x = m
        var rowHeight = 0.0
        let font = theme.font(theme.labelSize)
        for entry in legend {
            let item = text(entry.name, font, theme.text, x: 0, y: 0, role: .legend)
            let width = 14 + 6 + item.size.width
            if x > m, x + width > size.width - m {
                x = m
                y += rowHeight + 4
                rowHeight = 0
            }
            let swatch = Rect(x: x, y: y + (item.size.height - 12) / 2, width: 12, height: 12)
            primitives.append(.rect(swatch, theme.paint(entry.color, hatchedWith: entry.hatched ? theme.background : nil),
                                    .legendSwatch))
            var placed = item
            placed.position = Point(x + 18, y)
            primitives.append(.text(placed))
            rowHeight = max(rowHeight, item.size.height)
            x += width + 18
        }
        y += rowHeight
        top = y + theme.gap
        var bottomY = size.height - m
        if !caption.isEmpty {
            // The caption names the method, so its length varies with the centre and the language: wrapped at
            // spaces to the chart's width, last line at the bottom.
            let captionFont = theme.font(theme.captionSize)
            // Each line was measured while wrapping: its size is kept, not measured again.
            var measured: [String: Size] = [:]
            let lines = Self.wrap(caption, width: size.width - 2 * m) { text in
                let size = measurer.size(of: text, font: captionFont)
                measured[text] = size
                return size.width
            }
            for line in lines.reversed() {
                var text = MeasuredText()
                text.text = line
                text.size = measured[line] ?? measurer.size(of: line, font: captionFont)
                let item = TextItem(text, at: Point(m, bottomY), font: captionFont, color: theme.mutedText,
                                    horizontal: .start, vertical: .bottom, role: .caption)
                primitives.append(.text(item))
                bottomY -= item.size.height + 2
            }
            bottomY += 2 - theme.gap
        }
        bottom = bottomY
    }

    /// `text` in lines no wider than `width`, broken at spaces (a word wider than the line gets a line of its own).
    /// Each line is the longest run of words that fits, found by bisection: about log2(words) measurements a line
    /// instead of one a word (the same lines as adding words one by one, since a longer run is never narrower).
    static func wrap(_ text: String, width: Double, measure: (String) -> Double) -> [String] {
        guard measure(text) > width else { return [text] }
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var lines: [String] = []
        var start = 0
        while start < words.count {
            // words[start..<low] fits (or is the one word that must stand alone); words[start..<high + 1] does not.
            var low = start + 1
            var high = words.count
            while low < high {
                let middle = (low + high + 1) / 2
                if measure(words[start..<middle].joined(separator: " ")) <= width { low = middle } else { high = middle - 1 }
            }
            let line = words[start..<low].joined(separator: " ")
            if !line.isEmpty { lines.append(line) }
            start = low
        }
        return lines
    }
}
