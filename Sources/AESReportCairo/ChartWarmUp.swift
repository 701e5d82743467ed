#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AESReportCharts
import CCairo

/// What the first charts need before they can be drawn, done ahead on a thread of its own while the caller reads
/// and computes: the fonts set up, and the first PNGs' images created (`PreparedImages`).
///
/// The first text a process measures costs 10-15 ms: fontconfig reads its configuration (3-4 ms), Pango matches and
/// sorts the fonts for each font description (about 1 ms each), HarfBuzz and FreeType open the font files. `start`
/// does that work for the fonts a chart uses on the shared font map (`PangoFontMap`) under its lock, and returns at
/// once; the first layout then finds it done, or waits on the lock for the rest. Nothing it does changes what is
/// measured or drawn: it only fills caches.
public enum ChartWarmUp {
    private static let startLock = RecursiveLock()
    nonisolated(unsafe) private static var started = false

    /// Starts the set-up of `fonts`, and when `png` is given the images of as many PNGs as there are cores (at
    /// most 4) of that size at that scale, on a new thread, and returns at once; does nothing when it was started
    /// before (a guess from the raw command line, then the parsed options' decision).
    public static func start(_ fonts: [FontSpec], png: (size: ChartSize, scale: Double)? = nil) {
        let first = startLock.withLock {
            defer { started = true }
            return !started
        }
        guard first else { return }
        let images = png.map { png in
            (width: Int((png.size.width * png.scale).rounded()), height: Int((png.size.height * png.scale).rounded()),
             count: max(1, min(4, sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
        }
        let box = Unmanaged.passRetained(Work(fonts: fonts, images: images)).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(&thread, nil, { argument in
            let work = Unmanaged<Work>.fromOpaque(argument!).takeRetainedValue()
            ChartWarmUp.run(work.fonts)
            if let images = work.images {
                PreparedImages.prepare(width: images.width, height: images.height, count: images.count)
            }
            return nil
        }, box)
        if created == 0 {
            pthread_detach(thread)
        } else {
            Unmanaged<Work>.fromOpaque(box).release()
        }
    }

    /// The set-up itself, on the calling thread: a digit laid out in each font, which reads fontconfig's
    /// configuration, matches and sorts the fonts for each font description and opens the font files. Drawing a
    /// sample of glyphs too (to fill Cairo's glyph cache) measured no faster: the lock is held longer, and the first
    /// layout waits for it.
    static func run(_ fonts: [FontSpec]) {
        PangoFontMap.withLock {
            let context = PangoContext(options: CairoFontOptions())
            for font in fonts { _ = TextLayout("0", font: font, in: context).size }
        }
    }

    /// The fonts and images, carried to the new thread.
    private final class Work {
        let fonts: [FontSpec]
        let images: (width: Int, height: Int, count: Int)?
        init(fonts: [FontSpec], images: (width: Int, height: Int, count: Int)?) {
            self.fonts = fonts
            self.images = images
        }
    }
}

extension ChartWarmUp {
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
