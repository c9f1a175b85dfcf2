#!/usr/bin/env python3
"""`make bench`, scale part (issue 15): a national year in one warehouse against one county's.

Inputs (make_national.py, written once into bench-data/ and reused): 31 province CSV files of 2,790
counties x 70 schools (195,300 schools, 13 values each: 2,538,900 values), and the first county's
70 schools (110001) as a file of their own. Two warehouses are built from them and kept for
querying by hand: bench-data/scale-national.db and bench-data/scale-one-county.db.

Cases, each its own process, timed from outside (start-up included) with its own peak RSS and
user + system CPU time (run_csv_bench.measure: a child subreaper reaps it with wait4):
  ingest            eduetl ingest bench-data/national --db NEW --year 2024 --json
  floor             EduBench floor-insert NEW TSV: the value rows that ingest left in loaded_values,
                    dumped with run_ingest_bench.dump_values into bench-data/scale-floor-values.tsv,
                    then one prepared INSERT a row in one transaction (EduBench's own timing of that
                    loop, the TSV loaded beforehand, untimed)
  ingest-one        eduetl ingest of the one-county folder into its own warehouse
  size              after PRAGMA wal_checkpoint(TRUNCATE): each warehouse's bytes / its loaded_values
                    rows, and per-table (and index) bytes from dbstat where the SQLite build has it
  county_balance    SELECT * FROM county_balance WHERE county_code = '110001' AND year = 2024
  school_compliance SELECT * FROM school_compliance WHERE county_code = '110001' AND year = 2024
                    both on each warehouse, through sql_query_case.py (Python's sqlite3, a fresh
                    process a query: its own time from the open to the last row fetched, and a
                    digest of the rows, which must be the same on both warehouses)
  report-json       eduetl report --year 2024 --county 110001 --db DB --out TMP --format json
  report-xlsx       the same with --format xlsx, on each warehouse (TMP deleted after)
  all-counties      SELECT * FROM county_balance WHERE year = 2024 on the national warehouse
Repetitions (BENCH_REPS, default 1: this part is slow) are interleaved, one-county before national.
Every query and report runs under a timeout (BENCH_SCALE_TIMEOUT, default 900 s), so the bench ends
even where a query takes minutes: such a case is shown as "timeout" and its check fails; further
repetitions of it are skipped. Both warehouses sit in the page cache when queried (just written).

Prints a table and the targets, each PASS or FAIL, and writes the same to
bench-data/scale_results.json. Exits 0 whatever the figures: benchmarks report, tests assert.
MB here is 10^6 bytes. Ratios of queries use each query's own time (the helper's start-up aside);
ratios of reports the whole eduetl process.

Environment (flags of the same meaning win): EDUETL (default .build/release/eduetl), EDUBENCH
(default .build/release/EduBench), BENCH_REPS (default 1), BENCH_SCALE_COUNTIES (default 2790),
BENCH_SCALE_SCHOOLS (schools a county, default 70), BENCH_SCALE_PROVINCES (default 31, at most one
a county), BENCH_SCALE_TIMEOUT (seconds, default 900), BENCH_SCALE_CASES (comma-separated subset of:
ingest, size, queries, reports, all-counties; default all; without ingest the warehouses of the
last run of the same shape are queried again). Another shape than the default is written to
bench-data/national-<C>x<M>/ and its warehouses named so too.

Usage: run_scale_bench.py [--reps N] [--counties N] [--schools N] [--provinces N] [--timeout S] [--cases a,b,...]
"""
import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import make_national  # noqa: E402
import run_csv_bench  # noqa: E402  its CASE_TIMEOUT is this bench's timeout
from run_bench import machine_line  # noqa: E402
from run_csv_bench import become_subreaper, last_line, measure, shorten  # noqa: E402
from run_ingest_bench import check, dump_values, library_sqlite_version, print_checks, remove_database, run_floor  # noqa: E402

MB = 1e6
YEAR = 2024
DATA = os.path.join(ROOT, "bench-data")
ALL_CASES = ("ingest", "size", "queries", "reports", "all-counties")
REPORT_FORMATS = ("json", "xlsx")

# The targets, from the issue.
MAX_INGEST_RATIO = 1.5  # national ingest ÷ its bare-insert floor
MAX_COUNTY_RATIO = 3.0  # one county on the national warehouse ÷ the same on the one-county warehouse
MAX_ALL_COUNTIES_SECONDS = 10.0


def log(message):
    print(message, file=sys.stderr, flush=True)


def figures(result):
    return {key: result[key] for key in ("seconds", "peak_rss_bytes", "user_seconds", "system_seconds")}


def failed(result):
    """{"error", "timeout"} of a measure() result that timed out or was killed."""
    return {"error": result["error"], "timeout": result["error"].startswith("timed out")}


def run_ingest(binary, folder, db, subreaper, keep):
    if not os.access(binary, os.X_OK):
        return {"error": f"{os.path.relpath(binary, ROOT)} is not built (make release)"}
    remove_database(db)
    result = measure([binary, "ingest", folder, "--db", db, "--year", str(YEAR), "--json"], subreaper)
    try:
        if "error" in result:
            return failed(result)
        try:
            summary = json.loads(result["stdout"])
        except ValueError:
            return {"error": shorten(last_line(result["stderr"], f"exit status {result['status']}"))}
        if result["status"] not in (0, 1):  # 1: some file rejected, the rest loaded (said in the notes)
            return {"error": shorten(last_line(result["stderr"], f"exit status {result['status']}"))}
        out = figures(result)
        out.update({key: summary[key] for key in ("files_loaded", "files_rejected", "values", "rejects", "conflicts")})
        out["status"] = result["status"]
        return out
    finally:
        if not keep:
            remove_database(db)


def child_report(result):
    """The JSON line a measured child printed last, or the error to report instead."""
    if "error" in result:
        return None, failed(result)
    lines = [line for line in result["stdout"].splitlines() if line.startswith("{")]
    if result["status"] != 0 or not lines:
        return None, {"error": shorten(last_line(result["stderr"], f"exit status {result['status']}"))}
    return json.loads(lines[-1]), None


def run_query(db, sql, subreaper):
    result = measure([sys.executable, os.path.join(HERE, "sql_query_case.py"), db, sql], subreaper)
    reported, error = child_report(result)
    if error:
        return error
    out = figures(result)
    out.update({"seconds": reported["seconds"], "process_seconds": result["seconds"], "rows": reported["rows"],
                "digest": reported["digest"]})
    return out


def run_report(binary, db, county, fmt, subreaper):
    out_dir = tempfile.mkdtemp(prefix="scale-report-", dir=DATA)
    try:
        result = measure([binary, "report", "--year", str(YEAR), "--county", county, "--db", db,
                          "--out", out_dir, "--format", fmt], subreaper)
        if "error" in result:
            return failed(result)
        written = [os.path.join(out_dir, name) for name in os.listdir(out_dir)]
        if result["status"] != 0 or not written:
            return {"error": shorten(last_line(result["stderr"], f"exit status {result['status']}"))}
        out = figures(result)
        out.update({"process_seconds": result["seconds"], "files": len(written),
                    "bytes": sum(os.path.getsize(p) for p in written)})
        return out
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)


def warehouse_size(db):
    """Bytes of the warehouse after a checkpoint that empties its WAL; rows of loaded_values and of the
    other tables that grow with the schools; per-table and per-index bytes from dbstat, else None."""
    connection = sqlite3.connect(db)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        rows = {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("loaded_values", "schools", "sheets", "source_files")}
        try:
            tables = [{"name": name, "pages": pages, "bytes": size} for name, pages, size in connection.execute(
                "SELECT name, count(*), sum(pgsize) FROM dbstat GROUP BY name ORDER BY 3 DESC")]
            dbstat_note = "dbstat (Python's sqlite3)"
        except sqlite3.OperationalError as error:
            tables, dbstat_note = None, f"no dbstat in Python's sqlite3 ({error})"
    finally:
        connection.close()
    if tables is None and shutil.which("sqlite3"):  # the shell may be built with it where the library is not
        done = subprocess.run(["sqlite3", "-readonly", "-separator", "\t", db,
                               "SELECT name, count(*), sum(pgsize) FROM dbstat GROUP BY name ORDER BY 3 DESC"],
                              capture_output=True, text=True)
        if done.returncode == 0:
            tables = [{"name": n, "pages": int(p), "bytes": int(b)}
                      for n, p, b in (line.split("\t") for line in done.stdout.splitlines() if line)]
            dbstat_note = "dbstat (the sqlite3 shell)"
        else:
            dbstat_note += "; nor in the sqlite3 shell"
    size = sum(os.path.getsize(db + s) for s in ("", "-wal") if os.path.exists(db + s))
    return {"bytes": size, "rows": rows, "bytes_per_value": size / rows["loaded_values"] if rows["loaded_values"] else None,
            "tables": tables, "dbstat": dbstat_note}


def summarise(runs):
    """Best and median seconds of a case's good runs and the best run's other figures; a case whose
    every run failed keeps the last error (and whether it was a timeout)."""
    good = [r for r in runs if "error" not in r]
    if not good:
        return dict(runs[-1]) if runs else {"error": "not run"}
    best = min(good, key=lambda r: r["seconds"])
    summary = dict(best)
    summary.update({"runs": len(good), "failed_runs": len(runs) - len(good), "best_seconds": best["seconds"],
                    "median_seconds": statistics.median(r["seconds"] for r in good)})
    del summary["seconds"]
    return summary


def ok(s):
    return s is not None and "error" not in s


def seconds_text(s, timeout):
    if s is None:
        return "-"
    if s.get("timeout"):
        return f"timeout (> {timeout:.0f} s)"
    if "error" in s:
        return "failed"
    return f"{s['best_seconds']:.3f} s"


def ratio_check(name, national, one, target, timeout):
    """national ÷ one-county of a case; a national timeout counts as at least the timeout."""
    label = f"{name}: national ÷ one-county"
    if ok(national) and ok(one):
        ratio = national["best_seconds"] / one["best_seconds"]
        return check(label, f"{ratio:,.1f}x ({national['best_seconds']:.3f} s vs {one['best_seconds']:.3f} s)",
                     f"≤ {target:g}x", ratio <= target)
    if national is not None and national.get("timeout") and ok(one):
        return check(label, f"> {timeout / one['best_seconds']:,.0f}x (timeout after {timeout:.0f} s vs "
                     f"{one['best_seconds']:.3f} s)", f"≤ {target:g}x", False)
    return check(label, "-", f"≤ {target:g}x", None, "a case did not run: " +
                 "; ".join(s["error"] for s in (national, one) if s is not None and "error" in s))


def checks_for(cases, info, timeout):
    result = []
    ingest, floor = cases.get(("ingest", "national")), cases.get(("floor", "national"))
    if ingest is not None or floor is not None:
        name = "national ingest s ÷ its floor-insert s"
        target = f"≤ {MAX_INGEST_RATIO}x"
        if ok(ingest) and ok(floor):
            ratio = ingest["best_seconds"] / floor["best_seconds"]
            result.append(check(name, f"{ratio:.2f}x ({ingest['best_seconds']:.3f} s vs {floor['best_seconds']:.3f} s)",
                                target, ratio <= MAX_INGEST_RATIO))
            result.append(check("national ingest values (summary) = floor rows",
                                f"{ingest['values']:,} vs {floor['rows']:,}", "equal", ingest["values"] == floor["rows"]))
        else:
            result.append(check(name, "-", target, None, "a case did not run"))
    for warehouse in ("national", "one-county"):
        s = cases.get(("ingest", warehouse))
        if ok(s):
            expected = info["expected_values"][warehouse]
            result.append(check(f"{warehouse} ingest values = schools x 13", f"{s['values']:,} vs {expected:,}",
                                "equal", s["values"] == expected,
                                f"{s['files_rejected']} files rejected, {s['rejects']:,} rejects" if s["files_rejected"] or s["rejects"] else ""))
    county = info["county"]
    for case in ("county_balance", "school_compliance"):
        national, one = cases.get((case, "national")), cases.get((case, "one-county"))
        if national is None and one is None:
            continue
        result.append(ratio_check(f"{case} of {county}", national, one, MAX_COUNTY_RATIO, timeout))
        if ok(national) and ok(one):
            same = national["digest"] == one["digest"] and national["rows"] == one["rows"]
            result.append(check(f"{case} of {county}: the same rows on both warehouses",
                                f"{national['rows']:,} rows, digests {national['digest']} / {one['digest']}",
                                "equal", same))
    for fmt in REPORT_FORMATS:
        national, one = cases.get((f"report-{fmt}", "national")), cases.get((f"report-{fmt}", "one-county"))
        if national is None and one is None:
            continue
        result.append(ratio_check(f"eduetl report --county {county} --format {fmt}", national, one, MAX_COUNTY_RATIO, timeout))
    s = cases.get(("all-counties", "national"))
    if s is not None:
        name = "every county's county_balance in one query (national)"
        target = f"< {MAX_ALL_COUNTIES_SECONDS:g} s"
        if ok(s):
            result.append(check(name, f"{s['best_seconds']:.3f} s ({s['rows']:,} rows)", target,
                                s["best_seconds"] < MAX_ALL_COUNTIES_SECONDS))
        elif s.get("timeout"):
            result.append(check(name, f"timeout (> {timeout:.0f} s)", target, False))
        else:
            result.append(check(name, "-", target, None, s.get("error", "")))
    for warehouse in ("national", "one-county"):
        size = info["sizes"].get(warehouse)
        if size and size.get("bytes_per_value"):
            result.append(check(f"bytes per value ({warehouse})",
                                f"{size['bytes_per_value']:.1f} ({size['bytes'] / MB:,.1f} MB / "
                                f"{size['rows']['loaded_values']:,} values)", "-", "info"))
    return result


ROWS = [  # (case, warehouse, label)
    ("ingest", "national", "ingest (national)"), ("floor", "national", "floor-insert (its rows)"),
    ("ingest", "one-county", "ingest (one county)"),
    ("county_balance", "one-county", "county_balance 1 county"), ("county_balance", "national", "county_balance 1 county"),
    ("school_compliance", "one-county", "school_compliance 1 cty"), ("school_compliance", "national", "school_compliance 1 cty"),
    ("report-json", "one-county", "report --format json"), ("report-json", "national", "report --format json"),
    ("report-xlsx", "one-county", "report --format xlsx"), ("report-xlsx", "national", "report --format xlsx"),
    ("all-counties", "national", "county_balance, all"),
]


def print_table(info, cases, checks, timeout):
    print(f"\nScale: {info['provinces']} province files of {info['counties']:,} counties x {info['schools_per_county']} "
          f"schools ({info['schools']:,} schools, {info['expected_values']['national']:,} values, "
          f"{info['input_bytes'] / MB:.1f} MB) in {os.path.relpath(info['folder'], ROOT)}; one county "
          f"{info['county']} ({info['county_name']}, {info['schools_per_county']} schools) in "
          f"{os.path.relpath(info['one_county_folder'], ROOT)}")
    end = f", load {info['load_at_end']:.2f} at end" if info.get("load_at_end") is not None else ""
    print(f"Machine: {info['machine']}{end}; SQLite {info['sqlite_version']}; Python {info['python_version']}")
    if not info["subreaper"]:
        print("Note: no child subreaper here; peaks and CPU times may include the driver's shell.")
    print(f"Seconds: the floor's are EduBench's timing of BEGIN … COMMIT; a query's its own (open to last row), the "
          f"process in 'proc s'; the rest the whole process. Timeout {timeout:.0f} s.\n")
    header = (f"{'case':<25} {'warehouse':<11} {'best s':>10} {'median s':>9} {'proc s':>8} {'CPU s':>8} "
              f"{'rows':>10} {'peak MB':>8}  runs")
    print(header)
    print("-" * len(header))
    for case, warehouse, label in ROWS:
        s = cases.get((case, warehouse))
        if s is None:
            continue
        if "error" in s:
            what = f"timeout (> {timeout:.0f} s)" if s.get("timeout") else f"not run: {s['error']}"
            print(f"{label:<25} {warehouse:<11} {what}")
            continue
        count = s.get("values", s.get("rows"))
        proc = s.get("process_seconds", s["best_seconds"])
        print(f"{label:<25} {warehouse:<11} {s['best_seconds']:>10.3f} {s['median_seconds']:>9.3f} {proc:>8.2f} "
              f"{s['user_seconds'] + s['system_seconds']:>8.2f} {(f'{count:,}' if count is not None else '-'):>10} "
              f"{s['peak_rss_bytes'] / MB:>8.1f}  {s['runs']}" + (f" ({s['failed_runs']} failed)" if s["failed_runs"] else ""))
    notes = []
    for warehouse in ("national", "one-county"):
        s = cases.get(("ingest", warehouse))
        if ok(s):
            notes.append(f"ingest ({warehouse}): {s['files_loaded']} files loaded, {s['files_rejected']} rejected, "
                         f"{s['values']:,} values, {s['rejects']:,} rejects, {s['conflicts']:,} conflicts, "
                         f"{s['values'] / s['best_seconds']:,.0f} values/s")
    s = cases.get(("floor", "national"))
    if ok(s):
        notes.append(f"floor: {s['rows']:,} rows; loading the TSV (untimed) {s['load_seconds']:.3f} s, "
                     f"whole process {s['process_seconds']:.3f} s")
    for fmt in REPORT_FORMATS:
        for warehouse in ("one-county", "national"):
            s = cases.get((f"report-{fmt}", warehouse))
            if ok(s):
                notes.append(f"report {fmt} ({warehouse}): {s['files']} file(s), {s['bytes']:,} bytes")
    if notes:
        print("\n" + "\n".join(notes))
    for warehouse in ("national", "one-county"):
        size = info["sizes"].get(warehouse)
        if not size:
            continue
        print(f"\nWarehouse {warehouse}: {size['bytes'] / MB:,.1f} MB after wal_checkpoint(TRUNCATE), "
              f"{size['rows']['loaded_values']:,} values, {size['bytes_per_value']:.1f} bytes a value; "
              f"schools {size['rows']['schools']:,}, sheets {size['rows']['sheets']:,}")
        if size["tables"]:
            print(f"  by table and index ({size['dbstat']}):")
            for t in size["tables"][:12]:
                share = t["bytes"] / size["bytes"] if size["bytes"] else 0
                per = t["bytes"] / size["rows"]["loaded_values"] if size["rows"]["loaded_values"] else 0
                print(f"    {t['name']:<40} {t['bytes'] / MB:>9.1f} MB {share:>6.1%}  {per:>6.1f} B/value")
            if len(size["tables"]) > 12:
                rest = sum(t["bytes"] for t in size["tables"][12:])
                print(f"    {'(' + str(len(size['tables']) - 12) + ' more)':<40} {rest / MB:>9.1f} MB")
        else:
            print(f"  per table: n/a ({size['dbstat']})")
    print_checks("Targets (best times):", checks)


def main():
    sys.stdout.reconfigure(line_buffering=True)  # keep the table and the progress lines in order
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=int(os.environ.get("BENCH_REPS", "1")))
    parser.add_argument("--counties", type=int, default=int(os.environ.get("BENCH_SCALE_COUNTIES", make_national.DEFAULT_COUNTIES)))
    parser.add_argument("--schools", type=int, default=int(os.environ.get("BENCH_SCALE_SCHOOLS", make_national.DEFAULT_SCHOOLS)),
                        help="schools a county")
    parser.add_argument("--provinces", type=int, default=int(os.environ.get("BENCH_SCALE_PROVINCES", make_national.DEFAULT_PROVINCES)))
    parser.add_argument("--timeout", type=float, default=float(os.environ.get("BENCH_SCALE_TIMEOUT", "900")))
    parser.add_argument("--cases", default=os.environ.get("BENCH_SCALE_CASES", ",".join(ALL_CASES)),
                        help="comma-separated: " + ", ".join(ALL_CASES))
    args = parser.parse_args()
    selected = [c.strip() for c in args.cases.split(",") if c.strip()]
    unknown = [c for c in selected if c not in ALL_CASES]
    if unknown or args.reps < 1 or args.counties < 1 or args.schools < 1 or args.timeout <= 0:
        parser.error(f"unknown case {', '.join(unknown)}" if unknown else "--reps, --counties, --schools ≥ 1, --timeout > 0")
    provinces = min(args.provinces, args.counties)
    run_csv_bench.CASE_TIMEOUT = args.timeout  # measure() kills a case after this many seconds

    eduetl = os.environ.get("EDUETL", os.path.join(ROOT, ".build", "release", "eduetl"))
    edubench = os.environ.get("EDUBENCH", os.path.join(ROOT, ".build", "release", "EduBench"))

    default_shape = (args.counties, args.schools, provinces) == (
        make_national.DEFAULT_COUNTIES, make_national.DEFAULT_SCHOOLS, make_national.DEFAULT_PROVINCES)
    stem = "national" if default_shape else f"national-{args.counties}x{args.schools}" + (
        "" if provinces == make_national.DEFAULT_PROVINCES else f"-p{provinces}")
    log(f"scale bench: inputs (written once into bench-data/{stem}/, then reused)")
    started = time.perf_counter()
    try:
        made = make_national.ensure_national(provinces, args.counties, args.schools, [YEAR],
                                             out=os.path.join(DATA, stem))
    except ValueError as error:
        parser.error(str(error))
    if time.perf_counter() - started > 1:
        log(f"  inputs ready in {time.perf_counter() - started:.1f} s")
    county = made["one_county"]
    dbs = {"national": os.path.join(DATA, f"scale-{stem}.db"), "one-county": os.path.join(DATA, f"scale-{stem}-one-county.db")}
    folders = {"national": made["folder"], "one-county": made["one_county_folder"]}
    scratch = os.path.join(DATA, "scale-scratch.db")
    floor_db = os.path.join(DATA, "scale-floor.db")
    tsv = os.path.join(DATA, f"scale-floor-values{'' if default_shape else '-' + stem}.tsv")

    subreaper = become_subreaper()
    if not subreaper:
        log("scale bench: could not become a child subreaper; peaks and CPU times may include the driver's")
    machine = machine_line()
    runs = {}

    def record(key, result):
        runs.setdefault(key, []).append(result)
        if "error" in result:
            log(f"  {key[0]} ({key[1]}): {'timeout' if result.get('timeout') else result['error']}")
        else:
            log(f"  {result['seconds']:.3f} s")

    def timed_out(key):
        return any(r.get("timeout") for r in runs.get(key, []))

    if "ingest" in selected:
        for rep in range(1, args.reps + 1):
            for warehouse in ("national", "one-county"):
                log(f"scale bench: ingest ({warehouse}) run {rep}/{args.reps}")
                db = dbs[warehouse] if rep == 1 else scratch  # the first run's warehouse is the one queried
                record(("ingest", warehouse), run_ingest(eduetl, folders[warehouse], db, subreaper, keep=rep == 1))
                if warehouse == "national" and rep == 1 and "error" not in runs[("ingest", warehouse)][-1]:
                    log("  dumping loaded_values for the floor")
                    dump_values(dbs["national"], tsv)
                if warehouse == "national" and os.path.exists(tsv) and "error" not in runs[("ingest", "national")][0]:
                    log(f"scale bench: floor-insert run {rep}/{args.reps}")
                    record(("floor", "national"), run_floor(edubench, tsv, floor_db, subreaper))
    missing = [w for w, db in dbs.items() if not os.path.exists(db)]
    if missing:
        log(f"scale bench: no warehouse for {', '.join(missing)} (its ingest failed or was not run); its cases are left out")

    sizes = {}
    if "size" in selected:
        for warehouse, db in dbs.items():
            if warehouse not in missing:
                log(f"scale bench: size of the {warehouse} warehouse")
                sizes[warehouse] = warehouse_size(db)

    queries = {
        "county_balance": f"SELECT * FROM county_balance WHERE county_code = '{county}' AND year = {YEAR}",
        "school_compliance": f"SELECT * FROM school_compliance WHERE county_code = '{county}' AND year = {YEAR}",
    }
    for rep in range(1, args.reps + 1):
        steps = []
        if "queries" in selected:
            steps += [(case, lambda db, sql=sql: run_query(db, sql, subreaper)) for case, sql in queries.items()]
        if "reports" in selected:
            steps += [(f"report-{fmt}", lambda db, fmt=fmt: run_report(eduetl, db, county, fmt, subreaper))
                      for fmt in REPORT_FORMATS]
        for case, run in steps:
            for warehouse in ("one-county", "national"):
                if warehouse in missing or timed_out((case, warehouse)):
                    continue
                log(f"scale bench: {case} ({warehouse}) run {rep}/{args.reps}")
                record((case, warehouse), run(dbs[warehouse]))
        if "all-counties" in selected and "national" not in missing and not timed_out(("all-counties", "national")):
            log(f"scale bench: all-counties (national) run {rep}/{args.reps}")
            record(("all-counties", "national"),
                   run_query(dbs["national"], f"SELECT * FROM county_balance WHERE year = {YEAR}", subreaper))

    cases = {key: summarise(r) for key, r in runs.items()}
    info = {"folder": made["folder"], "one_county_folder": made["one_county_folder"], "county": county,
            "county_name": made["one_county_name"], "provinces": provinces, "counties": args.counties,
            "schools_per_county": args.schools, "schools": made["schools"],
            "expected_values": {"national": made["values"], "one-county": args.schools * make_national.VALUES_PER_SCHOOL},
            "input_bytes": sum(os.path.getsize(p) for p in made["files"]), "warehouses": dbs,
            "machine": machine, "sqlite_version": library_sqlite_version(), "python_version": sys.version.split()[0],
            "subreaper": subreaper, "reps": args.reps, "timeout_seconds": args.timeout, "sizes": sizes,
            "when": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    info["load_at_end"] = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    checks = checks_for(cases, info, args.timeout)
    print_table(info, cases, checks, args.timeout)

    results = {"scale": info, "cases": [dict(case=k[0], warehouse=k[1], **v) for k, v in cases.items()],
               "runs": [dict(case=k[0], warehouse=k[1], runs=v) for k, v in runs.items()], "checks": checks, "mb": MB,
               "targets": {"max_ingest_ratio_to_floor": MAX_INGEST_RATIO, "max_county_ratio": MAX_COUNTY_RATIO,
                           "max_all_counties_seconds": MAX_ALL_COUNTIES_SECONDS}}
    out = os.path.join(DATA, "scale_results.json")
    with open(out, "w") as handle:
        json.dump(results, handle, ensure_ascii=False, indent=2)
    print(f"\nResults: {os.path.relpath(out, ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
