#!/usr/bin/env python3
"""Writes the second sample county, the district 东湖区 (code 360392, made up), school year 2024:

    SampleInputs/东湖区/东湖区2024年教育事业统计年报.xlsx   one workbook as a district bureau compiles it in WPS
    SampleInputs/TRUTH.json → "district"           the same figures in canonical units (every other key kept)

    python3 Scripts/samples/make_district_workbook.py [--out SampleInputs]

Python 3.11 standard library only: the XLSX parts are written by hand the way WPS 表格 (Kingsoft WPS
Office) writes them — docProps/custom.xml with KSOProductBuildVer and ICV, <Application>WPS 表格</Application>,
WPS's styles (宋体, charset 134, numFmts 41–44, custom formats from 176), <sheetPr/>, <sheetFormatPr>,
fractional <cols> widths, rows with spans, styled empty cells inside merges, shared strings for every
text (xml:space="preserve" where it has spaces at an end), SUM formulas with cached values, a hidden sheet
(state="hidden"), [Content_Types].xml written last. Same bytes on every run: a fixed seed, fixed ZIP
timestamps, no dict or set order left to chance. Then run Scripts/samples/check_sample_inputs.py.

The shapes (issue 10): one sheet per school type plus a summary sheet 一览表 and a hidden sheet
小学(2023) holding last year's figures; titles merged over rows 1–2 with leading spaces; three-row
headers (rows 3–5) with 机构代码 / 单位 / 性质 / 办学地址 merged down, field groups merged across,
合计/计 sub-levels; the totals row 合计 in row 6, above the schools; township group rows (the place
name alone in 单位, every other cell spaces) — in 初级中学 carrying subtotal formulas instead;
whitespace-only cells inside school rows; multi-part schools with stage-prefixed groups in one row.
"""

import argparse
import json
import math
import os
import random
import zipfile
from decimal import Decimal
from xml.sax.saxutils import escape

SEED = 20241015
YEAR = 2024
LAST_YEAR = 2023
COUNTY = "东湖区"
COUNTY_CODE = "360392"
# In a folder of its own: the district is another county, ingested with its own county code.
FILE = "东湖区/东湖区2024年教育事业统计年报.xlsx"
CODE_PREFIX = "21360392"  # + two digits: 10-digit 机构代码 (学校标识码)
ZIP_TIME = (2024, 9, 30, 10, 26, 14)
KSO_BUILD = "2052-12.1.0.17827"  # 2052: zh-CN
TOWNSHIPS = ["东湖街道", "西山街道", "白鹭镇", "青溪乡"]

GRADES = {
    "primary": ["一年级", "二年级", "三年级", "四年级", "五年级", "六年级"],
    "junior": ["七年级", "八年级", "九年级"],
    "senior": ["高一", "高二", "高三"],
    "preschool": ["小班", "中班", "大班"],
}
STAGE_CN = {"primary": "小学", "junior": "初中", "senior": "高中", "preschool": "幼儿园"}

# sheet name → (school type as Pipelines/catalogue.yml names it, stages its rows hold)
SHEETS = {
    "幼儿园": ("幼儿园", ["preschool"]),
    "小学": ("小学", ["primary"]),
    "初级中学": ("初中", ["junior"]),
    "九年一贯制学校": ("九年一贯制学校", ["primary", "junior"]),
    "高级中学": ("高级中学", ["senior"]),
    "完全中学": ("完全中学", ["junior", "senior"]),
    "十二年一贯制学校": ("十二年一贯制学校", ["primary", "junior", "senior"]),
    "职中": ("职业高中", ["senior"]),
    "特殊教育": ("特殊教育学校", ["whole"]),
}
SHEET_ORDER = ["一览表"] + list(SHEETS) + ["小学(2023)"]
HIDDEN = "小学(2023)"
SUBTOTAL_SHEET = "初级中学"      # its township rows carry subtotal formulas
NUMERIC_CODES_SHEET = "职中"     # its 机构代码 are number cells, not text

# (sheet, township, name, 性质 as written, address (' ' = written as spaces), size, flags)
ROSTER = [
    ("小学", "东湖街道", "东湖区东湖小学", "831县级教育部门", "东湖区湖滨路9号", "city", {}),
    ("小学", "东湖街道", "东湖区实验小学", "831县级教育部门", "东湖区解放路28号", "city", {}),
    ("小学", "东湖街道", "东湖区湖滨小学", "教育部门", "东湖区湖滨路156号", "city", {}),
    ("小学", "东湖街道", "东湖区育英小学", "999民办", "东湖区文昌路3号", "town", {}),
    ("小学", "东湖街道", "东湖区湖滨第二小学", "831县级教育部门", "东湖区滨江大道88号", "town", {"new": True}),
    ("小学", "西山街道", "东湖区西山小学", "831县级教育部门", "东湖区西山路12号", "city", {}),
    ("小学", "西山街道", "东湖区西山第二小学", "教育部门", "东湖区翠岭路45号", "town", {}),
    ("小学", "西山街道", "东湖区博文小学", "民办", "东湖区西山路201号", "town", {}),
    ("小学", "白鹭镇", "东湖区白鹭小学", "831县级教育部门", " ", "town", {}),
    ("小学", "白鹭镇", "东湖区白鹭镇中心小学", "教育部门", "东湖区白鹭镇新街1号", "town", {}),
    ("小学", "白鹭镇", "东湖区白鹭镇芦塘小学", "教育部门", "东湖区白鹭镇芦塘村", "village", {}),
    ("小学", "白鹭镇", "东湖区白鹭镇沙湾小学", "教育部门", "东湖区白鹭镇沙湾村", "village", {"grades": 4}),
    ("小学", "青溪乡", "东湖区青溪乡中心小学", "教育部门", "东湖区青溪乡青溪街18号", "town", {}),
    ("小学", "青溪乡", "东湖区青溪乡石桥小学", "教育部门", "东湖区青溪乡石桥村", "village", {}),
    ("小学", "青溪乡", "东湖区青溪乡枫坪小学", "教育部门", "东湖区青溪乡枫坪村", "village", {}),
    ("小学", "青溪乡", "东湖区青溪乡桃花小学", "教育部门", " ", "village", {}),
    ("初级中学", "东湖街道", "东湖区第二初级中学", "831县级教育部门", "东湖区湖滨路60号", "city", {}),
    ("初级中学", "东湖街道", "东湖区第五初级中学", "教育部门", "东湖区解放路101号", "city", {}),
    ("初级中学", "西山街道", "东湖区第三初级中学", "831县级教育部门", "东湖区西山路77号", "city", {}),
    ("初级中学", "西山街道", "东湖区博雅初级中学", "999民办", "东湖区翠岭路8号", "town", {}),
    ("初级中学", "白鹭镇", "东湖区白鹭镇初级中学", "教育部门", "东湖区白鹭镇新街30号", "town", {}),
    ("初级中学", "青溪乡", "东湖区青溪乡初级中学", "教育部门", "东湖区青溪乡青溪街2号", "village", {}),
    ("九年一贯制学校", "东湖街道", "东湖区实验学校", "831县级教育部门", "东湖区湖滨路1号", "city", {}),
    ("九年一贯制学校", "西山街道", "东湖区西山学校", "教育部门", "东湖区西山路150号", "town", {}),
    ("九年一贯制学校", "青溪乡", "东湖区青溪学校", "教育部门", "东湖区青溪乡枫坪村", "village", {}),
    ("完全中学", "东湖街道", "东湖区第一中学", "831县级教育部门", "东湖区文昌路66号", "city", {}),
    ("完全中学", "白鹭镇", "东湖区白鹭中学", "教育部门", "东湖区白鹭镇学府路5号", "town", {}),
    ("十二年一贯制学校", "东湖街道", "东湖区外国语学校", "999民办", " ", "town", {"no_senior": True}),
    ("十二年一贯制学校", "西山街道", "东湖区启明学校", "民办", "东湖区西山路260号", "town", {}),
    ("高级中学", "东湖街道", "东湖区第一高级中学", "821地级教育部门", "东湖区文昌路1号", "city", {}),
    ("高级中学", "西山街道", "东湖区第二高级中学", "831县级教育部门", "东湖区翠岭路99号", "city", {}),
    ("职中", "东湖街道", "东湖区职业中学", "831县级教育部门", "东湖区工业大道20号", "town", {}),
    ("职中", "白鹭镇", "东湖区白鹭职业技术学校", "教育部门", "东湖区白鹭镇学府路9号", "town", {}),
    ("特殊教育", "东湖街道", "东湖区特殊教育学校", "831县级教育部门", "东湖区康乐路6号", "town", {}),
    ("幼儿园", "东湖街道", "东湖区机关幼儿园", "831县级教育部门", "东湖区解放路12号", "city", {}),
    ("幼儿园", "东湖街道", "东湖区阳光幼儿园", "民办", "东湖区湖滨路210号", "town", {}),
    ("幼儿园", "西山街道", "东湖区第二幼儿园", "831县级教育部门", "东湖区西山路30号", "city", {}),
    ("幼儿园", "西山街道", "东湖区童心幼儿园", "999民办", "东湖区翠岭路120号", "town", {}),
    ("幼儿园", "白鹭镇", "东湖区白鹭镇中心幼儿园", "教育部门", "东湖区白鹭镇新街12号", "town", {}),
    ("幼儿园", "青溪乡", "东湖区青溪乡中心幼儿园", "教育部门", "东湖区青溪乡青溪街6号", "village", {}),
]
# In 2023 only: merged into 青溪乡中心小学 in 2024 (its code is not used in 2024).
CLOSED_2023 = ("青溪乡", "东湖区青溪乡竹坑小学", "教育部门", "东湖区青溪乡竹坑村", "village", {"grades": 5})

# Per stage and size: classes per grade, pupils per class.
CLASSES = {
    ("primary", "city"): (5, 8), ("primary", "town"): (2, 4), ("primary", "village"): (1, 1),
    ("junior", "city"): (8, 12), ("junior", "town"): (3, 6), ("junior", "village"): (2, 3),
    ("senior", "city"): (10, 14), ("senior", "town"): (4, 8), ("senior", "village"): (2, 3),
    ("preschool", "city"): (3, 4), ("preschool", "town"): (2, 3), ("preschool", "village"): (1, 2),
}
CLASS_SIZE = {
    ("primary", "city"): (42, 50), ("primary", "town"): (35, 46), ("primary", "village"): (12, 30),
    ("junior", "city"): (45, 52), ("junior", "town"): (40, 50), ("junior", "village"): (30, 45),
    ("senior", "city"): (46, 55), ("senior", "town"): (40, 52), ("senior", "village"): (35, 45),
    ("preschool", "city"): (28, 35), ("preschool", "town"): (24, 32), ("preschool", "village"): (15, 26),
}
PUPILS_PER_TEACHER = {"primary": (16.0, 19.5), "junior": (11.5, 14.0), "senior": (11.5, 13.5),
                      "preschool": (9.0, 13.0), "whole": (3.0, 4.0)}


# ---------------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------------

def draw_part(rng, stage, size, grades_taught=None, empty=False):
    names = GRADES[stage]
    lo, hi = CLASSES[(stage, size)]
    cs_lo, cs_hi = CLASS_SIZE[(stage, size)]
    classes, students = [], []
    for i, _ in enumerate(names):
        if empty or (grades_taught is not None and i >= grades_taught):
            classes.append(None)  # nothing taught: written as spaces
            students.append(None)
            continue
        n = rng.randint(lo, hi)
        classes.append(n)
        students.append(sum(rng.randint(cs_lo, cs_hi) for _ in range(n)))
    total = sum(s or 0 for s in students)
    return {
        "classes": sum(c or 0 for c in classes),
        "students": total,
        "students_female": round(total * rng.uniform(0.44, 0.50)),
        "classes_by_grade": classes,
        "students_by_grade": students,
    }


def draw_special(rng):
    classes = rng.randint(7, 10)
    students = sum(rng.randint(8, 12) for _ in range(classes))
    return {"classes": classes, "students": students, "students_female": round(students * rng.uniform(0.35, 0.45))}


def draw_whole(rng, students, stage, parts):
    """Staff, books, equipment and the unloaded figures for a school of `students` pupils."""
    teachers = math.ceil(students / rng.uniform(*PUPILS_PER_TEACHER[stage]))
    staff = teachers + rng.randint(2, max(3, teachers // 6))
    equipment_cents = int(students * rng.uniform(1500, 3600) * 100) + rng.randint(0, 99)
    assets_cents = int(equipment_cents * rng.uniform(4.0, 9.0))
    whole = {
        "staff": staff,
        "full_time_teachers": teachers,
        "books": students * rng.randint(18, 45) + rng.randint(0, 99),
        "equipment_cents": equipment_cents,
        "assets_cents": assets_cents,
        "building_area": round(students * rng.uniform(5.0, 9.5), 2),
        "site_area": int(students * rng.uniform(12, 30)),
    }
    if len(parts) == 1 and stage != "whole":
        part = parts[0]
        first, last = part["students_by_grade"][0], part["students_by_grade"][-1]
        whole["entrants"] = None if first is None else max(0, first + rng.randint(-4, 2))
        whole["graduates"] = None if last is None else max(0, last + rng.randint(-3, 3))
    elif stage == "whole":
        whole["entrants"] = rng.randint(8, 16)
        whole["graduates"] = rng.randint(6, 14)
    return whole


def make_school(rng, sheet, code, township, name, owner, address, size, flags):
    stype, stages = SHEETS[sheet]
    school = {"sheet": sheet, "code": code, "township": township, "name": name, "owner": owner,
              "address": address, "type": stype, "parts": {}, "empty_parts": []}
    if stages == ["whole"]:
        school["parts"]["whole"] = draw_special(rng)
    else:
        for stage in stages:
            empty = stage == "senior" and flags.get("no_senior")
            part_size = "city" if size == "city" else ("town" if stage == "senior" else size)
            part = draw_part(rng, stage, part_size, flags.get("grades") if stage == "primary" else None, empty)
            if empty:
                part.update(classes=0, students=0, students_female=0)
                school["empty_parts"].append(stage)
            school["parts"][stage] = part
    loaded = [p for s, p in school["parts"].items() if s not in school["empty_parts"]]
    students = sum(p["students"] for p in loaded)
    school["whole"] = draw_whole(rng, students, stages[0] if len(stages) == 1 else "junior", loaded)
    return school


def roster(rng):
    schools = [make_school(rng, sheet, f"{CODE_PREFIX}{i + 1:02d}", *rest) for i, (sheet, *rest) in enumerate(ROSTER)]
    # Last year's 小学 sheet: the same schools but the new one, plus one closed since.
    last = []
    for s in schools:
        if s["sheet"] != "小学" or s["name"] == "东湖区湖滨第二小学":
            continue
        entry = next(r for r in ROSTER if r[2] == s["name"])
        last.append(make_school(rng, "小学", s["code"], *entry[1:]))
    closed = make_school(rng, "小学", f"{CODE_PREFIX}{len(ROSTER) + 1:02d}", *CLOSED_2023)
    last.insert(next(i for i, s in enumerate(last) if s["township"] == "青溪乡") + 1, closed)
    return schools, last


# ---------------------------------------------------------------------------------------------
# Columns: header groups → cells, merges and the TRUTH path each column holds
# ---------------------------------------------------------------------------------------------

def col_name(n):
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


class Sub:
    def __init__(self, label, key, row5=None):
        self.label, self.key, self.row5 = label, key, row5


class Group:
    """A field in row 3 over its sub-columns in row 4 (each merged down to row 5 unless it has a
    row-5 sub-level). No subs: one column merged over rows 3–5. deep: the field over rows 3–4, the
    subs in row 5."""

    def __init__(self, label, subs=None, key=None, deep=False):
        self.label, self.subs, self.key, self.deep = label, subs or [], key, deep


IDENTITY = [Group("机构代码", key="code"), Group("单位", key="name"), Group("性质", key="owner"),
            Group("办学地址", key="address")]


def whole_school_groups(k):
    """The unprefixed columns: staff, building, site, books, assets. k: 'w' (the school's own part)."""
    return [
        Group("教职工数（个）", [Sub("合计", f"{k}.staff"), Sub("专任教师", f"{k}.full_time_teachers")]),
        Group("校舍建筑面积合计", key="o.building_area"),
        Group("占地面积（平方米）", key="o.site_area"),
        Group("图书（册）", key=f"{k}.books"),
        Group("固定资产总值（万元）", [Sub("合计", "o.fixed_assets_value", row5="计"),
                                   Sub("其中：教学仪器设备资产值", f"{k}.equipment_value")]),
    ]


def grade_subs(stage, key, total="合计", female=True):
    subs = [Sub(total, f"p.{stage}.{key}")]
    if female:
        subs.append(Sub("其中：女", f"p.{stage}.students_female"))
    plural = "students_by_grade" if key == "students" else "classes_by_grade"
    subs += [Sub(g, f"b.{stage}.{plural}.{i}") for i, g in enumerate(GRADES[stage])]
    return subs


def single_stage_columns(stage, pupils="在校生数（个）"):
    return IDENTITY + [
        Group("班额情况（个）", grade_subs(stage, "classes", female=False)),
        Group("离园幼儿数（个）" if stage == "preschool" else "毕业生数（个）", [Sub("计", "o.graduates")]),
        Group("入园幼儿数（个）" if stage == "preschool" else "招生数（个）", [Sub("计", "o.entrants")], deep=True),
        Group(pupils, grade_subs(stage, "students")),
    ] + whole_school_groups("w")


def columns_for(sheet):
    if sheet in ("小学", HIDDEN):
        return single_stage_columns("primary")
    if sheet == "初级中学":
        return single_stage_columns("junior")
    if sheet in ("高级中学", "职中"):
        return single_stage_columns("senior")
    if sheet == "幼儿园":
        return single_stage_columns("preschool", "在园幼儿数（个）")
    if sheet == "九年一贯制学校":
        return IDENTITY + [
            Group("小学班额情况（个）", [Sub("计", "p.primary.classes")]),
            Group("初中班额情况（个）", [Sub("计", "p.junior.classes")]),
            Group("小学在校生数（个）", grade_subs("primary", "students")),
            Group("初中在校生数（个）", grade_subs("junior", "students")),
        ] + whole_school_groups("s")
    if sheet == "完全中学":
        return IDENTITY + [
            Group("初中班额情况（个）", [Sub("计", "p.junior.classes")]),
            Group("高中班额（个）", [Sub("计", "p.senior.classes")]),
            Group("（初中）在校生数（个）", [Sub("合计", "p.junior.students"), Sub("其中：女", "p.junior.students_female")]),
            Group("（高中）在校生数（个）", [Sub("合计", "p.senior.students"), Sub("其中：女", "p.senior.students_female")]),
        ] + whole_school_groups("s")
    if sheet == "十二年一贯制学校":
        return IDENTITY + [
            Group("小学班额情况（个）", [Sub("计", "p.primary.classes")]),
            Group("初中班额情况（个）", [Sub("计", "p.junior.classes")]),
            Group("高中班额（个）", [Sub("计", "p.senior.classes")]),
            Group("小学在校生数（个）", [Sub("合计", "p.primary.students"), Sub("其中：女", "p.primary.students_female")]),
            Group("初中在校生数（个）", [Sub("合计", "p.junior.students"), Sub("其中：女", "p.junior.students_female")]),
            Group("高中在校生数（个）", [Sub("合计", "p.senior.students"), Sub("其中：女", "p.senior.students_female")]),
        ] + whole_school_groups("s")
    if sheet == "特殊教育":
        return IDENTITY + [
            Group("班额情况（个）", [Sub("合计", "s.classes")]),
            Group("毕业生数（个）", [Sub("计", "o.graduates")]),
            Group("招生数（个）", [Sub("计", "o.entrants")], deep=True),
            Group("在校生数（个）", [Sub("合计", "s.students"), Sub("其中：女", "s.students_female")]),
        ] + whole_school_groups("s")
    raise KeyError(sheet)


def layout(groups):
    """→ (columns [(letter, header path, key)], header cells {(row, col): text}, merges [ref])."""
    cols, cells, merges = [], {}, []
    c = 1
    for g in groups:
        if not g.subs:
            cells[(3, c)] = g.label
            merges.append(f"{col_name(c)}3:{col_name(c)}5")
            cols.append((col_name(c), [g.label], g.key))
            c += 1
            continue
        first, last = c, c + len(g.subs) - 1
        cells[(3, c)] = g.label
        if g.deep:
            merges.append(f"{col_name(first)}3:{col_name(last)}4")
        elif first != last:
            merges.append(f"{col_name(first)}3:{col_name(last)}3")
        for sub in g.subs:
            if g.deep:
                cells[(5, c)] = sub.label
                cols.append((col_name(c), [g.label, sub.label], sub.key))
            elif sub.row5:
                cells[(4, c)] = sub.label
                cells[(5, c)] = sub.row5
                cols.append((col_name(c), [g.label, sub.label, sub.row5], sub.key))
            else:
                cells[(4, c)] = sub.label
                merges.append(f"{col_name(c)}4:{col_name(c)}5")
                cols.append((col_name(c), [g.label, sub.label], sub.key))
            c += 1
    return cols, cells, merges


# ---------------------------------------------------------------------------------------------
# Values: a school's cell for a column key, and where TRUTH.json keeps it
# ---------------------------------------------------------------------------------------------

def wan(cents):
    """元 in cents → the 万元 text a cell holds (exact: up to 6 decimals)."""
    text = format(Decimal(cents) / Decimal(1_000_000), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def yuan(cents):
    return cents // 100 if cents % 100 == 0 else cents / 100


def cell_value(school, key):
    """('s', text) | ('n', number text) | None (no cell) for a school's column."""
    if key == "code":
        return ("n", school["code"]) if school["sheet"] == NUMERIC_CODES_SHEET else ("s", school["code"])
    if key in ("name", "owner", "address"):
        return ("s", school[key])
    kind, rest = key.split(".", 1)
    whole = school["whole"]
    if kind in ("w", "s") and rest in whole:
        return num(whole[rest])
    if rest == "equipment_value":
        return ("n", wan(whole["equipment_cents"]))
    if kind == "o":
        if rest == "fixed_assets_value":
            return ("n", wan(whole["assets_cents"]))
        return num(whole[rest])
    if kind == "s":  # special education: the school's only part
        return num(school["parts"]["whole"][rest])
    if kind == "p":
        stage, field = rest.split(".")
        return num(school["parts"][stage][field])
    if kind == "b":
        stage, field, i = rest.split(".")
        return num(school["parts"][stage][field][int(i)])
    raise KeyError(key)


def num(v):
    if v is None:
        return ("s", " ")  # nothing there: the bureau typed a space
    return ("n", repr(v) if isinstance(v, float) else str(v))


def truth_path(school, key):
    """Where TRUTH.json keeps the value of this column, for this sheet's schools."""
    if key == "code":
        return "school_code"
    if key == "owner":
        return "ownership_written"
    if key in ("name", "address"):
        return key
    kind, rest = key.split(".", 1)
    single = len(SHEETS[school["sheet"]][1]) == 1 and school["sheet"] != "特殊教育"
    if kind in ("w", "s") and single:
        return f"parts.{SHEETS[school['sheet']][1][0]}.{rest}"
    if kind in ("w", "s"):
        return f"school_wide.{rest}"
    if kind == "o":
        return f"other.{rest}"
    if kind == "p":
        return f"parts.{rest}"
    if kind == "b":
        stage, field, i = rest.split(".")
        return f"breakdowns.{stage}.{field}[{i}]"
    raise KeyError(key)


def truth_school(school, row):
    stype, stages = SHEETS[school["sheet"]]
    w = school["whole"]
    address = school["address"].strip() or None
    out = {
        "school_code": school["code"],
        "name": school["name"],
        "township": school["township"],
        "type": stype,
        "ownership_written": school["owner"],
        "ownership": "private" if school["owner"].startswith("9") or "民办" in school["owner"] else "public",
        "address": address,
        "sheet": school["sheet"],
        "row": row,
        "parts": {},
    }
    resources = {"staff": w["staff"], "full_time_teachers": w["full_time_teachers"], "books": w["books"],
                 "equipment_value": yuan(w["equipment_cents"])}
    base = ("students", "students_female", "classes")
    if stages == ["whole"]:
        part = school["parts"]["whole"]
        out["school_wide"] = {**{k: part[k] for k in base}, **resources}
    else:
        for stage in stages:
            if stage in school["empty_parts"]:
                continue
            out["parts"][stage] = {k: school["parts"][stage][k] for k in base}
        if len(stages) == 1:
            out["parts"][stages[0]].update(resources)
        else:
            out["school_wide"] = resources
    if school["empty_parts"]:
        out["empty_parts"] = {s: {k: school["parts"][s][k] for k in base} for s in school["empty_parts"]}
    breakdowns = {s: {"classes_by_grade": p["classes_by_grade"], "students_by_grade": p["students_by_grade"]}
                  for s, p in school["parts"].items() if "classes_by_grade" in p and s not in school["empty_parts"]}
    if breakdowns:
        out["breakdowns"] = breakdowns
    other = {"fixed_assets_value": yuan(w["assets_cents"]), "building_area": w["building_area"],
             "site_area": w["site_area"]}
    for k in ("graduates", "entrants"):
        if k in w:
            other[k] = w[k]
    out["other"] = other
    return out


# ---------------------------------------------------------------------------------------------
# Sheets as rows of cells: {col: (type, text, style)} plus formulas
# ---------------------------------------------------------------------------------------------

class Strings:
    def __init__(self):
        self.index, self.order, self.count = {}, [], 0

    def ref(self, text):
        self.count += 1
        if text not in self.index:
            self.index[text] = len(self.order)
            self.order.append(text)
        return self.index[text]


# cellXfs (see STYLES): 1 title, 2 header, 3 text, 4 number, 5 万元, 6 totals label, 7 totals number,
# 8 totals 万元, 9 code text (@), 10 township name
ST_TITLE, ST_HEAD, ST_TEXT, ST_NUM, ST_WAN, ST_TLABEL, ST_TNUM, ST_TWAN, ST_CODE, ST_TOWN = range(1, 11)


def is_wan(key):
    return key is not None and (key.endswith("equipment_value") or key.endswith("fixed_assets_value"))


class SheetBuilder:
    def __init__(self, name, ncols):
        self.name, self.ncols = name, ncols
        self.rows = {}      # row → {col: (t, text, style, formula)}
        self.heights = {}
        self.merges = []

    def put(self, row, col, t, text, style, formula=None):
        self.rows.setdefault(row, {})[col] = (t, text, style, formula)

    def blank(self, row, col, style):
        self.rows.setdefault(row, {}).setdefault(col, (None, None, style, None))


def number_text(total):
    if isinstance(total, float):
        return repr(total)
    return str(total)


def sum_cells(values):
    """SUM as a spreadsheet does: numbers only, in order, doubles."""
    total = 0
    for v in values:
        if v is not None and v[0] == "n":
            x = float(v[1]) if ("." in v[1]) else int(v[1])
            total = total + x
    if isinstance(total, float) and total.is_integer() and abs(total) < 2**53:
        return total  # keep 1234.0 from floats: written as 1234
    return total


def fmt_total(total):
    if isinstance(total, float):
        if total.is_integer():
            return str(int(total))
        return repr(total)
    return str(total)


def build_type_sheet(name, schools, year, title_sheet):
    groups = columns_for(name)
    cols, head, merges = layout(groups)
    n = len(cols)
    last = col_name(n)
    sb = SheetBuilder(name, n)
    sb.put(1, 1, "s", f"   {year}年{title_sheet}数据情况", ST_TITLE)
    for c in range(2, n + 1):
        sb.blank(1, c, ST_TITLE)
    for c in range(1, n + 1):
        sb.blank(2, c, ST_TITLE)
    sb.merges.append(f"A1:{last}2")
    for r in (3, 4, 5):
        for c in range(1, n + 1):
            if (r, c) in head:
                sb.put(r, c, "s", head[(r, c)], ST_HEAD)
            else:
                sb.blank(r, c, ST_HEAD)
    sb.merges += merges
    sb.heights.update({1: "20.25", 2: "20.25", 3: "27", 4: "27", 5: "18"})

    truth_rows = {"totals_rows": [6], "township_rows": [], "subtotal_rows": []}
    row = 7
    placed = []          # (row, school)
    school_rows = []
    spans = []           # (township row, [school rows])
    for town in TOWNSHIPS:
        members = [s for s in schools if s["township"] == town]
        if not members:
            continue
        trow = row
        truth_rows["township_rows"].append(trow)
        row += 1
        rows_here = []
        for s in members:
            placed.append((row, s))
            rows_here.append(row)
            school_rows.append(row)
            row += 1
        spans.append((trow, town, rows_here))
    last_row = row - 1
    subtotals = name == SUBTOTAL_SHEET

    # School rows.
    values = {}  # (row, col) → cell value for sums
    for r, s in placed:
        for ci, (letter, _, key) in enumerate(cols, start=1):
            v = cell_value(s, key)
            values[(r, ci)] = v
            if v is None:
                sb.blank(r, ci, ST_TEXT)
                continue
            t, text = v
            style = ST_TEXT if t == "s" else (ST_WAN if is_wan(key) else ST_NUM)
            if key == "code":
                style = ST_CODE if t == "s" else ST_NUM
            sb.put(r, ci, t, text, style)

    def ranges(letter, rows):
        # contiguous runs of rows → "E8:E12,E14:E15"
        runs, start, prev = [], None, None
        for r in rows:
            if start is None:
                start = prev = r
            elif r == prev + 1:
                prev = r
            else:
                runs.append((start, prev))
                start = prev = r
        if start is not None:
            runs.append((start, prev))
        return ",".join(f"{letter}{a}:{letter}{b}" if a != b else f"{letter}{a}" for a, b in runs)

    # Totals row 6, above the schools.
    sb.put(6, 1, "s", "合计", ST_TLABEL)
    for c in (2, 3, 4):
        sb.blank(6, c, ST_TLABEL)
    for ci, (letter, _, key) in enumerate(cols, start=1):
        if ci <= 4:
            continue
        total = sum_cells(values.get((r, ci)) for r in school_rows)
        formula = f"SUM({ranges(letter, school_rows)})" if subtotals else f"SUM({letter}8:{letter}{last_row})"
        sb.put(6, ci, "n", fmt_total(total), ST_TWAN if is_wan(key) else ST_TNUM, formula)

    # Township rows: the place name in 单位; spaces elsewhere, or subtotal formulas.
    for k, (trow, town, rows_here) in enumerate(spans):
        sb.put(trow, 2, "s", town, ST_TOWN)
        if name == "幼儿园":
            sb.put(trow, 1, "s", "  ", ST_TEXT)
        else:
            sb.blank(trow, 1, ST_TEXT)
        for ci, (letter, _, key) in enumerate(cols, start=1):
            if ci <= 2:
                continue
            if subtotals and ci > 4:
                total = sum_cells(values.get((r, ci)) for r in rows_here)
                sb.put(trow, ci, "n", fmt_total(total), ST_TWAN if is_wan(key) else ST_TNUM,
                       f"SUM({letter}{rows_here[0]}:{letter}{rows_here[-1]})")
            else:
                sb.put(trow, ci, "s", " " if (ci + k) % 3 else "  ", ST_TEXT)
        if subtotals:
            truth_rows["subtotal_rows"].append(trow)
    return sb, cols, placed, truth_rows, last_row


def build_summary(type_sheets, schools):
    """一览表: rows are 学段 (school types), figures linked to each type sheet's 合计 row."""
    sb = SheetBuilder("一览表", 7)
    sb.put(1, 1, "s", f"{COUNTY}{YEAR}年教育事业统计一览表", ST_TITLE)
    for r in (1, 2):
        for c in range(1, 8):
            sb.blank(r, c, ST_TITLE)
    sb.merges.append("A1:G2")
    head3 = ["学段", "学校数（所）", "班额情况（个）", "在校生数（个）", None, "教职工数（个）", None]
    head4 = [None, None, "合计", "合计", "其中：女", "合计", "专任教师"]
    for c in range(1, 8):
        for r, h in ((3, head3), (4, head4)):
            if h[c - 1]:
                sb.put(r, c, "s", h[c - 1], ST_HEAD)
            else:
                sb.blank(r, c, ST_HEAD)
    sb.merges += ["A3:A4", "B3:B4", "D3:E3", "F3:G3"]
    sb.heights.update({1: "20.25", 2: "20.25", 3: "27", 4: "27"})

    rows_truth = {}
    r = 5
    for sheet in SHEETS:
        cols = type_sheets[sheet]["cols"]
        total_row = type_sheets[sheet]["builder"].rows[6]
        members = [s for s in schools if s["sheet"] == sheet]

        def letters(pred):
            return [(ci, letter) for ci, (letter, _, key) in enumerate(cols, start=1) if key and pred(key)]

        def linked(pred):
            refs = letters(pred)
            vals = [total_row[ci][1] for ci, _ in refs]
            value = sum_cells([("n", v) for v in vals])
            return "+".join(f"{sheet}!{letter}6" for _, letter in refs), value

        classes = linked(lambda k: k.endswith(".classes") and k.startswith(("p.", "s.")))
        students = linked(lambda k: k.endswith(".students") and k.startswith(("p.", "s.")))
        female = linked(lambda k: k.endswith(".students_female"))
        staff = linked(lambda k: k.endswith(".staff"))
        teachers = linked(lambda k: k.endswith(".full_time_teachers"))
        sb.put(r, 1, "s", sheet, ST_TEXT)
        sb.put(r, 2, "n", str(len(members)), ST_NUM)
        for c, (formula, value) in enumerate((classes, students, female, staff, teachers), start=3):
            sb.put(r, c, "n", fmt_total(value), ST_NUM, formula)
        rows_truth[sheet] = {"row": r, "schools": len(members), "classes": classes[1], "students": students[1],
                             "students_female": female[1], "staff": staff[1], "full_time_teachers": teachers[1]}
        r += 1
    sb.put(r, 1, "s", "合计", ST_TLABEL)
    keys = ["schools", "classes", "students", "students_female", "staff", "full_time_teachers"]
    total = {"row": r}
    for c, k in enumerate(keys, start=2):
        value = sum(v[k] for v in rows_truth.values())
        total[k] = value
        sb.put(r, c, "n", str(value), ST_TNUM, f"SUM({col_name(c)}5:{col_name(c)}{r - 1})")
    rows_truth["合计"] = total
    return sb, rows_truth


# ---------------------------------------------------------------------------------------------
# XML parts, as WPS writes them
# ---------------------------------------------------------------------------------------------

DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument"

WIDTHS = {1: "12.3833333333333", 2: "24.5", 3: "16.1333333333333", 4: "26.75"}


def sheet_xml(sb, strings, selected, frozen):
    ncols = sb.ncols
    last_row = max(sb.rows)
    out = [DECL, f'<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_R}" '
                 'xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
                 'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" '
                 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
                 'xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData">']
    out.append("<sheetPr/>")
    out.append(f'<dimension ref="A1:{col_name(ncols)}{last_row}"/>')
    view = ' tabSelected="1"' if selected else ""
    if frozen:
        out.append(f'<sheetViews><sheetView{view} workbookViewId="0">'
                   '<pane xSplit="2" ySplit="5" topLeftCell="C6" activePane="bottomRight" state="frozen"/>'
                   '<selection pane="topRight"/><selection pane="bottomLeft"/>'
                   '<selection pane="bottomRight" activeCell="C8" sqref="C8"/></sheetView></sheetViews>')
    else:
        out.append(f'<sheetViews><sheetView{view} workbookViewId="0"><selection activeCell="A5" sqref="A5"/>'
                   '</sheetView></sheetViews>')
    out.append('<sheetFormatPr defaultColWidth="8.88888888888889" defaultRowHeight="14.4"/>')
    out.append("<cols>")
    for c in range(1, 5):
        out.append(f'<col min="{c}" max="{c}" width="{WIDTHS[c]}" customWidth="1"/>')
    if ncols > 4:
        out.append(f'<col min="5" max="{ncols}" width="9.775" customWidth="1"/>')
    out.append("</cols><sheetData>")
    for r in sorted(sb.rows):
        ht = sb.heights.get(r)
        attrs = f' ht="{ht}" customHeight="1"' if ht else ""
        out.append(f'<row r="{r}" spans="1:{ncols}"{attrs}>')
        for c in sorted(sb.rows[r]):
            t, text, style, formula = sb.rows[r][c]
            ref = f"{col_name(c)}{r}"
            if t is None:
                out.append(f'<c r="{ref}" s="{style}"/>')
            elif t == "s":
                out.append(f'<c r="{ref}" s="{style}" t="s"><v>{strings.ref(text)}</v></c>')
            elif formula:
                out.append(f'<c r="{ref}" s="{style}"><f>{escape(formula)}</f><v>{text}</v></c>')
            else:
                out.append(f'<c r="{ref}" s="{style}"><v>{text}</v></c>')
        out.append("</row>")
    out.append("</sheetData>")
    out.append(f'<mergeCells count="{len(sb.merges)}">')
    out += [f'<mergeCell ref="{m}"/>' for m in sb.merges]
    out.append("</mergeCells>")
    out.append('<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>')
    out.append('<pageSetup paperSize="9" orientation="landscape"/>')
    out.append("<headerFooter/></worksheet>")
    return "".join(out)


def shared_strings_xml(strings):
    items = []
    for s in strings.order:
        space = ' xml:space="preserve"' if s != s.strip() else ""
        items.append(f"<si><t{space}>{escape(s)}</t></si>")
    return (DECL + f'<sst xmlns="{NS_MAIN}" count="{strings.count}" uniqueCount="{len(strings.order)}">'
            + "".join(items) + "</sst>")


def font(sz, bold=False):
    return (f'<font>{"<b/>" if bold else ""}<sz val="{sz}"/><color theme="1"/><name val="宋体"/>'
            '<charset val="134"/><scheme val="minor"/></font>')


def styles_xml():
    numfmts = [
        (41, '_ * #,##0_ ;_ * \\-#,##0_ ;_ * "-"_ ;_ @_ '),
        (42, '_ "￥"* #,##0_ ;_ "￥"* \\-#,##0_ ;_ "￥"* "-"_ ;_ @_ '),
        (43, '_ * #,##0.00_ ;_ * \\-#,##0.00_ ;_ * "-"??_ ;_ @_ '),
        (44, '_ "￥"* #,##0.00_ ;_ "￥"* \\-#,##0.00_ ;_ "￥"* "-"??_ ;_ @_ '),
        (176, "0.000000_ "),
    ]
    fonts = [font(11), font(16, True), font(10, True), font(10), font(11)]
    thin = '<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>' \
           '<top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border>'
    style_xfs = [
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" applyBorder="0" applyAlignment="0" applyProtection="0">'
        '<alignment vertical="center"/></xf>',
        '<xf numFmtId="41" fontId="0" fillId="0" borderId="0" applyFont="0" applyFill="0" applyBorder="0" '
        'applyAlignment="0" applyProtection="0"><alignment vertical="center"/></xf>',
        '<xf numFmtId="42" fontId="0" fillId="0" borderId="0" applyFont="0" applyFill="0" applyBorder="0" '
        'applyAlignment="0" applyProtection="0"><alignment vertical="center"/></xf>',
        '<xf numFmtId="9" fontId="0" fillId="0" borderId="0" applyFont="0" applyFill="0" applyBorder="0" '
        'applyAlignment="0" applyProtection="0"><alignment vertical="center"/></xf>',
        '<xf numFmtId="43" fontId="0" fillId="0" borderId="0" applyFont="0" applyFill="0" applyBorder="0" '
        'applyAlignment="0" applyProtection="0"><alignment vertical="center"/></xf>',
        '<xf numFmtId="44" fontId="0" fillId="0" borderId="0" applyFont="0" applyFill="0" applyBorder="0" '
        'applyAlignment="0" applyProtection="0"><alignment vertical="center"/></xf>',
    ]
    center = '<alignment horizontal="center" vertical="center" wrapText="1"/>'
    cell_xfs = [
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"><alignment vertical="center"/></xf>',
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">'
        '<alignment horizontal="left" vertical="center"/></xf>',
        f'<xf numFmtId="0" fontId="2" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1">{center}</xf>',
        '<xf numFmtId="0" fontId="3" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1">'
        '<alignment vertical="center"/></xf>',
        '<xf numFmtId="0" fontId="3" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1">'
        '<alignment horizontal="right" vertical="center"/></xf>',
        '<xf numFmtId="176" fontId="3" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1" '
        'applyAlignment="1"><alignment horizontal="right" vertical="center"/></xf>',
        f'<xf numFmtId="0" fontId="2" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1">{center}</xf>',
        '<xf numFmtId="0" fontId="2" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1">'
        '<alignment horizontal="right" vertical="center"/></xf>',
        '<xf numFmtId="176" fontId="2" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1" '
        'applyAlignment="1"><alignment horizontal="right" vertical="center"/></xf>',
        '<xf numFmtId="49" fontId="3" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1" '
        'applyAlignment="1"><alignment horizontal="left" vertical="center"/></xf>',
        '<xf numFmtId="0" fontId="2" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1">'
        '<alignment vertical="center"/></xf>',
    ]
    cell_styles = [("常规", 0, 0), ("千位分隔[0]", 1, 6), ("货币[0]", 2, 7), ("百分比", 3, 5), ("千位分隔", 4, 3),
                   ("货币", 5, 4)]
    return (DECL + f'<styleSheet xmlns="{NS_MAIN}" '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:xr9="http://schemas.microsoft.com/office/spreadsheetml/2016/revision9" mc:Ignorable="xr9">'
            f'<numFmts count="{len(numfmts)}">'
            + "".join(f'<numFmt numFmtId="{i}" formatCode="{escape(f, {chr(34): "&quot;"})}"/>' for i, f in numfmts)
            + f'</numFmts><fonts count="{len(fonts)}">' + "".join(fonts) + "</fonts>"
            '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' + thin + "</borders>"
            f'<cellStyleXfs count="{len(style_xfs)}">' + "".join(style_xfs) + "</cellStyleXfs>"
            f'<cellXfs count="{len(cell_xfs)}">' + "".join(cell_xfs) + "</cellXfs>"
            f'<cellStyles count="{len(cell_styles)}">'
            + "".join(f'<cellStyle name="{n}" xfId="{x}" builtinId="{b}"/>' for n, x, b in cell_styles)
            + '</cellStyles><dxfs count="0"/>'
            '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>'
            "</styleSheet>")


def theme_xml():
    colors = [("dk1", '<a:sysClr val="windowText" lastClr="000000"/>'), ("lt1", '<a:sysClr val="window" lastClr="FFFFFF"/>'),
              ("dk2", '<a:srgbClr val="44546A"/>'), ("lt2", '<a:srgbClr val="E7E6E6"/>'),
              ("accent1", '<a:srgbClr val="5B9BD5"/>'), ("accent2", '<a:srgbClr val="ED7D31"/>'),
              ("accent3", '<a:srgbClr val="A5A5A5"/>'), ("accent4", '<a:srgbClr val="FFC000"/>'),
              ("accent5", '<a:srgbClr val="4472C4"/>'), ("accent6", '<a:srgbClr val="70AD47"/>'),
              ("hlink", '<a:srgbClr val="0563C1"/>'), ("folHlink", '<a:srgbClr val="954F72"/>')]
    scheme = "".join(f"<a:{n}>{c}</a:{n}>" for n, c in colors)
    fonts = ('<a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/>'
             '<a:font script="Hans" typeface="宋体"/>')
    solid = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    line = '<a:ln w="{}" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill>' \
           '<a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>'
    return (DECL + '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="WPS">'
            f'<a:themeElements><a:clrScheme name="WPS">{scheme}</a:clrScheme>'
            f'<a:fontScheme name="WPS"><a:majorFont>{fonts.replace("Calibri", "Calibri Light")}</a:majorFont>'
            f'<a:minorFont>{fonts}</a:minorFont></a:fontScheme>'
            f'<a:fmtScheme name="WPS"><a:fillStyleLst>{solid * 3}</a:fillStyleLst>'
            f'<a:lnStyleLst>{line.format(6350)}{line.format(12700)}{line.format(19050)}</a:lnStyleLst>'
            '<a:effectStyleLst>' + '<a:effectStyle><a:effectLst/></a:effectStyle>' * 3 + '</a:effectStyleLst>'
            f'<a:bgFillStyleLst>{solid * 3}</a:bgFillStyleLst></a:fmtScheme></a:themeElements>'
            '<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>')


def workbook_xml(hidden_index):
    sheets = []
    for i, name in enumerate(SHEET_ORDER, start=1):
        state = ' state="hidden"' if i - 1 == hidden_index else ""
        sheets.append(f'<sheet name="{escape(name)}" sheetId="{i}"{state} r:id="rId{i}"/>')
    return (DECL + f'<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_R}">'
            '<fileVersion appName="xl" lastEdited="3" lowestEdited="5" rupBuild="9302"/><workbookPr/>'
            f'<bookViews><workbookView windowWidth="28125" windowHeight="12540" activeTab="{SHEET_ORDER.index("小学")}"/></bookViews>'
            f'<sheets>{"".join(sheets)}</sheets><calcPr calcId="144525"/></workbook>')


def workbook_rels_xml():
    n = len(SHEET_ORDER)
    rels = [(n + 3, "sharedStrings", "sharedStrings.xml"), (n + 2, "styles", "styles.xml"),
            (n + 1, "theme", "theme/theme1.xml")]
    rels += [(i, "worksheet", f"worksheets/sheet{i}.xml") for i in range(n, 0, -1)]
    return (DECL + f'<Relationships xmlns="{NS_PKG_REL}">'
            + "".join(f'<Relationship Id="rId{i}" Type="{REL}/{t}" Target="{target}"/>' for i, t, target in rels)
            + "</Relationships>")


def root_rels_xml():
    return (DECL + f'<Relationships xmlns="{NS_PKG_REL}">'
            f'<Relationship Id="rId4" Type="{REL}/custom-properties" Target="docProps/custom.xml"/>'
            f'<Relationship Id="rId3" Type="{REL}/extended-properties" Target="docProps/app.xml"/>'
            f'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>")


def content_types_xml():
    parts = [("/xl/workbook.xml", f"{CT}.spreadsheetml.sheet.main+xml")]
    parts += [(f"/xl/worksheets/sheet{i}.xml", f"{CT}.spreadsheetml.worksheet+xml") for i in range(1, len(SHEET_ORDER) + 1)]
    parts += [("/xl/theme/theme1.xml", f"{CT}.theme+xml"), ("/xl/styles.xml", f"{CT}.spreadsheetml.styles+xml"),
              ("/xl/sharedStrings.xml", f"{CT}.spreadsheetml.sharedStrings+xml"),
              ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
              ("/docProps/app.xml", f"{CT}.extended-properties+xml"),
              ("/docProps/custom.xml", f"{CT}.custom-properties+xml")]
    return (DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="jpeg" ContentType="image/jpeg"/>'
            + "".join(f'<Override PartName="{p}" ContentType="{c}"/>' for p, c in parts) + "</Types>")


def app_xml():
    n = len(SHEET_ORDER)
    titles = "".join(f"<vt:lpstr>{escape(s)}</vt:lpstr>" for s in SHEET_ORDER)
    return (DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            "<Application>WPS 表格</Application>"
            '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>工作表</vt:lpstr></vt:variant>'
            f'<vt:variant><vt:i4>{n}</vt:i4></vt:variant></vt:vector></HeadingPairs>'
            f'<TitlesOfParts><vt:vector size="{n}" baseType="lpstr">{titles}</vt:vector></TitlesOfParts>'
            "</Properties>")


def core_xml():
    return (DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<dc:creator>Administrator</dc:creator><cp:lastModifiedBy>东湖区教育局计财股</cp:lastModifiedBy>'
            '<dcterms:created xsi:type="dcterms:W3CDTF">2023-09-18T01:32:00Z</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">2024-09-30T02:26:14Z</dcterms:modified>'
            "</cp:coreProperties>")


def custom_xml(rng):
    icv = "".join(rng.choice("0123456789ABCDEF") for _ in range(32)) + "_13"
    fmtid = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
    return (DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            f'<property fmtid="{fmtid}" pid="2" name="ICV"><vt:lpwstr>{icv}</vt:lpwstr></property>'
            f'<property fmtid="{fmtid}" pid="3" name="KSOProductBuildVer"><vt:lpwstr>{KSO_BUILD}</vt:lpwstr></property>'
            "</Properties>")


def write_zip(path, parts):
    with open(path, "wb") as fh, zipfile.ZipFile(fh, "w") as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            z.writestr(info, text.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)


# ---------------------------------------------------------------------------------------------

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(here, "..", "..", "SampleInputs"))
    args = ap.parse_args()
    out = os.path.normpath(args.out)
    rng = random.Random(SEED)
    schools, last_year = roster(rng)

    built, sheet_truth, truth_schools = {}, {}, []
    for sheet in SHEETS:
        members = [s for s in schools if s["sheet"] == sheet]
        sb, cols, placed, rows, last_row = build_type_sheet(sheet, members, YEAR, sheet)
        built[sheet] = {"builder": sb, "cols": cols}
        stype, stages = SHEETS[sheet]
        sheet_truth[sheet] = sheet_entry(sheet, stype, stages, YEAR, sb, cols, placed, rows, last_row, False)
        truth_schools += [truth_school(s, r) for r, s in placed]
    sb, cols, placed, rows, last_row = build_type_sheet(HIDDEN, last_year, LAST_YEAR, "小学")
    built[HIDDEN] = {"builder": sb, "cols": cols}
    sheet_truth[HIDDEN] = sheet_entry(HIDDEN, "小学", ["primary"], LAST_YEAR, sb, cols, placed, rows, last_row, True)
    last_truth = [truth_school(s, r) for r, s in placed]
    for s in last_truth:
        s["sheet"] = HIDDEN
    summary, summary_rows = build_summary(built, schools)
    built["一览表"] = {"builder": summary, "cols": None}
    sheet_truth = {"一览表": {
        "kind": "summary", "hidden": False, "school_type": None, "year": YEAR,
        "title": summary.rows[1][1][1], "header_rows": [3, 4], "totals_rows": [summary_rows["合计"]["row"]],
        "township_rows": [], "subtotal_rows": [],
        "why": "rows are 学段 (school types) with their totals, linked to each type sheet's 合计 row: no school code or name",
        "rows": summary_rows,
    }, **sheet_truth}

    strings = Strings()
    sheet_parts = []
    for i, name in enumerate(SHEET_ORDER, start=1):
        xml = sheet_xml(built[name]["builder"], strings, name == "小学", name != "一览表")
        sheet_parts.append((f"xl/worksheets/sheet{i}.xml", xml))
    parts = [("docProps/app.xml", app_xml()), ("docProps/core.xml", core_xml()),
             ("xl/theme/theme1.xml", theme_xml())] + sheet_parts + [
        ("xl/styles.xml", styles_xml()), ("xl/sharedStrings.xml", shared_strings_xml(strings)),
        ("xl/_rels/workbook.xml.rels", workbook_rels_xml()),
        ("xl/workbook.xml", workbook_xml(SHEET_ORDER.index(HIDDEN))),
        ("docProps/custom.xml", custom_xml(rng)), ("_rels/.rels", root_rels_xml()),
        ("[Content_Types].xml", content_types_xml())]
    os.makedirs(os.path.dirname(os.path.join(out, FILE)), exist_ok=True)
    write_zip(os.path.join(out, FILE), parts)

    district = {
        "description": "The district 东湖区 sent in the shapes of a real district return (issue 10), written by "
                       "Scripts/samples/make_district_workbook.py. Match schools by school_code; a school's cells "
                       "are at sheets[sheet].columns[].column in its row.",
        "county_code": COUNTY_CODE,
        "county_name": COUNTY,
        "year": YEAR,
        "file": FILE,
        "producer": f"Scripts/samples/make_district_workbook.py, as WPS 表格 writes XLSX "
                    f"(KSOProductBuildVer {KSO_BUILD}; parts written by hand, modelled on WPS output)",
        "seed": SEED,
        "townships": TOWNSHIPS,
        "units": {"students": "人", "students_female": "人", "classes": "个", "staff": "人", "full_time_teachers": "人",
                  "books": "册", "equipment_value": "元", "fixed_assets_value": "元", "building_area": "m²",
                  "site_area": "m²", "graduates": "人", "entrants": "人"},
        "conventions": [
            "parts.<stage> (primary, junior, senior, preschool) hold the stage part's students, students_female and "
            "classes; a single-stage school's part also holds staff, full_time_teachers, books and equipment_value.",
            "school_wide: for a multi-part school (九年一贯制学校, 完全中学, 十二年一贯制学校) the unprefixed whole-school "
            "columns (staff, full_time_teachers, books, equipment_value), to be shared over ALL its parts with students "
            "(senior included) by students; for the 特殊教育学校 every figure, since no stage can be told.",
            "empty_parts: parts written with 0 students and 0 classes; not loaded.",
            "equipment_value and other.fixed_assets_value are written in 万元 with up to 6 decimals, stored here in 元 "
            "(× 10000, exact to the cent); compare with a tolerance of 0.01 元.",
            "address null: the cell holds only spaces. breakdowns[] null: the cell holds only spaces (a grade not taught).",
            "breakdowns (by grade) and other (graduates, entrants, building and site area, fixed assets) are in the file "
            "but are not base counts; they are here so every cell can be checked.",
            "sheets[].totals_rows, township_rows and subtotal_rows must never load as schools; township_rows set the "
            "township of the schools below them; subtotal_rows are township rows carrying SUM figures.",
            "rows are 1-based sheet rows; sheets[].columns[].header is the column's header path, rows 3–5 top-down "
            "through merged cells, joined with ' / '.",
        ],
        "sheets": sheet_truth,
        "schools": truth_schools,
        "last_year": {"year": LAST_YEAR, "sheet": HIDDEN,
                      "note": "The hidden sheet: last year's 小学 sheet, title 2023年小学数据情况. 东湖区湖滨第二小学 is new in "
                              "2024; 东湖区青溪乡竹坑小学 (only here) merged into 青溪乡中心小学.",
                      "schools": last_truth},
    }
    truth_path_ = os.path.join(out, "TRUTH.json")
    with open(truth_path_, encoding="utf-8") as fh:
        truth = json.load(fh)
    truth["district"] = district
    with open(truth_path_, "w", encoding="utf-8") as fh:
        json.dump(truth, fh, ensure_ascii=False, indent=1)
        fh.write("\n")

    for sheet in SHEET_ORDER:
        entry = sheet_truth[sheet]
        n = sum(1 for s in truth_schools + last_truth if s["sheet"] == sheet)
        print(f"{sheet}: {entry['kind']}{' (hidden)' if entry['hidden'] else ''}, {n} schools, "
              f"totals {entry['totals_rows']}, townships {entry['township_rows']}, subtotals {entry['subtotal_rows']}")
    print(f"wrote {os.path.join(out, FILE)} ({len(truth_schools)} schools, {len(last_truth)} in {HIDDEN}) "
          f"and TRUTH.json → district")


def sheet_entry(sheet, stype, stages, year, sb, cols, placed, rows, last_row, hidden):
    sample = placed[0][1]
    return {
        "kind": "schools",
        "hidden": hidden,
        "school_type": stype,
        "stages": [] if stages == ["whole"] else stages,
        "year": year,
        "title": sb.rows[1][1][1],
        "title_merge": sb.merges[0],
        "header_rows": [3, 5],
        "totals_rows": rows["totals_rows"],
        "township_rows": rows["township_rows"],
        "subtotal_rows": rows["subtotal_rows"],
        "school_rows": [r for r, _ in placed],
        "last_row": last_row,
        "codes_as": "numbers" if sheet == NUMERIC_CODES_SHEET else "text",
        "header_merges": sb.merges[1:],
        "columns": [dict(column=letter, header=" / ".join(header), truth=truth_path(sample, key),
                         **({"unit": "万元", "factor": 10000} if is_wan(key) else {}))
                    for letter, header, key in cols],
    }


if __name__ == "__main__":
    main()
