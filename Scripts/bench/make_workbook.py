#!/usr/bin/env python3
"""Writes the benchmark workbook: one sheet of a county's school returns, N rows x 20 columns.

Python 3 standard library only. Deterministic: the same rows, seed and format version give a
byte-identical file, so a file already under bench-data/ with the same name is reused.

Shape (what a county's 基层表 looks like once exported from Excel):
  - a header row of Chinese column titles;
  - six text columns as shared strings: 10-digit school code, school name (青石县城关镇第三小学),
    township, school type (小学 / 初中 / 九年一贯制学校 ...), urban/rural class, sponsor;
    drawn from a pool of a few thousand schools, so the string table holds ~6,000 entries;
  - fourteen numeric columns, t omitted: integers (classes, pupils, teachers, books) and
    decimals (floor areas like 1234.5, ratios like 0.375);
  - r attributes on every <row> and <c>, as Excel writes them.

The sheet XML is written streaming into the ZIP entry, so memory stays small at any N.

Usage: make_workbook.py [--rows N] [--seed S] [--out PATH]   (prints the path written or reused)
"""
import argparse
import os
import random
import sys
import zipfile

FORMAT_VERSION = 1  # bump when the generated content changes, so stale files are not reused
COLUMNS = 20
SCHOOL_POOL = 3000
DATE_TIME = (2024, 9, 1, 0, 0, 0)  # fixed ZIP timestamps keep the file byte-identical

HEADERS = [
    "学校代码", "学校名称", "所在乡镇", "办学类型", "城乡分类", "举办者",
    "班级数", "在校生数", "其中女生", "少数民族学生", "专任教师数", "教职工数",
    "生师比", "校舍建筑面积(平方米)", "占地面积(平方米)", "图书(册)", "计算机(台)",
    "教学仪器设备值(万元)", "本年经费支出(万元)", "专任教师学历合格率",
]

COUNTY = "青石县"
TOWNSHIPS = [
    "城关镇", "青龙镇", "白马乡", "石门镇", "柳河乡", "双溪镇", "长岭乡", "桃源镇",
    "黄土岗乡", "大王庄乡", "新安镇", "河口镇", "梨树沟乡", "红旗乡", "东坝镇", "西关街道",
    "南湖街道", "北山乡", "杨柳镇", "清水河乡", "三道沟镇", "高家堡乡", "马鞍山镇", "金沙乡",
    "龙泉镇", "凤凰乡", "太平镇", "永安乡", "兴隆镇", "和平乡", "五里铺镇", "关帝庙乡",
    "槐树坪乡", "小河镇", "上营乡", "下营乡", "古城镇", "松林乡", "望江镇", "云台乡",
]
SCHOOL_TYPES = [
    ("小学", 0.55), ("初中", 0.15), ("九年一贯制学校", 0.10), ("教学点", 0.08),
    ("完全中学", 0.04), ("幼儿园", 0.08),
]
URBAN_RURAL = ["主城区", "城乡结合区", "镇中心区", "镇乡结合区", "乡中心区", "村庄"]
SPONSORS = ["县级教育部门", "乡镇政府", "民办", "其他部门"]
ORDINALS = "一二三四五六七八九十"


def ordinal(n):
    """第n in Chinese numerals, 1..99."""
    if n <= 10:
        return ORDINALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else ORDINALS[tens - 1]) + "十" + (ORDINALS[ones - 1] if ones else "")


def make_schools(rng):
    """The pool: (code, name, township, type, urban/rural, sponsor), names unique."""
    types = [t for t, _ in SCHOOL_TYPES]
    weights = [w for _, w in SCHOOL_TYPES]
    counters = {}
    schools = []
    while len(schools) < SCHOOL_POOL:
        town_index = rng.randrange(len(TOWNSHIPS))
        town = TOWNSHIPS[town_index]
        kind = rng.choices(types, weights)[0]
        n = counters.get((town, kind), 0) + 1
        counters[(town, kind)] = n
        if n > 99:
            continue
        suffix = {"教学点": "小学教学点", "九年一贯制学校": "九年一贯制学校"}.get(kind, kind)
        name = f"{COUNTY}{town}第{ordinal(n)}{suffix}" if n > 1 or kind != "初中" else f"{COUNTY}{town}中学"
        code = f"36{rng.randrange(10**8):08d}"
        schools.append((code, name, town, kind, rng.choice(URBAN_RURAL), rng.choice(SPONSORS)))
    return schools


class StringTable:
    """Shared strings in first-use order, as Excel numbers them."""

    def __init__(self):
        self.index = {}
        self.strings = []
        self.references = 0

    def ref(self, text):
        self.references += 1
        i = self.index.get(text)
        if i is None:
            i = self.index[text] = len(self.strings)
            self.strings.append(text)
        return i


def column_letters(n):
    letters = ""
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return letters


LETTERS = [column_letters(c) for c in range(1, COLUMNS + 1)]


def xml_escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def number_text(value):
    """Shortest round-trip text, integers without '.0', as Excel writes a plain number."""
    if isinstance(value, int) or value == int(value):
        return str(int(value))
    return repr(value)


def row_values(rng, school):
    """The 14 numbers of one school's return."""
    kind = school[3]
    big = kind in ("初中", "完全中学", "九年一贯制学校")
    classes = rng.randint(6, 48) if big else rng.randint(1, 24)
    pupils = classes * rng.randint(18, 52)
    girls = pupils * rng.randint(44, 52) // 100
    minority = rng.randint(0, pupils // 10)
    teachers = max(1, pupils // rng.randint(11, 19))
    staff = teachers + rng.randint(0, 12)
    ratio = round(pupils / teachers * 8) / 8            # 15.375
    building = rng.randint(800, 30000) + rng.choice((0, 0.5, 0.25, 0.75))  # 1234.5
    land = rng.randint(2000, 90000) + rng.choice((0, 0.5))
    books = pupils * rng.randint(15, 40)
    computers = rng.randint(0, pupils // 8 + 5)
    equipment = rng.randint(5, 900) / 10 + rng.choice((0, 0.05))          # 37.45
    spending = rng.randint(100, 99999) / 100                              # 512.37
    qualified = rng.randint(0, 1000) / 1000                               # 0.375
    return [classes, pupils, girls, minority, teachers, staff, ratio, building, land, books,
            computers, round(equipment, 2), spending, qualified]


def write_sheet(stream, rows, rng, schools, table):
    """Streams sheet1.xml: header row, then `rows` data rows. Chunks of ~1 MB."""
    stream.write(
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        + f'<dimension ref="A1:{LETTERS[-1]}{rows + 1}"/>'.encode()
        + b'<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
        b'<sheetFormatPr defaultRowHeight="15"/><sheetData>')
    header = "".join(f'<c r="{LETTERS[i]}1" t="s"><v>{table.ref(h)}</v></c>' for i, h in enumerate(HEADERS))
    parts = [f'<row r="1">{header}</row>']
    size = 0
    for r in range(2, rows + 2):
        # Returns come grouped by school, a few forms per school, in roughly pool order.
        school = schools[(r // 3 + rng.randrange(2)) % len(schools)]
        cells = [f'<row r="{r}">']
        for i in range(6):
            cells.append(f'<c r="{LETTERS[i]}{r}" t="s"><v>{table.ref(school[i])}</v></c>')
        for i, value in enumerate(row_values(rng, school), start=6):
            cells.append(f'<c r="{LETTERS[i]}{r}"><v>{number_text(value)}</v></c>')
        cells.append("</row>")
        line = "".join(cells)
        parts.append(line)
        size += len(line)
        if size > 1 << 20:
            stream.write("".join(parts).encode())
            parts, size = [], 0
    parts.append('</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" '
                 'header="0.3" footer="0.3"/></worksheet>')
    stream.write("".join(parts).encode())


def shared_strings_xml(table):
    items = "".join(f"<si><t>{xml_escape(s)}</t></si>" for s in table.strings)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{table.references}" uniqueCount="{len(table.strings)}">{items}</sst>')


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
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
    '<sheets><sheet name="基层表" sheetId="1" r:id="rId1"/></sheets></workbook>')

WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/>'
    '<Relationship Id="rId3" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>')

STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>')


def entry(name):
    info = zipfile.ZipInfo(name, DATE_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def write_workbook(path, rows, seed):
    rng = random.Random(seed)
    schools = make_schools(rng)
    table = StringTable()
    partial = path + ".partial"
    zip64 = rows > 1_500_000  # sheet XML past 4 GiB needs ZIP64 sizes
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr(entry("[Content_Types].xml"), CONTENT_TYPES)
        archive.writestr(entry("_rels/.rels"), ROOT_RELS)
        archive.writestr(entry("xl/workbook.xml"), WORKBOOK)
        archive.writestr(entry("xl/_rels/workbook.xml.rels"), WORKBOOK_RELS)
        archive.writestr(entry("xl/styles.xml"), STYLES)
        # The sheet is written before the strings it references are known; ZIP order does not matter.
        with archive.open(entry("xl/worksheets/sheet1.xml"), "w", force_zip64=zip64) as stream:
            write_sheet(stream, rows, rng, schools, table)
        archive.writestr(entry("xl/sharedStrings.xml"), shared_strings_xml(table))
    os.replace(partial, path)


def default_path(rows, seed):
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    return os.path.join(root, "bench-data", f"county-{rows}x{COLUMNS}-seed{seed}-v{FORMAT_VERSION}.xlsx")


def ensure_workbook(rows, seed=20240901, path=None):
    """The workbook's path, writing it only when it is not there yet."""
    path = path or default_path(rows, seed)
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        write_workbook(path, rows, seed)
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000, help="data rows (default 200000)")
    parser.add_argument("--seed", type=int, default=20240901)
    parser.add_argument("--out", help="output path (default bench-data/county-<rows>x20-...xlsx)")
    args = parser.parse_args()
    if args.rows < 1 or args.rows + 1 > 1_048_576:
        sys.exit("make_workbook: --rows must be between 1 and 1048575")
    print(ensure_workbook(args.rows, args.seed, args.out))


if __name__ == "__main__":
    main()
