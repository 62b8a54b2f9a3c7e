#!/usr/bin/env bash
# Apply of a 100-provider spec into a 50 KB JSONC opencode.json, and the no-op apply against a
# validate of the same spec (target: no-op apply <= 1.5x validate). Median wall time of whole
# processes. Usage: bench/apply.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-21}
out=bench/out/apply
rm -rf "$out" && mkdir -p "$out/home"
source bench/release-binary.sh
python3 bench/gen-spec.py --providers 100 --models 3 --seed 7 > "$out/spec.yaml"
# A hand-kept JSONC file of about 50 KB: comments, settings that are not ours, hand-made providers.
python3 - "$out/home/opencode.json" <<'PY'
import json, sys
lines = ['{', '  // settings of this workstation, kept by hand', '  "theme": "opencode",', '  "autoupdate": false,', '  "provider": {']
i = 0
while sum(len(l) + 1 for l in lines) < 50_000:
    body = json.dumps({"npm": "@ai-sdk/openai-compatible", "name": f"Hand-made {i}",
                       "options": {"baseURL": f"http://gpu-{i}.lan:8000/v1"},
                       "models": {f"model-{j}": {"name": f"Model {j}"} for j in range(4)}}, indent=2)
    lines.append(f'    // added by hand on a Friday ({i})')
    lines.append(f'    "hand-{i}": ' + body.replace("\n", "\n    ") + ',')
    i += 1
lines += ['  },', '  "mcp": {},', '}']
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
PY
export HOME=$PWD/$out/home XDG_STATE_HOME=$PWD/$out/home/state
target=$HOME/opencode.json
echo "target: $(wc -c < "$target") bytes; spec: $(grep -c '^  [a-z0-9]*:$' "$out/spec.yaml") providers"
python3 - "$bin" "$out/spec.yaml" "$target" "$runs" <<'PY'
import shutil, statistics, subprocess, sys, time
bin, spec, target, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
original = open(target).read()
def timed(args, before=None):
    walls = []
    for _ in range(runs):
        if before: before()
        start = time.perf_counter()
        subprocess.run([bin] + args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - start)
    return statistics.median(walls) * 1000
def reset():
    open(target, "w").write(original)
    shutil.rmtree(sys.argv[3].rsplit("/", 1)[0] + "/state", ignore_errors=True)
first = timed(["apply", spec, "--target", target], before=reset)
subprocess.run([bin, "apply", spec, "--target", target], check=True, stdout=subprocess.DEVNULL)
noop = timed(["apply", spec, "--target", target])
validate = timed(["validate", spec])
print(f"apply into the 50 KB file: {first:.1f} ms; no-op apply: {noop:.1f} ms; validate: {validate:.1f} ms; "
      f"no-op / validate = {noop / validate:.2f} (target <= 1.5)")
PY
