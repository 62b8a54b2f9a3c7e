#!/usr/bin/env python3
"""Every target imports exactly the local modules Package.swift declares for it.

SwiftPM lets a target import a module that only one of its dependencies declares (a
transitive import), even with --explicit-target-dependency-import-check. This check reads
`swift package dump-package` and each target's `import` lines, and reports, per target, the
local modules it imports without declaring them directly (undeclared) and the dependencies it
declares and never imports (unused: a local target or a package product). Exit 1 when either
list is not empty. A C target's `#include "Module.h"` of another local target counts as an
import. Usage: scripts/check-imports.py [PACKAGE_FOLDER]
"""
import json
import os
import re
import subprocess
import sys

IMPORT = re.compile(
    r"^\s*(?:@[A-Za-z_]+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|fileprivate|private)\s+)?"
    r"import\s+(?:(?:struct|class|enum|protocol|typealias|func|var|let)\s+)?([A-Za-z_][A-Za-z0-9_]*)"
)


# A C target uses another through its umbrella header: #include "CLibraryLoader.h".
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"](?:[^>"]*/)?([A-Za-z_][A-Za-z0-9_]*)\.h[>"]')


def module_name(target_name):
    return target_name.replace("-", "_")


def target_folder(root, target):
    if target.get("path"):
        return os.path.join(root, target["path"])
    base = "Tests" if target["type"] == "test" else "Sources"
    return os.path.join(root, base, target["name"])


def imports_of(folder, excluded):
    found = set()
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if os.path.join(dirpath, d) not in excluded]
        for name in filenames:
            pattern = IMPORT if name.endswith(".swift") else INCLUDE if name.endswith((".c", ".h")) else None
            if pattern is None:
                continue
            with open(os.path.join(dirpath, name), encoding="utf-8") as source:
                for line in source:
                    match = pattern.match(line)
                    if match:
                        found.add(match.group(1))
    return found


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".")
    package = json.loads(subprocess.run(["swift", "package", "--package-path", root, "dump-package"],
                                        check=True, capture_output=True, text=True).stdout)
    targets = package["targets"]
    local = {module_name(t["name"]): t["name"] for t in targets if t["type"] != "plugin"}
    undeclared_total = unused_total = 0
    for target in targets:
        if target["type"] in ("system", "plugin", "binary"):
            continue
        folder = target_folder(root, target)
        excluded = {os.path.join(folder, e) for e in target.get("exclude", [])}
        imported = imports_of(folder, excluded)
        declared_local, declared_products = set(), set()
        for dependency in target["dependencies"]:
            kind, value = next(iter(dependency.items()))
            name = value[0]
            if kind == "product" or (kind == "byName" and module_name(name) not in local):
                declared_products.add(module_name(name))
            else:
                declared_local.add(module_name(name))
        undeclared = sorted(m for m in imported if m in local and m not in declared_local and m != module_name(target["name"]))
        unused = sorted(m for m in declared_local | declared_products if m not in imported)
        for module in undeclared:
            print(f"{target['name']}: imports {module} without declaring it")
        for module in unused:
            print(f"{target['name']}: declares {module} and never imports it")
        undeclared_total += len(undeclared)
        unused_total += len(unused)
    print(f"import check: {len(targets)} targets, {undeclared_total} undeclared, {unused_total} unused")
    return 1 if undeclared_total or unused_total else 0


if __name__ == "__main__":
    sys.exit(main())
