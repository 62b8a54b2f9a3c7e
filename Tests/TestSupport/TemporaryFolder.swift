#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A fresh folder for one test (mkdtemp: a new name, 0700 unless `mode` says otherwise),
/// removed by `remove()`. The one way tests make a temporary folder; the test worlds
/// (`Sandbox`, `AgentWorld`, the keyring's sandbox) build on it.
public final class TemporaryFolder: Sendable {
    public let path: String

    /// `base`: the system temporary folder, or a short one (`/tmp`) where a unix socket
    /// inside must fit in 108 bytes.
    public init(prefix: String = "provider-sync-tests", base: String = NSTemporaryDirectory(), mode: mode_t = 0o700) throws {
        var base = base
        while base.count > 1, base.hasSuffix("/") { base.removeLast() }
        var template = Array((base + "/\(prefix).XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw SpawnError(description: "mkdtemp failed: \(String(cString: strerror(errno)))")
        }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if mode != 0o700 { chmod(path, mode) }
    }

    /// The path of `relative` inside this folder.
    public func callAsFunction(_ relative: String) -> String { path + "/" + relative }

    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}
