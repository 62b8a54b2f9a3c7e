#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Runs code with permission bits in force, also when the tests run as root (CI containers).
///
/// Root ignores a folder's missing write bit, so a "read-only folder" test would prove nothing.
/// On Linux the filesystem uid is per thread: a fresh thread that switches its fsuid/fsgid to
/// `nobody` loses the permission-override capabilities for itself only, and the change ends
/// with the thread, so tests running in parallel are not affected.
enum Unprivileged {
    static let nobody: UInt32 = 65534

    static var isRoot: Bool { geteuid() == 0 }

    /// Makes `path` belong to the user `run` acts as (nobody when root, else unchanged).
    static func giveAway(_ path: String) {
        if isRoot { _ = chown(path, nobody, nobody) }
    }

    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
        guard isRoot else { return try body() }
        #if os(Linux)
        typealias SetFilesystemID = @convention(c) (UInt32) -> Int32
        let handle = dlopen(nil, RTLD_NOW)
        guard let userSymbol = dlsym(handle, "setfsuid"), let groupSymbol = dlsym(handle, "setfsgid") else {
            throw FileSystemTestError("setfsuid is not available")
        }
        let setUser = unsafeBitCast(userSymbol, to: SetFilesystemID.self)
        let setGroup = unsafeBitCast(groupSymbol, to: SetFilesystemID.self)
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            defer { done.signal() }
            _ = setGroup(nobody)
            _ = setUser(nobody)
            // setfsuid returns the previous value; asking for an invalid id changes nothing.
            guard setUser(UInt32.max) == nobody else {
                box.set(.failure(FileSystemTestError("could not drop to nobody")))
                return
            }
            box.set(Result { try body() })
        }
        thread.start()
        done.wait()
        return try box.get()
        #else
        throw FileSystemTestError("permission tests need a non-root user on this platform")
        #endif
    }
}

private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<T, any Error>?

    func set(_ value: Result<T, any Error>) { lock.withLock { result = value } }
    func get() throws -> T { try lock.withLock { result }!.get() }
}
