#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What this process was started with: its environment and its working folder.
public enum RunningProcess {
    /// The environment, as `environ` holds it now (a name set twice keeps its first value, as
    /// getenv reads it).
    public static func environment() -> [String: String] {
        var values: [String: String] = [:]
        #if canImport(Darwin)
        let first = _NSGetEnviron()?.pointee
        #else
        let first: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = environ
        #endif
        guard var entry = first else { return values }
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.utf8.firstIndex(of: UInt8(ascii: "=")) {
                let name = String(text[..<equals])
                if values[name] == nil { values[name] = String(text[text.index(after: equals)...]) }
            }
            entry += 1
        }
        return values
    }

    /// The working folder; "/" when it cannot be had (removed since, or unreadable).
    public static func currentDirectory() -> String {
        guard let buffer = getcwd(nil, 0) else { return "/" }
        defer { free(buffer) }
        return String(cString: buffer)
    }
}

extension RunningProcess {
    /// Whether this process runs as root (effective user 0), which system-wide files need.
    public static var isAdministrator: Bool { geteuid() == 0 }
}
