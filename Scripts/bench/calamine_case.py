#!/usr/bin/env python3
"""The python-calamine side of the benchmark, run as its own process so its peak memory is its own.

Opens the workbook, iterates every row of every sheet and counts non-empty cells; prints one
JSON line in the same shape as EduBench's: case, seconds, cells, xml_bytes, peak_rss_bytes.
The clock starts before the workbook is opened (the shared strings are part of the work) and
stops after the last row; interpreter start-up and the import are outside it.

Usage: calamine_case.py WORKBOOK
"""
import json
import resource
import sys
import time
import zipfile

from python_calamine import CalamineWorkbook


def sheet_xml_bytes(path):
    with zipfile.ZipFile(path) as archive:
        return sum(i.file_size for i in archive.infolist()
                   if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml"))


def main():
    path = sys.argv[1]
    start = time.perf_counter()
    workbook = CalamineWorkbook.from_path(path)
    cells = 0
    for index in range(len(workbook.sheet_names)):
        for row in workbook.get_sheet_by_index(index).iter_rows():
            for value in row:
                if value != "":
                    cells += 1
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kB on Linux
    print(json.dumps({"case": "calamine", "seconds": seconds, "cells": cells,
                      "xml_bytes": sheet_xml_bytes(path), "peak_rss_bytes": peak}))


if __name__ == "__main__":
    main()
