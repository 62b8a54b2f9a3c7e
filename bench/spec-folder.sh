#!/usr/bin/env bash
# A spec folder of N one-provider files against one file with the same N providers (default
# 10,000), side by side: `validate` of each, and `agent once` after a changed commit in a
# repository holding each (the clone done before, so only the fetch of one commit, the read of
# the spec and the apply are timed). Goal: the folder within 2x of the single file.
# Medians of whole processes, wall and CPU (user + sys). Usage: bench/spec-folder.sh [providers] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
providers=${1:-10000}
runs=${2:-5}
out=$PWD/bench/out/spec-folder
rm -rf "$out" && mkdir -p "$out"
source bench/release-binary.sh

python3 - "$out" "$providers" <<'PY'
import os, sys
out, n = sys.argv[1], int(sys.argv[2])
def block(p, variant):
    return [f"  p{p:05d}:", f"    name: Provider {p} {variant}", f"    url: http://localhost:{8000 + p % 1000}",
            "    models:", "      - id: m1", "        name: Model 1", "        context: 8192", "        output: 1024"]
for kind in ("single", "folder"):
    os.makedirs(f"{out}/repo-{kind}/providers.d" if kind == "folder" else f"{out}/repo-{kind}")
whole = ["version: 1", "providers:"]
for p in range(n):
    whole += block(p, "a")
    with open(f"{out}/repo-folder/providers.d/p{p:05d}.yaml", "w") as f:
        f.write("\n".join(["version: 1", "providers:"] + block(p, "a")) + "\n")
with open(f"{out}/repo-single/providers.yaml", "w") as f:
    f.write("\n".join(whole) + "\n")
PY
git_() { git -c user.name=bench -c user.email=bench@example.com "$@"; }
for kind in single folder; do
    git_ -C "$out/repo-$kind" init -q -b main && git_ -C "$out/repo-$kind" add -A && git_ -C "$out/repo-$kind" commit -qm "$providers providers"
done
echo "$providers providers: one file of $(wc -c < "$out/repo-single/providers.yaml") bytes, or $(ls "$out/repo-folder/providers.d" | wc -l) files"

# One process: "wall cpu" in seconds (cpu = user + sys, from /usr/bin/time).
timed() { /usr/bin/time -f "%e %U %S" -o "$out/time" "$@" >/dev/null 2>&1; awk '{printf "%s %.3f\n", $1, $2 + $3}' "$out/time"; }
# A changed commit: one provider renamed (in the folder, one file changes).
change() {
    local kind=$1 round=$2
    if [ "$kind" = single ]; then
        sed -i "s/^    name: Provider 0 .*/    name: Provider 0 round $round/" "$out/repo-single/providers.yaml"
    else
        sed -i "s/^    name: Provider 0 .*/    name: Provider 0 round $round/" "$out/repo-folder/providers.d/p00000.yaml"
    fi
    git_ -C "$out/repo-$kind" commit -qam "round $round"
}
for kind in single folder; do
    path=providers.yaml; [ "$kind" = folder ] && path=providers.d
    mkdir -p "$out/ws-$kind/home"
    env HOME="$out/ws-$kind/home" XDG_CONFIG_HOME="$out/ws-$kind/config" XDG_STATE_HOME="$out/ws-$kind/state" \
        "$bin" agent init --url "file://$out/repo-$kind" --path "$path" --target "$out/ws-$kind/opencode.json" >/dev/null 2>&1
    env HOME="$out/ws-$kind/home" XDG_CONFIG_HOME="$out/ws-$kind/config" XDG_STATE_HOME="$out/ws-$kind/state" \
        "$bin" agent once >/dev/null 2>&1   # the clone and the first apply, not timed
done
: > "$out/validate-single"; : > "$out/validate-folder"; : > "$out/agent-single"; : > "$out/agent-folder"
for round in $(seq 1 "$runs"); do
    for kind in single folder; do  # interleaved, so a busy moment hits both alike
        spec="$out/repo-single/providers.yaml"; [ "$kind" = folder ] && spec="$out/repo-folder/providers.d"
        timed "$bin" validate "$spec" >> "$out/validate-$kind"
        change "$kind" "$round"
        timed env HOME="$out/ws-$kind/home" XDG_CONFIG_HOME="$out/ws-$kind/config" XDG_STATE_HOME="$out/ws-$kind/state" \
            "$bin" agent once >> "$out/agent-$kind"
    done
done
python3 - "$out" <<'PY'
import statistics, sys
out = sys.argv[1]
def medians(name):
    rows = [tuple(map(float, line.split())) for line in open(f"{out}/{name}") if line.strip()]
    return statistics.median(r[0] for r in rows) * 1000, statistics.median(r[1] for r in rows) * 1000
for what in ("validate", "agent"):
    (sw, sc), (fw, fc) = medians(f"{what}-single"), medians(f"{what}-folder")
    label = "validate" if what == "validate" else "agent once, changed commit"
    print(f"{label:28s} single file: {sw:7.0f} ms wall {sc:7.0f} ms cpu | folder: {fw:7.0f} ms wall {fc:7.0f} ms cpu"
          f" | folder / single: {fw / sw:.2f}x wall, {fc / sc:.2f}x cpu (goal <= 2)")
PY
