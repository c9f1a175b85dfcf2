#!/usr/bin/env python3
"""The python-calamine side of the benchmark, run as its own process so its peak memory is its own.

Opens the workbook, iterates every row of every sheet and counts non-empty cells; prints one
JSON line in the same shape as EduBench's: case, seconds, cells, xml_bytes, peak_rss_bytes.
The clock starts before the workbook is opened (the shared strings are part of the work) and
stops after the last row; interpreter start-up and the import are outside it.

xml_bytes is what the reader parses: for an .xlsx the sheets' XML (uncompressed), for a legacy
.xls the Workbook stream of its compound file (as EduBench read-xls reports it).

Usage: calamine_case.py WORKBOOK
"""
import json
import resource
import struct
import sys
import time
import zipfile

CFB_SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")
END_OF_CHAIN = 0xFFFFFFFE


def sheet_xml_bytes(path):
    with zipfile.ZipFile(path) as archive:
        return sum(i.file_size for i in archive.infolist()
                   if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml"))


def xls_stream_bytes(path):
    """The size of a compound file's Workbook stream (else Book, any case) from its directory
    ([MS-CFB]: header, DIFAT, FAT, directory chain); None when the file holds neither. Meant for
    the benchmark's own well-formed workbook: chains are walked without the checks a reader needs."""
    with open(path, "rb") as handle:
        data = handle.read()
    if data[:8] != CFB_SIGNATURE:
        return None
    sector = 1 << struct.unpack_from("<H", data, 30)[0]
    per_sector = sector // 4
    fat_count, first_directory = struct.unpack_from("<II", data, 44)
    next_difat, difat_count = struct.unpack_from("<II", data, 68)
    difat = list(struct.unpack_from("<109I", data, 76))
    for _ in range(difat_count):
        fields = struct.unpack_from(f"<{per_sector}I", data, (next_difat + 1) * sector)
        difat += fields[:-1]
        next_difat = fields[-1]
    fat = []
    for number in difat[:fat_count]:
        fat += struct.unpack_from(f"<{per_sector}I", data, (number + 1) * sector)
    sizes, seen, current = {}, set(), first_directory
    while current != END_OF_CHAIN and current < len(fat) and current not in seen:
        seen.add(current)
        start = (current + 1) * sector
        for entry in range(start, min(start + sector, len(data) - 127), 128):
            name_bytes = struct.unpack_from("<H", data, entry + 64)[0]
            name = data[entry:entry + max(name_bytes - 2, 0)].decode("utf-16-le", "replace")
            size = struct.unpack_from("<Q", data, entry + 120)[0]
            if data[entry + 66] == 2:  # a stream; version 3 files keep only the low 32 bits
                sizes.setdefault(name.lower(), size & 0xFFFFFFFF if sector == 512 else size)
        current = fat[current]
    return sizes.get("workbook", sizes.get("book"))


def parsed_bytes(path):
    if zipfile.is_zipfile(path):
        return sheet_xml_bytes(path)
    return xls_stream_bytes(path)


def main():
    from python_calamine import CalamineWorkbook  # here, so that the helpers above import without it

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
                      "xml_bytes": parsed_bytes(path), "peak_rss_bytes": peak}))


if __name__ == "__main__":
    main()
