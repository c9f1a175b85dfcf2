#!/usr/bin/env python3
"""Runs the reader conformance corpus (../shared/conformance) against eduetl.

Copies calamine's expected dumps into a scratch folder, applies the project's documented
differences (known-differences.json: the cells eduetl deliberately reads otherwise, with why),
then runs the corpus's own compare.py against `eduetl inspect --cells`.

usage: run.py CONFORMANCE_DIR SCRATCH_DIR -- COMMAND [ARGS...]
"""
import json, os, shutil, subprocess, sys

def main():
    sep = sys.argv.index("--")
    corpus, scratch = sys.argv[1], sys.argv[2]
    command = sys.argv[sep + 1:]
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "known-differences.json"), encoding="utf-8") as fh:
        differences = {k: v for k, v in json.load(fh).items() if not k.startswith("_")}

    expected = os.path.join(scratch, "expected")
    shutil.rmtree(expected, ignore_errors=True)
    shutil.copytree(os.path.join(corpus, "calamine-expected"), expected)
    for book, entry in differences.items():
        path = os.path.join(expected, book + ".jsonl")
        with open(path, encoding="utf-8") as fh:
            cells = [json.loads(line) for line in fh if line.strip()]
        replaced = {(c["sheet"], c["ref"]) for c in entry["cells"]}
        cells = [c for c in cells if (c.get("sheet"), c.get("ref")) not in replaced] + entry["cells"]
        with open(path, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(c, ensure_ascii=False) + "\n" for c in cells)
        print(f"known difference, {book}: {entry['why']}")

    compare = [sys.executable, os.path.join(corpus, "compare.py"), expected, os.path.join(corpus, "calamine"), "--"]
    sys.exit(subprocess.call(compare + command))

if __name__ == "__main__":
    main()
