#!/usr/bin/env python3
"""Writes the scale benchmark's inputs (issue 15): a national year of school returns, one CSV a
province, and the one-county subset of the same schools as a file of its own.

Python 3 standard library only. Deterministic: the same shape, years, seed and format version give
byte-identical files, so a folder already holding them (its .generator marker says how they were
made) is reused. Each county's schools and figures come from a generator seeded by the seed and the
county's code alone, so a county's rows are the same whatever the national shape around it.

The national shape, by default as a provincial data centre sees it:
  - 31 provinces (the real two-digit province codes 11 北京市 … 65 新疆维吾尔自治区), holding
    2,790 counties (90 a province; a remainder goes to the first provinces);
  - county codes PPNNNN: the province's code, then the county's number in it from 0001, so the first
    county is 110001 (synthetic codes, not real ones), named from a seeded pool (青山县 …);
  - 70 schools a county (195,300 in all), in 6 to 12 townships each; 学校标识码 is the county's
    code and the school's number (10 digits, unique); types 小学 65%, 初中 25%, 九年一贯制学校 10%.
One file a province and year, `<province><year>年学校基本数据.csv`, as Excel's "CSV UTF-8" saves a
provincial extract (a BOM, CRLF line ends): one header row, then one row a school, 21 columns:
  县区名称, 行政区划代码, 乡镇(街道), 学校标识码, 学校名称, 办学类型, 城乡分类, 统计年度 ("2024-2025"),
  then the 13 base counts the catalogue maps, spelled as returns write them: 在校学生数, 班级数,
  专任教师数, 高于规定学历教师数, 中级及以上职称教师数, 县级以上骨干教师数, 音体美专任教师数,
  教学及辅助用房面积(m²), 体育运动场馆面积(m²), 教学仪器设备值(元), 计算机台数, 图书(册),
  网络多媒体教室数.
So 13 values a school: 195,300 x 13 = 2,538,900 values a year at the default. A 九年一贯制学校 is one
row for the whole school (as a one-row-a-school extract gives it, no 学段 to split it by), which the
warehouse keeps as its whole_school part.

Figures are plausible and spread so every CV is computable: students drawn log-normally by type
(小学 about 420, 初中 about 900, 九年一贯制 about 1,000), classes of 25 to 50, one teacher to 12-19
students, degree, title, backbone and PE/arts shares of the teachers, space, sports ground,
equipment, computers, books and multimedia rooms per student or class, with a county factor (rich
and poor counties) and a school factor on the facilities. With --years, every year holds the same
schools; from the first year on each school grows or shrinks by its own rate (±4% a year) with a
little noise, for trend work.

The one-county subset: the chosen county's rows (default the first county, 110001), byte for byte
as they stand in its province's file, with the same header, in `<out>-one-county/` (a folder of its
own, so ingesting the national folder does not take it in twice).

Usage: make_national.py [--provinces N] [--counties N] [--schools-per-county N] [--year Y | --years Y1,Y2]
                        [--one-county CODE] [--seed S] [--out DIR] [--one-county-out DIR]
(prints the national folder and the one-county file)
"""
import argparse
import json
import math
import os
import random
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_workbook import TOWNSHIPS, ordinal  # noqa: E402  shared with the other generators

FORMAT_VERSION = 1  # bump when the generated content changes, so stale files are not reused
DEFAULT_PROVINCES = 31
DEFAULT_COUNTIES = 2790
DEFAULT_SCHOOLS = 70
DEFAULT_YEAR = 2024
DEFAULT_SEED = 20240901
MARKER = ".generator"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_OUT = os.path.join(ROOT, "bench-data", "national")

PROVINCES = [
    ("11", "北京市"), ("12", "天津市"), ("13", "河北省"), ("14", "山西省"), ("15", "内蒙古自治区"),
    ("21", "辽宁省"), ("22", "吉林省"), ("23", "黑龙江省"), ("31", "上海市"), ("32", "江苏省"),
    ("33", "浙江省"), ("34", "安徽省"), ("35", "福建省"), ("36", "江西省"), ("37", "山东省"),
    ("41", "河南省"), ("42", "湖北省"), ("43", "湖南省"), ("44", "广东省"), ("45", "广西壮族自治区"),
    ("46", "海南省"), ("50", "重庆市"), ("51", "四川省"), ("52", "贵州省"), ("53", "云南省"),
    ("54", "西藏自治区"), ("61", "陕西省"), ("62", "甘肃省"), ("63", "青海省"), ("64", "宁夏回族自治区"),
    ("65", "新疆维吾尔自治区"),
]
# County names: two characters of this pool and 县 (64 x 63 = 4,032 names before a number is added).
NAME_CHARACTERS = ("青白石龙凤平安永和兴东西南北上下长丰宁化富阳山水河江湖溪林松桃梅竹云"
                   "金玉华新古城泉岭川源德定昌盛乐清远明光泰康瑞福宝鹤鹿马牛羊")
HEADERS = [
    "县区名称", "行政区划代码", "乡镇(街道)", "学校标识码", "学校名称", "办学类型", "城乡分类", "统计年度",
    "在校学生数", "班级数", "专任教师数", "高于规定学历教师数", "中级及以上职称教师数", "县级以上骨干教师数",
    "音体美专任教师数", "教学及辅助用房面积(m²)", "体育运动场馆面积(m²)", "教学仪器设备值(元)", "计算机台数",
    "图书(册)", "网络多媒体教室数",
]
VALUES_PER_SCHOOL = 13
TYPES = [("小学", 0.65), ("初中", 0.25), ("九年一贯制学校", 0.10)]
# Students: median of the log-normal, spread (sigma), floor and cap; pupils per class.
STUDENTS = {"小学": (420, 0.75, 30, 3200, (25, 45)), "初中": (900, 0.55, 120, 3600, (38, 50)),
            "九年一贯制学校": (1000, 0.5, 200, 3800, (32, 48))}
URBAN_RURAL = ["城区", "镇区", "乡村"]
VILLAGES = "东西南北中前后上下大小新老高石桥坪岭塘湾口坝沟庄河溪林山岗堡集营"


def provinces_and_counties(provinces, counties):
    """[(province code, province name, [county code, ...]), ...]: counties spread over the provinces,
    the remainder to the first ones."""
    base, extra = divmod(counties, provinces)
    result = []
    for p, (code, name) in enumerate(PROVINCES[:provinces]):
        n = base + (1 if p < extra else 0)
        result.append((code, name, [f"{code}{i:04d}" for i in range(1, n + 1)]))
    return result


def county_names(all_codes, seed):
    """A distinct name for each county code: a seeded shuffle of the two-character pool."""
    pairs = [a + b for a in NAME_CHARACTERS for b in NAME_CHARACTERS if a != b]
    random.Random(f"{seed}-names").shuffle(pairs)
    names = {}
    for i, code in enumerate(all_codes):
        round_, j = divmod(i, len(pairs))
        names[code] = pairs[j] + ("" if round_ == 0 else ordinal(round_ + 1)) + "县"
    return names


def lognormal(rng, median, sigma, low, high):
    return int(min(high, max(low, round(median * math.exp(rng.gauss(0, sigma))))))


def make_county(code, schools, seed):
    """The county's schools, year-independent: identity and base figures, from a generator seeded by
    the seed and the county's code only."""
    rng = random.Random(f"{seed}-county-{code}")
    wealth = rng.uniform(0.75, 1.3)  # a rich county builds more space and buys more equipment
    towns = rng.sample(TOWNSHIPS, rng.randint(6, 12))
    names = set()
    result = []
    for s in range(1, schools + 1):
        town = towns[0] if s <= 3 else rng.choice(towns)  # the county town has the big schools
        kind = rng.choices([t for t, _ in TYPES], [w for _, w in TYPES])[0]
        suffix = {"小学": "小学", "初中": "中学", "九年一贯制学校": "学校"}[kind]
        name = f"{town}中心{suffix}" if kind == "小学" and f"{town}中心小学" not in names else None
        while name is None or name in names:
            name = f"{town}{rng.choice(VILLAGES)}{rng.choice(VILLAGES)}{suffix}"
            if name in names:
                name = f"{town}第{ordinal(rng.randint(1, 99))}{suffix}"
        names.add(name)
        median, sigma, low, high, class_size = STUDENTS[kind]
        urban = URBAN_RURAL[0] if s <= 3 else rng.choices(URBAN_RURAL, (0.2, 0.35, 0.45))[0]
        if urban == "城区":
            median *= 2
        facilities = wealth * rng.uniform(0.7, 1.3)
        result.append({
            "code": f"{code}{s:04d}", "name": name, "township": town, "type": kind, "urban": urban,
            "students": lognormal(rng, median, sigma, low, high),
            "class_size": rng.uniform(*class_size),
            "students_per_teacher": rng.uniform(12, 19),
            "degree": rng.uniform(0.8, 1.0), "title": rng.uniform(0.25, 0.65),
            "backbone": rng.uniform(0.08, 0.3), "pe_arts": rng.uniform(0.09, 0.2),
            "space": facilities * rng.uniform(4, 9), "ground": facilities * rng.uniform(6, 15),
            "equipment": facilities * rng.uniform(900, 4200), "computers": facilities * rng.uniform(0.05, 0.18),
            "books": rng.uniform(18, 45), "rooms": rng.uniform(0.85, 1.25),
            "growth": rng.uniform(-0.04, 0.04),
        })
    return result


def number(value, places):
    """A decimal as Excel's General format shows it: no trailing zeros."""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return text or "0"


def school_row(county_name, county_code, school, year, first_year, rng):
    """The 21 fields of one school's row for the year, as CSV text (no field needs quoting)."""
    scale = (1 + school["growth"]) ** (year - first_year) * rng.uniform(0.98, 1.02)
    students = max(10, round(school["students"] * scale))
    classes = max(1, math.ceil(students / school["class_size"]))
    teachers = max(2, round(students / school["students_per_teacher"] * rng.uniform(0.97, 1.03)))
    counts = [
        students, classes, teachers,
        min(teachers, round(teachers * school["degree"])), round(teachers * school["title"]),
        round(teachers * school["backbone"]), max(1, round(teachers * school["pe_arts"])),
    ]
    return [
        county_name, county_code, school["township"], school["code"], school["name"], school["type"],
        school["urban"], f"{year}-{year + 1}",
        *(str(c) for c in counts),
        number(students * school["space"] * rng.uniform(0.99, 1.01), 1),
        number(students * school["ground"] * rng.uniform(0.99, 1.01), 1),
        number(students * school["equipment"] * rng.uniform(0.97, 1.05), 2),
        str(round(students * school["computers"])),
        str(round(students * school["books"] * rng.uniform(0.98, 1.04))),
        str(max(0, round(classes * school["rooms"]))),
    ]


def file_name(place, year):
    return f"{place}{year}年学校基本数据.csv"


def stamp_for(provinces, counties, schools, years, one_county, seed):
    return json.dumps({"generator": "make_national.py", "format_version": FORMAT_VERSION, "provinces": provinces,
                       "counties": counties, "schools_per_county": schools, "years": years,
                       "one_county": one_county, "seed": seed}, sort_keys=True)


def write_all(out, one_out, layout, names, schools, years, one_county, seed):
    """Writes every province file of every year into `out`, and the one county's rows into `one_out`;
    each folder filled under a temporary name and renamed when complete."""
    partial, one_partial = out + ".partial", one_out + ".partial"
    for folder in (partial, one_partial):
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
    header = ",".join(HEADERS)
    county_schools = {}  # county code -> its schools; built once, reused for every year
    one_rows = {year: [] for year in years}
    for province_code, province_name, codes in layout:
        for year in years:
            lines = [header]
            for code in codes:
                if code not in county_schools:
                    county_schools[code] = make_county(code, schools, seed)
                rng = random.Random(f"{seed}-year-{year}-{code}")
                rows = [",".join(school_row(names[code], code, s, year, years[0], rng)) for s in county_schools[code]]
                lines.extend(rows)
                if code == one_county:
                    one_rows[year] = rows
            with open(os.path.join(partial, file_name(province_name, year)), "wb") as handle:
                handle.write(b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode("utf-8"))
        for code in codes:
            county_schools.pop(code, None)
    one_paths = []
    for year in years:
        name = file_name(names[one_county], year)
        with open(os.path.join(one_partial, name), "wb") as handle:
            handle.write(b"\xef\xbb\xbf" + ("\r\n".join([header] + one_rows[year]) + "\r\n").encode("utf-8"))
        one_paths.append(os.path.join(one_out, name))
    for folder, final in ((partial, out), (one_partial, one_out)):
        shutil.rmtree(final, ignore_errors=True)
        os.replace(folder, final)
    return one_paths


def ensure_national(provinces=DEFAULT_PROVINCES, counties=DEFAULT_COUNTIES, schools=DEFAULT_SCHOOLS,
                    years=(DEFAULT_YEAR,), one_county=None, seed=DEFAULT_SEED, out=DEFAULT_OUT, one_out=None):
    """Writes the inputs unless `out` already holds them (same marker); returns
    {"folder", "files", "one_county", "one_county_folder", "one_county_files", "counties", "schools",
    "values", "years"}."""
    if not 1 <= provinces <= len(PROVINCES):
        raise ValueError(f"--provinces must be 1..{len(PROVINCES)}")
    if not provinces <= counties <= provinces * 9999:
        raise ValueError("--counties must be at least one a province and at most 9,999 a province")
    if not 1 <= schools <= 9999:
        raise ValueError("--schools-per-county must be 1..9999")
    years = sorted(set(years))
    layout = provinces_and_counties(provinces, counties)
    all_codes = [code for _, _, codes in layout for code in codes]
    one_county = one_county or all_codes[0]
    if one_county not in all_codes:
        raise ValueError(f"--one-county {one_county} is not one of the counties written ({all_codes[0]} … {all_codes[-1]})")
    out = os.path.abspath(out)
    one_out = os.path.abspath(one_out or out + "-one-county")
    names = county_names(all_codes, seed)
    files = [os.path.join(out, file_name(name, year)) for _, name, _ in layout for year in years]
    one_files = [os.path.join(one_out, file_name(names[one_county], year)) for year in years]
    stamp = stamp_for(provinces, counties, schools, years, one_county, seed)
    try:
        current = open(os.path.join(out, MARKER), encoding="utf-8").read()
    except OSError:
        current = None
    if current != stamp or not all(os.path.exists(p) for p in files + one_files):
        write_all(out, one_out, layout, names, schools, years, one_county, seed)
        with open(os.path.join(out, MARKER), "w", encoding="utf-8") as handle:
            handle.write(stamp)
    return {"folder": out, "files": files, "one_county": one_county, "one_county_name": names[one_county],
            "one_county_folder": one_out, "one_county_files": one_files, "provinces": provinces,
            "counties": counties, "schools": counties * schools, "schools_per_county": schools,
            "values": counties * schools * VALUES_PER_SCHOOL * len(years), "years": years}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provinces", type=int, default=DEFAULT_PROVINCES)
    parser.add_argument("--counties", type=int, default=DEFAULT_COUNTIES, help="in all (default 2790)")
    parser.add_argument("--schools-per-county", type=int, default=DEFAULT_SCHOOLS)
    parser.add_argument("--year", type=int, default=DEFAULT_YEAR)
    parser.add_argument("--years", help="comma-separated, e.g. 2023,2024 (instead of --year)")
    parser.add_argument("--one-county", help="the county of the one-county subset (default the first, 110001)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", default=DEFAULT_OUT, help="the national folder (default bench-data/national)")
    parser.add_argument("--one-county-out", help="the one-county folder (default <out>-one-county)")
    args = parser.parse_args()
    try:
        years = [int(y) for y in args.years.split(",") if y.strip()] if args.years else [args.year]
        made = ensure_national(args.provinces, args.counties, args.schools_per_county, years, args.one_county,
                               args.seed, args.out, args.one_county_out)
    except ValueError as error:
        parser.error(str(error))
    print(made["folder"])
    for path in made["one_county_files"]:
        print(path)


if __name__ == "__main__":
    main()
