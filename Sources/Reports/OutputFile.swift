import Foundation

/// Writing output files atomically: the content goes to a temporary file in the same folder,
/// which is then renamed over the target, so that a reader never sees a half-written file and
/// a failure leaves the previous file (or none) in place.
public enum OutputFile {
    /// Writes `contents` to `url` atomically.
    public static func write(_ contents: String, to url: URL) throws {
        try Data(contents.utf8).write(to: url, options: .atomic)
    }
}
