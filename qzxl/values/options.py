"""Default option lists for the 字典 sheet and the near misses people type.

The 字典 sheet of a workbook may replace any of them.

Sources, named beside each table below:

* the process text — 衢州市技师学院《职业技能等级认定申报流程》 with its blank forms
  (方案审批（备案）表, 花名册, 申报表, 报名信息表). The text carries no date; the copy the
  project works from was first used here on 2026-11-24. It names the fields but not their
  values, except the districts of its contact list and the 申报表's 考核科目 boxes, and it
  says the provincial system's table is what counts (认定名单（系统表格为准）).
* the provincial system's spellings of its drop-down values (earlier called "the Zhejiang data
  specification"): the document they were taken from is not held in this repository, and its
  title, edition and date are not recorded — unknown here. Check them against the system's
  current import template before trusting a spelling the clerk disputes.

>>> intended_option("民族", "汉")
'汉族'
>>> intended_option("文化程度", "本科")
'大学本科'
>>> intended_option("文化程度", "大学本科") is None
True
"""

from __future__ import annotations

from types import MappingProxyType

from qzxl.layout import LEVELS

# Source: GB 3304 中国各民族名称的罗马字母拼写法和代码, in code order (the edition and its date are not recorded
# in this repository).
ETHNIC_GROUPS = (
    "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
    "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
    "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族",
    "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族",
    "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族",
    "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族",
)

# Source: the provincial system's spelling (see the module docstring: document and date unknown here).
STUDENT_SOURCE = "学校(在校生)"  # the 考生来源 that asks for a 在校证明 and its own eligibility routes
# 毕业院校类别 (workbook only): the school and class levels the 申报条件 routes name. Source: the texts of the
# routes, named with their dates in qzxl/rules/eligibility_routes.py.
SCHOOL_LEVELS = ("技工院校中级工班", "技工院校高级工班", "技工院校预备技师（技师）班", "中等职业学校", "高等职业学校",
                 "普通高等学校")

# Sources, list by list: 证件类型, 性别, 文化程度, 考生来源, 原鉴定等级 — the provincial system's spellings
# (document and date unknown here; the process text names these fields only); 民族 — GB 3304 above, plus the
# system's two extra values; 等级 — qzxl.layout.LEVELS; 职称等级 — the 申报表's 现职称等级 field, values not
# sourced in this repository; 区县 — the process text's contact list (undated, see DISTRICT_CONTACTS);
# 院校类别 and 申报条件依据 — qzxl/rules/eligibility_routes.py; 考核科目 — the 申报表's boxes (process text).
DEFAULT_OPTIONS: MappingProxyType[str, tuple[str, ...]] = MappingProxyType({
    "证件类型": (
        "居民身份证", "港澳台居民居住证", "军官证", "香港特区护照/身份证明", "澳门特区护照/身份证明",
        "台湾居民来往大陆通行证", "境外永久居住证(外国国籍)", "护照(外国国籍)",
    ),
    "性别": ("男", "女"),
    "民族": (*ETHNIC_GROUPS, "其他", "外国血统中国籍人士"),
    "文化程度": (
        "研究生", "大学本科", "大学专科和专科学校", "中等专业学校", "技工学校", "高中", "初中", "小学",
        "文盲或半文盲",
    ),
    "考生来源": ("企业", "机关", "社会", STUDENT_SOURCE, "军队", "其他"),
    "等级": LEVELS,
    "原鉴定等级": ("无", *LEVELS),
    "职称等级": ("无", "初级", "中级", "副高级", "正高级"),
    "区县": ("市本级", "柯城区", "衢江区", "江山市", "常山县", "开化县", "龙游县"),
    "院校类别": SCHOOL_LEVELS,
    "申报条件依据": ("2023", "2018"),
    # 考核科目 of the 申报表 (□理论 □实操 □综合): the ticked boxes, 、-separated.
    "考核科目": ("理论、实操", "理论、实操、综合", "理论", "实操", "综合"),
})

# Who at the college each district's institutions contact. Source: the process text, the contact list after its
# ten steps ("市本级、柯城（联系人：周老师13587001953）" and the two lines after it). The text is undated: these
# are the contacts as of the copy first used here on 2026-11-24, and may since have changed.
DISTRICT_CONTACTS: tuple[tuple[str, str, str], ...] = (
    ("市本级", "周老师", "13587001953"),
    ("柯城区", "周老师", "13587001953"),
    ("常山县", "程老师", "18805701486"),
    ("开化县", "程老师", "18805701486"),
    ("衢江区", "王老师", "13675716626"),
    ("江山市", "王老师", "13675716626"),
    ("龙游县", "王老师", "13675716626"),
)

# What people type instead of the listed value. Old ethnic names (GB 3304
# renamed them) and everyday short forms; a plain missing 族 is handled apart.
# Source: the project's own collection of everyday spellings, no outside document (warnings only).
_NEAR_MISSES: MappingProxyType[str, MappingProxyType[str, str]] = MappingProxyType({
    "民族": MappingProxyType({
        "僮族": "壮族", "崩龙族": "德昂族", "毛难族": "毛南族", "卡佤族": "佤族", "蒙族": "蒙古族",
        "维族": "维吾尔族", "哈族": "哈萨克族",
    }),
    "文化程度": MappingProxyType({
        "本科": "大学本科", "大本": "大学本科", "学士": "大学本科", "大专": "大学专科和专科学校",
        "专科": "大学专科和专科学校", "高职": "大学专科和专科学校", "硕士": "研究生", "博士": "研究生",
        "硕士研究生": "研究生", "博士研究生": "研究生", "中专": "中等专业学校", "职高": "中等专业学校",
        "中职": "中等专业学校", "技校": "技工学校", "高级技工学校": "技工学校", "技师学院": "技工学校",
        "普高": "高中", "初中及以下": "初中", "文盲": "文盲或半文盲", "半文盲": "文盲或半文盲",
    }),
    "考生来源": MappingProxyType({
        "学校": "学校(在校生)", "在校生": "学校(在校生)", "学生": "学校(在校生)", "在校学生": "学校(在校生)",
        "公司": "企业", "企业职工": "企业", "社会人员": "社会", "个人": "社会", "部队": "军队",
    }),
    "证件类型": MappingProxyType({
        "身份证": "居民身份证", "二代身份证": "居民身份证", "居住证": "港澳台居民居住证", "护照": "护照(外国国籍)",
        "台胞证": "台湾居民来往大陆通行证",
    }),
    "性别": MappingProxyType({"男性": "男", "女性": "女", "M": "男", "F": "女"}),
    "院校类别": MappingProxyType({
        "中级工班": "技工院校中级工班", "技工学校": "技工院校中级工班", "技校": "技工院校中级工班",
        "高级工班": "技工院校高级工班", "高级技工学校": "技工院校高级工班", "预备技师班": "技工院校预备技师（技师）班",
        "技师班": "技工院校预备技师（技师）班", "预备技师": "技工院校预备技师（技师）班", "中专": "中等职业学校",
        "职高": "中等职业学校", "中职": "中等职业学校", "高职": "高等职业学校", "职业本科": "高等职业学校",
        "大学": "普通高等学校", "本科": "普通高等学校", "普通高校": "普通高等学校",
    }),
    "申报条件依据": MappingProxyType({
        "2023版": "2023", "2023年版": "2023", "2023年": "2023", "2018版": "2018", "2018年版": "2018", "2018年": "2018",
    }),
    "职称等级": MappingProxyType({"初级职称": "初级", "中级职称": "中级", "高级": "副高级", "副高": "副高级",
                                 "正高": "正高级"}),
})

_LEVEL_NEAR_MISSES = MappingProxyType({
    alias: level
    for level in LEVELS
    for alias in (*level.split("/"), level.replace("/", ""), level.split("/")[1].removesuffix("工"))
    if alias != level
})


# What a value of a list may lack and still be a near miss (汉 for 汉族): the engine and the native formulas read it.
MISSING_SUFFIXES = MappingProxyType({"民族": "族"})


def near_misses(list_name: str) -> tuple[str, ...]:
    """The values :func:`intended_option` maps into the default list: warnings, not errors (native formulas)."""
    listed = set(DEFAULT_OPTIONS.get(list_name, ()))
    table = _LEVEL_NEAR_MISSES if list_name in ("等级", "原鉴定等级") else _NEAR_MISSES.get(list_name, {})
    return tuple(alias for alias, intended in table.items() if intended in listed)


def intended_option(list_name: str, value: str) -> str | None:
    """The listed value a near miss most likely means, or None when there is no good guess."""
    if list_name in ("等级", "原鉴定等级"):
        return _LEVEL_NEAR_MISSES.get(value)
    guess = _NEAR_MISSES.get(list_name, {}).get(value)
    if guess:
        return guess
    suffix = MISSING_SUFFIXES.get(list_name)
    if suffix and value + suffix in DEFAULT_OPTIONS[list_name]:
        return value + suffix
    return None
