#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file that could not be read or replaced, and why, naming the path (and where a symlink
/// led): "~/.config/opencode/opencode.json is a FIFO (named pipe), not a regular file".
public struct FileAccessError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable {
        /// Something other than a regular file is there: a device, FIFO, socket or folder.
        case notRegular(FileType)
        /// The null device: someone linked the file there to switch it off.
        case switchedOff
        /// Larger than the cap; `size` is nil for a stream, which has no size up front.
        case tooLarge(size: Int?, limit: Int)
        /// A system call failed with this errno.
        case system(Int32)
    }

    public var path: String
    /// Where the symlinks at `path` led, when they led somewhere else.
    public var resolved: String?
    public var problem: Problem

    public init(path: String, resolved: String? = nil, problem: Problem) {
        self.path = path
        self.resolved = resolved == path ? nil : resolved
        self.problem = problem
    }

    /// Nothing at `path` (ENOENT), for a caller that found so by looking rather than by a call
    /// that failed.
    public static func missing(_ path: String) -> FileAccessError {
        FileAccessError(path: path, problem: .system(ENOENT))
    }

    /// The errno, for callers that tell "permission denied" apart.
    public var code: Int32? {
        if case .system(let code) = problem { return code }
        return nil
    }

    /// What is wrong, to say after the path: "is a FIFO (named pipe), not a regular file",
    /// "is a link to /dev/null, the null device: ...", "No such file or directory".
    public var reason: String {
        let link = resolved.map { "is a link to \($0), " } ?? "is "
        switch problem {
        case .notRegular(let type):
            return link + (resolved == nil ? "" : "which is ") + "\(type), not a regular file"
        case .switchedOff:
            return link + "the null device: switched off on purpose (remove the link to manage it)"
        case .tooLarge(let size?, let limit):
            return link + (resolved == nil ? "" : "which is ") + "\(Self.size(size)), over the limit of \(Self.size(limit))"
        case .tooLarge(nil, let limit):
            return "is over the limit of \(Self.size(limit))"
        case .system(let code):
            return String(cString: strerror(code))
        }
    }

    /// "~/x/opencode.json is a FIFO (named pipe), not a regular file"; "could not read X: ...".
    public var description: String {
        if case .system = problem { return "could not read \(path): \(reason)" }
        return "\(path) \(reason)"
    }

    /// "32 MiB", "104857600 bytes (100.0 MiB)".
    public static func size(_ bytes: Int) -> String {
        let mib = 1 << 20
        if bytes % mib == 0 { return "\(bytes / mib) MiB" }
        let tenths = (bytes * 10 + mib / 2) / mib
        return "\(bytes) bytes (\(tenths / 10).\(tenths % 10) MiB)"
    }
}
