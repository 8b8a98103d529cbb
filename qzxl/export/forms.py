"""The college's forms as print-ready workbooks, laid out like the blank forms of the process text.

Written with XlsxWriter with formula, number and URL conversion switched off,
and every text through ``write_string``: a name or an address that starts
with = + - @ stays text in every file (no formula injection).

Every sheet prints on A4 with a static print area over the rows written,
and every row is as tall as its longest value needs (:mod:`qzxl.export.fit`):
Excel never grows a merged cell, and LibreOffice ignores what it cannot see.
The 申报表 puts up to :data:`APPLICATIONS_PER_SHEET` people on one worksheet,
one page each, with a manual page break before every person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import xlsxwriter

from qzxl.export.fit import FONT_SIZE, column_pixels, fit_box, photo_for_box, points_to_pixels, row_height, width_for
from qzxl.layout import EXAMINERS, FIRST_DATA_ROW, FORMS, REGISTRATION_SYSTEM_COLUMNS, ROSTER
from qzxl.values.options import STUDENT_SOURCE

SAFE_OPTIONS = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
A4 = 9
FONT = "宋体"
TITLE_SIZE = 18
NOTE_SIZE = 9
# Excel keeps 1,026 manual page breaks per sheet (XlsxWriter writes at most 1,023): one per person, 1,000 a sheet.
APPLICATIONS_PER_SHEET = 1000
SUBJECTS = ("理论", "实操", "综合")
MARGINS = {"left": 0.5, "right": 0.5, "top": 0.6, "bottom": 0.6}  # inches
PAGE_NUMBERS = "&C第 &P 页，共 &N 页"


def new_book(path: Path) -> xlsxwriter.Workbook:
    # XlsxWriter's temporary files go beside the file (the export's staging folder), never to a shared /tmp.
    return xlsxwriter.Workbook(str(path), {**SAFE_OPTIONS, "default_date_format": "yyyy-mm-dd",
                                           "tmpdir": str(Path(path).parent)})


class Styles:
    """The few formats a form needs, made once per workbook."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        base = {"font_name": FONT, "font_size": FONT_SIZE, "valign": "vcenter", "text_wrap": True}
        box = {**base, "border": 1}

        def add(start: dict, **options: object):
            return book.add_format({**start, **options})

        self.title = add(base, font_size=TITLE_SIZE, bold=True, align="center")
        self.line = add(base, align="left")
        self.date_line = add(base, align="right")
        self.label = add(box, align="center", bold=True)
        self.cell = add(box, align="left")
        self.centre = add(box, align="center")
        self.date = add(box, align="center", num_format="yyyy-mm-dd")
        self.block = add(box, align="left", valign="top")
        # A block of two rows with no line between them: the text above, the signature and date below.
        self.block_top = add(base, left=1, right=1, top=1, align="left", valign="top")
        self.block_bottom = add(base, left=1, right=1, bottom=1, align="right")
        # A line holding two items (试场个数 … 监考人数 …) with no line between them.
        self.part_left = add(base, left=1, top=1, bottom=1, align="left")
        self.part_right = add(base, right=1, top=1, bottom=1, align="left")
        self.note = add(base, font_size=NOTE_SIZE, valign="top")


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


class FormSheet:
    """A form being written on a worksheet, with its column widths: a row is as tall as what goes into its cells."""

    def __init__(self, ws, widths: Sequence[float]) -> None:
        self.ws = ws
        self.widths = tuple(widths)
        self.heights: dict[int, float] = {}  # points, for the rows this grid sized
        for col, width in enumerate(self.widths):
            ws.set_column(col, col, width)

    def width(self, first: int, last: int | None = None) -> float:
        """The width in characters of columns first..last merged (pixels add up, then back to characters)."""
        pixels = sum(column_pixels(w) for w in self.widths[first:(first if last is None else last) + 1])
        return (pixels - 5) / 7

    def pixels(self, first: int, last: int | None = None) -> int:
        return sum(column_pixels(w) for w in self.widths[first:(first if last is None else last) + 1])

    def put(self, row: int, first: int, last: int, value: str, style) -> None:
        if last > first:
            self.ws.merge_range(row, first, row, last, value, style)
        else:
            self.ws.write_string(row, first, value, style)

    def line(self, row: int, cells: Sequence[tuple[int, int, object, object]], *, minimum: float = 20.0,
             font_size: float = FONT_SIZE, extra_lines: int = 0) -> float:
        """Write (first col, last col, value, style) cells on one row, as tall as the longest needs."""
        for first, last, value, style in cells:
            self.put(row, first, last, text(value), style)
        height = row_height(((text(v), self.width(a, b)) for a, b, v, _ in cells), minimum=minimum,
                            font_size=font_size, extra_lines=extra_lines)
        self.height(row, height)
        return height

    def height(self, row: int, points: float) -> None:
        self.ws.set_row(row, points)
        self.heights[row] = points


def page_setup(ws, last_row: int, last_col: int, *, landscape: bool = False, fit: str | None = None,
               pages_wide: int = 1, repeat_rows: tuple[int, int] | None = None, page_numbers: bool = False) -> None:
    """A4, margins, centred, a static print area over what was written; ``fit`` "page" or "width" (``pages_wide``
    pages): the one print setup of the exported forms and the built workbook's sheets."""
    ws.set_paper(A4)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.set_margins(**MARGINS)
    ws.center_horizontally()
    ws.print_area(0, 0, max(last_row, 0), last_col)
    if fit == "page":
        ws.fit_to_pages(1, 1)
    elif fit == "width":
        ws.fit_to_pages(pages_wide, 0)
    if repeat_rows:
        ws.repeat_rows(*repeat_rows)
    if page_numbers:
        ws.set_footer(PAGE_NUMBERS)


# 方案审批（备案）表 ------------------------------------------------------------------------------

PLAN_WIDTHS = (13, 7, 7, 14, 10, 15, 10, 16)  # A–H: the upper block's label/value pairs and the examiner table
PLAN_LAST = len(PLAN_WIDTHS) - 1
PLAN_NOTES = ("说明：1、此表一式三份，经审核同意后，培训机构和审核单位各一份。",
              "　　　2、此表由培训机构填报。培训机构必须在认定前15天将此表报衢州市技能人才评价管理服务中心审批、"
              "衢州市技师学院职业技能等级认定中心审核，经同意后方可实施。",
              "　　　3、随此表附上鉴定对象花名册。")
OPINIONS = ("衢州市技师学院职业技能等级认定中心审核意见：", "衢州市技能人才评价管理服务中心审批意见：")
PAPER_SOURCE = "试卷来源：衢州市技能人才评价管理服务中心"


def _count(value: object, unit: str) -> str:
    return f"{text(value) or '    '} {unit}"


def write_plan_form(path: Path, plan, candidates: Sequence, examiners: Sequence, *,
                    today: dt.date | None = None) -> None:
    """衢州市职业技能等级认定方案审批（备案）表: one A4 page, line by line as the blank form.

    The date under the title is the plan's 填表日期, or the day of the export when it is empty.
    """
    book = new_book(path)
    s = Styles(book)
    ws = book.add_worksheet(FORMS["plan"].sheet)
    g = FormSheet(ws, PLAN_WIDTHS)
    g.put(0, 0, PLAN_LAST, FORMS["plan"].title, s.title)
    g.height(0, 34)
    g.line(1, [(0, PLAN_LAST, _cn_date(plan.filing_date or today or dt.date.today()), s.date_line)])
    period = f"{_cn_date(plan.training_start)}—{_cn_date(plan.training_end)}"
    upper = [
        [(0, 0, "申请机构\n（盖章）", s.label), (1, 3, plan.org, s.cell), (4, 4, "联系人", s.label),
         (5, 5, plan.contact, s.cell), (6, 6, "电话", s.label), (7, 7, plan.contact_phone, s.cell)],
        [(0, 0, "工种\n专业", s.label), (1, 3, plan.occupation, s.cell), (4, 4, "鉴定\n等级", s.label),
         (5, 5, plan.level, s.cell), (6, 6, "鉴定\n人数", s.label), (7, 7, len(candidates), s.centre)],
        [(0, 0, "认定资格\n审查情况", s.label), (1, 3, plan.review_status, s.cell), (4, 4, "培训单位", s.label),
         (5, 7, plan.trainer, s.cell)],
        [(0, 0, "培训\n教材", s.label), (1, 3, plan.textbook, s.cell), (4, 4, "培训\n时间", s.label),
         (5, 7, period, s.cell)],
    ]
    row = 2
    for cells in upper:
        g.line(row, cells, minimum=34)
        row += 1
    exam = _cn_date(plan.exam_date)
    theory = [
        f"认定时间：{exam}  {text(plan.theory_time)}",
        f"认定地点：{text(plan.theory_place)}",
        (f"试场个数：{_count(plan.theory_rooms, '个')}", f"监考人数：{_count(plan.theory_invigilators, '人')}"),
        (f"判卷人数：{_count(plan.theory_markers, '人')}", f"负责人：{text(plan.theory_marking_lead)}"),
        PAPER_SOURCE,
        (f"应知认定负责人：{text(plan.theory_lead)}", f"电话：{text(plan.theory_lead_phone)}"),
        f"其它：{text(plan.theory_other)}",
    ]
    practice = [
        f"认定时间：{exam}  {text(plan.practice_time)}",
        f"认定地点：{text(plan.practice_place)}",
        (f"考评员数：{_count(plan.practice_examiners, '人')}", f"负责人：{text(plan.practice_examiner_lead)}"),
        PAPER_SOURCE,
        (f"应会认定负责人：{text(plan.practice_lead)}", f"电话：{text(plan.practice_lead_phone)}"),
        f"其它：{text(plan.practice_other)}",
    ]
    for title, lines in (("应知认定安排", theory), ("应会认定安排", practice)):
        ws.merge_range(row, 0, row + len(lines) - 1, 0, title, s.label)
        for offset, line in enumerate(lines):
            if isinstance(line, tuple):
                g.line(row + offset, [(1, 4, line[0], s.part_left), (5, PLAN_LAST, line[1], s.part_right)])
            else:
                g.line(row + offset, [(1, PLAN_LAST, line, s.cell)])
        row += len(lines)
    g.line(row, [(0, PLAN_LAST, "考评员简况（受认定管理机构委托后填写）", s.label)])
    row += 1
    spans = ((0, 0), (1, 1), (2, 2), (3, 4), (5, 5), (6, 7))  # the EXAMINERS columns on the form's grid
    g.line(row, [(a, b, c.print_header, s.label) for (a, b), c in zip(spans, EXAMINERS.columns, strict=True)],
           minimum=30)
    row += 1
    for index in range(max(4, len(examiners))):
        values = examiners[index] if index < len(examiners) else {}
        cells = [text(values.get(key)) for key in EXAMINERS.keys]
        g.line(row, [(a, b, value, s.centre) for (a, b), value in zip(spans, cells, strict=True)], minimum=22)
        row += 1
    for heading in OPINIONS:
        g.line(row, [(0, PLAN_LAST, heading, s.block_top)], minimum=56)
        g.line(row + 1, [(0, PLAN_LAST, "年    月    日（盖章）        ", s.block_bottom)], minimum=22)
        row += 2
    for note in PLAN_NOTES:
        g.line(row, [(0, PLAN_LAST, note, s.line)], minimum=16)
        row += 1
    page_setup(ws, row - 1, PLAN_LAST, fit="page")
    book.close()


# 学员花名册 and 报名信息表 ---------------------------------------------------------------------------

TABLE_HEADER_ROW = FIRST_DATA_ROW - 1  # as on the workbook's sheets: the title, two lines, the header, then people
# The widest value an ID or phone column holds, kept on one line: a number broken in two is misread.
LONGEST = {"id": "33082219901215342X", "phone": "13857012345"}


# The exported 报名信息表's 15 columns on one A4 landscape page wide, the text ≥ 8 pt: narrower than on screen,
# long values wrap (rows grow to hold them). 1,300 pixels of columns print at about 80 % (10.5 pt → 8.4 pt).
REGISTRATION_PRINT_WIDTHS = {
    "name": 8, "id_type": 8, "gender": 4.5, "birth_date": 11.5, "ethnicity": 5.5, "education": 9.5, "source": 7.5,
    "employer": 14, "work_years": 5.5, "prior_level": 8.5, "address": 14, "email": 12, "condition": 17,
}


def print_widths(columns, narrower: dict[str, float] | None = None) -> list[float]:
    """The layout's widths (or ``narrower`` ones), widened where an ID number or a phone number would not fit on
    one line."""
    widths = [(narrower or {}).get(c.key, c.width) for c in columns]
    return [max(width, width_for(LONGEST[c.kind])) if c.kind in LONGEST else width
            for c, width in zip(columns, widths, strict=True)]


def _table(g: FormSheet, s: Styles, header_row: int, columns, rows: Sequence, centred: frozenset[str]) -> int:
    """Header and one row per record, each as tall as its longest value; returns the next free row."""
    g.line(header_row, [(col, col, c.header, s.label) for col, c in enumerate(columns)], minimum=22)
    row = header_row + 1
    for record in rows:
        g.line(row, [(col, col, record.get(c.key), s.centre if c.key in centred else s.cell)
                     for col, c in enumerate(columns)], minimum=20)
        row += 1
    return row


def write_roster(path: Path, plan, lines: Sequence) -> None:
    """衢州市职业技能培训班学员花名册: A4 landscape, header row repeated on every page."""
    book = new_book(path)
    s = Styles(book)
    ws = book.add_worksheet(FORMS["roster"].sheet)
    g = FormSheet(ws, print_widths(ROSTER.columns))
    last = len(ROSTER.columns) - 1
    g.put(0, 0, last, FORMS["roster"].title, s.title)
    g.height(0, 34)
    g.line(1, [(0, last, f"培训机构  {text(plan.org)}（盖章）", s.line)])
    g.line(2, [(0, last, f"工种  {text(plan.occupation)}    等级  {text(plan.level)}    班别  "
                         f"{text(plan.class_name)}    培训日期  {_cn_date(plan.training_start)}至"
                         f"{_cn_date(plan.training_end)}", s.line)])
    end = _table(g, s, TABLE_HEADER_ROW, ROSTER.columns, lines,
                 frozenset({"seq", "gender", "birth_month", "work_years"}))
    page_setup(ws, end - 1, last, landscape=True, fit="width", repeat_rows=(TABLE_HEADER_ROW, TABLE_HEADER_ROW),
               page_numbers=True)
    book.close()


def write_registration(path: Path, plan, people: Sequence) -> None:
    """职业技能等级认定报名信息表: the seed's 15 columns, the file staff import into the provincial system."""
    book = new_book(path)
    s = Styles(book)
    ws = book.add_worksheet(FORMS["registration"].sheet)
    g = FormSheet(ws, print_widths(REGISTRATION_SYSTEM_COLUMNS, REGISTRATION_PRINT_WIDTHS))
    last = len(REGISTRATION_SYSTEM_COLUMNS) - 1
    g.put(0, 0, last, FORMS["registration"].title, s.title)
    g.height(0, 34)
    g.line(1, [(0, 7, f"备案机构名称：{text(plan.filing_org or plan.org)}", s.line),
               (8, last, f"计划编号：{text(plan.plan_number)}", s.line)])
    g.line(2, [(0, 7, f"鉴定工种：{text(plan.occupation)}", s.line),
               (8, last, f"考试时间：{text(plan.exam_date)}", s.line)])
    end = _table(g, s, TABLE_HEADER_ROW, REGISTRATION_SYSTEM_COLUMNS, people, frozenset({"gender"}))
    page_setup(ws, end - 1, last, landscape=True, fit="width", repeat_rows=(TABLE_HEADER_ROW, TABLE_HEADER_ROW),
               page_numbers=True)
    book.close()


# 缴费信息 ---------------------------------------------------------------------------------------

def write_payment(path: Path, plan, count: int) -> None:
    """缴费信息 for the school's finance office (process text, step 6)."""
    book = new_book(path)
    s = Styles(book)
    ws = book.add_worksheet(FORMS["payment"].sheet)
    g = FormSheet(ws, (18, 52))
    g.put(0, 0, 1, FORMS["payment"].title, s.title)
    g.height(0, 40)
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
        g.line(row, [(0, 0, label, s.label), (1, 1, value, s.cell)], minimum=26)
    page_setup(ws, len(fields), 1, fit="page")
    book.close()


# 职业技能等级认定申报表 ---------------------------------------------------------------------------

APPLICATION_WIDTHS = (14, 24, 12, 20, 19)  # A–E; E is the photo column
PHOTO_ROWS = 5  # 申报人姓名 … 工作单位, as on the blank form
PHOTO_RATIO = 7 / 5  # height / width of a 1-inch or 2-inch ID photo (25×35 mm, 35×49 mm)
PHOTO_MARGIN_PX = 4


def write_applications(path: Path, plan, people: Sequence, photos: dict[str, Path]) -> None:
    """职业技能等级认定申报表: one A4 page per candidate, signature blocks left blank.

    Up to 1,000 people a worksheet (a manual page break before each), so that the workbook grows
    linearly: XlsxWriter's cost per worksheet grows with the number of worksheets.
    """
    book = new_book(path)
    s = Styles(book)
    chunks = [people[i:i + APPLICATIONS_PER_SHEET] for i in range(0, len(people), APPLICATIONS_PER_SHEET)] or [[]]
    for number, chunk in enumerate(chunks):
        first = number * APPLICATIONS_PER_SHEET + 1
        sheet = FORMS["applications"].sheet
        name = sheet if len(chunks) == 1 else f"{sheet}{first}-{first + len(chunk) - 1}"
        ws = book.add_worksheet(name)
        g = FormSheet(ws, APPLICATION_WIDTHS)
        row, breaks = 0, []
        for person in chunk:
            if row:
                breaks.append(row)
            row = _application(g, s, plan, person, photos.get(text(person.get("id_number"))), row)
        ws.set_h_pagebreaks(breaks)
        page_setup(ws, row - 1, len(APPLICATION_WIDTHS) - 1)
    book.close()


def subjects(person: dict, plan) -> frozenset[str]:
    """The 考核科目 to tick: the candidate's own, else the plan's, else what the plan arranges (应知/应会)."""
    chosen = text(person.get("exam_subjects")) or text(plan.exam_subjects)
    if chosen:
        return frozenset(subject for subject in SUBJECTS if subject in chosen)
    arranged = {"理论": bool(plan.theory_time or plan.theory_place),
                "实操": bool(plan.practice_time or plan.practice_place)}
    return frozenset(subject for subject, held in arranged.items() if held)



def training_hours(person: dict, plan) -> str:
    return text(person.get("training_hours")) or text(plan.training_hours)


def proven_years(person: dict) -> str:
    """The years in the unit's 工作年限证明: a blank for the unit (or school) to fill when none are known.

    A student or someone with 工作年限 0 or blank gets the college's blank form as it is, never 「已满 0 年」;
    whoever signs and stamps the paragraph fills it in.

    >>> proven_years({"work_years": 8.0}), proven_years({"work_years": 0}), proven_years({"source": "学校(在校生)"})
    ('8', '    ', '    ')
    """
    years = person.get("work_years")
    if person.get("source") == STUDENT_SOURCE or not isinstance(years, int | float) or years <= 0:
        return "    "
    return text(years)


def _photo_box_height(g: FormSheet, first_row: int) -> int:
    return sum(points_to_pixels(g.heights[r]) for r in range(first_row, first_row + PHOTO_ROWS))


def _application(g: FormSheet, s: Styles, plan, person: dict, photo: Path | None, top: int) -> int:
    """One person's form from row ``top``; returns the first row after it."""
    ws = g.ws
    g.put(top, 0, 4, FORMS["applications"].title, s.title)
    g.height(top, 40)
    born = person.get("birth_date")
    level = person.get("applied_level") or plan.level
    occupation = person.get("applied_occupation") or plan.occupation
    photo_row_height = round(g.pixels(4) * PHOTO_RATIO / PHOTO_ROWS * 3 / 4, 2)
    grid = [
        ("申报人姓名", person.get("name"), "性    别", person.get("gender")),
        ("出生年月", f"{born.year} 年 {born.month} 月" if isinstance(born, dt.date) else born, "学    历",
         person.get("education")),
        ("证件类型", person.get("id_type"), "手机号码", person.get("mobile")),
        ("证件号码", person.get("id_number"), "考生来源", person.get("source")),
    ]
    row = top + 1
    for label_a, value_a, label_b, value_b in grid:
        g.line(row, [(0, 0, label_a, s.label), (1, 1, value_a, s.cell), (2, 2, label_b, s.label),
                     (3, 3, value_b, s.cell)], minimum=photo_row_height)
        row += 1
    g.line(row, [(0, 0, "工作单位", s.label), (1, 3, person.get("employer"), s.cell)], minimum=photo_row_height)
    box = (g.pixels(4), _photo_box_height(g, top + 1))
    ws.merge_range(top + 1, 4, top + PHOTO_ROWS, 4, "" if photo else "照片", s.centre)
    if photo:
        _insert_photo(ws, top + 1, photo, box)
    row += 1
    g.line(row, [(0, 0, "通讯地址", s.label), (1, 4, person.get("address"), s.cell)], minimum=28)
    row += 1
    for label_a, value_a, label_b, value_b in (("现职业\n技能等级", person.get("prior_level"), "现职称等级",
                                                person.get("title_level")),
                                               ("申报职业", occupation, "申报等级", level)):
        g.line(row, [(0, 0, label_a, s.label), (1, 1, value_a, s.cell), (2, 2, label_b, s.label),
                     (3, 4, value_b, s.cell)], minimum=30)
        row += 1
    ticked = subjects(person, plan)
    boxes = "     ".join(f"{'☑' if subject in ticked else '□'} {subject}" for subject in SUBJECTS)
    g.line(row, [(0, 0, "考核科目", s.label), (1, 4, f"  {boxes}", s.cell)], minimum=26)
    row += 1
    g.line(row, [(0, 0, "申报条件", s.label), (1, 4, person.get("condition"), s.cell)], minimum=34)
    row += 1
    # Lines broken where the sentence pauses, each well inside the cell: LibreOffice otherwise wraps a full line's
    # closing 。 onto a line of its own.
    proof = (f"申报人 {text(person.get('name'))} 在本单位 {text(person.get('post')) or '        '} 岗位工作，"
             f"已满 {proven_years(person)} 年，\n同意报考 {text(occupation)} 职业 {text(level)} 等级"
             "职业技能等级认定，\n特此证明。")
    promise = ("1. 本人自愿申报职业技能等级认定考试，本表所填写的内容和提交的材料准确无误，真实有效；\n"
               "2. 本人自愿遵守职业技能认定相关规定；\n"
               "3. 如填写的信息虚假不实，愿意承担取消职业技能认定资格和其他法律责任。\n"
               "本人确认并承诺上述条款。")
    hours = training_hours(person, plan) or "    "
    training = f"申报人已根据国家职业技能等级认定标准规定，\n完成职业技能等级认定的培训，共 {hours} 学时。"
    blocks = (
        ("本职业工作\n年限\n证明", proof, "（单位盖章）\n年    月    日", 58),
        ("申报人\n承诺", promise, "申报人签字：                    年    月    日", 60),
        ("培训\n单位\n意见", training, "经办人：                （盖章）\n年    月    日", 30),
        ("认定\n机构\n意见", "", "（盖章）\n年    月    日", 30),
    )
    for label, body, signature, minimum in blocks:
        ws.merge_range(row, 0, row + 1, 0, label, s.label)
        g.line(row, [(1, 4, body, s.block_top)], minimum=minimum)
        g.line(row + 1, [(1, 4, signature, s.block_bottom)], minimum=20)
        row += 2
    remark = ("备注：申报人资格初审时需同时携带以下材料：《职业技能等级认定申报表》、身份证件、学历证书、"
              "现有职业技能等级（职业资格）证书或职称证书原件及复印件一份。")
    g.line(row, [(0, 4, remark, s.note)], minimum=24, font_size=NOTE_SIZE)
    return row + 1


def _insert_photo(ws, row: int, photo: Path, box: tuple[int, int]) -> None:
    """The photo scaled to fit inside the box (a small margin all round), aspect kept, centred."""
    inner = (box[0] - 2 * PHOTO_MARGIN_PX, box[1] - 2 * PHOTO_MARGIN_PX)
    data, size = photo_for_box(photo, inner)
    width, height, x, y = fit_box(size, inner)
    ws.insert_image(row, 4, photo.name, {"image_data": data, "x_scale": width / size[0],
                                         "y_scale": height / size[1], "x_offset": x + PHOTO_MARGIN_PX,
                                         "y_offset": y + PHOTO_MARGIN_PX, "object_position": 2})
