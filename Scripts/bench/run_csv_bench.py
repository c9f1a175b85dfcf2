#!/usr/bin/env python3
"""`make bench`, CSV part: `eduetl inspect` on CSV against the sqlite3 shell and Python's csv module.

Runs, side by side on one county return of 200,000 rows x 20 columns (written by make_csv.py into
bench-data/ in UTF-8 with a BOM and in GB18030, and reused), each case as its own process:
  eduetl-utf8      .build/release/eduetl inspect FILE-utf8.csv   (reads every cell, prints a summary)
  eduetl-gb18030   the same on the GB18030 file
  sqlite-import    sqlite3 NEW.db ".import --csv FILE-utf8.csv t" into a database deleted before each run
  python-csv       python_csv_case.py: csv.reader over every row of the UTF-8 file
Every case is timed from outside, the whole process from start to exit (start-up included, alike for
all), and its peak RSS is its own (see measure()). Repetitions are interleaved, then eduetl-utf8
alone on 50,000 and 100,000 rows, to see that its peak memory does not grow with the file.

Prints a table and the targets (issue 3), each PASS or FAIL, and writes the same to
bench-data/csv_results.json. A case that fails (eduetl before it reads CSV) is shown as
"not run: <its error>" and the rest go on. Exits 0 whatever the figures: benchmarks report,
tests assert. MB here is 10^6 bytes; rows are the file's records, header included.

Environment (flags of the same meaning win): EDUETL (default .build/release/eduetl),
SQLITE3 (default sqlite3 on PATH), BENCH_REPS (default 3), BENCH_ROWS (default 200000),
BENCH_CSV_CASES (comma-separated subset of: eduetl-utf8, eduetl-gb18030, sqlite-import,
python-csv, flat; default all; flat is the 50k/100k memory runs).

Usage: run_csv_bench.py [--reps N] [--rows N] [--cases a,b,...]
"""
import argparse
import ctypes
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import make_csv  # noqa: E402
from run_bench import machine_line  # noqa: E402

MB = 1e6
CASE_TIMEOUT = 600
MAIN_CASES = ("eduetl-utf8", "eduetl-gb18030", "sqlite-import", "python-csv")
ALL_CASES = MAIN_CASES + ("flat",)

# The targets, from the issue.
MIN_SPEEDUP_OVER_SQLITE = 2.0
MAX_GB18030_RATIO = 2.0
MAX_PEAK_GROWTH_MB = 15


def log(message):
    print(message, file=sys.stderr, flush=True)


# Peak memory. Linux carries a process's peak RSS across execve, and Python starts children with
# vfork, so a case exec'd from this driver would report the driver's peak when that is higher, and
# so would one reaped through a shell that this driver started (wait4 gives the shell's peak and
# its children's together). So: the driver makes itself a child subreaper; a small /bin/sh forks
# the case (from the shell's own small image, so the case starts with a clean peak), prints its pid
# and exits at once; the case is re-parented to the driver, which reaps it with wait4 and so gets
# the case's own rusage. Wall time runs from before the shell starts until the case is reaped.
PR_SET_CHILD_SUBREAPER = 36
LAUNCHER = ["/bin/sh", "-c", 'out=$1; err=$2; shift 2; "$@" </dev/null >"$out" 2>"$err" & echo $!', "sh"]


def become_subreaper():
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def measure(command, subreaper):
    """Runs one process: {"seconds", "peak_rss_bytes", "status", "user_seconds", "system_seconds",
    "stdout", "stderr"} or {"error"}. CPU times are the case's own (with its threads) only with a
    subreaper; without one they are the forking shell's and its children's together."""
    with tempfile.NamedTemporaryFile(prefix="csvbench-out-") as out, \
            tempfile.NamedTemporaryFile(prefix="csvbench-err-") as err:
        started = time.perf_counter()
        if subreaper:
            try:
                shell = subprocess.Popen(LAUNCHER + [out.name, err.name] + command, cwd=ROOT,
                                         stdin=subprocess.DEVNULL, stdout=subprocess.PIPE)
            except OSError as error:
                return {"error": str(error)}
            pid_text = shell.stdout.read().strip()
            shell.wait()
            pid = int(pid_text)
        else:  # no subreaper: reap through the forking shell; the peak may be the driver's
            shell = subprocess.Popen(["/bin/sh", "-c", 'out=$1; err=$2; shift 2; "$@" >"$out" 2>"$err"', "sh",
                                      out.name, err.name] + command, cwd=ROOT, stdin=subprocess.DEVNULL)
            pid = shell.pid
        timer = threading.Timer(CASE_TIMEOUT, lambda: os.kill(pid, signal.SIGKILL))
        timer.start()
        try:
            _, status, usage = os.wait4(pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - started
        if not subreaper:
            shell.returncode = os.waitstatus_to_exitcode(status)
        stdout = open(out.name, encoding="utf-8", errors="replace").read()
        stderr = open(err.name, encoding="utf-8", errors="replace").read()
    code = os.waitstatus_to_exitcode(status)
    if code < 0:
        reason = f"timed out after {CASE_TIMEOUT} s" if seconds >= CASE_TIMEOUT else f"killed by signal {-code}"
        return {"error": reason}
    return {"seconds": seconds, "peak_rss_bytes": usage.ru_maxrss * 1024, "status": code,
            "user_seconds": usage.ru_utime, "system_seconds": usage.ru_stime, "stdout": stdout, "stderr": stderr}


def last_line(text, fallback):
    lines = [l.strip() for l in text.strip().splitlines() if l.strip()]
    return lines[-1] if lines else fallback


def shorten(message):
    """Error text with the repository's absolute path taken out, to keep the table narrow."""
    return message.replace(ROOT + os.sep, "")


# The summary eduetl inspect prints, per file and then one line per sheet, e.g.
#   PATH: CSV, 1 sheet, UTF-8 with BOM, ...
#     1. NAME: A1:T200001, 200001 rows with data, 4000020 cells, no merged ranges
ROWS_RE = re.compile(r"(\d[\d,]*) rows? with data")
CELLS_RE = re.compile(r"(\d[\d,]*) cells?\b")


def parse_inspect(stdout):
    """(rows, cells, summary lines) summed over the sheet lines of an inspect summary."""
    rows, cells, sheet_lines = [], [], []
    for line in stdout.splitlines():
        found = ROWS_RE.search(line)
        if found:  # a sheet line; its cell count is on the same line
            rows.append(int(found.group(1).replace(",", "")))
            sheet_lines.append(line.strip())
            found = CELLS_RE.search(line, found.end())
            if found:
                cells.append(int(found.group(1).replace(",", "")))
    first = stdout.strip().splitlines()[:1]
    return (sum(rows) if rows else None), (sum(cells) if cells else None), first + sheet_lines[:1]


def run_eduetl(binary, path, subreaper):
    if not os.access(binary, os.X_OK):
        return {"error": f"{os.path.relpath(binary, ROOT)} is not built (make release)"}
    result = measure([binary, "inspect", path], subreaper)
    if "error" in result:
        return result
    if result["status"] != 0:
        return {"error": shorten(last_line(result["stderr"], f"exit status {result['status']}"))}
    rows, cells, lines = parse_inspect(result["stdout"])
    if rows is None:
        return {"error": "no 'N rows with data' in the summary: " + shorten(last_line(result["stdout"], "(empty)"))}
    return {"seconds": result["seconds"], "peak_rss_bytes": result["peak_rss_bytes"],
            "rows": rows, "cells": cells, "summary": [shorten(l) for l in lines]}


def remove_database(db):
    for suffix in ("", "-journal", "-wal", "-shm"):
        try:
            os.remove(db + suffix)
        except FileNotFoundError:
            pass


def run_sqlite(sqlite, path, db, subreaper):
    if sqlite is None:
        return {"error": "the sqlite3 shell is not installed (make bench installs it: apt-get install sqlite3)"}
    remove_database(db)
    result = measure([sqlite, db, f'.import --csv "{path}" t'], subreaper)
    if "error" in result:
        return result
    if result["status"] != 0 or result["stderr"].strip():
        return {"error": "sqlite3: " + shorten(last_line(result["stderr"], f"exit status {result['status']}"))}
    counted = subprocess.run([sqlite, db, "SELECT count(*) FROM t"], capture_output=True, text=True)
    remove_database(db)
    try:
        rows = int(counted.stdout.strip()) + 1  # the header row names the columns
    except ValueError:
        rows = None
    return {"seconds": result["seconds"], "peak_rss_bytes": result["peak_rss_bytes"], "rows": rows, "cells": None}


def run_python(path, subreaper):
    result = measure([sys.executable, os.path.join(HERE, "python_csv_case.py"), path], subreaper)
    if "error" in result:
        return result
    lines = [l for l in result["stdout"].splitlines() if l.startswith("{")]
    if result["status"] != 0 or not lines:
        return {"error": last_line(result["stderr"], f"exit status {result['status']}")}
    reported = json.loads(lines[-1])
    return {"seconds": result["seconds"], "peak_rss_bytes": result["peak_rss_bytes"],
            "rows": reported["rows"], "cells": reported["cells"], "inner_seconds": reported["seconds"]}


def summarise(name, runs, file_bytes):
    """Best and median over a case's successful runs; the error when none succeeded."""
    good = [r for r in runs if "error" not in r]
    if not good:
        return {"case": name, "error": runs[-1]["error"] if runs else "not run"}
    seconds = sorted(r["seconds"] for r in good)
    best = seconds[0]
    rows = good[0].get("rows")
    summary = {
        "case": name, "runs": len(good), "failed_runs": len(runs) - len(good),
        "best_seconds": best, "median_seconds": statistics.median(seconds),
        "rows": rows, "cells": good[0].get("cells"), "file_bytes": file_bytes,
        "rows_per_second": rows / best if rows else None,
        "mb_per_second": file_bytes / MB / best,
        "peak_rss_bytes": max(r["peak_rss_bytes"] for r in good),
    }
    for key in ("summary", "inner_seconds"):
        if key in good[0]:
            summary[key] = min(r[key] for r in good) if key == "inner_seconds" else good[0][key]
    return summary


def check(name, value, target, passed, note=""):
    result = {True: "PASS", False: "FAIL", None: "n/a", "info": "info"}[passed]
    return {"check": name, "value": value, "target": target, "result": result, "note": note}


def checks_for(cases, flat):
    def ok(name):
        s = cases.get(name)
        return s is not None and "error" not in s

    utf8, gb, sq, py = (cases.get(n, {}) for n in MAIN_CASES)
    result = []

    name = "eduetl-utf8 speed ÷ sqlite-import speed"
    if ok("eduetl-utf8") and ok("sqlite-import"):
        ratio = sq["best_seconds"] / utf8["best_seconds"]
        result.append(check(name, f"{ratio:.2f}x ({utf8['best_seconds']:.3f} s vs {sq['best_seconds']:.3f} s)",
                            f"≥ {MIN_SPEEDUP_OVER_SQLITE}x", ratio >= MIN_SPEEDUP_OVER_SQLITE))
    else:
        result.append(check(name, "-", f"≥ {MIN_SPEEDUP_OVER_SQLITE}x", None, "a case did not run"))

    name = "eduetl-gb18030 s ÷ eduetl-utf8 s"
    if ok("eduetl-utf8") and ok("eduetl-gb18030"):
        ratio = gb["best_seconds"] / utf8["best_seconds"]
        result.append(check(name, f"{ratio:.2f}x ({gb['best_seconds']:.3f} s vs {utf8['best_seconds']:.3f} s)",
                            f"≤ {MAX_GB18030_RATIO}x", ratio <= MAX_GB18030_RATIO))
    else:
        result.append(check(name, "-", f"≤ {MAX_GB18030_RATIO}x", None, "a case did not run"))

    peaks = {rows: s["peak_rss_bytes"] / MB for rows, s in flat.items() if "error" not in s}
    target = f"spread ≤ {MAX_PEAK_GROWTH_MB} MB"
    if flat and len(peaks) == len(flat) and len(peaks) >= 2:
        spread = max(peaks.values()) - min(peaks.values())
        shown = " / ".join(f"{peaks[r]:.1f}" for r in sorted(peaks))
        labels = " / ".join(f"{r // 1000}k" for r in sorted(peaks))
        result.append(check(f"eduetl-utf8 peak flat over {labels} rows", f"{shown} MB (spread {spread:.1f} MB)",
                            target, spread <= MAX_PEAK_GROWTH_MB))
    else:
        result.append(check("eduetl-utf8 peak flat as rows grow", "-", target, None,
                            "eduetl did not run at every size" if flat else "flat runs not selected"))

    for case in ("eduetl-utf8", "eduetl-gb18030"):
        name = f"{case} rows = python-csv rows"
        if ok(case) and ok("python-csv"):
            s = cases[case]
            result.append(check(name, f"{s['rows']:,} vs {py['rows']:,}", "equal", s["rows"] == py["rows"]))
            if s.get("cells") is not None:
                result.append(check(f"{case} cells = python-csv non-empty fields",
                                    f"{s['cells']:,} vs {py['cells']:,}", "equal", s["cells"] == py["cells"]))
        else:
            result.append(check(name, "-", "equal", None, "a case did not run"))

    if ok("eduetl-utf8") and ok("python-csv"):
        ratio = py["best_seconds"] / utf8["best_seconds"]
        result.append(check("eduetl-utf8 speed ÷ python-csv speed", f"{ratio:.2f}x", "-", "info"))
    if ok("sqlite-import") and ok("python-csv") and sq.get("rows") is not None:
        result.append(check("sqlite-import rows (+ header) = python-csv rows", f"{sq['rows']:,} vs {py['rows']:,}",
                            "equal", sq["rows"] == py["rows"]))
    return result


def print_table(info, cases, flat, checks):
    print(f"\nCSV: {info['rows']:,} rows x {make_csv.COLUMNS} columns (+ header); "
          f"UTF-8 {os.path.relpath(info['utf8_path'], ROOT)} {info['utf8_bytes'] / MB:.1f} MB, "
          f"GB18030 {info['gb18030_bytes'] / MB:.1f} MB")
    print(f"Machine: {info['machine']}; sqlite3 {info['sqlite_version'] or 'not installed'}; "
          f"Python {info['python_version']}")
    if not info["subreaper"]:
        print("Note: no child subreaper here; a peak may include the driver's own.")
    print()
    header = (f"{'case':<15} {'best s':>7} {'median s':>9} {'rows/s':>11} {'MB/s':>7} {'peak MB':>8} "
              f"{'rows':>9}  runs")
    print(header)
    print("-" * len(header))
    for name in MAIN_CASES:
        s = cases.get(name)
        if s is None:
            continue
        if "error" in s:
            print(f"{name:<15} not run: {s['error']}")
            continue
        rate = f"{s['rows_per_second']:,.0f}" if s["rows_per_second"] else "-"
        rows = f"{s['rows']:,}" if s["rows"] is not None else "-"
        print(f"{name:<15} {s['best_seconds']:>7.3f} {s['median_seconds']:>9.3f} {rate:>11} "
              f"{s['mb_per_second']:>7.1f} {s['peak_rss_bytes'] / MB:>8.1f} {rows:>9}  {s['runs']}"
              + (f" ({s['failed_runs']} failed)" if s["failed_runs"] else ""))
    for name in ("eduetl-utf8", "eduetl-gb18030"):
        summary = cases.get(name, {}).get("summary")
        if summary:
            print(f"\n{name} summary:\n  " + "\n  ".join(summary))
    if flat:
        print("\neduetl-utf8 peak memory as rows grow:")
        for rows in sorted(flat):
            s = flat[rows]
            figure = (f"not run: {s['error']}" if "error" in s
                      else f"{s['peak_rss_bytes'] / MB:.1f} MB  ({s['best_seconds']:.3f} s, "
                           f"{s['file_bytes'] / MB:.1f} MB file)")
            print(f"  {rows:>9,} rows: {figure}")
    print("\nTargets (best times):")
    for c in checks:
        note = f"  ({c['note']})" if c["note"] else ""
        print(f"  {c['result']:<5} {c['check']}: {c['value']}  [target {c['target']}]{note}")


def sqlite_version(sqlite):
    if sqlite is None:
        return None
    done = subprocess.run([sqlite, "--version"], capture_output=True, text=True)
    return done.stdout.split()[0] if done.returncode == 0 and done.stdout.split() else None


def main():
    sys.stdout.reconfigure(line_buffering=True)  # keep the table and the progress lines in order
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=int(os.environ.get("BENCH_REPS", "3")))
    parser.add_argument("--rows", type=int, default=int(os.environ.get("BENCH_ROWS", "200000")))
    parser.add_argument("--cases", default=os.environ.get("BENCH_CSV_CASES", ",".join(ALL_CASES)),
                        help="comma-separated: " + ", ".join(ALL_CASES))
    args = parser.parse_args()
    selected = [c.strip() for c in args.cases.split(",") if c.strip()]
    unknown = [c for c in selected if c not in ALL_CASES]
    if unknown or args.reps < 1 or args.rows < 4:
        parser.error(f"unknown case {', '.join(unknown)}" if unknown else "--reps ≥ 1 and --rows ≥ 4")

    binary = os.environ.get("EDUETL", os.path.join(ROOT, ".build", "release", "eduetl"))
    sqlite = os.environ.get("SQLITE3") or shutil.which("sqlite3")
    rows = args.rows
    flat_rows = sorted({rows // 4, rows // 2, rows}) if "flat" in selected else [rows]

    log("csv bench: files (written once into bench-data/, then reused)")
    paths = {}
    for n in flat_rows:
        started = time.perf_counter()
        paths[n] = make_csv.ensure_csv(n)
        if time.perf_counter() - started > 1:
            log(f"  wrote {os.path.relpath(paths[n]['utf8'], ROOT)} and -gb18030.csv "
                f"in {time.perf_counter() - started:.1f} s")
    utf8, gb = paths[rows]["utf8"], paths[rows]["gb18030"]
    sizes = {"utf8": os.path.getsize(utf8), "gb18030": os.path.getsize(gb)}
    db = os.path.join(ROOT, "bench-data", "csv-import-bench.db")

    subreaper = become_subreaper()
    if not subreaper:
        log("csv bench: could not become a child subreaper; peaks may include the driver's")
    runners = {
        "eduetl-utf8": (lambda: run_eduetl(binary, utf8, subreaper), sizes["utf8"]),
        "eduetl-gb18030": (lambda: run_eduetl(binary, gb, subreaper), sizes["gb18030"]),
        "sqlite-import": (lambda: run_sqlite(sqlite, utf8, db, subreaper), sizes["utf8"]),
        "python-csv": (lambda: run_python(utf8, subreaper), sizes["utf8"]),
    }
    runners = {name: r for name, r in runners.items() if name in selected}

    machine = machine_line()
    runs = {name: [] for name in runners}
    for rep in range(1, args.reps + 1):
        for name, (run, _) in runners.items():
            log(f"csv bench: {name} run {rep}/{args.reps}")
            runs[name].append(run())
            if "error" in runs[name][-1]:
                log(f"  {name}: {runs[name][-1]['error']}")
    cases = {name: summarise(name, runs[name], runners[name][1]) for name in runners}

    flat = {}
    if "flat" in selected:
        for n in flat_rows:
            if n == rows and "eduetl-utf8" in cases:
                flat[n] = cases["eduetl-utf8"]
            else:
                log(f"csv bench: eduetl-utf8 on {n:,} rows")
                flat[n] = summarise("eduetl-utf8", [run_eduetl(binary, paths[n]["utf8"], subreaper)],
                                    os.path.getsize(paths[n]["utf8"]))

    info = {"rows": rows, "utf8_path": utf8, "gb18030_path": gb, "utf8_bytes": sizes["utf8"],
            "gb18030_bytes": sizes["gb18030"], "machine": machine, "sqlite_version": sqlite_version(sqlite),
            "python_version": sys.version.split()[0], "subreaper": subreaper, "reps": args.reps,
            "when": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    checks = checks_for(cases, flat)
    print_table(info, cases, flat, checks)

    results = {"csv": info, "cases": cases, "runs": runs,
               "peak_by_rows": {str(n): s.get("peak_rss_bytes") for n, s in flat.items()},
               "checks": checks, "mb": MB}
    out = os.path.join(ROOT, "bench-data", "csv_results.json")
    with open(out, "w") as handle:
        json.dump(results, handle, ensure_ascii=False, indent=2)
    print(f"\nResults: {os.path.relpath(out, ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
