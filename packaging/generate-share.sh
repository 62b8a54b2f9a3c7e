#!/usr/bin/env bash
# The files shipped beside the programs that are generated from them, so they always match:
# a man page per command (swift-argument-parser's generate-manual, the tool its
# `generate-manual` plugin runs) and bash, zsh and fish completions
# (`--generate-completion-script`). Usage: packaging/generate-share.sh RELEASE_DIR OUT_DIR
set -euo pipefail
release=${1:?the folder of the release programs}
out=${2:?the output folder}
# The commit's date, so the same commit gives the same pages.
date=$(git log -1 --format=%cs 2>/dev/null || date +%Y-%m-%d)

rm -rf "$out.tmp"
mkdir -p "$out.tmp/man1" "$out.tmp/completions"
# provider-sync declares the options of probe and models itself (provider-sync-probe is run by
# it, with the targets on its standard input, and has no page of its own).
"$release/generate-manual" "$release/provider-sync" --multi-page --section 1 --date "$date" \
  --output-directory "$out.tmp/man1" >/dev/null
"$release/provider-sync" --generate-completion-script bash > "$out.tmp/completions/provider-sync.bash"
"$release/provider-sync" --generate-completion-script zsh > "$out.tmp/completions/_provider-sync"
"$release/provider-sync" --generate-completion-script fish > "$out.tmp/completions/provider-sync.fish"
rm -rf "$out"
mv "$out.tmp" "$out"
