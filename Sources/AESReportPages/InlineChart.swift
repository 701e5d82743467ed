/// A chart to put on the page: its SVG markup and the files written next to the page.
public struct InlineChart: Sendable {
    public var name: String
    /// The chart's title, which names it in the page's contents (the name, when empty).
    public var title: String
    public var caption: String
    public var svg: [UInt8]
    public var files: [String]

    public init(name: String, title: String = "", caption: String, svg: [UInt8], files: [String]) {
        self.name = name
        self.title = title
        self.caption = caption
        self.svg = svg
        self.files = files
    }
}
