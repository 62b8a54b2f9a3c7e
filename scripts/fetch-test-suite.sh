#!/usr/bin/env bash
# Prints the path of a copy of the official JSON Schema test suite, fetched from PyPI
# (python-jsonschema's sdist carries it under json/) when ../shared has none.
set -euo pipefail
dest=${TMPDIR:-/tmp}/provider-sync-json-schema-suite
if [ ! -d "$dest/json/tests/draft2020-12" ]; then
  rm -rf "$dest" && mkdir -p "$dest"
  python3 -m pip download --quiet --no-deps --no-binary :all: jsonschema==4.26.0 -d "$dest" >&2
  tar -xzf "$dest"/jsonschema-4.26.0.tar.gz -C "$dest" --strip-components=1 jsonschema-4.26.0/json
fi
echo "$dest/json"
