#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AESReportCharts
import CCairo
import Synchronization

/// The font set-up of the first chart, done ahead on a thread of its own while the caller reads and computes.
///
/// The first text a process measures costs 15-30 ms: fontconfig reads its configuration, Pango matches and sorts
/// the fonts for each font description, HarfBuzz and FreeType open the font files, and every glyph's metrics are
/// loaded. `start` does that work for the fonts a chart uses on the shared font map (`PangoFontMap`) under its
/// lock, and returns at once; the first layout then finds it done, or waits on the lock for the rest. Nothing it
/// does changes what is measured or drawn: it only fills caches.
public enum FontWarmUp {
    /// The characters laid out and drawn in each font: digits, units, signs and letters of titles and labels.
    static let sample = "0123456789 .,:;%+-−–×()[]/ GMKB/s abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ"

    private static let started = Atomic<Bool>(false)

    /// Starts the set-up of `fonts` on a new thread and returns at once; does nothing when it was started before
    /// (a guess from the raw command line, then the parsed options' decision).
    public static func start(_ fonts: [FontSpec]) {
        guard started.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged else { return }
        let box = Unmanaged.passRetained(FontList(fonts)).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { argument in
            let fonts = Unmanaged<FontList>.fromOpaque(argument!).takeRetainedValue().fonts
            FontWarmUp.run(fonts)
            return nil
        }, box)
        if started == 0 {
            pthread_detach(thread)
        } else {
            Unmanaged<FontList>.fromOpaque(box).release()
        }
    }

    /// The set-up itself, on the calling thread: each font's sample text laid out (fonts matched, shaped, glyph
    /// metrics loaded) and drawn on a small image (glyphs rasterised into Cairo's shared glyph cache).
    static func run(_ fonts: [FontSpec]) {
        PangoFontMap.withLock {
            let options = CairoFontOptions()
            let measuring = PangoContext(options: options)
            guard let surface = try? CairoSurface.image(width: 64, height: 16) else { return }
            let context = CairoContext(surface)
            context.setFontOptions(options)
            let drawing = PangoContext(drawingOn: context, options: options)
            for font in fonts {
                _ = TextLayout(sample, font: font, in: measuring).size
                TextLayout(sample, font: font, in: drawing).show(on: context)
            }
        }
    }

    /// The fonts, carried to the new thread.
    private final class FontList {
        let fonts: [FontSpec]
        init(_ fonts: [FontSpec]) { self.fonts = fonts }
    }
}

extension FontWarmUp {
    /// The fonts `theme`'s charts set text in: titles (bold), subtitles, labels, ticks, captions and annotations
    /// (bold).
    public static func fonts(of theme: Theme) -> [FontSpec] {
        var fonts: [FontSpec] = []
        for (size, bold) in [(theme.titleSize, true), (theme.subtitleSize, false), (theme.labelSize, false),
                             (theme.tickSize, false), (theme.captionSize, false), (theme.annotationSize, true)] {
            let font = FontSpec(family: theme.fontFamily, size: size, bold: bold)
            if !fonts.contains(font) { fonts.append(font) }
        }
        return fonts
    }
}
