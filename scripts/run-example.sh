#!/usr/bin/env bash
# `make run`: validate the examples, then apply the team example into a sandbox HOME under the
# checkout (never your own config), with its API key in a private keyring on a private D-Bus
# session, and show the resulting opencode.json (keys masked).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$PWD/.build/debug/provider-sync

echo "== provider-sync validate examples/"
"$bin" validate examples/

sandbox=$PWD/sandbox
rm -rf "$sandbox" && mkdir -p "$sandbox/home"
export HOME=$sandbox/home
export XDG_CONFIG_HOME=$HOME/.config XDG_STATE_HOME=$HOME/.local/state XDG_DATA_HOME=$HOME/.local/share
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS

export PROVIDER_SYNC=$bin
# (dbus-daemon warns that it cannot raise its fd limit without privileges: harmless here)
dbus-run-session -- bash -euo pipefail -c '
  printf %s sandbox-keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  echo "== provider-sync secret set company-gateway   (a demo key, in the sandbox keyring)"
  printf %s "demo-key-of-the-example" | "$PROVIDER_SYNC" secret set company-gateway
  echo "== provider-sync apply examples/providers.yaml"
  "$PROVIDER_SYNC" apply examples/providers.yaml
  echo "== provider-sync apply examples/providers.yaml   (again: nothing to do)"
  "$PROVIDER_SYNC" apply examples/providers.yaml
  echo "== provider-sync status"
  "$PROVIDER_SYNC" status
  echo "== $XDG_CONFIG_HOME/Openwork/opencode/opencode.json (keys masked)"
  "$PROVIDER_SYNC" render examples/providers.yaml --target openwork
'
