#!/usr/bin/env python3
"""`make bench`: the XLSX reader against python-calamine and the bare zlib + libxml2 floors.

Runs, side by side on one workbook (200,000 rows x 20 columns, about 4 million cells; written by
make_workbook.py into bench-data/ and reused), each case as its own process so that its peak
memory is its own:
  eduetl     EduBench read-xlsx: every cell through the project's XLSX API
  calamine   python-calamine 0.9.1 iterating every row of every sheet
  inflate    EduBench floor-inflate: zlib raw inflate of the sheet entry, output discarded
  sax        EduBench floor-sax: libxml2 SAX2 push parse of the inflated sheet, empty callbacks
Repetitions are interleaved (eduetl, calamine, inflate, sax, then again) so that a noisy
neighbour slows every case alike. Then eduetl alone on 50,000 and 100,000 rows, to see that
peak memory does not grow with the rows.

Prints a table and the targets, each PASS or FAIL, and writes the same to bench-data/results.json.
Exits 0 whatever the figures: benchmarks report, tests assert. MB here is 10^6 bytes.

Environment: EDUBENCH (path to the EduBench binary, default .build/release/EduBench),
BENCH_REPS (repetitions of the 200k cases, default 3), BENCH_ROWS (default 200000).
"""
import importlib.metadata
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import make_workbook  # noqa: E402

CALAMINE_VERSION = "0.9.1"
SHEET_ENTRY = "xl/worksheets/sheet1.xml"
MB = 1e6
CASE_TIMEOUT = 600

# The targets, from the issue.
MIN_SPEEDUP_OVER_CALAMINE = 1.5
MAX_RATIO_TO_FLOOR = 2.0
MAX_PEAK_MB = 100
MAX_PEAK_GROWTH_MB = 15


def log(message):
    print(message, file=sys.stderr, flush=True)


def ensure_calamine():
    """(True, version) when python-calamine 0.9.1 is importable, installing it when missing."""
    def installed():
        try:
            return importlib.metadata.version("python-calamine")
        except importlib.metadata.PackageNotFoundError:
            return None

    version = installed()
    if version != CALAMINE_VERSION:
        log(f"bench: installing python-calamine=={CALAMINE_VERSION} (found {version or 'none'})")
        result = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet",
                                 f"python-calamine=={CALAMINE_VERSION}"],
                                capture_output=True, text=True)
        importlib.invalidate_caches()
        version = installed()
        if version != CALAMINE_VERSION:
            reason = (result.stderr.strip().splitlines() or ["pip failed"])[-1]
            return False, f"python-calamine {CALAMINE_VERSION} could not be installed: {reason}"
    return True, version


# Linux carries a process's peak RSS across execve, and Python starts children with vfork: a case
# exec'd straight from this driver would report the driver's own peak when that is higher. A shell
# in between forks the case from its own small image, so each case's getrusage peak is its own.
FORKING_SHELL = ["/bin/sh", "-c", '"$@"; exit $?', "sh"]


def run_case(command):
    """Runs one case process; its JSON line as a dict, or {"error": ...}."""
    try:
        done = subprocess.run(FORKING_SHELL + command, capture_output=True, text=True, timeout=CASE_TIMEOUT)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {CASE_TIMEOUT} s"}
    except OSError as error:
        return {"error": str(error)}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        message = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        return {"error": message}
    return json.loads(lines[-1])


def summarise(name, runs):
    """Best and median over a case's successful runs; the error when none succeeded."""
    good = [r for r in runs if "error" not in r]
    if not good:
        return {"case": name, "error": runs[-1]["error"] if runs else "not run"}
    seconds = sorted(r["seconds"] for r in good)
    best = seconds[0]
    cells, xml_bytes = good[0]["cells"], good[0]["xml_bytes"]
    return {
        "case": name, "runs": len(good), "best_seconds": best, "median_seconds": statistics.median(seconds),
        "cells": cells, "xml_bytes": xml_bytes,
        "cells_per_second": cells / best if cells else None,
        "xml_mb_per_second": xml_bytes / MB / best,
        "peak_rss_bytes": max(r["peak_rss_bytes"] for r in good),
    }


def check(name, value, target, passed, note=""):
    return {"check": name, "value": value, "target": target,
            "result": "n/a" if passed is None else ("PASS" if passed else "FAIL"), "note": note}


def checks_for(cases, flat):
    eduetl, calamine = cases.get("eduetl", {}), cases.get("calamine", {})
    inflate, sax = cases.get("inflate", {}), cases.get("sax", {})

    def have(*summaries):
        return all(s and "error" not in s for s in summaries)

    result = []

    if have(eduetl, calamine):
        ratio = eduetl["cells_per_second"] / calamine["cells_per_second"]
        result.append(check("eduetl cells/s ÷ calamine cells/s", f"{ratio:.2f}x",
                            f"≥ {MIN_SPEEDUP_OVER_CALAMINE}x", ratio >= MIN_SPEEDUP_OVER_CALAMINE))
        same = eduetl["cells"] == calamine["cells"]
        result.append(check("eduetl cells = calamine non-empty cells",
                            f"{eduetl['cells']:,} vs {calamine['cells']:,}", "equal", same))
    else:
        result.append(check("eduetl cells/s ÷ calamine cells/s", "-", f"≥ {MIN_SPEEDUP_OVER_CALAMINE}x", None,
                            "a case did not run"))

    if have(eduetl, inflate, sax):
        floor = inflate["best_seconds"] + sax["best_seconds"]
        ratio = eduetl["best_seconds"] / floor
        result.append(check("eduetl s ÷ (inflate + sax floor s)", f"{ratio:.2f}x (floor {floor:.3f} s)",
                            f"≤ {MAX_RATIO_TO_FLOOR}x", ratio <= MAX_RATIO_TO_FLOOR))
    else:
        result.append(check("eduetl s ÷ (inflate + sax floor s)", "-", f"≤ {MAX_RATIO_TO_FLOOR}x", None,
                            "a case did not run"))

    if have(eduetl):
        peak = eduetl["peak_rss_bytes"] / MB
        result.append(check("eduetl peak memory", f"{peak:.1f} MB", f"< {MAX_PEAK_MB} MB", peak < MAX_PEAK_MB))
    else:
        result.append(check("eduetl peak memory", "-", f"< {MAX_PEAK_MB} MB", None, "eduetl did not run"))

    peaks = {rows: s["peak_rss_bytes"] / MB for rows, s in flat.items() if "error" not in s}
    if len(peaks) == len(flat) and len(peaks) >= 2:
        spread = max(peaks.values()) - min(peaks.values())
        shown = " / ".join(f"{peaks[r]:.1f}" for r in sorted(peaks))
        labels = " / ".join(f"{r // 1000}k" for r in sorted(peaks))
        result.append(check(f"eduetl peak flat over {labels} rows", f"{shown} MB (spread {spread:.1f} MB)",
                            f"spread ≤ {MAX_PEAK_GROWTH_MB} MB", spread <= MAX_PEAK_GROWTH_MB))
    else:
        result.append(check("eduetl peak flat as rows grow", "-", f"spread ≤ {MAX_PEAK_GROWTH_MB} MB", None,
                            "eduetl did not run at every size"))
    return result


def print_table(workbook, cases, flat, checks):
    print(f"\nWorkbook: {os.path.relpath(workbook['path'], ROOT)}: {workbook['rows']:,} rows x "
          f"{make_workbook.COLUMNS} columns, sheet XML {workbook['xml_bytes'] / MB:.1f} MB, "
          f"file {workbook['file_bytes'] / MB:.1f} MB")
    print(f"Machine: {workbook['machine']}\n")
    header = f"{'case':<10} {'best s':>8} {'median s':>9} {'cells/s':>12} {'MB/s XML':>9} {'peak MB':>8}  runs"
    print(header)
    print("-" * len(header))
    for name in ("eduetl", "calamine", "inflate", "sax"):
        s = cases.get(name)
        if s is None:
            continue
        if "error" in s:
            print(f"{name:<10} not run: {s['error']}")
            continue
        rate = f"{s['cells_per_second']:,.0f}" if s["cells_per_second"] else "-"
        print(f"{name:<10} {s['best_seconds']:>8.3f} {s['median_seconds']:>9.3f} {rate:>12} "
              f"{s['xml_mb_per_second']:>9.1f} {s['peak_rss_bytes'] / MB:>8.1f}  {s['runs']}")
    if flat:
        print("\neduetl peak memory as rows grow:")
        for rows in sorted(flat):
            s = flat[rows]
            figure = s["error"] if "error" in s else f"{s['peak_rss_bytes'] / MB:.1f} MB  ({s['best_seconds']:.3f} s)"
            print(f"  {rows:>9,} rows: {figure}")
    print("\nTargets (best times):")
    for c in checks:
        note = f"  ({c['note']})" if c["note"] else ""
        print(f"  {c['result']:<5} {c['check']}: {c['value']}  [target {c['target']}]{note}")


def machine_line():
    model = ""
    try:
        with open("/proc/cpuinfo") as info:
            model = next((l.split(":", 1)[1].strip() for l in info if l.startswith("model name")), "")
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {model}, load {load:.2f} at start"


def main():
    sys.stdout.reconfigure(line_buffering=True)  # keep the table and the progress lines in order
    binary = os.environ.get("EDUBENCH", os.path.join(ROOT, ".build", "release", "EduBench"))
    if not os.access(binary, os.X_OK):
        print(f"bench: {binary} is not built; run `make bench` (or swift build -c release --product EduBench)",
              file=sys.stderr)
        return 2
    reps = int(os.environ.get("BENCH_REPS", "3"))
    rows = int(os.environ.get("BENCH_ROWS", "200000"))
    flat_rows = sorted({rows // 4, rows // 2, rows})

    log("bench: workbooks (written once into bench-data/, then reused)")
    paths = {}
    for n in flat_rows:
        started = time.perf_counter()
        paths[n] = make_workbook.ensure_workbook(n)
        if time.perf_counter() - started > 1:
            log(f"  wrote {os.path.relpath(paths[n], ROOT)} in {time.perf_counter() - started:.1f} s")
    workbook_path = paths[rows]

    calamine_ok, calamine_note = ensure_calamine()
    commands = {
        "eduetl": [binary, "read-xlsx", workbook_path],
        "calamine": [sys.executable, os.path.join(HERE, "calamine_case.py"), workbook_path],
        "inflate": [binary, "floor-inflate", workbook_path, SHEET_ENTRY],
        "sax": [binary, "floor-sax", workbook_path, SHEET_ENTRY],
    }
    runs = {name: [] for name in commands}
    if not calamine_ok:
        log(f"bench: {calamine_note}; the calamine case is left out")
        runs["calamine"].append({"error": calamine_note})
        del commands["calamine"]

    machine = machine_line()
    for rep in range(1, reps + 1):
        for name, command in commands.items():
            log(f"bench: {name} run {rep}/{reps}")
            runs[name].append(run_case(command))
            if "error" in runs[name][-1] and rep == 1 and name == "eduetl":
                log(f"  eduetl: {runs[name][-1]['error']}")
    cases = {name: summarise(name, r) for name, r in runs.items()}

    flat = {}
    for n in flat_rows:
        if n == rows:
            flat[n] = cases["eduetl"]
        else:
            log(f"bench: eduetl on {n:,} rows")
            flat[n] = summarise("eduetl", [run_case([binary, "read-xlsx", paths[n]])])

    with zipfile.ZipFile(workbook_path) as archive:
        xml_bytes = archive.getinfo(SHEET_ENTRY).file_size
    workbook = {"path": workbook_path, "rows": rows, "xml_bytes": xml_bytes,
                "file_bytes": os.path.getsize(workbook_path), "machine": machine}
    checks = checks_for(cases, flat)
    print_table(workbook, cases, flat, checks)
    if not calamine_ok:
        print(f"\nNote: {calamine_note}")

    results = {"workbook": workbook, "calamine_version": calamine_note if calamine_ok else None,
               "cases": cases, "runs": runs,
               "peak_by_rows": {str(n): s.get("peak_rss_bytes") for n, s in flat.items()},
               "checks": checks, "mb": MB}
    out = os.path.join(ROOT, "bench-data", "results.json")
    with open(out, "w") as handle:
        json.dump(results, handle, ensure_ascii=False, indent=2)
    print(f"\nResults: {os.path.relpath(out, ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
