#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What kind of thing a path names, from the `st_mode` of `stat`/`lstat`/`fstat`.
public enum FileType: Sendable, Equatable, CustomStringConvertible {
    case regular, folder, symlink, characterDevice, blockDevice, fifo, socket, unknown

    public init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .folder
        case S_IFLNK: self = .symlink
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        case S_IFIFO: self = .fifo
        case S_IFSOCK: self = .socket
        default: self = .unknown
        }
    }

    /// "a folder", "a FIFO (named pipe)": for "X is a folder, not a regular file".
    public var description: String {
        switch self {
        case .regular: "a regular file"
        case .folder: "a folder"
        case .symlink: "a symbolic link"
        case .characterDevice: "a character device"
        case .blockDevice: "a block device"
        case .fifo: "a FIFO (named pipe)"
        case .socket: "a socket"
        case .unknown: "a special file"
        }
    }
}
