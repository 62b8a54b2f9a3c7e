#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import JSONCore

/// What `lstat` says about a path: enough to tell "not touched" from "rewritten".
struct FileFacts: Equatable, CustomStringConvertible {
    var inode: UInt64
    var mode: mode_t
    var size: Int64
    var modifiedSeconds: Int
    var modifiedNanoseconds: Int
    var isSymlink: Bool
    var isFolder: Bool

    /// nil when nothing is at `path`. Does not follow a final symlink.
    init?(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        inode = UInt64(info.st_ino)
        mode = info.st_mode & 0o7777
        size = Int64(info.st_size)
        #if canImport(Darwin)
        modifiedSeconds = info.st_mtimespec.tv_sec
        modifiedNanoseconds = info.st_mtimespec.tv_nsec
        #else
        modifiedSeconds = info.st_mtim.tv_sec
        modifiedNanoseconds = info.st_mtim.tv_nsec
        #endif
        isSymlink = (info.st_mode & S_IFMT) == S_IFLNK
        isFolder = (info.st_mode & S_IFMT) == S_IFDIR
    }

    var description: String {
        "inode \(inode), mode \(String(mode, radix: 8)), \(size) bytes, mtime \(modifiedSeconds).\(modifiedNanoseconds)"
    }
}

/// The file's bytes, or nil when it cannot be read.
func fileBytes(_ path: String) -> [UInt8]? { FileManager.default.contents(atPath: path).map { [UInt8]($0) } }

func fileText(_ path: String) -> String? { fileBytes(path).map { String(decoding: $0, as: UTF8.self) } }

/// Every path under `folder` (relative, sorted) with its bytes; folders map to nil. For "nothing
/// changed in here" checks.
func snapshot(_ folder: String) -> [String: [UInt8]?] {
    var result: [String: [UInt8]?] = [:]
    guard let walker = FileManager.default.enumerator(atPath: folder) else { return result }
    while let relative = walker.nextObject() as? String {
        let path = folder + "/" + relative
        result[relative] = (FileFacts(path)?.isFolder ?? false) ? .some(nil) : .some(fileBytes(path))
    }
    return result
}

/// The writer's temporary files (".<name>.tmp-<pid>-<random>") anywhere under `folder`.
func temporaryFiles(under folder: String) -> [String] {
    guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
    var found: [String] = []
    while let relative = walker.nextObject() as? String {
        let name = (relative as NSString).lastPathComponent
        if name.hasPrefix("."), name.contains(".tmp-") { found.append(relative) }
    }
    return found.sorted()
}

/// The value of a JSON or JSONC text; a test failure (thrown) when it does not parse.
func parsed(_ text: String, options: JSONParser.Options = .jsonc) throws -> JSONValue {
    do {
        return try JSONParser.value(text, options: options)
    } catch {
        throw SandboxError("does not parse: \(error)\n\(text)")
    }
}

/// `getuid() == 0`: permission bits do not stop root, so permission tests need another way.
var runningAsRoot: Bool { getuid() == 0 }

/// The sidecar's document without its `enabled_providers` (the superset list provider-sync
/// adds there), and that list: what the guide's golden documents compare with.
func sidecarParts(_ text: String) throws -> (document: JSONValue, enabled: [String]) {
    guard var object = try parsed(text, options: .json).objectValue else { throw SandboxError("not an object:\n\(text)") }
    guard let i = object.position(of: "enabled_providers"),
          let list = object["enabled_providers"]?.arrayValue?.compactMap(\.stringValue) else {
        throw SandboxError("no enabled_providers:\n\(text)")
    }
    object.remove(at: i)
    return (.object(object), list)
}
