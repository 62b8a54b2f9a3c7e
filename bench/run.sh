#!/usr/bin/env bash
# Benchmarks provider-sync validate against check-jsonschema (what teams run in pre-commit
# today) side by side in one run, plus libyaml's bare event parse as the floor; and start-up
# against a static Swift program with Foundation that does nothing (bench/floor.swift).
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
# The release binaries as shipped (make release: Swift runtime and FoundationEssentials linked
# in statically; see README), and the start-up floor built the same way in the same run.
scripts/build-release.sh 2>&1 | grep -E '^(error|Build)' || true
# scripts/build-release.sh's compiler flags, as swiftc spells them.
release_flags=(-O -static-stdlib -gline-tables-only -Xfrontend -disable-concrete-type-metadata-mangled-name-accessors)
swiftc "${release_flags[@]}" bench/floor.swift -o "$out/swift-foundation-floor" 2>&1 | grep -v 'mktemp' || true
# ArgumentParser alone, linked from the objects the release build just compiled.
objects=$("${SWIFT:-swift}" build -c release --scratch-path .build-static --show-bin-path)
swiftc "${release_flags[@]}" -I "$objects/Modules" bench/argument-parser-floor.swift "$objects"/ArgumentParser.build/*.o \
  "$objects"/ArgumentParserToolInfo.build/*.o -o "$out/argument-parser-floor" 2>&1 | grep -v 'mktemp' || true
gcc -O2 -o "$out/libyaml-floor" bench/libyaml-floor.c $(pkg-config --cflags --libs yaml-0.1)
# The programs timed are copies made here, all the same way: a file the linker has just written
# starts measurably slower than the same bytes written by cp (or by dpkg, on a workstation),
# 0.3-0.5 ms here, which would tilt the start-up ratio whichever way the two were built.
rm -rf "$out/programs" && mkdir -p "$out/programs"
cp .build-static/release/provider-sync .build-static/release/provider-sync-probe "$out/swift-foundation-floor" \
  "$out/argument-parser-floor" "$out/programs/"

# Inputs: one guide example; 200 spec files; one spec of 5,000 providers x 5 models.
rm -rf "$out/many" && mkdir -p "$out/many"
for i in $(seq -w 1 200); do
  python3 bench/gen-spec.py --providers 3 --models 2 --seed "$i" > "$out/many/spec-$i.yaml"
done
[ -f "$out/large.yaml" ] || python3 bench/gen-spec.py --providers 5000 --models 5 > "$out/large.yaml"

python3 bench/compare.py --runs "$runs" --out "$out/results.json" \
  --provider-sync "$out/programs/provider-sync" \
  --check-jsonschema "$out/venv/bin/check-jsonschema" \
  --floor "$out/libyaml-floor" --startup-floor "$out/programs/swift-foundation-floor" \
  --argument-parser-floor "$out/programs/argument-parser-floor" \
  --schema schemas/provider-spec.schema.json \
  --one examples/vllm-local.yaml --many "$out/many" --large "$out/large.yaml"
