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
mkdir -p "$out.tmp/probe"
for program in provider-sync provider-sync-probe; do
  folder=$out.tmp/man1
  [ "$program" = provider-sync ] || folder=$out.tmp/probe
  "$release/generate-manual" "$release/$program" --multi-page --section 1 --date "$date" \
    --output-directory "$folder" >/dev/null
done
# provider-sync probe and models pass their arguments to provider-sync-probe, which calls
# itself provider-sync: its pages of those two have the real options.
mv "$out.tmp/probe/provider-sync.probe.1" "$out.tmp/probe/provider-sync.models.1" "$out.tmp/man1/"
rm -rf "$out.tmp/probe"
"$release/provider-sync" --generate-completion-script bash > "$out.tmp/completions/provider-sync.bash"
"$release/provider-sync" --generate-completion-script zsh > "$out.tmp/completions/_provider-sync"
"$release/provider-sync" --generate-completion-script fish > "$out.tmp/completions/provider-sync.fish"
rm -rf "$out"
mv "$out.tmp" "$out"
