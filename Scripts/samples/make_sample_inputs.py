#!/usr/bin/env python3
"""Writes SampleInputs/: the synthetic county 青石县 (code 360321, made up), school year 2024.

Every school's base counts are drawn once from a fixed seed, written into the files the way
township offices really send them (each township its own producer and its own mess), and
written again, in canonical units (元, m², 人, ...), into SampleInputs/TRUTH.json.

    python3 Scripts/samples/make_sample_inputs.py [--out SampleInputs]

Needs: xlsxwriter, openpyxl (pip), soffice (apt: libreoffice-calc-nogui) for the two
LibreOffice-saved workbooks (石门乡's .xlsx, 龙潭镇枫林小学's .xls). Without soffice each is left as it
is, with a warning; an .xls not there yet is written as the .xlsx it is drafted as.
Then run Scripts/samples/check_sample_inputs.py to read everything back.
"""

import argparse
import csv
import datetime as dt
import io
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile
from xml.sax.saxutils import escape

import openpyxl
import xlsxwriter
from xlsxwriter.utility import xl_col_to_name
from openpyxl.styles import Alignment, Border, Font, Side

SEED = 20240901
COUNTY = "青石县"
COUNTY_CODE = "360321"
YEAR = 2024
FIXED_TIME = dt.datetime(2024, 9, 30, 9, 0, 0)

BASE = [
    "students", "classes", "full_time_teachers", "teachers_above_required_degree",
    "teachers_mid_senior_title", "backbone_teachers", "pe_arts_teachers",
    "teaching_aux_area", "sports_area", "equipment_value", "computers", "books",
    "multimedia_classrooms",
]
STAGE_CN = {"primary": "小学", "junior": "初中"}

# ---------------------------------------------------------------------------------------------
# Profiles: ranges a school of that kind plausibly has. Per-student figures straddle the
# quality minimums (primary 4.5 m² / 7.5 m² / 2000 元, junior 5.8 / 10.2 / 2500) on purpose.
# ---------------------------------------------------------------------------------------------
PROFILES = {
    # students, class size, pupils per teacher, degree share, title share, backbone /100,
    # pe-arts /100, aux m²/st, sports m²/st, equipment 元/st, computers /100, books/st, extra mm rooms
    "p_city":    dict(st=(1800, 2900), cs=(44, 56), ptr=(18.0, 22.5), deg=(0.90, 0.99), tit=(0.45, 0.65),
                      bb=(0.85, 1.6), pe=(0.85, 1.3), aux=(3.9, 5.8), spo=(3.8, 8.5), eq=(1900, 3300),
                      comp=(8, 14), books=(18, 32), mm=(0, 5)),
    "p_town":    dict(st=(650, 1300), cs=(40, 50), ptr=(16.0, 20.0), deg=(0.86, 0.98), tit=(0.40, 0.60),
                      bb=(0.9, 1.5), pe=(0.85, 1.3), aux=(4.3, 6.5), spo=(6.5, 11.0), eq=(1900, 3100),
                      comp=(9, 15), books=(22, 35), mm=(1, 4)),
    "p_village": dict(st=(120, 430), cs=(22, 38), ptr=(12.0, 17.0), deg=(0.80, 0.96), tit=(0.33, 0.60),
                      bb=(0.7, 1.6), pe=(0.8, 1.4), aux=(4.6, 9.0), spo=(8.0, 20.0), eq=(1750, 2900),
                      comp=(8, 18), books=(24, 45), mm=(0, 2)),
    "p_point":   dict(st=(15, 45), cs=(8, 14), ptr=(7.0, 12.0), deg=(0.6, 1.0), tit=(0.0, 0.5),
                      bb=(0.0, 0.0), pe=(0.0, 0.0), aux=(6.0, 12.0), spo=(8.0, 25.0), eq=(900, 2600),
                      comp=(0, 15), books=(15, 40), mm=(0, 0)),
    "special":   dict(st=(80, 125), cs=(9, 13), ptr=(3.0, 4.0), deg=(0.90, 1.0), tit=(0.40, 0.60),
                      bb=(1.0, 3.0), pe=(3.0, 5.0), aux=(15.0, 25.0), spo=(10.0, 20.0), eq=(8000, 15000),
                      comp=(20, 30), books=(40, 60), mm=(0, 1)),
    "j_city":    dict(st=(1400, 2500), cs=(48, 56), ptr=(12.0, 15.5), deg=(0.80, 0.95), tit=(0.50, 0.70),
                      bb=(0.9, 1.6), pe=(0.85, 1.3), aux=(5.0, 7.0), spo=(7.5, 12.0), eq=(2200, 3600),
                      comp=(10, 16), books=(28, 45), mm=(2, 6)),
    "j_town":    dict(st=(600, 1200), cs=(45, 52), ptr=(11.0, 14.0), deg=(0.72, 0.90), tit=(0.45, 0.65),
                      bb=(0.9, 1.5), pe=(0.85, 1.3), aux=(5.4, 8.0), spo=(9.0, 14.0), eq=(2300, 3600),
                      comp=(10, 16), books=(30, 48), mm=(1, 5)),
    "j_village": dict(st=(260, 600), cs=(40, 50), ptr=(10.0, 13.0), deg=(0.65, 0.88), tit=(0.40, 0.60),
                      bb=(0.8, 1.5), pe=(0.8, 1.4), aux=(6.0, 10.0), spo=(10.0, 20.0), eq=(2200, 3400),
                      comp=(10, 18), books=(32, 50), mm=(1, 3)),
}

# (township, name as written in its file, type, urban_rural, {stage: profile}, overrides)
ROSTER = [
    ("城关镇", "青石县实验小学", "小学", "城区", {"primary": "p_city"}, {}),
    ("城关镇", "青石县城关镇第一小学", "小学", "城区", {"primary": "p_city"}, {}),
    ("城关镇", "青石县城关镇第二小学", "小学", "城区", {"primary": "p_city"}, {}),
    ("城关镇", "青石县城关镇第三小学", "小学", "城区", {"primary": "p_town"}, {}),
    ("城关镇", "青石县城东学校", "九年一贯制学校", "城区", {"primary": "p_town", "junior": "j_town"}, {}),
    ("城关镇", "青石县特殊教育学校", "特殊教育学校", "城区", {"primary": "special"}, {}),
    ("城关镇", "青石县第一中学", "完全中学", "城区", {"junior": "j_city"}, {}),
    ("城关镇", "青石县第二中学", "初中", "城区", {"junior": "j_city"}, {}),
    ("青石镇", "青石镇中心小学", "小学", "镇区", {"primary": "p_town"}, {}),
    ("青石镇", "青石镇杨家小学", "小学", "乡村", {"primary": "p_village"}, {}),
    ("青石镇", "青石镇河口小学", "小学", "乡村", {"primary": "p_village"}, {}),
    ("青石镇", "青石镇柳树小学", "小学", "乡村", {"primary": "p_village"}, {}),
    ("青石镇", "青石镇高坪教学点", "教学点", "乡村", {"primary": "p_point"},
     {"primary": {"students": 23, "multimedia_classrooms": 0}}),
    ("青石镇", "青石镇中学", "初中", "镇区", {"junior": "j_town"}, {}),
    ("青石镇", "青石镇新华学校", "九年一贯制学校", "乡村", {"primary": "p_village", "junior": "j_village"}, {}),
    ("白沙乡", "白沙乡中心小学", "小学", "乡村", {"primary": "p_town"}, {}),
    ("白沙乡", "白沙乡马岭小学", "小学", "乡村", {"primary": "p_village"}, {}),
    ("白沙乡", "白沙乡沙洲小学", "小学", "乡村", {"primary": "p_village"}, {}),
    ("白沙乡", "白沙乡桥头小学", "小学", "乡村", {"primary": "p_village"}, {}),
    ("白沙乡", "白沙乡塘背教学点", "教学点", "乡村", {"primary": "p_point"},
     {"primary": {"students": 38, "multimedia_classrooms": 1}}),
    ("白沙乡", "白沙乡中学", "初中", "乡村", {"junior": "j_village"}, {}),
    ("龙潭镇", "青石县龙潭镇中心小学", "小学", "镇区", {"primary": "p_town"}, {}),
    ("龙潭镇", "青石县龙潭镇龙潭学校", "九年一贯制学校", "镇区", {"primary": "p_town", "junior": "j_town"}, {}),
    ("龙潭镇", "青石县龙潭镇枫林小学", "小学", "乡村", {"primary": "p_village"}, {}),
    ("石门乡", "石门乡中心小学", "小学", "乡村", {"primary": "p_town"}, {}),
    ("石门乡", "石门乡下湾小学", "小学", "乡村", {"primary": "p_village"}, {}),
    ("石门乡", "石门乡茶园小学", "小学", "乡村", {"primary": "p_village"}, {}),
    ("石门乡", "石门乡云岭教学点", "教学点", "乡村", {"primary": "p_point"},
     {"primary": {"students": 62, "classes": 4, "computers": 0, "multimedia_classrooms": 1}}),
    ("石门乡", "石门乡中学", "初中", "乡村", {"junior": "j_village"}, {}),
    ("桃源乡", "桃源乡中心小学", "小学", "乡村", {"primary": "p_town"}, {}),
    ("桃源乡", "桃源乡溪口小学", "小学", "乡村", {"primary": "p_village"}, {}),
    ("桃源乡", "桃源乡竹林小学", "小学", "乡村", {"primary": "p_village"}, {}),
    ("桃源乡", "桃源乡杨梅小学", "小学", "乡村", {"primary": "p_village"}, {}),
    ("桃源乡", "桃源乡花园教学点", "教学点", "乡村", {"primary": "p_point"},
     {"primary": {"students": 17, "computers": 0, "multimedia_classrooms": 0, "full_time_teachers": 2}}),
    ("桃源乡", "桃源乡中学", "初中", "乡村", {"junior": "j_village"}, {}),
]

# Facilities some schools report only for the whole school (never split by stage).
SCHOOL_WIDE = {
    "青石镇新华学校": ["teaching_aux_area", "sports_area", "equipment_value", "books"],
    "青石县龙潭镇龙潭学校": ["teaching_aux_area", "sports_area", "equipment_value", "multimedia_classrooms"],
}
# Smallest step of 教学仪器设备值 in 元 that the school's file can show exactly
# (万元 with two decimals = 100 元; 万元 with four decimals = 1 元).
EQUIPMENT_STEP = {"城关镇": 100, "龙潭镇": 100, "石门乡": 1}

QUALITY_MIN = {
    "primary": dict(deg=4.2, bb=1.0, pe=0.9, aux=4.5, spo=7.5, eq=2000.0, mm=2.3),
    "junior": dict(deg=5.3, bb=1.0, pe=0.9, aux=5.8, spo=10.2, eq=2500.0, mm=2.4),
}


# ---------------------------------------------------------------------------------------------
# Drawing the county
# ---------------------------------------------------------------------------------------------
def num(x):
    """An int when integral, else the float: TRUTH.json keeps 1234 as 1234, 1234.5 as 1234.5."""
    if isinstance(x, float) and x.is_integer():
        return int(x)
    return x


def draw_part(rng, profile, township, overrides):
    p = PROFILES[profile]
    u = lambda key: rng.uniform(*p[key])
    students = overrides.get("students", rng.randint(*p["st"]))
    if profile == "p_point":                     # multi-grade classes
        classes = overrides.get("classes", 2 if students < 25 else 3)
    else:
        classes = overrides.get("classes", max(1, math.ceil(students / u("cs"))))
    teachers = overrides.get("full_time_teachers", max(2, round(students / u("ptr"))))
    deg = min(teachers, round(teachers * u("deg")))
    tit = min(teachers, round(teachers * u("tit")))
    bb = min(teachers, round(students * u("bb") / 100))
    pe = min(teachers, round(students * u("pe") / 100))
    aux = round(students * u("aux") * 2) / 2
    spo = round(students * u("spo"))
    step = EQUIPMENT_STEP.get(township, 1)
    eq = round(students * u("eq") / step) * step
    comp = round(students * u("comp") / 100)
    books = round(students * u("books"))
    lo, hi = p["mm"]
    mm = max(0, classes + rng.randint(lo, hi))
    part = dict(students=students, classes=classes, full_time_teachers=teachers,
                teachers_above_required_degree=deg, teachers_mid_senior_title=tit,
                backbone_teachers=bb, pe_arts_teachers=pe, teaching_aux_area=aux,
                sports_area=spo, equipment_value=eq, computers=comp, books=books,
                multimedia_classrooms=mm)
    part.update(overrides)
    return {k: num(float(v)) if isinstance(v, float) else v for k, v in part.items()}


def draw_county():
    rng = random.Random(SEED)
    serials = sorted(rng.sample(range(1, 160), len(ROSTER)))
    schools = []
    for (township, name, typ, ur, parts, overrides), serial in zip(ROSTER, serials):
        school = dict(school_code=f"{COUNTY_CODE}{serial:04d}", name=name, county_code=COUNTY_CODE,
                      county_name=COUNTY, township=township, type=typ, urban_rural=ur, year=YEAR,
                      parts={}, school_wide={}, sources=[], notes=[])
        for stage, profile in parts.items():
            school["parts"][stage] = draw_part(rng, profile, township, overrides.get(stage, {}))
        for key in SCHOOL_WIDE.get(name, []):
            school["school_wide"][key] = num(float(sum(part.pop(key) for part in school["parts"].values())))
        # noise the returns carry that is not a base count: female teachers, last year's students
        school["_female"] = {s: round(v["full_time_teachers"] * rng.uniform(0.45, 0.8))
                             for s, v in school["parts"].items()}
        school["_last_year"] = {s: round(v["students"] * rng.uniform(0.9, 1.08))
                                for s, v in school["parts"].items()}
        schools.append(school)
    return schools


def by_name(schools):
    return {s["name"]: s for s in schools}


def fw(text):
    """Full-width digits, as some people type them with a Chinese input method."""
    return str(text).translate(str.maketrans("0123456789", "０１２３４５６７８９"))


def thousands(value):
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{int(value):,}"


def wan(yuan, places):
    return round(yuan / 10000, places)


def add_source(school, file, sheet=None, rows=None, **extra):
    src = {"file": file}
    if sheet is not None:
        src["sheet"] = sheet
    if rows is not None:
        src["rows"] = rows
    src.update(extra)
    school["sources"].append(src)


def fix_zip(path, core_time=FIXED_TIME):
    """Rewrites an openpyxl package with fixed timestamps so the script's output is byte-stable."""
    stamp = core_time.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path) as zin:
        items = [(info, zin.read(info.filename)) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in items:
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                for tag in ("dcterms:created", "dcterms:modified"):
                    start = text.find(f"<{tag}")
                    if start >= 0:
                        body = text.index(">", start) + 1
                        end = text.index(f"</{tag}>", body)
                        text = text[:body] + stamp + text[end:]
                data = text.encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, (2024, 9, 30, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            zout.writestr(zi, data)


def same_package(a, b):
    """True when both ZIPs hold the same entries with the same bytes (timestamps aside)."""
    if not os.path.exists(b):
        return False
    with zipfile.ZipFile(a) as za, zipfile.ZipFile(b) as zb:
        if za.namelist() != zb.namelist():
            return False
        return all(za.read(n) == zb.read(n) for n in za.namelist())


# ---------------------------------------------------------------------------------------------
# 城关镇: xlsxwriter, one sheet per stage, merged title, unit row (万元), two-row merged header,
# codes as text, 合计 with formulas and cached values, note and signature rows, empty Sheet3.
# ---------------------------------------------------------------------------------------------
def write_chengguan(out, schools):
    file = "青石县城关镇2024年中小学统计表.xlsx"
    wb = xlsxwriter.Workbook(os.path.join(out, file))
    wb.set_properties({"title": "青石县城关镇2024年中小学教育事业统计表", "author": "张三",
                       "company": "青石县城关镇中心学校", "created": FIXED_TIME})
    f_title = wb.add_format({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter",
                             "font_name": "宋体"})
    f_left = wb.add_format({"font_name": "宋体", "font_size": 10})
    f_right = wb.add_format({"font_name": "宋体", "font_size": 10, "align": "right"})
    f_head = wb.add_format({"bold": True, "font_name": "宋体", "font_size": 10, "align": "center",
                            "valign": "vcenter", "text_wrap": True, "border": 1, "bg_color": "#DDEBF7"})
    f_text = wb.add_format({"font_name": "宋体", "font_size": 10, "border": 1, "num_format": "@"})
    f_int = wb.add_format({"font_name": "宋体", "font_size": 10, "border": 1, "num_format": "0"})
    f_area = wb.add_format({"font_name": "宋体", "font_size": 10, "border": 1, "num_format": "0.0"})
    f_wan = wb.add_format({"font_name": "宋体", "font_size": 10, "border": 1, "num_format": "0.00"})
    f_total = wb.add_format({"bold": True, "font_name": "宋体", "font_size": 10, "border": 1,
                             "align": "center"})
    f_tint = wb.add_format({"bold": True, "font_name": "宋体", "font_size": 10, "border": 1, "num_format": "0"})
    f_tarea = wb.add_format({"bold": True, "font_name": "宋体", "font_size": 10, "border": 1, "num_format": "0.0"})
    f_twan = wb.add_format({"bold": True, "font_name": "宋体", "font_size": 10, "border": 1, "num_format": "0.00"})
    f_note = wb.add_format({"font_name": "宋体", "font_size": 10, "text_wrap": True, "valign": "top"})

    names = by_name(schools)
    sheets = {
        "primary": ["青石县实验小学", "青石县城关镇第一小学", "青石县城关镇第二小学", "青石县城关镇第三小学",
                    "青石县城东学校", "青石县特殊教育学校"],
        "junior": ["青石县第一中学", "青石县第二中学", "青石县城东学校"],
    }
    degree_label = {"primary": "高于规定\n学历(专科及以上)", "junior": "高于规定\n学历(本科及以上)"}
    totals = {}
    for stage, members in sheets.items():
        ws = wb.add_worksheet(STAGE_CN[stage])
        ws.set_column("A:A", 5)
        ws.set_column("B:B", 12)
        ws.set_column("C:C", 22)
        ws.set_column("D:E", 10)
        ws.set_column("F:S", 9)
        ws.merge_range("A1:S1", f"青石县城关镇2024年{STAGE_CN[stage]}教育事业统计表", f_title)
        ws.set_row(0, 30)
        ws.merge_range("A2:J2", "填报单位（盖章）：青石县城关镇中心学校", f_left)
        ws.merge_range("K2:S2", "单位：人、平方米、万元", f_right)
        for col, label in (("A", "序号"), ("B", "学校标识码"), ("C", "学校名称"), ("D", "办学类型"),
                           ("E", "城乡分类"), ("F", "在校学生数"), ("G", "班级数")):
            ws.merge_range(f"{col}3:{col}4", label, f_head)
        ws.merge_range("H3:M3", "教师数", f_head)
        for col, label in zip("HIJKLM", ["专任教师", "其中:女", degree_label[stage], "中级及以上职称",
                                         "县级以上骨干教师", "音体美专任教师"]):
            ws.write(f"{col}4", label, f_head)
        ws.merge_range("N3:O3", "校舍", f_head)
        ws.write("N4", "教学及辅助用房面积(平方米)", f_head)
        ws.write("O4", "体育运动场馆面积(平方米)", f_head)
        ws.merge_range("P3:S3", "教学装备", f_head)
        for col, label in zip("PQRS", ["教学仪器设备值", "计算机台数", "图书(册)", "网络多媒体教室(间)"]):
            ws.write(f"{col}4", label, f_head)
        ws.set_row(3, 45)
        ws.repeat_rows(2, 3)
        ws.freeze_panes(4, 3)
        row = 4
        keys = ["students", "classes", "full_time_teachers", "_female", "teachers_above_required_degree",
                "teachers_mid_senior_title", "backbone_teachers", "pe_arts_teachers", "teaching_aux_area",
                "sports_area", "equipment_value", "computers", "books", "multimedia_classrooms"]
        sums = [0.0] * len(keys)
        for i, name in enumerate(members, start=1):
            s = names[name]
            part = s["parts"][stage]
            ws.write_number(row, 0, i, f_int)
            ws.write_string(row, 1, s["school_code"], f_text)
            ws.write_string(row, 2, s["name"], f_text)
            ws.write_string(row, 3, s["type"], f_text)
            ws.write_string(row, 4, s["urban_rural"], f_text)
            for j, key in enumerate(keys):
                value = s["_female"][stage] if key == "_female" else part[key]
                if key == "equipment_value":
                    shown = wan(value, 2)
                    ws.write_number(row, 5 + j, shown, f_wan)
                elif key in ("teaching_aux_area", "sports_area"):
                    shown = value
                    ws.write_number(row, 5 + j, shown, f_area)
                else:
                    shown = value
                    ws.write_number(row, 5 + j, shown, f_int)
                sums[j] += shown
            add_source(s, file, STAGE_CN[stage], [row + 1])
            row += 1
        first, last = 5, row
        ws.merge_range(row, 0, row, 4, "合计", f_total)
        for j, key in enumerate(keys):
            col = xl_col_to_name(5 + j)
            fmt = f_twan if key == "equipment_value" else f_tarea if key.endswith("_area") else f_tint
            cached = round(sums[j], 2)
            ws.write_formula(row, 5 + j, f"=SUM({col}{first}:{col}{last})", fmt, num(cached))
        totals[stage] = row + 1
        row += 2
        note = ("注：1.本表统计时点为2024年9月1日；2.九年一贯制学校分学段填报，小学表只填小学部，初中表只填初中部；"
                "3.教学仪器设备值单位为万元；4.特殊教育学校列入小学表。")
        if stage == "junior":
            note = ("注：1.本表统计时点为2024年9月1日；2.青石县第一中学为完全中学，本表只填初中部（校舍、设备按初中部分摊后填报）；"
                    "3.教学仪器设备值单位为万元；4.高于规定学历指本科及以上。")
        ws.merge_range(row, 0, row, 18, note, f_note)
        ws.set_row(row, 30)
        ws.merge_range(row + 1, 0, row + 1, 18,
                       "填表人：张三　　　　审核人：李四　　　　填报日期：2024年9月30日", f_left)
    wb.add_worksheet("Sheet3")
    wb.close()
    for s in schools:
        if s["name"] == "青石县第一中学":
            s["notes"].append("完全中学: only the 初中部 is reported (the file's note says facilities were "
                              "apportioned to it by the school); no 高中部 figures anywhere.")
        if s["name"] == "青石县城东学校":
            s["notes"].append("九年一贯制: one row in sheet 小学 (小学部) and one in sheet 初中 (初中部), same code.")
        if s["name"] == "青石县特殊教育学校":
            s["notes"].append("special-education school listed in the 小学 sheet; exclude it by type.")
    return dict(file=file, producer=f"xlsxwriter {xlsxwriter.__version__}", township="城关镇",
                totals_rows={"小学": totals["primary"], "初中": totals["junior"]},
                units={"equipment_value": "万元 (only the unit row says so)"})


# ---------------------------------------------------------------------------------------------
# 青石镇: openpyxl, hidden notes sheet first, three-row header with traditional characters,
# a 栏次 row in full-width digits, numbers as text with thousands separators, —/"/"/无 for
# none, section rows and 小计, a nine-year school on two rows with whole-school cells merged
# vertically, 总计 row, trailing space in a name, one code stored as a number.
# ---------------------------------------------------------------------------------------------
def write_qingshi(out, schools):
    file = "青石镇2024年度中小学基本情况统计.xlsx"
    names = by_name(schools)
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "填报说明"
    for i, line in enumerate([
        "填报说明",
        "1. 本表由各校填报，青石镇中心学校汇总，统计时点为2024年9月1日。",
        "2. 金额单位为元，面积单位为平方米。",
        "3. 九年一贯制学校分小学部、初中部两行填报；校舍、场地、仪器设备和图书按全校填一次（合并单元格）。",
        "4. 没有的项目填“—”或“无”，不要空着。",
        "5. 高于规定学历：小学指专科及以上，初中指本科及以上。",
    ], start=1):
        notes.cell(row=i, column=1, value=line)
    notes.sheet_state = "hidden"
    notes.sheet_view.tabSelected = False
    ws = wb.create_sheet("基本情况")
    ws.sheet_view.tabSelected = True
    wb.active = 1

    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    head_font = Font(name="宋体", size=10, bold=True)
    body_font = Font(name="宋体", size=10)
    last_col = 19  # S

    def put(row, col, value, font=body_font, align=None, fmt=None):
        c = ws.cell(row=row, column=col, value=value)
        c.font = font
        c.border = border
        if align:
            c.alignment = align
        if fmt:
            c.number_format = fmt
        return c

    ws.cell(row=1, column=1, value="青石镇2024学年中小学基本情况统计表").font = Font(name="黑体", size=16, bold=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last_col)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws["A2"] = "统计时点：2024年9月1日"
    ws.merge_cells("A2:H2")
    ws["M2"] = "金额单位：元　面积单位：平方米"
    ws.merge_cells("M2:S2")
    ws["M2"].alignment = Alignment(horizontal="right")

    header = {
        (3, 1, 5, 1): "序號", (3, 2, 5, 2): "學校名稱", (3, 3, 5, 3): "學校識別碼", (3, 4, 5, 4): "學段",
        (3, 5, 5, 5): "城乡分类", (3, 6, 3, 7): "學生", (4, 6, 5, 6): "在校學生數", (4, 7, 5, 7): "教學班數",
        (3, 8, 3, 12): "教職工", (4, 8, 5, 8): "專任教師", (4, 9, 4, 12): "其中",
        (5, 9, 5, 9): "高于规定学历", (5, 10, 5, 10): "中级及以上职称", (5, 11, 5, 11): "县级以上骨干（含２０２４年新评）",
        (5, 12, 5, 12): "音體美專任教師", (3, 13, 3, 18): "辦學條件", (4, 13, 4, 14): "校舍及場地",
        (5, 13, 5, 13): "教学及辅助用房（㎡）", (5, 14, 5, 14): "体育运动场（馆）面积（㎡）",
        (4, 15, 4, 18): "教學裝備", (5, 15, 5, 15): "教学仪器设备资产值（元）",
        (5, 16, 5, 16): "教学用计算机（台）", (5, 17, 5, 17): "圖書（冊）",
        (5, 18, 5, 18): "网络多媒体教室（间）", (3, 19, 5, 19): "备注",
    }
    for (r1, c1, r2, c2), label in header.items():
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                put(r, c, None, head_font, center)
        ws.cell(row=r1, column=c1, value=label)
        if (r1, c1) != (r2, c2):
            ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    for c, label in enumerate(["甲", "乙", "丙", "丁", "戊"] + [fw(i) for i in range(1, 14)] + ["己"], start=1):
        put(6, c, label, body_font, center)
    ws.row_dimensions[5].height = 42
    for col, width in zip("ABCDEFGHIJKLMNOPQRS", [5, 18, 13, 7, 8, 9, 7, 7, 8, 8, 8, 8, 11, 11, 14, 9, 9, 9, 22]):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "C7"

    keys = ["students", "classes", "full_time_teachers", "teachers_above_required_degree",
            "teachers_mid_senior_title", "backbone_teachers", "pe_arts_teachers", "teaching_aux_area",
            "sports_area", "equipment_value", "computers", "books", "multimedia_classrooms"]
    nones = iter(["—", "/", "无", "—", "无", "/", "—", "无", "/", "—", "无", "/"] * 4)
    style_cycle = iter([0, 1, 0, 2, 1, 0, 2, 0, 1] * 40)

    def cell_value(key, value):
        """How the people filling this in typed the number."""
        if value == 0:
            return next(nones)
        if isinstance(value, float) or value >= 1000:
            return thousands(value)                 # text "1,234" / "1,234.5"
        style = next(style_cycle)
        if style == 0:
            return value                            # a real number
        return str(value)                           # a number stored as text

    sections = [
        ("一、小学", ["青石镇中心小学", "青石镇杨家小学", "青石镇河口小学", "青石镇柳树小学", "青石镇高坪教学点"]),
        ("二、初中", ["青石镇中学"]),
        ("三、九年一贯制学校", ["青石镇新华学校"]),
    ]
    row = 7
    seq = 0
    grand = [0.0] * len(keys)
    subtotal_rows = []
    for title, members in sections:
        put(row, 1, title, head_font)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)
        row += 1
        sub = [0.0] * len(keys)
        for name in members:
            s = names[name]
            seq += 1
            stages = list(s["parts"])
            first_row = row
            rows = []
            for stage in stages:
                part = s["parts"][stage]
                put(row, 1, seq)
                written_name = s["name"] + (" " if s["name"] == "青石镇河口小学" else "")
                put(row, 2, written_name)
                code = int(s["school_code"]) if s["name"] == "青石镇柳树小学" else s["school_code"]
                put(row, 3, code, fmt="0" if isinstance(code, int) else "@")
                put(row, 4, (STAGE_CN[stage] + "部") if len(stages) > 1 else
                    ("小学" if s["type"] == "教学点" else STAGE_CN[stage]))
                put(row, 5, s["urban_rural"])
                for j, key in enumerate(keys):
                    if key in s["school_wide"]:
                        value = s["school_wide"][key] if stage == stages[0] else None
                        put(row, 6 + j, cell_value(key, value) if value is not None else None,
                            align=Alignment(vertical="center"))
                        if stage == stages[0]:
                            sub[j] += value
                    else:
                        put(row, 6 + j, cell_value(key, part[key]))
                        sub[j] += part[key]
                put(row, 19, None)
                rows.append(row)
                row += 1
            if s["type"] == "教学点":
                ws.cell(row=rows[0], column=19, value="教学点，复式教学")
            if s["school_wide"]:
                ws.cell(row=first_row, column=19, value="校舍、场地、设备、图书为全校数")
                for col in (1, 2, 3, 5, 19) + tuple(6 + keys.index(k) for k in s["school_wide"]):
                    ws.merge_cells(start_row=first_row, start_column=col, end_row=row - 1, end_column=col)
                s["notes"].append("九年一贯制 on two rows (小学部/初中部); name, code and the school-wide "
                                  "cells (教学及辅助用房, 体育运动场, 仪器设备, 图书) are merged over both rows.")
            add_source(s, file, "基本情况", rows)
        if title.startswith("一"):
            put(row, 1, "小计", head_font)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
            for j, key in enumerate(keys):
                put(row, 6 + j, num(round(sub[j], 1)), head_font, fmt="#,##0")
            subtotal_rows.append(row)
            row += 1
        grand = [a + b for a, b in zip(grand, sub)]
    put(row, 1, "总计", head_font)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
    for j, key in enumerate(keys):
        put(row, 6 + j, num(round(grand[j], 1)), head_font, fmt="#,##0")
    total_row = row
    ws.cell(row=row + 2, column=1, value="注：本表数据由各校填报，青石镇中心学校汇总；河口小学运动场地与村委会共用。")
    ws.cell(row=row + 3, column=1, value="填表人：陈静　　审核人：周国华　　2024年9月27日")

    # one value typed in full-width digits (classes of 杨家小学)
    s = names["青石镇杨家小学"]
    r = s["sources"][-1]["rows"][0]
    ws.cell(row=r, column=7, value=fw(s["parts"]["primary"]["classes"]))
    s["notes"].append("教學班數 typed in full-width digits.")
    names["青石镇河口小学"]["notes"].append("name written with a trailing space in the file.")
    names["青石镇柳树小学"]["notes"].append("学校識別碼 stored as a number, not text.")
    wb.properties.creator = "陈静"
    wb.properties.created = FIXED_TIME
    path = os.path.join(out, file)
    wb.save(path)
    fix_zip(path)
    return dict(file=file, producer=f"openpyxl {openpyxl.__version__}", township="青石镇",
                totals_rows={"基本情况": total_row}, subtotal_rows={"基本情况": subtotal_rows},
                units={"equipment_value": "元"})


# ---------------------------------------------------------------------------------------------
# 石门乡: a flat ODS written here, then saved as XLSX by LibreOffice itself.
# ---------------------------------------------------------------------------------------------
FODS_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:meta><dc:title>石门乡2024年中小学统计报表</dc:title><meta:initial-creator>吴晓燕</meta:initial-creator></office:meta>
<office:automatic-styles>
 <number:number-style style:name="N0"><number:number number:decimal-places="0" number:min-integer-digits="1"/></number:number-style>
 <number:number-style style:name="N1"><number:number number:decimal-places="1" number:min-decimal-places="1" number:min-integer-digits="1"/></number:number-style>
 <number:number-style style:name="N4"><number:number number:decimal-places="4" number:min-decimal-places="4" number:min-integer-digits="1"/></number:number-style>
 <number:date-style style:name="ND"><number:year number:style="long"/><number:text>年</number:text><number:month/><number:text>月</number:text><number:day/><number:text>日</number:text></number:date-style>
 <style:style style:name="co_name" style:family="table-column"><style:table-column-properties style:column-width="1.45in"/></style:style>
 <style:style style:name="co_code" style:family="table-column"><style:table-column-properties style:column-width="1.0in"/></style:style>
 <style:style style:name="co_num" style:family="table-column"><style:table-column-properties style:column-width="0.8in"/></style:style>
 <style:style style:name="ro_head" style:family="table-row"><style:table-row-properties style:row-height="0.6in"/></style:style>
 <style:style style:name="title" style:family="table-cell"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="16pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="head" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:wrap-option="wrap" style:vertical-align="middle"/><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="txt" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000"/></style:style>
 <style:style style:name="int" style:family="table-cell" style:data-style-name="N0"><style:table-cell-properties fo:border="0.5pt solid #000000"/></style:style>
 <style:style style:name="one" style:family="table-cell" style:data-style-name="N1"><style:table-cell-properties fo:border="0.5pt solid #000000"/></style:style>
 <style:style style:name="four" style:family="table-cell" style:data-style-name="N4"><style:table-cell-properties fo:border="0.5pt solid #000000"/></style:style>
 <style:style style:name="date" style:family="table-cell" style:data-style-name="ND"/>
</office:automatic-styles>
<office:body><office:spreadsheet>
"""


class Fods:
    def __init__(self):
        self.rows = []

    @staticmethod
    def text(value, style="txt", span=1, rspan=1):
        attrs = f' table:style-name="{style}"'
        if span > 1:
            attrs += f' table:number-columns-spanned="{span}"'
        if rspan > 1:
            attrs += f' table:number-rows-spanned="{rspan}"'
        cell = f'<table:table-cell{attrs} office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'
        if span > 1:
            cell += f'<table:covered-table-cell table:number-columns-repeated="{span - 1}"/>'
        return cell

    @staticmethod
    def number(value, style="int"):
        return (f'<table:table-cell table:style-name="{style}" office:value-type="float" office:value="{value!r}">'
                f'<text:p>{value}</text:p></table:table-cell>')

    @staticmethod
    def formula(expr, style="int"):
        return f'<table:table-cell table:style-name="{style}" table:formula="of:={escape(expr)}"/>'

    @staticmethod
    def date(iso):
        return f'<table:table-cell table:style-name="date" office:value-type="date" office:date-value="{iso}"/>'

    @staticmethod
    def covered(n=1):
        return f'<table:covered-table-cell table:number-columns-repeated="{n}"/>' if n > 1 else '<table:covered-table-cell/>'

    @staticmethod
    def empty(n=1):
        return f'<table:table-cell table:number-columns-repeated="{n}"/>' if n > 1 else '<table:table-cell/>'

    def row(self, *cells, style=None):
        attr = f' table:style-name="{style}"' if style else ""
        self.rows.append(f"<table:table-row{attr}>{''.join(cells)}</table:table-row>")


def write_shimen(out, schools, soffice):
    file = "石门乡2024年中小学统计报表.xlsx"
    names = by_name(schools)
    members = ["石门乡中心小学", "石门乡下湾小学", "石门乡茶园小学", "石门乡云岭教学点", None, "石门乡中学"]
    f = Fods()
    C = Fods
    f.row(C.text("青石县石门乡2024年义务教育学校办学条件统计表", "title", span=19))
    f.row(C.text("填报单位：石门乡中心学校", "txt", span=8), C.empty(7), C.text("填报日期："), C.date("2024-09-28"),
          C.empty(2))
    f.row(C.text("学校名称", "head", rspan=2), C.text("学校代码", "head", rspan=2), C.text("学校类别", "head", rspan=2),
          C.text("学生", "head", span=3), C.text("教师", "head", span=5), C.text("办学条件", "head", span=6),
          C.text("生均指标", "head", span=2), style="ro_head")
    f.row(C.covered(3), C.text("学生人数", "head"), C.text("上年学生数", "head"), C.text("班级数", "head"),
          C.text("专任教师数", "head"), C.text("高于规定学历教师数", "head"), C.text("中级及以上职称教师数", "head"),
          C.text("骨干教师数（县级以上）", "head"), C.text("体育、艺术(美术、音乐)专任教师数", "head"),
          C.text("教学及辅助用房面积（m²）", "head"), C.text("体育运动场馆面积（m2）", "head"),
          C.text("教学仪器设备值（万元）", "head"), C.text("计算机台数", "head"), C.text("图书册数", "head"),
          C.text("网络多媒体教室数", "head"), C.text("生机比（人/台）", "head"), C.text("生均图书（册）", "head"),
          style="ro_head")
    row = 5
    data_rows = []
    for name in members:
        if name is None:
            f.row(C.empty(19))                      # a blank row between primary and junior
            row += 1
            continue
        s = names[name]
        stage = next(iter(s["parts"]))
        p = s["parts"][stage]
        typ = s["type"] if s["type"] == "教学点" else STAGE_CN[stage]
        f.row(C.text(s["name"]), C.text(s["school_code"]), C.text(typ), C.number(p["students"]),
              C.number(s["_last_year"][stage]), C.number(p["classes"]), C.number(p["full_time_teachers"]),
              C.number(p["teachers_above_required_degree"]), C.number(p["teachers_mid_senior_title"]),
              C.number(p["backbone_teachers"]), C.number(p["pe_arts_teachers"]),
              C.number(p["teaching_aux_area"], "one"), C.number(p["sports_area"]),
              C.number(wan(p["equipment_value"], 4), "four"), C.number(p["computers"]), C.number(p["books"]),
              C.number(p["multimedia_classrooms"]), C.formula(f"[.D{row}]/[.O{row}]", "one"),
              C.formula(f"[.P{row}]/[.D{row}]", "one"))
        add_source(s, file, "石门乡", [row])
        data_rows.append(row)
        row += 1
    first, last = data_rows[0], data_rows[-1]
    sums = []
    for col in "DEFGHIJKLMNOPQ":
        style = "four" if col == "N" else "one" if col == "L" else "int"
        sums.append(C.formula(f"SUM([.{col}{first}:.{col}{last}])", style))
    f.row(C.text("合计", "head", span=3), *sums, C.formula(f"[.D{row}]/[.O{row}]", "one"),
          C.formula(f"[.P{row}]/[.D{row}]", "one"))
    total_row = row
    f.row(C.text("注：1.教学仪器设备值以万元为单位，保留四位小数；2.云岭教学点暂无教学用计算机，生机比无法计算；"
                 "3.上年学生数仅供核对。", "txt", span=19))
    f.row(C.text("填表人：吴晓燕　　审核人：石建军", "txt", span=8))
    cols = ('<table:table-column table:style-name="co_name"/><table:table-column table:style-name="co_code"/>'
            '<table:table-column table:style-name="co_num" table:number-columns-repeated="2"/>'
            '<table:table-column table:style-name="co_num" table:visibility="collapse"/>'
            '<table:table-column table:style-name="co_num" table:number-columns-repeated="14"/>')
    fods = (FODS_HEAD + f'<table:table table:name="石门乡">{cols}' + "\n".join(f.rows) +
            "</table:table></office:spreadsheet></office:body></office:document>\n")
    names["石门乡云岭教学点"]["notes"].append("教学用计算机 0, so its 生机比 formula is #DIV/0! (an error cell).")
    info = dict(file=file, township="石门乡", totals_rows={"石门乡": total_row},
                units={"equipment_value": "万元, four decimals"},
                extras="column E 上年学生数 is hidden and is last year's students, not this year's")
    target = os.path.join(out, file)
    if not soffice:
        print(f"warning: soffice not found; {file} left as it is", file=sys.stderr)
        info["producer"] = "LibreOffice (kept from an earlier run)"
        return info
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "石门乡2024年中小学统计报表.fods")
        with open(src, "w", encoding="utf-8") as fh:
            fh.write(fods)
        env = dict(os.environ, HOME=tmp)
        subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
                        "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", tmp, src],
                       check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
        fresh = os.path.join(tmp, "石门乡2024年中小学统计报表.xlsx")
        if not same_package(fresh, target):     # LibreOffice stamps every entry with the time
            shutil.copyfile(fresh, target)
    with zipfile.ZipFile(target) as z:
        app = z.read("docProps/app.xml").decode("utf-8")
    start = app.find("<Application>") + len("<Application>")
    info["producer"] = app[start:app.find("</Application>")]
    return info


# ---------------------------------------------------------------------------------------------
# 龙潭镇: single-school returns in form layout.
# ---------------------------------------------------------------------------------------------
def write_longtan_central(out, schools):
    """Labels with values beside them, two label/value pairs per row (xlsxwriter)."""
    file = "龙潭镇中心小学2024年报.xlsx"
    s = by_name(schools)["青石县龙潭镇中心小学"]
    p = s["parts"]["primary"]
    wb = xlsxwriter.Workbook(os.path.join(out, file))
    wb.set_properties({"author": "刘芳", "created": FIXED_TIME})
    ws = wb.add_worksheet("基层表")
    f_title = wb.add_format({"bold": True, "font_size": 14, "align": "center"})
    f_sec = wb.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1})
    f_lab = wb.add_format({"border": 1, "bg_color": "#FFF2CC", "text_wrap": True})
    f_val = wb.add_format({"border": 1, "num_format": "@"})
    f_int = wb.add_format({"border": 1, "num_format": "0"})
    f_area = wb.add_format({"border": 1, "num_format": "#,##0.0"})
    f_money = wb.add_format({"border": 1, "num_format": "#,##0.00"})
    f_date = wb.add_format({"num_format": 'yyyy"年"m"月"d"日"', "align": "left"})
    ws.set_column("A:A", 30)
    ws.set_column("B:B", 22)
    ws.set_column("C:C", 30)
    ws.set_column("D:D", 16)
    ws.merge_range("A1:D1", "2024年教育事业统计年报（小学基层表）", f_title)
    ws.merge_range("A2:D2", "填报单位：青石县龙潭镇中心小学　　统计时点：2024年9月1日", wb.add_format({}))
    pairs = [
        [("学校名称", s["name"], f_val), ("学校标识码", s["school_code"], f_val)],
        [("行政区划代码", COUNTY_CODE, f_val), ("所属乡镇", s["township"], f_val)],
        [("办学类型", s["type"], f_val), ("城乡分类", s["urban_rural"], f_val)],
        [("统计年度", YEAR, f_int), ("学段", "小学", f_val)],
        "一、学生和教师",
        [("在校学生数（人）", p["students"], f_int), ("教学班数（个）", p["classes"], f_int)],
        [("专任教师数（人）", p["full_time_teachers"], f_int),
         ("其中：专科及以上学历（人）", p["teachers_above_required_degree"], f_int)],
        [("中级及以上职称教师数（人）", p["teachers_mid_senior_title"], f_int),
         ("县级以上骨干教师数（人）", p["backbone_teachers"], f_int)],
        [("体育、艺术(美术、音乐)专任教师数（人）", p["pe_arts_teachers"], f_int)],
        "二、办学条件",
        [("教学及辅助用房面积（㎡）", p["teaching_aux_area"], f_area),
         ("体育运动场馆面积（㎡）", p["sports_area"], f_area)],
        [("教学仪器设备值（元）", p["equipment_value"], f_money), ("教学用计算机（台）", p["computers"], f_int)],
        [("图书（册）", p["books"], f_int), ("网络多媒体教室（间）", p["multimedia_classrooms"], f_int)],
    ]
    row = 2
    for item in pairs:
        if isinstance(item, str):
            ws.merge_range(row, 0, row, 3, item, f_sec)
        else:
            for k, (label, value, fmt) in enumerate(item):
                ws.write_string(row, 2 * k, label, f_lab)
                if isinstance(value, str):
                    ws.write_string(row, 2 * k + 1, value, fmt)
                else:
                    ws.write_number(row, 2 * k + 1, value, fmt)
        row += 1
    row += 1
    ws.write(row, 0, "学校负责人：王建国")
    ws.write(row, 2, "填表人：刘芳")
    ws.write(row + 1, 0, "联系电话：0793-5521367")
    ws.write(row + 1, 2, "填报日期：")
    ws.write_datetime(row + 1, 3, dt.datetime(2024, 9, 26), f_date)
    wb.close()
    add_source(s, file, "基层表", layout="form: label | value | label | value")
    return dict(file=file, producer=f"xlsxwriter {xlsxwriter.__version__}", township="龙潭镇",
                layout="form", units={"equipment_value": "元, two decimals"})


def write_longtan_nine_year(out, schools):
    """A nine-year school: items down, 小学部 / 初中部 / 全校合计 across (openpyxl)."""
    file = "龙潭镇龙潭学校2024年报.xlsx"
    s = by_name(schools)["青石县龙潭镇龙潭学校"]
    pp, jp = s["parts"]["primary"], s["parts"]["junior"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "学校基本情况"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws["A1"] = "青石县龙潭镇龙潭学校2024年教育事业统计年报"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = center
    ws.merge_cells("A1:E1")
    ws["A2"], ws["B2"], ws["D2"], ws["E2"] = "学校名称", s["name"], "学校标识码", s["school_code"]
    ws.merge_cells("B2:C2")
    ws["E2"].number_format = "@"
    ws["A3"], ws["B3"], ws["D3"], ws["E3"] = "办学类型", s["type"], "城乡分类", s["urban_rural"]
    ws.merge_cells("B3:C3")
    ws["A4"], ws["B4"], ws["D4"], ws["E4"] = "所属乡镇", s["township"], "统计年度", "2024学年"
    ws.merge_cells("B4:C4")
    for r in range(2, 5):
        for c in "ABCDE":
            ws[f"{c}{r}"].border = border
        ws[f"A{r}"].font = bold
        ws[f"D{r}"].font = bold
    for c, label in zip("ABCDE", ["项目", "单位", "小学部", "初中部", "全校合计"]):
        ws[f"{c}6"] = label
        ws[f"{c}6"].font = bold
        ws[f"{c}6"].alignment = center
        ws[f"{c}6"].border = border
    items = [
        ("在校学生数", "人", "students"), ("教学班数", "个", "classes"), ("专任教师数", "人", "full_time_teachers"),
        ("高于规定学历教师数（小学专科及以上，初中本科及以上）", "人", "teachers_above_required_degree"),
        ("中级及以上专业技术职务教师数", "人", "teachers_mid_senior_title"),
        ("县级以上骨干教师数", "人", "backbone_teachers"), ("音体美专任教师数", "人", "pe_arts_teachers"),
        ("教学及辅助用房面积", "平方米", "teaching_aux_area"), ("体育运动场馆面积", "平方米", "sports_area"),
        ("教学仪器设备值", "万元", "equipment_value"), ("教学用计算机", "台", "computers"),
        ("图书", "册", "books"), ("网络多媒体教室数", "间", "multimedia_classrooms"),
    ]
    row = 7
    for label, unit, key in items:
        ws[f"A{row}"], ws[f"B{row}"] = label, unit
        if key in s["school_wide"]:
            total = s["school_wide"][key]
            ws[f"C{row}"] = "全校共用"
            ws.merge_cells(f"C{row}:D{row}")
        else:
            ws[f"C{row}"], ws[f"D{row}"] = pp[key], jp[key]
            total = num(float(pp[key] + jp[key]))
        ws[f"E{row}"] = wan(total, 2) if key == "equipment_value" else total
        if key == "equipment_value":
            ws[f"E{row}"].number_format = "0.00"
        for c in "ABCDE":
            ws[f"{c}{row}"].border = border
        ws[f"C{row}"].alignment = Alignment(horizontal="center")
        row += 1
    ws[f"A{row + 1}"] = "注：教学及辅助用房、体育运动场馆、教学仪器设备和网络多媒体教室为全校共用，未分学段填报。"
    ws[f"A{row + 2}"] = "校长：黄志明　　填表人：邓丽　　联系电话：13907935566"
    ws.column_dimensions["A"].width = 44
    ws.column_dimensions["B"].width = 8
    for c in "CDE":
        ws.column_dimensions[c].width = 12
    wb.properties.creator = "邓丽"
    wb.properties.created = FIXED_TIME
    path = os.path.join(out, file)
    wb.save(path)
    fix_zip(path)
    add_source(s, file, "学校基本情况", layout="form: items down; 小学部 | 初中部 | 全校合计 across")
    s["notes"].append("九年一贯制 form: per-part columns; the school-wide items have 小学部:初中部 merged with "
                      "the text 全校共用 and the value only in 全校合计 (equipment in 万元).")
    return dict(file=file, producer=f"openpyxl {openpyxl.__version__}", township="龙潭镇", layout="form",
                units={"equipment_value": "万元, two decimals"})


def soffice_version(soffice):
    """'LibreOffice 7.4.7.2' from `soffice --version` ('LibreOffice 7.4.7.2 40(Build:2)')."""
    with tempfile.TemporaryDirectory() as tmp:
        text = subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
                               "--version"], check=True, capture_output=True, text=True, timeout=120,
                              env=dict(os.environ, HOME=tmp)).stdout
    words = text.split()
    return " ".join(words[:2]) if len(words) >= 2 else "LibreOffice"


def draft_longtan_village(path, s):
    """Rows of labels with their values in the row below (xlsxwriter)."""
    p = s["parts"]["primary"]
    wb = xlsxwriter.Workbook(path)
    wb.set_properties({"author": "钟伟", "created": FIXED_TIME})
    ws = wb.add_worksheet("Sheet1")
    f_title = wb.add_format({"bold": True, "font_size": 14, "align": "center"})
    f_lab = wb.add_format({"bold": True, "border": 1, "text_wrap": True, "align": "center", "valign": "vcenter"})
    f_val = wb.add_format({"border": 1, "align": "center", "num_format": "@"})
    f_num = wb.add_format({"border": 1, "align": "center"})
    ws.set_column("A:F", 16)
    ws.merge_range("A1:F1", "2024年学校基本情况表", f_title)
    blocks = [
        [("学校名称", s["name"]), ("学校标识码", s["school_code"]), ("所属乡镇", s["township"]),
         ("办学类型", s["type"]), ("城乡分类", s["urban_rural"]), ("学年", "2024-2025")],
        [("在校学生数", p["students"]), ("班级数", p["classes"]), ("专任教师", p["full_time_teachers"]),
         ("高于规定学历教师", p["teachers_above_required_degree"]),
         ("中级职称及以上教师", p["teachers_mid_senior_title"]), ("县级及以上骨干教师", p["backbone_teachers"])],
        [("音体美专任教师", p["pe_arts_teachers"]), ("教学及辅助用房面积(m2)", p["teaching_aux_area"]),
         ("体育运动场馆面积(m2)", p["sports_area"]), ("教学仪器设备值(元)", p["equipment_value"]),
         ("计算机(台)", p["computers"]), ("图书(册)", p["books"])],
        [("网络多媒体教室(间)", p["multimedia_classrooms"])],
    ]
    row = 2
    for block in blocks:
        ws.set_row(row, 30)
        for c, (label, value) in enumerate(block):
            ws.write_string(row, c, label, f_lab)
            if isinstance(value, str):
                ws.write_string(row + 1, c, value, f_val)
            else:
                ws.write_number(row + 1, c, value, f_num)
        row += 3
    ws.write(row, 0, "填表人：钟伟")
    ws.write(row, 3, "2024.9.25")           # a date typed as text, as people do
    wb.close()


def write_longtan_village(out, schools, soffice):
    """The form drafted as .xlsx by xlsxwriter, then saved as .xls (BIFF8) by LibreOffice's 'MS Excel 97'
    filter, as a village school's old PC sends it. Without soffice an .xls already there is kept; else
    the draft itself is written, as .xlsx."""
    file = "龙潭镇枫林小学2024年报表.xls"
    legacy = "龙潭镇枫林小学2024年报表.xlsx"    # the draft's name, and what earlier runs wrote
    s = by_name(schools)["青石县龙潭镇枫林小学"]
    target = os.path.join(out, file)
    info = dict(file=file, producer=f"xlsxwriter {xlsxwriter.__version__}", township="龙潭镇",
                layout="form", units={"equipment_value": "元"})
    if not soffice:
        if os.path.exists(target):
            print(f"warning: soffice not found; {file} left as it is", file=sys.stderr)
            info["producer"] += ", then LibreOffice 'MS Excel 97' (kept from an earlier run)"
        else:
            print(f"warning: soffice not found; {legacy} written as .xlsx instead of {file}", file=sys.stderr)
            draft_longtan_village(os.path.join(out, legacy), s)
            info["file"] = legacy
        add_source(s, info["file"], "Sheet1", layout="form: a row of labels, values in the row below")
        return info
    with tempfile.TemporaryDirectory() as tmp:
        draft = os.path.join(tmp, legacy)
        draft_longtan_village(draft, s)
        env = dict(os.environ, HOME=tmp)
        subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
                        "--convert-to", "xls:MS Excel 97", "--outdir", tmp, draft],
                       check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
        shutil.copyfile(os.path.join(tmp, file), target)
    if os.path.exists(os.path.join(out, legacy)):       # an earlier run's .xlsx: one return, one file
        os.remove(os.path.join(out, legacy))
        print(f"removed {legacy}: the return is {file} now")
    info["producer"] += f", then {soffice_version(soffice)} 'MS Excel 97' filter (BIFF8)"
    add_source(s, file, "Sheet1", layout="form: a row of labels, values in the row below")
    return info


# ---------------------------------------------------------------------------------------------
# 白沙乡: CSV as Chinese Excel saves it: GB18030, CRLF, title and unit rows padded with commas,
# numbers shown with thousands separators (so quoted), a blank row, 合计, note.
# ---------------------------------------------------------------------------------------------
def write_baisha(out, schools):
    file = "白沙乡_2024_中小学.csv"
    names = by_name(schools)
    members = ["白沙乡中心小学", "白沙乡马岭小学", "白沙乡沙洲小学", "白沙乡桥头小学", "白沙乡塘背教学点", "白沙乡中学"]
    # Two headers wrapped in their cells (Alt+Enter), as Excel saves them: quoted, a bare LF inside.
    header = ["序号", "学校代码", "单位名称", "学段", "在校生数", "班级数", "专任教师数", "高于规定学历\n教师数",
              "中级及以上职称教师数", "县级以上骨干教师数", "体育、艺术(美术、音乐)\n专任教师数",
              "教学及辅助用房面积(㎡)", "体育运动场(馆)面积(平方米)", "教学仪器设备值(元)", "计算机台数", "图书册数",
              "网络多媒体教室数", "备注"]
    keys = ["students", "classes", "full_time_teachers", "teachers_above_required_degree",
            "teachers_mid_senior_title", "backbone_teachers", "pe_arts_teachers", "teaching_aux_area",
            "sports_area", "equipment_value", "computers", "books", "multimedia_classrooms"]
    remarks = {"白沙乡中心小学": "2024年新建塑胶跑道,已验收", "白沙乡塘背教学点": "复式教学,1-3年级",
               "白沙乡中学": "含寄宿生312人,食堂面积未计入"}
    width = len(header)
    pad = lambda cells: cells + [""] * (width - len(cells))
    rows = [pad(["白沙乡2024年中小学教育事业统计表"]),
            pad(["填报单位：白沙乡中心学校"] + [""] * 13 + ["单位:人、平方米、元"]),
            header]
    sums = [0.0] * len(keys)
    for i, name in enumerate(members, start=1):
        s = names[name]
        stage = next(iter(s["parts"]))
        p = s["parts"][stage]
        cells = [str(i), s["school_code"], s["name"], STAGE_CN[stage]]
        for j, key in enumerate(keys):
            cells.append(thousands(p[key]))
            sums[j] += p[key]
        cells.append(remarks.get(name, ""))
        rows.append(cells)
        add_source(s, file, rows=[len(rows)])
    rows.append([""] * width)
    rows.append(["", "", "合计", ""] + [thousands(num(round(v, 1))) for v in sums] + [""])
    total_line = len(rows)
    rows.append(pad(["注：统计时点2024年9月1日；高于规定学历小学指专科及以上，初中指本科及以上。"]))
    rows.append(pad(["填表人：刘䶮", "", "审核人：胡建平", "", "", "2024年9月29日"]))
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    with open(os.path.join(out, file), "wb") as fh:
        fh.write(buf.getvalue().encode("gb18030"))
    return dict(file=file, producer="this script (as Chinese Excel saves CSV)", township="白沙乡",
                encoding="gb18030", line_ends="CRLF", totals_rows={"csv": total_line},
                units={"equipment_value": "元"},
                extras="填表人 name 䶮 (U+4DAE) is outside GBK: only GB18030 decodes the last line")


# ---------------------------------------------------------------------------------------------
# 桃源乡: Excel "CSV UTF-8": BOM, CRLF, one header row, percentages, 师生比 as 1:13.5,
# derived ratios with #DIV/0!, 全乡合计 row.
# ---------------------------------------------------------------------------------------------
def write_taoyuan(out, schools):
    file = "桃源乡2024年学校基本数据.csv"
    names = by_name(schools)
    members = ["桃源乡中心小学", "桃源乡溪口小学", "桃源乡竹林小学", "桃源乡杨梅小学", "桃源乡花园教学点", "桃源乡中学"]
    header = ["县区名称", "行政区划代码", "乡镇(街道)", "学校标识码", "学校名称", "学校类别", "城乡分类", "统计年度",
              "学生人数", "教学班数", "专任教师", "师生比", "高于规定学历教师数", "高于规定学历教师比例",
              "中级及以上职称教师数", "中级职称以上比例", "骨干教师数(县级以上)", "音体美专任教师数",
              "教学及辅助用房面积(m²)", "生均教学及辅助用房(m²)", "体育运动场馆面积(m²)", "教学仪器设备资产值(元)",
              "教学用计算机(台)", "生机比", "图书(册)", "生均图书(册)", "网络多媒体教室数"]
    rows = [header]

    def ratio(a, b, fmt):
        return "#DIV/0!" if b == 0 else fmt(a / b)

    def line(p, lead):
        st = p["students"]
        return lead + [
            str(st), str(p["classes"]), str(p["full_time_teachers"]),
            ratio(st, p["full_time_teachers"], lambda x: f"1:{x:.1f}"),
            str(p["teachers_above_required_degree"]),
            ratio(p["teachers_above_required_degree"] * 100, p["full_time_teachers"], lambda x: f"{x:.1f}%"),
            str(p["teachers_mid_senior_title"]),
            ratio(p["teachers_mid_senior_title"] * 100, p["full_time_teachers"], lambda x: f"{x:.1f}%"),
            str(p["backbone_teachers"]), str(p["pe_arts_teachers"]), f"{p['teaching_aux_area']:.2f}",
            ratio(p["teaching_aux_area"], st, lambda x: f"{x:.2f}"), f"{p['sports_area']:.2f}",
            f"{p['equipment_value']:.2f}", str(p["computers"]), ratio(st, p["computers"], lambda x: f"{x:.1f}"),
            str(p["books"]), ratio(p["books"], st, lambda x: f"{x:.1f}"), str(p["multimedia_classrooms"])]

    total = {k: 0 for k in BASE}
    for name in members:
        s = names[name]
        stage = next(iter(s["parts"]))
        p = s["parts"][stage]
        typ = s["type"] if s["type"] == "教学点" else STAGE_CN[stage]
        rows.append(line(p, [COUNTY, COUNTY_CODE, s["township"], s["school_code"], s["name"], typ,
                             s["urban_rural"], "2024-2025"]))
        add_source(s, file, rows=[len(rows)])
        for k in BASE:
            total[k] += p[k]
    rows.append(line(total, ["", "", "", "", "全乡合计", "", "", ""]))
    total_line = len(rows)
    names["桃源乡花园教学点"]["notes"].append("教学用计算机 0, so 生机比 is the text #DIV/0!.")
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    with open(os.path.join(out, file), "wb") as fh:
        fh.write(buf.getvalue().encode("utf-8-sig"))
    return dict(file=file, producer="this script (as Excel's “CSV UTF-8” saves)", township="桃源乡",
                encoding="utf-8 with BOM", line_ends="CRLF", totals_rows={"csv": total_line},
                units={"equipment_value": "元"},
                extras="derived columns 师生比 (1:x), percentages, 生机比 and per-student figures are not base counts")


# ---------------------------------------------------------------------------------------------
# Reference figures: the documented CV and compliance rules applied to the truth.
# ---------------------------------------------------------------------------------------------
def weighted_cv(pairs):
    """pairs: (students, value). X̄ = ΣPX/P, S = sqrt(Σ(P/P)(X−X̄)²), CV = S/X̄."""
    total = sum(p for p, _ in pairs)
    mean = sum(p * x for p, x in pairs) / total
    sd = math.sqrt(sum((p / total) * (x - mean) ** 2 for p, x in pairs))
    return sd / mean if mean else float("nan")


def part_view(school, stage):
    """One stage's counts with school-wide facilities shared out by the parts' students."""
    part = dict(school["parts"][stage])
    if school["school_wide"]:
        all_students = sum(p["students"] for p in school["parts"].values())
        for key, value in school["school_wide"].items():
            part[key] = value * part["students"] / all_students
    return part


def reference(schools):
    worked = [(45, 279 / 45), (37, 137 / 37), (89, 935 / 89), (76, 160 / 76), (55, 402 / 55)]
    assert abs(weighted_cv(worked) - 0.5153) < 5e-4, "CV formula does not reproduce INDICATORS.md"
    basic = {
        "teaching_aux_area_per_student": lambda p: p["teaching_aux_area"] / p["students"],
        "sports_area_per_student": lambda p: p["sports_area"] / p["students"],
        "equipment_value_per_student": lambda p: p["equipment_value"] / p["students"],
        "computers_per_100_students": lambda p: p["computers"] * 100 / p["students"],
        "books_per_student": lambda p: p["books"] / p["students"],
        "full_time_teachers_per_student": lambda p: p["full_time_teachers"] / p["students"],
        "teachers_above_required_degree_per_student": lambda p: p["teachers_above_required_degree"] / p["students"],
        "teachers_mid_senior_title_per_student": lambda p: p["teachers_mid_senior_title"] / p["students"],
    }
    quality = {
        "deg": lambda p: p["teachers_above_required_degree"] * 100 / p["students"],
        "bb": lambda p: p["backbone_teachers"] * 100 / p["students"],
        "pe": lambda p: p["pe_arts_teachers"] * 100 / p["students"],
        "aux": lambda p: p["teaching_aux_area"] / p["students"],
        "spo": lambda p: p["sports_area"] / p["students"],
        "eq": lambda p: p["equipment_value"] / p["students"],
        "mm": lambda p: p["multimedia_classrooms"] * 100 / p["students"],
    }
    qnames = dict(deg="teachers_above_required_degree_per_100", bb="backbone_teachers_per_100",
                  pe="pe_arts_teachers_per_100", aux="teaching_aux_area_per_student",
                  spo="sports_area_per_student", eq="equipment_value_per_student",
                  mm="multimedia_classrooms_per_100")
    result = {}
    for stage in ("primary", "junior"):
        members = [s for s in schools if stage in s["parts"] and s["type"] != "特殊教育学校"
                   and not (s["type"] == "教学点" and s["parts"][stage]["students"] < 50)]
        views = [(s, part_view(s, stage)) for s in members]
        bcv = {k: round(weighted_cv([(v["students"], f(v)) for _, v in views]), 4) for k, f in basic.items()}
        qcv = {qnames[k]: round(weighted_cv([(v["students"], f(v)) for _, v in views]), 4)
               for k, f in quality.items()}
        compliance = {}
        for s, v in views:
            mins = QUALITY_MIN[stage]
            values = {k: f(v) for k, f in quality.items()}
            unmet = [k for k in mins if values[k] < mins[k]]
            ok = len(unmet) <= 1 and all(values[k] >= 0.85 * mins[k] for k in unmet)
            compliance[s["school_code"]] = dict(name=s["name"], complies=ok,
                                                unmet=[qnames[k] for k in unmet])
        result[stage] = dict(
            schools=[s["school_code"] for s in members],
            basic_cv=bcv, basic_composite_cv=round(sum(bcv.values()) / len(bcv), 4),
            quality_cv=qcv, quality_compliance=compliance)
    return result


# ---------------------------------------------------------------------------------------------
# 青石县 county figures: a form of the county's own rates (no school), for county_targets.
# Percentages as numbers under (%) headers, one as text "96.0%" under a header without a unit,
# and a gross rate above 100% (初中毕业升学率 101.9%), which is valid.
# ---------------------------------------------------------------------------------------------
COUNTY_RATES = [
    ("学前三年毛入园率（%）", "preschool_gross_enrolment_rate", 92.3),
    ("九年义务教育巩固率（%）", "compulsory_consolidation_rate", 98.6),
    ("初中年辍学率（%）", "junior_dropout_rate", 0.8),
    ("初中毕业升学率（%）", "junior_progression_rate", 101.9),
    ("残疾儿童少年入学率", "disabled_children_enrolment_rate", "96.0%"),
    ("外来务工人员随迁子女入学率（%）", "migrant_children_enrolment_rate", 99.5),
]


def write_county_rates(out):
    file = f"{COUNTY}{YEAR}年县级教育指标.xlsx"
    wb = xlsxwriter.Workbook(os.path.join(out, file))
    wb.set_properties({"created": dt.datetime(2024, 10, 8, 9, 0, 0)})
    ws = wb.add_worksheet("县级指标")
    title = wb.add_format({"bold": True, "align": "center"})
    ws.merge_range(0, 0, 0, 1, f"{COUNTY}{YEAR}年县域义务教育发展县级指标", title)
    ws.write(1, 0, "县(区)")
    ws.write(1, 1, COUNTY)
    ws.write(2, 0, "行政区划代码")
    ws.write_string(2, 1, COUNTY_CODE)
    ws.write(3, 0, "统计年度")
    ws.write_number(3, 1, YEAR)
    values = {}
    for i, (label, key, value) in enumerate(COUNTY_RATES, start=4):
        ws.write(i, 0, label)
        if isinstance(value, str):
            ws.write_string(i, 1, value)
            values[key] = round(float(value.rstrip("%")) / 100, 6)
        else:
            ws.write_number(i, 1, value)
            values[key] = round(value / 100, 6)
    ws.write(len(COUNTY_RATES) + 5, 0, "注：毛入园率、升学率按毛率计，可超过100%。")
    ws.write(len(COUNTY_RATES) + 6, 0, "填表人：县教育局基教股")
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 14)
    wb.close()
    return dict(file=file, producer=f"xlsxwriter {xlsxwriter.__version__}", layout="form: the county's rates, no school",
                values=values)


# ---------------------------------------------------------------------------------------------
def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(here, "..", "..", "SampleInputs"))
    args = ap.parse_args()
    out = os.path.normpath(args.out)
    os.makedirs(out, exist_ok=True)
    schools = draw_county()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    files = [
        write_chengguan(out, schools),
        write_qingshi(out, schools),
        write_shimen(out, schools, soffice),
        write_longtan_central(out, schools),
        write_longtan_nine_year(out, schools),
        write_longtan_village(out, schools, soffice),
        write_baisha(out, schools),
        write_taoyuan(out, schools),
    ]
    county_rates = write_county_rates(out)
    for f in files:
        f["schools"] = [s["school_code"] for s in schools if any(src["file"] == f["file"] for src in s["sources"])]
    public = []
    for s in schools:
        entry = {k: v for k, v in s.items() if not k.startswith("_")}
        if not entry["school_wide"]:
            del entry["school_wide"]
        if not entry["notes"]:
            del entry["notes"]
        public.append(entry)
    truth = {
        "description": "Canonical values of the synthetic county in SampleInputs, written by "
                       "Scripts/samples/make_sample_inputs.py. Match schools by school_code.",
        "county": {"county_code": COUNTY_CODE, "county_name": COUNTY, "year": YEAR,
                   "townships": ["城关镇", "青石镇", "白沙乡", "龙潭镇", "石门乡", "桃源乡"],
                   "rates_file": county_rates},
        "seed": SEED,
        "units": {"students": "人", "classes": "个", "full_time_teachers": "人",
                  "teachers_above_required_degree": "人", "teachers_mid_senior_title": "人",
                  "backbone_teachers": "人", "pe_arts_teachers": "人", "teaching_aux_area": "m²",
                  "sports_area": "m²", "equipment_value": "元", "computers": "台", "books": "册",
                  "multimedia_classrooms": "间"},
        "conventions": [
            "parts.primary / parts.junior hold what the files report for that stage part.",
            "school_wide holds counts reported only for the whole school; they are missing from parts "
            "and are to be shared out by the parts' students.",
            "sources[].rows are 1-based sheet rows (XLSX) or 1-based records (CSV; a quoted line break "
            "does not start a record) holding that school's data.",
            "equipment_value written in 万元 in a file is exact to the file's decimals; compare with a "
            "tolerance of 0.01 元 (binary floating point).",
            "files[].totals_rows and subtotal_rows are rows that must never be loaded as schools.",
        ],
        "files": files,
        "schools": public,
        "reference": {
            "note": "The INDICATORS.md formulas applied to the values above, excluding special-education "
                    "schools and teaching points under 50 students, school-wide facilities shared by students. "
                    "For checking a pipeline configured the same way.",
            **reference(schools),
        },
    }
    # The district 东湖区 is Scripts/samples/make_district_workbook.py's: keep its key as it is.
    truth_file = os.path.join(out, "TRUTH.json")
    if os.path.exists(truth_file):
        with open(truth_file, encoding="utf-8") as fh:
            earlier = json.load(fh)
        if "district" in earlier:
            truth["district"] = earlier["district"]
    with open(truth_file, "w", encoding="utf-8") as fh:
        json.dump(truth, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    n_parts = sum(len(s["parts"]) for s in schools)
    for stage in ("primary", "junior"):
        comp = truth["reference"][stage]["quality_compliance"]
        bad = [v["name"] for v in comp.values() if not v["complies"]]
        print(f"{STAGE_CN[stage]}: {len(comp)} schools in the figures, {len(bad)} not complying: {', '.join(bad)}")
    print(f"wrote {len(files)} files, {len(schools)} schools ({n_parts} stage parts) to {out}")


if __name__ == "__main__":
    main()
