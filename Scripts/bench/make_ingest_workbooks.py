#!/usr/bin/env python3
"""Writes the ingest benchmark's batch: 300 township returns of 150 schools each, as XLSX.

Python 3 standard library only (the XLSX is written by hand with zipfile, as make_workbook.py
does). Deterministic: the same count, rows, seed and format version give byte-identical files,
so a folder already holding them (its .generator marker says how they were made) is reused.

Each workbook is in the shape of 青石县城关镇2024年中小学统计表.xlsx in SampleInputs, as xlsxwriter
writes it: two sheets, 小学 (110 schools) and 初中 (40), each with
  - a merged title row: 青石县<乡镇>2024年小学教育事业统计表 (names the county and the year);
  - the reporting unit on the left, 单位：人、平方米、万元 on the right (教学仪器设备值 is in 万元);
  - a two-row merged header: 序号, 学校标识码, 学校名称, 办学类型, 城乡分类, 在校学生数, 班级数 merged
    down; 教师数 over 专任教师 / 其中:女 / 高于规定⏎学历(专科及以上) / 中级及以上职称 / 县级以上骨干教师 /
    音体美专任教师; 校舍 over two areas (平方米); 教学装备 over 教学仪器设备值 / 计算机台数 / 图书(册) /
    网络多媒体教室(间): 13 fields the catalogue maps, so 13 values a school;
  - the school rows: 10-digit school codes unique across the whole batch, text in shared strings;
  - a 合计 row (merged A:E, SUM formulas with cached values), a blank row, a 注： note and 填表人.
So 300 files x 150 schools x 13 = 585,000 values, in 600 sheets.

Usage: make_ingest_workbooks.py [--files N] [--rows N] [--seed S] [--out DIR]   (prints the folder)
"""
import argparse
import os
import random
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_workbook import ordinal, column_letters, xml_escape, number_text, TOWNSHIPS  # noqa: E402

FORMAT_VERSION = 1  # bump when the generated content changes, so stale files are not reused
DEFAULT_FILES = 300
DEFAULT_ROWS = 150
DEFAULT_SEED = 20240901
PRIMARY_SHARE = 110 / 150  # of each file's schools, in the 小学 sheet; the rest in 初中
DATE_TIME = (2024, 9, 30, 0, 0, 0)
COUNTY = "青石县"
MARKER = ".generator"
COLUMNS = 19
LAST = column_letters(COLUMNS)  # S

TOP = ["序号", "学校标识码", "学校名称", "办学类型", "城乡分类", "在校学生数", "班级数"]  # merged over rows 3-4
GROUPS = [  # (group label, first column index 0-based, sub-headers)
    ("教师数", 7, ["专任教师", "其中:女", None, "中级及以上职称", "县级以上骨干教师", "音体美专任教师"]),
    ("校舍", 13, ["教学及辅助用房面积(平方米)", "体育运动场馆面积(平方米)"]),
    ("教学装备", 15, ["教学仪器设备值", "计算机台数", "图书(册)", "网络多媒体教室(间)"]),
]
DEGREE = {"小学": "高于规定\n学历(专科及以上)", "初中": "高于规定\n学历(本科及以上)"}
URBAN_RURAL = ["城区", "镇区", "乡村"]
NOTE = ("注：1.本表统计时点为2024年9月1日；2.九年一贯制学校分学段填报，小学表只填小学部，初中表只填初中部；"
        "3.教学仪器设备值单位为万元。")
SIGNED = "填表人：张三　　　　审核人：李四　　　　填报日期：2024年9月30日"


def township(index):
    """A distinct township name for file `index`: 城关镇, then 城关镇二片, … when the list runs out."""
    town = TOWNSHIPS[index % len(TOWNSHIPS)]
    round_ = index // len(TOWNSHIPS)
    return town if round_ == 0 else f"{town}{ordinal(round_ + 1)}片"


class StringTable:
    def __init__(self):
        self.index, self.strings, self.references = {}, [], 0

    def ref(self, text):
        self.references += 1
        if text not in self.index:
            self.index[text] = len(self.strings)
            self.strings.append(text)
        return self.index[text]


def school_values(rng, stage):
    """The 14 numbers (13 mapped fields and 其中:女) of one school, in column order F..S."""
    big = stage == "初中"
    classes = rng.randint(6, 36) if big else rng.randint(1, 30)
    students = classes * rng.randint(20, 50)
    teachers = max(2, students // rng.randint(11, 17))
    female = teachers * rng.randint(40, 75) // 100
    degree = teachers * rng.randint(70, 100) // 100
    titled = teachers * rng.randint(30, 70) // 100
    backbone = teachers * rng.randint(5, 25) // 100
    pe_arts = max(1, teachers * rng.randint(8, 18) // 100)
    area = students * rng.randint(3, 8) + rng.choice((0, 0.5))
    ground = students * rng.randint(4, 12) + rng.choice((0, 0.5))
    equipment = round(students * rng.randint(900, 4000) / 10000, 2)  # 万元
    computers = rng.randint(1, students // 8 + 5)
    books = students * rng.randint(15, 40)
    rooms = rng.randint(0, classes + 2)
    return [students, classes, teachers, female, degree, titled, backbone, pe_arts, area, ground,
            equipment, computers, books, rooms]


def cell(ref, value, table, style):
    if value is None:
        return f'<c r="{ref}" s="{style}"/>'
    if isinstance(value, str):
        return f'<c r="{ref}" s="{style}" t="s"><v>{table.ref(value)}</v></c>'
    return f'<c r="{ref}" s="{style}"><v>{number_text(value)}</v></c>'


def sheet_xml(stage, town, schools, table):
    """One sheet: title, unit row, two header rows, the schools, 合计, a blank row, note, signature."""
    L = [column_letters(c) for c in range(1, COLUMNS + 1)]
    rows = []

    def row(r, cells, extra=""):
        rows.append(f'<row r="{r}" spans="1:{COLUMNS}"{extra}>{"".join(cells)}</row>')

    row(1, [cell(f"A1", f"{COUNTY}{town}2024年{stage}教育事业统计表", table, 1)]
        + [cell(f"{L[c]}1", None, table, 1) for c in range(1, COLUMNS)], ' ht="30" customHeight="1"')
    row(2, [cell("A2", f"填报单位（盖章）：{COUNTY}{town}中心学校", table, 2)]
        + [cell(f"{L[c]}2", None, table, 2) for c in range(1, 10)]
        + [cell("K2", "单位：人、平方米、万元", table, 3)]
        + [cell(f"{L[c]}2", None, table, 3) for c in range(11, COLUMNS)])
    third, fourth = [None] * COLUMNS, [None] * COLUMNS
    for c, label in enumerate(TOP):
        third[c] = label
    for label, first, subs in GROUPS:
        third[first] = label
        for k, sub in enumerate(subs):
            fourth[first + k] = sub if sub is not None else DEGREE[stage]
    row(3, [cell(f"{L[c]}3", third[c], table, 4) for c in range(COLUMNS)])
    row(4, [cell(f"{L[c]}4", fourth[c], table, 4) for c in range(COLUMNS)], ' ht="45" customHeight="1"')

    first_data = 5
    totals = [0] * 14
    for i, (code, name, kind, urban, values) in enumerate(schools):
        r = first_data + i
        cells = [cell(f"A{r}", i + 1, table, 5), cell(f"B{r}", code, table, 6), cell(f"C{r}", name, table, 6),
                 cell(f"D{r}", kind, table, 6), cell(f"E{r}", urban, table, 6)]
        for k, value in enumerate(values):
            style = 8 if k == 10 else (7 if k in (8, 9) else 5)
            cells.append(cell(f"{L[5 + k]}{r}", value, table, style))
            totals[k] += value
        row(r, cells)
    last_data = first_data + len(schools) - 1
    r = last_data + 1
    cells = [cell(f"A{r}", "合计", table, 9)] + [cell(f"{L[c]}{r}", None, table, 9) for c in range(1, 5)]
    for k, total in enumerate(totals):
        col = L[5 + k]
        total = round(total, 2)
        cells.append(f'<c r="{col}{r}" s="10"><f>SUM({col}{first_data}:{col}{last_data})</f>'
                     f'<v>{number_text(total)}</v></c>')
    row(r, cells)
    total_row = r
    note_row, signed_row = r + 2, r + 3
    row(note_row, [cell(f"A{note_row}", NOTE, table, 11)]
        + [cell(f"{L[c]}{note_row}", None, table, 11) for c in range(1, COLUMNS)], ' ht="30" customHeight="1"')
    row(signed_row, [cell(f"A{signed_row}", SIGNED, table, 2)]
        + [cell(f"{L[c]}{signed_row}", None, table, 2) for c in range(1, COLUMNS)])

    merges = [f"A1:{LAST}1", "A2:J2", f"K2:{LAST}2"] + [f"{L[c]}3:{L[c]}4" for c in range(len(TOP))]
    for _, first, subs in GROUPS:
        merges.append(f"{L[first]}3:{L[first + len(subs) - 1]}3")
    merges += [f"A{total_row}:E{total_row}", f"A{note_row}:{LAST}{note_row}", f"A{signed_row}:{LAST}{signed_row}"]
    merge_cells = "".join(f'<mergeCell ref="{m}"/>' for m in merges)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<dimension ref="A1:{LAST}{signed_row}"/>'
            '<sheetViews><sheetView workbookViewId="0"><pane xSplit="3" ySplit="4" topLeftCell="D5" '
            'activePane="bottomRight" state="frozen"/></sheetView></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/>'
            '<cols><col min="1" max="1" width="5.7109375" customWidth="1"/>'
            '<col min="2" max="2" width="12.7109375" customWidth="1"/>'
            '<col min="3" max="3" width="22.7109375" customWidth="1"/>'
            f'<col min="4" max="5" width="10.7109375" customWidth="1"/>'
            f'<col min="6" max="{COLUMNS}" width="9.7109375" customWidth="1"/></cols>'
            f'<sheetData>{"".join(rows)}</sheetData>'
            f'<mergeCells count="{len(merges)}">{merge_cells}</mergeCells>'
            '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
            '</worksheet>')


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/worksheets/sheet2.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    '</Types>')

ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>')

WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="小学" sheetId="1" r:id="rId1"/><sheet name="初中" sheetId="2" r:id="rId2"/></sheets>'
    '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>')

WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet2.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/>'
    '<Relationship Id="rId4" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>')

# Twelve cell formats, as the sample's xlsxwriter file has them: title, unit texts, header, integer,
# text, area (0.0), 万元 (0.00), totals; only numFmtId matters to the reader (none is a date).
STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0"/><numFmt numFmtId="165" formatCode="0.00"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="16"/><name val="黑体"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
    '<border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="12">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"/>'
    '<xf numFmtId="1" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"/>'
    '<xf numFmtId="1" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '</cellXfs>'
    '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>')


def shared_strings_xml(table):
    preserve = ' xml:space="preserve"'
    items = "".join(f'<si><t{preserve if s != s.strip() else ""}>{xml_escape(s)}</t></si>' for s in table.strings)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{table.references}" uniqueCount="{len(table.strings)}">{items}</sst>')


def entry(name):
    info = zipfile.ZipInfo(name, DATE_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def file_schools(rng, index, town, rows, first_code):
    """(小学 schools, 初中 schools) of file `index`, codes first_code, first_code + 1, …"""
    primary_count = round(rows * PRIMARY_SHARE)
    result = {"小学": [], "初中": []}
    counters = {}
    for i in range(rows):
        stage = "小学" if i < primary_count else "初中"
        if stage == "小学":
            kind = rng.choices(["小学", "九年一贯制学校", "教学点"], [0.8, 0.08, 0.12])[0]
        else:
            kind = rng.choices(["初中", "九年一贯制学校", "完全中学"], [0.8, 0.12, 0.08])[0]
        n = counters.get((stage, kind), 0) + 1
        counters[(stage, kind)] = n
        suffix = {"教学点": "小学教学点", "完全中学": "中学"}.get(kind, kind)
        name = f"{COUNTY}{town}第{ordinal(n) if n < 100 else n}{suffix}"
        code = f"3603{first_code + i:06d}"
        result[stage].append((code, name, kind, rng.choice(URBAN_RURAL), school_values(rng, stage)))
    return result["小学"], result["初中"]


def file_name(index, town):
    return f"{index + 1:03d}-{COUNTY}{town}2024年中小学统计表.xlsx"


def write_file(path, index, rows, seed):
    rng = random.Random(seed * 1000 + index)
    town = township(index)
    primary, junior = file_schools(rng, index, town, rows, index * rows)
    table = StringTable()
    sheets = [sheet_xml("小学", town, primary, table), sheet_xml("初中", town, junior, table)]
    partial = path + ".partial"
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr(entry("[Content_Types].xml"), CONTENT_TYPES)
        archive.writestr(entry("_rels/.rels"), ROOT_RELS)
        archive.writestr(entry("xl/workbook.xml"), WORKBOOK)
        archive.writestr(entry("xl/_rels/workbook.xml.rels"), WORKBOOK_RELS)
        archive.writestr(entry("xl/styles.xml"), STYLES)
        for k, xml in enumerate(sheets, start=1):
            archive.writestr(entry(f"xl/worksheets/sheet{k}.xml"), xml)
        archive.writestr(entry("xl/sharedStrings.xml"), shared_strings_xml(table))
    os.replace(partial, path)


def default_folder(files, rows):
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    name = "ingest-300" if (files, rows) == (DEFAULT_FILES, DEFAULT_ROWS) else f"ingest-{files}x{rows}"
    return os.path.join(root, "bench-data", name)


def ensure_workbooks(files=DEFAULT_FILES, rows=DEFAULT_ROWS, seed=DEFAULT_SEED, folder=None):
    """(folder, [paths]) of the batch, writing it only when the folder's marker differs."""
    if files < 1 or rows < 2:
        raise ValueError("need at least one file and at least two schools a file")
    if files * rows > 1_000_000:
        raise ValueError("school codes run out past 1,000,000 schools")
    folder = folder or default_folder(files, rows)
    stamp = f"make_ingest_workbooks v{FORMAT_VERSION} files={files} rows={rows} seed={seed}\n"
    marker = os.path.join(folder, MARKER)
    paths = [os.path.join(folder, file_name(i, township(i))) for i in range(files)]
    try:
        current = open(marker, encoding="utf-8").read()
    except OSError:
        current = None
    if current != stamp or not all(os.path.exists(p) for p in paths):
        os.makedirs(folder, exist_ok=True)
        for name in os.listdir(folder):  # an older batch: only the files this script writes
            if name == MARKER or (name.endswith(".xlsx") and name[:3].isdigit()):
                os.remove(os.path.join(folder, name))
        for i, path in enumerate(paths):
            write_file(path, i, rows, seed)
        with open(marker, "w", encoding="utf-8") as handle:
            handle.write(stamp)
    return folder, paths


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=DEFAULT_FILES)
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="schools a file (default 150)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", help="folder (default bench-data/ingest-300)")
    args = parser.parse_args()
    try:
        folder, _ = ensure_workbooks(args.files, args.rows, args.seed, args.out)
    except ValueError as error:
        sys.exit(f"make_ingest_workbooks: {error}")
    print(folder)


if __name__ == "__main__":
    main()
