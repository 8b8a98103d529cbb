"""The people and files of the score-list tests (test_scores, test_after_exam): five trainees with real-shaped
ID numbers (check digits by python-stdnum), a workbook of an earlier version, a score list as a college sends it."""

from __future__ import annotations

import datetime as dt

import openpyxl
from stdnum.cn import ric

from qzxl.sheets.writer import write_data_workbook


def make_id(region: str, birth: str, sequence: str) -> str:
    first17 = region + birth + sequence
    return first17 + ric.calc_check_digit(first17 + "0")


LI = make_id("330802", "19880302", "123")
WANG = make_id("330881", "19950610", "226")
ZHAO = make_id("330824", "20000101", "351")
QIAN = make_id("330825", "19791120", "088")
SUN = make_id("330803", "19920808", "019")
STRANGER = make_id("330822", "19850315", "026")
PEOPLE = [("李明", LI, "13857012345"), ("王芳", WANG, "13905701234"), ("赵强", ZHAO, "13757001122"),
          ("钱红", QIAN, "15857003344"), ("孙伟", SUN, "18857005566")]


def masked(number: str) -> str:
    return number[:4] + "*" * 10 + number[-4:]


def make_book(tmp_path):
    """A workbook of an earlier version: values only, no 成绩 sheet, no 成绩列名 table."""
    plan = {"org": "衢州市明远职业技能培训学校", "occupation": "电工", "level": "四级/中级工",
            "exam_date": dt.date(2026, 12, 18), "exam_subjects": "理论、实操"}
    people = [{"name": n, "id_type": "居民身份证", "id_number": i, "mobile": m} for n, i, m in PEOPLE]
    people[4]["exam_subjects"] = "实操"  # 孙伟 sits 实操 only
    return write_data_workbook(tmp_path / "报名.xlsx", plan, people, roster=False)


def merged_header_list(path):
    """Two title rows, 姓名 and 身份证号 merged down, 成绩 merged over 理论 | 实操, then 是否合格."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "成绩"
    ws.append(["2026年12月职业技能等级认定成绩"])
    ws.append(["考核日期：2026-12-18"])
    ws.append(["序号", "姓名", "身份证号", "成绩", None, "是否合格"])
    ws.append([None, None, None, "理论", "实操", None])
    ws.merge_cells("D3:E3")
    for cell in ("A3:A4", "B3:B4", "C3:C4", "F3:F4"):
        ws.merge_cells(cell)
    ws.append([1, "李明", LI, 86, 72, "合格"])
    ws.append([2, "王芳", WANG, 59, 91, "不合格"])
    ws.append([3, "赵强", ZHAO, "缺考", "缺考", "不合格"])
    ws.append([4, "钱红", QIAN, 60, 60, "不合格"])  # the college failed her at 60: a disagreement, not resolved
    ws.append([5, "孙伟", SUN, None, 75, "合格"])
    ws.append([6, "周杰", STRANGER, 80, 80, "合格"])  # not in this batch
    wb.save(path)
    return path
