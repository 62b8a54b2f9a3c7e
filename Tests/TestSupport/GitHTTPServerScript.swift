/// Smart HTTP for the git tests: `git http-backend` behind Python's http.server, each answer in
/// one write (as git's own servers send it), every request logged as a JSON line with its bytes.
///
///     python3 script ROOT PORT USER TOKEN REQUEST_LOG [CERT KEY]
///
/// An empty USER serves without auth; otherwise Basic auth with USER/TOKEN is required.
public enum GitHTTPServerScript {
    public static let text = #"""
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
