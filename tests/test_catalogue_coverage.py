"""Every catalogue code is emitted by the code and exercised by a test; every code the code emits is catalogued.

Read from the syntax trees, not by running anything, so a code that only a rare path emits is still seen.
"""

import ast
import functools
import re
from pathlib import Path

import pytest

from qzxl.catalogue import CATALOGUE

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [p for folder in ("qzxl", "usecases", "udfs", "workbook", "cli") for p in (ROOT / folder).rglob("*.py")
           if p.name != "catalogue.py"]
TESTS = list((ROOT / "tests").rglob("*.py"))
# The calls whose first argument is a catalogue code.
EMITTERS = {"create", "Finding", "CannotRun", "WorkbookError", "UnreadableValue", "_message", "say"}


@functools.cache
def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def strings(paths):
    return {node.value for path in paths for node in ast.walk(tree(path))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def emitted_codes(paths):
    """The first argument of an emitting call, a CATALOGUE[...] key, the code of a (code, params) pair."""
    found = set()
    for path in paths:
        for node in ast.walk(tree(path)):
            first = None
            if isinstance(node, ast.Call) and node.args:
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                first = node.args[0] if name in EMITTERS else None
            elif isinstance(node, ast.Subscript) and getattr(node.value, "id", "") == "CATALOGUE":
                first = node.slice
            elif isinstance(node, ast.Tuple) and len(node.elts) == 2 and isinstance(node.elts[1], ast.Dict):
                first = node.elts[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.add(first.value)
    return found


def test_every_code_the_code_emits_is_in_the_catalogue():
    emitted = emitted_codes(SOURCES)
    assert len(emitted) > 50, "the emitters must be recognised"
    assert emitted - CATALOGUE.keys() == set()


VBA_MODULES = list((ROOT / "workbook" / "vba").glob("*.bas"))
VBA_SOURCES = [*VBA_MODULES, ROOT / "workbook" / "vbagen.py"]  # the generated ribbon module's text is in vbagen


def vba_codes(paths) -> set[str]:
    """The codes VBA text names as "{{code}}": the build fills in their sentences."""
    return {code for path in paths for code in re.findall(r"\{\{([a-z0-9]+-[a-z0-9-]+)\}\}", path.read_text(encoding="utf-8"))}


def test_every_catalogue_code_is_emitted_somewhere():
    assert CATALOGUE.keys() - strings(SOURCES) - vba_codes(VBA_SOURCES) == set()
    assert vba_codes(VBA_SOURCES) - CATALOGUE.keys() == set()


def test_the_vba_modules_hold_no_chinese_of_their_own():
    """Their messages and dialog titles are catalogue codes, filled in at build time."""
    assert {path.name for path in VBA_MODULES} >= {"QzxlFolders.bas", "QzxlImport.bas"}
    assert [p.name for p in VBA_MODULES if re.search(r"[\u3400-\u9fff]", p.read_text(encoding="utf-8"))] == []


def test_every_catalogue_code_is_exercised_by_a_test():
    assert CATALOGUE.keys() - strings(TESTS) == set()


# --- Chinese a clerk could read, outside the catalogue ------------------------------------------------------------
# Every Chinese string literal in qzxl/, udfs/ and workbook/ is a sentence that belongs in the catalogue, unless it
# is in a docstring, in one of the places below that hold data, or in PENDING (sentences not moved yet).

# Words, not punctuation: "{}（{}）" or "：" only arrange data; the ideographic space is white space.
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ffff]")

# Whole modules whose Chinese is data, not messages.
DATA_MODULES = {
    "qzxl/catalogue.py": "the catalogue itself",
    "qzxl/layout.py": "sheet, column, field and folder names, header aliases and the hints under the headers",
    "qzxl/values/options.py": "the option lists (the system's own spellings and their variants)",
    "qzxl/export/forms.py": "the labels of the official forms, copied from the college's process text",
    "qzxl/examkit/documents.py": "the labels of the exam-day sheets (签到表, 桌贴, 门贴, 考场安排表)",
    "qzxl/rules/eligibility_routes.py": "the regulations' 申报条件 sentences, 职称 ranks and school classes",
    "qzxl/sample.py": "the invented people, companies and addresses of the sample batch",
    "qzxl/dates/workdays.py": "holiday names, weekday names and the calendar's day labels",
    "udfs/registry.py": "the one action registry: each button's label, tip and group name",
    "udfs/ribbon.py": "the ribbon's tab, group and button labels (from the registry, plus the folder picker)",
    "qzxl/idcards/samples.py": "the invented text printed on the drawn ID and bank cards",
}
# Keyword arguments whose text documents a command or a worksheet function (argparse help, xlwings doc).
DOC_KEYWORDS = {"help", "description", "metavar", "doc", "category", "epilog", "title", "prog"}
# Attachment kinds and the keywords that recognise them in file names.
ATTACHMENT_WORDS = {
    "职业技能等级认定申报表（签字盖章）", "在校证明", "学历证书", "身份证复印件", "技能等级证书或职业资格证书",
    "申报表", "在校生证明", "在读证明", "学籍证明", "毕业证", "学历", "学位", "身份证", "技能等级", "职业资格", "资格证", "等级证",
    "证书"}
# Single literals that are data: values the system takes, words recognised in what clerks type, names.
DATA_LITERALS = {
    "qzxl/rules/identity.py": {"居民身份证", "港澳台居民居住证", "男", "女"},  # id types and genders: option values
    "qzxl/rules/eligibility.py": {"等级", "院校类别"},  # the names of the option lists a typed value is matched to
    "qzxl/values/idnumber.py": {"港澳台居民居住证", "男", "女"},
    "usecases/importing.py": {"居民身份证"},  # the id type an imported row gets when its number is a resident card
    "qzxl/sheets/tables.py": {"合计", "总计", "小计"},  # the words of total rows
    "qzxl/sheets/codenames.py": {"工作簿"},  # a part name
    "qzxl/values/normalize.py": {"个", "人", "年", "-./年", "-./月", "日", "月"},  # units typed after numbers; date
                                                                               # separators
    "qzxl/values/privacy.py": {"备份-"},  # the backup file name's part, kept when masking file names
    "qzxl/photos/inspect.py": {"美图", "醒图", "光影魔术手"},  # photo editors named in EXIF Software
    "udfs/file_port.py": {"技能认定助手", "Excel 或 WPS", ".备份-"},  # note author; program names; backup mark
    "udfs/functions.py": {"技能认定"},  # the function wizard's category for the QZ_ functions
    "udfs/actions/photos.py": {"-已修复"},  # the ending of the folder 修复照片 writes
    # the words of a file name that name a card's side, the labels of the sides, the all-pages file's ending,
    # and what a clerk types in 复印件斜线文字 for no line
    "qzxl/idcards/copies.py": {"人像面", "人像", "正面", "头像面", "国徽面", "国徽", "反面", "背面", "{}（全部）.pdf",
                               "无", "不加", "不要", "否", "关闭"},
    "cli/desktop/__init__.py": {"用户指南.md"},  # a file name
    "qzxl/dates/ical.py": {"-//qzxl//职业技能等级认定//ZH"},  # the calendar's product id
    "qzxl/photos/attachments.py": ATTACHMENT_WORDS | {"无"},  # and 无, the option for no previous level
    "cli/demo.py": {  # the demo's own sample content: its file names and the photo faults it plants
        "示例-电工四级.xlsm", "手机拍的横图（带旋转标记）", "PNG 改名为 .jpg", "灰色背景", "没有照片",
        "{}毕业证书.jpg", "成绩单（学校发来）.xlsx",
        "{}{}身份证", "人像面", "国徽面"},
    "qzxl/dates/schedule.py": {  # the steps and deadlines of the college's process text, named as it names them
        "提交电子材料（开考前 20 天）", "方案审批（备案）表报人社审核（开考前 15 天）", "提交纸质材料（开考前 7 天）",
        "1. 提交电子材料（方案审批表、花名册、申报表、认定名单、照片和附件）", "1. 同时把方案备案表报人社审核",
        "2. 提交纸质材料（申报表、身份证、学历证书、技能等级证书复印件）", "3. 理论实操考试备案表",
        "4. 导入技能等级认定系统（确定十个时间节点）", "5. 现场勘查",
        "6. 名单导入系统完成，开始缴费（税号、开户行、联系人、电话发学校财务）",
        "7. 准考证下载打印、考务安排、对接考试场地", "8. 理论、实操考试", "9. 公示期结束后成绩发各机构",
        "10. 资料汇总"},
    "qzxl/export/package.py": {"时间安排.ics"},  # the calendar's file name (the forms' are layout.FORMS)
}
# Sentences still assembled outside the catalogue, counted per module: a count may only go down. Where they are
# and what they are is in the note of this work; each should become a catalogue code (or a reason key).
PENDING = {
    # hints and formula texts of the built workbook (the titles are layout.FORMS now; the page footer is the export's)
    "workbook/build.py": 1,
    "workbook/formats.py": 1,
    "workbook/formulas.py": 2,
    "workbook/validation.py": 1,
    "workbook/sheets/options.py": 14,
    "workbook/sheets/plan.py": 4,
    "workbook/sheets/process.py": 1,
    "workbook/sheets/results.py": 1,
    "workbook/native.py": 1,  # the texts its formulas compare (男/女); the headers are in layout
}


def _parents(module: ast.Module) -> dict[int, ast.AST]:
    return {id(child): node for node in ast.walk(module) for child in ast.iter_child_nodes(node)}


def _docstrings(module: ast.Module) -> set[int]:
    holders = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    return {id(node.body[0].value) for node in ast.walk(module)
            if isinstance(node, holders) and node.body and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)}


def _is_data_context(node: ast.Constant, parents: dict[int, ast.AST]) -> bool:
    parent = parents.get(id(node))
    if isinstance(parent, ast.keyword) and parent.arg in DOC_KEYWORDS | {"__doc__"}:
        return True
    if isinstance(parent, ast.Attribute) and parent.attr == "join":  # the separator of a list: "、".join(names)
        return True
    # a pattern that recognises what clerks type
    return isinstance(parent, ast.Call) and isinstance(parent.func, ast.Attribute) \
        and parent.func.attr == "compile" and getattr(parent.func.value, "id", "") == "re"


def _text(node: ast.AST) -> str | None:
    """A string literal's text; an f-string's with {} for what it fills in (one sentence, one finding)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value if isinstance(part, ast.Constant) else "{}" for part in node.values)
    return None


def chinese_literals(path: Path, source: str | None = None) -> list[tuple[int, str]]:
    """(line, text) of each Chinese string literal a clerk could read: not a docstring, not a data context."""
    module = ast.parse(source) if source is not None else tree(path)
    docstrings, parents = _docstrings(module), _parents(module)
    found = []
    for node in ast.walk(module):
        text = _text(node)
        if text is None or not CJK.search(text) or id(node) in docstrings or _is_data_context(node, parents):
            continue
        if isinstance(parents.get(id(node)), (ast.JoinedStr, ast.FormattedValue)):
            continue  # a part of an f-string (or its format spec): counted with the whole
        found.append((node.lineno, text))
    return sorted(found)


def user_text_outside_the_catalogue(files: dict[str, str | None]) -> list[str]:
    """``file:line: text`` for each literal not allowed; ``files`` maps a module to its source (None: read it)."""
    found = []
    for name, source in sorted(files.items()):
        if name in DATA_MODULES:
            continue
        literals = [(line, text) for line, text in chinese_literals(ROOT / name, source)
                    if text not in DATA_LITERALS.get(name, set())]
        if len(literals) > PENDING.get(name, 0):
            found += [f"{name}:{line}: {text[:60]!r}" for line, text in literals]
    return found


def _modules() -> dict[str, None]:
    return {p.relative_to(ROOT).as_posix(): None for folder in ("qzxl", "usecases", "udfs", "workbook", "cli")
            for p in (ROOT / folder).rglob("*.py")}


def test_every_chinese_sentence_comes_from_the_catalogue():
    found = user_text_outside_the_catalogue(_modules())
    assert found == [], "Chinese text outside the catalogue (move it there, or allow it as data):\n" + \
        "\n".join(found)


def test_the_allow_lists_name_real_modules_and_pending_counts_are_exact():
    modules = _modules()
    assert set(DATA_MODULES) | set(DATA_LITERALS) | set(PENDING) <= modules.keys()
    for name, count in PENDING.items():  # lower the count when a sentence moves, so it cannot come back
        literals = [t for _, t in chinese_literals(ROOT / name) if t not in DATA_LITERALS.get(name, set())]
        assert len(literals) == count, name
    for name, allowed in DATA_LITERALS.items():  # no stale allowance
        assert allowed <= {t for _, t in chinese_literals(ROOT / name)}, name


@pytest.mark.parametrize("planted", [
    'port.alert("已导出，请查收。")',
    'print(f"共 {n} 人")',
    'raise ValueError("证件号码不对")',
    'TEXT = "请先保存"',
])
def test_the_check_finds_a_planted_sentence(planted):
    source = (ROOT / "udfs/actions/validate.py").read_text(encoding="utf-8") + "\n\n" + planted + "\n"
    found = user_text_outside_the_catalogue({"udfs/actions/validate.py": source})
    assert len(found) == 1 and found[0].startswith("udfs/actions/validate.py:")


@pytest.mark.parametrize("allowed", [
    'def f():\n    """说明：只是文档。"""',
    '# 注释不是字符串',
    'parser.add_argument("--x", help="考试日期")',
    'text = "、".join(names)',
    'PATTERN = re.compile(r"第?\\d+题")',
    'x = "ok"',
])
def test_the_check_lets_documentation_and_data_through(allowed):
    source = (ROOT / "udfs/actions/validate.py").read_text(encoding="utf-8") + "\n\n" + allowed + "\n"
    assert user_text_outside_the_catalogue({"udfs/actions/validate.py": source}) == []
