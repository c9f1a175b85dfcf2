#!/usr/bin/env python3
"""`make bench`, ingest part (issue 5): `eduetl ingest` end to end against a bare INSERT floor,
and a batch of 300 county workbooks on every core.

Cases, each its own process, timed from outside (start-up included) with its own peak RSS and
user + system CPU time (run_csv_bench.measure: a child subreaper reaps it with wait4):
  e2e            eduetl ingest <the 200,000-row UTF-8 CSV of make_csv.py> --db NEW --county 360321
  floor          EduBench floor-insert NEW TSV: the value rows that ingest left in loaded_values
                 (dumped from the first e2e run's warehouse with sqlite3: year, county_code,
                 school_code, stage, field, value, unit, cell and the current flag, in id order),
                 loaded into memory untimed, then BEGIN; one prepared INSERT bound and stepped per
                 row; COMMIT, into a new warehouse of the same schema and PRAGMAs; its own timing
                 of that loop
  e2e-distinct   the same CSV with every row's school code made unique (3603000000 + row), so that
                 no value overrides another (see "Why two CSVs" below)
  floor-distinct the floor on that file's loaded_values
  headers        eduetl headers on the issue's CSV: read and normalise, no warehouse (first rep
                 only; where the e2e time goes)
  batch          eduetl ingest bench-data/ingest-300 --db NEW --county 360321 (one worker per core)
  batch-j1       the same with --jobs 1
Repetitions are interleaved (e2e, floor, e2e-distinct, floor-distinct, batch, batch-j1, then
again) so that a noisy neighbour slows every case alike. Every warehouse is a new file, deleted
after its run; the floors' value rows stay in bench-data/ingest-floor-values*.tsv (rewritten by
every run), so `EduBench floor-insert NEW.db THAT.tsv` can be run again by hand.

Why two CSVs: make_csv.py's county file repeats its schools (returns grouped by school, a few
forms each, from a pool of 3,000 with colliding codes), so most of the values ingest reads land
on a (year, school, stage, field) it already holds: the later row wins, the earlier value stays
with current = 0 and, where the figures differ, a conflict is recorded. The floor writes the same
rows with their final flags in one INSERT each, so e2e against floor includes what overriding
costs; e2e-distinct against floor-distinct is the same work without a single override. (Before
the warehouse kept overridden values, loaded_values held only the survivors and the two counts
differed; the check "values (summary) = floor rows" says so when they do.)

Prints a table and the targets, each PASS or FAIL, and writes the same to
bench-data/ingest_results.json. Exits 0 whatever the figures: benchmarks report, tests assert.
MB here is 10^6 bytes.

Environment (flags of the same meaning win): EDUETL (default .build/release/eduetl), EDUBENCH
(default .build/release/EduBench), BENCH_REPS (default 3), BENCH_ROWS (CSV rows, default 200000),
BENCH_INGEST_CASES (comma-separated subset of: e2e, distinct, headers, batch, batch-j1; default all;
e2e and distinct bring their floors).

Usage: run_ingest_bench.py [--reps N] [--rows N] [--cases a,b,...]
"""
import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import make_csv  # noqa: E402
import make_ingest_workbooks  # noqa: E402
from run_bench import machine_line  # noqa: E402
from run_csv_bench import become_subreaper, last_line, measure, shorten  # noqa: E402

MB = 1e6
COUNTY = "360321"
ALL_CASES = ("e2e", "distinct", "headers", "batch", "batch-j1")
DATA = os.path.join(ROOT, "bench-data")
VALUE_COLUMNS = ("year", "county_code", "school_code", "stage", "field", "value", "unit", "cell")

# The targets, from the issue.
MAX_RATIO_TO_FLOOR = 1.5
MIN_CPU_UTILISATION = 1.5  # (user + sys) / wall of the 300-workbook batch: two cores ≈ 2.0


def log(message):
    print(message, file=sys.stderr, flush=True)


def remove_database(db):
    for suffix in ("", "-journal", "-wal", "-shm"):
        try:
            os.remove(db + suffix)
        except FileNotFoundError:
            pass


def distinct_csv(source):
    """The issue's CSV with each data row's school code (the first field, 10 digits) made unique;
    every other byte as it was. Written next to it once, then reused."""
    path = source.replace("-utf8.csv", "-distinct-utf8.csv")
    if os.path.exists(path) and os.path.getmtime(path) >= os.path.getmtime(source):
        return path
    with open(source, "rb") as handle:
        data = handle.read()
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    lines = data[len(bom):].split(b"\r\n")
    out = [lines[0]]
    n = 0
    for line in lines[1:]:
        if line:
            if not (line[:10].isdigit() and line[10:11] == b","):
                raise ValueError(f"{source}: a data row does not start with a 10-digit code: {line[:20]!r}")
            line = b"3603%06d" % n + line[10:]
            n += 1
        out.append(line)
    with open(path + ".partial", "wb") as handle:
        handle.write(bom + b"\r\n".join(out))
    os.replace(path + ".partial", path)
    return path


def dump_values(db, tsv):
    """loaded_values as the floor reads it: a header line, then one tab-separated row per value,
    in id order; with the `current` flag where the schema has one (a value a later row or file
    overrode stays, not current), so the floor writes the rows as ingest left them."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        names = {row[1] for row in connection.execute("PRAGMA table_info(loaded_values)")}
        columns = VALUE_COLUMNS + (("current",) if "current" in names else ())
        rows = connection.execute(f"SELECT {', '.join(columns)} FROM loaded_values ORDER BY id")
        count = 0
        with open(tsv + ".partial", "w", encoding="utf-8", newline="\n") as handle:
            handle.write("\t".join(columns) + "\n")
            for row in rows:
                fields = []
                for value in row:
                    text = "\\N" if value is None else (repr(value) if isinstance(value, float) else str(value))
                    if "\t" in text or "\n" in text or "\r" in text:
                        raise ValueError(f"{db}: a value row holds a tab or line break: {row!r}")
                    fields.append(text)
                handle.write("\t".join(fields) + "\n")
                count += 1
    finally:
        connection.close()
    os.replace(tsv + ".partial", tsv)
    return count


def table_counts(db):
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        counts = {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("loaded_values", "conflicts", "rejects", "schools", "sheets", "source_files")}
        names = {row[1] for row in connection.execute("PRAGMA table_info(loaded_values)")}
        if "current" in names:
            counts["current_values"] = connection.execute(
                "SELECT count(*) FROM loaded_values WHERE current = 1").fetchone()[0]
        return counts
    finally:
        connection.close()


def run_ingest(binary, inputs, db, subreaper, jobs=None, keep=False):
    """One eduetl ingest into a new warehouse; its figures and summary counts."""
    if not os.access(binary, os.X_OK):
        return {"error": f"{os.path.relpath(binary, ROOT)} is not built (make release)"}
    remove_database(db)
    command = [binary, "ingest", *inputs, "--db", db, "--county", COUNTY, "--json"]
    if jobs is not None:
        command += ["--jobs", str(jobs)]
    result = measure(command, subreaper)
    try:
        if "error" in result:
            return result
        if result["status"] != 0:
            return {"error": shorten(last_line(result["stderr"], f"exit status {result['status']}"))}
        try:
            summary = json.loads(result["stdout"])
        except ValueError:
            return {"error": "no JSON summary: " + shorten(last_line(result["stdout"], "(empty)"))}
        figures = {key: result[key] for key in ("seconds", "peak_rss_bytes", "user_seconds", "system_seconds")}
        figures.update({key: summary[key] for key in ("files_loaded", "files_rejected", "values", "rejects", "conflicts")})
        figures["files"] = len(summary.get("files", []))
        figures["tables"] = table_counts(db)
        return figures
    finally:
        if not keep:
            remove_database(db)


def run_floor(binary, tsv, db, subreaper):
    if not os.access(binary, os.X_OK):
        return {"error": f"{os.path.relpath(binary, ROOT)} is not built (swift build -c release --product EduBench)"}
    if tsv is None:
        return {"error": "no value rows: the e2e run that provides them failed"}
    remove_database(db)
    try:
        result = measure([binary, "floor-insert", db, tsv], subreaper)
        if "error" in result:
            return result
        lines = [l for l in result["stdout"].splitlines() if l.startswith("{")]
        if result["status"] != 0 or not lines:
            return {"error": shorten(last_line(result["stderr"], f"exit status {result['status']}"))}
        reported = json.loads(lines[-1])
        return {"seconds": reported["seconds"], "rows": reported["rows"], "load_seconds": reported["load_seconds"],
                "process_seconds": result["seconds"], "peak_rss_bytes": result["peak_rss_bytes"],
                "user_seconds": result["user_seconds"], "system_seconds": result["system_seconds"]}
    finally:
        remove_database(db)


def run_headers(binary, path, subreaper):
    result = measure([binary, "headers", path], subreaper)
    if "error" in result:
        return result
    if result["status"] != 0:
        return {"error": shorten(last_line(result["stderr"], f"exit status {result['status']}"))}
    return {key: result[key] for key in ("seconds", "peak_rss_bytes", "user_seconds", "system_seconds")}


def summarise(name, runs):
    """Best and median wall seconds over a case's good runs, and the best run's other figures,
    its CPU utilisation ((user + sys) / process wall time) among them: another process taking a
    core (a build next door) lowers both a run's speed and its utilisation, so the fastest run is
    the least disturbed one. Every run's utilisation is kept too."""
    good = [r for r in runs if "error" not in r]
    if not good:
        return {"case": name, "error": runs[-1]["error"] if runs else "not run"}
    best = min(good, key=lambda r: r["seconds"])
    summary = dict(best)
    summary.update({"case": name, "runs": len(good), "failed_runs": len(runs) - len(good),
                    "best_seconds": best["seconds"], "median_seconds": statistics.median(r["seconds"] for r in good)})
    del summary["seconds"]
    wall = [r.get("process_seconds", r["seconds"]) for r in good]
    cpu = [r["user_seconds"] + r["system_seconds"] for r in good]
    summary["cpu_seconds"] = best["user_seconds"] + best["system_seconds"]
    summary["cpu_utilisations"] = [round(c / w, 3) for c, w in zip(cpu, wall)]
    summary["cpu_utilisation"] = summary["cpu_utilisations"][good.index(best)]
    count = summary.get("values", summary.get("rows"))
    summary["values_per_second"] = count / best["seconds"] if count else None
    if summary.get("files", 0) > 1:  # the batches; a one-file case has no files/s worth showing
        summary["files_per_second"] = summary["files"] / best["seconds"]
    return summary


def library_sqlite_version():
    """The system libsqlite3's version, which eduetl and EduBench link (pkg-config), else Python's."""
    try:
        done = subprocess.run(["pkg-config", "--modversion", "sqlite3"], capture_output=True, text=True)
        if done.returncode == 0 and done.stdout.strip():
            return done.stdout.strip()
    except OSError:
        pass
    return f"{sqlite3.sqlite_version} (Python's)"


def check(name, value, target, passed, note=""):
    result = {True: "PASS", False: "FAIL", None: "n/a", "info": "info"}[passed]
    return {"check": name, "value": value, "target": target, "result": result, "note": note}


def ok(cases, name):
    s = cases.get(name)
    return s is not None and "error" not in s


def checks_for(cases):
    result = []
    for e2e, floor, label in (("e2e", "floor", "issue CSV"), ("e2e-distinct", "floor-distinct", "distinct codes")):
        if e2e not in cases and floor not in cases:
            continue
        name = f"{e2e} s ÷ {floor} s ({label})"
        target = f"≤ {MAX_RATIO_TO_FLOOR}x"
        if ok(cases, e2e) and ok(cases, floor):
            a, b = cases[e2e], cases[floor]
            ratio = a["best_seconds"] / b["best_seconds"]
            result.append(check(name, f"{ratio:.2f}x ({a['best_seconds']:.3f} s vs {b['best_seconds']:.3f} s)",
                                target, ratio <= MAX_RATIO_TO_FLOOR))
            same = a["values"] == b["rows"]
            note = ""
            if not same:
                note = (f"ingest wrote {a['values']:,} values ({a['conflicts']:,} conflicts: the same school, "
                        f"stage and field again in the file, the later row wins); loaded_values holds "
                        f"{a['tables']['loaded_values']:,}")
            result.append(check(f"{e2e} values (summary) = {floor} rows", f"{a['values']:,} vs {b['rows']:,}",
                                "equal", same, note))
        else:
            result.append(check(name, "-", target, None, "a case did not run"))

    if "batch" in cases:
        name = "batch (300 workbooks) CPU utilisation (user+sys)/wall"
        target = f"≥ {MIN_CPU_UTILISATION} (2 cores busy ≈ 2.0)"
        if ok(cases, "batch"):
            s = cases["batch"]
            result.append(check(name, f"{s['cpu_utilisation']:.2f} on {os.cpu_count()} cores", target,
                                s["cpu_utilisation"] >= MIN_CPU_UTILISATION))
        else:
            result.append(check(name, "-", target, None, "batch did not run"))
    if ok(cases, "batch") and ok(cases, "batch-j1"):
        a, b = cases["batch"], cases["batch-j1"]
        result.append(check("batch-j1 s ÷ batch s (speed-up of one worker per core)",
                            f"{b['best_seconds'] / a['best_seconds']:.2f}x", "-", "info"))
    if ok(cases, "headers") and ok(cases, "e2e"):
        h, e = cases["headers"], cases["e2e"]
        result.append(check("headers s ÷ e2e s (share of e2e that is reading + normalising)",
                            f"{h['best_seconds'] / e['best_seconds']:.0%} ({h['best_seconds']:.3f} s of "
                            f"{e['best_seconds']:.3f} s)", "-", "info"))
    return result


ROW_LABELS = {
    "e2e": "e2e (issue CSV)", "floor": "floor (its rows)", "e2e-distinct": "e2e-distinct",
    "floor-distinct": "floor-distinct", "headers": "headers (no db)", "batch": "batch-300",
    "batch-j1": "batch-300 --jobs 1",
}


def print_table(info, cases, checks):
    print(f"\nIngest: CSV {os.path.relpath(info['csv_path'], ROOT)} ({info['csv_rows']:,} rows, "
          f"{info['csv_bytes'] / MB:.1f} MB) and its distinct-codes copy; batch "
          f"{os.path.relpath(info['batch_folder'], ROOT)}: {info['batch_files']} workbooks x "
          f"{info['batch_rows']} schools ({info['batch_bytes'] / MB:.1f} MB)")
    end = f", load {info['load_at_end']:.2f} at end" if info.get("load_at_end") is not None else ""
    print(f"Machine: {info['machine']}{end}; SQLite {info['sqlite_version']}; Python {info['python_version']}")
    if not info["subreaper"]:
        print("Note: no child subreaper here; peaks and CPU times may include the driver's shell.")
    print("Floors: seconds are EduBench's own timing of BEGIN … COMMIT (rows loaded beforehand); "
          "every other case is the whole process.\n")
    header = (f"{'case':<19} {'best s':>8} {'median s':>9} {'CPU s':>7} {'CPU/wall':>8} {'values':>10} "
              f"{'values/s':>10} {'files/s':>8} {'peak MB':>8}  runs")
    print(header)
    print("-" * len(header))
    for name, label in ROW_LABELS.items():
        s = cases.get(name)
        if s is None:
            continue
        if "error" in s:
            print(f"{label:<19} not run: {s['error']}")
            continue
        count = s.get("values", s.get("rows"))
        rate = f"{s['values_per_second']:,.0f}" if s.get("values_per_second") else "-"
        files = f"{s['files_per_second']:.1f}" if s.get("files_per_second") else "-"
        print(f"{label:<19} {s['best_seconds']:>8.3f} {s['median_seconds']:>9.3f} {s['cpu_seconds']:>7.2f} "
              f"{s['cpu_utilisation']:>8.2f} {(f'{count:,}' if count else '-'):>10} {rate:>10} {files:>8} "
              f"{s['peak_rss_bytes'] / MB:>8.1f}  {s['runs']}"
              + (f" ({s['failed_runs']} failed)" if s["failed_runs"] else ""))
    notes = []
    for name in ("e2e", "e2e-distinct", "batch", "batch-j1"):
        s = cases.get(name)
        if s and "error" not in s:
            t = s["tables"]
            notes.append(f"{name}: {s['files_loaded']} files loaded, {s['values']:,} values, {s['rejects']:,} rejects, "
                         f"{s['conflicts']:,} conflicts; loaded_values {t['loaded_values']:,} rows"
                         + (f" ({t['current_values']:,} current)" if "current_values" in t else "") + ", "
                         f"schools {t['schools']:,}, sheets {t['sheets']:,}")
    for name in ("floor", "floor-distinct"):
        s = cases.get(name)
        if s and "error" not in s:
            notes.append(f"{name}: {s['rows']:,} rows; loading the TSV (untimed) {s['load_seconds']:.3f} s, "
                         f"whole process {s['process_seconds']:.3f} s")
    if notes:
        print("\n" + "\n".join(notes))
    for name in ("batch", "batch-j1"):
        s = cases.get(name)
        if s and "error" not in s and s["runs"] > 1:
            print(f"{name}: every run (s, CPU/wall): " + ", ".join(
                f"{r['seconds']:.2f} s {u:.2f}" for r, u in zip(info["good_runs"][name], s["cpu_utilisations"])))
    print_checks("Targets (best times; CPU/wall of the fastest run):", checks)


def print_checks(heading, checks):
    """The targets, each PASS or FAIL, with its note under it."""
    print("\n" + heading)
    for c in checks:
        note = f"\n        ({c['note']})" if c["note"] else ""
        print(f"  {c['result']:<5} {c['check']}: {c['value']}  [target {c['target']}]{note}")


def main():
    sys.stdout.reconfigure(line_buffering=True)  # keep the table and the progress lines in order
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=int(os.environ.get("BENCH_REPS", "3")))
    parser.add_argument("--rows", type=int, default=int(os.environ.get("BENCH_ROWS", "200000")))
    parser.add_argument("--cases", default=os.environ.get("BENCH_INGEST_CASES", ",".join(ALL_CASES)),
                        help="comma-separated: " + ", ".join(ALL_CASES))
    args = parser.parse_args()
    selected = [c.strip() for c in args.cases.split(",") if c.strip()]
    unknown = [c for c in selected if c not in ALL_CASES]
    if unknown or args.reps < 1 or args.rows < 4:
        parser.error(f"unknown case {', '.join(unknown)}" if unknown else "--reps ≥ 1 and --rows ≥ 4")

    eduetl = os.environ.get("EDUETL", os.path.join(ROOT, ".build", "release", "eduetl"))
    edubench = os.environ.get("EDUBENCH", os.path.join(ROOT, ".build", "release", "EduBench"))

    log("ingest bench: inputs (written once into bench-data/, then reused)")
    started = time.perf_counter()
    csv_path = make_csv.ensure_csv(args.rows)["utf8"]
    distinct_path = distinct_csv(csv_path) if "distinct" in selected else None
    folder, workbooks = make_ingest_workbooks.ensure_workbooks()
    if time.perf_counter() - started > 1:
        log(f"  inputs ready in {time.perf_counter() - started:.1f} s")

    subreaper = become_subreaper()
    if not subreaper:
        log("ingest bench: could not become a child subreaper; peaks and CPU times may include the driver's")
    db = os.path.join(DATA, "ingest-bench.db")
    floor_db = os.path.join(DATA, "ingest-floor.db")
    tsv = {"floor": os.path.join(DATA, "ingest-floor-values.tsv"),
           "floor-distinct": os.path.join(DATA, "ingest-floor-values-distinct.tsv")}
    ready = {"floor": None, "floor-distinct": None}  # the TSV once this run's first e2e has filled it

    def e2e(path, floor):
        def run():
            result = run_ingest(eduetl, [path], db, subreaper, keep=ready[floor] is None)
            if ready[floor] is None:
                if "error" not in result:
                    log(f"  dumping loaded_values for {floor}")
                    dump_values(db, tsv[floor])
                    ready[floor] = tsv[floor]
                remove_database(db)
            return result
        return run

    runners = {}
    if "e2e" in selected:
        runners["e2e"] = e2e(csv_path, "floor")
        runners["floor"] = lambda: run_floor(edubench, ready["floor"], floor_db, subreaper)
    if "distinct" in selected:
        runners["e2e-distinct"] = e2e(distinct_path, "floor-distinct")
        runners["floor-distinct"] = lambda: run_floor(edubench, ready["floor-distinct"], floor_db, subreaper)
    if "headers" in selected:
        runners["headers"] = lambda: run_headers(eduetl, csv_path, subreaper)
    if "batch" in selected:
        runners["batch"] = lambda: run_ingest(eduetl, [folder], db, subreaper)
    if "batch-j1" in selected:
        runners["batch-j1"] = lambda: run_ingest(eduetl, [folder], db, subreaper, jobs=1)

    machine = machine_line()
    runs = {name: [] for name in runners}
    for rep in range(1, args.reps + 1):
        for name, run in runners.items():
            if name == "headers" and rep > 1:
                continue  # once is enough to say where the time goes
            log(f"ingest bench: {name} run {rep}/{args.reps}")
            runs[name].append(run())
            if "error" in runs[name][-1]:
                log(f"  {name}: {runs[name][-1]['error']}")
            else:
                r = runs[name][-1]
                log(f"  {r['seconds']:.3f} s")
    cases = {name: summarise(name, r) for name, r in runs.items()}

    info = {"csv_path": csv_path, "csv_rows": args.rows, "csv_bytes": os.path.getsize(csv_path),
            "distinct_path": distinct_path, "batch_folder": folder, "batch_files": len(workbooks),
            "batch_rows": make_ingest_workbooks.DEFAULT_ROWS,
            "batch_bytes": sum(os.path.getsize(p) for p in workbooks), "machine": machine,
            "sqlite_version": library_sqlite_version(), "python_version": sys.version.split()[0],
            "subreaper": subreaper, "reps": args.reps, "when": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    info["load_at_end"] = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    info["good_runs"] = {name: [{"seconds": r["seconds"]} for r in rs if "error" not in r] for name, rs in runs.items()}
    checks = checks_for(cases)
    print_table(info, cases, checks)

    results = {"ingest": info, "cases": cases, "runs": runs, "checks": checks, "mb": MB,
               "targets": {"max_ratio_to_floor": MAX_RATIO_TO_FLOOR, "min_cpu_utilisation": MIN_CPU_UTILISATION}}
    out = os.path.join(DATA, "ingest_results.json")
    with open(out, "w") as handle:
        json.dump(results, handle, ensure_ascii=False, indent=2)
    print(f"\nResults: {os.path.relpath(out, ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
