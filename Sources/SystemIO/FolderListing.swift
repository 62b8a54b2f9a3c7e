#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The entries of a folder with their types as the folder itself records them (d_type), so a
/// folder of 10,000 specs costs one listing, not 10,000 lstat calls. Types the file system does
/// not record (DT_UNKNOWN) are asked for with lstat.
public enum FolderListing {
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var type: FileType
    }

    /// The entries of `path` except "." and "..", in no particular order.
    public static func entries(_ path: String) throws(FileAccessError) -> [Entry] {
        guard let folder = opendir(path) else { throw FileAccessError(path: path, problem: .system(errno)) }
        defer { closedir(folder) }
        var entries: [Entry] = []
        while let entry = readdir(folder) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            var type = Self.type(entry.pointee.d_type)
            if type == .unknown {
                type = (try? FileStatus.of(path + "/" + name, followingSymlinks: false))?.type ?? .unknown
            }
            entries.append(Entry(name: name, type: type))
        }
        return entries
    }

    private static func type(_ dType: UInt8) -> FileType {
        switch Int32(dType) {
        case Int32(DT_REG): .regular
        case Int32(DT_DIR): .folder
        case Int32(DT_LNK): .symlink
        case Int32(DT_CHR): .characterDevice
        case Int32(DT_BLK): .blockDevice
        case Int32(DT_FIFO): .fifo
        case Int32(DT_SOCK): .socket
        default: .unknown
        }
    }
}
