#!/usr/bin/env python3
"""`make bench`, .xls part: the legacy .xls reader against python-calamine, then the hostile files.

Runs, side by side on one workbook (65,000 rows x 20 columns, BIFF8, about 1.25 million non-empty
cells in a 20.3 MB Workbook stream; written by ../shared/conformance-xls/make_bench_xls.py into
bench-data/bench.xls and reused), each case as its own process so that its peak memory is its own:
  eduetl     EduBench read-xls: every cell of every sheet through the project's XLS API
  calamine   calamine_case.py: python-calamine 0.9.1 iterating every row of every sheet
Repetitions are interleaved (eduetl, calamine, then again) so that a noisy neighbour slows both
alike. Each case's own clock (from opening the workbook to its last row, interpreter start-up and
imports outside it) gives "s"; the whole process, start to exit, is timed from outside as well
("process s"). Writing bench.xls needs xlwt 1.3.0, which is installed with pip when missing, as
python-calamine 0.9.1 is.

Then the hostile files (../shared/conformance-xls/hostile/*.xls): `eduetl inspect --cells FILE`
on each, BENCH_REPS times, under a 4 GiB address-space limit and a 60 s timeout, with its wall
time and peak RSS (the child's own, from wait4). ok-baseline.xls must exit 0 with 240 cells; each
of the others must exit non-zero (not by a signal) with one line on stderr naming the file. Every
one must take under 1 s and peak under 100 MB (the slowest and largest run count).

Prints a table and the targets (issue 12), each PASS or FAIL, and writes the same to
bench-data/xls-results.json. Exits 0 whatever the figures: benchmarks report, tests assert.
MB here is 10^6 bytes.

Environment: EDUBENCH (path to the EduBench binary, default .build/release/EduBench),
EDUETL (default .build/release/eduetl), BENCH_REPS (repetitions, default 3),
XLS_CORPUS (default ../shared/conformance-xls, beside the repository).
"""
import glob
import importlib.metadata
import json
import os
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
from calamine_case import xls_stream_bytes  # noqa: E402
from run_bench import ensure_calamine, machine_line  # noqa: E402
from run_csv_bench import become_subreaper  # noqa: E402

XLWT_VERSION = "1.3.0"
MB = 1e6
CASE_TIMEOUT = 600
HOSTILE_TIMEOUT = 60
HOSTILE_ADDRESS_SPACE_KB = 4 * 1024 * 1024  # 4 GiB, as ulimit -v counts
BASELINE = "ok-baseline.xls"
BASELINE_CELLS = 240

# The targets, from the issue.
MIN_SPEEDUP_OVER_CALAMINE = 1.5
MAX_PEAK_MB = 100
MAX_HOSTILE_SECONDS = 1.0
MAX_HOSTILE_PEAK_MB = 100


def log(message):
    print(message, file=sys.stderr, flush=True)


def ensure_xlwt():
    """(True, version) when xlwt 1.3.0 (which make_bench_xls.py writes with) is importable,
    installing it with pip when missing."""
    def installed():
        try:
            return importlib.metadata.version("xlwt")
        except importlib.metadata.PackageNotFoundError:
            return None

    version = installed()
    if version != XLWT_VERSION:
        log(f"xls bench: installing xlwt=={XLWT_VERSION} (found {version or 'none'})")
        result = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", f"xlwt=={XLWT_VERSION}"],
                                capture_output=True, text=True)
        importlib.invalidate_caches()
        version = installed()
        if version != XLWT_VERSION:
            reason = (result.stderr.strip().splitlines() or ["pip failed"])[-1]
            return False, f"xlwt {XLWT_VERSION} could not be installed: {reason}"
    return True, version


def ensure_bench_xls(corpus):
    """(path, None) for bench-data/bench.xls, written once by make_bench_xls.py; (None, why) when it
    cannot be. Written under a temporary name first, so an interrupted run leaves nothing to reuse."""
    path = os.path.join(ROOT, "bench-data", "bench.xls")
    if os.path.exists(path):
        return path, None
    script = os.path.join(corpus, "make_bench_xls.py")
    if not os.path.exists(script):
        return None, f"{script} is not here, so bench.xls cannot be written"
    ok, note = ensure_xlwt()
    if not ok:
        return None, note
    os.makedirs(os.path.dirname(path), exist_ok=True)
    partial = path + ".partial"
    started = time.perf_counter()
    done = subprocess.run([sys.executable, script, partial], capture_output=True, text=True)
    if done.returncode != 0 or not os.path.exists(partial):
        return None, "make_bench_xls.py failed: " + (done.stderr.strip().splitlines() or ["no message"])[-1]
    os.replace(partial, path)
    log(f"  wrote {os.path.relpath(path, ROOT)} in {time.perf_counter() - started:.1f} s")
    return path, None


# Peak memory and wall time, as run_csv_bench.py measures them: the driver is a child subreaper;
# a small /bin/sh sets the address-space limit (when asked), forks the case from its own small
# image, prints its pid and exits; the case is re-parented to the driver, which reaps it with
# wait4 and so gets the case's own peak RSS. Wall time runs from before the shell starts until
# the case is reaped.
LAUNCHER = ["/bin/sh", "-c",
            'out=$1; err=$2; limit=$3; shift 3; [ "$limit" = none ] || ulimit -v "$limit"; '
            '"$@" </dev/null >"$out" 2>"$err" & echo $!', "sh"]


def measure(command, subreaper, timeout=CASE_TIMEOUT, address_space_kb=None):
    """Runs one process: {"seconds", "peak_rss_bytes", "status", "stdout", "stderr"}, with
    "killed" (a signal number) and "timed_out" when it did not end on its own; {"error"} when
    it could not be started."""
    limit = str(address_space_kb) if address_space_kb else "none"
    with tempfile.NamedTemporaryFile(prefix="xlsbench-out-") as out, \
            tempfile.NamedTemporaryFile(prefix="xlsbench-err-") as err:
        started = time.perf_counter()
        try:
            if subreaper:
                shell = subprocess.Popen(LAUNCHER + [out.name, err.name, limit] + command, cwd=ROOT,
                                         stdin=subprocess.DEVNULL, stdout=subprocess.PIPE)
                pid_text = shell.stdout.read().strip()
                shell.wait()
                pid = int(pid_text)
            else:  # no subreaper: reap through a shell; the peak may then be the driver's
                shell = subprocess.Popen(["/bin/sh", "-c", 'out=$1; err=$2; limit=$3; shift 3; '
                                          '[ "$limit" = none ] || ulimit -v "$limit"; "$@" >"$out" 2>"$err"',
                                          "sh", out.name, err.name, limit] + command,
                                         cwd=ROOT, stdin=subprocess.DEVNULL)
                pid = shell.pid
        except (OSError, ValueError) as error:
            return {"error": str(error)}
        timed_out = threading.Event()

        def kill():
            timed_out.set()
            os.kill(pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
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
    result = {"seconds": seconds, "peak_rss_bytes": usage.ru_maxrss * 1024, "status": code,
              "stdout": stdout, "stderr": stderr}
    if code < 0:
        result["killed"] = -code
        result["timed_out"] = timed_out.is_set()
    return result


def last_line(text, fallback):
    lines = [l.strip() for l in text.strip().splitlines() if l.strip()]
    return lines[-1] if lines else fallback


def run_case(command, subreaper):
    """One benchmark case: its JSON line as a dict with process_seconds and the process's own
    peak added, or {"error": ...}."""
    result = measure(command, subreaper)
    if "error" in result:
        return result
    if "killed" in result:
        return {"error": f"timed out after {CASE_TIMEOUT} s" if result["timed_out"]
                else f"killed by signal {result['killed']}"}
    lines = [line for line in result["stdout"].splitlines() if line.startswith("{")]
    if result["status"] != 0 or not lines:
        return {"error": last_line(result["stderr"], f"exit status {result['status']}")}
    reported = json.loads(lines[-1])
    reported["process_seconds"] = result["seconds"]
    reported["peak_rss_bytes"] = result["peak_rss_bytes"] if subreaper else reported["peak_rss_bytes"]
    return reported


def summarise(name, runs):
    """Best and median over a case's successful runs; the error when none succeeded."""
    good = [r for r in runs if "error" not in r]
    if not good:
        return {"case": name, "error": runs[-1]["error"] if runs else "not run"}
    seconds = sorted(r["seconds"] for r in good)
    median = statistics.median(seconds)
    cells, stream_bytes = good[0]["cells"], good[0]["xml_bytes"]
    return {
        "case": name, "runs": len(good), "failed_runs": len(runs) - len(good),
        "best_seconds": seconds[0], "median_seconds": median,
        "median_process_seconds": statistics.median(r["process_seconds"] for r in good),
        "cells": cells, "stream_bytes": stream_bytes,
        "cells_per_second": cells / median if cells else None,
        "stream_mb_per_second": stream_bytes / MB / median if stream_bytes else None,
        "peak_rss_bytes": max(r["peak_rss_bytes"] for r in good),
    }


def check(name, value, target, passed, note=""):
    result = {True: "PASS", False: "FAIL", None: "n/a", "info": "info"}[passed]
    return {"check": name, "value": value, "target": target, "result": result, "note": note}


def checks_for(cases):
    eduetl, calamine = cases.get("eduetl", {}), cases.get("calamine", {})

    def have(*summaries):
        return all(s and "error" not in s for s in summaries)

    result = []
    target = f"≥ {MIN_SPEEDUP_OVER_CALAMINE}x"
    if have(eduetl, calamine):
        ratio = calamine["median_seconds"] / eduetl["median_seconds"]
        result.append(check("eduetl speed ÷ calamine speed (own clocks)",
                            f"{ratio:.2f}x ({eduetl['median_seconds']:.3f} s vs {calamine['median_seconds']:.3f} s)",
                            target, ratio >= MIN_SPEEDUP_OVER_CALAMINE))
        ratio = calamine["median_process_seconds"] / eduetl["median_process_seconds"]
        result.append(check("eduetl speed ÷ calamine speed (whole processes)",
                            f"{ratio:.2f}x ({eduetl['median_process_seconds']:.3f} s vs "
                            f"{calamine['median_process_seconds']:.3f} s)", target, ratio >= MIN_SPEEDUP_OVER_CALAMINE))
        result.append(check("eduetl cells = calamine non-empty cells", f"{eduetl['cells']:,} vs {calamine['cells']:,}",
                            "equal", eduetl["cells"] == calamine["cells"]))
    else:
        result.append(check("eduetl speed ÷ calamine speed", "-", target, None, "a case did not run"))

    target = f"< {MAX_PEAK_MB} MB"
    if have(eduetl):
        peak = eduetl["peak_rss_bytes"] / MB
        result.append(check("eduetl peak memory", f"{peak:.1f} MB", target, peak < MAX_PEAK_MB))
    else:
        result.append(check("eduetl peak memory", "-", target, None, "eduetl did not run"))
    if have(calamine):
        result.append(check("calamine peak memory", f"{calamine['peak_rss_bytes'] / MB:.1f} MB", "-", "info"))
    return result


def run_hostile(eduetl, path, reps, subreaper):
    """`eduetl inspect --cells PATH` reps times: the slowest time, the largest peak, and whether
    it did what it must (see the module's docstring)."""
    name = os.path.basename(path)
    if not os.access(eduetl, os.X_OK):
        return {"file": name, "error": f"{os.path.relpath(eduetl, ROOT)} is not built (make release)"}
    runs = [measure([eduetl, "inspect", "--cells", path], subreaper, HOSTILE_TIMEOUT, HOSTILE_ADDRESS_SPACE_KB)
            for _ in range(reps)]
    failed = next((r for r in runs if "error" in r), None)
    if failed:
        return {"file": name, "error": failed["error"]}
    worst = max(runs, key=lambda r: r["seconds"])
    stderr_lines = [l for l in worst["stderr"].splitlines() if l.strip()]
    outcome = {
        "file": name, "runs": len(runs), "statuses": sorted({r["status"] for r in runs}),
        "status": worst["status"], "max_seconds": worst["seconds"],
        "median_seconds": statistics.median(r["seconds"] for r in runs),
        "peak_rss_bytes": max(r["peak_rss_bytes"] for r in runs),
        "stderr_lines": len(stderr_lines), "message": stderr_lines[0] if stderr_lines else "",
        "cells": sum(1 for l in worst["stdout"].splitlines() if l.startswith("{")),
    }
    if "killed" in worst:
        outcome["killed"] = worst["killed"]
        outcome["timed_out"] = worst["timed_out"]

    problems = []
    if any("killed" in r for r in runs):
        problems.append(f"timed out after {HOSTILE_TIMEOUT} s" if worst.get("timed_out")
                        else f"killed by signal {next(r['killed'] for r in runs if 'killed' in r)}")
    elif len(outcome["statuses"]) > 1:
        problems.append(f"exit statuses differ between runs: {outcome['statuses']}")
    if name == BASELINE:
        if worst["status"] != 0:
            problems.append(f"exit status {worst['status']}, not 0")
        if outcome["cells"] != BASELINE_CELLS:
            problems.append(f"{outcome['cells']} cells, not {BASELINE_CELLS}")
    else:
        if worst["status"] <= 0:
            problems.append("exit status 0: not refused" if worst["status"] == 0 else "no exit status")
        if len(stderr_lines) != 1:
            problems.append(f"{len(stderr_lines)} lines on stderr, not 1")
        elif name not in outcome["message"]:
            problems.append("the message does not name the file")
    if outcome["max_seconds"] >= MAX_HOSTILE_SECONDS:
        problems.append(f"{outcome['max_seconds']:.2f} s, not under {MAX_HOSTILE_SECONDS:g} s")
    if outcome["peak_rss_bytes"] / MB >= MAX_HOSTILE_PEAK_MB:
        problems.append(f"peak {outcome['peak_rss_bytes'] / MB:.1f} MB, not under {MAX_HOSTILE_PEAK_MB} MB")
    outcome["result"] = "FAIL" if problems else "PASS"
    outcome["problems"] = problems
    return outcome


def shorten(message):
    """A message with the repository's and the corpus's absolute paths taken out."""
    return message.replace(ROOT + os.sep, "")


def print_table(info, cases, checks, hostile):
    stream = f"Workbook stream {info['stream_bytes'] / MB:.1f} MB, " if info["stream_bytes"] else ""
    print(f"\nWorkbook: {os.path.relpath(info['path'], ROOT)}: 65,000 rows x 20 columns, "
          f"{stream}file {info['file_bytes'] / MB:.1f} MB")
    print(f"Machine: {info['machine']}; Python {info['python_version']}")
    if not info["subreaper"]:
        print("Note: no child subreaper here; a peak may include the driver's own.")
    print()
    header = (f"{'case':<10} {'best s':>8} {'median s':>9} {'process s':>10} {'cells/s':>11} "
              f"{'MB/s':>7} {'peak MB':>8} {'cells':>10}  runs")
    print(header)
    print("-" * len(header))
    for name in ("eduetl", "calamine"):
        s = cases.get(name)
        if s is None:
            continue
        if "error" in s:
            print(f"{name:<10} not run: {shorten(s['error'])}")
            continue
        rate = f"{s['cells_per_second']:,.0f}" if s["cells_per_second"] else "-"
        mbs = f"{s['stream_mb_per_second']:.1f}" if s["stream_mb_per_second"] else "-"
        print(f"{name:<10} {s['best_seconds']:>8.3f} {s['median_seconds']:>9.3f} {s['median_process_seconds']:>10.3f} "
              f"{rate:>11} {mbs:>7} {s['peak_rss_bytes'] / MB:>8.1f} {s['cells']:>10,}  {s['runs']}"
              + (f" ({s['failed_runs']} failed)" if s["failed_runs"] else ""))
    print("(s: the case's own clock, open to last row; process s: the whole process, median; "
          "MB/s of the Workbook stream, at the median)")
    print("\nTargets (medians):")
    for c in checks:
        note = f"  ({c['note']})" if c["note"] else ""
        print(f"  {c['result']:<5} {c['check']}: {c['value']}  [target {c['target']}]{note}")

    if hostile is None:
        return
    print(f"\nHostile files ({info['hostile_dir']}), eduetl inspect --cells, {info['reps']} runs each "
          f"under ulimit -v {HOSTILE_ADDRESS_SPACE_KB} and a {HOSTILE_TIMEOUT} s timeout "
          "(slowest run, largest peak):")
    header = f"{'file':<20} {'exit':>4} {'max s':>6} {'peak MB':>8}  result  stderr (first line)"
    print(header)
    print("-" * len(header))
    for h in hostile:
        if "error" in h:
            print(f"{h['file']:<20} not run: {shorten(h['error'])}")
            continue
        status = f"sig{h['killed']}" if "killed" in h else str(h["status"])
        message = (f"({h['cells']} cells)" if h["file"] == BASELINE and h["status"] == 0
                   else shorten(h["message"]).replace(info["hostile_dir"] + os.sep, ""))
        print(f"{h['file']:<20} {status:>4} {h['max_seconds']:>6.3f} {h['peak_rss_bytes'] / MB:>8.1f}  "
              f"{h['result']:<6}  {message}")
        for problem in h["problems"]:
            print(f"{'':<20} {'':>4} {'':>6} {'':>8}  {'':<6}  ! {problem}")
    print(f"  targets: under {MAX_HOSTILE_SECONDS:g} s and {MAX_HOSTILE_PEAK_MB} MB; {BASELINE}: exit 0 and "
          f"{BASELINE_CELLS} cells; the others: a non-zero exit and one line on stderr naming the file")


def main():
    sys.stdout.reconfigure(line_buffering=True)  # keep the table and the progress lines in order
    binary = os.environ.get("EDUBENCH", os.path.join(ROOT, ".build", "release", "EduBench"))
    eduetl = os.environ.get("EDUETL", os.path.join(ROOT, ".build", "release", "eduetl"))
    corpus = os.environ.get("XLS_CORPUS", os.path.join(os.path.dirname(ROOT), "shared", "conformance-xls"))
    reps = int(os.environ.get("BENCH_REPS", "3"))
    if reps < 1:
        log("xls bench: BENCH_REPS must be at least 1")
        return 2
    if not os.access(binary, os.X_OK):
        log(f"xls bench: {binary} is not built; run `make bench-xls` (or swift build -c release --product EduBench)")
        return 2

    log("xls bench: workbook (written once into bench-data/, then reused)")
    workbook_path, why = ensure_bench_xls(corpus)
    subreaper = become_subreaper()
    if not subreaper:
        log("xls bench: could not become a child subreaper; peaks may include the driver's")
    machine = machine_line()

    runs = {"eduetl": [], "calamine": []}
    calamine_ok, calamine_note = ensure_calamine()
    if workbook_path is None:
        log(f"xls bench: {why}; the workbook cases are left out")
        for name in runs:
            runs[name].append({"error": why})
    else:
        commands = {
            "eduetl": [binary, "read-xls", workbook_path],
            "calamine": [sys.executable, os.path.join(HERE, "calamine_case.py"), workbook_path],
        }
        if not calamine_ok:
            log(f"xls bench: {calamine_note}; the calamine case is left out")
            runs["calamine"].append({"error": calamine_note})
            del commands["calamine"]
        for rep in range(1, reps + 1):
            for name, command in commands.items():
                log(f"xls bench: {name} run {rep}/{reps}")
                runs[name].append(run_case(command, subreaper))
                if "error" in runs[name][-1]:
                    log(f"  {name}: {runs[name][-1]['error']}")
    cases = {name: summarise(name, r) for name, r in runs.items()}
    checks = checks_for(cases)

    hostile_dir = os.path.join(corpus, "hostile")
    hostile_files = sorted(glob.glob(os.path.join(hostile_dir, "*.xls")))
    hostile = None
    if hostile_files:
        hostile = []
        for path in hostile_files:
            log(f"xls bench: hostile {os.path.basename(path)}")
            hostile.append(run_hostile(eduetl, path, reps, subreaper))
    else:
        log(f"xls bench: no hostile files in {hostile_dir}; that part is left out")

    info = {"path": workbook_path or os.path.join(ROOT, "bench-data", "bench.xls"),
            "stream_bytes": xls_stream_bytes(workbook_path) if workbook_path else None,
            "file_bytes": os.path.getsize(workbook_path) if workbook_path else 0,
            "machine": machine, "python_version": sys.version.split()[0], "subreaper": subreaper,
            "reps": reps, "hostile_dir": hostile_dir, "when": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    print_table(info, cases, checks, hostile)
    if not calamine_ok:
        print(f"\nNote: {calamine_note}")

    results = {"workbook": info, "calamine_version": calamine_note if calamine_ok else None,
               "cases": cases, "runs": runs, "checks": checks, "hostile": hostile, "mb": MB}
    out = os.path.join(ROOT, "bench-data", "xls-results.json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as handle:
        json.dump(results, handle, ensure_ascii=False, indent=2)
    print(f"\nResults: {os.path.relpath(out, ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
