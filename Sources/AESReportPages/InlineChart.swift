/// A chart to put on the page: its SVG markup and the files written next to the page.
public struct InlineChart: Sendable {
    public var name: String
    public var caption: String
    public var svg: [UInt8]
    public var files: [String]

    public init(name: String, caption: String, svg: [UInt8], files: [String]) {
        self.name = name
        self.caption = caption
        self.svg = svg
        self.files = files
    }
}
