#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files written or moved into a few folders, as they happen: inotify on Linux (a file's
/// last close after writing, or a rename into the folder), else a listing compared every
/// `pollingInterval` (macOS, where FSEvents and kqueue are not built, or when inotify is
/// unavailable). A folder that does not exist yet is picked up by `refresh()` once it does.
///
/// One thread waits; `cancel()` may be called from any other, and ends every wait at once.
public final class FolderChanges: @unchecked Sendable {
    public enum Mechanism: String, Sendable {
        case inotify, polling
    }

    public let mechanism: Mechanism
    public let folders: [String]
    private let pollingInterval: Duration
    /// inotify's descriptor (or -1) and its watch descriptors by folder.
    private var notify: Int32 = -1
    private var watches: [Int32: String] = [:]
    /// The self-pipe `cancel()` writes to; never drained, so a cancelled watch stays cancelled.
    private var cancelPipe: [Int32] = [-1, -1]
    /// Polling: what each file looked like at the last look.
    private var seen: [String: FileIdentity] = [:]

    /// `forcePolling`: compare listings even where inotify works (tests of the fallback).
    public init(folders: [String], pollingInterval: Duration = .milliseconds(250), forcePolling: Bool = false) {
        self.folders = folders
        self.pollingInterval = pollingInterval
        var descriptor: Int32 = -1
        #if os(Linux)
        if !forcePolling { descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK)) }
        #endif
        mechanism = descriptor >= 0 ? .inotify : .polling
        notify = descriptor
        _ = pipe(&cancelPipe)
        for fd in cancelPipe where fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        refresh()
        if mechanism == .polling { _ = changedSinceLastLook() }
    }

    deinit {
        if notify >= 0 { close(notify) }
        for fd in cancelPipe where fd >= 0 { close(fd) }
    }

    /// Watches the folders that exist now (one that was removed and made again included).
    public func refresh() {
        #if os(Linux)
        guard notify >= 0 else { return }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO)
        for folder in folders {
            let wd = inotify_add_watch(notify, folder, mask)
            if wd >= 0 { watches[wd] = folder }
        }
        #endif
    }

    /// Ends the current and every later `wait`.
    public func cancel() {
        var byte: UInt8 = 1
        _ = write(cancelPipe[1], &byte, 1)
    }

    public var isCancelled: Bool {
        var entry = pollfd(fd: cancelPipe[0], events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) > 0
    }

    /// Waits up to `timeout` for files to be written; returns their paths (empty when the time
    /// ran out or the watch was cancelled), each once.
    public func wait(timeout: Duration) -> [String] {
        let deadline = ContinuousClock.now + timeout
        while !isCancelled {
            let left = deadline - ContinuousClock.now
            if left <= .zero { return [] }
            let step = mechanism == .inotify ? left : min(left, pollingInterval)
            var entries = [pollfd(fd: cancelPipe[0], events: Int16(POLLIN), revents: 0),
                           pollfd(fd: notify, events: Int16(POLLIN), revents: 0)]
            let count = mechanism == .inotify ? 2 : 1
            let milliseconds = Int32(clamping: Self.milliseconds(step))
            let ready = entries.withUnsafeMutableBufferPointer { poll($0.baseAddress, nfds_t(count), milliseconds) }
            if ready < 0 && errno != EINTR { return [] }
            if isCancelled { return [] }
            let changed = mechanism == .inotify ? readEvents() : changedSinceLastLook()
            if !changed.isEmpty { return changed }
        }
        return []
    }

    private func readEvents() -> [String] {
        #if os(Linux)
        var changed: [String] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { systemRead(notify, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= n {
                let (wd, nameLength) = buffer.withUnsafeBytes { raw in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.wd, Int(event.len))
                }
                let nameBytes = buffer[(offset + header)..<min(n, offset + header + nameLength)].prefix { $0 != 0 }
                if let folder = watches[wd], !nameBytes.isEmpty {
                    let path = folder + "/" + String(decoding: nameBytes, as: UTF8.self)
                    if !changed.contains(path) { changed.append(path) }
                }
                offset += header + nameLength
            }
        }
        return changed
        #else
        return []
        #endif
    }

    /// Polling: the regular files whose identity differs from the last look, or that are new.
    private func changedSinceLastLook() -> [String] {
        var now: [String: FileIdentity] = [:]
        for folder in folders {
            guard let entries = try? FolderListing.entries(folder) else { continue }
            for entry in entries where entry.type == .regular {
                let path = folder + "/" + entry.name
                if let status = try? FileStatus.of(path, followingSymlinks: false) { now[path] = status.identity }
            }
        }
        let changed = now.filter { seen[$0.key] != $0.value }.map(\.key).sorted()
        seen = now
        return changed
    }

    private static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
    }
}
