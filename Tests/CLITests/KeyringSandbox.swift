import Foundation
import TestSupport

/// The programs the keyring tests run (packages dbus, gnome-keyring, libsecret-tools).
enum KeyringTools {
    static let dbusDaemon = find("dbus-daemon")
    static let dbusSend = find("dbus-send")
    static let gnomeKeyring = find("gnome-keyring-daemon")
    static let secretTool = find("secret-tool")
    /// util-linux `script`, for a pseudo-terminal.
    static let script = find("script")

    static var available: Bool { dbusDaemon != nil && dbusSend != nil && gnomeKeyring != nil && secretTool != nil }

    private static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/sbin", "/bin"]
        return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// What a finished process said, and how long it took.
struct TimedResult {
    var status: Int32
    var stdout: String
    var stderr: String
    var seconds: Double

    var output: String { stdout + stderr }
}

struct SandboxFailure: Error, CustomStringConvertible {
    var description: String
}

/// A private world for keyring tests: a temporary HOME and XDG folders, optionally a private
/// D-Bus session bus (no service activation, so nothing starts unless the test starts it), a
/// real gnome-keyring on it, or a fake Secret Service that never answers. Every daemon is
/// killed by pid in `stop()`, which tests call in a `defer`.
///
/// GLib keeps one session bus per process, so the tool is always run as a child process.
final class KeyringSandbox {
    let folder: String
    private(set) var busAddress: String?
    private var daemons: [Process] = []
    private var sockets: [Int32] = []
    private var stopped = false

    init() throws {
        // Short: a unix socket path must fit in 108 bytes.
        folder = try TemporaryFolder(prefix: "ps-keyring", base: "/tmp").path
        for sub in ["home", "run", "data", "config", "cache"] {
            try FileManager.default.createDirectory(atPath: "\(folder)/\(sub)", withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
    }

    deinit { stop() }

    /// A sandbox with its bus and its keyring running and unlocked: where a test stores keys.
    static func unlocked() throws -> KeyringSandbox {
        let sandbox = try KeyringSandbox()
        try sandbox.startBus()
        try sandbox.startKeyring()
        return sandbox
    }

    /// The environment of every child: this process's, without any route to a real session
    /// bus, display or keyring, and with the sandbox's own folders.
    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in ["DBUS_SESSION_BUS_ADDRESS", "DBUS_STARTER_ADDRESS", "DBUS_STARTER_BUS_TYPE", "DISPLAY", "WAYLAND_DISPLAY",
                    "GNOME_KEYRING_CONTROL", "SSH_AUTH_SOCK", "NO_COLOR", "PROVIDER_SYNC_SECRET_TIMEOUT_MS", "SECRET_BACKEND"] {
            env.removeValue(forKey: key)
        }
        env["HOME"] = "\(folder)/home"
        env["XDG_RUNTIME_DIR"] = "\(folder)/run"  // GLib falls back to $XDG_RUNTIME_DIR/bus
        env["XDG_DATA_HOME"] = "\(folder)/data"
        env["XDG_CONFIG_HOME"] = "\(folder)/config"
        env["XDG_CACHE_HOME"] = "\(folder)/cache"
        if let busAddress { env["DBUS_SESSION_BUS_ADDRESS"] = busAddress }
        return env
    }

    /// The folder gnome-keyring keeps its keyring files in.
    var keyringFolder: String { "\(folder)/data/keyrings" }

    // MARK: - Daemons

    /// A session bus of our own, listening on a socket in the sandbox. It has no service files,
    /// so a name nobody owns stays unowned.
    func startBus() throws {
        let socket = "\(folder)/bus"
        let config = """
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
             "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <type>session</type>
              <listen>unix:path=\(socket)</listen>
              <auth>EXTERNAL</auth>
              <policy context="default">
                <allow send_destination="*" eavesdrop="true"/>
                <allow eavesdrop="true"/>
                <allow own="*"/>
              </policy>
            </busconfig>
            """
        try config.write(toFile: "\(folder)/bus.conf", atomically: true, encoding: .utf8)
        try launch(KeyringTools.dbusDaemon!, ["--config-file=\(folder)/bus.conf", "--nofork"])
        // The socket file exists from bind(), before listen(): wait until it accepts a connection.
        try waitUntil("the bus accepts connections on \(socket)") { SilentDBusClient.accepts(path: socket) }
        busAddress = "unix:path=\(socket)"
    }

    /// gnome-keyring's Secret Service on the bus, its login keyring created (first start) or
    /// unlocked with `password`; returns when it owns org.freedesktop.secrets.
    func startKeyring(password: String = "sandbox password") throws {
        guard busAddress != nil else { throw SandboxFailure(description: "start the bus first") }
        try launch(KeyringTools.gnomeKeyring!, ["--foreground", "--unlock", "--components=secrets"], stdin: password)
        try waitForName("org.freedesktop.secrets")
    }

    /// Locks the login keyring, as a screen lock or a timeout would.
    func lockKeyring() throws {
        let lock = try run(KeyringTools.dbusSend!, ["--print-reply", "--dest=org.freedesktop.secrets", "/org/freedesktop/secrets",
                                                     "org.freedesktop.Secret.Service.Lock",
                                                     "array:objpath:/org/freedesktop/secrets/collection/login"])
        guard lock.status == 0 else { throw SandboxFailure(description: "Lock failed: \(lock.stderr)") }
        let locked = try run(KeyringTools.dbusSend!, ["--print-reply", "--dest=org.freedesktop.secrets",
                                                       "/org/freedesktop/secrets/collection/login", "org.freedesktop.DBus.Properties.Get",
                                                       "string:org.freedesktop.Secret.Collection", "string:Locked"])
        guard locked.stdout.contains("boolean true") else { throw SandboxFailure(description: "the keyring did not lock: \(locked.output)") }
    }

    /// A Secret Service that owns org.freedesktop.secrets and never answers anything: a client
    /// of this process that speaks just enough D-Bus to take the name, then stays silent.
    func startSilentSecretService() throws {
        guard let busAddress, busAddress.hasPrefix("unix:path=") else { throw SandboxFailure(description: "start the bus first") }
        let fd = try SilentDBusClient.connect(path: String(busAddress.dropFirst("unix:path=".count)))
        sockets.append(fd)
        try SilentDBusClient.takeName("org.freedesktop.secrets", fd: fd)
        try waitForName("org.freedesktop.secrets")
    }

    /// Kills what this sandbox started (by pid, newest first) and removes its folder.
    func stop() {
        guard !stopped else { return }
        stopped = true
        for fd in sockets { close(fd) }
        // SIGKILL: a child started from a test thread may inherit a mask that blocks SIGTERM.
        for process in daemons.reversed() where process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    // MARK: - Running things

    /// Runs provider-sync with the sandbox's environment (plus `extra`, less `removing`).
    func cli(_ arguments: [String], stdin: String? = nil, in directory: String? = nil, extra: [String: String] = [:],
             removing: [String] = []) throws -> TimedResult {
        try run(CLI.binary, arguments, stdin: stdin, in: directory, extra: extra, removing: removing)
    }

    func secretTool(_ arguments: [String], stdin: String? = nil) throws -> TimedResult {
        try run(KeyringTools.secretTool!, arguments, stdin: stdin)
    }

    /// The bytes of every keyring file, to prove a command wrote nothing.
    func keyringFiles() -> [String: Data] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: keyringFolder)) ?? []
        var files: [String: Data] = [:]
        for name in names { files[name] = FileManager.default.contents(atPath: "\(keyringFolder)/\(name)") }
        return files
    }

    /// Runs a program to its end (killing it after `limit` seconds), reading both pipes.
    func run(_ executable: String, _ arguments: [String], stdin: String? = nil, in directory: String? = nil,
             extra: [String: String] = [:], removing: [String] = [], limit: Double = 60) throws -> TimedResult {
        var env = environment
        for (key, value) in extra { env[key] = value }
        for key in removing { env.removeValue(forKey: key) }
        let run = try ProgramRun.run(executable, arguments, environment: env, folder: directory ?? folder, stdin: stdin ?? "",
                                     limit: limit)
        return TimedResult(status: run.status, stdout: run.stdout, stderr: run.stderr, seconds: run.seconds)
    }

    /// Runs provider-sync on a pseudo-terminal (util-linux `script`), types `typing` and Enter
    /// once its prompt shows, and returns the exit status and everything the terminal showed.
    func cliOnTerminal(_ arguments: [String], prompt: String, typing: String) throws -> (status: Int32, screen: String) {
        let quoted = ([CLI.binary] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: KeyringTools.script!)
        process.arguments = ["-qec", quoted.joined(separator: " "), "/dev/null"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = environment
        let out = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = out
        process.standardInput = input
        let screen = Locked<Data>(Data())
        try process.run()
        let reader = Thread {
            while true {
                let chunk = PipeReading.readSome(out.fileHandleForReading.fileDescriptor)
                if chunk.isEmpty { break }
                screen.set(screen.value + chunk)
            }
        }
        reader.start()
        defer { try? input.fileHandleForWriting.close() }
        try waitUntil("the prompt shows") { String(decoding: screen.value, as: UTF8.self).contains(prompt) || !process.isRunning }
        try input.fileHandleForWriting.write(contentsOf: Data((typing + "\r").utf8))
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        usleep(100_000)
        return (process.terminationStatus, String(decoding: screen.value, as: UTF8.self))
    }

    private func launch(_ executable: String, _ arguments: [String], stdin: String? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let input = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        daemons.append(process)
        if let stdin {
            try input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8))
            try input.fileHandleForWriting.close()
        }
    }

    private func waitForName(_ name: String) throws {
        try waitUntil("\(name) is owned on the bus") {
            let r = try? run(KeyringTools.dbusSend!, ["--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                      "org.freedesktop.DBus.NameHasOwner", "string:\(name)"], limit: 5)
            return r?.stdout.contains("boolean true") ?? false
        }
    }

    private func waitUntil(_ what: String, seconds: Double = 10, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            guard Date() < deadline else { throw SandboxFailure(description: "timed out waiting until \(what)") }
            usleep(10_000)
        }
    }
}

/// Just enough of the D-Bus wire protocol to connect, say Hello and take a name, then stay
/// silent: every call sent to that name waits for a reply that never comes.
enum SilentDBusClient {
    /// True when a unix socket at `path` accepts a connection now.
    static func accepts(path: String) -> Bool {
        guard let fd = try? open(path: path) else { return false }
        close(fd)
        return true
    }

    /// A connection to the bus, authenticated.
    static func connect(path: String) throws -> Int32 {
        let fd = try open(path: path)
        do {
            try authenticate(fd)
        } catch {
            close(fd)
            throw error
        }
        return fd
    }

    /// A connected unix socket.
    private static func open(path: String) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SandboxFailure(description: "socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(fd)
            throw SandboxFailure(description: "socket path too long: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw SandboxFailure(description: "connect \(path): \(String(cString: strerror(errno)))")
        }
        return fd
    }

    /// SASL: a NUL byte, then EXTERNAL with our uid in hex-encoded ASCII.
    private static func authenticate(_ fd: Int32) throws {
        let uid = String(getuid()).utf8.map { String(format: "%02x", $0) }.joined()
        try send(fd, [0] + Array("AUTH EXTERNAL \(uid)\r\n".utf8))
        let reply = try readLine(fd)
        guard reply.hasPrefix("OK ") else { throw SandboxFailure(description: "the bus refused authentication: \(reply)") }
        try send(fd, Array("BEGIN\r\n".utf8))
    }

    static func takeName(_ name: String, fd: Int32) throws {
        try send(fd, message(serial: 1, member: "Hello", signature: nil, body: []))
        var body = Encoder()
        body.string(name)
        body.uint32(4)  // DBUS_NAME_FLAG_DO_NOT_QUEUE
        try send(fd, message(serial: 2, member: "RequestName", signature: "su", body: body.bytes))
    }

    /// A method call to the bus itself (org.freedesktop.DBus), little-endian.
    private static func message(serial: UInt32, member: String, signature: String?, body: [UInt8]) -> [UInt8] {
        var m = Encoder()
        m.bytes = [UInt8(ascii: "l"), 1, 0, 1]  // little-endian, METHOD_CALL, no flags, version 1
        m.uint32(UInt32(body.count))
        m.uint32(serial)
        var fields = Encoder(offset: 16)  // the array's elements start at offset 16
        func field(_ code: UInt8, _ type: Character, _ value: String) {
            fields.align(8)
            fields.bytes.append(code)
            fields.signature(String(type))
            if type == "g" { fields.signature(value) } else { fields.string(value) }
        }
        field(1, "o", "/org/freedesktop/DBus")
        field(2, "s", "org.freedesktop.DBus")
        field(3, "s", member)
        field(6, "s", "org.freedesktop.DBus")
        if let signature { field(8, "g", signature) }
        m.uint32(UInt32(fields.bytes.count))
        m.bytes += fields.bytes
        m.align(8)
        return m.bytes + body
    }

    private struct Encoder {
        var bytes: [UInt8] = []
        var offset = 0

        init(offset: Int = 0) { self.offset = offset }

        mutating func align(_ n: Int) {
            while (offset + bytes.count) % n != 0 { bytes.append(0) }
        }

        mutating func uint32(_ v: UInt32) {
            align(4)
            withUnsafeBytes(of: v.littleEndian) { bytes += $0 }
        }

        mutating func string(_ s: String) {
            uint32(UInt32(s.utf8.count))
            bytes += Array(s.utf8) + [0]
        }

        mutating func signature(_ s: String) {
            bytes.append(UInt8(s.utf8.count))
            bytes += Array(s.utf8) + [0]
        }
    }

    private static func send(_ fd: Int32, _ bytes: [UInt8]) throws {
        var rest = bytes[...]
        while !rest.isEmpty {
            let n = rest.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw SandboxFailure(description: "write to the bus: \(String(cString: strerror(errno)))") }
            rest = rest.dropFirst(n)
        }
    }

    private static func readLine(_ fd: Int32) throws -> String {
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while !(line.count >= 2 && line.suffix(2) == [13, 10]) {
            let n = Glibc.read(fd, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            guard n == 1 else { throw SandboxFailure(description: "the bus closed the connection during authentication") }
            line.append(byte)
        }
        return String(decoding: line.dropLast(2), as: UTF8.self)
    }
}
