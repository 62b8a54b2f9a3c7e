#!/usr/bin/env bash
# Fuzzes the spec loader with libFuzzer for the given number of seconds (default 600).
# Crashes land in fuzz/crashes/; copy each into Tests/ProviderSpecTests/FuzzRegressions/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
swift build -c release --sanitize=fuzzer -Xswiftc -DFUZZING --product FuzzSpec --scratch-path .build-fuzz 2>&1 | grep -v pthread | tail -1
mkdir -p fuzz/corpus fuzz/crashes
# Seeds: every example and every earlier finding.
cp examples/*.yaml examples/invalid/*.yaml fuzz/corpus/
cp Tests/ProviderSpecTests/FuzzRegressions/* fuzz/corpus/ 2>/dev/null || true
export SWIFT_BACKTRACE=enable=no
.build-fuzz/release/FuzzSpec fuzz/corpus -max_total_time="$seconds" -max_len=8192 -rss_limit_mb=2048 \
  -timeout=10 -artifact_prefix=fuzz/crashes/ -print_final_stats=1 -dict=scripts/yaml.dict
