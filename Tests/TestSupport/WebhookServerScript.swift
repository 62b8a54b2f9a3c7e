/// A webhook receiver for the notification tests, on 127.0.0.1: every POST recorded as one JSON
/// line {path, headers, body, status}; the first FAIL requests answered 503; while the file
/// HOLD exists, a request waits before it is answered (a webhook that hangs).
///
///     python3 script PORT REQUEST_LOG FAIL [HOLD]
public enum WebhookServerScript {
    public static let text = #"""
    import json, os, sys, threading, time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    port, log_path, fail = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    hold = sys.argv[4] if len(sys.argv) > 4 else None
    lock = threading.Lock()
    seen = [0]

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
            with lock:
                seen[0] += 1
                status = 503 if seen[0] <= fail else 200
            while hold and os.path.exists(hold):
                time.sleep(0.02)
            record = {"path": self.path, "headers": {k: v for k, v in self.headers.items()}, "body": body, "status": status}
            with lock:
                with open(log_path, "a") as log:
                    log.write(json.dumps(record) + "\n")
            answer = b"ok" if status == 200 else b"busy"
            self.send_response(status)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
    """#
}
