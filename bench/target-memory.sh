#!/usr/bin/env bash
# Peak memory (maximum resident set, /usr/bin/time -v) of the commands that read a large
# opencode.json: a ~30 MiB file of hand-made providers (near the 32 MiB cap), JSONC. Goal: peak
# RSS within 4x the file's size, the process itself included. Usage: bench/target-memory.sh [MiB]
set -euo pipefail
cd "$(dirname "$0")/.."
mib=${1:-30}
out=$PWD/bench/out/target-memory
rm -rf "$out" && mkdir -p "$out/home"
source bench/release-binary.sh
python3 bench/gen-spec.py --providers 20 --models 3 --seed 3 > "$out/a.yaml"
python3 bench/gen-spec.py --providers 20 --models 3 --seed 5 > "$out/b.yaml"
# The target: hand-made providers with a few models each, as people and tools write them.
python3 - "$out/seed.json" "$mib" <<'PY'
import json, sys
target = int(sys.argv[2]) * 1024 * 1024
lines = ['{', '  // settings of this workstation, kept by hand', '  "theme": "opencode",', '  "provider": {']
size = sum(len(l) + 1 for l in lines)
i = 0
while size < target:
    body = json.dumps({"npm": "@ai-sdk/openai-compatible", "name": f"Hand-made {i}",
                       "options": {"baseURL": f"http://gpu-{i}.lan:8000/v1"},
                       "models": {f"model-{j}": {"name": f"Model {j}", "limit": {"context": 8192, "output": 1024}}
                                  for j in range(4)}}, indent=2)
    line = f'    "hand-{i}": ' + body.replace("\n", "\n    ") + ','
    lines.append(line)
    size += len(line) + 1
    i += 1
lines += ['    "last": {}', '  }', '}']
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
PY
cp "$out/seed.json" "$out/home/opencode.json"
export HOME=$out/home XDG_STATE_HOME=$out/home/state
target=$HOME/opencode.json
size=$(wc -c < "$target")
echo "target: $size bytes ($(( size / 1048576 )) MiB), $(grep -c '"hand-' "$target") hand-made providers"
peak() {  # label, command...: peak RSS in KiB and its ratio to the file
    local label=$1; shift
    /usr/bin/time -v "$@" > /dev/null 2> "$out/time" || { cat "$out/time"; exit 1; }
    local kb; kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/time")
    local wall; wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$out/time")
    awk -v l="$label" -v k="$kb" -v s="$size" -v w="$wall" 'BEGIN { printf "%-40s %7.1f MiB  %.2fx the file  (%s)\n", l, k / 1024, k * 1024 / s, w }'
}
peak "validate of a spec (the process alone)" "$bin" validate "$out/a.yaml"
peak "apply, 20 providers added" "$bin" apply "$out/a.yaml" --target "$target"
peak "apply again, nothing to do" "$bin" apply "$out/a.yaml" --target "$target"
peak "status" "$bin" status --target "$target"
peak "apply of another spec (20 out, 20 in)" "$bin" apply "$out/b.yaml" --target "$target"
peak "rollback" "$bin" rollback --target "$target"
echo "goal: every apply within 4x the file"
