#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials

/// The kernel's byte counts for a TCP socket (Linux TCP_INFO), so traffic is measured even
/// where libssh2, not GitSource, reads and writes the socket.
enum TCPCounters {
    static func read(_ fd: Int32) -> (sent: Int, received: Int)? {
        #if os(Linux)
        // Offsets of tcpi_bytes_acked and tcpi_bytes_received in linux/tcp.h's struct tcp_info
        // (Linux 4.1+); glibc's netinet/tcp.h stops before them.
        let bytesAcked = 120, bytesReceived = 128
        var buffer = [UInt8](repeating: 0, count: 256)
        var length = socklen_t(buffer.count)
        let rc = buffer.withUnsafeMutableBytes { getsockopt(fd, Int32(IPPROTO_TCP), TCP_INFO, $0.baseAddress, &length) }
        guard rc == 0, Int(length) >= bytesReceived + 8 else { return nil }
        return buffer.withUnsafeBytes { raw in
            (Int(raw.loadUnaligned(fromByteOffset: bytesAcked, as: UInt64.self)),
             Int(raw.loadUnaligned(fromByteOffset: bytesReceived, as: UInt64.self)))
        }
        #else
        return nil
        #endif
    }
}
