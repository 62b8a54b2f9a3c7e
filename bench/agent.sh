#!/usr/bin/env bash
# What the agent costs, on this machine, against git daemon on 127.0.0.1:
#   1. a poll with nothing new (`agent once` when up to date): CPU time, and the bytes a git
#      host sends and receives (counted by a TCP proxy in front of the daemon), next to a plain
#      `git fetch` of the same repository;
#   2. a running `agent run`: its resident memory while idle, and CPU per poll;
#   3. the time from a push to the applied file, at a 1 s interval.
# Usage: bench/agent.sh [polls]     (PROVIDER_SYNC_BIN=path skips the release build)
# Figures go to stdout and bench/out/agent.json.
set -euo pipefail
cd "$(dirname "$0")/.."
polls=${1:-20}
scripts/install-packages.sh git python3 >/dev/null
source bench/release-binary.sh
mkdir -p bench/out
exec python3 - "$bin" "$polls" "$PWD/bench/tcp-count.py" "$PWD/bench/out/agent.json" <<'PY'
import json, os, random, re, shutil, signal, socket, statistics, subprocess, sys, tempfile, time
sys.path.insert(0, "bench")
import benchrepo
from benchrepo import free_port, spec

binary, polls, proxy_script, out_file = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
work = tempfile.mkdtemp(prefix="ps-bench-agent.")
home = f"{work}/home"
os.makedirs(home)
env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8",
       "XDG_CONFIG_HOME": f"{home}/.config", "XDG_STATE_HOME": f"{home}/.local/state",
       "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
       "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.com",
       "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.com"}
children = []


def run(*args, **kw):
    return subprocess.run(args, env=env, check=True, capture_output=True, text=True, **kw)


def start(*args, **kw):
    p = subprocess.Popen(args, env=env, stdin=subprocess.DEVNULL, start_new_session=True, **kw)
    children.append(p)
    return p



def wait_port(port):
    for _ in range(500):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.01)
    raise SystemExit(f"nothing listens on {port}")



def commit(marker):
    benchrepo.commit(run, f"{work}/work", marker)


def timed(*args):
    """(user + system CPU seconds, wall seconds) of one run of a command, from wait4's rusage."""
    start_time = time.monotonic()
    p = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.monotonic() - start_time
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        raise SystemExit(f"{args[0]} exited {p.returncode}")
    return usage.ru_utime + usage.ru_stime, wall


def counts():
    time.sleep(0.2)  # the proxy writes its totals when a connection closes
    with open(f"{work}/counts.json") as f:
        text = f.read().strip()
    return json.loads(text) if text else {"connections": 0, "up": 0, "down": 0}


def reset_counts():
    open(f"{work}/counts.json", "w").close()


def proc_stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / ticks
    with open(f"/proc/{pid}/status") as f:
        rss = int(re.search(r"VmRSS:\s+(\d+) kB", f.read()).group(1))
    return cpu, rss


try:
    # The team repository: 50 commits of a 20-provider spec, served by git daemon behind the counter.
    run("git", "init", "-q", "--bare", "-b", "main", f"{work}/served/team.git")
    run("git", "init", "-q", "-b", "main", f"{work}/work")
    run("git", "-C", f"{work}/work", "remote", "add", "origin", f"{work}/served/team.git")
    open(f"{work}/work/providers.yaml", "w").write(spec("v0"))
    run("git", "-C", f"{work}/work", "add", "-A")
    for i in range(50):
        commit(f"v{i}")
    daemon_port, proxy_port = free_port(), free_port()
    start("git", "daemon", "--export-all", "--reuseaddr", f"--base-path={work}/served", "--listen=127.0.0.1",
          f"--port={daemon_port}", f"{work}/served", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_port(daemon_port)
    start("python3", proxy_script, str(proxy_port), str(daemon_port), f"{work}/counts.json")
    wait_port(proxy_port)
    url = f"git://127.0.0.1:{proxy_port}/team.git"
    results = {"polls": polls, "repository": {"commits": 50, "refs": 1, "providers": 20}}

    # 1. A poll with nothing new.
    run(binary, "agent", "init", "--url", url, "--interval", "1s")
    reset_counts()
    run(binary, "agent", "once")
    results["agentFirstClone"] = counts()
    reset_counts()
    cpu = [timed(binary, "agent", "once") for _ in range(polls)]
    c = counts()
    results["agentIdlePoll"] = {
        "cpuSeconds": statistics.median(x[0] for x in cpu), "wallSeconds": statistics.median(x[1] for x in cpu),
        "connections": c["connections"] / polls, "bytesUp": c["up"] / polls, "bytesDown": c["down"] / polls}
    run("git", "clone", "-q", "--bare", url, f"{work}/plain.git")
    for name, extra in [("gitFetchIdle", []), ("gitFetchIdleProtocolV0", ["-c", "protocol.version=0"])]:
        reset_counts()
        cpu = [timed("git", *extra, "-C", f"{work}/plain.git", "fetch", "-q", "origin", "+refs/heads/*:refs/heads/*")
               for _ in range(polls)]
        c = counts()
        results[name] = {
            "cpuSeconds": statistics.median(x[0] for x in cpu), "wallSeconds": statistics.median(x[1] for x in cpu),
            "connections": c["connections"] / polls, "bytesUp": c["up"] / polls, "bytesDown": c["down"] / polls}

    # 2. agent run: memory while idle, CPU per poll (1 s interval).
    log_path = f"{work}/agent.log"
    agent = start(binary, "agent", "run", "--log-level", "debug", stdout=subprocess.DEVNULL, stderr=open(log_path, "w"))
    time.sleep(3)
    cpu0, rss0 = proc_stat(agent.pid)
    polls0 = open(log_path).read().count(" polled ")
    time.sleep(max(10, polls))
    cpu1, rss1 = proc_stat(agent.pid)
    polls1 = open(log_path).read().count(" polled ")
    results["agentRun"] = {"rssKiBAfter3s": rss0, "rssKiBLater": rss1, "polls": polls1 - polls0,
                           "cpuSecondsPerPoll": (cpu1 - cpu0) / max(1, polls1 - polls0)}

    # 3. From a push to the applied file (1 s interval: expect about half a second on average).
    # The default target, app, with no app folder here: the sidecar in Accomplish's folder.
    target = f"{home}/.config/Accomplish/opencode/opencode.jsonc"
    delays = []
    for i in range(20):
        marker = f"push-{i}"
        time.sleep(random.uniform(0.2, 1.2))  # pushes land at different points of the interval
        commit(marker)
        pushed = time.monotonic()
        while marker not in open(target).read():
            if time.monotonic() - pushed > 30:
                raise SystemExit("the push was not applied within 30 s")
            time.sleep(0.005)
        delays.append(time.monotonic() - pushed)
    fetched = [tuple(int(x) for x in m) for m in re.findall(r" fetched .*received=(\d+) .*sent=(\d+)", open(log_path).read())]
    results["agentFetchOfOneCommit"] = {"bytesDown": statistics.median(f[0] for f in fetched),
                                        "bytesUp": statistics.median(f[1] for f in fetched)} if fetched else None
    results["pushToApplied"] = {"seconds": delays, "median": statistics.median(delays), "max": max(delays),
                                "min": min(delays), "interval": 1}
    agent.send_signal(signal.SIGTERM)
    agent.wait(timeout=10)
finally:
    for p in children:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGTERM)
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
    shutil.rmtree(work, ignore_errors=True)

with open(out_file, "w") as f:
    json.dump(results, f, indent=2)
a, g, g0 = results["agentIdlePoll"], results["gitFetchIdle"], results["gitFetchIdleProtocolV0"]
r, p = results["agentRun"], results["pushToApplied"]
print(f"repository: 50 commits, 1 branch, a spec of 20 providers; {polls} polls each; git daemon on 127.0.0.1")
print(f"{'poll with nothing new':<34} {'CPU ms':>8} {'wall ms':>8} {'conn':>5} {'bytes up':>9} {'bytes down':>11}")
for label, x in [("agent once (ls-remote only)", a), ("git fetch (protocol v2)", g), ("git fetch (protocol v0)", g0)]:
    print(f"{label:<34} {x['cpuSeconds'] * 1000:8.1f} {x['wallSeconds'] * 1000:8.1f} {x['connections']:5.1f} "
          f"{x['bytesUp']:9.0f} {x['bytesDown']:11.0f}")
c = results["agentFirstClone"]
print(f"first clone by the agent: {c['connections']} connection(s), {c['up']} bytes up, {c['down']} bytes down")
print(f"agent run: RSS {r['rssKiBAfter3s'] / 1024:.1f} MiB after 3 s, {r['rssKiBLater'] / 1024:.1f} MiB after {r['polls']} more polls; "
      f"CPU {r['cpuSecondsPerPoll'] * 1000:.1f} ms per poll")
f = results["agentFetchOfOneCommit"]
if f:
    print(f"fetch of one new commit by agent run (GitSource's byte count): {f['bytesUp']:.0f} bytes up, {f['bytesDown']:.0f} bytes down")
print(f"push to applied file (1 s interval, 20 pushes): median {p['median']:.2f} s, min {p['min']:.2f} s, max {p['max']:.2f} s")
print(f"(figures in {out_file})")
PY
