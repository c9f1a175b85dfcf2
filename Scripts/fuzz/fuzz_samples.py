#!/usr/bin/env python3
"""Seeded mutants of the sample inputs through `eduetl inspect --cells` and `eduetl headers`.

Each mutant (byte flips, truncations, XML elements duplicated or removed inside the ZIP entries and
re-zipped, huge numbers, dates Excel cannot show, huge merges, deep nesting, long strings, CSV
lines and fields; see mutators.py) is written with its original's extension and run through both
commands with a timeout and an address-space limit set in the child. Reported, and the exit status
made 1 by any of them:

  crash    the child ended on a signal (a Swift trap is SIGILL or SIGTRAP)
  hang     the child ran past --timeout and was killed
  memory   the child's peak resident memory (wait4 ru_maxrss) passed --rss-mb, or it died
           of the address-space limit (its allocation failed)

Exit status 0 with output, or 1 with one sentence on stderr (a file refused) are both fine.
Mutant i is made from random.Random("SEED:i"), so `--seed S --only i` makes the same file again;
failing mutants are kept in --out with a summary.json.

The inputs are every file under the sample folders (SampleInputs, its sub-folders such as 东湖区/,
and Tests/*/Fixtures/*.csv) whose extension is in --extensions: a new reader's extension (.xls)
is one flag, and its files get the byte-level mutations at once.

  python3 Scripts/fuzz/fuzz_samples.py [--binary PATH] [--seed N] [--count N] [--jobs N]
"""

import argparse
import concurrent.futures
import json
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import mutators  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_EXTENSIONS = "xlsx,xlsm,xls,csv,tsv,txt"
XLS_CORPUS_SAMPLES = ["generated/chinese-return.xls", "calamine/date.xls", "calamine/merge_cells.xls", "calamine/biff5_write.xls",
                      "calamine/xls_formula.xls", "calamine/any_sheets.xls", "calamine/sst_continue.xls"]


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=os.environ.get("EDUETL_BIN", str(ROOT / ".build/release/eduetl")),
                        help="the eduetl binary (default $EDUETL_BIN, else .build/release/eduetl)")
    parser.add_argument("--seed", type=int, default=int(os.environ.get("FUZZ_SEED", "1")))
    parser.add_argument("--count", type=int, default=int(os.environ.get("FUZZ_COUNT", "300")))
    parser.add_argument("--only", type=int, help="run mutant number N alone (to reproduce one)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per command")
    parser.add_argument("--rss-mb", type=int, default=500, help="peak resident memory allowed per command")
    parser.add_argument("--extensions", default=DEFAULT_EXTENSIONS, help="comma-separated, without dots")
    parser.add_argument("--samples", nargs="*", default=[str(ROOT / "SampleInputs")],
                        help="folders (searched recursively) or files to mutate")
    parser.add_argument("--out", default=str(ROOT / ".build/fuzz"), help="failing mutants and summary.json")
    return parser.parse_args()


def sample_files(places, extensions):
    found = []
    for place in map(Path, places):
        candidates = [place] if place.is_file() else sorted(place.rglob("*"))
        found += [path for path in candidates if path.is_file() and path.suffix.lower().lstrip(".") in extensions]
    csv_fixtures = sorted(ROOT.glob("Tests/*/Fixtures/**/*.csv"))
    found += [path for path in csv_fixtures if "csv" in extensions][:6]
    # .xls from other producers: the project's fixtures, and some of ../shared's corpus when it is there.
    corpus = ROOT.parent / "shared" / "conformance-xls"
    xls = sorted(ROOT.glob("Tests/EduXLSTests/Fixtures/*.xls")) + [
        corpus / name for name in XLS_CORPUS_SAMPLES if (corpus / name).is_file()]
    return found + [path for path in xls if "xls" in extensions]


def limit_child(address_space_bytes):
    """In the child before exec: an address-space cap (RLIMIT_AS; Linux does not enforce
    RLIMIT_RSS), no core files, its own process group so a timeout kills everything it started."""
    def apply():
        resource.setrlimit(resource.RLIMIT_AS, (address_space_bytes, address_space_bytes))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        os.setpgrp()
    return apply


def run_command(argv, timeout, address_space_bytes):
    """(status, peak RSS in MB, seconds, stderr's first line); status is 'ok', 'crash:SIGNAME',
    'hang' or 'exit:N' for an exit status other than 0 and 1."""
    started = time.monotonic()
    with tempfile.TemporaryFile() as stderr:
        child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=stderr, stdin=subprocess.DEVNULL,
                                 preexec_fn=limit_child(address_space_bytes))
        hung = False
        while True:
            pid, wait_status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > timeout:
                hung = True
                os.killpg(child.pid, signal.SIGKILL)
                pid, wait_status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.02)
        child.returncode = 0  # reaped here; keep Popen from waiting again
        stderr.seek(0)
        first_line = stderr.read(4096).decode("utf-8", "replace").strip().split("\n")[0]
    seconds = time.monotonic() - started
    peak_mb = usage.ru_maxrss / 1024
    if hung:
        return "hang", peak_mb, seconds, first_line
    if os.WIFSIGNALED(wait_status):
        return "crash:" + signal.Signals(os.WTERMSIG(wait_status)).name, peak_mb, seconds, first_line
    code = os.WEXITSTATUS(wait_status)
    return ("ok" if code in (0, 1) else "exit:%d" % code), peak_mb, seconds, first_line


def classify(status, peak_mb, first_line, rss_mb):
    if status == "hang":
        return "hang"
    if peak_mb > rss_mb:
        return "memory"
    if status.startswith("crash"):
        # An allocation refused by the address-space cap ends in a trap too: it is memory.
        if "alloc" in first_line.lower() or "memory" in first_line.lower():
            return "memory"
        return "crash"
    return None


def make_mutant(number, seed, originals, workdir):
    rng = random.Random("%d:%d" % (seed, number))
    original = rng.choice(originals)
    name, data = mutators.mutate(original.read_bytes(), rng)
    path = Path(workdir) / ("%04d-%s%s" % (number, name.split("(")[0], original.suffix))
    path.write_bytes(data)
    return original, name, path


def run_mutant(number, options, originals, workdir):
    original, mutation, path = make_mutant(number, options.seed, originals, workdir)
    address_space = options.rss_mb * 1024 * 1024 * 4  # virtual reservations run well above RSS
    results = []
    for command in (["inspect", "--cells"], ["headers"]):
        argv = [options.binary] + command + [str(path)]
        status, peak_mb, seconds, first_line = run_command(argv, options.timeout, address_space)
        results.append({"command": " ".join(command), "status": status, "peak_mb": round(peak_mb, 1),
                        "seconds": round(seconds, 2), "stderr": first_line[:300],
                        "finding": classify(status, peak_mb, first_line, options.rss_mb)})
    return {"number": number, "original": str(original.relative_to(ROOT) if original.is_relative_to(ROOT) else original),
            "mutation": mutation, "size": path.stat().st_size, "path": path, "results": results}


def main():
    options = arguments()
    if not os.access(options.binary, os.X_OK):
        sys.exit("fuzz: %s is not an executable; build it (make release) or pass --binary" % options.binary)
    extensions = {ext.strip().lower().lstrip(".") for ext in options.extensions.split(",") if ext.strip()}
    originals = sample_files(options.samples, extensions)
    if not originals:
        sys.exit("fuzz: no input files with extensions %s under %s" % (sorted(extensions), options.samples))
    numbers = [options.only] if options.only is not None else list(range(options.count))
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    print("fuzz: %d mutants of %d files (seed %d), %d at a time, timeout %gs, limit %d MB, binary %s"
          % (len(numbers), len(originals), options.seed, options.jobs, options.timeout, options.rss_mb, options.binary))
    started = time.monotonic()
    findings, peaks, statuses = [], [], {}
    with tempfile.TemporaryDirectory(prefix="eduetl-fuzz-") as workdir:
        with concurrent.futures.ThreadPoolExecutor(max_workers=options.jobs) as pool:
            for outcome in pool.map(lambda n: run_mutant(n, options, originals, workdir), numbers):
                for result in outcome["results"]:
                    peaks.append(result["peak_mb"])
                    statuses[result["status"].split(":")[0]] = statuses.get(result["status"].split(":")[0], 0) + 1
                    if result["finding"]:
                        kept = out / outcome["path"].name
                        kept.write_bytes(outcome["path"].read_bytes())
                        findings.append({**{k: v for k, v in outcome.items() if k not in ("path", "results")},
                                         **result, "kept": str(kept)})
                        print("  %-6s mutant %d (%s of %s, %d bytes): %s %s, %.0f MB, %.1f s: %s"
                              % (result["finding"], outcome["number"], outcome["mutation"], outcome["original"],
                                 outcome["size"], result["command"], result["status"], result["peak_mb"],
                                 result["seconds"], result["stderr"][:160]))
                outcome["path"].unlink(missing_ok=True)
    counts = {kind: sum(1 for f in findings if f["finding"] == kind) for kind in ("crash", "hang", "memory")}
    summary = {"seed": options.seed, "mutants": len(numbers), "runs": len(peaks), "statuses": statuses,
               "findings": counts, "peak_mb_max": max(peaks, default=0), "seconds": round(time.monotonic() - started, 1),
               "details": findings}
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1))
    print("fuzz: %d runs in %.0f s: %d crashes, %d hangs, %d over %d MB (largest peak %.0f MB); exits %s; summary in %s"
          % (len(peaks), summary["seconds"], counts["crash"], counts["hang"], counts["memory"], options.rss_mb,
             summary["peak_mb_max"], statuses, out / "summary.json"))
    sys.exit(1 if findings else 0)


if __name__ == "__main__":
    main()
