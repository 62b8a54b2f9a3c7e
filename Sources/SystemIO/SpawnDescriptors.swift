#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child started with posix_spawn inherits every descriptor not marked close-on-exec: the
/// pipe another thread just opened to read its own child's output, say. A long-lived child
/// (a server, a notifier that outlives the cycle) then holds that pipe's write end, and the
/// reader waits for an end of file that never comes. So a child gets 0, 1 and 2 and nothing else.
public enum SpawnDescriptors {
    #if canImport(Glibc)
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc 2.34's posix_spawn_file_actions_addclosefrom_np; the Swift overlay does not
    /// export it, so it is looked up once.
    private static let closeFrom: CloseFrom? = {
        // The program's own global scope, which holds the C library's symbols.
        guard let symbol = dlsym(dlopen(nil, RTLD_LAZY), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: CloseFrom.self)
    }()

    /// Adds to `actions` the closing of every descriptor from 3 up, after the caller's dup2s.
    public static func closeInherited(_ actions: inout posix_spawn_file_actions_t) {
        if let closeFrom, closeFrom(&actions, 3) == 0 { return }
        // An older C library: the descriptors open now (one opened later still leaks).
        for fd in openDescriptors() where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
    }

    private static func openDescriptors() -> [Int32] {
        guard let folder = opendir("/proc/self/fd") else { return [] }
        defer { closedir(folder) }
        let own = dirfd(folder)
        var found: [Int32] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if let fd = Int32(name), fd != own { found.append(fd) }
        }
        return found
    }
    #else
    /// Darwin is not built here; its way is POSIX_SPAWN_CLOEXEC_DEFAULT on the attributes.
    public static func closeInherited(_ actions: inout posix_spawn_file_actions_t?) {}
    #endif
}
