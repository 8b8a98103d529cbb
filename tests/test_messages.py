"""What buttons and commands say besides findings: each sentence comes from the catalogue, word for word.

The expected texts are the sentences the clerk read before they moved into the catalogue, typed out here;
the second half runs real buttons and commands and compares what they print with those sentences.
"""

import pytest

from cli.commands import main
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
    ("button-cancelled", {}, "已取消。"),
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
    ("button-examkit-confirm", {}, "生成考务材料前会先保存工作簿。继续吗？"),
    ("button-examkit-status", {}, "正在生成考务材料（签到表、桌贴、门贴）……"),
    ("button-examkit-refused-title", {"summary": "共 3 人：1 个错误（✗，必须改），0 个提醒（!，请核实）。"},
     "未生成考务材料：共 3 人：1 个错误（✗，必须改），0 个提醒（!，请核实）。"),
    ("button-examkit-title", {"folder": "考务材料_2026-12-18", "summary": "共 3 人，没有发现问题。"},
     "考务材料（考务材料_2026-12-18）：共 3 人，没有发现问题。"),
    ("button-examkit-done", {"folder": "D:/考务材料_2026-12-18", "rooms": 3, "count": 8, "pdf_note": "已由 LibreOffice 生成 PDF。"},
     "考务材料已生成到「D:/考务材料_2026-12-18」：3 个考场，8 个文件。\n已由 LibreOffice 生成 PDF。"),
    ("button-examkit-tickets", {"name": "考场安排.xlsx"},
     "考场和座位按工作簿旁的「考场安排.xlsx」安排（没有这个文件时按方案的试场个数自动分配）。"),
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
    ("button-fix-done", {"written": 3, "folder": "D:/照片-已修复", "archive": "照片-已修复.zip"},
     "已修复 3 张照片到「D:/照片-已修复」，并打包为 照片-已修复.zip。"),
    ("button-fix-manual", {"count": 1}, "有 1 项需要人工处理，见「校验结果」表。"),
    ("button-idcopy-status", {}, "正在生成身份证复印件……"),
    ("button-idcopy-title", {"folder": "身份证复印件-2", "summary": "共 3 人，没有发现问题。"},
     "身份证复印件（身份证复印件-2）：共 3 人，没有发现问题。"),
    ("idcopy-done", {"count": 30, "folder": "D:/身份证复印件-2"},
     "已生成 30 人的身份证复印件，放在「D:/身份证复印件-2」（每人一个 PDF，另有一个全部人员的 PDF）。"
     "打印时请选「实际大小」或 100%，不要选「适合页面」。"),
    ("idcopy-none", {}, "没有生成任何身份证复印件，原因见报告。"),
    ("idcopy-kept-pdf", {"count": 2}, "2 人的身份证附件本来就是 PDF，未改动。"),
    ("idcopy-stamp-default", {}, "仅供职业技能等级认定申报使用"),
    ("idcopy-stamp", {"text": "仅供申报使用", "year": 2026, "month": 12, "day": 7}, "仅供申报使用  2026年12月7日"),
    ("button-nodes-confirm", {}, "「方案」表中已填有时间节点，要用建议的时间覆盖吗？"),
    ("button-nodes-done", {"exam": "2026-12-18", "count": 10}, "已按考试日期 2026-12-18 填好 10 个系统时间节点。"),
    ("button-nodes-done-process", {"exam": "2026-12-18", "count": 10},
     "已按考试日期 2026-12-18 填好 10 个系统时间节点，「流程」表的日期随之更新。"),
    ("results-link", {}, "转到"),
    ("results-files-sheet", {}, "照片/附件"),
    ("cli-arguments", {"detail": "没有「frobnicate」这个命令", "prog": "qzxl"},
     "命令参数有误（没有「frobnicate」这个命令）。用 qzxl --help 查看用法。"),
    ("cli-date-invalid", {"value": "明天"}, "「明天」不是日期，请写成 2026-12-18"),
    ("cli-count-invalid", {"value": "0"}, "「0」不是人数，请写 1 或更大的整数，如 15"),
    ("cli-arg-needs-value", {"option": "--exam"}, "--exam 后面要写一个值"),
    ("cli-arg-needs-values", {"option": "SRC"}, "SRC 后面至少要写一个值"),
    ("cli-arg-no-command", {"value": "valdate", "choices": "validate、photos", "hint": "（是不是 validate？）"},
     "没有「valdate」这个命令，可用的有：validate、photos（是不是 validate？）"),
    ("cli-arg-invalid-choice", {"option": "ID", "value": "x", "choices": "validate、about", "hint": ""},
     "ID 不能是「x」，可选的有：validate、about"),
    ("cli-arg-did-you-mean", {"choice": "validate"}, "（是不是 validate？）"),
    ("cli-arg-not-together", {"option": "--check", "other": "--exam"}, "--check 不能与 --exam 同时使用"),
    ("cli-arg-bad-value", {"option": "--count", "value": "x"}, "--count 后面的「x」不是有效的值"),
    ("cli-arg-takes-no-value", {"option": "--zip", "value": "3"}, "--zip 后面不用写值（写了「3」）"),
    ("cli-arg-about", {"option": "--exam", "message": "「明天」不是日期"}, "--exam 的值：「明天」不是日期"),
    ("cli-arg-command-missing", {}, "缺少命令，如 qzxl validate 工作簿.xlsm"),
    ("cli-arg-required", {"names": "BOOK、--out"}, "缺少必填的参数：BOOK、--out"),
    ("cli-arg-unknown", {"arguments": "--bogus"}, "不认识的参数：--bogus"),
    ("cli-arg-one-of", {"options": "--exam、--check"}, "--exam、--check 必须写一个"),
    ("cli-arg-ambiguous", {"option": "--ex", "matches": "--exam、--exam-date"}, "--ex 不明确，可能是 --exam、--exam-date"),
    ("cli-help-usage", {}, "用法："),
    ("value-os-not-found", {}, "文件或文件夹不存在"),
    ("value-os-disk-full", {}, "磁盘已满"),
    ("value-os-read-only", {}, "磁盘或文件夹是只读的"),
    ("value-os-busy", {}, "正被其他程序使用"),
    ("value-os-exists", {}, "已有同名的文件"),
    ("value-os-not-folder", {}, "路径中有一段不是文件夹"),
    ("value-os-is-folder", {}, "这是一个文件夹"),
    ("value-os-name-too-long", {}, "文件名或路径太长"),
    ("value-os-other", {"number": 5}, "系统错误 5"),
    ("cli-help-command", {}, "命令"),
    ("cli-help-positionals", {}, "参数"),
    ("cli-help-options", {}, "选项"),
    ("cli-help-help", {}, "显示本帮助并退出"),
    ("cli-help-version", {}, "显示版本号并退出"),
    ("cli-cancelled", {}, "已取消。"),
    ("cli-ask-yes-no", {}, "请输入 Y（是）或 N（否），然后按回车："),
    ("cli-needs-confirmation", {}, "这一步需要确认，但没有在终端中运行、无法询问，所以什么也没有做；"
                                   "确认要做请加 --yes 再运行。"),
    ("cli-failed", {"log": "/tmp/qzxl.log"}, "出现意外错误，未能完成。详细信息已记录在 /tmp/qzxl.log，请把这个文件发给技术支持。"),
    ("cli-written", {"path": "新.xlsm"}, "已写入「新.xlsm」"),
    ("cli-written-backup", {"path": "报名.xlsm", "backup": "报名.备份-1.xlsm"},
     "已写入「报名.xlsm」（原文件备份为「报名.备份-1.xlsm」）"),
    ("cli-nothing-written", {}, "没有要写入的内容，工作簿未改动。"),
    ("cli-photos-fixed", {"written": 2, "folder": "修复"}, "已修复 2 张照片到「修复」。"),
    ("cli-photos-fixed-zip", {"written": 2, "folder": "修复", "archive": "修复.zip"},
     "已修复 2 张照片到「修复」，并打包为 修复.zip。"),
    ("cli-photos-manual", {"count": 1}, "有 1 项需要人工处理："),
    ("cli-calendar-written", {"path": "a.ics"}, "日历文件：a.ics（可导入 Outlook 或手机日历，截止日期前一天 9:00 提醒）"),
    ("cli-export-refused", {"errors": 3}, "有 3 个错误，未导出。请改正后再导出，或加 --force 连同校验报告一起强制导出。"),
    ("cli-export-done", {"folder": "out/电工", "count": 9}, "申报材料已导出到「out/电工」，共 9 个文件。"),
    ("cli-examkit-done", {"folder": "out/考务材料_2026-12-18", "rooms": 3, "count": 8},
     "考务材料已生成到：out/考务材料_2026-12-18（3 个考场，8 个文件）"),
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
    ("calendar-estimated-year", {"label": "报名截止时间", "year": 2027}, "报名截止时间（按 2027 年预估的放假安排）"),
    ("calendar-reminder", {"label": "提交电子材料"}, "明天截止：提交电子材料"),
    ("demo-batch", {"occupation": "电工", "level": "四级/中级工", "count": 30, "exam": "2027-01-05"},
     "示例批次：电工 四级/中级工，30 人，考试日期 2027-01-05"),
    ("demo-book", {"book": "qzxl-demo/示例-电工四级.xlsm"}, "工作簿：qzxl-demo/示例-电工四级.xlsm"),
    ("demo-book-done", {}, "  已按考试日期填好时间节点，校验出的问题已在单元格上标红/标黄，并列在「校验结果」表。"),
    ("demo-photos", {"folder": "qzxl-demo/照片", "mistakes": "灰色背景、没有照片"},
     "照片：qzxl-demo/照片（故意放了：灰色背景、没有照片）"),
    ("demo-export", {"folder": "qzxl-demo/申报材料/电工", "count": 9}, "申报材料：qzxl-demo/申报材料/电工（9 个文件）"),
    ("demo-examkit", {"folder": "qzxl-demo/考务材料_2026-12-18", "rooms": 2, "count": 8},
     "考务材料：qzxl-demo/考务材料_2026-12-18（2 个考场，8 个文件）"),
    ("demo-report", {"summary": "共 30 人，没有发现问题。"}, "校验结果：共 30 人，没有发现问题。"),
    ("demo-mistakes", {"count": 9}, "其中报名信息里故意放了 9 处常见错误（校验位、手机号、性别、身份证存成数字、"
                                    "民族和学历写法、出生日期、漏填、申报条件），都已列出。"),
    ("demo-forced", {}, "因有错误，申报包是强制导出的（即 qzxl export 加 --force），校验报告.xlsx 中列出了全部问题。"),
    ("cli-output-beside", {"existing": "报名.xlsm", "path": "报名-2.xlsm"},
     "「报名.xlsm」已存在，没有覆盖它；这次写到了旁边的「报名-2.xlsm」。要替换原来的，请加 --replace。"),
    ("button-output-beside", {"existing": "申报材料", "path": "申报材料-2"},
     "「申报材料」已存在，没有覆盖它；这次写到了旁边的「申报材料-2」。"),
    ("formula-deadline-moved", {"days": 15}, "开考前 15 天是非工作日，已提前到最近的工作日"),
    ("formula-contact-missing", {}, "请先选择所属区县"),
    ("formula-follows-exam", {}, "随考试日期自动计算"),
    ("formula-roster-org", {"org": "明远培训学校"}, "培训机构  明远培训学校（盖章）"),
    ("formula-roster-class", {"occupation": "电工", "level": "四级", "class_name": "1 班", "start": "2026-11-02",
                              "end": "2026-12-20"},
     "工种  电工    等级  四级    班别  1 班    培训日期  2026-11-02 至 2026-12-20"),
    ("port-book-repaired", {"name": "报名.xlsm", "count": 1},
     "「报名.xlsm」里有 1 处指向已删除内容的引用（如删掉最后一条批注后留下的），保存时已修复；表中数据没有改动。"),
    # 导入成绩, 生成补考工作簿, 资料汇总
    ("vba-scores-picker-title", {}, "选择学校发来的成绩单（可多选）"),
    ("vba-scores-filter", {}, "成绩单"),
    ("demo-scores", {"source": "成绩单.xlsx", "people": 30, "passed": 22, "retake": 7, "missing": 1, "errors": 0,
                     "warnings": 3, "folder": "qzxl-demo/成绩名单"},
     "考试之后：导入「成绩单.xlsx」，30 人中合格 22 人，需补考 7 人，无成绩 1 人（0 个错误，3 个提醒，见「成绩」表）；"
     "名单在 qzxl-demo/成绩名单"),
    ("demo-retake", {"path": "qzxl-demo/示例-电工四级-补考.xlsm", "count": 7},
     "补考工作簿：qzxl-demo/示例-电工四级-补考.xlsm（7 人）"),
    ("demo-archive", {"folder": "qzxl-demo/资料汇总_甲", "count": 90},
     "资料汇总：qzxl-demo/资料汇总_甲（90 个文件，已逐一核对 SHA-256，另有同名 .zip）"),
    ("scores-title", {"time": "2027-01-20 09:30", "files": "理论成绩.xlsx、实操成绩.csv"},
     "成绩（2027-01-20 09:30 导入：理论成绩.xlsx、实操成绩.csv）。及格分可在上一行改，改后再点「导入成绩」即重新判定。"),
    ("scores-hint", {}, "点「导入成绩」按钮，选择学校发来的成绩单（可多选），这里逐人列出各科成绩和是否合格。"),
    ("scores-pass-label", {}, "及格分（可改）"),
    ("scores-alias-note", {}, "成绩列名：成绩单中认不出的列名，写上它对应的成绩表头（理论、实操、综合、总成绩、是否合格）"),
    ("scores-summary-title", {}, "统计（合格率＝合格人数÷实考人数）"),
    ("scores-strangers-title", {}, "成绩单中有、报名信息表中没有的人（未计入）："),
    ("scores-notes-title", {}, "读取成绩单时的说明："),
    ("scores-stranger", {"name": "王五", "id": "3308**********1234", "source": "成绩.xlsx", "source_row": 12},
     "王五（3308**********1234），「成绩.xlsx」第 12 行"),
    ("scores-overall", {}, "总体"),
    ("scores-retake-note", {"subjects": "实操"}, "需补考：实操"),
    ("scores-notice", {"name": "张三", "occupation": "电工", "level": "四级/中级工", "results": "理论75、实操58",
                       "verdict": "不合格", "advice": "需补考实操，补考安排另行通知。"},
     "张三您好：电工四级/中级工认定成绩 理论75、实操58，不合格。需补考实操，补考安排另行通知。"),
    ("scores-notice-pass", {}, "证书办理进度请留意培训机构通知。"),
    ("scores-notice-retake", {"subjects": "理论、实操"}, "需补考理论、实操，补考安排另行通知。"),
    ("scores-notice-none", {}, "成绩尚未出齐，请留意培训机构通知。"),
    ("scores-done", {"people": 30, "passed": 25, "retake": 4, "missing": 1, "errors": 0, "warnings": 2,
                     "folder": "成绩名单"},
     "已导入成绩：30 人，合格 25 人，需补考 4 人，无成绩 1 人（0 个错误，2 个提醒，见「成绩」表的标注）。"
     "名单已写到「成绩名单」。"),
    ("retake-done", {"path": "报名-补考.xlsm", "count": 4},
     "补考工作簿已生成：「报名-补考.xlsm」，4 人（考核科目为各人需补考的科目）。请在新工作簿中填写考试日期等本次考试的信息。"),
    ("archive-done", {"folder": "资料汇总_甲", "count": 80, "zip": "资料汇总_甲.zip"},
     "资料已汇总到「资料汇总_甲」，共 80 个文件，写入后已逐一核对；压缩包「资料汇总_甲.zip」。"),
    ("archive-missing", {"items": "考务材料"}, "未找到，未汇总：考务材料。"),
    ("archive-title", {"org": "衢州市某培训学校", "occupation": "电工", "level": "四级/中级工", "exam": "2026-12-18",
                       "count": 30, "time": "2027-01-20 10:00"},
     "资料清单：衢州市某培训学校  电工四级/中级工  考试日期 2026-12-18  30 人（2027-01-20 10:00 汇总）"),
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


def test_a_count_argument_that_is_no_count(capsys):
    assert main(["exam-kit", "book.xlsx", "--per-invigilator", "0"]) == 2
    err = capsys.readouterr().err
    assert say("cli-count-invalid", value="0") in err and "「0」不是人数，请写 1 或更大的整数，如 15" in err


def test_a_date_argument_that_is_no_date(capsys):
    assert main(["schedule", "--exam", "明天"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("命令参数有误（") and "「明天」不是日期，请写成 2026-12-18" in err
    assert err.rstrip().endswith("）。用 qzxl schedule --help 查看用法。")
