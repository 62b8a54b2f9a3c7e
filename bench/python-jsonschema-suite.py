#!/usr/bin/env python3
"""Runs python-jsonschema (the reference implementation) over the official suite's draft 2020-12
(or draft-07) tests, the same sets `json-schema-conformance` runs, so the two can be compared
side by side.
usage: bench/python-jsonschema-suite.py SUITE_DIR [--draft 7]   (pip install jsonschema)"""
import glob, json, os, sys

from importlib.metadata import version

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7, DRAFT202012

DRAFT7_MODE = "--draft" in sys.argv and sys.argv[sys.argv.index("--draft") + 1] == "7"
VALIDATOR = jsonschema.Draft7Validator if DRAFT7_MODE else jsonschema.Draft202012Validator
SPECIFICATION = DRAFT7 if DRAFT7_MODE else DRAFT202012


def registry(suite):
    resources = []
    root = os.path.join(suite, "remotes")
    for path in glob.glob(os.path.join(root, "**", "*.json"), recursive=True):
        uri = "http://localhost:1234/" + os.path.relpath(path, root).replace(os.sep, "/")
        with open(path) as f:
            resources.append((uri, Resource.from_contents(json.load(f), default_specification=SPECIFICATION)))
    return Registry().with_resources(resources)


def run(files, reg, formats):
    passed = failed = 0
    for path in sorted(files):
        with open(path) as f:
            groups = json.load(f)
        for group in groups:
            kwargs = {"registry": reg}
            if formats:
                kwargs["format_checker"] = VALIDATOR.FORMAT_CHECKER
            for test in group["tests"]:
                try:
                    validator = VALIDATOR(group["schema"], **kwargs)
                    ok = validator.is_valid(test["data"]) == test["valid"]
                except Exception:
                    ok = False
                passed, failed = passed + ok, failed + (not ok)
    return passed, failed


suite = sys.argv[1]
reg = registry(suite)
base = os.path.join(suite, "tests", "draft7" if DRAFT7_MODE else "draft2020-12")
for name, files, formats in [
    ("required", glob.glob(os.path.join(base, "*.json")), False),
    ("optional", glob.glob(os.path.join(base, "optional", "*.json")), False),
    ("optional/format", glob.glob(os.path.join(base, "optional", "format", "*.json")), True),
]:
    p, f = run(files, reg, formats)
    print(f"python-jsonschema {version('jsonschema')} {name}: {p} passed, {f} failed")
