#!/usr/bin/env bash
# `make run`: validate the examples, then do the main job in a sandbox HOME under the checkout
# (never your own config): examples/team-repo becomes a git repository, the agent follows it
# and applies it to Openwork's opencode.json, with the API key in a private keyring on a
# private D-Bus session. Then a commit with a typo shows that a bad revision changes nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${PROVIDER_SYNC_BIN:-$PWD/.build/debug/provider-sync}

echo "== provider-sync validate examples/*.yaml examples/team-repo/providers.d/   (each example on its own; the team folder as one spec)"
"$bin" validate examples/*.yaml examples/team-repo/providers.d/

sandbox=${SANDBOX:-$PWD/sandbox}
rm -rf "$sandbox" && mkdir -p "$sandbox/home"
export HOME=$sandbox/home
export XDG_CONFIG_HOME=$HOME/.config XDG_STATE_HOME=$HOME/.local/state XDG_DATA_HOME=$HOME/.local/share
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS SSH_AUTH_SOCK

# The team repository: a bare repository (what a git host serves) and a clone to commit from.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME="Team Admin" GIT_AUTHOR_EMAIL=admin@example.com
export GIT_COMMITTER_NAME="Team Admin" GIT_COMMITTER_EMAIL=admin@example.com
echo "== the team repository: examples/team-repo committed to sandbox/team-repo.git"
git init -q --bare -b main "$sandbox/team-repo.git"
git init -q -b main "$sandbox/team-work"
cp -R examples/team-repo/. "$sandbox/team-work/"
git -C "$sandbox/team-work" add -A
git -C "$sandbox/team-work" commit -q -m "providers of the team"
git -C "$sandbox/team-work" push -q "$sandbox/team-repo.git" HEAD:main
git -C "$sandbox/team-work" log --oneline

export PROVIDER_SYNC=$bin SANDBOX=$sandbox
# (dbus-daemon warns that it cannot raise its fd limit without privileges: harmless here)
dbus-run-session -- bash -euo pipefail -c '
  printf %s sandbox-keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  echo "== provider-sync secret set company-gateway   (a demo key, in the sandbox keyring)"
  printf %s "demo-key-of-the-example" | "$PROVIDER_SYNC" secret set company-gateway
  echo "== provider-sync agent init --url file://\$SANDBOX/team-repo.git --path providers.d"
  "$PROVIDER_SYNC" agent init --url "file://$SANDBOX/team-repo.git" --path providers.d
  echo "== provider-sync agent once"
  "$PROVIDER_SYNC" agent once
  echo "== provider-sync agent once   (again: the branch did not move, nothing to do)"
  "$PROVIDER_SYNC" agent once
  echo "== $XDG_CONFIG_HOME/Openwork/opencode/opencode.json (keys masked)"
  sed -E "s/(\"apiKey\": )\"[^\"]*\"/\\1\"********\"/" "$XDG_CONFIG_HOME/Openwork/opencode/opencode.json"

  echo "== a commit with a typo (modles): not applied, the last good commit stays in force"
  sed -i "0,/^    models:/s//    modles:/" "$SANDBOX/team-work/providers.d/10-local-servers.yaml"
  git -C "$SANDBOX/team-work" commit -q -am "rename a key (by mistake)"
  git -C "$SANDBOX/team-work" push -q "$SANDBOX/team-repo.git" HEAD:main
  status=0
  "$PROVIDER_SYNC" agent once || status=$?
  echo "(agent once exited $status: 1 means the revision failed a check)"
  echo "== provider-sync agent status"
  "$PROVIDER_SYNC" agent status
'
