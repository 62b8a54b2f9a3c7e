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

extension RunningProcess {
    /// The file this process runs, symlinks resolved; nil when the system does not say.
    public static func executablePath() -> String? {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #elseif canImport(Darwin)
        var size: UInt32 = 4096
        var buffer = [CChar](repeating: 0, count: Int(size))
        guard _NSGetExecutablePath(&buffer, &size) == 0, let resolved = realpath(buffer, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
        #else
        return nil
        #endif
    }
}

extension RunningProcess {
    /// This process's id.
    public static var id: Int32 { getpid() }

    /// Whether a process with this id exists (ours or another user's).
    public static func isAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    /// Sends `signal` to `pid`; false when it could not be sent. Never to a pid of 0 or less,
    /// which would reach a whole process group or every process of the user.
    public static func send(_ signal: ProcessSignal, to pid: Int32) -> Bool {
        pid > 0 && kill(pid, signal.number) == 0
    }

    /// Ends this process with `status`, flushing C's buffered streams (the C library's `exit`).
    public static func exit(_ status: Int32) -> Never {
        #if canImport(Glibc)
        Glibc.exit(status)
        #else
        Darwin.exit(status)
        #endif
    }

    /// Sleeps this thread (the write lock's polling; a command waiting on another process).
    public static func pause(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        var left = timespec()
        while nanosleep(&request, &left) != 0 && errno == EINTR { request = left }
    }
}

extension RunningProcess {
    /// The shared libraries mapped into this process, by path, each once: which file of each C
    /// library the program really runs with.
    public static func loadedLibraries() -> [String] {
        #if os(Linux)
        // /proc/self/maps: one line per mapping, the file's path last; a library has several.
        let fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        guard let bytes = try? FileReader.readStream(fd, name: "/proc/self/maps") else { return [] }
        var paths: [String] = []
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            guard let slash = line.firstIndex(of: "/") else { continue }
            let path = String(line[slash...])
            if path.contains(".so") && !paths.contains(path) { paths.append(path) }
        }
        return paths
        #elseif canImport(Darwin)
        return (0..<_dyld_image_count()).compactMap { _dyld_get_image_name($0).map { String(cString: $0) } }
        #else
        return []
        #endif
    }
}

extension RunningProcess {
    /// This machine's name (gethostname); "unknown" when the system does not say.
    public static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "unknown" : name
    }

    /// The name of the user this process runs as (the password database, else `$USER`, else
    /// the numeric id).
    public static func userName() -> String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
            let text = String(cString: name)
            if !text.isEmpty { return text }
        }
        return environment()["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? String(geteuid())
    }
}
