#!/usr/bin/env bash
# `make dist`: provider-sync-VERSION-linux-ARCH.tar.gz in the checkout: the release programs,
# the README, the JSON Schemas and LIBRARIES.txt, the shared libraries they need (ldd on the
# machine that built them).
set -euo pipefail
cd "$(dirname "$0")/.."
RELEASE_DIR=${RELEASE_DIR:-.build-static/release}

version=$("$RELEASE_DIR/provider-sync" --version)
name="provider-sync-$version-linux-$(uname -m)"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name/bin" "$stage/$name/schemas"
for program in provider-sync provider-sync-probe; do
  strip -o "$stage/$name/bin/$program" "$RELEASE_DIR/$program"
  chmod 0755 "$stage/$name/bin/$program"
done
install -m 0644 README.md "$stage/$name/"
install -m 0644 schemas/*.schema.json "$stage/$name/schemas/"
{
  echo "# The shared libraries these programs need, from ldd on the machine that built them"
  echo "# ($(. /etc/os-release && echo "$PRETTY_NAME"), $(uname -m)). The Swift runtime and Foundation are linked in."
  echo "# A system that lacks one of these exact sonames (libgit2.so.1.5 is Debian 12's) cannot run them:"
  echo "# build from source there (README, \"Which systems\")."
  if command -v dpkg >/dev/null; then
    echo
    echo "The packages that hold the libraries they load themselves (the .deb's Depends:):"
    packaging/deb-depends.sh "$stage/$name/bin/provider-sync" version -- "$stage/$name/bin/provider-sync-probe" --version
  fi
  for program in provider-sync provider-sync-probe; do
    echo
    echo "bin/$program:"
    ldd "$stage/$name/bin/$program" | sed 's/ (0x[0-9a-f]*)$//'
  done
} > "$stage/$name/LIBRARIES.txt"
# The same bytes from the same commit: fixed owner, order and times.
mtime=$(git log -1 --format=%ct 2>/dev/null || date +%s)
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$mtime" -C "$stage" -czf "$name.tar.gz" "$name"
echo "$name.tar.gz"
