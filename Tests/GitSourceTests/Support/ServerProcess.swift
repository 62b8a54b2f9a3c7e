import Foundation

/// A server the test started, stopped by its pid even when the test fails: tests hold it in
/// a `defer { server.stop() }`. Spawned with posix_spawn rather than Foundation's Process:
/// Process hands the child the test thread's blocked-signal mask, so SIGTERM never arrives,
/// and its exit monitoring can miss a child. Each server leads its own process group, so
/// stop() also ends the connections it forked (sshd sessions, git-daemon children).
final class ServerProcess {
    let name: String
    let port: Int
    let pid: pid_t
    let logPath: String
    private var stopped = false

    /// Ready when the port accepts a connection, or, with `readyFile`, when that file appears.
    init(name: String, port: Int, arguments: [String], logPath: String, readyFile: String? = nil,
         environment: [String: String] = Shell.environment) throws {
        self.name = name
        self.port = port
        self.logPath = logPath
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let executable = Shell.which(arguments[0]) ?? arguments[0]

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_APPEND, 0)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        let argv = ([executable] + arguments.dropFirst()).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard rc == 0 else {
            throw Shell.Failure(command: executable, status: rc, output: String(cString: strerror(rc)))
        }
        pid = child
        try waitUntilReady(readyFile)
    }

    private func waitUntilReady(_ readyFile: String?) throws {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if exited() { break }
            if let readyFile, FileManager.default.fileExists(atPath: readyFile) { return }
            if readyFile == nil && Ports.accepts(port) { return }
            usleep(20_000)
        }
        let log = self.log
        stop()
        throw Shell.Failure(command: "\(name) on port \(port)", status: -1, output: "did not start listening: \(log)")
    }

    private func exited() -> Bool {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == pid
    }

    /// SIGTERM to the server's process group, SIGKILL after 3 s, and reap the server.
    func stop() {
        guard !stopped else { return }
        stopped = true
        kill(-pid, SIGTERM)
        let deadline = Date().addingTimeInterval(3)
        while Date() < deadline {
            if exited() {
                kill(-pid, SIGKILL)  // children the server left behind
                return
            }
            usleep(10_000)
        }
        kill(-pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }
}

enum Ports {
    /// A port nothing listens on right now (the kernel's pick for an ephemeral bind).
    static func free() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
