#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A system call on a file or folder failed: what we tried, on which path, and the OS's reason.
///
/// One type for every file operation in this target, so messages read the same everywhere:
/// "could not create a temporary file in /home/u/.config/opencode: Permission denied".
public struct FileSystemError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Operation: Equatable, Sendable {
        case createFolder
        case createTemporaryFile
        /// A new file that must not exist yet (`init`, a signature check's files).
        case createFile
        case writeFile
        case writeTemporaryFile
        case flushFile
        case setPermissions
        /// Renaming the temporary file over the target; `from` is the temporary file.
        case replace(from: String)
        case flushFolder
        case followSymlink
        case read
        case listFolder
        case remove
        /// Renaming a file to `to` (moving a foreign git hook aside).
        case move(to: String)
        case lock
        case writeLockOwner
    }

    public let operation: Operation
    public let path: String
    /// The `errno` value the call failed with.
    public let code: Int32

    public init(_ operation: Operation, path: String, code: Int32) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    /// The OS's text for `code`, e.g. "Permission denied".
    public var reason: String { String(cString: strerror(code)) }

    public var description: String {
        switch operation {
        case .createFolder: "could not create the folder \(path): \(reason)"
        case .createTemporaryFile: "could not create a temporary file in \(path): \(reason)"
        case .createFile: code == EEXIST ? "\(path) already exists; not overwriting it" : "could not create \(path): \(reason)"
        case .writeFile: "could not write \(path): \(reason)"
        case .writeTemporaryFile: "could not write the temporary file \(path): \(reason)"
        case .flushFile: "could not flush \(path) to disk: \(reason)"
        case .setPermissions: "could not set the permissions of \(path): \(reason)"
        case .replace(let from): "could not replace \(path) with \(from): \(reason)"
        case .flushFolder: "\(path) was written but its folder could not be flushed to disk: \(reason)"
        case .followSymlink: "could not follow the symbolic link \(path): \(reason)"
        case .read: "could not read \(path): \(reason)"
        case .listFolder: "could not list the folder \(path): \(reason)"
        case .remove: "could not remove \(path): \(reason)"
        case .move(let to): "could not move \(path) to \(to): \(reason)"
        case .lock: "could not lock \(path): \(reason)"
        case .writeLockOwner: "could not record this process in the lock file \(path): \(reason)"
        }
    }
}
