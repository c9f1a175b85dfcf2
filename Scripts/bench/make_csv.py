#!/usr/bin/env python3
"""Writes the CSV benchmark files: a county's school returns, N rows x 20 columns, twice.

Python 3 standard library only. Deterministic: the same rows, seed and format version give
byte-identical files, so files already under bench-data/ with the same names are reused.

The same content in two encodings, as Chinese Excel saves them:
  county-<N>x20-seed<S>-v<V>-utf8.csv      "CSV UTF-8": a BOM, CRLF line ends
  county-<N>x20-seed<S>-v<V>-gb18030.csv   "CSV (逗号分隔)" on a Chinese Windows: GB18030, no BOM, CRLF

Shape (a township/county 基层表 exported to CSV):
  - one header row of Chinese column titles, then N data rows, every field non-empty, so the file
    holds (N + 1) rows and 20 x (N + 1) cells;
  - text: 10-digit school code, school name (城关镇第三小学, sometimes with the county in front),
    township (one of them, 䢺溪乡, has a CJK Extension A character: four bytes in GB18030),
    school type, then the urban/rural class code (220) and the year;
  - numbers as Excel writes them when the cell shows them: plain integers (pupils, classes),
    decimals (15.4, 0.962), and thousands-separated figures ("4,795", "2,133,098"), which Excel
    quotes because of the comma;
  - 备注 (remarks): mostly 无 or /, now and then a note with a comma inside (quoted) or with a
    doubled quote ("含""送教上门""学生3人").
About 145 bytes a row in UTF-8 (29.0 MB for 200,000 rows), about 129 in GB18030 (25.8 MB).

Usage: make_csv.py [--rows N] [--seed S]   (prints the two paths written or reused)
"""
import argparse
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_workbook import COUNTY, SCHOOL_TYPES, ordinal  # noqa: E402  第n in Chinese numerals, shared with the XLSX generator

FORMAT_VERSION = 2  # v2: every row its own school code (v1 reused a pool's codes); bump when the generated content changes, so stale files are not reused
COLUMNS = 20
SCHOOL_POOL = 3000
DEFAULT_SEED = 20240901
ENCODINGS = ("utf8", "gb18030")

HEADERS = [
    "学校标识码", "学校名称", "乡镇(街道)", "学校类别", "城乡分类代码", "统计年度",
    "学生人数", "其中女生", "教学班数", "专任教师", "生师比",
    "教学及辅助用房面积(m²)", "体育运动场馆面积(m²)", "教学仪器设备值(元)", "教学用计算机(台)",
    "图书(册)", "生均图书(册)", "网络多媒体教室数", "专任教师学历合格率", "备注",
]
assert len(HEADERS) == COLUMNS

TOWNSHIPS = [
    "城关镇", "青龙镇", "白马乡", "石门镇", "柳河乡", "双溪镇", "长岭乡", "桃源镇",
    "黄土岗乡", "大王庄乡", "新安镇", "河口镇", "梨树沟乡", "红旗乡", "东坝镇", "西关街道",
    "南湖街道", "北山乡", "杨柳镇", "清水河乡", "三道沟镇", "高家堡乡", "马鞍山镇", "金沙乡",
    "龙泉镇", "凤凰乡", "太平镇", "永安乡", "兴隆镇", "和平乡", "五里铺镇", "关帝庙乡",
    "槐树坪乡", "小河镇", "垭口乡", "䢺溪乡", "古城镇", "松林乡", "望江镇", "云台乡",
]
# 统计用城乡分类代码: 111 主城区 ... 220 村庄, as the returns carry it.
URBAN_RURAL = ["111", "112", "121", "122", "123", "210", "220"]
NOTES = [
    "2024年新建塑胶跑道,已验收",
    "含\"送教上门\"学生3人",
    "校舍面积含租用,待核实",
    "撤并后\"一校两区\",数据合并填报",
    "图书含电子图书1,200册",
]


def make_schools(rng):
    """The pool: (code, name, township, type, urban/rural), names unique."""
    types = [t for t, _ in SCHOOL_TYPES]
    weights = [w for _, w in SCHOOL_TYPES]
    counters = {}
    schools = []
    while len(schools) < SCHOOL_POOL:
        town = TOWNSHIPS[rng.randrange(len(TOWNSHIPS))]
        kind = rng.choices(types, weights)[0]
        n = counters.get((town, kind), 0) + 1
        counters[(town, kind)] = n
        if n > 99:
            continue
        if n == 1 and kind in ("小学", "初中"):
            name = f"{town}中心{kind}" if kind == "小学" else f"{town}中学"
        else:
            suffix = {"教学点": "小学教学点"}.get(kind, kind)
            name = f"{town}第{ordinal(n)}{suffix}"
        if rng.random() < 0.2:
            name = COUNTY + name
        code = f"360321{rng.randrange(10**4):04d}"
        schools.append((code, name, town, kind, rng.choice(URBAN_RURAL)))
    return schools


def field(text):
    """A CSV field as Excel writes it: quoted when it holds a comma, a quote or a line break."""
    if "," in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def shown(value):
    """An integer as a cell with the thousands format shows it: 4795 -> "4,795" (quoted)."""
    return field(f"{value:,}")


def decimal(value, places):
    """A rounded decimal as Excel's General format shows it: no trailing zeros."""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return text or "0"


def row_fields(rng, school):
    """The 20 fields of one school's return, as CSV text."""
    code, name, town, kind, urban = school
    big = kind in ("初中", "完全中学", "九年一贯制学校")
    classes = rng.randint(6, 48) if big else rng.randint(1, 24)
    pupils = classes * rng.randint(18, 52)
    girls = pupils * rng.randint(44, 52) // 100
    teachers = max(1, pupils // rng.randint(11, 19))
    area = pupils * rng.randint(3, 9) + rng.choice((0, 0, 0.5))
    ground = pupils * rng.randint(4, 14) + rng.choice((0, 0.5))
    equipment = pupils * rng.randint(900, 4200)
    computers = rng.randint(0, pupils // 8 + 5)
    books = pupils * rng.randint(15, 40) + rng.randrange(pupils)
    rooms = rng.randint(0, classes + 2)
    qualified = rng.randint(850, 1000) / 1000
    pick = rng.random()
    note = NOTES[rng.randrange(len(NOTES))] if pick < 0.02 else ("/" if pick < 0.3 else "无")
    return [
        code, name, town, kind, urban, "2024",
        str(pupils), str(girls), str(classes), str(teachers), decimal(pupils / teachers, 2),
        shown(int(area)) if area >= 1000 else decimal(area, 1),
        shown(int(ground)) if ground >= 1000 else decimal(ground, 1),
        shown(equipment), str(computers), shown(books), decimal(books / pupils, 2),
        str(rooms), decimal(qualified, 3), field(note),
    ]


def write_csv(paths, rows, seed):
    """Writes both encodings in one pass; each file appears only when complete."""
    rng = random.Random(seed)
    schools = make_schools(rng)
    partial = {enc: path + ".partial" for enc, path in paths.items()}
    handles = {enc: open(p, "wb") for enc, p in partial.items()}
    try:
        handles["utf8"].write(b"\xef\xbb\xbf")  # Excel's CSV UTF-8 starts with a BOM
        lines = [",".join(field(h) for h in HEADERS)]
        size = 0
        for r in range(rows):
            # Returns come grouped by school, a few forms per school, in roughly pool order.
            school = schools[(r // 3 + rng.randrange(2)) % len(schools)]
            # One row per school, as a county's table has it: the pool gives names and kinds, each
            # row its own 10-digit code, so a warehouse loads every row (no school twice).
            school = (f"36{r:08d}",) + tuple(school[1:])
            line = ",".join(row_fields(rng, school))
            lines.append(line)
            size += len(line)
            if size > 1 << 20 or r == rows - 1:
                text = "\r\n".join(lines) + "\r\n"
                handles["utf8"].write(text.encode("utf-8"))
                handles["gb18030"].write(text.encode("gb18030"))
                lines, size = [], 0
        if rows == 0:
            text = "\r\n".join(lines) + "\r\n"
            handles["utf8"].write(text.encode("utf-8"))
            handles["gb18030"].write(text.encode("gb18030"))
    finally:
        for handle in handles.values():
            handle.close()
    for enc, path in paths.items():
        os.replace(partial[enc], path)


def default_paths(rows, seed):
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    stem = os.path.join(root, "bench-data", f"county-{rows}x{COLUMNS}-seed{seed}-v{FORMAT_VERSION}")
    return {enc: f"{stem}-{enc}.csv" for enc in ENCODINGS}


def ensure_csv(rows, seed=DEFAULT_SEED):
    """{"utf8": path, "gb18030": path}, writing the files only when one is not there yet."""
    paths = default_paths(rows, seed)
    if not all(os.path.exists(p) for p in paths.values()):
        os.makedirs(os.path.dirname(paths["utf8"]), exist_ok=True)
        write_csv(paths, rows, seed)
    return paths


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000, help="data rows (default 200000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    if args.rows < 0:
        sys.exit("make_csv: --rows must not be negative")
    for path in ensure_csv(args.rows, args.seed).values():
        print(path)


if __name__ == "__main__":
    main()
