#!/usr/bin/env bash
# Renders every example and validates the result against OpenCode's own config schema, with
# this project's validator. Needs ../shared/opencode-config.schema.json (or OPENCODE_SCHEMA=).
set -euo pipefail
cd "$(dirname "$0")/.."
schema=${OPENCODE_SCHEMA:-../shared/opencode-config.schema.json}
[ -f "$schema" ] || { echo "no OpenCode schema at $schema: check skipped" >&2; exit 0; }
swift build --product provider-sync 2>&1 | grep -v pthread | tail -1
swift build --product schema-check 2>&1 | grep -v pthread | tail -1
bin=$(swift build --show-bin-path)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for spec in examples/*.yaml; do
  "$bin/provider-sync" render "$spec" > "$out/$(basename "$spec" .yaml).json"
done
"$bin/schema-check" --schema "$schema" \
  --stub https://models.dev/model-schema.json=schemas/stubs/models.dev-model-schema.json \
  "$out"/*.json
