/// How an SVG chart carries its text (`--svg-text`).
public enum SVGTextMode: String, Sendable, CaseIterable {
    /// `<text>` elements with a font stack, written by `SVGWriter`: selectable, searchable and translatable, a few
    /// kilobytes a chart; the viewer's fonts draw the glyphs (placed where Pango measured them).
    case text
    /// Cairo's SVG surface: every glyph an outline, exactly as in the PNG and PDF, but 130-165 KB a chart and no
    /// text to select or search.
    case paths
}
