#!/usr/bin/env python3
"""Reads SampleInputs/ back and checks it against SampleInputs/TRUTH.json.

    python3 Scripts/samples/check_sample_inputs.py [--dir SampleInputs]

- every XLSX opens with openpyxl (formulas and cached values) and python-calamine, every sheet;
- every .xls (BIFF8, which openpyxl cannot read) opens with python-calamine, every sheet;
- every CSV decodes in its declared encoding, with the declared BOM and line ends, and parses
  into rows of one width;
- every base count in TRUTH.json is found in the rows (or, for forms, the sheet) its sources
  name, after undoing the files' own mess (1,234 / full-width digits / — / 万元);
- each totals row holds the sum of the students of the schools above it;
- the district workbook (TRUTH.json → district) cell by cell, through openpyxl and python-calamine:
  sheet order and hidden state, titles, merges, every header path, every school value at its sheet,
  row and column, township and subtotal rows, the cached totals, the summary sheet, the WPS parts;
  and the same for its LibreOffice-converted copy in Tests/EduNormaliseTests/Fixtures, when there.
Exits 1 on the first class of failure, after printing all of them.
"""

import argparse
import csv
import io
import json
import os
import re
import sys
import warnings
import zipfile

import openpyxl
import python_calamine

NONE_MARKS = {"—", "-", "/", "无"}
OLE2_SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")
# BOF (0x0809), 16 bytes, BIFF8 (0x0600), workbook globals (0x0005): how a BIFF8 Workbook stream starts.
BIFF8_GLOBALS_BOF = bytes.fromhex("0908100000060500")
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
        elif info["file"].endswith(".xls"):
            # openpyxl cannot read BIFF: python-calamine alone, every sheet.
            head = open(path, "rb").read()
            if not head.startswith(OLE2_SIGNATURE):
                failures.append(f"{info['file']}: not an OLE2 compound file")
            elif BIFF8_GLOBALS_BOF not in head:
                failures.append(f"{info['file']}: no BIFF8 workbook-globals BOF record")
            cal = python_calamine.CalamineWorkbook.from_path(path)
            for sheet in cal.sheets_metadata:
                rows = calamine_rows(path, sheet.name)
                tables[(info["file"], sheet.name)] = rows
                state = "visible" if sheet.visible == python_calamine.SheetVisibleEnum.Visible else "hidden"
                print(f"ok  {info['file']} › {sheet.name} ({state}): BIFF8, "
                      f"calamine {len(rows)} rows × {max((len(r) for r in rows), default=0)}")
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

    if "district" in truth:
        district = truth["district"]
        failures += check_district(os.path.join(base, district["file"]), district, wps=True)
        fixture = os.path.join(base, "..", "Tests", "EduNormaliseTests", "Fixtures", "district_libreoffice.xlsx")
        if os.path.exists(fixture):
            failures += check_district(os.path.normpath(fixture), district, wps=False)

    codes = [s["school_code"] for s in truth["schools"]]
    if len(set(codes)) != len(codes) or not all(len(c) == 10 and c.isdigit() for c in codes):
        failures.append("school codes are not unique 10-digit strings")
    size = sum(os.path.getsize(os.path.join(base, f)) for f in os.listdir(base))
    print(f"{len(truth['schools'])} schools, {len(truth['files'])} files, {size:,} bytes in {base}")
    for f in failures:
        print("FAIL", f)
    sys.exit(1 if failures else 0)


# ---------------------------------------------------------------------------------------------
# The district workbook (issue 10's shapes)
# ---------------------------------------------------------------------------------------------

def blank(value):
    """None for a missing cell or one holding only whitespace, else the value."""
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    return value


def resolve(school, path):
    """A TRUTH path such as parts.primary.classes or breakdowns.primary.students_by_grade[2]."""
    node = school
    for part in path.split("."):
        m = re.fullmatch(r"(\w+)\[(\d+)\]", part)
        key, index = (m.group(1), int(m.group(2))) if m else (part, None)
        if not isinstance(node, dict) or key not in node:
            return ("missing",)
        node = node[key]
        if index is not None:
            node = node[index]
    return node


def same(cell, want, column):
    cell = blank(cell)
    if want is None:
        return cell is None
    if isinstance(want, str):
        if isinstance(cell, (int, float)) and not isinstance(cell, bool):  # a code written as a number
            return float(cell).is_integer() and str(int(cell)) == want
        return cell == want
    if not isinstance(cell, (int, float)) or isinstance(cell, bool):
        return False
    factor = column.get("factor", 1)
    return abs(cell * factor - want) < (0.01 if factor != 1 else 1e-6)


def sum_numbers(rows, col, row_numbers):
    return sum(v for r in row_numbers
               for v in [rows[r - 1][col] if col < len(rows[r - 1]) else None]
               if isinstance(v, (int, float)) and not isinstance(v, bool))


def header_path(ws, merged, col, first, last):
    """The header texts of a column, top-down through merged cells, each merge once."""
    texts, seen = [], set()
    for r in range(first, last + 1):
        anchor = merged.get((r, col), (r, col))
        if anchor in seen:
            continue
        seen.add(anchor)
        value = blank(ws.cell(*anchor).value)
        if value is not None:
            texts.append(str(value))
    return " / ".join(texts)


def check_district(path, district, wps):
    name = os.path.relpath(path)
    failures = []

    def fail(text):
        failures.append(f"{name}: {text}")

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        wb = openpyxl.load_workbook(path)
        wbv = openpyxl.load_workbook(path, data_only=True)
    for w in caught:
        fail(f"openpyxl warns: {w.message}")
    cal = python_calamine.CalamineWorkbook.from_path(path)
    order = list(district["sheets"])
    if wb.sheetnames != order or cal.sheet_names != order:
        fail(f"sheets {wb.sheetnames} / calamine {cal.sheet_names}, expected {order}")
        return failures
    hidden_cal = {m.name: m.visible != python_calamine.SheetVisibleEnum.Visible for m in cal.sheets_metadata}
    schools_by_sheet = {}
    for s in district["schools"] + district["last_year"]["schools"]:
        schools_by_sheet.setdefault(s["sheet"], []).append(s)

    checked = 0
    for sheet, info in district["sheets"].items():
        ws, wsv = wb[sheet], wbv[sheet]
        if (ws.sheet_state == "hidden") != info["hidden"] or hidden_cal[sheet] != info["hidden"]:
            fail(f"{sheet}: state {ws.sheet_state} (calamine hidden: {hidden_cal[sheet]}), hidden expected {info['hidden']}")
        if ws["A1"].value != info["title"]:
            fail(f"{sheet}!A1 = {ws['A1'].value!r}, expected {info['title']!r}")
        merges = {str(m) for m in ws.merged_cells.ranges}
        merged = {}
        for m in ws.merged_cells.ranges:
            for r in range(m.min_row, m.max_row + 1):
                for c in range(m.min_col, m.max_col + 1):
                    merged[(r, c)] = (m.min_row, m.min_col)
        rows = calamine_rows(path, sheet)
        values = [[c for c in r] for r in wsv.iter_rows(values_only=True)]
        width = max(len(r) for r in values)
        values = [r + (None,) * (width - len(r)) if isinstance(r, tuple) else r for r in values]
        for r in rows:
            r.extend([None] * (width - len(r)))

        def both(row, col, what):
            """The cell from openpyxl (cached) and calamine; a failure when they differ."""
            a = values[row - 1][col] if row - 1 < len(values) else None
            b = rows[row - 1][col] if row - 1 < len(rows) else None
            if blank(a) != blank(b) and not (isinstance(a, (int, float)) and isinstance(b, (int, float)) and abs(a - b) < 1e-9):
                fail(f"{sheet}!{openpyxl.utils.get_column_letter(col + 1)}{row} ({what}): openpyxl {a!r}, calamine {b!r}")
            return a

        if info["kind"] == "summary":
            for label, want in info["rows"].items():
                r = want["row"]
                if both(r, 0, "学段") != label:
                    fail(f"{sheet} row {r}: first cell {values[r - 1][0]!r}, expected {label}")
                for c, key in enumerate(["schools", "classes", "students", "students_female", "staff", "full_time_teachers"], 1):
                    got = both(r, c, key)
                    if not isinstance(got, (int, float)) or abs(got - want[key]) > 1e-6:
                        fail(f"{sheet} row {r} ({label}) {key} = {got!r}, expected {want[key]}")
                    checked += 1
                    if label != "合计" and key != "schools":
                        expected = sum(
                            p.get(key, 0) for s in district["schools"] if s["sheet"] == label
                            for p in list(s["parts"].values()) + ([s["school_wide"]] if key in ("staff", "full_time_teachers", "students", "students_female", "classes") and "school_wide" in s else []))
                        if abs(expected - want[key]) > 1e-6:
                            fail(f"{sheet} row {r} ({label}) {key}: TRUTH says {want[key]}, its schools sum to {expected}")
            continue

        if info["title_merge"] not in merges or not set(info["header_merges"]) <= merges:
            fail(f"{sheet}: merges missing: {sorted(({info['title_merge']} | set(info['header_merges'])) - merges)}")
        first, last = info["header_rows"]
        for column in info["columns"]:
            col = openpyxl.utils.column_index_from_string(column["column"])
            got = header_path(ws, merged, col, first, last)
            if got != column["header"]:
                fail(f"{sheet} column {column['column']}: header {got!r}, expected {column['header']!r}")
        numeric = [openpyxl.utils.column_index_from_string(c["column"]) - 1 for c in info["columns"][4:]]

        # Schools, cell by cell.
        for s in schools_by_sheet.get(sheet, []):
            r = s["row"]
            if s["row"] not in info["school_rows"]:
                fail(f"{sheet}: {s['name']} row {r} is not among school_rows")
            above = max(t for t in info["township_rows"] if t < r)
            if values[above - 1][1] != s["township"]:
                fail(f"{sheet} row {r}: {s['name']} under {values[above - 1][1]!r}, expected {s['township']}")
            for column in info["columns"]:
                col = openpyxl.utils.column_index_from_string(column["column"]) - 1
                want = resolve(s, column["truth"])
                if want == ("missing",):
                    if s.get("empty_parts") and column["truth"].split(".")[1] in s["empty_parts"]:
                        want = s["empty_parts"][column["truth"].split(".")[1]][column["truth"].split(".")[2]]
                    else:
                        fail(f"{sheet} row {r}: TRUTH lacks {column['truth']} for {s['name']}")
                        continue
                got = both(r, col, column["truth"])
                if not same(got, want, column):
                    fail(f"{sheet}!{column['column']}{r} ({s['name']} {column['truth']}) = {got!r}, expected {want!r}")
                checked += 1
            parts = dict(s["parts"])
            if "school_wide" in s and "students" in s["school_wide"]:
                parts["whole"] = s["school_wide"]
            for stage, p in parts.items():
                if p["students_female"] > p["students"]:
                    fail(f"{s['name']} {stage}: more girls than students")
                grades = s.get("breakdowns", {}).get(stage)
                if grades and (sum(x or 0 for x in grades["classes_by_grade"]) != p["classes"]
                               or sum(x or 0 for x in grades["students_by_grade"]) != p["students"]):
                    fail(f"{s['name']} {stage}: grades do not add up")
            own = "private" if s["ownership_written"].startswith("9") or "民办" in s["ownership_written"] else "public"
            if own != s["ownership"]:
                fail(f"{s['name']}: ownership {s['ownership']} for {s['ownership_written']}")
            for stage, p in (s.get("empty_parts") or {}).items():
                if p["students"] != 0 or stage in s["parts"]:
                    fail(f"{s['name']}: empty part {stage} has students or is also a part")

        # Township rows: the place name alone, spaces elsewhere; or subtotal formulas.
        starts = info["township_rows"] + [info["last_row"] + 1]
        for k, t in enumerate(info["township_rows"]):
            below = [r for r in info["school_rows"] if t < r < starts[k + 1]]
            if not blank(values[t - 1][1]) or blank(values[t - 1][0]) is not None:
                fail(f"{sheet} row {t}: not a township row: {values[t - 1][:3]}")
            for col in range(2, width):
                got = both(t, col, "township row")
                if t in info["subtotal_rows"] and col in numeric:
                    formula = ws.cell(t, col + 1).value
                    expected = sum_numbers(values, col, below)
                    if not (isinstance(formula, str) and formula.startswith("=SUM(")) or abs((got or 0) - expected) > 1e-6:
                        fail(f"{sheet} row {t} col {col + 1}: subtotal {formula!r} = {got!r}, the schools sum to {expected}")
                elif blank(got) is not None:
                    fail(f"{sheet} row {t} col {col + 1}: {got!r} in a township row")
                elif wps and not (isinstance(got, str) and got.strip() == "") and col < info["columns"].__len__():
                    fail(f"{sheet} row {t} col {col + 1}: a township row's cell should hold spaces")

        # Totals row, above the schools: SUM formulas whose cached values are the schools' sums.
        for t in info["totals_rows"]:
            if both(t, 0, "totals label") != "合计":
                fail(f"{sheet} row {t}: no 合计 label")
            for col in numeric:
                formula = ws.cell(t, col + 1).value
                got = both(t, col, "total")
                expected = sum_numbers(values, col, info["school_rows"])
                if not (isinstance(formula, str) and formula.startswith("=SUM(")):
                    fail(f"{sheet} row {t} col {col + 1}: {formula!r} is not a SUM formula")
                if not isinstance(got, (int, float)) or abs(got - expected) > 1e-6 * max(1, abs(expected)):
                    fail(f"{sheet} row {t} col {col + 1}: cached total {got!r}, the schools sum to {expected}")
                checked += 1
        print(f"ok  {name} › {sheet} ({ws.sheet_state}): {len(schools_by_sheet.get(sheet, []))} schools, "
              f"{len(ws.merged_cells.ranges)} merged ranges")

    if wps:
        failures += [f"{name}: {p}" for p in wps_parts(path, district)]
    codes = [s["school_code"] for s in district["schools"]]
    if len(set(codes)) != len(codes) or not all(len(c) == 10 and c.isdigit() for c in codes):
        fail("district school codes are not unique 10-digit strings")
    print(f"ok  {name}: {checked} values checked against TRUTH.json → district")
    return failures


def wps_parts(path, district):
    """The marks of a WPS-written package: app.xml, custom.xml, shared strings, hidden state, cached formulas."""
    problems = []
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        text = {n: z.read(n).decode("utf-8") for n in names if n.endswith((".xml", ".rels"))}
        if names[-1] != "[Content_Types].xml":
            problems.append("[Content_Types].xml is not the last entry")
        if any(i.date_time != z.infolist()[0].date_time for i in z.infolist()):
            problems.append("ZIP entries have different timestamps")
    if "<Application>WPS 表格</Application>" not in text.get("docProps/app.xml", ""):
        problems.append("docProps/app.xml does not name WPS 表格")
    if 'name="KSOProductBuildVer"' not in text.get("docProps/custom.xml", ""):
        problems.append("docProps/custom.xml has no KSOProductBuildVer")
    hidden = [s for s, i in district["sheets"].items() if i["hidden"]]
    for s in hidden:
        if not re.search(rf'<sheet name="{re.escape(s)}" sheetId="\d+" state="hidden"', text["xl/workbook.xml"]):
            problems.append(f"workbook.xml: {s} is not state=\"hidden\"")
    for n, t in text.items():
        if n.startswith("xl/worksheets/"):
            if 't="inlineStr"' in t or 't="str"' in t:
                problems.append(f"{n}: text not in shared strings")
            if re.search(r"<f>[^<]*</f></c>", t):
                problems.append(f"{n}: a formula without a cached value")
    return problems


if __name__ == "__main__":
    main()
