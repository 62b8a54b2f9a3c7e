import Foundation
import TestSupport

/// The real servers the tests fetch from, each on a free port of 127.0.0.1.
enum Servers {
    static let python: String? = ["/usr/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        ?? Shell.which("python3")
    static let sshd: String? = Shell.which("sshd")
    static let hasGit = Shell.which("git") != nil
    static let hasSSH = sshd != nil && Shell.which("ssh-keygen") != nil

    /// `git daemon` exporting every repository under `root`.
    static func gitDaemon(root: String, folder: TempFolder) throws -> ServerProcess {
        let port = closedPort()
        return try ServerProcess(
            name: "git daemon", port: port,
            arguments: ["git", "daemon", "--export-all", "--reuseaddr", "--informative-errors",
                        "--base-path=\(root)", "--listen=127.0.0.1", "--port=\(port)", root],
            logPath: folder.sub("git-daemon.log"))
    }

    /// Smart HTTP: `git http-backend` behind a small Python server that wants Basic auth
    /// (when `username` is given) and logs every request with its sizes, one JSON per line.
    /// With `tls`, the server speaks https with that certificate and key.
    static func http(root: String, folder: TempFolder, username: String?, token: String?,
                     tls: (cert: String, key: String)? = nil) throws -> HTTPServer {
        let script = folder.sub("git-http.py")
        try GitHTTPServerScript.text.write(toFile: script, atomically: true, encoding: .utf8)
        let port = closedPort()
        let requests = folder.sub("http-requests.jsonl")
        _ = FileManager.default.createFile(atPath: requests, contents: nil)
        let process = try ServerProcess(
            name: "git http server", port: port,
            arguments: [python ?? "python3", script, root, String(port), username ?? "", token ?? "", requests]
                + (tls.map { [$0.cert, $0.key] } ?? []),
            logPath: folder.sub("git-http.log"))
        return HTTPServer(process: process, requestLog: requests)
    }

    /// Listens, but its accept queue is full: the kernel drops new SYNs, so a connect never
    /// completes (what a firewall that drops packets looks like, on 127.0.0.1).
    static func unanswered(folder: TempFolder) throws -> ServerProcess {
        let script = folder.sub("unanswered.py")
        try """
        import socket, sys, time
        port, ready = int(sys.argv[1]), sys.argv[2]
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", port))
        s.listen(0)
        fillers = []
        for _ in range(4):
            c = socket.socket()
            c.setblocking(False)
            try:
                c.connect(("127.0.0.1", port))
            except BlockingIOError:
                pass
            fillers.append(c)
        time.sleep(0.3)
        open(ready, "w").close()
        while True:
            time.sleep(60)
        """.write(toFile: script, atomically: true, encoding: .utf8)
        let port = closedPort()
        return try ServerProcess(name: "unanswered server", port: port,
                                 arguments: [python ?? "python3", script, String(port), folder.sub("unanswered.ready")],
                                 logPath: folder.sub("unanswered.log"), readyFile: folder.sub("unanswered.ready"))
    }

    /// Accepts connections and never says a word.
    static func silent(folder: TempFolder) throws -> ServerProcess {
        let script = folder.sub("silent.py")
        try """
        import socket, sys
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", int(sys.argv[1])))
        s.listen(64)
        held = []
        while True:
            conn, _ = s.accept()
            held.append(conn)
        """.write(toFile: script, atomically: true, encoding: .utf8)
        let port = closedPort()
        return try ServerProcess(name: "silent server", port: port, arguments: [python ?? "python3", script, String(port)],
                                 logPath: folder.sub("silent.log"))
    }
}

struct HTTPServer {
    let process: ServerProcess
    let requestLog: String
    var port: Int { process.port }
    func stop() { process.stop() }

    struct Request: Decodable {
        let method: String
        let path: String
        let status: Int
        let bytesIn: Int
        let bytesOut: Int
    }

    var requests: [Request] {
        let text = (try? String(contentsOfFile: requestLog, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Request.self, from: Data($0.utf8)) }
    }

    func clearLog() { try? Data().write(to: URL(fileURLWithPath: requestLog)) }
}
