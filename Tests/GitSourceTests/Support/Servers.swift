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
        try HTTPServer.script.write(toFile: script, atomically: true, encoding: .utf8)
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

    static let script = #"""
    import base64, json, os, subprocess, sys, threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    root, port, user, token, log_path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
    expected = "Basic " + base64.b64encode(f"{user}:{token}".encode()).decode() if user else None
    lock = threading.Lock()
    REASONS = {200: "OK", 401: "Unauthorized", 404: "Not Found", 403: "Forbidden", 500: "Internal Server Error"}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def read_body(self):
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                data = b""
                while True:
                    size = int(self.rfile.readline().strip().split(b";")[0], 16)
                    if size == 0:
                        self.rfile.readline()
                        return data
                    data += self.rfile.read(size)
                    self.rfile.readline()
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else b""

        def respond(self, status, headers, payload, bytes_in):
            head = f"HTTP/1.1 {status} {REASONS.get(status, 'Status')}\r\n"
            for name, value in headers + [("Content-Length", str(len(payload)))]:
                head += f"{name}: {value}\r\n"
            raw = head.encode() + b"\r\n" + payload
            # Logged before the answer leaves, so a test that reads the log after its call sees it.
            with lock, open(log_path, "a") as log:
                log.write(json.dumps({"method": self.command, "path": self.path, "status": status,
                                      "bytesIn": bytes_in, "bytesOut": len(raw)}) + "\n")
            self.wfile.write(raw)
            self.wfile.flush()

        def handle_git(self):
            body = self.read_body()
            bytes_in = len(self.requestline) + 2 + sum(len(k) + len(v) + 4 for k, v in self.headers.items()) + 2 + len(body)
            if expected and self.headers.get("Authorization") != expected:
                self.respond(401, [("WWW-Authenticate", 'Basic realm="team"'), ("Content-Type", "text/plain")],
                             b"authentication required\n", bytes_in)
                return
            path, _, query = self.path.partition("?")
            env = dict(os.environ, GIT_PROJECT_ROOT=root, GIT_HTTP_EXPORT_ALL="1", PATH_INFO=path,
                       QUERY_STRING=query, REQUEST_METHOD=self.command, REMOTE_USER=user, REMOTE_ADDR="127.0.0.1",
                       CONTENT_TYPE=self.headers.get("Content-Type", ""), CONTENT_LENGTH=str(len(body)))
            if self.headers.get("Content-Encoding"):
                env["HTTP_CONTENT_ENCODING"] = self.headers["Content-Encoding"]
            if self.headers.get("Git-Protocol"):
                env["GIT_PROTOCOL"] = self.headers["Git-Protocol"]
            out = subprocess.run(["git", "http-backend"], input=body, env=env, capture_output=True).stdout
            split = out.find(b"\r\n\r\n")
            head, payload = (out[:split], out[split + 4:]) if split >= 0 else out.split(b"\n\n", 1)
            status, headers = 200, []
            for line in head.decode("latin-1").splitlines():
                name, _, value = line.partition(":")
                if name.lower() == "status":
                    status = int(value.strip().split()[0])
                elif name:
                    headers.append((name, value.strip()))
            self.respond(status, headers, payload, bytes_in)

        do_GET = handle_git
        do_POST = handle_git

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    if len(sys.argv) > 7:
        import ssl
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[6], sys.argv[7])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    server.serve_forever()
    """#
}
