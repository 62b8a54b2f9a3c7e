#!/usr/bin/env python3
"""Runs whole processes side by side, interleaved, and reports median wall time and peak RSS."""
import argparse, glob, json, os, statistics, subprocess, sys, time


def measure(cmd, runs):
    """Median wall seconds and the largest peak RSS (bytes) over `runs` runs of a process."""
    walls, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        walls.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss * 1024)
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            sys.exit(f"{' '.join(cmd[:3])}... exited {code}: {proc.stderr.read().decode()[:400]}")
    return statistics.median(walls), max(peaks)


def measure_startup(args):
    """Start-up: a static Swift program with Foundation that does nothing (the floor), then
    provider-sync --version and validate of one spec, interleaved; at least 200 runs, as each
    takes milliseconds and a median of few is at the mercy of the machine's other work."""
    commands = {
        "floor": [args.startup_floor],
        "argument-parser": [args.argument_parser_floor, "validate", "--format", "json", args.one],
        "version": [args.provider_sync, "--version"],
        "validate": [args.provider_sync, "validate", "--format", "json", args.one],
    }
    walls = {name: [] for name in commands}
    for _ in range(max(200, args.runs * 4)):
        for name, cmd in commands.items():
            walls[name].append(measure(cmd, 1)[0])
    median = {name: statistics.median(w) for name, w in walls.items()}
    sizes = {os.path.basename(p): os.path.getsize(p)
             for p in [args.provider_sync, args.provider_sync + "-probe", args.startup_floor, args.argument_parser_floor]
             if os.path.exists(p)}
    row = {"floor_s": median["floor"], "version_s": median["version"], "validate_s": median["validate"],
           "version_vs_floor": median["version"] / median["floor"],
           "validate_vs_floor": median["validate"] / median["floor"],
           "argument_parser_s": median["argument-parser"],
           "argument_parser_vs_floor": median["argument-parser"] / median["floor"], "binary_bytes": sizes}
    print(f"start-up (median of {len(walls['floor'])} interleaved runs):")
    print(f"  static Swift + Foundation doing nothing (floor) {median['floor']*1000:6.2f} ms")
    print(f"  ArgumentParser alone, validate's options        {median['argument-parser']*1000:6.2f} ms  {row['argument_parser_vs_floor']:.2f}x the floor")
    print(f"  provider-sync --version                         {median['version']*1000:6.2f} ms  {row['version_vs_floor']:.2f}x the floor")
    print(f"  provider-sync validate, one spec                {median['validate']*1000:6.2f} ms  {row['validate_vs_floor']:.2f}x the floor (target <= 2x)")
    print("  sizes: " + ", ".join(f"{name} {size/2**20:.1f} MiB" for name, size in sizes.items()))
    print()
    return row


def main():
    a = argparse.ArgumentParser()
    for name in ["provider-sync", "check-jsonschema", "floor", "startup-floor", "argument-parser-floor", "schema", "one", "many", "large", "out"]:
        a.add_argument("--" + name, required=True)
    a.add_argument("--runs", type=int, default=15)
    args = a.parse_args()
    startup = measure_startup(args)
    many = sorted(glob.glob(os.path.join(args.many, "*.yaml")))
    cases = [
        ("one example spec", [args.one], 30, args.runs),
        (f"{len(many)} spec files in one call", many, 15, args.runs),
        ("5,000 providers x 5 models", [args.large], 10, max(3, args.runs // 3)),
    ]
    results = []
    print(f"{'case':34} {'provider-sync':>14} {'check-jsonschema':>17} {'speed-up':>9} {'target':>7}  peak RSS (ours)")
    for title, files, target, runs in cases:
        ours_cmd = [args.provider_sync, "validate", "--format", "json"] + files
        theirs_cmd = [args.check_jsonschema, "--schemafile", args.schema] + files
        # Interleave so both see the same machine load.
        ours, theirs = [], []
        for _ in range(runs):
            ours.append(measure(ours_cmd, 1))
            theirs.append(measure(theirs_cmd, 1))
        ours_wall = statistics.median(w for w, _ in ours)
        theirs_wall = statistics.median(w for w, _ in theirs)
        peak = max(p for _, p in ours)
        row = {"case": title, "provider_sync_s": ours_wall, "check_jsonschema_s": theirs_wall,
               "speedup": theirs_wall / ours_wall, "target": target, "peak_rss_bytes": peak}
        if files == [args.large]:
            floor, _ = measure([args.floor, args.large], runs)
            size = os.path.getsize(args.large)
            row.update({"libyaml_floor_s": floor, "vs_floor": ours_wall / floor, "file_bytes": size,
                        "peak_rss_per_file_byte": peak / size})
        results.append(row)
        print(f"{title:34} {ours_wall*1000:11.1f} ms {theirs_wall*1000:14.1f} ms {row['speedup']:8.1f}x {target:>6}x  {peak/2**20:.1f} MiB")
        if "libyaml_floor_s" in row:
            print(f"{'':34} libyaml event parse (floor): {row['libyaml_floor_s']*1000:.1f} ms; provider-sync is "
                  f"{row['vs_floor']:.2f}x the floor (target <= 3x); file {row['file_bytes']/2**20:.1f} MiB, "
                  f"peak RSS {row['peak_rss_per_file_byte']:.1f}x the file (target < 10x)")
    with open(args.out, "w") as f:
        json.dump({"startup": startup, "cases": results}, f, indent=2)
    failed = [r["case"] for r in results if r["speedup"] < r["target"]
              or r.get("vs_floor", 0) > 3 or r.get("peak_rss_per_file_byte", 0) >= 10]
    if startup["validate_vs_floor"] > 2:
        failed.append("start-up: validate of one spec within 2x of the floor")
    if failed:
        print("targets missed: " + "; ".join(failed))
        sys.exit(1)


if __name__ == "__main__":
    main()
