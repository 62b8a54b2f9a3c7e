#!/usr/bin/env bash
# `make install` and `make uninstall`: packaging/install.sh install|uninstall.
# install puts the release programs, their man pages and completions, the systemd user unit,
# the launchd plist and the JSON Schemas under $DESTDIR$PREFIX, and records every file it wrote
# and every folder it created in $MANIFEST; uninstall removes exactly those: the files, then
# the folders it created (deepest first) when nothing else is in them.
set -euo pipefail
cd "$(dirname "$0")/.."
action=${1:?install or uninstall}

PREFIX=${PREFIX:-/usr/local}
DESTDIR=${DESTDIR:-}
RELEASE_DIR=${RELEASE_DIR:-.build-static/release}
SHARE_DIR=${SHARE_DIR:-.build-static/share}
BINDIR=${BINDIR:-$PREFIX/bin}
MANDIR=${MANDIR:-$PREFIX/share/man}
DATADIR=${DATADIR:-$PREFIX/share/provider-sync}
BASHCOMPDIR=${BASHCOMPDIR:-$PREFIX/share/bash-completion/completions}
ZSHCOMPDIR=${ZSHCOMPDIR:-$PREFIX/share/zsh/site-functions}
FISHCOMPDIR=${FISHCOMPDIR:-$PREFIX/share/fish/vendor_completions.d}
SYSTEMDUSERDIR=${SYSTEMDUSERDIR:-$PREFIX/lib/systemd/user}
# Empty: no manifest (make deb: dpkg keeps the list itself).
MANIFEST=${MANIFEST-$DATADIR/installed-files}
# 1: man pages gzipped (Debian's way).
GZIP_MAN=${GZIP_MAN:-0}
# The programs without their symbol tables and debug information (86 and 139 MB -> about a
# third); STRIP= keeps them.
STRIP=${STRIP-strip}

fail() { echo "install.sh: $*" >&2; exit 2; }

created=()   # folders this run created, parents first
written=()   # files this run wrote

# make_folder PATH: mkdir -p under DESTDIR (0755), remembering each folder it creates.
make_folder() {
  local path=$1 missing=()
  while [ "$path" != / ] && [ ! -d "$DESTDIR$path" ]; do missing=("$path" "${missing[@]}"); path=$(dirname "$path"); done
  for path in "${missing[@]}"; do
    mkdir -m 0755 "$DESTDIR$path"
    created+=("$path")
  done
}

# put SOURCE DEST MODE
put() {
  make_folder "$(dirname "$2")"
  install -m "$3" "$1" "$DESTDIR$2"
  written+=("$2")
}

install_all() {
  [ -z "$DESTDIR" ] || mkdir -p "$DESTDIR"
  for program in provider-sync provider-sync-probe; do
    [ -x "$RELEASE_DIR/$program" ] || fail "$RELEASE_DIR/$program is missing: run make release"
  done
  [ -d "$SHARE_DIR/man1" ] || fail "$SHARE_DIR is missing: run make share"
  local work
  work=$(mktemp -d)
  trap 'rm -rf "$work"' RETURN

  for program in provider-sync provider-sync-probe; do
    if [ -n "$STRIP" ]; then
      "$STRIP" -o "$work/$program" "$RELEASE_DIR/$program"
      put "$work/$program" "$BINDIR/$program" 0755
    else
      put "$RELEASE_DIR/$program" "$BINDIR/$program" 0755
    fi
  done
  for page in "$SHARE_DIR"/man1/*.1; do
    if [ "$GZIP_MAN" = 1 ]; then
      gzip -9n < "$page" > "$work/$(basename "$page").gz"
      put "$work/$(basename "$page").gz" "$MANDIR/man1/$(basename "$page").gz" 0644
    else
      put "$page" "$MANDIR/man1/$(basename "$page")" 0644
    fi
  done
  put "$SHARE_DIR/completions/provider-sync.bash" "$BASHCOMPDIR/provider-sync" 0644
  put "$SHARE_DIR/completions/_provider-sync" "$ZSHCOMPDIR/_provider-sync" 0644
  put "$SHARE_DIR/completions/provider-sync.fish" "$FISHCOMPDIR/provider-sync.fish" 0644
  # The service files for every user, as `agent install --global --print` writes them, naming
  # the program by its installed path (argv[0]: the path it is run by is what the unit starts).
  (exec -a "$BINDIR/provider-sync" "$RELEASE_DIR/provider-sync" agent install --global --print --platform linux) > "$work/unit"
  (exec -a "$BINDIR/provider-sync" "$RELEASE_DIR/provider-sync" agent install --global --print --platform macos) > "$work/plist"
  put "$work/unit" "$SYSTEMDUSERDIR/provider-sync-agent.service" 0644
  put "$work/plist" "$DATADIR/launchd/dev.provider-sync.agent.plist" 0644
  for schema in schemas/*.schema.json; do put "$schema" "$DATADIR/schemas/$(basename "$schema")" 0644; done

  [ -n "$MANIFEST" ] || return 0
  # Reinstalling: folders an earlier install created stay ours; its files that this one no
  # longer has (a command removed) go.
  local old_folders=()
  if [ -f "$DESTDIR$MANIFEST" ]; then
    while read -r kind path; do
      case $kind in
        d) old_folders+=("$path") ;;
        f) [[ " ${written[*]} $MANIFEST " == *" $path "* ]] || rm -f "$DESTDIR$path" ;;
      esac
    done < "$DESTDIR$MANIFEST"
  fi
  make_folder "$(dirname "$MANIFEST")"
  {
    for path in "${old_folders[@]}" "${created[@]}"; do echo "d $path"; done
    for path in "${written[@]}" "$MANIFEST"; do echo "f $path"; done
  } > "$DESTDIR$MANIFEST"
  chmod 0644 "$DESTDIR$MANIFEST"
  echo "installed ${#written[@]} files under $DESTDIR$PREFIX (list: $DESTDIR$MANIFEST)"
}

uninstall_all() {
  [ -z "$DESTDIR" ] || mkdir -p "$DESTDIR"
  [ -n "$MANIFEST" ] || fail "MANIFEST is empty: nothing says what was installed"
  [ -f "$DESTDIR$MANIFEST" ] || fail "$DESTDIR$MANIFEST not found: nothing installed under this PREFIX and DESTDIR"
  local folders=() count=0
  while read -r kind path; do
    case $kind in
      f) rm -f "$DESTDIR$path"; count=$((count + 1)) ;;
      d) folders=("$path" "${folders[@]}") ;;
    esac
  done < "$DESTDIR$MANIFEST"
  # Deepest first; a folder someone else put files in stays.
  for path in "${folders[@]}"; do rmdir "$DESTDIR$path" 2>/dev/null || true; done
  echo "removed $count files from $DESTDIR$PREFIX"
}

case $action in
  install) install_all ;;
  uninstall) uninstall_all ;;
  *) fail "usage: install.sh install|uninstall" ;;
esac
