# Sourced by the benches: `bin` is provider-sync as `make release` builds it (scripts/
# build-release.sh, one set of flags), or PROVIDER_SYNC_BIN when set (skips the build).
bin=${PROVIDER_SYNC_BIN:-}
if [ -z "$bin" ]; then
  scripts/build-release.sh provider-sync 2>&1 | grep -E '^(error|Build)' || true
  bin=$PWD/.build-static/release/provider-sync
fi
