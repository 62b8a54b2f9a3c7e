#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import TestSupport

extension TemporaryFolder {
    /// TestSupport's folder, 0755: the unprivileged-thread tests must be able to reach inside.
    static func reachable() throws -> TemporaryFolder { try TemporaryFolder(mode: 0o755) }
}

struct FileSystemTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Permission bits of `path` (not following a final symlink).
func permissions(_ path: String) -> mode_t {
    var info = stat()
    guard lstat(path, &info) == 0 else { return 0 }
    return info.st_mode & 0o7777
}

func isSymlink(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
}

func fileExists(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0
}

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

func contents(_ path: String) -> [UInt8]? { FileManager.default.contents(atPath: path).map { [UInt8]($0) } }

func makeFile(_ path: String, _ text: String, mode: mode_t = 0o644) throws {
    guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
        throw FileSystemTestError("could not create \(path)")
    }
    chmod(path, mode)
}

func listing(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
}

/// Random bytes, including ones that are not valid UTF-8, for byte-for-byte checks.
func randomBytes(_ count: Int) -> [UInt8] {
    (0..<count).map { _ in UInt8.random(in: 0...255) }
}

/// Polls `condition` every 10 ms until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration = .seconds(5), _ condition: () -> Bool) -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if condition() { return true }
        usleep(10_000)
    }
    return condition()
}
