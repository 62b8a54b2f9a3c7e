#!/usr/bin/env python3
"""Runs a test server until the test process that started this one goes away.

    serve.py READY_FILE HEALTH_URL -- COMMAND...

Starts COMMAND, polls HEALTH_URL until it answers 2xx, then writes "ready" to READY_FILE
("failed: why" if COMMAND exits first or 120 s pass). When the parent process dies (killed or
crashed tests) or on SIGTERM, stops COMMAND: SIGTERM, then SIGKILL after 3 s.
"""
import os
import signal
import subprocess
import sys
import time
import urllib.request

ready_file, health = sys.argv[1], sys.argv[2]
command = sys.argv[sys.argv.index("--") + 1:]
parent = os.getppid()
server = subprocess.Popen(command)


def report(text):
    with open(ready_file + ".tmp", "w") as f:
        f.write(text + "\n")
    os.rename(ready_file + ".tmp", ready_file)


def stop(*_):
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(3)
        except subprocess.TimeoutExpired:
            server.kill()
    sys.exit(0)


def healthy():
    try:
        with urllib.request.urlopen(health, timeout=2) as answer:
            return 200 <= answer.status < 300
    except Exception:
        return False


signal.signal(signal.SIGTERM, stop)
deadline = time.monotonic() + 120
while not healthy():
    if server.poll() is not None:
        report(f"failed: the server exited with {server.returncode}")
        sys.exit(1)
    if time.monotonic() > deadline:
        report("failed: not healthy within 120 s")
        stop()
    time.sleep(0.3)
report("ready")
while server.poll() is None and os.getppid() == parent:
    time.sleep(0.5)
stop()
