#!/usr/bin/env bash
# What a fleet of agents costs the git SERVER (not run by CI): a few real `agent run` processes,
# each with its own HOME, follow one repository at a short interval, served by `git daemon` and
# by smart HTTP (nginx -> fcgiwrap -> git http-backend), each on 127.0.0.1 behind a byte-counting
# TCP proxy. Measured per server:
#   - the server's CPU per idle poll: the server processes' own CPU time, not the machine's,
#     which a crowd of agents on 2 cores would fill with contention: from /proc/PID/stat, git
#     daemon's utime + stime + its reaped children's cutime + cstime (upload-pack); nginx's and
#     fcgiwrap's utime + stime, and each git-http-backend's (with its upload-pack) as `times`
#     reports it in the wrapper fcgiwrap runs (fcgiwrap does not leave it in cutime);
#   - the bytes and connections per idle poll (the proxy's count);
#   - the time from a push until every agent has applied it;
#   - the same CPU and bytes for a plain `git fetch` poll loop of as many clients.
# Usage: bench/fleet.sh [agents] [seconds]   (defaults 4 and 20; PROVIDER_SYNC_BIN=path skips the
# release build). Figures go to stdout and bench/out/fleet.json.
set -euo pipefail
cd "$(dirname "$0")/.."
agents=${1:-4}
seconds=${2:-20}
scripts/install-packages.sh git python3 nginx fcgiwrap >/dev/null
source bench/release-binary.sh
mkdir -p bench/out
exec python3 - "$bin" "$agents" "$seconds" "$PWD/bench/tcp-count.py" "$PWD/bench/out/fleet.json" <<'PY'
import json, math, os, shutil, signal, socket, statistics, subprocess, sys, tempfile, threading, time
sys.path.insert(0, "bench")
import benchrepo
from benchrepo import free_port, spec

binary, agents, seconds, proxy_script, out_file = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
work = tempfile.mkdtemp(prefix="ps-bench-fleet.")
base_env = {"PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", "LANG": "C.UTF-8",
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
            "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.com",
            "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.com"}
children = []


def run(*args, env=None, **kw):
    return subprocess.run(args, env=env or base_env, check=True, capture_output=True, text=True, **kw)


def start(*args, env=None, **kw):
    kw.setdefault("stdout", subprocess.DEVNULL)
    kw.setdefault("stderr", subprocess.DEVNULL)
    p = subprocess.Popen(args, env=env or base_env, stdin=subprocess.DEVNULL, start_new_session=True, **kw)
    children.append(p)
    return p


def stop(p):
    if p.poll() is None:
        os.killpg(p.pid, signal.SIGTERM)
        try:
            p.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()



def wait_for(what, condition, timeout=30):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"{what} did not happen within {timeout} s")
        time.sleep(0.01)


def listening(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        return True
    except OSError:
        return False



def commit(marker):
    benchrepo.commit(run, f"{work}/work", marker)


TICKS = os.sysconf("SC_CLK_TCK")


def cpu_of(pids, reaped=True):
    """CPU seconds of these processes (utime stime) and of the children they reaped (cutime cstime)."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += sum(int(fields[i]) for i in ((11, 12, 13, 14) if reaped else (11, 12)))
    return total / TICKS


def cgi_cpu(folder):
    """The CPU seconds the CGI wrapper recorded, one file per request: bash's `times`, whose
    second line is its children's user and system time (git-http-backend and upload-pack)."""
    total = 0.0
    for name in os.listdir(folder):
        with open(f"{folder}/{name}") as f:
            lines = f.read().split("\n")
        for field in lines[1].split():
            minutes, secs = field.rstrip("s").split("m")
            total += 60 * int(minutes) + float(secs)
    return total


def descendants(root):
    """root and every process below it, now."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parents[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except (FileNotFoundError, ProcessLookupError):
                pass
    found, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in found:
                found.add(child)
                frontier.append(child)
    return found


def counts(path):
    time.sleep(0.3)  # the proxy writes its totals when a connection closes
    with open(path) as f:
        text = f.read().strip()
    return json.loads(text) if text else {"connections": 0, "up": 0, "down": 0}


class Server:
    """A server's long-lived processes (their reaped children count in cutime) behind a counting proxy."""

    def __init__(self, name, roots, port, cgi_times=None):
        self.name, self.roots, self.cgi_times = name, roots, cgi_times
        self.counts = f"{work}/counts-{name}.json"
        open(self.counts, "w").close()
        self.proxy_port = free_port()
        start("python3", proxy_script, str(self.proxy_port), str(port), self.counts)
        wait_for(f"the {name} proxy", lambda: listening(self.proxy_port))

    def pids(self):
        return set().union(*(descendants(p.pid) for p in self.roots))

    def cpu(self):
        if self.cgi_times is None:
            return cpu_of(self.pids())
        return cpu_of(self.pids(), reaped=False) + cgi_cpu(self.cgi_times)

    def snapshot(self):
        open(self.counts, "w").close()
        return self.cpu()

    def since(self, cpu_before):
        time.sleep(1)  # children that were running get reaped
        return self.cpu() - cpu_before, counts(self.counts)


def git_daemon():
    port = free_port()
    daemon = start("git", "daemon", "--export-all", "--reuseaddr", f"--base-path={work}/served", "--listen=127.0.0.1",
                   f"--port={port}", f"{work}/served")
    wait_for("git daemon", lambda: listening(port))
    server = Server("git-daemon", [daemon], port)
    return server, f"git://127.0.0.1:{server.proxy_port}/team.git"


def smart_http():
    folder = f"{work}/nginx"
    os.makedirs(folder)
    sock = f"{folder}/fcgiwrap.sock"
    times = f"{folder}/cgi-times"
    os.makedirs(times)
    wrapper = f"{folder}/git-http-backend.sh"
    with open(wrapper, "w") as f:
        f.write(f"#!/bin/bash\n/usr/lib/git-core/git-http-backend\nstatus=$?\ntimes > {times}/$$-$RANDOM\nexit $status\n")
    os.chmod(wrapper, 0o755)
    fcgi = start("fcgiwrap", "-c", "2", "-s", f"unix:{sock}")
    wait_for("fcgiwrap", lambda: os.path.exists(sock))
    port = free_port()
    temp = " ".join(f"{t}_temp_path {folder}/{t};" for t in ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"])
    user = "user root root;" if os.geteuid() == 0 else ""
    with open(f"{folder}/nginx.conf", "w") as f:
        f.write(f"""{user}
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 256; }}
http {{
  access_log off;
  {temp}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      fastcgi_pass unix:{sock};
      fastcgi_param SCRIPT_FILENAME {wrapper};
      fastcgi_param GIT_PROJECT_ROOT {work}/served;
      fastcgi_param GIT_HTTP_EXPORT_ALL "";
      fastcgi_param PATH_INFO $uri;
      fastcgi_param QUERY_STRING $query_string;
      fastcgi_param REQUEST_METHOD $request_method;
      fastcgi_param CONTENT_TYPE $content_type;
      fastcgi_param CONTENT_LENGTH $content_length;
      fastcgi_param REMOTE_ADDR $remote_addr;
      fastcgi_param GIT_PROTOCOL $http_git_protocol;
      fastcgi_param HTTP_CONTENT_ENCODING $http_content_encoding;
    }}
  }}
}}
""")
    nginx = start("nginx", "-p", folder, "-c", f"{folder}/nginx.conf", "-e", f"{folder}/error.log")
    wait_for("nginx", lambda: listening(port))
    server = Server("smart-http", [nginx, fcgi], port, cgi_times=times)
    return server, f"http://127.0.0.1:{server.proxy_port}/team.git"


def measure(server, url, n, seconds):
    """n agents polling every second, then n plain `git fetch` loops, against one server."""
    result = {}
    homes, procs = [], []
    for i in range(n):
        home = f"{work}/{server.name}-ws{i}"
        env = dict(base_env, HOME=home, XDG_CONFIG_HOME=f"{home}/.config", XDG_STATE_HOME=f"{home}/.local/state")
        os.makedirs(home)
        run(binary, "agent", "init", "--url", url, "--interval", "1s", env=env)
        procs.append(start(binary, "agent", "run", "--log-level", "debug", env=env, stderr=open(f"{home}/agent.log", "w")))
        homes.append(home)
    # The default target, app, with no app folder here: the sidecar in Accomplish's folder.
    targets = [f"{h}/.config/Accomplish/opencode/opencode.jsonc" for h in homes]
    logs = [f"{h}/agent.log" for h in homes]
    polled = lambda: sum(open(p).read().count(" polled ") for p in logs)
    wait_for("every agent's first apply", lambda: all(os.path.exists(t) for t in targets), timeout=60)
    time.sleep(2)

    # Idle polls.
    cpu0, polls0 = server.snapshot(), polled()
    time.sleep(seconds)
    polls1 = polled()
    cpu, c = server.since(cpu0)
    polls = polls1 - polls0
    result["agentIdlePoll"] = {"polls": polls, "serverCpuMs": 1000 * cpu / polls, "connections": c["connections"] / polls,
                               "bytesUp": c["up"] / polls, "bytesDown": c["down"] / polls}

    # From a push to every agent applied (1 s interval: about one interval plus the fetch).
    delays = []
    for i in range(5):
        marker = f"{server.name}-push-{i}"
        commit(marker)
        pushed = time.monotonic()
        wait_for(f"{marker} applied everywhere", lambda: all(marker in open(t).read() for t in targets))
        delays.append(time.monotonic() - pushed)
        time.sleep(0.5)
    result["pushToAllApplied"] = {"seconds": delays, "median": statistics.median(delays), "max": max(delays), "interval": 1}
    for p in procs:
        stop(p)

    # The same number of plain `git fetch` loops, one fetch a second each.
    clones = []
    for i in range(n):
        clone = f"{work}/{server.name}-plain{i}.git"
        run("git", "clone", "-q", "--bare", url, clone)
        clones.append(clone)
    fetches = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def loop(clone):
        while time.monotonic() < stop_at:
            began = time.monotonic()
            subprocess.run(["git", "-C", clone, "fetch", "-q", "origin", "+refs/heads/*:refs/heads/*"], env=base_env,
                           check=True, capture_output=True)
            with lock:
                fetches[0] += 1
            time.sleep(max(0, 1 - (time.monotonic() - began)))

    time.sleep(1)
    cpu0 = server.snapshot()
    threads = [threading.Thread(target=loop, args=(c,)) for c in clones]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    cpu, c = server.since(cpu0)
    result["gitFetchIdlePoll"] = {"polls": fetches[0], "serverCpuMs": 1000 * cpu / fetches[0],
                                  "connections": c["connections"] / fetches[0], "bytesUp": c["up"] / fetches[0],
                                  "bytesDown": c["down"] / fetches[0]}
    return result


def fleet(cpu_ms, workstations=10_000, interval=300):
    """Server cores for a fleet: the average, and the peak with jitter (the worst second of a
    Poisson arrival at the average rate, mean + 4 sigma) and without (every agent polls in the
    same second, as a fleet started together would for ever without jitter)."""
    rate = workstations / interval
    return {"pollsPerSecond": rate, "coresAverage": rate * cpu_ms / 1000,
            "coresPeakWithJitter": (rate + 4 * math.sqrt(rate)) * cpu_ms / 1000,
            "coresPeakWithoutJitter": workstations * cpu_ms / 1000}


try:
    run("git", "init", "-q", "--bare", "-b", "main", f"{work}/served/team.git")
    run("git", "-C", f"{work}/served/team.git", "config", "http.receivepack", "false")
    run("git", "init", "-q", "-b", "main", f"{work}/work")
    run("git", "-C", f"{work}/work", "remote", "add", "origin", f"{work}/served/team.git")
    with open(f"{work}/work/providers.yaml", "w") as f:
        f.write(spec("v0"))
    run("git", "-C", f"{work}/work", "add", "-A")
    for i in range(50):
        commit(f"v{i}")
    results = {"agents": agents, "seconds": seconds, "interval": 1,
               "repository": {"commits": 50, "refs": 1, "providers": 20}, "servers": {}}
    for make in (git_daemon, smart_http):
        server, url = make()
        results["servers"][server.name] = measure(server, url, agents, seconds)
        results["servers"][server.name]["fleet10k"] = {
            "agent": fleet(results["servers"][server.name]["agentIdlePoll"]["serverCpuMs"]),
            "gitFetch": fleet(results["servers"][server.name]["gitFetchIdlePoll"]["serverCpuMs"])}
        for p in server.roots:
            stop(p)
finally:
    for p in children:
        stop(p)
    shutil.rmtree(work, ignore_errors=True)

with open(out_file, "w") as f:
    json.dump(results, f, indent=2)
print(f"{agents} agents and {agents} git fetch loops, 1 s interval, {seconds} s each; repository of 50 commits, 1 branch, 20 providers")
print(f"{'server / client':<28} {'polls':>6} {'server CPU ms/poll':>19} {'conn':>5} {'bytes up':>9} {'bytes down':>11}")
for name, r in results["servers"].items():
    for label, key in [("agent", "agentIdlePoll"), ("git fetch", "gitFetchIdlePoll")]:
        x = r[key]
        print(f"{name + ' / ' + label:<28} {x['polls']:>6} {x['serverCpuMs']:19.2f} {x['connections']:5.1f} "
              f"{x['bytesUp']:9.0f} {x['bytesDown']:11.0f}")
    p = r["pushToAllApplied"]
    print(f"{name}: push to all {agents} applied: median {p['median']:.2f} s, max {p['max']:.2f} s")
    for label, key in [("agent", "agent"), ("git fetch", "gitFetch")]:
        f = r["fleet10k"][key]
        print(f"  10,000 x {label} at 5 min: {f['pollsPerSecond']:.0f} polls/s, server cores: average {f['coresAverage']:.2f}, "
              f"peak with jitter {f['coresPeakWithJitter']:.2f}, all in one second without jitter {f['coresPeakWithoutJitter']:.0f}")
PY
