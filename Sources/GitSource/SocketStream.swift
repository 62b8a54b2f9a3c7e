#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import CGit2
import FoundationEssentials

/// The TCP stream libgit2 uses for git://, http(s):// (under TLS) and ssh:// once GitSource
/// registers it. Unlike libgit2 1.5's own, it connects with a timeout, waits for data no
/// longer than the operation's deadline, and counts the bytes it moves.
enum SocketStream {
    /// Per-stream state behind the C struct's `owner` pointer.
    final class State {
        let session: NetworkSession?
        var sent = 0
        var received = 0
        init(session: NetworkSession?) { self.session = session }
    }

    typealias Stream = provider_sync_socket_stream

    static let create: @convention(c) (
        UnsafeMutablePointer<UnsafeMutablePointer<git_stream>?>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?
    ) -> Int32 = { out, host, port in
        guard let out, let host, let port else { return -1 }
        let stream = UnsafeMutablePointer<Stream>.allocate(capacity: 1)
        stream.initialize(to: Stream())
        stream.pointee.parent.version = GIT_STREAM_VERSION
        stream.pointee.parent.connect = SocketStream.connect
        stream.pointee.parent.read = SocketStream.read
        stream.pointee.parent.write = SocketStream.write
        stream.pointee.parent.close = SocketStream.close
        stream.pointee.parent.free = SocketStream.free
        stream.pointee.host = strdup(host)
        stream.pointee.port = strdup(port)
        stream.pointee.socket = -1
        stream.pointee.owner = Unmanaged.passRetained(State(session: NetworkSession.current)).toOpaque()
        out.pointee = UnsafeMutableRawPointer(stream).assumingMemoryBound(to: git_stream.self)
        return 0
    }

    private static func parts(_ raw: UnsafeMutablePointer<git_stream>?) -> (UnsafeMutablePointer<Stream>, State) {
        let stream = UnsafeMutableRawPointer(raw!).assumingMemoryBound(to: Stream.self)
        return (stream, Unmanaged<State>.fromOpaque(stream.pointee.owner).takeUnretainedValue())
    }

    private static func endpoint(_ stream: UnsafeMutablePointer<Stream>) -> String {
        let host = String(cString: stream.pointee.host)
        return (host.contains(":") ? "[\(host)]" : host) + ":" + String(cString: stream.pointee.port)
    }

    /// Sets libgit2's error message and, with a session, the typed failure behind it.
    private static func fail(_ state: State, _ error: GitSourceError, _ message: String) -> Int32 {
        state.session?.fail(error)
        git_error_set_str(Int32(GIT_ERROR_NET.rawValue), message)
        return -1
    }

    private static func timedOut(_ state: State, _ stream: UnsafeMutablePointer<Stream>, _ what: String) -> Int32 {
        guard let session = state.session else {
            return fail(state, .git(step: "network", message: "timed out"), "\(what) \(endpoint(stream)) timed out")
        }
        let error = GitSourceError.timedOut(url: session.url.redacted, step: session.step, after: session.config.timeouts.operation)
        return fail(state, error, error.description)
    }

    static let connect: @convention(c) (UnsafeMutablePointer<git_stream>?) -> Int32 = { raw in
        let (stream, state) = parts(raw)
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(stream.pointee.host, stream.pointee.port, &hints, &list)
        guard rc == 0, let list else {
            let reason = "cannot resolve \(String(cString: stream.pointee.host)): \(String(cString: gai_strerror(rc)))"
            return fail(state, .unreachable(url: state.session?.url.redacted ?? endpoint(stream), reason: reason), reason)
        }
        defer { freeaddrinfo(list) }
        var lastError = "no address"
        var node: UnsafeMutablePointer<addrinfo>? = list
        while let address = node {
            node = address.pointee.ai_next
            if state.session?.expired == true { return timedOut(state, stream, "connecting to") }
            switch attempt(address.pointee, timeout: state.session?.connectMilliseconds ?? -1) {
            case .connected(let fd):
                guard state.session?.opened(fd) ?? true else {
                    Glibc.close(fd)
                    return timedOut(state, stream, "connecting to")
                }
                stream.pointee.socket = fd
                return 0
            case .failed(let reason):
                lastError = reason
            }
        }
        let reason = "\(endpoint(stream)): \(lastError)"
        return fail(state, .unreachable(url: state.session?.url.redacted ?? endpoint(stream), reason: reason), reason)
    }

    private enum Attempt { case connected(Int32), failed(String) }

    /// A non-blocking connect bounded by `timeout` ms, then back to blocking for libssh2.
    private static func attempt(_ address: addrinfo, timeout: Int32) -> Attempt {
        let fd = socket(address.ai_family, address.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), address.ai_protocol)
        guard fd >= 0 else { return .failed(String(cString: strerror(errno))) }
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        if Glibc.connect(fd, address.ai_addr, address.ai_addrlen) != 0 {
            guard errno == EINPROGRESS else {
                let reason = String(cString: strerror(errno))
                Glibc.close(fd)
                return .failed(reason)
            }
            var pfd = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            let ready = poll(&pfd, 1, timeout)
            if ready == 0 {
                Glibc.close(fd)
                return .failed("no answer to connect within \(timeout) ms")
            }
            var soError: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &length)
            if ready < 0 || soError != 0 {
                let reason = String(cString: strerror(ready < 0 ? errno : soError))
                Glibc.close(fd)
                return .failed(reason)
            }
        }
        _ = fcntl(fd, F_SETFL, flags)
        return .connected(fd)
    }

    /// Waits until `fd` is ready for `events` or the deadline passes.
    private static func wait(_ fd: Int32, _ events: Int32, _ state: State) -> Bool {
        var pfd = pollfd(fd: fd, events: Int16(events), revents: 0)
        while true {
            let timeout = state.session?.remainingMilliseconds ?? -1
            let ready = poll(&pfd, 1, timeout)
            if ready > 0 { return true }
            if ready == 0 || errno != EINTR { return false }
        }
    }

    static let read: @convention(c) (UnsafeMutablePointer<git_stream>?, UnsafeMutableRawPointer?, Int) -> Int = { raw, buffer, length in
        let (stream, state) = parts(raw)
        guard wait(stream.pointee.socket, Int32(POLLIN), state), state.session?.expired != true else {
            return Int(timedOut(state, stream, "reading from"))
        }
        let n = recv(stream.pointee.socket, buffer, length, 0)
        guard n >= 0 else {
            if state.session?.expired == true { return Int(timedOut(state, stream, "reading from")) }
            let reason = "reading from \(endpoint(stream)): \(String(cString: strerror(errno)))"
            return Int(fail(state, .unreachable(url: state.session?.url.redacted ?? endpoint(stream), reason: reason), reason))
        }
        state.received += n
        return n
    }

    static let write: @convention(c) (UnsafeMutablePointer<git_stream>?, UnsafePointer<CChar>?, Int, Int32) -> Int = { raw, data, length, _ in
        let (stream, state) = parts(raw)
        var offset = 0
        while offset < length {
            guard wait(stream.pointee.socket, Int32(POLLOUT), state), state.session?.expired != true else {
                return Int(timedOut(state, stream, "writing to"))
            }
            let n = send(stream.pointee.socket, data! + offset, length - offset, Int32(MSG_NOSIGNAL))
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                let reason = "writing to \(endpoint(stream)): \(String(cString: strerror(errno)))"
                return Int(fail(state, .unreachable(url: state.session?.url.redacted ?? endpoint(stream), reason: reason), reason))
            }
            offset += n
        }
        state.sent += length
        return length
    }

    static let close: @convention(c) (UnsafeMutablePointer<git_stream>?) -> Int32 = { raw in
        let (stream, state) = parts(raw)
        let fd = stream.pointee.socket
        guard fd >= 0 else { return 0 }
        // libssh2 moves ssh bytes on the socket itself: the kernel's counts see those too.
        let wire = TCPCounters.read(fd)
        state.session?.count(sent: max(wire?.sent ?? 0, state.sent))
        state.session?.count(received: max(wire?.received ?? 0, state.received))
        state.session?.closing(fd)
        stream.pointee.socket = -1
        return Glibc.close(fd)
    }

    static let free: @convention(c) (UnsafeMutablePointer<git_stream>?) -> Void = { raw in
        let (stream, _) = parts(raw)
        _ = SocketStream.close(raw)
        Glibc.free(stream.pointee.host)
        Glibc.free(stream.pointee.port)
        Unmanaged<State>.fromOpaque(stream.pointee.owner).release()
        stream.deinitialize(count: 1)
        stream.deallocate()
    }
}
