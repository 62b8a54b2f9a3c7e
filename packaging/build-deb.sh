#!/usr/bin/env bash
# `make deb`: provider-sync_VERSION_ARCH.deb in the checkout, built with dpkg-deb from the
# release programs and the files `make install PREFIX=/usr` puts beside them. Depends: lists
# the runtime library packages the programs load (packaging/deb-depends.sh), never -dev ones.
set -euo pipefail
cd "$(dirname "$0")/.."
RELEASE_DIR=${RELEASE_DIR:-.build-static/release}
MAINTAINER=${DEB_MAINTAINER:-provider-sync maintainers <maintainers@provider-sync.dev>}

version=$("$RELEASE_DIR/provider-sync" --version)
arch=$(dpkg --print-architecture)
stage=$(mktemp -d)
trap 'rm -rf "$stage" provider-sync_*.deb.part' EXIT
root=$stage/root

PREFIX=/usr DESTDIR=$root MANIFEST="" GZIP_MAN=1 ZSHCOMPDIR=/usr/share/zsh/vendor-completions \
  RELEASE_DIR=$RELEASE_DIR packaging/install.sh install
install -d -m 0755 "$root/usr/share/doc/provider-sync"
install -m 0644 README.md "$root/usr/share/doc/provider-sync/README.md"

# Run from the staged tree: `version` loads every C library provider-sync has, --version
# is enough for the probe (its libraries are all linked).
depends=$(packaging/deb-depends.sh "$root/usr/bin/provider-sync" version -- "$root/usr/bin/provider-sync-probe" --version)
installed_size=$(du -sk --apparent-size "$root/usr" | cut -f1)

install -d -m 0755 "$root/DEBIAN"
{
  cat <<CONTROL
Package: provider-sync
Version: $version
Architecture: $arch
Maintainer: $MAINTAINER
Installed-Size: $installed_size
Depends: $depends
CONTROL
  # Quoted: nothing in the description is expanded or run.
  cat <<'CONTROL'
Recommends: gnome-keyring
Suggests: openssh-client, gnupg
Section: utils
Priority: optional
Homepage: https://provider-sync.dev
Description: keep a team's LLM providers for OpenCode and Openwork in one YAML spec
 provider-sync validates a team's reviewed YAML spec of OpenAI-compatible LLM
 servers and renders it into the opencode.json that OpenCode and the Openwork
 desktop app read, keeping API keys in the Secret Service keyring. Its agent
 follows a branch of the team's git repository and applies each good commit;
 the user unit provider-sync-agent.service runs it for every user once enabled
 with: systemctl --global enable provider-sync-agent.service
CONTROL
} > "$root/DEBIAN/control"

deb="provider-sync_${version}_${arch}.deb"
# Under a temporary name: an interrupted build leaves no truncated package behind.
dpkg-deb --root-owner-group --build "$root" "$deb.part" >/dev/null
mv "$deb.part" "$deb"
echo "$deb (Depends: $depends)"
