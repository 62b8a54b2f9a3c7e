import Foundation

/// Reads a whole file with a size limit, with errors that say what went wrong in words.
enum FileReading {
    struct Failure: Error {
        var reason: String
    }

    /// The file's bytes, read straight into the array (through Data they were copied once more).
    static func bytes(_ path: String, limit: Int) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .posix() }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .posix() }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw Failure(reason: "is a folder, not a file") }
        let size = Int(info.st_size)
        if size > limit { throw Failure(reason: "the file is \(size) bytes, over the limit of \(limit)") }
        var failed = false
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            let n = readFully(fd, into: UnsafeMutableRawBufferPointer(buffer))
            failed = n == nil
            count = n ?? 0
        }
        if failed { throw .posix() }
        // A pipe reports no size, and a file may grow while it is read: read on to its end.
        if bytes.count == size {
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                guard let n = chunk.withUnsafeMutableBytes({ readFully(fd, into: $0) }) else { throw .posix() }
                bytes += chunk[..<n]
                guard bytes.count <= limit else { throw Failure(reason: "the file is over the limit of \(limit) bytes") }
                if n < chunk.count { break }
            }
        }
        return bytes
    }

    /// Reads until `buffer` is full or the file ends: the count read, or nil on an error.
    private static func readFully(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        var done = 0
        while done < buffer.count {
            let n = read(fd, buffer.baseAddress! + done, buffer.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { break }
            done += n
        }
        return done
    }
}

extension FileReading.Failure {
    /// The reason errno gives.
    static func posix() -> Self { Self(reason: String(cString: strerror(errno))) }
}
