/// The file formats the renderer writes.
public enum ImageFormat: String, Sendable, CaseIterable {
    case png, svg, pdf
}
