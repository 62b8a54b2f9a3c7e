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
# - -disable-concrete-type-metadata-mangled-name-accessors (a frontend flag the Swift team added
#   for performance problems with the runtime's demangler, swiftlang/swift#30479): the metadata
#   of a concrete generic type (Option<String>, [JSONKey: Int]...) is built by an accessor that
#   passes its conformances, not from a mangled name the runtime demangles and whose every
#   generic requirement it checks by scanning all 4,500 conformance records of the program.
#   validate of one spec: 52 such scans and 20.7 M instructions before, 37 and 16.4 M after
#   (README, "Start-up"). It applies to every module built here, ArgumentParser included.
# - --no-export-dynamic: SwiftPM exports an executable's symbols (7,000 here); nothing looks a
#   symbol up in these programs, and the runtime's start-up dladdr() walked them all (0.25 M
#   instructions at every start).
set -euo pipefail
cd "$(dirname "$0")/.."
products=("$@")
[ ${#products[@]} -gt 0 ] || products=(provider-sync provider-sync-probe)
for product in "${products[@]}"; do
  "${SWIFT:-swift}" build -c release --static-swift-stdlib --disable-local-rpath -Xswiftc -gline-tables-only \
    -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors -Xlinker --no-export-dynamic \
    --scratch-path .build-static --product "$product"
done
