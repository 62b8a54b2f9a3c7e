#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A 0700 folder of this process's own, for files handed to another program (ssh-keygen,
/// gpg); removed with its content.
public struct PrivateFolder: Sendable {
    public let path: String

    /// A new folder in `base` (the system's temporary folder); `label` goes into its name, for
    /// a person who finds one left behind.
    public init(in base: String, label: String) throws(FileSystemError) {
        var base = base
        while base.count > 1, base.hasSuffix("/") { base.removeLast() }
        let folder = base + "/provider-sync-\(label).XXXXXX"
        var template = Array(folder.utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw FileSystemError(.createFolder, path: folder, code: errno)
        }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Writes a new 0600 file `name` in the folder; its path.
    public func write(_ name: String, _ bytes: [UInt8]) throws(FileSystemError) -> String {
        let file = path + "/" + name
        try FileSystem.createNew(file, bytes, mode: 0o600)
        return file
    }

    /// The folder and everything in it (best effort: it is private and temporary).
    public func remove() {
        for name in (try? FileSystem.listFolder(path)) ?? [] {
            let entry = path + "/" + name
            if (try? FileSystem.kind(of: entry)) == .folder {
                PrivateFolder(existing: entry).remove()
            } else {
                try? FileSystem.removeFile(entry)
            }
        }
        rmdir(path)
    }

    private init(existing: String) { path = existing }
}
