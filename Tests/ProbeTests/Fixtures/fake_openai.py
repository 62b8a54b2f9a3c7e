#!/usr/bin/env python3
"""A small OpenAI-compatible server for the probe tests (stdlib only).

    fake_openai.py [--mode normal|buffered|html|silent|trickle|flood|redirect-loop] [--key KEY]
                   [--models a,b] [--no-tools] [--no-listing] [--chunk-delay S] [--tls CERT KEY]
                   [--drop-reused] [--echo-partial] [--echo-combining] [--hostile] [--redirect-to BASE]
                   [--require-query NAME=VALUE]

Prints "PORT <n>" on stdout once it listens on 127.0.0.1 (port 0: a free one).
Modes: normal streams each SSE chunk as it is made; buffered makes them at the same pace but
sends them all at the end (what nginx with proxy_buffering on does); html answers every path
with a web page; silent accepts connections and never answers; trickle answers 200 and sends a
byte of body every 50 ms, never ending it; flood sends 64 KiB pieces of body without end;
redirect-loop answers every request with a 302 to itself.
--echo-partial: a refused key is echoed shortened, as "sk-LEAKC...3456".
--echo-combining: a refused key is echoed followed by a combining mark (U+0301).
--require-query: requests without this query parameter get a 400.
--hostile: terminal escape codes and line breaks in model ids and error messages.
--redirect-to BASE: every request is answered 307 to BASE + its path (another origin).
"""
import argparse
import json
import signal
import socket
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

args = None
# The window title, red text, a clear screen, and a line that GitHub Actions would read as an
# annotation: none of it may reach a terminal raw.
HOSTILE_TEXT = "evil\x1b]0;pwned-title\x07\x1b[31mred\x1b[2J\r\n::error::fake annotation\u009b31m"


def chunk_event(model, delta, finish=None):
    return "data: " + json.dumps({
        "id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 0, "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }) + "\n\n"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def send_json(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def html(self):
        data = b"<!DOCTYPE html><html><head><title>Chat UI</title></head><body>Sign in</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def authorized(self):
        if not args.key:
            return True
        sent = self.headers.get("Authorization", "")
        if sent == "Bearer " + args.key:
            return True
        # Like some servers, echo what was sent: the probe must still never print it.
        echoed = sent.replace("Bearer ", "")
        if args.echo_partial:
            echoed = echoed[:8] + "..." + echoed[-4:]
        if args.echo_combining:
            echoed += "\u0301"
        self.send_json(401, {"error": {"message": "Incorrect API key provided: %s" % echoed,
                                       "type": "invalid_request_error", "code": "invalid_api_key"}})
        return False

    def special(self):
        """The modes that answer every request the same way; True when one did."""
        if args.require_query and args.require_query not in self.path.partition("?")[2].split("&"):
            self.send_json(400, {"error": {"message": "missing query parameter " + args.require_query}})
            return True
        if args.redirect_to:
            self.send_response(307)
            self.send_header("Location", args.redirect_to + self.path)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return True
        if args.mode == "redirect-loop":
            self.send_response(302)
            self.send_header("Location", self.path)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return True
        if args.mode in ("trickle", "flood"):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            piece = b"[" if args.mode == "trickle" else b" " * 65536
            try:
                while True:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                    self.wfile.flush()
                    if args.mode == "trickle":
                        time.sleep(0.05)
            except OSError:
                return True
        return False

    def do_GET(self):
        if self.special():
            return
        if args.mode == "html":
            return self.html()
        if not self.authorized():
            return
        if self.path.partition("?")[0].rstrip("/") == "/v1/models" and not args.no_listing:
            return self.send_json(200, {"object": "list", "data": [
                {"id": m, "object": "model", "owned_by": "fake"} for m in args.models]})
        self.send_json(404, {"error": {"message": "Not found: " + self.path}})

    def handle_one_request(self):
        # --drop-reused: like llama-server after a stream, the connection looks kept alive but
        # the next request on it is never answered; the connection just closes.
        if args.drop_reused and getattr(self, "served", False):
            self.rfile.readline()
            self.close_connection = True
            return
        super().handle_one_request()
        self.served = True

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length)
        if self.special():
            return
        if args.mode == "html":
            return self.html()
        if not self.authorized():
            return
        if self.path.partition("?")[0].rstrip("/") != "/v1/chat/completions":
            return self.send_json(404, {"error": {"message": "Not found: " + self.path}})
        request = json.loads(raw or b"{}")
        model = request.get("model", "")
        if args.hostile:
            return self.send_json(400, {"error": {"message": HOSTILE_TEXT}})
        if model not in args.models:
            return self.send_json(404, {"error": {"message": "The model `%s` does not exist" % model,
                                                  "code": "model_not_found"}})
        wants_tool = bool(request.get("tools")) and not args.no_tools
        if request.get("stream"):
            return self.stream(model, wants_tool)
        if wants_tool:
            message = {"role": "assistant", "content": None, "tool_calls": [{
                "id": "call_1", "type": "function",
                "function": {"name": request["tools"][0]["function"]["name"], "arguments": "{\"city\": \"Paris\"}"}}]}
            finish = "tool_calls"
        else:
            message = {"role": "assistant", "content": "ok"}
            finish = "stop"
        self.send_json(200, {"id": "chatcmpl-fake", "object": "chat.completion", "created": 0, "model": model,
                             "choices": [{"index": 0, "message": message, "finish_reason": finish}],
                             "usage": {"prompt_tokens": 5, "completion_tokens": 1, "total_tokens": 6}})

    def stream(self, model, wants_tool):
        if wants_tool:
            events = [chunk_event(model, {"role": "assistant", "tool_calls": [{
                "index": 0, "id": "call_1", "type": "function",
                "function": {"name": "get_weather", "arguments": ""}}]}),
                chunk_event(model, {"tool_calls": [{"index": 0, "function": {"arguments": "{\"city\": "}}]}),
                chunk_event(model, {"tool_calls": [{"index": 0, "function": {"arguments": "\"Paris\"}"}}]}),
                chunk_event(model, {}, "tool_calls")]
        else:
            events = [chunk_event(model, {"role": "assistant", "content": ""})]
            events += [chunk_event(model, {"content": "%d " % i}) for i in range(1, 6)]
            events.append(chunk_event(model, {}, "stop"))
        events.append("data: [DONE]\n\n")
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        held = []
        for event in events:
            time.sleep(args.chunk_delay)
            data = event.encode()
            piece = b"%x\r\n%s\r\n" % (len(data), data)
            if args.mode == "buffered":
                held.append(piece)
            else:
                self.wfile.write(piece)
                self.wfile.flush()
        self.wfile.write(b"".join(held) + b"0\r\n\r\n")
        self.wfile.flush()


def silent(listener):
    held = []
    while True:
        conn, _ = listener.accept()
        held.append(conn)  # never read, never answered, never closed


def main():
    global args
    # A parent may have blocked SIGTERM (Swift's Process inherits the mask of NIO threads).
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--mode", default="normal",
                        choices=["normal", "buffered", "html", "silent", "trickle", "flood", "redirect-loop"])
    parser.add_argument("--key")
    parser.add_argument("--models", default="fake-small,fake-large")
    parser.add_argument("--no-tools", action="store_true")
    parser.add_argument("--no-listing", action="store_true")
    parser.add_argument("--chunk-delay", type=float, default=0.06)
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--drop-reused", action="store_true")
    parser.add_argument("--echo-partial", action="store_true")
    parser.add_argument("--hostile", action="store_true")
    parser.add_argument("--redirect-to")
    parser.add_argument("--echo-combining", action="store_true")
    parser.add_argument("--require-query")
    args = parser.parse_args()
    args.models = [m for m in args.models.split(",") if m]
    if args.hostile:
        args.models = args.models + [HOSTILE_TEXT]

    if args.mode == "silent":
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", args.port))
        listener.listen(64)
        print("PORT %d" % listener.getsockname()[1], flush=True)
        silent(listener)
        return
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.handle_error = lambda request, address: None  # resets and refused handshakes are expected
    if args.tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.tls[0], args.tls[1])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
