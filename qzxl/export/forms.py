"""The college's forms as print-ready workbooks, laid out like the blank forms of the process text.

Written with XlsxWriter with formula, number and URL conversion switched off,
and every text through ``write_string``: a name or an address that starts
with = + - @ stays text in every file (no formula injection).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import xlsxwriter

from qzxl.layout import REGISTRATION_SYSTEM_COLUMNS, ROSTER

SAFE_OPTIONS = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
A4 = 9
FONT = "宋体"


def new_book(path: Path) -> xlsxwriter.Workbook:
    return xlsxwriter.Workbook(str(path), {**SAFE_OPTIONS, "default_date_format": "yyyy-mm-dd"})


class Styles:
    """The few formats a form needs, made once per workbook."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        base = {"font_name": FONT, "font_size": 11, "valign": "vcenter", "text_wrap": True}
        self.title = book.add_format({**base, "font_size": 18, "bold": True, "align": "center"})
        self.line = book.add_format({**base, "align": "left"})
        self.label = book.add_format({**base, "border": 1, "align": "center", "bold": True})
        self.cell = book.add_format({**base, "border": 1, "align": "left"})
        self.centre = book.add_format({**base, "border": 1, "align": "center"})
        self.date = book.add_format({**base, "border": 1, "align": "center", "num_format": "yyyy-mm-dd"})
        self.block = book.add_format({**base, "border": 1, "align": "left", "valign": "top"})
        self.note = book.add_format({**base, "font_size": 9})


def text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _cn_date(value: dt.date | None) -> str:
    return f"{value.year} 年 {value.month} 月 {value.day} 日" if value else "  年  月  日"


def _page(ws, *, landscape: bool = False, repeat_rows: tuple[int, int] | None = None, fit_width_only=False) -> None:
    ws.set_paper(A4)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.center_horizontally()
    ws.fit_to_pages(1, 0 if fit_width_only else 1)
    if repeat_rows:
        ws.repeat_rows(*repeat_rows)


def write_plan_form(path: Path, plan, candidates: Sequence, examiners: Sequence) -> None:
    """衢州市职业技能等级认定方案审批（备案）表: one A4 page."""
    book = new_book(path)
    s = Styles(book)
    ws = book.add_worksheet("方案审批表")
    ws.set_column(0, 0, 13)
    ws.set_column(1, 6, 13.5)
    ws.merge_range(0, 0, 0, 6, "衢州市职业技能等级认定方案审批（备案）表", s.title)
    ws.set_row(0, 36)
    ws.merge_range(1, 0, 1, 6, _cn_date(dt.date.today()), s.line)
    rows = [
        [("申请机构（盖章）", plan.org, 1), ("联系人", plan.contact, 1), ("电话", plan.contact_phone, 1)],
        [("工种（专业）", plan.occupation, 1), ("鉴定等级", plan.level, 1), ("鉴定人数", len(candidates), 1)],
        [("认定资格审查情况", plan.review_status, 1), ("培训单位", plan.trainer, 3)],
        [("培训教材", plan.textbook, 1),
         ("培训时间", f"{_cn_date(plan.training_start)}—{_cn_date(plan.training_end)}", 3)],
    ]
    row = 2
    for pairs in rows:
        col = 0
        for label, value, span in pairs:
            ws.write_string(row, col, label, s.label)
            if span > 1:
                ws.merge_range(row, col + 1, row, col + span, text(value), s.cell)
            else:
                ws.write_string(row, col + 1, text(value), s.cell)
            col += 1 + span
        ws.set_row(row, 44)
        row += 1
    exam = _cn_date(plan.exam_date)
    theory = [f"认定时间：{exam}  {text(plan.theory_time)}", f"认定地点：{text(plan.theory_place)}",
              f"试场个数：{text(plan.theory_rooms)} 个        监考人数：{text(plan.theory_invigilators)} 人",
              f"判卷人数：{text(plan.theory_markers)} 人        负责人：{text(plan.theory_lead)}",
              "试卷来源：衢州市技能人才评价管理服务中心",
              f"应知认定负责人：{text(plan.theory_lead)}        电话：{text(plan.theory_lead_phone)}",
              f"其它：{text(plan.theory_other)}"]
    practice = [f"认定时间：{exam}  {text(plan.practice_time)}", f"认定地点：{text(plan.practice_place)}",
                f"考评员数：{text(plan.practice_examiners)} 人        负责人：{text(plan.practice_lead)}",
                "试卷来源：衢州市技能人才评价管理服务中心",
                f"应会认定负责人：{text(plan.practice_lead)}        电话：{text(plan.practice_lead_phone)}",
                f"其它：{text(plan.practice_other)}"]
    for title, lines in (("应知认定安排", theory), ("应会认定安排", practice)):
        ws.merge_range(row, 0, row + len(lines) - 1, 0, title, s.label)
        for offset, line in enumerate(lines):
            ws.merge_range(row + offset, 1, row + offset, 6, line, s.cell)
            ws.set_row(row + offset, 20)
        row += len(lines)
    ws.merge_range(row, 0, row, 6, "考评员简况（受认定管理机构委托后填写）", s.label)
    row += 1
    for col, header in enumerate(("姓名", "性别", "年龄", "所在单位", "职务、职称或专长", "考评员胸卡号")):
        if col == 3:
            ws.merge_range(row, 3, row, 4, header, s.label)
        else:
            ws.write_string(row, col if col < 3 else col + 1, header, s.label)
    row += 1
    for index in range(max(4, len(examiners))):
        values = examiners[index] if index < len(examiners) else {}
        cells = [text(values.get(key)) for key in ("name", "gender", "age", "employer", "title", "badge")]
        for col, value in enumerate(cells):
            if col == 3:
                ws.merge_range(row, 3, row, 4, value, s.centre)
            else:
                ws.write_string(row, col if col < 3 else col + 1, value, s.centre)
        row += 1
    for heading in ("衢州市技师学院职业技能等级认定中心审核意见：", "衢州市技能人才评价管理服务中心审批意见："):
        ws.merge_range(row, 0, row + 3, 6, f"{heading}\n\n\n" + " " * 60 + "年    月    日（盖章）", s.block)
        row += 4
    note = ("说明：1、此表一式三份，经审核同意后，培训机构和审核单位各一份。"
            "2、此表由培训机构填报。培训机构必须在认定前15天将此表报衢州市技能人才评价管理服务中心审批、"
            "衢州市技师学院职业技能等级认定中心审核，经同意后方可实施。3、随此表附上鉴定对象花名册。")
    ws.merge_range(row, 0, row + 1, 6, note, s.note)
    _page(ws)
    book.close()


def write_roster(path: Path, plan, lines: Sequence) -> None:
    """衢州市职业技能培训班学员花名册: A4 landscape, header rows repeated on every page."""
    book = new_book(path)
    s = Styles(book)
    ws = book.add_worksheet("花名册")
    widths = (6, 10, 6, 10, 16, 10, 20, 30, 21, 13)
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    ws.merge_range(0, 0, 0, 9, "衢州市职业技能培训班学员花名册", s.title)
    ws.set_row(0, 32)
    ws.merge_range(1, 0, 1, 9, f"培训机构  {text(plan.org)}（盖章）", s.line)
    ws.merge_range(2, 0, 2, 9, f"工种  {text(plan.occupation)}    等级  {text(plan.level)}    班别  "
                               f"{text(plan.class_name)}    培训日期  {_cn_date(plan.training_start)}至"
                               f"{_cn_date(plan.training_end)}", s.line)
    for col, column in enumerate(ROSTER.columns):
        ws.write_string(3, col, column.header, s.label)
    for offset, line in enumerate(lines):
        row = 4 + offset
        for col, column in enumerate(ROSTER.columns):
            ws.write_string(row, col, text(line.get(column.key)), s.centre if col in (0, 2, 3, 5) else s.cell)
    _page(ws, landscape=True, repeat_rows=(3, 3), fit_width_only=True)
    book.close()


def write_registration(path: Path, plan, people: Sequence) -> None:
    """职业技能等级认定报名信息表: the seed's 15 columns, the file staff import into the provincial system."""
    book = new_book(path)
    s = Styles(book)
    ws = book.add_worksheet("报名信息表")
    for col, column in enumerate(REGISTRATION_SYSTEM_COLUMNS):
        ws.set_column(col, col, column.width)
    last = len(REGISTRATION_SYSTEM_COLUMNS) - 1
    ws.merge_range(0, 0, 0, last, "职业技能等级认定报名信息表", s.title)
    ws.merge_range(1, 0, 1, 7, f"备案机构名称：{text(plan.filing_org or plan.org)}", s.line)
    ws.merge_range(1, 8, 1, last, f"计划编号：{text(plan.plan_number)}", s.line)
    ws.merge_range(2, 0, 2, 7, f"鉴定工种：{text(plan.occupation)}", s.line)
    ws.merge_range(2, 8, 2, last, f"考试时间：{text(plan.exam_date)}", s.line)
    for col, column in enumerate(REGISTRATION_SYSTEM_COLUMNS):
        ws.write_string(3, col, column.header, s.label)
    for offset, person in enumerate(people):
        for col, column in enumerate(REGISTRATION_SYSTEM_COLUMNS):
            ws.write_string(4 + offset, col, text(person.get(column.key)), s.cell)
    _page(ws, landscape=True, repeat_rows=(3, 3), fit_width_only=True)
    book.close()


def write_payment(path: Path, plan, count: int) -> None:
    """缴费信息 for the school's finance office (process text, step 6)."""
    book = new_book(path)
    s = Styles(book)
    ws = book.add_worksheet("缴费信息")
    ws.set_column(0, 0, 16)
    ws.set_column(1, 1, 40)
    ws.merge_range(0, 0, 0, 1, "职业技能等级认定缴费信息", s.title)
    fields = (
        ("缴费单位", plan.payer_name or plan.org),
        ("缴费单位税号", plan.payer_tax_id),
        ("开户行", plan.payer_bank),
        ("银行账号", plan.payer_account),
        ("联系人", plan.payer_contact or plan.contact),
        ("联系人电话", plan.payer_phone or plan.contact_phone),
        ("工种及等级", f"{text(plan.occupation)} {text(plan.level)}"),
        ("人数", count),
        ("考试日期", plan.exam_date),
    )
    for row, (label, value) in enumerate(fields, start=1):
        ws.write_string(row, 0, label, s.label)
        ws.write_string(row, 1, text(value), s.cell)
        ws.set_row(row, 24)
    _page(ws)
    book.close()


def write_applications(path: Path, plan, people: Sequence, photos: dict[str, Path]) -> None:
    """职业技能等级认定申报表: one A4 portrait page (one sheet) per candidate, signature blocks left blank."""
    book = new_book(path)
    s = Styles(book)
    used: set[str] = set()
    for index, person in enumerate(people, start=1):
        title = _sheet_name(f"{index}-{text(person.get('name'))}", used)
        _application(book.add_worksheet(title), s, plan, person, photos.get(text(person.get("id_number"))))
    book.close()


def _sheet_name(wanted: str, used: set[str]) -> str:
    """A valid, unique sheet name: no []:*?/\\ and at most 31 characters."""
    name = "".join("_" if ch in "[]:*?/\\" else ch for ch in wanted)[:31] or "申报表"
    base, counter = name, 2
    while name in used:
        suffix = f"({counter})"
        name, counter = base[: 31 - len(suffix)] + suffix, counter + 1
    used.add(name)
    return name


def _application(ws, s: Styles, plan, person: dict, photo: Path | None) -> None:
    ws.set_column(0, 0, 14)
    ws.set_column(1, 1, 22)
    ws.set_column(2, 2, 12)
    ws.set_column(3, 3, 18)
    ws.set_column(4, 4, 16)
    ws.merge_range(0, 0, 0, 4, "职业技能等级认定申报表", s.title)
    ws.set_row(0, 40)
    born = person.get("birth_date")
    level = person.get("applied_level") or plan.level
    occupation = person.get("applied_occupation") or plan.occupation
    grid = [
        ("申报人姓名", person.get("name"), "性    别", person.get("gender")),
        ("出生年月", f"{born.year} 年 {born.month} 月" if isinstance(born, dt.date) else text(born), "学    历",
         person.get("education")),
        ("证件类型", person.get("id_type"), "手机号码", person.get("mobile")),
        ("证件号码", person.get("id_number"), "考生来源", person.get("source")),
    ]
    for row, (label_a, value_a, label_b, value_b) in enumerate(grid, start=1):
        ws.write_string(row, 0, label_a, s.label)
        ws.write_string(row, 1, text(value_a), s.cell)
        ws.write_string(row, 2, label_b, s.label)
        ws.write_string(row, 3, text(value_b), s.cell)
        ws.set_row(row, 30)
    ws.merge_range(1, 4, 4, 4, "" if photo else "照片", s.centre)
    if photo:
        ws.insert_image(1, 4, str(photo), {"x_scale": 0.3, "y_scale": 0.3, "x_offset": 8, "y_offset": 4,
                                           "object_position": 1})
    wide = [("工作单位", person.get("employer")), ("通讯地址", person.get("address"))]
    row = 5
    for label, value in wide:
        ws.write_string(row, 0, label, s.label)
        ws.merge_range(row, 1, row, 4, text(value), s.cell)
        ws.set_row(row, 30)
        row += 1
    for label_a, value_a, label_b, value_b in (("现职业技能等级", person.get("prior_level"), "现职称等级",
                                                person.get("title_level")),
                                               ("申报职业", occupation, "申报等级", level)):
        ws.write_string(row, 0, label_a, s.label)
        ws.write_string(row, 1, text(value_a), s.cell)
        ws.write_string(row, 2, label_b, s.label)
        ws.merge_range(row, 3, row, 4, text(value_b), s.cell)
        ws.set_row(row, 30)
        row += 1
    theory, practice = "☑" if plan.theory_time or plan.theory_place else "□", "☑"
    ws.write_string(row, 0, "考核科目", s.label)
    ws.merge_range(row, 1, row, 4, f"  {theory} 理论     {practice} 实操     □ 综合", s.cell)
    ws.set_row(row, 26)
    row += 1
    ws.write_string(row, 0, "申报条件", s.label)
    ws.merge_range(row, 1, row, 4, text(person.get("condition")), s.cell)
    ws.set_row(row, 40)
    row += 1
    years = text(person.get("work_years")) or "    "
    proof = (f"申报人 {text(person.get('name'))} 在本单位 {text(person.get('employer'))} "
             f"{text(person.get('post')) or '        '} 岗位工作，已满 {years} 年，同意报考 {text(occupation)} 职业 "
             f"{text(level)} 等级职业技能等级认定，特此证明。\n\n（单位盖章）\n" + " " * 50 + "年    月    日")
    ws.write_string(row, 0, "本职业工作\n年限证明", s.label)
    ws.merge_range(row, 1, row, 4, proof, s.block)
    ws.set_row(row, 110)
    row += 1
    promise = ("1. 本人自愿申报职业技能等级认定考试，本表所填写的内容和提交的材料准确无误，真实有效；\n"
               "2. 本人自愿遵守职业技能认定相关规定；\n"
               "3. 如填写的信息虚假不实，愿意承担取消职业技能认定资格和其他法律责任。\n"
               "本人确认并承诺上述条款。\n申报人签字：                  年    月    日")
    ws.write_string(row, 0, "申报人\n承诺", s.label)
    ws.merge_range(row, 1, row, 4, promise, s.block)
    ws.set_row(row, 110)
    row += 1
    training = ("申报人已根据国家职业技能等级认定标准规定，完成职业技能等级认定的培训，共    学时。\n"
                "经办人：                                （盖章）\n" + " " * 50 + "年   月   日")
    ws.write_string(row, 0, "培训单位\n意见", s.label)
    ws.merge_range(row, 1, row, 4, training, s.block)
    ws.set_row(row, 80)
    row += 1
    ws.write_string(row, 0, "认定机构\n意见", s.label)
    ws.merge_range(row, 1, row, 4, "\n\n（盖章）\n" + " " * 50 + "年   月   日", s.block)
    ws.set_row(row, 80)
    row += 1
    remark = ("备注：申报人资格初审时需同时携带以下材料：《职业技能等级认定申报表》、身份证件、学历证书、"
              "现有职业技能等级（职业资格）证书或职称证书原件及复印件一份。")
    ws.merge_range(row, 0, row, 4, remark, s.note)
    ws.set_row(row, 30)
    _page(ws)
