#!/usr/bin/env bash
# The Python servers the probe tests run against (and the Prometheus parser the metrics test uses), each in its own venv under .build-venvs/
# (about 2 minutes and 900 MB the first time; nothing when the pinned versions are there).
# LiteLLM answers 401 to a request without its master key only when prisma is importable.
set -euo pipefail
cd "$(dirname "$0")/.."
venvs=${PROVIDER_SYNC_TEST_VENVS:-.build-venvs}

install() {
  local name=$1; shift
  local marker="$venvs/$name/.installed"
  [ -f "$marker" ] && [ "$(cat "$marker")" = "$*" ] && return 0
  echo "installing $* into $venvs/$name" >&2
  rm -rf "${venvs:?}/$name"
  python3 -m venv "$venvs/$name"
  "$venvs/$name/bin/pip" install -q --disable-pip-version-check "$@"
  echo "$*" > "$marker"
}

install litellm 'litellm[proxy]==1.108.7' 'prisma==0.15.0'
install mitmproxy 'mitmproxy==11.0.2'
# The agent's metrics file is checked with Prometheus' own text parser.
install prometheus 'prometheus-client==0.26.0'
