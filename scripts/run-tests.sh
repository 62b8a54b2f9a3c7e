#!/usr/bin/env bash
# `make test`'s test run: swift test, line-buffered, with a time limit. A test that hangs
# would otherwise hold CI until its own limit and say nothing; here the run stops after
# PROVIDER_SYNC_TEST_LIMIT seconds (default 1800; a whole run takes 2-5 minutes) and first
# shows what the test process was still running: the hung command and its arguments.
set -uo pipefail
limit=${PROVIDER_SYNC_TEST_LIMIT:-1800}
swift=${SWIFT:-swift}

# stdbuf: the test process's output is often a pipe, and block-buffered output would end,
# when the run is stopped, several tests before the one that hung.
stdbuf -oL -eL "$swift" test "$@" &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null' INT TERM

descendants() {
  ps -eo pid=,ppid= | awk -v root="$1" '
    { parent[$1] = $2 }
    END { for (p in parent) { q = p; while (q in parent && q != root && q > 1) q = parent[q]; if (q == root && p != root) print p } }'
}

waited=0
while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt "$limit" ]; do
  sleep 2
  waited=$((waited + 2))
done
if kill -0 "$pid" 2>/dev/null; then
  echo "swift test did not finish within $limit s. What it was still running:" >&2
  pids=$(descendants "$pid" | paste -sd, -)
  [ -n "$pids" ] && ps -o pid,etime,args -p "$pids" >&2
  kill -TERM "$pid" $(descendants "$pid") 2>/dev/null
  sleep 10
  kill -KILL "$pid" $(descendants "$pid") 2>/dev/null
  wait "$pid" 2>/dev/null
  exit 124
fi
wait "$pid"
