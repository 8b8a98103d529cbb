"""What buttons and commands say besides findings: each sentence comes from the catalogue, word for word.

The expected texts are the sentences the clerk read before they moved into the catalogue, typed out here;
the second half runs real buttons and commands and compares what they print with those sentences.
"""

import pytest

from qzxl.app.cli import main
from qzxl.catalogue import CATALOGUE, Severity, say
from qzxl.report import Issue, Report
from qzxl.sample import generate_batch
from qzxl.textreport import summary
from udfs.file_port import FilePort
from udfs.runner import run_action

WORDING = [
    ("button-unknown", {"action": "frob"}, "没有「frob」这个功能，请重新生成工作簿（qzxl workbook）。"),
    ("button-failed", {"label": "校验", "log": "C:/qzxl.log"},
     "「校验」出现意外错误，未能完成。详细信息已记录在：\nC:/qzxl.log\n请把这个文件发给技术支持。"),
    ("button-cancelled", {}, "已取消"),
    ("button-about", {"version": "1.0", "python": "C:/py/pythonw.exe", "python_version": "3.11.7", "book": "报名.xlsm",
                      "log": "C:/qzxl.log"},
     "技能认定助手 qzxl 1.0\nPython：C:/py/pythonw.exe（3.11.7）\n工作簿：报名.xlsm\n日志：C:/qzxl.log\n"
     "使用说明见 docs/用户指南.md。"),
    ("button-validate-status", {}, "正在校验……"),
    ("button-validate-title", {"time": "2026-12-01 09:30", "summary": "共 3 人，没有发现问题。"},
     "校验结果（2026-12-01 09:30）：共 3 人，没有发现问题。"),
    ("button-validate-more", {}, "详细问题见「校验结果」表，红色为错误，黄色为提醒。"),
    ("button-conditions-none", {},
     "没有需要填写的申报条件：空白的格子都对不上任何一条（请先「校验」看原因），或已全部填写。"),
    ("button-conditions-confirm", {"count": 4},
     "将在 4 个空白的「申报条件」格中填入按表中信息符合的官方表述，已填写的不会改动。继续吗？"),
    ("button-conditions-done", {"count": 4},
     "已填写 4 个申报条件。请逐条核对：表中看不出的（如所学专业是否对口）仍须人工确认。"),
    ("button-export-confirm", {}, "导出前会先保存工作簿。继续吗？"),
    ("button-export-status", {}, "正在导出申报材料……"),
    ("button-export-refused-title", {"summary": "共 3 人：1 个错误（✗，必须改），0 个提醒（!，请核实）。"},
     "未导出：共 3 人：1 个错误（✗，必须改），0 个提醒（!，请核实）。"),
    ("button-export-refused", {"errors": 2}, "有 2 个错误，未导出。请按「校验结果」表改正后再导出。"),
    ("button-export-title", {"folder": "电工四级", "summary": "共 3 人，没有发现问题。"},
     "已导出（电工四级）：共 3 人，没有发现问题。"),
    ("button-export-done", {"folder": "D:/申报材料/电工四级", "count": 9, "pdf_note": "已由 LibreOffice 生成 PDF。"},
     "申报材料已导出到「D:/申报材料/电工四级」，共 9 个文件。\n已由 LibreOffice 生成 PDF。"),
    ("button-clear-confirm", {}, "要清除上次校验留下的颜色标注和批注吗？"),
    ("button-clear-title", {}, "已清除标注"),
    ("button-clear-done", {"count": 0}, "已清除 0 个单元格的标注。"),
    ("button-photos-status", {}, "正在检查照片……"),
    ("button-photos-title", {"folder": "D:/照片", "summary": "共 3 人，没有发现问题。"},
     "照片检查（D:/照片）：共 3 人，没有发现问题。"),
    ("button-fix-confirm", {"folder": "照片-已修复"}, "将把修复后的照片写到新文件夹「照片-已修复」，原照片不会改动。继续吗？"),
    ("button-fix-status", {}, "正在修复照片……"),
    ("button-fix-title", {"folder": "D:/照片-已修复", "written": 3, "unfixable": 1},
     "照片修复（D:/照片-已修复）：已修复 3 张，1 项需人工处理"),
    ("button-fix-done", {"written": 3, "folder": "D:/照片-已修复"}, "已修复 3 张照片到「D:/照片-已修复」。"),
    ("button-fix-manual", {"count": 1}, "有 1 项需要人工处理，见「校验结果」表。"),
    ("button-nodes-confirm", {}, "「方案」表中已填有时间节点，要用建议的时间覆盖吗？"),
    ("button-nodes-done", {"exam": "2026-12-18", "count": 10}, "已按考试日期 2026-12-18 填好 10 个系统时间节点。"),
    ("button-nodes-done-process", {"exam": "2026-12-18", "count": 10},
     "已按考试日期 2026-12-18 填好 10 个系统时间节点，「流程」表的日期随之更新。"),
    ("results-link", {}, "转到"),
    ("results-files-sheet", {}, "照片/附件"),
    ("cli-arguments", {"detail": "invalid choice: 'frobnicate'", "prog": "qzxl"},
     "命令参数有误（invalid choice: 'frobnicate'）。用 qzxl --help 查看用法。"),
    ("cli-date-invalid", {"value": "明天"}, "「明天」不是日期，请写成 2026-12-18"),
    ("cli-cancelled", {}, "已取消。"),
    ("cli-ask-yes-no", {}, "请输入 Y（是）或 N（否），然后按回车："),
    ("cli-needs-confirmation", {}, "这一步需要确认，但没有在终端中运行、无法询问，所以什么也没有做；"
                                   "确认要做请加 --yes 再运行。"),
    ("cli-failed", {"log": "/tmp/qzxl.log"}, "出现意外错误，未能完成。详细信息已记录在 /tmp/qzxl.log，请把这个文件发给技术支持。"),
    ("cli-written", {"path": "新.xlsm"}, "已写入「新.xlsm」"),
    ("cli-written-backup", {"path": "报名.xlsm", "backup": "报名.备份-1.xlsm"},
     "已写入「报名.xlsm」（原文件备份为「报名.备份-1.xlsm」）"),
    ("cli-nothing-written", {}, "没有要写入的内容，工作簿未改动。"),
    ("cli-photos-fixed", {"written": 2, "folder": "修复"}, "已把 2 张照片修复到「修复」。"),
    ("cli-photos-fixed-zip", {"written": 2, "folder": "修复", "archive": "修复.zip"},
     "已把 2 张照片修复到「修复」，并打包为 修复.zip。"),
    ("cli-photos-manual", {}, "以下照片需要人工处理："),
    ("cli-calendar-written", {"path": "a.ics"}, "日历文件：a.ics（可导入 Outlook 或手机日历，截止日期前一天 9:00 提醒）"),
    ("cli-export-refused", {"errors": 3}, "有 3 个错误，未导出。请改正后再导出，或加 --force 连同校验报告一起强制导出。"),
    ("cli-export-done", {"folder": "out/电工", "count": 9}, "申报材料已导出到：out/电工（9 个文件）"),
    ("cli-export-see-report", {"summary": "共 3 人：0 个错误（✗，必须改），1 个提醒（!，请核实）。"},
     "共 3 人：0 个错误（✗，必须改），1 个提醒（!，请核实）。 详见 校验报告.xlsx。"),
    ("cli-workbook-done", {"path": "报名.xlsm"}, "已生成工作簿：报名.xlsm"),
    ("cli-workbook-open", {}, "打开时请点「启用内容」；功能区「技能认定」选项卡上是各个按钮。"),
    ("cli-scripts-done", {"folder": "桌面", "count": 2, "files": "校验.cmd、导出.cmd"},
     "已在「桌面」中写入 2 个文件：校验.cmd、导出.cmd"),
    ("cli-scripts-use", {}, "把报名工作簿拖到某个 .cmd 文件上，就会执行对应按钮的功能。"),
    ("summary-people", {"count": 3}, "3 人"),
    ("summary-files", {"count": 4}, "4 个文件"),
    ("summary-clean", {"counted": "3 人、4 个文件"}, "共 3 人、4 个文件，没有发现问题。"),
    ("summary-counts", {"counted": "3 人", "errors": 1, "warnings": 2},
     "共 3 人：1 个错误（✗，必须改），2 个提醒（!，请核实）。"),
    ("summary-row", {"sheet": "报名信息", "row": 5}, "报名信息 第 5 行"),
    ("summary-whole-sheet", {}, "整体"),
    ("summary-photo-folder", {}, "照片文件夹"),
    ("progress-photos", {}, "检查照片"),
    ("value-no-extension", {}, "无扩展名"),
    ("value-access-denied", {}, "拒绝访问"),
    ("value-not-installed", {}, "（未安装）"),
    ("port-folder-made", {"folder": "D:/申报材料"}, "已生成：D:/申报材料"),
    ("alert-title", {}, "技能认定"),
    ("vba-button-unknown", {}, "这个按钮没有对应的功能，请重新生成工作簿。"),
    ("vba-folder-select-cell", {},
     "请先选中「方案」表中「照片文件夹」或「附件文件夹」右边的单元格，再点「选择文件夹」。"),
    ("vba-folder-picker-title", {}, "选择文件夹"),
    ("vba-import-picker-title", {}, "选择要导入的名单（可多选）"),
    ("vba-import-filter", {}, "名单或问卷导出"),
    ("schedule-text-exam", {"exam": "2026-12-18", "weekday": "周五"}, "考试日期 2026-12-18（周五）"),
    ("schedule-text-deadlines", {}, "截止日期（遇节假日提前到之前最近的工作日）："),
    ("schedule-text-nodes-proposed", {"counting": "含首尾两天"}, "系统时间节点（建议方案，天数含首尾两天）："),
    ("schedule-text-nodes-filled", {"counting": "含首尾两天"}, "系统时间节点（方案表中填写，天数含首尾两天）："),
    ("schedule-text-checklist", {}, "流程清单："),
    ("schedule-text-attention", {}, "需要注意："),
    ("schedule-counting-inclusive", {}, "含首尾两天"),
    ("schedule-moved-weekend", {"nominal": "12-12", "weekday": "周六", "due": "12-11", "due_weekday": "周五"},
     "12-12 是周六，提前到 12-11（周五）"),
    ("schedule-moved-day-off", {"nominal": "10-05", "weekday": "周一", "why": "国庆节", "due": "09-30",
                                "due_weekday": "周三"}, "10-05（周一）是国庆节，提前到 09-30（周三）"),
    ("schedule-step-by-node", {"node": "报名时间"}, "按「报名时间」"),
    ("schedule-step-node-open", {"node": "报名时间"}, "「报名时间」未定"),
    ("schedule-step-undated", {}, "流程文本未给出期限"),
    ("calendar-name", {"exam": "2026-12-18"}, "技能等级认定 2026-12-18"),
    ("calendar-estimated", {"label": "提交电子材料"}, "提交电子材料（预估）"),
    ("calendar-reminder", {"label": "提交电子材料"}, "明天截止：提交电子材料"),
    ("demo-batch", {"occupation": "电工", "level": "四级/中级工", "count": 30, "exam": "2027-01-05"},
     "示例批次：电工 四级/中级工，30 人，考试日期 2027-01-05"),
    ("demo-book", {"book": "qzxl-demo/示例-电工四级.xlsm"}, "工作簿：qzxl-demo/示例-电工四级.xlsm"),
    ("demo-book-done", {}, "  已按考试日期填好时间节点，校验出的问题已在单元格上标红/标黄，并列在「校验结果」表。"),
    ("demo-photos", {"folder": "qzxl-demo/照片", "mistakes": "灰色背景、没有照片"},
     "照片：qzxl-demo/照片（故意放了：灰色背景、没有照片）"),
    ("demo-export", {"folder": "qzxl-demo/申报材料/电工", "count": 9}, "申报材料：qzxl-demo/申报材料/电工（9 个文件）"),
    ("demo-report", {"summary": "共 30 人，没有发现问题。"}, "校验结果：共 30 人，没有发现问题。"),
    ("demo-mistakes", {"count": 9}, "其中报名信息里故意放了 9 处常见错误（校验位、手机号、性别、身份证存成数字、"
                                    "民族和学历写法、出生日期、漏填、申报条件），都已列出。"),
    ("demo-forced", {}, "因有错误，申报包是强制导出的（即 qzxl export 加 --force），校验报告.xlsx 中列出了全部问题。"),
    ("cli-output-beside", {"existing": "报名.xlsm", "path": "报名-2.xlsm"},
     "「报名.xlsm」已存在，没有覆盖它；这次写到了旁边的「报名-2.xlsm」。要替换原来的，请加 --replace。"),
    ("button-output-beside", {"existing": "申报材料", "path": "申报材料-2"},
     "「申报材料」已存在，没有覆盖它；这次写到了旁边的「申报材料-2」。"),
    ("port-book-repaired", {"name": "报名.xlsm", "count": 1},
     "「报名.xlsm」里有 1 处指向已删除内容的引用（如删掉最后一条批注后留下的），保存时已修复；表中数据没有改动。"),
]


@pytest.mark.parametrize(("code", "params", "sentence"), WORDING, ids=[case[0] for case in WORDING])
def test_the_wording_of_every_message(code, params, sentence):
    assert say(code, **params) == sentence
    assert CATALOGUE[code].placeholders == params.keys()


def test_messages_that_are_not_findings_are_marked_as_said():
    said = {code for code, entry in CATALOGUE.items() if entry.severity is Severity.INFO}
    assert said <= {code for code, _, _ in WORDING}
    assert Severity.INFO.label == "说明"


def test_the_summary_line_as_a_clerk_reads_it():
    clean = Report(candidates=3)
    assert summary(clean) == "共 3 人，没有发现问题。"
    found = Report(candidates=3, issues=[Issue.create("required-missing", column="姓名"),
                                         Issue.create("exam-date-missing")])
    assert summary(found) == "共 3 人：1 个错误（✗，必须改），1 个提醒（!，请核实）。"


def test_buttons_say_catalogue_sentences(write_book, tmp_path):
    batch = generate_batch(3, mistakes=False)
    book = write_book(batch.plan, batch.candidates)
    port = FilePort(book, tmp_path / "out.xlsx", answer=False)
    assert run_action("clear_marks", port)
    assert port.messages == ["要清除上次校验留下的颜色标注和批注吗？"]  # the clerk said no: nothing done
    port = FilePort(book, tmp_path / "out.xlsx", answer=True)
    assert run_action("clear_marks", port)
    assert port.messages[-1] == "已清除 0 个单元格的标注。"
    assert not run_action("frob", port)
    assert port.messages[-1] == "没有「frob」这个功能，请重新生成工作簿（qzxl workbook）。"


def test_a_date_argument_that_is_no_date(capsys):
    assert main(["schedule", "--exam", "明天"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("命令参数有误（") and "「明天」不是日期，请写成 2026-12-18" in err
    assert err.rstrip().endswith("）。用 qzxl schedule --help 查看用法。")
