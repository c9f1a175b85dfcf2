#!/usr/bin/env python3
"""Writes SampleInputs/柳溪县/: the township 白石镇 of the made-up county 柳溪县 (360399, not a real
code), whose 2024 return made the usual mistakes, one of each check of Pipelines/checks.yml, and its
2023 return, the year the year-over-year check compares with. EXPECTED_FINDINGS.json lists what
`audit_findings` must give for 2024, each finding at its cell, worked out by hand below.

- 柳溪县白石镇2024年中小学基本情况统计表.xlsx: drafted with xlsxwriter, then saved by LibreOffice's
  "Calc MS Excel 2007 XML" filter (the producer a bureau on Linux has): a merged title, a unit row
  (单位：人、个、平方米、万元、台、册、间), a two-row merged header with 在校学生数 over 合计 │ 一年级 …
  九年级 │ 其中：女, 专任教师 over 合计 │ 高于规定学历 …, 教学装备 in 万元; the nine-year school on three
  rows (小学部, 初中部, 全校) with its name and codes merged down; a 合计 row of formulas, a note, signatures.
- 白石镇2023年学生数.csv: last year's pupils and classes, as Chinese Excel saves CSV (GB18030, CRLF),
  with a title row.

Needs xlsxwriter, soffice (apt: libreoffice-calc-nogui). Run from the repository root:
    python3 Scripts/samples/make_audit_township.py
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

OUT = os.path.join("SampleInputs", "柳溪县")
XLSX = "柳溪县白石镇2024年中小学基本情况统计表.xlsx"
CSV = "白石镇2023年学生数.csv"
COUNTY, COUNTY_NAME, TOWNSHIP = "360399", "柳溪县", "白石镇"
AREA_CODE = COUNTY            # 行政区划代码: the county's six digits, as the township's template has it
SHEET = "白石镇"
FIRST_ROW = 5                   # the first school's row (1-based)

# name, code, 学段, 城乡, students, grades (1–9), female, classes, staff, full-time teachers, above the
# required degree, mid/senior title, backbone, PE/arts, teaching area, sports area, equipment (万元),
# computers, books, multimedia rooms. None: a blank cell.
P, J = "小学", "初中"
SCHOOLS = [
    # breakdown_vs_total: the grades add up to 1,205, the 合计 says 1,200.
    ("柳溪县白石镇中心小学", "2136039901", P, "镇区", 1200, [205, 200, 198, 202, 196, 204], 570, 24, 70, 62, 58, 30, 9, 8,
     6200, 9600, 216.5, 130, 36000, 24),
    # negative_value: 教学及辅助用房 −500 m² (a sign typed by mistake).
    ("柳溪县白石镇田心小学", "2136039902", P, "乡村", 320, [52, 55, 50, 56, 53, 54], 150, 6, 22, 20, 18, 8, 2, 2,
     -500, 4200, 48.2, 30, 9600, 6),
    # subset_exceeds_total: 45 teachers above the required degree out of 30 full-time teachers.
    ("柳溪县白石镇石桥小学", "2136039903", P, "乡村", 420, [68, 72, 70, 71, 69, 70], 200, 12, 33, 30, 45, 14, 3, 3,
     2100, 5400, 63.0, 42, 12600, 12),
    # class_size: 1,440 pupils in 18 classes is 80 a class (超大班额, an error).
    ("柳溪县白石镇中学", "2136039904", J, "镇区", 1440, [None] * 6 + [470, 480, 490], 690, 18, 105, 96, 90, 50, 12, 10,
     9800, 16000, 388.8, 200, 57600, 30),
    # per_student_range: 856,000 written in the 万元 column (元 meant): 28,533,333.33 元 a pupil.
    ("柳溪县白石镇岭下小学", "2136039905", P, "乡村", 300, [50] * 6, 140, 6, 20, 18, 17, 7, 2, 2,
     1650, 4000, 856000, 28, 9000, 6),
]
# parts_vs_whole: the nine-year school's 小学部 620 and 初中部 400 are 1,020; its 全校 row says 1,000.
NINE_YEAR = ("柳溪县白石镇石门学校", "2136039906", "乡村", [
    ("小学部", 620, [100, 102, 104, 105, 104, 105], 300, 14, None, 36, 34, 15, 4, 4),
    ("初中部", 400, [None] * 6 + [130, 135, 135], 190, 9, None, 30, 27, 16, 4, 3),
    ("全校", 1000, [None] * 9, 490, 23, 74, 66, None, None, None, None),
], (5200, 9000, 210.0, 110, 40000, 23))
LATER = [
    # year_over_year: 210 pupils in 2023, 320 now (+52%).
    ("柳溪县白石镇东坑小学", "2136039907", P, "乡村", 320, [55, 54, 52, 53, 52, 54], 150, 8, 21, 19, 18, 6, 2, 2,
     1900, 4800, 51.2, 32, 9800, 8),
    # missing_required: the teaching point left 计算机 empty.
    ("柳溪县白石镇上村教学点", "2136039908", P, "乡村", 23, [5, 4, 4, 3, 4, 3], 11, 4, 3, 3, 3, 1, 0, 0,
     260, 600, 3.5, None, 1200, 1),
]
# 2023: pupils and classes, each within 30% of 2024 but 东坑小学's.
LAST_YEAR = [
    ("2136039901", "柳溪县白石镇中心小学", P, 1150, 24), ("2136039902", "柳溪县白石镇田心小学", P, 330, 6),
    ("2136039903", "柳溪县白石镇石桥小学", P, 400, 12), ("2136039904", "柳溪县白石镇中学", J, 1380, 28),
    ("2136039905", "柳溪县白石镇岭下小学", P, 310, 6), ("2136039906", "柳溪县白石镇石门学校", P, 600, 14),
    ("2136039906", "柳溪县白石镇石门学校", J, 390, 9), ("2136039907", "柳溪县白石镇东坑小学", P, 210, 6),
    ("2136039908", "柳溪县白石镇上村教学点", P, 25, 4),
]

COLUMNS = ["序号", "学校标识码", "学校名称", "学段", "行政区划代码", "城乡分类"]
GRADES = ["一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级"]
TEACHERS = ["合计", "高于规定学历", "中级及以上职称", "县级以上骨干教师", "音体美专任教师"]
LAST = 29   # column AD, 0-based


def write_draft(path):
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet(SHEET)
    title = book.add_format({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter", "font_name": "宋体"})
    plain = book.add_format({"font_name": "宋体", "font_size": 10})
    right = book.add_format({"font_name": "宋体", "font_size": 10, "align": "right"})
    head = book.add_format({"bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True,
                            "font_name": "宋体", "font_size": 10})
    cell = book.add_format({"border": 1, "font_name": "宋体", "font_size": 10, "valign": "vcenter"})
    text = book.add_format({"border": 1, "font_name": "宋体", "font_size": 10, "num_format": "@", "valign": "vcenter"})
    money = book.add_format({"border": 1, "font_name": "宋体", "font_size": 10, "num_format": "0.0"})
    sheet.merge_range(0, 0, 0, LAST, f"{COUNTY_NAME}{TOWNSHIP}2024年中小学基本情况统计表", title)
    sheet.merge_range(1, 0, 1, 8, "填报单位：白石镇中心学校（盖章）", plain)
    sheet.merge_range(1, 22, 1, LAST, "单位：人、个、平方米、万元、台、册、间", right)
    for index, name in enumerate(COLUMNS):
        sheet.merge_range(2, index, 3, index, name, head)
    sheet.merge_range(2, 6, 2, 16, "在校学生数", head)
    for index, name in enumerate(["合计"] + GRADES + ["其中：女"]):
        sheet.write(3, 6 + index, name, head)
    sheet.merge_range(2, 17, 3, 17, "班级数", head)
    sheet.merge_range(2, 18, 3, 18, "教职工数", head)
    sheet.merge_range(2, 19, 2, 23, "专任教师", head)
    for index, name in enumerate(TEACHERS):
        sheet.write(3, 19 + index, name, head)
    sheet.merge_range(2, 24, 2, 25, "校舍面积（平方米）", head)
    sheet.write(3, 24, "教学及辅助用房", head)
    sheet.write(3, 25, "体育运动场馆", head)
    sheet.merge_range(2, 26, 2, LAST, "教学装备", head)
    for index, name in enumerate(["教学仪器设备值（万元）", "计算机（台）", "图书（册）", "网络多媒体教室（间）"]):
        sheet.write(3, 26 + index, name, head)

    totals = {}

    def figures(row, values, formats, counted=True):
        for column, value in values:
            if counted and value is not None:
                totals[column] = totals.get(column, 0) + value
            if value is not None:
                sheet.write_number(row, column, value, formats.get(column, cell))
            else:
                sheet.write_blank(row, column, None, cell)

    row = FIRST_ROW - 1
    number = 0
    schools = SCHOOLS + [None] + LATER
    for school in schools:
        number += 1
        if school is None:
            name, code, urban, parts, shared = NINE_YEAR
            top = row
            for offset, (stage, students, grades, female, classes, staff, ft, above, mid, backbone, pe) in enumerate(parts):
                sheet.write(row, 3, stage, cell)
                values = [(6, students)] + [(7 + i, g) for i, g in enumerate(grades)] + [(16, female), (17, classes), (18, staff),
                                                                                       (19, ft), (20, above), (21, mid), (22, backbone),
                                                                                       (23, pe)]
                facilities = shared if stage == "全校" else (None,) * 6
                values += [(24 + i, v) for i, v in enumerate(facilities)]
                figures(row, values, {26: money}, counted=stage != "全校")
                row += 1
            for column, value, fmt in [(0, number, cell), (1, code, text), (2, name, cell), (4, AREA_CODE, text), (5, urban, cell)]:
                sheet.merge_range(top, column, row - 1, column, value, fmt)
            continue
        (name, code, stage, urban, students, grades, female, classes, staff, ft, above, mid, backbone, pe,
         aux, sports, equipment, computers, books, rooms) = school
        sheet.write_number(row, 0, number, cell)
        sheet.write_string(row, 1, code, text)
        sheet.write(row, 2, name, cell)
        sheet.write(row, 3, stage, cell)
        sheet.write_string(row, 4, AREA_CODE, text)
        sheet.write(row, 5, urban, cell)
        grades = grades + [None] * (9 - len(grades))
        values = [(6, students)] + [(7 + i, g) for i, g in enumerate(grades)] + [
            (16, female), (17, classes), (18, staff), (19, ft), (20, above), (21, mid), (22, backbone), (23, pe),
            (24, aux), (25, sports), (26, equipment), (27, computers), (28, books), (29, rooms)]
        figures(row, values, {26: money})
        row += 1
    last = row
    sheet.merge_range(row, 0, row, 5, "合计", head)
    for column in range(6, LAST + 1):
        letter = xl_col_to_name(column)
        # The cached result as Excel would store it: LibreOffice keeps it on conversion, without recalculating.
        sheet.write_formula(row, column, f"=SUMIF($D${FIRST_ROW}:$D${last},\"<>全校\",{letter}{FIRST_ROW}:{letter}{last})",
                            money if column == 26 else cell, round(totals.get(column, 0), 6))
    sheet.merge_range(row + 1, 0, row + 1, LAST,
                      "注：1.教学仪器设备值以万元为单位；2.石门学校为九年一贯制学校，分小学部、初中部填报，全校行为全校合计；"
                      "3.合计行不含全校行。", plain)
    sheet.merge_range(row + 2, 0, row + 2, 12, "填表人：刘晓梅　　审核人：陈建华　　填报日期：2024年9月27日", plain)
    sheet.set_column(0, 0, 5)
    sheet.set_column(1, 1, 12)
    sheet.set_column(2, 2, 22)
    sheet.set_column(3, LAST, 8)
    sheet.freeze_panes(FIRST_ROW - 1, 3)
    sheet.repeat_rows(2, 3)
    book.close()
    return last


def convert(draft, target):
    soffice = shutil.which("soffice")
    if not soffice:
        sys.exit("soffice not found (apt install libreoffice-calc-nogui)")
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, HOME=tmp)
        subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
                        "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", tmp, draft],
                       check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
        fresh = os.path.join(tmp, os.path.basename(draft))
        if not same_content(fresh, target):     # LibreOffice stamps every save with its time
            shutil.copyfile(fresh, target)


def same_content(fresh, target):
    """The two packages hold the same parts, the document properties (times) aside."""
    if not os.path.exists(target):
        return False
    with zipfile.ZipFile(fresh) as a, zipfile.ZipFile(target) as b:
        names = sorted(n for n in a.namelist() if not n.startswith("docProps/"))
        if names != sorted(n for n in b.namelist() if not n.startswith("docProps/")):
            return False
        return all(a.read(n) == b.read(n) for n in names)


def write_last_year(path):
    lines = [f"{COUNTY_NAME}{TOWNSHIP}2023年中小学在校学生数,,,,,", "学校标识码,学校名称,学段,行政区划代码,在校学生数,班级数"]
    for code, name, stage, students, classes in LAST_YEAR:
        lines.append(f"{code},{name},{stage},{AREA_CODE},{students},{classes}")
    with open(path, "wb") as fh:
        fh.write(("\r\n".join(lines) + "\r\n").encode("gb18030"))


def expected(last_row):
    """The 2024 findings, worked out by hand from the figures above (rows as written)."""
    row = {name: FIRST_ROW + index for index, name in enumerate([s[0] for s in SCHOOLS])}
    nine_top = FIRST_ROW + len(SCHOOLS)
    row["柳溪县白石镇东坑小学"] = nine_top + 3
    row["柳溪县白石镇上村教学点"] = nine_top + 4
    assert row["柳溪县白石镇上村教学点"] == last_row

    def finding(name, code, stage, rule, severity, indicator, cell, message):
        return {"school_code": code, "school_name": name, "stage": stage, "rule": rule, "severity": severity,
                "indicator": indicator, "sheet": SHEET, "cell": cell, "message": message}
    r = row
    return [
        finding("柳溪县白石镇中心小学", "2136039901", "primary", "breakdown_vs_total", "error", "students", f"G{r['柳溪县白石镇中心小学']}",
                f"在校学生数的分项（H{r['柳溪县白石镇中心小学']}–M{r['柳溪县白石镇中心小学']}）之和为1205，与合计1200不符"),
        finding("柳溪县白石镇田心小学", "2136039902", "primary", "negative_value", "error", "teaching_aux_area", f"Y{r['柳溪县白石镇田心小学']}",
                "教学及辅助用房面积为-500，不能为负数"),
        finding("柳溪县白石镇石桥小学", "2136039903", "primary", "subset_exceeds_total", "error", "teachers_above_required_degree",
                f"U{r['柳溪县白石镇石桥小学']}", "高于规定学历教师数（45）大于专任教师数（30）"),
        finding("柳溪县白石镇中学", "2136039904", "junior", "class_size", "error", "students_per_class", f"R{r['柳溪县白石镇中学']}",
                "平均班额80人，超过66人（超大班额）"),
        finding("柳溪县白石镇岭下小学", "2136039905", "primary", "per_student_range", "warning", "equipment_value",
                f"AA{r['柳溪县白石镇岭下小学']}",
                "生均教学仪器设备值为28533333.33，超出合理范围（50–100000）；可能把万元写成了元，或把元写成了万元"),
        finding("柳溪县白石镇石门学校", "2136039906", "whole_school", "parts_vs_whole", "error", "students", f"G{nine_top + 2}",
                "各学段在校学生数之和（1020）与全校合计（1000）不符"),
        finding("柳溪县白石镇东坑小学", "2136039907", "primary", "year_over_year", "warning", "students", f"G{r['柳溪县白石镇东坑小学']}",
                "在校学生数由上年的210变为320，变化超过30%"),
        finding("柳溪县白石镇上村教学点", "2136039908", "primary", "missing_required", "warning", "computers", f"AB{r['柳溪县白石镇上村教学点']}",
                "缺少教学用计算机台数，无法计算相关均衡指标"),
    ]


def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        draft = os.path.join(tmp, XLSX)
        last_row = write_draft(draft)
        convert(draft, os.path.join(OUT, XLSX))
    write_last_year(os.path.join(OUT, CSV))
    findings = expected(last_row)
    with open(os.path.join(OUT, "EXPECTED_FINDINGS.json"), "w", encoding="utf-8") as fh:
        json.dump({"description": "audit_findings for 2024 of 柳溪县 (360399): one finding of each check, worked out by hand in "
                                  "Scripts/samples/make_audit_township.py; the 2023 return gives none.",
                   "county_code": COUNTY, "county_name": COUNTY_NAME, "township": TOWNSHIP, "year": 2024,
                   "file": f"{XLSX}", "last_year_file": CSV, "findings": findings}, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    print(f"wrote {OUT}: {XLSX}, {CSV}, EXPECTED_FINDINGS.json ({len(findings)} findings)")


if __name__ == "__main__":
    main()
