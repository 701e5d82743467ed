import Foundation

/// Where a report may be written: never inside a folder it reads, unless the user says so, so that a report cannot
/// mix into (or be read back as) benchmark results.
public enum OutputLocation {
    /// The input that `output` lies in or is, if any (paths compared after resolving `.`/`..` and symbolic links).
    public static func inputContaining(output: String, inputs: [String]) -> String? {
        let out = resolved(output)
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue else {
                continue
            }
            let folder = resolved(input)
            if out == folder || out.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/") { return input }
        }
        return nil
    }

    /// The absolute path with symbolic links resolved as far as the path exists.
    static func resolved(_ path: String) -> String {
        var url = URL(fileURLWithPath: path).standardizedFileURL
        var missing: [String] = []
        while !FileManager.default.fileExists(atPath: url.path), url.path != "/" {
            missing.insert(url.lastPathComponent, at: 0)
            url.deleteLastPathComponent()
        }
        var base = url.resolvingSymlinksInPath()
        for component in missing { base.appendPathComponent(component) }
        return base.standardizedFileURL.path
    }
}
