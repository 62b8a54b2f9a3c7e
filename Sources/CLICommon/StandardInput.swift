#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SystemIO

public enum StandardInput {
    /// All of standard input; more than `limit` bytes is an error as soon as they arrive
    /// (`validate - < /dev/zero` must not fill memory).
    public static func readAll(limit: Int) throws(FileAccessError) -> [UInt8] {
        try FileReader.readStream(STDIN_FILENO, name: "standard input", limit: limit)
    }
}
