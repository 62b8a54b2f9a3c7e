#!/usr/bin/env bash
# The release build of provider-sync and provider-sync-probe (or of the products named), as
# installed on workstations: .build-static/release/. `make release` and the benches build
# through here, so that they share one set of flags (another set rebuilds everything).
# - --static-swift-stdlib: the Swift runtime and FoundationEssentials linked in, so the programs
#   run without a Swift toolchain and start faster (README, "Start-up").
# - --disable-local-rpath: no $ORIGIN rpath, or the dynamic loader looks for libyaml, libc...
#   in the program's folder and four glibc-hwcaps folders below it first (about 20 failed opens
#   at every start).
# - -gline-tables-only: backtraces keep files and lines; the rest of the debug information
#   (half the size of provider-sync-probe) is left out.
set -euo pipefail
cd "$(dirname "$0")/.."
products=("$@")
[ ${#products[@]} -gt 0 ] || products=(provider-sync provider-sync-probe)
for product in "${products[@]}"; do
  "${SWIFT:-swift}" build -c release --static-swift-stdlib --disable-local-rpath -Xswiftc -gline-tables-only \
    --scratch-path .build-static --product "$product"
done
