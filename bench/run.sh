#!/usr/bin/env bash
# Benchmarks provider-sync validate against check-jsonschema (what teams run in pre-commit
# today) side by side in one run, plus libyaml's bare event parse as the floor.
# Usage: bench/run.sh [runs]   (figures go to stdout and bench/out/results.json)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
out=bench/out
mkdir -p "$out"

scripts/install-packages.sh libyaml-dev gcc python3-venv >/dev/null
if [ ! -x "$out/venv/bin/check-jsonschema" ]; then
  python3 -m venv "$out/venv"
  "$out/venv/bin/pip" install --quiet check-jsonschema
fi
# The release binary as shipped: Swift runtime and Foundation linked in statically (about
# 6 ms less start-up per call, and a lower memory floor; see README).
swift build -c release --static-swift-stdlib --product provider-sync --scratch-path .build-static 2>&1 | grep -v 'pthread' | tail -1
gcc -O2 -o "$out/libyaml-floor" bench/libyaml-floor.c $(pkg-config --cflags --libs yaml-0.1)

# Inputs: one guide example; 200 spec files; one spec of 5,000 providers x 5 models.
rm -rf "$out/many" && mkdir -p "$out/many"
for i in $(seq -w 1 200); do
  python3 bench/gen-spec.py --providers 3 --models 2 --seed "$i" > "$out/many/spec-$i.yaml"
done
[ -f "$out/large.yaml" ] || python3 bench/gen-spec.py --providers 5000 --models 5 > "$out/large.yaml"

python3 bench/compare.py --runs "$runs" --out "$out/results.json" \
  --provider-sync .build-static/release/provider-sync \
  --check-jsonschema "$out/venv/bin/check-jsonschema" \
  --floor "$out/libyaml-floor" \
  --schema schemas/provider-spec.schema.json \
  --one examples/vllm-local.yaml --many "$out/many" --large "$out/large.yaml"
