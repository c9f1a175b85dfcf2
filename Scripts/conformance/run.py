#!/usr/bin/env python3
"""Runs the reader conformance corpora in ../shared against eduetl.

Suites: conformance/calamine (XLSX), conformance-xls/calamine, conformance-xls/generated and
conformance-xls/hostile (.xls). For each, copies the expected dumps into a scratch folder,
applies the project's documented differences (known-differences.json for XLSX,
known-differences-xls.json for .xls: the cells eduetl deliberately reads otherwise, with why),
then runs the corpus's own compare.py (../shared/conformance/compare.py) against the command.
The hostile suite runs under a 4 GiB address-space limit, as the corpus README asks, so a reader
that followed a looping chain could not eat the machine's memory. A corpus that is not there is
skipped, saying so. Exits non-zero when any suite fails.

usage: run.py SHARED_DIR SCRATCH_DIR -- COMMAND [ARGS...]
"""
import json, os, resource, shutil, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
HOSTILE_MEMORY_LIMIT = 4 << 30

# (corpus folder under SHARED_DIR, subset, known-differences file, address-space limit)
SUITES = [
    ("conformance", "calamine", "known-differences.json", None),
    ("conformance-xls", "calamine", "known-differences-xls.json", None),
    ("conformance-xls", "generated", "known-differences-xls.json", None),
    ("conformance-xls", "hostile", None, HOSTILE_MEMORY_LIMIT),
]


def load_differences(name):
    if name is None:
        return {}
    with open(os.path.join(HERE, name), encoding="utf-8") as fh:
        return {k: v for k, v in json.load(fh).items() if not k.startswith("_")}


def prepare_expected(source, target, differences):
    """Copies the expected dumps and applies the differences for the workbooks present."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    for book, entry in differences.items():
        path = os.path.join(target, book + ".jsonl")
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as fh:
            cells = [json.loads(line) for line in fh if line.strip()]
        replaced = {(c["sheet"], c["ref"]) for c in entry.get("cells", [])}
        replaced |= {(c["sheet"], c["ref"]) for c in entry.get("absent", [])}
        cells = [c for c in cells if (c.get("sheet"), c.get("ref")) not in replaced] + entry.get("cells", [])
        with open(path, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(c, ensure_ascii=False) + "\n" for c in cells)
        print(f"known difference, {book}: {entry['why']}", flush=True)


def limited(limit):
    if limit is None:
        return None
    return lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def main():
    sep = sys.argv.index("--")
    shared, scratch = sys.argv[1], sys.argv[2]
    command = sys.argv[sep + 1:]
    compare = os.path.join(shared, "conformance", "compare.py")
    failed = []
    for corpus, subset, differences_file, limit in SUITES:
        folder = os.path.join(shared, corpus)
        name = f"{corpus}/{subset}"
        if not os.path.isdir(os.path.join(folder, subset + "-expected")):
            print(f"conformance: {name} is not here; skipped", flush=True)
            continue
        print(f"== {name}", flush=True)
        expected = os.path.join(scratch, corpus, subset + "-expected")
        prepare_expected(os.path.join(folder, subset + "-expected"), expected, load_differences(differences_file))
        status = subprocess.call([sys.executable, compare, expected, os.path.join(folder, subset), "--"] + command,
                                 preexec_fn=limited(limit))
        if status != 0:
            failed.append(name)
    if failed:
        print("conformance: failed: " + ", ".join(failed))
        sys.exit(1)


if __name__ == "__main__":
    main()
