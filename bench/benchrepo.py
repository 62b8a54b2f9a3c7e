"""What the agent benches share (bench/agent.sh, bench/fleet.sh import it; they run from the
checkout's top folder): the team repository's spec, a commit of a new version pushed, a free
port on 127.0.0.1."""
import socket


def spec(marker):
    """A 20-provider spec; `marker` makes each version differ."""
    lines = ["version: 1", "providers:"]
    for i in range(20):
        lines += [f"  server-{i:02}:", f"    name: Server {i} ({marker})", f"    url: http://localhost:{8000 + i}",
                  "    models:", f"      - id: model-{i}", "        context: 8192", "        output: 1024"]
    return "\n".join(lines + ["model: server-00/model-0", ""])


def commit(run, work, marker):
    """Writes version `marker` into the clone at `work`, commits and pushes it (`run` is the
    bench's own, with its environment)."""
    with open(f"{work}/providers.yaml", "w") as f:
        f.write(spec(marker))
    run("git", "-C", work, "commit", "-q", "-am", f"spec {marker}")
    run("git", "-C", work, "push", "-q", "origin", "HEAD:main")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
