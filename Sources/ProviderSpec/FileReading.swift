import Foundation

/// Reads a whole file with a size limit, with errors that say what went wrong in words.
enum FileReading {
    struct Failure: Error {
        var reason: String
    }

    static func bytes(_ path: String, limit: Int) throws(Failure) -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw Failure(reason: "is a folder, not a file") }
        if Int(info.st_size) > limit {
            throw Failure(reason: "the file is \(info.st_size) bytes, over the limit of \(limit)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Failure(reason: String(cString: strerror(errno == 0 ? EACCES : errno)))
        }
        defer { try? handle.close() }
        do {
            let data = try handle.readToEnd() ?? Data()
            guard data.count <= limit else { throw Failure(reason: "the file is over the limit of \(limit) bytes") }
            return [UInt8](data)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(reason: "\(error.localizedDescription)")
        }
    }
}
