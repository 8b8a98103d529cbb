"""The one action registry: the ribbon, the VBA dispatch and `qzxl action` are all generated from it.

Each action names its function as ``"module:function"`` and imports it only when clicked, so a click
loads that action's module and nothing else.

>>> [action.id for action in ACTIONS][:3]
['validate', 'clear_marks', 'fill_conditions']
>>> BY_ID["about"].target
'udfs.actions.about:about'
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass

from udfs.port import WorkbookPort


@dataclass(frozen=True)
class Action:
    id: str  # ASCII: the ribbon control id, the VBA dispatch key and the CLI name
    label: str  # on the button
    icon: str  # an imageMso name from Excel's own control ids (Office 2016, 2019 and Microsoft 365 lists)
    target: str  # "module:function", imported when the button is clicked
    screentip: str
    group: str  # the ribbon group it sits in
    picker: str = ""  # a VBA function run first (a file picker); False from it means the click is cancelled

    @property
    def function(self) -> Callable[[WorkbookPort, dt.date | None], str]:
        module, name = self.target.split(":")
        return getattr(importlib.import_module(module), name)


ACTIONS: tuple[Action, ...] = (
    Action("validate", "校验", "ErrorChecking", "udfs.actions.validate:validate",
           "检查报名信息、花名册、方案、时间节点，以及照片和附件文件夹", "校验"),
    Action("clear_marks", "清除标注", "ClearFormats", "udfs.actions.marks:clear_marks",
           "清除上次校验的颜色和批注", "校验"),
    Action("fill_conditions", "填写申报条件", "FillDown", "udfs.actions.conditions:fill_conditions",
           "按工作年限、证书、职称和院校，把符合的申报条件官方表述填进空白的申报条件格（已填的不动）", "校验"),
    Action("import_list", "导入名单", "GetExternalDataImportClassic", "udfs.actions.importing:import_button",
           "选择问卷导出或班级名单（.xlsx/.xls/.ods/.csv，可多选），追加到报名信息表末尾，已有的人不重复导入，然后校验",
           "校验", picker="QzxlPickImportFiles"),
    Action("check_photos", "检查照片", "PictureInsertFromFile", "udfs.actions.photos:check_photos",
           "检查照片文件夹：格式、大小、像素、命名、每人一张", "照片"),
    Action("fix_photos", "修复照片", "PicturesCompress", "udfs.actions.photos:fix_photos",
           "把照片转正、转成 JPG、压缩并改名，写到新文件夹", "照片"),
    Action("id_copies", "身份证复印件", "FilePrintPreview", "udfs.actions.idcopy:id_copies",
           "把附件文件夹中每人的身份证照片裁正，人像面和国徽面按实际大小排在一页 A4 上，写到新文件夹", "照片"),
    Action("schedule", "计算时间节点", "FunctionsDateTimeInsertGallery", "udfs.actions.schedule:schedule",
           "按考试日期填写方案表的系统时间节点（流程表的日期随之更新）", "时间与导出"),
    Action("export", "导出申报包", "FileSaveAsPdfOrXps", "udfs.actions.export:export",
           "校验通过后导出方案表、花名册、报名信息表、申报表、照片和附件", "时间与导出"),
    Action("exam_kit", "考务材料", "FilePrintPreview", "udfs.actions.examkit:exam_kit",
           "按方案的试场个数分配考场和座位，生成考场安排表、带照片的签到表、桌贴和门贴（含 PDF）", "时间与导出"),
    Action("import_scores", "导入成绩", "GetExternalDataFromText", "udfs.actions.scores:import_scores_button",
           "选择学校发来的成绩单（.xlsx/.xls/.csv，可多选），按证件号码逐人填入成绩表，判定是否合格，"
           "并在工作簿旁写出合格名单、补考名单和成绩通知", "考试之后", picker="QzxlPickScoreFiles"),
    Action("make_retake", "生成补考工作簿", "FileNewDefault", "workbook.retake:retake_button",
           "把需补考的人和方案（不含考试日期等本次信息）写进新的工作簿（原名-补考.xlsm），用于下一批申报",
           "考试之后"),
    Action("archive", "资料汇总", "FileSaveACopy", "udfs.actions.archive:archive_button",
           "把申报包、考务材料、成绩和名单（含 PDF）、工作簿汇总到一个新文件夹并打包，附资料清单（含 SHA-256）",
           "考试之后"),
    Action("about", "关于/帮助", "Help", "udfs.actions.about:about", "版本、Python 位置和日志文件", "帮助"),
)
BY_ID = {action.id: action for action in ACTIONS}
