#!/usr/bin/env python3
"""Reads SampleInputs/ back and checks it against SampleInputs/TRUTH.json.

    python3 Scripts/samples/check_sample_inputs.py [--dir SampleInputs]

- every XLSX opens with openpyxl (formulas and cached values) and python-calamine, every sheet;
- every CSV decodes in its declared encoding, with the declared BOM and line ends, and parses
  into rows of one width;
- every base count in TRUTH.json is found in the rows (or, for forms, the sheet) its sources
  name, after undoing the files' own mess (1,234 / full-width digits / — / 万元);
- each totals row holds the sum of the students of the schools above it.
Exits 1 on the first class of failure, after printing all of them.
"""

import argparse
import csv
import io
import json
import os
import sys
import warnings

import openpyxl
import python_calamine

NONE_MARKS = {"—", "-", "/", "无"}
FULL = str.maketrans("０１２３４５６７８９", "0123456789")


def as_number(value):
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip().translate(FULL).replace(",", "")
    if text in NONE_MARKS:
        return 0.0
    try:
        return float(text)
    except ValueError:
        return None


def matches(cell, truth, key):
    if cell is None:
        return False
    if abs(cell - truth) < 1e-6:
        return True
    return key == "equipment_value" and abs(cell * 10000 - truth) < 0.01


def calamine_rows(path, sheet):
    """Rows from A1 (calamine starts at the first used cell; pad it back)."""
    wb = python_calamine.CalamineWorkbook.from_path(path)
    sh = wb.get_sheet_by_name(sheet)
    rows = sh.to_python(skip_empty_area=False)
    if sh.start is None:
        return []
    r0, c0 = sh.start
    return [[None] * len(r) for r in range(r0)] + [[None] * c0 + list(r) for r in rows]


def read_csv(path, info):
    raw = open(path, "rb").read()
    encoding = "utf-8-sig" if info["encoding"].startswith("utf-8") else info["encoding"]
    problems = []
    if info["encoding"].startswith("utf-8") != raw.startswith(b"\xef\xbb\xbf"):
        problems.append("BOM does not match the declared encoding")
    text = raw.decode(encoding)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    # Records end in CRLF; a line break inside a quoted cell is a bare LF, as Excel writes it.
    inside = sum(cell.count("\n") for row in rows for cell in row)
    if info.get("line_ends") == "CRLF" and text.count("\r\n") != text.count("\n") - inside:
        problems.append("not every record ends in CRLF")
    if len({len(r) for r in rows}) != 1:
        problems.append(f"rows of different widths: {sorted({len(r) for r in rows})}")
    return rows, problems


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", default=os.path.join(here, "..", "..", "SampleInputs"))
    args = ap.parse_args()
    base = os.path.normpath(args.dir)
    truth = json.load(open(os.path.join(base, "TRUTH.json"), encoding="utf-8"))
    failures = []
    tables = {}  # (file, sheet) -> rows of values

    for info in truth["files"]:
        path = os.path.join(base, info["file"])
        if info["file"].endswith(".xlsx"):
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                wb = openpyxl.load_workbook(path)
                wbv = openpyxl.load_workbook(path, data_only=True)
            for w in caught:
                failures.append(f"{info['file']}: openpyxl warns: {w.message}")
            cal = python_calamine.CalamineWorkbook.from_path(path)
            if cal.sheet_names != wb.sheetnames:
                failures.append(f"{info['file']}: sheet names differ between openpyxl and calamine")
            for ws in wb.worksheets:
                rows = calamine_rows(path, ws.title)
                tables[(info["file"], ws.title)] = rows
                for row in ws.iter_rows():
                    for c in row:
                        if isinstance(c.value, str) and c.value.startswith("="):
                            if wbv[ws.title][c.coordinate].value is None:
                                failures.append(f"{info['file']} › {ws.title}!{c.coordinate}: formula without a cached value")
                print(f"ok  {info['file']} › {ws.title} ({ws.sheet_state}): {ws.max_row}×{ws.max_column}, "
                      f"calamine {len(rows)} rows, {len(ws.merged_cells.ranges)} merged ranges")
        else:
            rows, problems = read_csv(path, info)
            failures += [f"{info['file']}: {p}" for p in problems]
            tables[(info["file"], None)] = rows
            print(f"ok  {info['file']}: {info['encoding']}, {len(rows)} rows × {len(rows[0])} fields")

    def cells(file, sheet, rows):
        table = tables[(file, sheet)]
        if rows is None:
            return [as_number(v) for r in table for v in r]
        return [as_number(v) for r in rows for v in table[r - 1]]

    for school in truth["schools"]:
        for src in school["sources"]:
            values = cells(src["file"], src.get("sheet"), src.get("rows"))
            wanted = []
            for stage, part in school["parts"].items():
                stage_in_file = True
                if src["file"].startswith("青石县城关镇"):
                    stage_in_file = {"小学": "primary", "初中": "junior"}[src["sheet"]] == stage
                if stage_in_file:
                    wanted += [(f"{stage}.{k}", k, v) for k, v in part.items()]
            wanted += [(f"school_wide.{k}", k, v) for k, v in school.get("school_wide", {}).items()]
            for label, key, value in wanted:
                if not any(matches(c, value, key) for c in values):
                    failures.append(f"{src['file']}: {school['name']} {label} = {value} not found")
            if src.get("rows"):
                row_text = " ".join(str(v) for r in src["rows"]
                                    for v in tables[(src["file"], src.get("sheet"))][r - 1] if v is not None)
                if school["school_code"] not in row_text.replace(".0", ""):
                    failures.append(f"{src['file']}: code {school['school_code']} not in rows {src['rows']}")

    for info in truth["files"]:
        for sheet, row in (info.get("totals_rows") or {}).items():
            key = (info["file"], None if sheet == "csv" else sheet)
            stage = {"小学": "primary", "初中": "junior"}.get(sheet)
            expected = sum(p["students"] for s in truth["schools"]
                           for src in s["sources"] if src["file"] == info["file"]
                           and (src.get("sheet") in (None, sheet) or sheet == "csv")
                           for st, p in s["parts"].items() if stage in (None, st))
            values = [as_number(v) for v in tables[key][row - 1]]
            label = " ".join(str(v) for v in tables[key][row - 1] if isinstance(v, str))
            if not any(m in label for m in ("合计", "总计")):
                failures.append(f"{info['file']}: totals row {row} has no 合计/总计 label")
            if expected not in values:
                failures.append(f"{info['file']}: totals row {row} lacks the students sum {expected}")

    codes = [s["school_code"] for s in truth["schools"]]
    if len(set(codes)) != len(codes) or not all(len(c) == 10 and c.isdigit() for c in codes):
        failures.append("school codes are not unique 10-digit strings")
    size = sum(os.path.getsize(os.path.join(base, f)) for f in os.listdir(base))
    print(f"{len(truth['schools'])} schools, {len(truth['files'])} files, {size:,} bytes in {base}")
    for f in failures:
        print("FAIL", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
