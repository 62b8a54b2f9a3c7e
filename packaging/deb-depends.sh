#!/usr/bin/env bash
# The Debian packages a program needs at run time, as a Depends: value. Libraries loaded with
# dlopen do not show in ldd or in the ELF's NEEDED list, so each program is run once under the
# dynamic loader's own trace (LD_DEBUG=files) doing what loads every library it has: the
# libraries it needed or loaded itself (not their own dependencies, which their packages
# declare) are mapped to packages with `dpkg -S`. libc6 gets the newest GLIBC_ symbol version
# the program refers to as its lower bound.
# Usage: packaging/deb-depends.sh PROGRAM ARGUMENT... [-- PROGRAM ARGUMENT...]...
set -euo pipefail
trace=$(mktemp -d)
trap 'rm -rf "$trace"' EXIT

sonames=()
glibc=""
while [ $# -gt 0 ]; do
  command=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do command+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  program=${command[0]}
  rm -f "$trace"/ld.*
  LD_DEBUG=files LD_DEBUG_OUTPUT="$trace/ld" "${command[@]}" >/dev/null 2>&1 \
    || { echo "deb-depends.sh: ${command[*]} failed" >&2; exit 2; }
  # "file=libgit2.so.1.5 [0];  needed by /path/provider-sync [0]" or "dynamically loaded by".
  while read -r name; do sonames+=("$name"); done < <(
    awk -v program="$program" '$2 ~ /^file=/ && $3 == "[0];" && $NF == "[0]" && $(NF-1) == program &&
                                 ($4 == "needed" || ($4 == "dynamically" && $5 == "loaded")) { print substr($2, 6) }' "$trace"/ld.*)
  version=$(objdump -T "$program" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -1)
  if [ -z "$glibc" ] || [ "$(printf '%s\n%s\n' "$glibc" "$version" | sort -V | tail -1)" = "$version" ]; then glibc=$version; fi
done

packages=()
for soname in $(printf '%s\n' "${sonames[@]}" | sort -u); do
  # The package that holds a file of exactly that name (not a -dev package's symlink).
  package=$(dpkg -S "*/$soname" 2>/dev/null | awk -v name="$soname" -F': ' '{ n = split($2, p, "/"); if (p[n] == name) print $1 }' | sed "s/:.*//" | sort -u | head -1) || true
  [ -n "$package" ] || { echo "deb-depends.sh: no installed package holds $soname" >&2; exit 2; }
  packages+=("$package")
done
for package in $(printf '%s\n' "${packages[@]}" | sort -u); do
  if [ "$package" = libc6 ] && [ -n "$glibc" ]; then echo "libc6 (>= $glibc)"; else echo "$package"; fi
done | paste -sd, - | sed 's/,/, /g'
