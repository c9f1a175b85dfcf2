#!/usr/bin/env python3
"""The python-csv case of the CSV benchmark: Python's csv module reading every row of a file.

Opens the file (utf-8-sig unless told otherwise, so Excel's BOM is not part of the first field),
reads every row with csv.reader (the excel dialect, as Excel writes), counts rows and non-empty
fields; prints one JSON line: case, rows, cells, seconds (from the open to the last row; the driver
also times the whole process from outside).

Usage: python_csv_case.py FILE [ENCODING]
"""
import csv
import json
import sys
import time


def main():
    path = sys.argv[1]
    encoding = sys.argv[2] if len(sys.argv) > 2 else "utf-8-sig"
    start = time.perf_counter()
    rows = cells = 0
    with open(path, encoding=encoding, newline="") as handle:
        for row in csv.reader(handle):
            rows += 1
            cells += len(row) - row.count("")
    seconds = time.perf_counter() - start
    print(json.dumps({"case": "python-csv", "rows": rows, "cells": cells, "seconds": seconds}))


if __name__ == "__main__":
    main()
