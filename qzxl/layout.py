"""The one definition of the workbook's sheets, column headers and form labels.

Header texts are those of the college's blank forms
(shared/reference/application-process-and-forms.zh.txt). The reader, the
workbook builder, the export and the docs all take them from here; nothing
else spells a header or a column letter.

>>> REGISTRATION.column("id_number").header
'证件号码'
>>> [c.header for c in REGISTRATION.columns[:3]]
['姓名', '证件类型', '证件号码']
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Literal

ColumnKind = Literal["text", "id", "date", "month", "number", "phone", "email", "time"]

PLAN_SHEET = "方案"
REGISTRATION_SHEET = "报名信息"
ROSTER_SHEET = "花名册"
PROCESS_SHEET = "流程"
RESULTS_SHEET = "校验结果"
OPTIONS_SHEET = "字典"


def header_key(text: object) -> str:
    """Compare headers the way a person reads them: width, spaces and line breaks do not count.

    >>> header_key('本职业（工种）\\n年限') == header_key('本职业(工种)年限')
    True
    """
    if text is None:
        return ""
    return _header_key(str(text))


@functools.lru_cache(maxsize=4096)
def _header_key(text: str) -> str:
    """Cached: the reader compares every cell of a workbook's first rows with every header of a table."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass(frozen=True)
class Column:
    """One column of a table sheet: English key for code, Chinese header for people."""

    key: str
    header: str
    kind: ColumnKind = "text"
    required: bool = False
    options: str | None = None
    aliases: tuple[str, ...] = ()
    width: int = 12
    hint: str = ""
    printed: str = ""  # the header as the blank paper form spells it (spacing, line breaks), where that differs

    def matches(self, text: object) -> bool:
        wanted = header_key(text)
        return bool(wanted) and wanted in self._header_keys

    @functools.cached_property
    def _header_keys(self) -> frozenset[str]:
        return frozenset(header_key(h) for h in (self.header, *self.aliases))

    @property
    def print_header(self) -> str:
        """The header an exported form prints: the blank form's spelling, else the workbook's."""
        return self.printed or self.header


@dataclass(frozen=True)
class Table:
    """A sheet (or part of one) that holds one record per row under a header row."""

    sheet: str
    columns: tuple[Column, ...]
    anchors: tuple[str, ...] = ("name", "id_number")  # keys a header row must have

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)


@dataclass(frozen=True)
class FormField:
    """One labelled cell of the 方案 form: the value sits right of its label."""

    key: str
    label: str
    section: str
    kind: ColumnKind = "text"
    required: bool = False
    options: str | None = None
    hint: str = ""


LEVELS = ("五级/初级工", "四级/中级工", "三级/高级工", "二级/技师", "一级/高级技师")

# 职业技能等级认定报名信息表: the 15 columns in the seed's order (the provincial system's import), then the
# fields the roster and the 申报表 need that the system table lacks. Source: the process text's blank
# 报名信息表 (衢州市技师学院《职业技能等级认定申报流程》, undated; as of the copy first used here on 2026-11-24).
REGISTRATION_SYSTEM_COLUMNS: tuple[Column, ...] = (
        Column("name", "姓名", required=True, aliases=("申报人姓名",), width=10),
        Column("id_type", "证件类型", required=True, options="证件类型", width=14),
        Column("id_number", "证件号码", "id", required=True, aliases=("身份证号码", "身份证号"), width=21,
               hint="18 位身份证号码，单元格须为文本格式，末位 X 大写"),
        Column("gender", "性别", required=True, options="性别", width=6),
        Column("birth_date", "出生日期", "date", required=True, width=12, hint="如 1990-12-15，须与证件号码一致"),
        Column("ethnicity", "民族", required=True, options="民族", width=8),
        Column("education", "文化程度", required=True, options="文化程度", aliases=("学历",), width=16),
        Column("mobile", "手机号码", "phone", required=True, width=13, hint="11 位手机号码"),
        Column("source", "考生来源", required=True, options="考生来源", width=12),
        Column("employer", "所在单位", aliases=("工作单位",), width=20),
        Column("work_years", "工作年限", "number", width=9, hint="本职业或相关职业累计工作年限（年）"),
        Column("prior_level", "原鉴定等级", options="原鉴定等级", aliases=("现职业技能等级",), width=14),
        Column("address", "通讯地址", required=True, width=24),
        Column("email", "电子邮箱", "email", width=18),
        Column("condition", "申报条件", required=True, width=30),
)
REGISTRATION = Table(
    REGISTRATION_SHEET,
    (
        *REGISTRATION_SYSTEM_COLUMNS,
        Column("cert_number", "现有职业资格证书号码", width=20),
        Column("title_level", "现职称等级", options="职称等级", width=10),
        Column("post", "工作岗位", width=12),
        Column("applied_occupation", "申报职业", width=14, hint="留空即为方案的工种；一本工作簿只报一个工种"),
        Column("applied_level", "申报等级", options="等级", width=14,
               hint="留空即为方案的鉴定等级；一本工作簿只报一个等级"),
        # Workbook only (not imported into the system): what the 申报条件 routes need beyond 文化程度.
        Column("school_level", "毕业院校类别", options="院校类别", width=18,
               hint="按毕业证书（在校生按就读学校）选择；技工院校选到班级。用于判断申报条件，不导入系统"),
        Column("cert_date", "原等级发证日期", "date", width=12,
               hint="原鉴定等级证书的发证日期；填了就按取证后的年限核对申报条件"),
        Column("title_date", "职称取得日期", "date", width=12, hint="现职称的取得日期；填了就按取得后的年限核对"),
        Column("training_hours", "培训学时", "number", width=9, hint="留空表示与方案的培训学时相同"),
        Column("exam_subjects", "考核科目", options="考核科目", width=12, hint="留空表示与方案的考核科目相同"),
    ),
)

# 衢州市职业技能培训班学员花名册: the seed's ten columns.
ROSTER = Table(
    ROSTER_SHEET,
    (
        Column("seq", "序号", "number", width=6),
        Column("name", "姓名", required=True, width=10),
        Column("gender", "性别", width=6),
        Column("birth_month", "出生年月", "month", width=10),
        Column("education", "文化程度", width=16),
        Column("work_years", "本职业（工种）年限", "number", width=10),
        Column("cert_number", "现有职业资格证书号码", width=20),
        Column("employer_or_address", "工作单位或联系地址", width=26),
        Column("id_number", "身份证号码", "id", required=True, aliases=("证件号码",), width=21),
        Column("phone", "电话", "phone", aliases=("手机号码",), width=13),
    ),
)

# 考评员简况 on the 方案 form.
EXAMINERS = Table(
    PLAN_SHEET,
    (
        Column("name", "姓名", width=10),
        Column("gender", "性别", width=6),
        Column("age", "年龄", "number", width=6),
        Column("employer", "所在单位", width=20, printed="所 在 单 位"),
        Column("title", "职务、职称或专长", width=16, printed="职务、职称\n或专长"),
        Column("badge", "考评员胸卡号", width=14, printed="考评员\n胸卡号"),
    ),
    anchors=("name", "age", "title"),
)

# 放假调整 on the 字典 sheet: staff add the next year's arrangement when it is published.
HOLIDAY_OVERRIDES = Table(
    OPTIONS_SHEET,
    (
        Column("date", "调整日期", "date", width=12),
        Column("arrangement", "安排", width=8, hint="放假 或 上班"),
        Column("note", "说明", width=20),
    ),
    anchors=("date", "arrangement"),
)

# 申报条件按职业 on the 字典 sheet: per occupation (and level), another rule set or the routes themselves.
ELIGIBILITY_TABLE = Table(
    OPTIONS_SHEET,
    (
        Column("occupation", "申报条件职业", width=14, hint="职业（工种）名称，与方案的工种或申报职业一致"),
        Column("level", "适用等级", options="等级", width=14, hint="留空表示所有等级"),
        Column("basis", "条件依据", options="申报条件依据", width=10, hint="填 2023 或 2018；自定条件时留空"),
        Column("sentence", "自定申报条件", width=40, hint="该职业标准的申报条件原文（一行一条）"),
        Column("years", "累计工作年限", "number", width=8),
        Column("prior_level", "需持证书等级", options="等级", width=14),
        Column("years_since_cert", "取证后年限", "number", width=8),
        Column("title", "需职称", options="职称等级", width=8),
        Column("years_since_title", "职称后年限", "number", width=8),
        Column("schools", "需院校类别", width=24, hint="可填多个，用、分隔"),
    ),
    anchors=("occupation", "level"),
)

# The stable code of a line, for support: last, under a header that says who it is for (the clerk reads 说明).
CODE_HEADER = "代码（技术支持用）"
# 校验结果: one row per issue; 表 and 单元格 let the next run clear the marks this run made.
RESULTS = Table(
    RESULTS_SHEET,
    (
        Column("severity", "级别", width=6),
        Column("sheet", "表", width=10),
        Column("cell", "单元格", width=8),
        Column("column", "列", width=14),
        Column("value", "内容", width=22),
        Column("message", "说明", width=70),
        Column("link", "转到", width=8),
        Column("code", CODE_HEADER, width=22),
    ),
    anchors=("sheet", "cell"),
)

# 流程: the ten steps of the process text with their due dates and a done column.
PROCESS = Table(
    PROCESS_SHEET,
    (
        Column("label", "事项", width=60),
        Column("due", "截止日期", "date", width=12),
        Column("note", "说明", width=40),
        Column("done", "完成", width=8, hint="完成后填 √"),
    ),
    anchors=("label", "due"),
)

_BASIC = "基本信息"
_THEORY = "应知认定安排"
_PRACTICE = "应会认定安排"
_NODES = "系统时间节点"
_PAYER = "缴费信息"
_FOLDERS = "文件夹"
_KIT = "考务材料"
YES = "是"  # the answer a yes-or-no 方案 field takes
# A default the clerk can change (方案 每名监考最多考生数, or qzxl exam-kit --per-invigilator): how many candidates
# one invigilator watches. Not in the college's process text, which only records the 方案's total 监考人数; 15 is
# two invigilators for a room of 30, the sample plan's own ratio. A room over (监考人数 ÷ 试场个数) × this many
# is warned about.
CANDIDATES_PER_INVIGILATOR = 15
DEFAULT_FOLDERS = MappingProxyType({"photos_dir": "照片", "attachments_dir": "附件"})  # beside the workbook

PLAN_FIELDS: tuple[FormField, ...] = (
    FormField("org", "申请机构", _BASIC, required=True, hint="培训机构全称，与公章一致"),
    FormField("contact", "联系人", _BASIC, required=True),
    FormField("contact_phone", "电话", _BASIC, "phone", required=True),
    FormField("district", "所属区县", _BASIC, options="区县", hint="决定联系哪位老师"),
    FormField("occupation", "工种\n专业", _BASIC, required=True),
    FormField("level", "鉴定\n等级", _BASIC, required=True, options="等级"),
    FormField("eligibility_basis", "申报条件依据", _BASIC, options="申报条件依据",
              hint="2023＝《国家职业标准编制技术规程（2023年版）》，衢州现行，留空同此；2018＝旧版职业技能标准"),
    FormField("headcount", "鉴定\n人数", _BASIC, "number", required=True),
    FormField("review_status", "认定资格\n审查情况", _BASIC),
    FormField("trainer", "培训单位", _BASIC),
    FormField("textbook", "培训\n教材", _BASIC),
    FormField("training_start", "培训开始日期", _BASIC, "date"),
    FormField("training_end", "培训结束日期", _BASIC, "date"),
    FormField("training_hours", "培训学时", _BASIC, "number", hint="申报表「培训单位意见」中的共 N 学时"),
    FormField("exam_subjects", "考核科目", _BASIC, options="考核科目", hint="申报表中勾选的科目，个别学员可另填"),
    FormField("class_name", "班别", _BASIC),
    FormField("filing_org", "备案机构名称", _BASIC),
    FormField("plan_number", "计划编号", _BASIC),
    FormField("exam_date", "考试日期", _BASIC, "date", required=True, hint="所有截止日期都由它推算"),
    FormField("filing_date", "填表日期", _BASIC, "date", hint="方案审批表标题下的日期，留空为导出当天"),
    FormField("theory_time", "应知认定时间", _THEORY, hint="如 09:00—10:30"),
    FormField("theory_place", "应知认定地点", _THEORY),
    FormField("theory_rooms", "试场个数", _THEORY, "number"),
    FormField("theory_invigilators", "监考人数", _THEORY, "number"),
    FormField("theory_markers", "判卷人数", _THEORY, "number"),
    FormField("theory_marking_lead", "判卷负责人", _THEORY),
    FormField("theory_lead", "应知认定负责人", _THEORY),
    FormField("theory_lead_phone", "应知认定负责人电话", _THEORY, "phone"),
    FormField("theory_other", "应知其它", _THEORY),
    FormField("practice_time", "应会认定时间", _PRACTICE),
    FormField("practice_place", "应会认定地点", _PRACTICE),
    FormField("practice_examiners", "考评员数", _PRACTICE, "number"),
    FormField("practice_examiner_lead", "考评员负责人", _PRACTICE),
    FormField("practice_lead", "应会认定负责人", _PRACTICE),
    FormField("practice_lead_phone", "应会认定负责人电话", _PRACTICE, "phone"),
    FormField("practice_other", "应会其它", _PRACTICE),
    FormField("registration_start", "报名时间", _NODES, "date"),
    FormField("registration_end", "报名截止时间", _NODES, "date"),
    FormField("review_end", "初审截止时间", _NODES, "date"),
    FormField("reg_publicity_start", "报名公示时间", _NODES, "date"),
    FormField("reg_publicity_end", "报名公示截止时间", _NODES, "date"),
    FormField("ticket_start", "准考证下载开始时间", _NODES, "date"),
    FormField("ticket_end", "准考证下载结束时间", _NODES, "date"),
    FormField("exam", "考试时间", _NODES, "date"),
    FormField("score_publicity_start", "成绩开始公示时间", _NODES, "date"),
    FormField("score_publicity_end", "成绩公示结束时间", _NODES, "date"),
    FormField("payer_name", "缴费单位", _PAYER),
    FormField("payer_tax_id", "缴费单位税号", _PAYER, hint="18 位统一社会信用代码"),
    FormField("payer_bank", "开户行", _PAYER),
    FormField("payer_account", "银行账号", _PAYER),
    FormField("payer_contact", "缴费联系人", _PAYER),
    FormField("payer_phone", "缴费联系人电话", _PAYER, "phone"),
    FormField("photos_dir", "照片文件夹", _FOLDERS, hint=f"默认为工作簿旁的 {DEFAULT_FOLDERS['photos_dir']} 文件夹"),
    FormField("attachments_dir", "附件文件夹", _FOLDERS,
              hint=f"默认为工作簿旁的 {DEFAULT_FOLDERS['attachments_dir']} 文件夹"),
    FormField("kit_full_ids", "签到表印完整证件号码", _KIT,
              hint=f"填「{YES}」则考务材料的签到表印完整证件号码；留空为只印前 4 位和后 4 位"),
    FormField("kit_per_invigilator", "每名监考最多考生数", _KIT, "number",
              hint=f"一个试场的考生超过 每试场监考人数×这个数 时提醒；留空为 {CANDIDATES_PER_INVIGILATOR}"
                   "（本工具的默认值，学院流程未规定）"),
    FormField("idcopy_stamp", "复印件斜线文字", "身份证复印件",
              hint="印在身份证复印件上的一行字（后加日期）；留空为「仅供职业技能等级认定申报使用」，填「无」不加"),
)


# 导入名单: the other spellings a class list or a questionnaire uses for a 报名信息 column (beyond the layout's
# own headers and aliases), compared after header_key and after the questionnaire's numbering, hints and
# 请填写/您的 are taken off (qzxl.sheets.sources). Staff add their own on 字典 in the 导入列名 table.
IMPORT_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "学员姓名", "考生姓名", "真实姓名", "名字"),
    "id_type": ("证件类别",),
    "id_number": ("身份证", "身份证号码", "公民身份号码", "公民身份证号码", "身份证件号码", "证件号", "身份证号码18位"),
    "gender": ("性别",),
    "birth_date": ("出生年月日", "出生年月", "生日"),
    "ethnicity": ("民族",),
    "education": ("学历", "最高学历", "文化程度学历"),
    "mobile": ("联系电话", "手机号", "手机", "电话", "电话号码", "联系方式", "手机号码11位"),
    "source": ("考生类别", "人员类别"),
    "employer": ("工作单位", "单位名称", "单位", "所在公司", "工作单位名称"),
    "work_years": ("本职业工作年限", "从事本职业年限", "本职业(工种)年限", "工龄"),
    "prior_level": ("现有职业资格等级", "原证书等级"),
    "address": ("联系地址", "家庭住址", "地址", "家庭地址", "现住址", "居住地址"),
    "email": ("邮箱", "电子邮件", "email", "e-mail"),
    "cert_number": ("原证书编号", "证书编号"),
    "title_level": ("职称",),
    "post": ("岗位",),
}
# Columns a questionnaire platform adds about the submission, not about the person: ignored, and said so.
QUESTIONNAIRE_METADATA = (
    "序号", "编号", "提交答卷时间", "答卷时间", "所用时间", "来源", "来源详情", "来自IP", "IP", "IP地址", "提交者",
    "填写设备", "操作系统", "浏览器", "总分", "开始答题时间", "结束答题时间", "提交时间", "填写时间", "更新时间",
    "填写人", "昵称", "微信昵称", "地理位置", "答题时长", "填写时长", "创建时间", "修改时间", "创建人", "修改人",
    "来源渠道", "填写者", "答卷编号",  # seen in real exports and scripts reading them (tests/data/questionnaires)
    "原始记录编号", "用户类型", "用户标识", "自定义字段", "地理位置国家和地区", "地理位置省", "地理位置市",  # 腾讯问卷
)
# What 问卷星 writes in the cell of a question the person skipped: an empty answer, not a value.
SKIPPED_ANSWERS = ("(跳过)", "（跳过）")
# 导入列名 on the 字典 sheet: a source header and the 报名信息 header it means.
IMPORT_ALIAS_TABLE = Table(
    OPTIONS_SHEET,
    (
        Column("source_header", "导入列名", width=20, hint="名单或问卷导出文件中的列名，如 您的工作单位全称"),
        Column("target_header", "对应表头", width=14, hint="报名信息表的表头，如 所在单位"),
    ),
    anchors=("source_header", "target_header"),
)
# Rows of 报名信息 the generated workbook formats (validation, formats, 花名册 formulas) below the header.
REGISTRATION_FORMATTED_ROWS = 500
# How far down a sheet (a workbook's, or a file 导入名单 reads) a header row is looked for, under title rows.
HEADER_SEARCH_ROWS = 50
# Where the 导入名单 button's file picker leaves the chosen paths (one a line) for Python to read: a cell,
# never the RunPython code string. Far right on 字典, out of the way of every list.
IMPORT_FILES_CELL = "ZZ1"
# 导入结果: the last import's report, a line per source file and per person it concerns. A sheet of its own,
# since 校验 rewrites 校验结果 and 清除标注 empties it; 单元格 and 转到 point at the 报名信息 cell a line is
# about. 说明 comes before the code (last, for support), wide enough for a long sentence.
IMPORT_RESULTS_SHEET = "导入结果"
IMPORT_RESULTS = Table(
    IMPORT_RESULTS_SHEET,
    (
        Column("source", "文件", width=22),
        Column("source_row", "源文件行", "number", width=9),
        Column("name", "姓名", width=10),
        Column("sheet", "表", width=10),
        Column("cell", "单元格", width=8),
        Column("link", "转到", width=8),
        Column("message", "说明", width=66),
        Column("code", CODE_HEADER, width=22),
    ),
    anchors=("source", "message"),
)
IMPORT_RESULTS_FIRST_ROW = 2  # 0-based: the title, the header row, then the lines

# 自动检查: the native check column right of a table's own columns (报名信息, 花名册; workbook/native.py), then
# its hidden helper columns in this order, each computed once per row.
NATIVE_CHECK_HEADER = "自动检查"
REGISTRATION_NATIVE_HELPERS = MappingProxyType({
    "norm_id": "规范证件号", "id_problem": "证件问题", "id_birth": "证件出生日期", "norm_mobile": "规范手机号",
    "mobile_problem": "手机问题", "birth_typed": "出生日期所填文字", "birth_text": "出生日期文字（去掉时间）",
    "birth_second": "出生日期第二个分隔符",
    "birth_day": "出生日期（年×10000＋月×100＋日）",
})
ROSTER_NATIVE_HELPERS = MappingProxyType({
    "norm_id": "规范身份证号", "registration_row": "报名信息中的位置", "name_clean": "规范姓名",
    "month_text": "出生年月文字", "month_second": "出生年月第二个分隔符", "month": "出生年月（年×100＋月）",
    "registration_birth": "报名信息出生日期（年×10000＋月×100＋日）", "registration_month": "报名信息出生年月",
    "expected_month": "应为出生年月", "name_differs": "姓名不一致", "gender_differs": "性别不一致",
})


def native_column(table: Table) -> int:
    """The 0-based column of a table's 自动检查: right after its own columns; its helpers follow."""
    return len(table.columns)


# Sheet geometry (rows and columns 0-based, as XlsxWriter counts them). The build writes the sheets by these
# figures; the actions, the demo and the tests find cells by them instead of counting again.
FIRST_DATA_ROW = 4  # 报名信息 and 花名册: title, two header lines, the header row, then people
PLAN_FIRST_FIELD_ROW = 2  # 方案: the title and a note, then one row per field
PLAN_VALUE_COLUMN = 2  # 方案: section in A, label in B, value in C
PROCESS_FIRST_STEP_ROW = 2  # 流程: the title, the header row, then the steps
RESULTS_HEADER_ROW = 1  # 校验结果: a title line (the build's hint, then each run's summary), then the header row
EXPORT_FOLDER = "申报材料"  # beside the workbook: where 导出 puts the package folders
# The package folder's name, <培训机构>_<工种><等级>_<考试日期>: what stands in for a part the 方案 leaves blank.
PACKAGE_NAME_BLANKS = MappingProxyType({"org": "培训机构", "job": "工种", "date": "考试日期未定"})
HOLIDAY_ARRANGEMENTS = ("放假", "上班")  # the 安排 of a 放假调整 row: a day off, or a worked weekend day


def plan_value_row(key: str) -> int:
    """The 0-based sheet row of a 方案 field's value.

    >>> plan_value_row(PLAN_FIELDS[0].key) == PLAN_FIRST_FIELD_ROW
    True
    """
    return PLAN_FIRST_FIELD_ROW + [f.key for f in PLAN_FIELDS].index(key)


def deadline_row(index: int) -> int:
    """The 0-based 方案 row of the ``index``-th deadline (then 联系老师): after the fields and one blank row."""
    return plan_value_row(PLAN_FIELDS[-1].key) + 2 + index


# The package's forms (qzxl.export.forms): the heading each prints, as on the blank form, its worksheet and its
# file. The workbook's own 方案, 报名信息 and 花名册 sheets carry the same headings.
@dataclass(frozen=True)
class Form:
    """One printed form of the package."""

    title: str
    sheet: str
    file: str


FORMS = MappingProxyType({
    "plan": Form("衢州市职业技能等级认定方案审批（备案）表", "方案审批表", "方案审批（备案）表.xlsx"),
    "roster": Form("衢州市职业技能培训班学员花名册", "花名册", "学员花名册.xlsx"),
    "registration": Form("职业技能等级认定报名信息表", "报名信息表", "报名信息表.xlsx"),
    "applications": Form("职业技能等级认定申报表", "申报表", "职业技能等级认定申报表.xlsx"),
    "payment": Form("职业技能等级认定缴费信息", "缴费信息", "缴费信息.xlsx"),
})
REPORT_FILE = "校验报告.xlsx"  # the package's report: the issues (REPORT_ISSUES) and the schedule (REPORT_SCHEDULE)
# 校验报告, sheet 问题: the 校验结果 columns without 转到, with the file and the person an issue is about.
REPORT_ISSUES = Table(
    "问题",
    (
        *(RESULTS.column(key) for key in ("severity", "sheet", "cell", "column")),
        Column("file", "文件", width=28),
        Column("candidate", "学员", width=24),
        replace(RESULTS.column("value"), width=20),
        RESULTS.column("message"),
        RESULTS.column("code"),
    ),
    anchors=("sheet", "cell"),
)
# 校验报告, sheet 时间安排: every step of the schedule with its date and why it moved or is 预估.
REPORT_SCHEDULE = Table(
    "时间安排",
    (replace(PROCESS.column("label"), width=44), Column("date", "日期", "date", width=12),
     replace(PROCESS.column("note"), width=50)),
    anchors=("label", "date"),
)

# 考务材料 (process text, step 7: 准考证下载打印、考务安排、对接考试场地; qzxl.examkit): what the exam kit writes.
EXAM_KIT_FOLDER = "考务材料"  # the kit's folder is 考务材料_<考试日期>, under --out or beside the workbook
EXAM_KIT_FILES = MappingProxyType({
    "rooms": "考场安排表.xlsx", "sign_in": "签到表.xlsx", "desk_cards": "桌贴.xlsx", "door_lists": "门贴.xlsx",
})
# The provincial system's (or the college's) seat assignment, read by 考生 through 导入名单's header matching:
# the 报名信息 姓名 and 证件号码 columns find the person, these columns give the seat.
TICKETS = Table(
    "准考证",
    (
        Column("ticket_number", "准考证号", aliases=("准考证号码", "准考证", "考号", "准考号")),
        Column("room", "考场", aliases=("考场号", "考场编号", "考场名称", "试场", "试场号", "考室", "考室号")),
        Column("seat", "座位号", aliases=("座位", "座号", "座次", "座位编号")),
        Column("subject", "科目", aliases=("考试科目", "考核科目", "考试类型", "科目名称", "考试类别")),
    ),
)
# The 考务材料 button (which has no file picker) imports the assignment from a file of this name beside the
# workbook, with any of these endings, when there is one; `qzxl exam-kit` takes it from --tickets.
TICKETS_FILE = "考场安排"
TICKETS_FILE_SUFFIXES = (".xlsx", ".xls", ".ods", ".csv")
# The 流程 sheet's note on step 7 points the clerk to the button that makes the kit.
PROCESS_STEP_NOTES = MappingProxyType({"step_7": "点「考务材料」按钮生成考场安排表、签到表（带照片）、桌贴和门贴"})
# The exam-day sessions (综合 has none) and the words an assignment file's 科目 column uses for each.
EXAM_SESSIONS = MappingProxyType({"理论": ("理论", "应知", "笔试", "知识"),
                                  "实操": ("实操", "应会", "操作", "技能", "实践")})
# Room names: the kit's own split (试场, as the 方案 says), a bare number from an assignment file (考场, as the
# system says), the one 实操 room, and where whoever an assignment file leaves out sits.
ROOM_NAMES = MappingProxyType({"theory": "第{number}试场", "numbered": "第{number}考场", "practice": "实操考场",
                               "unassigned": "未排考场"})

# 成绩: the college's score list matched to the batch. Subjects are those of the 考核科目 option
# (报名信息, else 方案): 理论, 实操, 综合; a pass mark per subject sits above its column, 60 of 100 unless changed.
SCORES_SHEET = "成绩"
SUBJECTS = MappingProxyType({"theory": "理论", "practice": "实操", "review": "综合"})
# The words a sheet's name or title uses for a subject, when its only score column is a bare 成绩.
SUBJECT_WORDS = MappingProxyType({"theory": ("理论", "应知"), "practice": ("实操", "技能", "应会", "操作"),
                                  "review": ("综合", "评审")})
DEFAULT_SUBJECTS = "理论、实操"  # when neither the person nor the 方案 names the 考核科目
DEFAULT_PASS_MARK = 60.0
SCORE_RANGE = (0.0, 100.0)
SCORES = Table(
    SCORES_SHEET,
    (
        Column("seq", "序号", "number", width=6),
        Column("name", "姓名", width=10),
        Column("id_number", "证件号码", width=21),  # masked: the list goes round the office
        Column("subjects", "考核科目", width=12),
        Column("theory", "理论", "number", width=8),
        Column("theory_result", "理论结果", width=9),
        Column("practice", "实操", "number", width=8),
        Column("practice_result", "实操结果", width=9),
        Column("review", "综合", "number", width=8),
        Column("review_result", "综合结果", width=9),
        Column("total", "总成绩", "number", width=8),
        Column("source_verdict", "成绩单判定", width=10),
        Column("passed", "是否合格", width=9),
        Column("note", "说明", width=44),
    ),
    anchors=("name", "passed"),
)
SCORES_PASS_ROW = 1  # 0-based: the title, then the pass marks above the subjects' columns
SCORES_INFO_ROW = 2  # which lists were read, when
SCORES_HEADER_ROW = 3
SCORES_FIRST_ROW = SCORES_HEADER_ROW + 1
SCORES_MARKS_CELL = "ZZ1"  # far right on 成绩: the cells the last 导入成绩 marked, for the next one to clear
# What a score cell or a 备注 column says instead of a score: the person did not sit (or was removed from) it.
SCORE_MARKS = MappingProxyType({"缺考": "缺考", "缺": "缺考", "缺席": "缺考", "未参加": "缺考", "未考": "缺考",
                                "违纪": "违纪", "作弊": "作弊", "取消": "违纪", "取消成绩": "违纪"})
VERDICT_PASS, VERDICT_FAIL, VERDICT_NO_SCORE = "合格", "不合格", "无成绩"
ABSENT = "缺考"  # absent from a subject: not counted as sat
REMOVED = ("违纪", "作弊")  # sat, then removed from the subject: counted as sat, not passed
# A list's own verdict, as colleges write it.
SOURCE_VERDICTS = MappingProxyType({"合格": True, "通过": True, "及格": True, "是": True, "√": True, "✓": True,
                                    "不合格": False, "未通过": False, "不通过": False, "不及格": False, "否": False,
                                    "×": False, "✗": False})
# The headers a college's score list uses, compared as 导入名单 compares (qzxl.sheets.sources). ``score`` is a
# bare 成绩 column: its subject comes from the sheet's name or title (a sheet per subject).
SCORE_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "考生姓名", "学员姓名", "名字"),
    "id_number": ("证件号码", "身份证号", "身份证号码", "身份证", "证件号", "公民身份号码", "身份证件号码"),
    "theory": ("理论", "理论成绩", "理论知识", "理论知识成绩", "理论考试", "理论考试成绩", "应知", "应知成绩",
               "理论分数"),
    "practice": ("实操", "实操成绩", "技能", "技能成绩", "技能操作", "操作技能", "操作技能成绩", "应会", "应会成绩",
                 "实际操作", "实操考试", "实操考试成绩", "实操分数"),
    "review": ("综合", "综合评审", "综合评审成绩", "综合成绩"),
    "total": ("总成绩", "总分", "成绩合计", "合计"),
    "verdict": ("是否合格", "结果", "成绩判定", "考核结果", "认定结果", "合格与否", "判定", "考试结果"),
    "status": ("缺考", "违纪", "作弊", "考试情况", "备注", "缺考违纪", "缺考/违纪", "考试状态"),
    "score": ("成绩", "分数", "得分", "考试成绩"),
}
# 成绩列名 on the 字典 sheet: a score list's header the button does not know, and the 成绩 header it means.
SCORE_ALIAS_TABLE = Table(
    OPTIONS_SHEET,
    (
        Column("source_header", "成绩列名", width=18, hint="成绩单中的列名，如 技能操作考核"),
        Column("target_header", "对应成绩表头", width=12, hint="成绩表的表头，如 实操"),
    ),
    anchors=("source_header", "target_header"),
)
# The files 导入成绩 writes, in a folder beside the workbook (SCORE_FOLDER, -2, -3 … when it exists).
SCORE_FOLDER = "成绩名单"
SCORE_FILES = MappingProxyType({"scores": "成绩.xlsx", "passed": "合格名单.xlsx", "retake": "补考名单.xlsx",
                                "notice": "成绩通知.csv"})
RETAKE_SUFFIX = "-补考"  # 生成补考工作簿 writes <workbook>-补考/<workbook>-补考.xlsm beside the workbook
ARCHIVE_PREFIX = "资料汇总"  # 资料汇总_<package name>, beside the workbook
ARCHIVE_LIST = "资料清单.xlsx"
# 方案 fields of one exam, left empty in a 补考 workbook: dates, rooms, people and numbers of this sitting.
EXAM_SPECIFIC_FIELDS = tuple(f.key for f in PLAN_FIELDS if f.kind == "date" or f.section in (_THEORY, _PRACTICE, _NODES)
                             or f.key in ("headcount", "review_status", "plan_number"))
SCORES_TITLE = "职业技能等级认定成绩表"
SCORES_SUMMARY = ("科目", "合格率", "报名", "实考", "缺考", "合格")  # under the people; the rate (text) first
ARCHIVE_COLUMNS = Table(
    "资料清单",
    (
        Column("path", "文件", width=60),
        Column("kind", "类别", width=12),
        Column("candidate", "学员", width=12),
        Column("size", "大小（字节）", "number", width=12),
        Column("sha256", "SHA-256", width=66),
        Column("date", "日期", width=18),
    ),
    anchors=("path", "sha256"),
)
ARCHIVE_KINDS = MappingProxyType({"package": "申报材料", "exam_kit": "考务材料", "scores": "成绩", "workbook": "工作簿",
                                  "list": "清单"})
# The lists 导入成绩 writes: the 合格名单 (证件号码 in full: it goes to certificate issuing), the 补考名单
# (masked, like everything else) and the 成绩通知 for SMS group sending (no 证件号码 at all).
PASSED_LIST = Table(
    "合格名单",
    (Column("seq", "序号", "number", width=6), Column("name", "姓名", width=10),
     Column("id_number", "证件号码", "id", width=21), Column("occupation", "职业", width=16),
     Column("level", "等级", width=14)),
)
RETAKE_LIST = Table(
    "补考名单",
    (Column("seq", "序号", "number", width=6), Column("name", "姓名", width=10),
     Column("id_number", "证件号码", width=21), Column("mobile", "手机号码", "phone", width=13),
     Column("subjects", "考核科目", width=12), Column("retake", "补考科目", width=12),
     Column("results", "本次结果", width=30)),
)
NOTICE_COLUMNS = ("姓名", "手机号码", "通知内容")
