#!/usr/bin/env bash
# How fast `agent run` puts the spec's providers back into the app's opencode.json after the
# app regenerates it (the app writes the file, then starts OpenCode, which reads it):
#   a writer rewrites <userData>/opencode/opencode.json the way the app does (open with
#   O_TRUNC, write, close: fs.writeFileSync) N times; after each write it watches the file
#   until provider-sync's rename replaces it (a new inode), and takes the time from the end of
#   its write to that moment. Also the agent's own figure per re-merge (its log's ms=, from the
#   file's modification time to the rename).
# Usage: bench/app-watch.sh [rewrites]   (default 250; PROVIDER_SYNC_BIN=path skips the release build;
#        BENCH_TMP=folder puts the files there, default a folder under /var/tmp, on disk)
# Figures go to stdout and bench/out/app-watch.json.
set -euo pipefail
cd "$(dirname "$0")/.."
rewrites=${1:-250}
scripts/install-packages.sh git python3 >/dev/null
source bench/release-binary.sh
mkdir -p bench/out
exec python3 - "$bin" "$rewrites" "$PWD/bench/out/app-watch.json" "${BENCH_TMP:-/var/tmp}" <<'PY'
import json, os, re, shutil, signal, statistics, subprocess, sys, tempfile, time

binary, rewrites, out_file, tmp = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
work = tempfile.mkdtemp(prefix="ps-bench-app-watch.", dir=tmp)
home = f"{work}/home"
os.makedirs(home)
env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8",
       "XDG_CONFIG_HOME": f"{home}/.config", "XDG_STATE_HOME": f"{home}/.local/state", "XDG_DATA_HOME": f"{home}/.local/share",
       "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
       "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.com",
       "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.com"}
agent = None


def run(*args):
    return subprocess.run(args, env=env, check=True, capture_output=True, text=True)


def app_config(task):
    """What accomplish-ai/accomplish's config-generator.ts writes before a task (JSON.stringify(c, null, 2))."""
    return json.dumps({
        "$schema": "https://opencode.ai/config.json", "default_agent": "accomplish",
        "enabled_providers": ["anthropic", "openai", "openrouter", "google", "xai", "deepseek", "moonshot",
                              "zai-coding-plan", "amazon-bedrock", "minimax", "venice", "custom"],
        "permission": {"*": "allow", "todowrite": "allow"},
        "provider": {"custom": {"npm": "@ai-sdk/openai-compatible", "name": "Custom Endpoint",
                                "options": {"baseURL": "http://localhost:1234/v1"}, "models": {"m": {"name": "m"}}}},
        "plugin": ["@tarquinen/opencode-dcp@^1.2.7"],
        "agent": {"accomplish": {"description": "Browser automation assistant using dev-browser",
                                 "prompt": f"You are Accomplish (task {task}).", "mode": "primary"}},
        "mcp": {}}, indent=2)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


try:
    repo = f"{work}/team.git"
    run("git", "init", "-q", "--bare", "-b", "main", repo)
    clone = f"{work}/clone"
    run("git", "init", "-q", "-b", "main", clone)
    spec = "version: 1\nproviders:\n" + "".join(
        f"  team-{i}:\n    name: Team {i}\n    url: http://gpu{i}:8000\n    apiKey: {{ env: TEAM_{i}_KEY }}\n    models: [m-{i}]\n"
        for i in range(5)) + "model: team-0/m-0\n"
    with open(f"{clone}/providers.yaml", "w") as f:
        f.write(spec)
    run("git", "-C", clone, "add", "-A")
    run("git", "-C", clone, "commit", "-q", "-m", "spec")
    run("git", "-C", clone, "push", "-q", repo, "HEAD:main")

    app_file = f"{home}/.config/Accomplish/opencode/opencode.json"
    os.makedirs(os.path.dirname(app_file))
    with open(app_file, "w") as f:
        f.write(app_config("start"))
    run(binary, "agent", "init", "--url", f"file://{repo}", "--interval", "1h")
    log_path = f"{work}/agent.log"
    log = open(log_path, "w")
    agent = subprocess.Popen([binary, "agent", "run"], env=env, stdin=subprocess.DEVNULL, stderr=log, start_new_session=True)
    deadline = time.time() + 30
    while "team-0" not in open(app_file).read():
        if time.time() > deadline:
            raise SystemExit("the agent never applied:\n" + open(log_path).read())
        time.sleep(0.05)

    delays, missed = [], 0
    for task in range(rewrites):
        text = app_config(task).encode()
        fd = os.open(app_file, os.O_WRONLY | os.O_TRUNC)  # fs.writeFileSync: in place
        inode = os.fstat(fd).st_ino
        os.write(fd, text)
        os.close(fd)
        written = time.perf_counter()
        end = written + 5
        while True:
            try:
                if os.stat(app_file).st_ino != inode:
                    delays.append((time.perf_counter() - written) * 1000)
                    break
            except FileNotFoundError:
                pass
            if time.perf_counter() > end:
                missed += 1
                break
        time.sleep(0.02)  # the app does not start tasks back to back

    agent.send_signal(signal.SIGTERM)
    agent.wait(timeout=20)
    log.close()
    own = [float(m.group(1)) for m in re.finditer(r"app-file-remerged .*?ms=([0-9.]+)", open(log_path).read())]
    with open(app_file) as f:
        final = json.load(f)
    assert "team-0" in final["provider"] and "custom" in final["provider"], final
    result = {
        "rewrites": rewrites, "missed": missed, "folder": work,
        "observed_ms": {"p50": round(percentile(delays, 50), 2), "p99": round(percentile(delays, 99), 2),
                        "max": round(max(delays), 2), "mean": round(statistics.mean(delays), 2)},
        "agent_ms": {"count": len(own), "p50": round(percentile(own, 50), 2), "p99": round(percentile(own, 99), 2)} if own else None,
    }
    print(f"app rewrites: {rewrites}, not merged back within 5 s: {missed}")
    print(f"from the app's write to provider-sync's rename, seen by the writer: "
          f"p50 {result['observed_ms']['p50']} ms, p99 {result['observed_ms']['p99']} ms, max {result['observed_ms']['max']} ms")
    if own:
        print(f"the agent's own figure (file mtime to rename), {len(own)} re-merges: "
              f"p50 {result['agent_ms']['p50']} ms, p99 {result['agent_ms']['p99']} ms")
    with open(out_file, "w") as f:
        json.dump(result, f, indent=2)
finally:
    if agent and agent.poll() is None:
        os.killpg(agent.pid, signal.SIGKILL)
        agent.wait()
    shutil.rmtree(work, ignore_errors=True)
PY
