"""The one error catalogue: stable codes, severities and the Chinese messages users read.

Codes never change meaning once released; messages may be improved. Every
message says what is wrong and what to do, in plain Chinese.

>>> entry = CATALOGUE["id-check-digit"]
>>> entry.severity
<Severity.ERROR: 'error'>
>>> entry.render(expected="X")
'证件号码最后一位（校验位）不对，按前 17 位算应为 X。请对照证件逐位核对。'
"""

from __future__ import annotations

import enum
import string
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"  # not a finding: what a command or a button says it did, asks, or is doing

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "提醒", "info": "说明"}[self.value]


@dataclass(frozen=True)
class CatalogueEntry:
    code: str
    severity: Severity
    template: str
    title: str = ""  # the short reason a 自动检查 column shows; set exactly for the codes of NATIVE_CODES

    def render(self, **params: object) -> str:
        phrased = PHRASED.get(self.code)
        if phrased is not None:  # the eligibility rule's keys and items, in words (the block below)
            params = {**params, **{name: phrase(params[name], separator) for name, separator in phrased.items()
                                   if name in params}}
        reasons = REASONS.get(self.code)
        if reasons is not None:  # the reason is a key (data), or a list of keys; their words are catalogued below
            name = REASON_PARAMS.get(self.code, "reason")
            keys = params[name]
            keys = keys if isinstance(keys, (list, tuple)) else [keys]
            params = {**params, name: "、".join(dict.fromkeys(reasons[key].format(**params) for key in keys))}
        return self.template.format(**params)

    @property
    def placeholders(self) -> frozenset[str]:
        """The parameters the sentence may use: its template's, and those of its reasons' words."""
        texts = [self.template, *REASONS.get(self.code, {}).values()]
        return frozenset(name for text in texts for _, name, _, _ in string.Formatter().parse(text) if name)


E, W, S = Severity.ERROR, Severity.WARNING, Severity.INFO  # S: what is said

_ENTRIES = (
    # Reading the workbook
    ("cell-formula-error", E, "单元格是公式错误值 {value}，请改正公式或直接填写内容。"),
    ("number-stored-id", E, "证件号码被 Excel 存成了数字（显示为 {value}），后几位已经丢失。"
                            "请把这一列设为「文本」格式后按证件重新输入。"),
    ("date-unreadable", E, "「{value}」不是能识别的日期，请写成 1990-12-15 这样的格式。"),
    ("number-unreadable", E, "「{value}」不是数字，请只填数字（如 5）。"),
    ("workbook-open-elsewhere", W, "这个文件似乎正在 Excel 中打开（发现锁文件 {value}），"
                                   "读取的是最后一次保存的内容。请先保存再校验。"),
    ("workbook-code-names-lost", W, "这个工作簿被 LibreOffice（或 WPS）另存过，宏与各工作表的对应关系已丢失，"
                                    "在 Excel 中「技能认定」按钮和 QZ_ 公式将无法使用；表中数据不受影响。"
                                    "请用 qzxl workbook 新文件.xlsm 重新生成工作簿，把数据复制过去，"
                                    "以后只用 Excel 保存。"),
    ("column-missing", E, "{sheet}表缺少「{column}」列，请在表头补上这一列（文字与模板一致）。"),
    ("text-xml-illegal", E, "「{value}」中有文件无法保存的不可见控制字符（显示为 □），请删除后重新输入。"),
    ("table-empty", W, "{value} 表中没有找到任何人员，请在表头下方逐行填写。"),
    # Values that are not what they seem: a negative count, a date outside the range the calendar can work out
    ("number-negative", E, "「{value}」是负数，年限和人数只能填 0 或正数（如 5）。"),
    ("date-out-of-range", E, "日期「{value}」超出了能推算的范围（{first}–{last} 年），请检查年份是否输错。"),
    # Required and plain fields
    ("required-missing", E, "「{column}」不能为空，请补填。"),
    ("name-implausible", E, "姓名「{value}」不像真实姓名：{reason}。请按证件填写。"),
    ("text-too-long", E, "内容过长（{length} 个字），系统最多接受 {limit} 个字，请精简。"),
    # Identity numbers
    ("id-length", E, "证件号码应为 18 位，这里是 {length} 位，请对照证件核对。"),
    ("id-invisible-characters", E, "证件号码中夹着看不见的字符（如零宽空格、不换行空格，"
                                   "多半是从网页或聊天软件复制来的），系统会认为号码不对。"
                                   "请清空这个单元格，对照证件手工重新输入。"),
    ("id-format", E, "证件号码前 17 位只能是数字，最后一位是数字或大写 X，请核对。"),
    ("id-check-digit", E, "证件号码最后一位（校验位）不对，按前 17 位算应为 {expected}。请对照证件逐位核对。"),
    ("id-birth-date", E, "证件号码第 7–14 位「{digits}」不是有效的出生日期，请核对。"),
    ("id-birth-future", E, "证件号码中的出生日期 {birth} 在今天之后，请核对。"),
    ("id-province", E, "证件号码前两位「{digits}」不是任何省份的代码，请核对。"),
    ("id-county-unknown", W, "证件号码前 6 位「{digits}」不在行政区划代码表中，请再对照证件确认一次。"),
    ("id-old-15-digit", E, "这是 15 位的旧身份证号码，系统只收 18 位：在第 6 位后插入「19」，末尾加校验位「{check}」，"
                           "对照本人证件确认后改成 18 位。"),
    ("id-old-15-digit-date", E, "这是 15 位的旧身份证号码，系统只收 18 位，而且其中的出生日期「{digits}」无效。"
                                "请对照本人证件重新填写 18 位号码。"),
    ("id-birth-too-early", E, "证件号码第 7–10 位的出生年份 {year} 早于 1900 年，不可能是在世者的号码，"
                              "请对照证件核对。"),
    ("id-permit-as-resident-card", E, "证件号码以 {digits} 开头，是港澳台居民居住证的号码。"
                                      "请把「证件类型」改为「{id_type}」，或核对号码。"),
    ("id-region-province-level", W, "证件号码前 6 位「{digits}」只是省级代码，身份证上一般是县级代码，"
                                    "请对照证件再确认一次。"),
    ("id-other-length", E, "{id_type}号码长度 {length} 不合常理（应为 5–20 位字母或数字），请核对。"),
    ("id-duplicate", E, "证件号码与第 {other_rows} 行重复，同一人只能报名一次。"),
    ("id-permit-region", E, "港澳台居民居住证号码应以 810000、820000 或 830000 开头，请核对证件类型和号码。"),
    # Agreement with the ID number
    ("gender-mismatch", E, "性别填的是「{value}」，但证件号码第 17 位表示「{expected}」。请核对。"),
    ("birth-mismatch", E, "出生日期 {value} 与证件号码中的 {expected} 不一致，请核对。"),
    ("age-under-16", E, "按考试日期 {exam} 计算只有 {age} 周岁，未满 16 周岁不能报名。"),
    ("work-years-implausible", W, "工作年限 {years} 年多于年龄所能有的：到 {on} 为 {age} 周岁，从 16 周岁算起最多 "
                                  "{most} 年。请核对（是否填成了年龄或参加工作的年份）。"),
    # Contact details
    ("mobile-invalid", E, "「{value}」不是有效的大陆手机号码（应为 1 开头的 11 位数字），请核对。"),
    ("mobile-tidied", W, "手机号码「{value}」含空格、横线或 +86，导出时已整理为 {number}，请确认号码无误。"),
    ("email-invalid", E, "电子邮箱「{value}」格式不对：{reason}。不填也可以。"),
    # Option lists
    ("option-unknown", E, "「{value}」不在「{column}」的可选项中，请从下拉列表选择（如：{examples}）。"),
    ("option-near-miss", W, "「{value}」应写成系统中的「{intended}」，请从下拉列表选择。"),
    # Eligibility and students
    ("eligibility-not-met", E, "按{basis}，报「{level}」需要满足以下任一条：{routes}"
                               "该学员都不满足，请核对工作年限、原鉴定等级、现职称等级和毕业院校类别，或改报其他等级。"),
    ("eligibility-unclear", W, "按{basis}，报「{level}」的条件无法确认：{missing}。请补填或核实。"),
    ("eligibility-check", W, "按「{route}」可报「{level}」，但表中看不出以下几点，请核实：{check}。"),
    ("condition-contradicted", W, "申报条件写的是「{route}」，但{reason}。请核对，或改写为符合的一条。"),
    ("condition-proposed", W, "按表中信息，申报条件可写：{sentence}（可点「填写申报条件」自动填入空格）"),
    ("condition-none", E, "不满足「{level}」的任何一条申报条件，请点「校验」查看各条。"),
    ("condition-undecided", W, "无法确认申报条件：{missing}。"),
    ("rule-set-unknown", E, "申报条件依据「{value}」无法识别，请填 2023 或 2018。"),
    ("eligibility-table-unreadable", E, "「字典」表的申报条件按职业表中「{value}」无法识别：{reason}。"),
    ("student-proof", W, "考生来源为在校生：如尚无毕业证书，请准备学校出具的在校证明放入附件。"),
    # Cross-sheet
    ("roster-not-calculated", W, "花名册由公式生成，但这个文件保存后还没有在 Excel 中计算过，无法核对花名册。"
                                 "请在 Excel 或 WPS 中打开并保存一次后再校验。"),
    ("roster-missing", E, "{name}（{id}）在报名信息中，但花名册里没有，请补到花名册。"),
    ("roster-extra", E, "{name}（{id}）在花名册中，但报名信息里没有，请补报名信息或从花名册删除。"),
    ("roster-mismatch", E, "花名册中「{column}」为「{value}」，与报名信息第 {other_row} 行的「{expected}」不一致。"),
    ("plan-headcount", E, "方案的鉴定人数为 {value}，但报名信息中有 {count} 人，请改成一致。"),
    ("plan-occupation", E, "申报职业「{value}」与方案的工种「{expected}」不一致，同一方案只能报一个工种："
                           "请改成「{expected}」或留空；报「{value}」的学员请另建一本工作簿。"),
    ("plan-level", E, "申报等级「{value}」与方案的鉴定等级「{expected}」不一致，同一方案只能报一个等级："
                      "请改成「{expected}」或留空；报「{value}」的学员请另建一本工作簿。"),
    ("plan-missing", E, "方案中「{column}」未填写，请补填。"),
    ("tax-id-invalid", E, "缴费单位税号「{value}」不是有效的统一社会信用代码（{reason}），请对照营业执照核对。"),
    # Schedule (system time nodes and deadlines)
    ("schedule-node-missing", E, "「{column}」未填写，导入系统时必须有这个时间。"),
    ("schedule-order", E, "「{column}」{value} 早于前一个节点「{previous}」{previous_date}，"
                          "请按系统中的先后顺序填写。"),
    ("schedule-publicity-short", E, "报名公示只有 {days} 天（{counting}），至少要 10 天，请推后「{column}」。"),
    ("schedule-ticket-end", E, "准考证下载结束时间应与考试同一天（{exam}），这里是 {value}。"),
    ("schedule-ticket-short", E, "准考证下载只开放 {days} 天（{counting}），至少要 10 天，请提前「{column}」。"),
    ("schedule-score-before-exam", E, "成绩开始公示时间 {value} 应在考试（{exam}）之后。"),
    ("schedule-exam-mismatch", E, "「考试时间」{value} 与方案的考试日期 {exam} 不一致，请改成同一天。"),
    ("exam-in-past", W, "考试日期 {exam} 已经过去，请确认是否填错。"),
    ("exam-on-holiday", W, "考试日期 {exam} 是{holiday}，请确认考点当天开放。"),
    ("deadline-passed", W, "「{label}」的期限 {date} 已过（今天 {today}），请尽快联系技师学院。"),
    ("schedule-estimated", W, "{year} 年的放假安排尚未公布，相关日期是预估：法定节日、周末，以及按放假办法"
                              "可能调休放假的日子都按放假算，所以期限只会偏早、不会偏晚（调休上班的周末不算工作日）。"
                              "国务院公布后，请在「字典」表的放假调整中补录，或更新 qzxl。"),
    ("schedule-estimated-date", W, "预估（{year} 年放假安排尚未公布，可能调休放假的日子按放假算）"),
    ("holiday-override-unreadable", E, "放假调整表中「{value}」无法识别，"
                                       "日期写成 2027-01-01，安排填「放假」或「上班」。"),
    # Photos (one folder, one file per candidate)
    ("photo-not-image", E, "不是图片，或文件已损坏（{reason}），请重新拍照或导出。"),
    ("photo-format", E, "扩展名是 .jpg，但实际是 {actual} 格式，请另存为真正的 JPG。"),
    ("photo-extension", E, "照片必须是 JPG/JPEG 格式，这个文件是「{extension}」。"),
    ("photo-file-too-small", E, "文件只有 {size}，必须大于 30K，照片可能被过度压缩。"),
    ("photo-file-too-large", E, "文件有 {size}，必须小于 2M，请压缩后再交（可用「修复照片」）。"),
    ("photo-too-few-pixels", E, "只有 {width}×{height} 像素，必须大于 215×300（宽×高），请用更清晰的原图。"),
    ("photo-too-large-to-open", E, "照片的像素多得异常（超过 {limit} 万像素），为安全起见没有打开，"
                                   "请换一张相机或手机拍的正常尺寸照片，或用看图软件缩小后另存为 JPG。"),
    ("photo-too-many-pixels", E, "图片有 {width}×{height} 像素，大得异常，请用相机或手机的正常尺寸照片。"),
    ("photo-landscape", E, "照片是横的（{width}×{height}），证件照应为竖版。"),
    ("photo-cmyk", E, "照片是 CMYK 印刷色，系统可能无法显示，请转为 RGB（「修复照片」可自动转换）。"),
    ("photo-greyscale", W, "照片是黑白的，证件照一般要求彩色，请确认。"),
    ("photo-rotated", E, "照片带有旋转标记，上传后会显示为横倒的，请用「修复照片」转正。"),
    ("photo-background", W, "背景看起来不是白色（边缘平均亮度 {brightness}），证件照要求白底，请核实。"),
    ("photo-blurred", W, "照片可能不清晰（清晰度 {sharpness}，低于 {threshold}），请核实。"),
    ("photo-edited", W, "照片记录了修图软件「{software}」，学院拒收 PS 等处理过的照片，请用原始证件照。"),
    ("photo-no-face", E, "照片中找不到正面人脸（不是人像照片，或看不清脸），请交本人正面免冠证件照。"),
    ("photo-faces", E, "照片中有 {count} 张人脸，证件照只能有本人一人，请换成单人证件照。"),
    ("photo-face-small", W, "头部太小（约占照片高度的 {share}%，证件照约 2/3），像半身照或远景，"
     "可用「修复照片」裁剪，或重拍。"),
    ("photo-face-large", W, "头部太大（约占照片高度的 {share}%，证件照约 2/3），头顶或下巴可能被裁掉，"
     "请重拍，露出肩膀。"),
    ("photo-face-off-centre", W, "人脸偏向照片{side}，证件照应居中，可用「修复照片」裁剪，或重拍。"),
    ("photo-face-top", W, "头顶被裁掉或紧贴照片上边，证件照头顶上方应留空，请重拍。"),
    ("photo-face-tilted", W, "头部明显歪斜（约 {degrees}°），证件照要求头部端正，请重拍。"),
    ("photo-name", E, "文件名应为「18 位身份证号+姓名」，如 330822199012xxxxxx张三.jpg，请改名。"),
    ("photo-name-id-invalid", E, "文件名中的身份证号「{id}」校验不通过，请核对。"),
    ("photo-unknown-candidate", E, "文件名中的身份证号 {id} 不在报名信息中，请核对或删除这张照片。"),
    ("photo-name-id-mismatch", E, "文件名中的身份证号「{id}」与报名信息中{name}的证件号码 {expected} 不一致，"
                                  "请按报名信息改名（「修复照片」会自动改名）。"),
    ("photo-name-id-workbook-invalid", E, "照片文件名中的身份证号「{id}」看起来是对的，而报名信息第 {row} 行{name}的"
                                          "证件号码 {expected} 校验不通过：请按身份证核对并改正证件号码"
                                          "（照片不用改名，「修复照片」也不会给它改名）。"),
    ("photo-name-mismatch", E, "文件名中的姓名「{name}」与报名信息中的「{expected}」不一致，请改名。"),
    ("photo-missing", E, "{name}（{id}）没有照片，请补拍，以报名信息第 {row} 行的证件号码加姓名命名（{expected}）。"),
    ("photo-duplicate", E, "{name}（{id}）有 {count} 张照片（{files}），只能留一张。"),
    ("photo-subfolder", W, "照片放在子文件夹「{folder}」里，提交时所有照片应在同一个文件夹中。"),
    ("photo-fixed", W, "申报包中的这张照片已自动修复（{fixes}），原照片未改动，请看一眼修复后的照片。"),
    ("photo-unfixable", W, "无法自动修复：{reason}，请人工处理。"),
    ("archive-unsafe", E, "压缩包中的「{member}」{reason}，已跳过。"),
    # Attachments (one folder)
    ("attachment-missing", E, "{name}（{id}）缺少「{kind}」，请扫描或拍照后放入附件文件夹，"
                              "文件名含身份证号和「{keyword}」。"),
    ("attachment-to-add", W, "{name}（{id}）的附件还缺：{kinds}。请扫描或拍照，放入申报包的「附件」文件夹"
                             "（文件名含身份证号和材料名称）。"),
    ("attachment-too-small", W, "文件只有 {size} 字节，不像是扫描件或照片，请确认内容后重新扫描。"),
    ("attachment-unreadable", W, "文件打不开（{reason}），请重新扫描或导出后放入附件文件夹。"),
    ("attachment-unmatched", W, "这个附件对应不上任何学员或材料类型"
                                "（文件名应含身份证号或姓名，以及材料名称），请改名。"),
    ("attachment-name-id-differs", W, "文件名中的身份证号「{id}」不在报名信息中，"
                                      "已按姓名算作{name}（{expected}）的附件，导出时按报名信息改名；请确认是本人的材料。"),
    ("attachment-format", E, "附件只收 PDF、JPG、PNG，这个文件是「{extension}」。"),
    # 身份证复印件: each candidate's ID-card photos, straightened, both sides at true size on one A4 page
    ("idcard-missing", E, "{name}（{id}）没有身份证照片，无法生成复印件。请把人像面和国徽面的照片放入附件文件夹，"
                          "文件名含身份证号和「身份证」。"),
    ("idcard-not-found", E, "照片里找不到完整的身份证，没有裁剪。请把身份证放在深色桌面上重拍："
                            "四角露全、不要反光、尽量正对镜头。"),
    ("idcard-side-unknown", E, "认不出这张身份证是人像面还是国徽面。请重拍（四角露全、不要反光），"
                               "或在文件名中写明「人像面」或「国徽面」。"),
    ("idcard-not-resident-card", E, "这张卡片不像居民身份证（如银行卡），请换成身份证的照片"
                                    "（港澳台居民居住证也可以）。"),
    ("idcard-side-missing", E, "只有身份证的{side}，缺少{missing}，请补拍后放入附件文件夹。"),
    ("idcard-same-side", E, "几张身份证照片都是{side}，缺少另一面，请补拍。"),
    ("idcard-small", W, "身份证在照片中只有 {width} 像素宽，按实际大小打印约 {dpi} dpi，复印件会发虚。"
                        "请靠近些重拍（身份证占满画面的大半）。"),
    ("idcard-blurred", W, "身份证照片模糊，按实际大小打印看不清字。请对好焦、拿稳后重拍。"),
    ("idcard-glare", W, "身份证上有反光（约占卡面的 {share}%），遮住了部分字。请避开灯光、换个角度重拍。"),
    ("export-idcopy-not-made", W, "{count} 人的身份证照片无法拼成复印件，申报包中放的是原照片：{names}。"
                                  "点「身份证复印件」按钮可看每张照片的问题。"),
    ("export-idcopy-no-font", W, "本机没有中文字体，申报包中的身份证放的是原照片，未拼成复印件。"
                                 "请安装 {package} 后重新导出。"),
    ("idcard-no-font", E, "本机没有中文字体，未生成身份证复印件（斜线文字需要中文字体）。"
                          "请安装 {package} 后再试，或在方案表「复印件斜线文字」填「无」。"),
    ("exam-date-missing", W, "没有考试日期（请在方案表填写「考试日期」），年龄未按考试日期检查。"),
    # Worksheet functions (QZ_*): the answer shown in the cell instead of a value
    ("worksheet-date-missing", E, "没有日期，请先填写日期（如 2026-12-18）。"),
    ("worksheet-date-out-of-range", E, "日期 {value} 不在 {first}–{last} 年之间，请核对。"),
    ("worksheet-level-unknown", E, "等级「{value}」无法识别，请填五级/初级工到一级/高级技师中的一个。"),
    ("worksheet-deadline-unknown", E, "没有名为「{value}」的截止日期，可选：{choices}。"),
    # 导入名单: the report of an import, one line per source file and per person it concerns
    ("import-source", W, "「{source}」（{sheet}表第 {header_row} 行为表头{read_as}）：导入 {imported} 人，"
                         "跳过 {skipped} 人，自动填写 {derived} 处，规范写法 {tidied} 处。"),
    ("import-ignored-columns", W, "「{source}」中的问卷记录列未导入：{columns}。"),
    ("import-unmapped-columns", W, "「{source}」中这些列对应不上报名信息表的表头，未导入：{columns}。"
                                   "如需导入，请在字典表「导入列名」中填写它对应的表头。"),
    ("import-unfilled-columns", W, "「{source}」中没有这些必填列，导入的人在报名信息表中仍需填写：{columns}。"),
    ("import-in-book", W, "第 {source_row} 行 {name}（{id}）已在报名信息表第 {row} 行，未重复导入。"),
    ("import-filled-empty", W, "第 {source_row} 行 {name}（{id}）：在报名信息表第 {row} 行补填了空白的 {columns}。"),
    ("import-duplicate", W, "第 {source_row} 行 {name}（{id}）在「{first}」中已有，按先选的文件导入；{compared}。"),
    ("import-derived", W, "第 {source_row} 行 {name}：{column} 按证件号码填为「{value}」。"),
    ("import-tidied", W, "第 {source_row} 行 {name}：{column}「{value}」按字典写法改为「{expected}」。"),
    ("import-contradicts-id", W, "第 {source_row} 行 {name}：{column}填的是「{value}」，按证件号码应为「{expected}」，"
                                 "已照原样导入，请核对。"),
    ("import-no-id", W, "第 {source_row} 行 {name} 没有证件号码，已导入，无法与已有名单核对是否重复。"),
    ("import-results-title", W, "导入结果（{time}）：{files} 个文件，导入 {imported} 人，跳过 {skipped} 人，"
                                "补填 {filled} 人。导入后已自动校验，问题见「校验结果」表。"),
    ("import-results-hint", W, "点「导入名单」按钮后，这里列出每个文件导入、跳过、自动填写和未导入的内容，"
                               "点「转到」可跳到报名信息表中对应的单元格。"),
    ("import-done", W, "已导入 {imported} 人，跳过 {skipped} 人，补填 {filled} 人，详见「导入结果」表。"),
    # 导入成绩: the score list matched to the batch, each finding on its 成绩 cell
    ("score-not-in-book", W, "成绩单「{source}」第 {source_row} 行的 {name}（{id}）不在报名信息表中，未计入。"
                             "请核对姓名和证件号码，或确认此人是否属于本批次。"),
    ("score-matched-by-name", W, "{name}：成绩单「{source}」第 {source_row} 行的证件号码（{id}）与报名信息对不上，"
                                 "只按姓名对应到此人。请核对是否为同一人。"),
    ("score-repeated", W, "{name}的{column}在「{first}」第 {first_row} 行和「{second}」第 {second_row} 行各有一次，"
                          "内容相同，只计一次。"),
    ("score-duplicate", E, "{name}的{column}在「{first}」第 {first_row} 行为「{kept}」，"
                           "在「{second}」第 {second_row} 行为「{other}」，暂按前者计。"
                           "请向学校核实后，删去成绩单中错的一处再导入。"),
    ("score-missing", W, "成绩单中没有找到 {name}，按无成绩处理。请核对成绩单是否漏了此人。"),
    ("score-subject-missing", W, "{name} 的考核科目有{subject}，成绩单中却没有{subject}成绩，按无成绩处理。"),
    ("score-not-taken", W, "{name} 的考核科目中没有{subject}，成绩单却有{subject}成绩，未计入是否合格。"
                           "请核对报名信息表（或方案）的考核科目。"),
    ("score-out-of-range", E, "分数「{value}」不在 {low}–{high} 之间，未计入是否合格。请对照成绩单改正后再导入。"),
    ("score-not-a-number", E, "「{value}」既不是分数，也不是缺考、违纪或作弊，未计入是否合格。"
                              "请在成绩单中改为分数或这几个词之一后再导入。"),
    ("score-verdict-disagrees", W, "{name}：成绩单的{subject}判定为「{given}」，按及格分应为「{computed}」。"
                                   "已按成绩单的判定计，请向学校核实。"),
    ("score-subject-unknown", W, "「{source}」的「{sheet}」表只有一列「成绩」，看不出是哪一科，未导入。请把表名改为"
                                 "理论或实操，或在字典表「成绩列名」中写明这一列对应的科目。"),
    ("score-pass-mark-invalid", E, "及格分「{value}」不是 0–100 之间的数字，按 {default} 分计。请改正。"),
    ("scores-title", S, "成绩（{time} 导入：{files}）。及格分可在上一行改，改后再点「导入成绩」即重新判定。"),
    ("scores-hint", S, "点「导入成绩」按钮，选择学校发来的成绩单（可多选），这里逐人列出各科成绩和是否合格。"),
    ("scores-pass-label", S, "及格分（可改）"),
    ("scores-alias-note", S, "成绩列名：成绩单中认不出的列名，写上它对应的成绩表头"
                             "（理论、实操、综合、总成绩、是否合格）"),
    ("scores-summary-title", S, "统计（合格率＝合格人数÷实考人数）"),
    ("scores-strangers-title", S, "成绩单中有、报名信息表中没有的人（未计入）："),
    ("scores-notes-title", S, "读取成绩单时的说明："),
    ("scores-stranger", S, "{name}（{id}），「{source}」第 {source_row} 行"),
    ("scores-overall", S, "总体"),
    ("scores-retake-note", S, "需补考：{subjects}"),
    ("scores-notice", S, "{name}您好：{occupation}{level}认定成绩 {results}，{verdict}。{advice}"),
    ("scores-notice-pass", S, "证书办理进度请留意培训机构通知。"),
    ("scores-notice-retake", S, "需补考{subjects}，补考安排另行通知。"),
    ("scores-notice-none", S, "成绩尚未出齐，请留意培训机构通知。"),
    ("scores-done", S, "已导入成绩：{people} 人，合格 {passed} 人，需补考 {retake} 人，无成绩 {missing} 人"
                       "（{errors} 个错误，{warnings} 个提醒，见「成绩」表的标注）。名单已写到「{folder}」。"),
    ("retake-done", S, "补考工作簿已生成：「{path}」，{count} 人（考核科目为各人需补考的科目）。"
                       "请在新工作簿中填写考试日期等本次考试的信息。"),
    ("archive-done", S, "资料已汇总到「{folder}」，共 {count} 个文件，写入后已逐一核对；压缩包「{zip}」。"),
    ("archive-missing", S, "未找到，未汇总：{items}。"),
    ("archive-title", S, "资料清单：{org}  {occupation}{level}  考试日期 {exam}  {count} 人（{time} 汇总）"),
    # Could not run (CannotRun): the command or button stops with this one sentence
    ("run-book-not-found", E, "找不到文件「{path}」，请检查路径。"),
    ("run-book-is-folder", E, "「{path}」是文件夹，请选择一个 .xlsx 或 .xlsm 工作簿。"),
    ("run-book-lock-file", E, "「{name}」是 Excel 打开文件时生成的临时锁文件，请选择不带 ~$ 的那个工作簿。"),
    ("run-book-unreadable", E, "无法读取「{name}」（{reason}），请关闭占用它的程序后再试。"),
    ("run-book-xls", E, "「{name}」是旧版 .xls 文件，请在 Excel 中「另存为」.xlsx 后再选择它。"),
    ("run-book-encrypted", E, "「{name}」设置了打开密码（已加密），请在 Excel 中取消密码并另存一份后再选择它。"),
    ("run-book-not-excel", E, "「{name}」不是 Excel 工作簿（.xlsx/.xlsm），或文件已损坏。"),
    ("run-book-damaged", E, "「{name}」已损坏或不是 Excel 工作簿，无法打开。请在 Excel 中打开它另存一份再试。"),
    ("run-book-no-registration", E, "在「{name}」中没有找到报名信息表头（需要有「姓名」「证件号码」等列）。"
                                    "请确认选的是报名工作簿，表头文字与模板一致。"),
    ("run-book-registration-header", E, "「{name}」的「{sheet}」表中没有找到报名信息表头"
                                        "（需要有「姓名」「证件号码」等列，每个表头占一个单元格，不要合并）。"
                                        "请按模板恢复表头后再试。"),
    ("run-book-part-too-large", E, "「{name}」的「{sheet}」解压后有 {size}（上限 {limit}），不像正常的报名工作簿，"
                                   "无法读取。请把需要的内容复制到一个新工作簿后再试。"),
    ("run-schedule-source", E, "请用 --exam 给出考试日期，或用 --check 指定要检查的工作簿。"),
    ("run-schedule-no-plan", E, "「{book}」中没有「方案」表，无法检查时间节点。"),
    ("run-schedule-no-exam", E, "方案表中没有考试日期（「考试日期」或「考试时间」），请先填写。"),
    ("run-nodes-no-plan", E, "没有找到「方案」表，无法计算时间节点。"),
    ("run-nodes-exam-first", E, "请先在「方案」表填写考试日期，再计算时间节点。"),
    ("run-no-photo-folder", E, "没有找到照片文件夹：请在「方案」表的「照片文件夹」中填写，"
                               "或在工作簿旁建「{default}」文件夹。"),
    ("run-photos-not-found", E, "找不到「{source}」，请检查照片文件夹或压缩包的路径。"),
    ("run-photos-not-folder", E, "「{name}」既不是文件夹也不是 zip 压缩包，请选择照片文件夹。"),
    ("run-zip-invalid", E, "「{name}」不是有效的 zip 压缩包，或已损坏。"),
    ("run-zip-too-many", E, "压缩包中有 {count} 个文件，超过 {limit} 个，请分批检查。"),
    ("run-fix-out-not-empty", E, "输出文件夹「{out}」已存在且不是空的，请换一个新文件夹名。"),
    ("run-fix-zip-exists", E, "「{archive}」已存在，请先移走它或换一个输出文件夹名。"),
    ("run-fix-inside-source", E, "修复后的照片不能放在原照片文件夹里，请选择另一个文件夹。"),
    ("run-export-no-plan", E, "工作簿中没有「方案」表，无法生成申报材料。"),
    ("run-export-no-candidates", E, "「{sheet}」表中没有任何人员，没有可导出的内容。请先填写报名信息再导出。"),
    ("run-export-exists", E, "「{target}」刚被另一个导出生成，没有覆盖它。请再导出一次，会写到旁边的新文件夹。"),
    ("run-build-not-xlsm", E, "工作簿文件名要以 .xlsm 结尾（带宏的工作簿）。"),
    ("run-build-exists", E, "「{out}」已存在，没有覆盖它。要替换它请加 --replace，或换一个文件名。"),
    ("run-build-no-folder", E, "文件夹「{folder}」不存在，请先建好它。"),
    ("run-build-cannot-write", E, "无法写入「{out}」（没有权限或文件正在 Excel 中打开），请关闭它或换个位置。"),
    ("run-xlwings-missing", E, "没有安装 xlwings，无法生成工作簿。请先运行：pip install xlwings。"),
    ("run-xlwings-template", E, "已安装的 xlwings {version} 中找不到模板 {template}，请重新安装 xlwings。"),
    ("run-conditions-no-column", E, "「{sheet}」表没有「申报条件」列，请在表头补上这一列再试。"),
    ("run-demo-folder-taken", E, "「{folder}」已存在且不是示例文件夹，请换一个新文件夹名，以免覆盖其中的文件。"),
    ("run-scripts-cannot-write", E, "无法在文件夹「{folder}」中写入脚本（{reason}）。请换一个文件夹，"
                                    "或关闭正在使用其中文件的程序后重试。"),
    ("run-scripts-command-invalid", E, "qzxl 的路径「{command}」含有引号或换行，脚本无法调用它。"
                                       "请把本工具装到普通路径下。"),
    ("run-import-format", E, "「{name}」不是能导入的名单文件，请选择 .xlsx、.xls、.ods 或 .csv 文件。"),
    ("run-import-unreadable", E, "无法读取「{name}」（{reason}），文件可能已损坏或设置了密码，请另存一份再试。"),
    ("run-import-encoding", E, "「{name}」的文字编码无法识别（不是 UTF-8，也不是 GBK），"
                               "请在 Excel 或 WPS 中打开它另存为「CSV UTF-8」或 .xlsx 后再导入。"),
    ("run-import-no-header", E, "在「{name}」的前 50 行中没有找到同时有姓名和证件号码（身份证号）的表头行。"
                                "请检查文件，或在字典表「导入列名」中写明它的列名对应哪个表头。"),
    ("run-import-no-sources", E, "没有选择要导入的名单文件。"),
    ("cli-action-import-no-sources", E, "没有要导入的名单文件：在命令行中请用 qzxl import 名单文件 --book 工作簿 导入"
                                        "（可一次给多个名单文件）。"),
    ("run-scores-no-header", E, "在「{name}」的前 50 行中没有找到同时有姓名和成绩（理论、实操、成绩等）的表头行。"
                                "请确认选的是成绩单，或在字典表「成绩列名」中写明它的列名对应哪个成绩表头。"),
    ("run-scores-no-sources", E, "没有选择成绩单文件。"),
    ("cli-action-scores-no-sources", E, "没有要导入的成绩单：在命令行中请用 qzxl scores 成绩单文件 --book 工作簿 导入"
                                        "（可一次给多个成绩单）。"),
    ("run-scores-none", E, "工作簿中还没有成绩，请先点「导入成绩」（或用 qzxl scores）导入学校发来的成绩单。"),
    ("run-retake-none", E, "没有需要补考的人，未生成补考工作簿。"),
    ("run-archive-verify", E, "资料汇总写好后核对发现「{file}」与清单不符（可能被其他程序改动），"
                              "已删除这次的汇总，请重新汇总。"),
    ("run-import-too-many", E, "报名信息表只预设了 {limit} 行（下拉选项、格式和花名册公式），导入后将到第 {last} 行，"
                               "超出了 {extra} 行。请分批申报，或用 qzxl workbook 生成新工作簿后分开导入。"),
    # PDF conversion of the exported forms: the note in manifest.json and in the export's summary
    ("pdf-made", W, "已由 LibreOffice 生成 PDF（在「PDF」文件夹中）。"),
    ("pdf-no-libreoffice", W, "未安装 LibreOffice，未生成 PDF（可在 Excel 中打开各表另存为 PDF）。"),
    ("pdf-failed", W, "LibreOffice 转换 PDF 失败，请在 Excel 中把各表另存为 PDF。"),
    ("pdf-partial", W, "以下表格未能转换为 PDF：{files}。请在 Excel 中把它们另存为 PDF。"),
    ("pdf-no-chinese-font", W, "本机没有中文字体，未生成 PDF（否则 PDF 中的汉字都会显示为方框）。"
                               "请先安装中文字体（Debian/Ubuntu：sudo apt install {package}），再重新导出；"
                               "或在 Excel 中把各表另存为 PDF。"),
    ("pdf-no-calibri-metrics", W, "本机缺少与 Excel 默认字体 Calibri 等宽的字体，PDF 的列宽与 Excel 不同，"
                                  "申报表可能一人占两页。请安装 {package} 后重新导出，或在 Excel 中另存为 PDF。"),
    # 考务材料: what the kit's report lists (the kit is made; these are to check)
    ("examkit-room-crowded", W, "{room}排了 {count} 人：按监考人数 ÷ 试场个数，每个试场 {invigilators} 名监考，"
                                "每名监考最多看 {per} 人，最多 {limit} 人。请增加「试场个数」或「监考人数」"
                                "（每名监考看几人可在方案表「每名监考最多考生数」中修改）。"),
    ("examkit-not-assigned", W, "{name}要参加{subject}考试，但考场安排文件中没有此人的{subject}考场和座位，"
                                "已排在「未排考场」。请核对考场安排文件。"),
    ("examkit-photo-missing", W, "{name}（{id}）没有可用的照片，签到表和桌贴上印的是「无照片」。"
                                 "请补照片后重新生成考务材料。"),
    ("examkit-tickets-columns", W, "考场安排文件中有 {count} 列不认识，没有使用：{columns}。"
                                   "如果其中有准考证号、考场或座位号，请把表头改为「准考证号」「考场」「座位号」。"),
    ("examkit-ticket-unknown", W, "考场安排文件第 {row} 行的{name}（{id}）不在报名信息表中，这一行没有使用。"),
    ("examkit-ticket-name-differs", W, "考场安排文件第 {row} 行的姓名「{name}」与报名信息表中的「{expected}」不同"
                                       "（证件号码 {id} 相同），已按证件号码安排。请核对是谁写错了。"),
    ("examkit-ticket-incomplete", W, "考场安排文件第 {row} 行（{name}）没有考场或座位号，这一行没有使用。"),
    ("examkit-seat-taken", W, "考场安排文件第 {row} 行：{room}的 {seat} 号座位排了两个人（{names}），请核对。"),
    # Could not run (CannotRun): the everyday causes of a run that cannot start or save (the book open in another
    # program, a damaged part, …), each with its way out
    ("run-book-open-elsewhere", E, "「{name}」正在 {program} 中打开（旁边有锁文件「{lock}」），没有写入。"
                               "请在 {program} 中保存并关闭它后再运行；如果它其实没有打开，"
                               "这个锁文件是上次异常退出留下的，删除「{lock}」即可。"),
    ("run-book-unrepairable", E, "「{name}」内部有损坏的部分，这次没能保存（原文件未改动）。请关闭它，"
                                 "把同一文件夹中的备份「{backup}」复制一份，改名为「{name}」替换原文件后再试；"
                                 "备份之后做的修改需要重做。"),
    ("run-book-unrepairable-no-backup", E, "「{name}」内部有损坏的部分，这次没能保存（原文件未改动），"
                                           "也没有找到能用的备份。请用 qzxl workbook 新文件.xlsm 生成新工作簿，"
                                           "把数据复制过去。"),
    ("run-book-not-writable", E, "无法写入「{name}」（{reason}），没有写入。请关闭正在使用它的程序、"
                             "取消文件的只读属性，或用 --out 写到一个新文件。"),
    ("run-book-busy", E, "另一个操作正在修改「{name}」，等了 {seconds} 秒仍未结束，这次没有写入。请等它完成后再运行。"),
    ("run-export-out-is-file", E, "「{path}」是一个文件，不是文件夹。请为申报包另选一个文件夹（--out）。"),
    ("run-export-out-inside-input", E, "申报包不能放在「{folder}」里面（那是要读取的照片或附件文件夹），"
                                       "请另选一个文件夹。"),
    ("run-export-out-not-writable", E, "无法在「{path}」中写入（{reason}）。"
                                       "请另选一个有写入权限的文件夹，如桌面或「文档」。"),
    ("run-disk-full", E, "磁盘空间不足，没能写完「{path}」，已写的部分已删除。请清理磁盘后再试。"),
    ("run-no-attachments-folder", E, "没有找到附件文件夹：请在「方案」表的「附件文件夹」中填写，"
                                     "或在工作簿旁建「{default}」文件夹，放入学员的身份证照片。"),
    ("run-idcopy-busy", E, "另一个「身份证复印件」正在写「{name}」，请等它完成后再试。"),
    ("run-export-busy", E, "另一个导出正在生成同名申报包「{name}」，请等它完成后再试。"),
    # 考务材料 (qzxl exam-kit, the 考务材料 button): why it cannot run
    ("run-examkit-no-candidates", E, "「{sheet}」表中没有任何人员，无法生成考务材料。请先填写报名信息。"),
    ("run-examkit-no-exam-date", E, "方案表中没有考试日期，签到表、桌贴和门贴上都要印考试日期，请先填写「考试日期」。"),
    ("run-examkit-no-sessions", E, "没有人参加理论或实操考试（考核科目只有综合，或方案中没有应知、应会安排），"
                                   "没有考务材料可生成。请检查「考核科目」。"),
    ("run-examkit-busy", E, "另一个操作正在生成「{name}」，请等它完成后再试。"),
    ("run-examkit-tickets-no-room", E, "考场安排文件「{name}」中找到了姓名和证件号码，但没有「考场」列。"
                                       "请把考场那一列的表头改为「考场」（座位那一列为「座位号」）后再试。"),
    ("run-folder-too-broad", E, "「{folder}」是磁盘根目录或系统文件夹，不能当作照片或附件文件夹。"
                            "请选择只放照片或附件的文件夹。"),
    ("run-holidays-no-workday", E, "按「字典」表的放假调整，{first} 到 {last} 连续 {days} 天都放假，"
                                   "找不到可作截止日期的工作日。请检查放假调整：是否多填了日期，或把「上班」写成了「放假」。"),
    ("run-name-too-long", E, "文件名「{name}」太长，电脑上无法保存。"
                             "请换一个短一些的名字（或放到路径短一些的文件夹）再试。"),
    ("run-ics-not-writable", E, "没有权限在「{folder}」中写入日历文件，没有写入。"
                                "请在 --ics 后写一个可以写入的文件夹中的文件名（如桌面或「文档」里的）。"),
    ("run-ics-is-folder", E, "「{path}」是一个文件夹。请在 --ics 后写日历文件的文件名，如「{path}/考试日程.ics」。"),
    ("run-fix-out-is-file", E, "「{out}」是一个已有的文件，不是文件夹。请在 --fix 后写一个新文件夹的名字"
                               "（如「照片-已修复」）。"),
    ("run-fix-out-not-writable", E, "没有权限在「{folder}」中建立修复后的照片文件夹，什么也没有写入。"
                                    "请在 --fix 后写一个可以写入的文件夹（如桌面或「文档」里的）。"),
    ("run-build-out-is-folder", E, "「{out}」是一个文件夹。请写要生成的工作簿文件名（以 .xlsm 结尾），"
                                   "如在它后面加上「/报名.xlsm」。"),
    ("run-out-is-folder", E, "「{path}」是一个文件夹。请在 --out 后写要保存的工作簿文件名，如「{example}」。"),
    ("run-out-no-folder", E, "要保存到的文件夹「{folder}」不存在，请先建好它，"
                             "或在 --out 后写一个已有文件夹中的文件名。"),
    ("run-book-xls-renamed", E, "「{name}」其实是旧版 .xls 文件，只是扩展名写成了 {suffix}。"
                            "请在 Excel 中打开它，「另存为」.xlsx 后再选择新文件。"),
    # What the buttons say (alerts, questions, the status bar, the 校验结果 sheet's title): not findings
    ("button-unknown", E, "没有「{action}」这个功能，请重新生成工作簿（qzxl workbook）。"),
    ("button-failed", E, "「{label}」出现意外错误，未能完成。详细信息已记录在：\n{log}\n请把这个文件发给技术支持。"),
    ("button-cancelled", S, "已取消。"),
    ("button-about", S, "技能认定助手 qzxl {version}\nPython：{python}（{python_version}）\n工作簿：{book}\n"
                        "日志：{log}\n使用说明见 docs/用户指南.md。"),
    ("button-validate-status", S, "正在校验……"),
    ("button-validate-title", S, "校验结果（{time}）：{summary}"),
    ("button-validate-more", S, "详细问题见「校验结果」表，红色为错误，黄色为提醒。"),
    ("button-conditions-none", S, "没有需要填写的申报条件：空白的格子都对不上任何一条（请先「校验」看原因），"
                                  "或已全部填写。"),
    ("button-conditions-confirm", S, "将在 {count} 个空白的「申报条件」格中填入按表中信息符合的官方表述，"
                                     "已填写的不会改动。继续吗？"),
    ("button-conditions-done", S, "已填写 {count} 个申报条件。请逐条核对：表中看不出的（如所学专业是否对口）"
                                  "仍须人工确认。"),
    ("button-export-confirm", S, "导出前会先保存工作簿。继续吗？"),
    ("button-export-status", S, "正在导出申报材料……"),
    ("button-export-refused-title", S, "未导出：{summary}"),
    ("button-export-refused", E, "有 {errors} 个错误，未导出。请按「校验结果」表改正后再导出。"),
    ("button-export-title", S, "已导出（{folder}）：{summary}"),
    ("button-export-out-is-file", E, "工作簿旁边的「{path}」是一个文件，不是文件夹，申报包放不进去。"
                                     "请把这个文件改名或移走后再导出。"),
    ("button-fix-out-not-writable", E, "没有权限在「{folder}」中建立修复后的照片文件夹，什么也没有写入。"
                                       "请把工作簿和照片文件夹放到可以写入的文件夹（如桌面或「文档」）里再修复。"),
    ("button-export-done", S, "申报材料已导出到「{folder}」，共 {count} 个文件。\n{pdf_note}"),
    ("button-output-beside", S, "「{existing}」已存在，没有覆盖它；这次写到了旁边的「{path}」。"),
    ("button-examkit-confirm", S, "生成考务材料前会先保存工作簿。继续吗？"),
    ("button-examkit-status", S, "正在生成考务材料（签到表、桌贴、门贴）……"),
    ("button-examkit-refused-title", S, "未生成考务材料：{summary}"),
    ("button-examkit-refused", E, "有 {errors} 个错误会让签到表或桌贴印错姓名、证件号码或照片，未生成考务材料。"
                                  "请按「校验结果」表改正后再生成。"),
    ("button-examkit-tickets", S, "考场和座位按工作簿旁的「{name}」安排（没有这个文件时按方案的试场个数自动分配）。"),
    ("button-examkit-title", S, "考务材料（{folder}）：{summary}"),
    ("button-examkit-done", S, "考务材料已生成到「{folder}」：{rooms} 个考场，{count} 个文件。\n{pdf_note}"),
    ("button-clear-confirm", S, "要清除上次校验留下的颜色标注和批注吗？"),
    ("button-clear-title", S, "已清除标注"),
    ("button-clear-done", S, "已清除 {count} 个单元格的标注。"),
    ("button-photos-status", S, "正在检查照片……"),
    ("button-photos-title", S, "照片检查（{folder}）：{summary}"),
    ("button-fix-confirm", S, "将把修复后的照片写到新文件夹「{folder}」，原照片不会改动。继续吗？"),
    ("button-fix-status", S, "正在修复照片……"),
    ("button-fix-title", S, "照片修复（{folder}）：已修复 {written} 张，{unfixable} 项需人工处理"),
    ("button-fix-done", S, "已修复 {written} 张照片到「{folder}」，并打包为 {archive}。"),
    ("button-fix-manual", W, "有 {count} 项需要人工处理，见「校验结果」表。"),
    ("button-idcopy-status", S, "正在生成身份证复印件……"),
    ("button-idcopy-title", S, "身份证复印件（{folder}）：{summary}"),
    ("idcopy-done", S, "已生成 {count} 人的身份证复印件，放在「{folder}」（每人一个 PDF，另有一个全部人员的 PDF）。"
                       "打印时请选「实际大小」或 100%，不要选「适合页面」。"),
    ("idcopy-stamp-default", S, "仅供职业技能等级认定申报使用"),
    ("idcopy-stamp", S, "{text}  {year}年{month}月{day}日"),
    ("idcopy-none", S, "没有生成任何身份证复印件，原因见报告。"),
    ("idcopy-kept-pdf", S, "{count} 人的身份证附件本来就是 PDF，未改动。"),
    ("idcopy-not-made", W, "{count} 人的复印件无法生成：{names}。请按报告补拍。"),
    ("button-nodes-confirm", S, "「方案」表中已填有时间节点，要用建议的时间覆盖吗？"),
    ("button-nodes-done", S, "已按考试日期 {exam} 填好 {count} 个系统时间节点。"),
    ("button-nodes-done-process", S, "已按考试日期 {exam} 填好 {count} 个系统时间节点，「流程」表的日期随之更新。"),
    ("results-link", S, "转到"),
    ("results-files-sheet", S, "照片/附件"),
    # What the command line prints besides the report (stdout; stops and failures on stderr)
    ("cli-arguments", E, "命令参数有误（{detail}）。用 {prog} --help 查看用法。"),
    ("cli-date-invalid", S, "「{value}」不是日期，请写成 2026-12-18"),
    ("cli-count-invalid", S, "「{value}」不是人数，请写 1 或更大的整数，如 15"),
    # argparse's own messages, said again in Chinese (cli.arguments)
    ("cli-arg-needs-value", S, "{option} 后面要写一个值"),
    ("cli-arg-needs-values", S, "{option} 后面至少要写一个值"),
    ("cli-arg-no-command", S, "没有「{value}」这个命令，可用的有：{choices}{hint}"),
    ("cli-arg-invalid-choice", S, "{option} 不能是「{value}」，可选的有：{choices}{hint}"),
    ("cli-arg-did-you-mean", S, "（是不是 {choice}？）"),
    ("cli-arg-not-together", S, "{option} 不能与 {other} 同时使用"),
    ("cli-arg-bad-value", S, "{option} 后面的「{value}」不是有效的值"),
    ("cli-arg-takes-no-value", S, "{option} 后面不用写值（写了「{value}」）"),
    ("cli-arg-about", S, "{option} 的值：{message}"),
    ("cli-arg-command-missing", S, "缺少命令，如 qzxl validate 工作簿.xlsm"),
    ("cli-arg-required", S, "缺少必填的参数：{names}"),
    ("cli-arg-unknown", S, "不认识的参数：{arguments}"),
    ("cli-arg-one-of", S, "{options} 必须写一个"),
    ("cli-arg-ambiguous", S, "{option} 不明确，可能是 {matches}"),
    ("cli-help-usage", S, "用法："),
    ("cli-help-command", S, "命令"),
    ("cli-help-positionals", S, "参数"),
    ("cli-help-options", S, "选项"),
    ("cli-help-help", S, "显示本帮助并退出"),
    ("cli-help-version", S, "显示版本号并退出"),
    ("cli-cancelled", E, "已取消。"),
    ("cli-ask-yes-no", S, "请输入 Y（是）或 N（否），然后按回车："),
    ("cli-needs-confirmation", E, "这一步需要确认，但没有在终端中运行、无法询问，所以什么也没有做；"
                                  "确认要做请加 --yes 再运行。"),
    ("cli-failed", E, "出现意外错误，未能完成。详细信息已记录在 {log}，请把这个文件发给技术支持。"),
    ("cli-written", S, "已写入「{path}」"),
    ("cli-written-backup", S, "已写入「{path}」（原文件备份为「{backup}」）"),
    ("cli-nothing-written", S, "没有要写入的内容，工作簿未改动。"),
    ("cli-photos-fixed", S, "已修复 {written} 张照片到「{folder}」。"),
    ("cli-photos-fixed-zip", S, "已修复 {written} 张照片到「{folder}」，并打包为 {archive}。"),
    ("cli-photos-manual", S, "有 {count} 项需要人工处理："),
    ("cli-calendar-written", S, "日历文件：{path}（可导入 Outlook 或手机日历，截止日期前一天 9:00 提醒）"),
    ("cli-export-refused", E, "有 {errors} 个错误，未导出。请改正后再导出，或加 --force 连同校验报告一起强制导出。"),
    ("cli-export-done", S, "申报材料已导出到「{folder}」，共 {count} 个文件。"),
    ("cli-output-beside", S, "「{existing}」已存在，没有覆盖它；这次写到了旁边的「{path}」。"
                             "要替换原来的，请加 --replace。"),
    ("cli-export-see-report", S, "{summary} 详见 校验报告.xlsx。"),
    ("cli-examkit-refused", E, "有 {errors} 个错误会让签到表或桌贴印错姓名、证件号码或照片，未生成考务材料。"
                               "请改正后再生成，或加 --force 仍然生成。"),
    ("cli-examkit-done", S, "考务材料已生成到：{folder}（{rooms} 个考场，{count} 个文件）"),
    ("cli-workbook-done", S, "已生成工作簿：{path}"),
    ("cli-workbook-open", S, "打开时请点「启用内容」；功能区「技能认定」选项卡上是各个按钮。"),
    ("cli-scripts-done", S, "已在「{folder}」中写入 {count} 个文件：{files}"),
    ("cli-scripts-use", S, "把报名工作簿拖到某个 .cmd 文件上，就会执行对应按钮的功能。"),
    # The report's summary line and its places, as a clerk reads them (terminal, alerts, 校验结果 title)
    ("summary-people", S, "{count} 人"),
    ("summary-files", S, "{count} 个文件"),
    ("summary-clean", S, "共 {counted}，没有发现问题。"),
    ("summary-counts", S, "共 {counted}：{errors} 个错误（✗，必须改），{warnings} 个提醒（!，请核实）。"),
    ("summary-row", S, "{sheet} 第 {row} 行"),
    ("summary-whole-sheet", S, "整体"),
    ("summary-photo-folder", S, "照片文件夹"),
    ("progress-photos", S, "检查照片"),
    ("value-no-extension", S, "无扩展名"),
    ("value-access-denied", S, "拒绝访问"),
    # Why the system refused a file (qzxl.errors.os_reason), instead of its English strerror
    ("value-os-not-found", S, "文件或文件夹不存在"),
    ("value-os-disk-full", S, "磁盘已满"),
    ("value-os-read-only", S, "磁盘或文件夹是只读的"),
    ("value-os-busy", S, "正被其他程序使用"),
    ("value-os-exists", S, "已有同名的文件"),
    ("value-os-not-folder", S, "路径中有一段不是文件夹"),
    ("value-os-is-folder", S, "这是一个文件夹"),
    ("value-os-name-too-long", S, "文件名或路径太长"),
    ("value-os-other", S, "系统错误 {number}"),
    ("value-not-installed", S, "（未安装）"),
    ("port-folder-made", S, "已生成：{folder}"),
    # The texts of the built workbook's formulas, whose results the file port also caches (udfs/calculated.py)
    ("formula-deadline-moved", S, "开考前 {days} 天是非工作日，已提前到最近的工作日"),
    ("formula-contact-missing", S, "请先选择所属区县"),
    ("formula-follows-exam", S, "随考试日期自动计算"),
    ("formula-roster-org", S, "培训机构  {org}（盖章）"),
    ("formula-roster-class", S, "工种  {occupation}    等级  {level}    班别  {class_name}"
                                "    培训日期  {start} 至 {end}"),
    ("port-book-repaired", S, "「{name}」里有 {count} 处指向已删除内容的引用（如删掉最后一条批注后留下的），"
                              "保存时已修复；表中数据没有改动。"),
    # What the workbook's own VBA shows (filled into the modules when the workbook is built)
    ("alert-title", S, "技能认定"),
    ("vba-button-unknown", E, "这个按钮没有对应的功能，请重新生成工作簿。"),
    ("vba-folder-select-cell", S, "请先选中「方案」表中「照片文件夹」或「附件文件夹」右边的单元格，"
                                  "再点「选择文件夹」。"),
    ("vba-folder-picker-title", S, "选择文件夹"),
    ("vba-import-picker-title", S, "选择要导入的名单（可多选）"),
    ("vba-import-filter", S, "名单或问卷导出"),
    ("vba-scores-picker-title", S, "选择学校发来的成绩单（可多选）"),
    ("vba-scores-filter", S, "成绩单"),
    # The schedule as the command line prints it, and the calendar file
    ("schedule-text-exam", S, "考试日期 {exam}（{weekday}）"),
    ("schedule-text-deadlines", S, "截止日期（遇节假日提前到之前最近的工作日）："),
    ("schedule-text-nodes-proposed", S, "系统时间节点（建议方案，天数{counting}）："),
    ("schedule-text-nodes-filled", S, "系统时间节点（方案表中填写，天数{counting}）："),
    ("schedule-text-checklist", S, "流程清单："),
    ("schedule-text-attention", S, "需要注意："),
    ("calendar-name", S, "技能等级认定 {exam}"),
    ("calendar-estimated", S, "{label}（预估）"),
    ("calendar-estimated-year", S, "{label}（按 {year} 年预估的放假安排）"),
    ("calendar-reminder", S, "明天截止：{label}"),
    # What qzxl demo prints
    ("demo-batch", S, "示例批次：{occupation} {level}，{count} 人，考试日期 {exam}"),
    ("demo-book", S, "工作簿：{book}"),
    ("demo-book-done", S, "  已按考试日期填好时间节点，校验出的问题已在单元格上标红/标黄，并列在「校验结果」表。"),
    ("demo-photos", S, "照片：{folder}（故意放了：{mistakes}）"),
    ("demo-export", S, "申报材料：{folder}（{count} 个文件）"),
    ("demo-examkit", S, "考务材料：{folder}（{rooms} 个考场，{count} 个文件）"),
    ("demo-report", S, "校验结果：{summary}"),
    ("demo-mistakes", S, "其中报名信息里故意放了 {count} 处常见错误（校验位、手机号、性别、身份证存成数字、"
                         "民族和学历写法、出生日期、漏填、申报条件），都已列出。"),
    ("demo-forced", S, "因有错误，申报包是强制导出的（即 qzxl export 加 --force），校验报告.xlsx 中列出了全部问题。"),
    ("demo-scores", S, "考试之后：导入「{source}」，{people} 人中合格 {passed} 人，需补考 {retake} 人，"
                       "无成绩 {missing} 人（{errors} 个错误，{warnings} 个提醒，见「成绩」表）；名单在 {folder}"),
    ("demo-retake", S, "补考工作簿：{path}（{count} 人）"),
    ("demo-archive", S, "资料汇总：{folder}（{count} 个文件，已逐一核对 SHA-256，另有同名 .zip）"),
)

# Codes the workbook's native formulas check as the clerk types (workbook/native.py), with the short reason
# its 自动检查 column shows. Left out, and why: id-birth-future and exam-in-past need TODAY() (volatile);
# email-invalid follows email-validator's full grammar, which no portable formula reproduces;
# name-implausible needs Unicode categories; id-other-length and text-too-long are rare and left to 校验.
NATIVE_TITLES = MappingProxyType({
    "required-missing": "必填项未填",
    "number-stored-id": "证件号码被存成数字",
    "id-old-15-digit": "旧的15位证件号码",
    "id-length": "证件号码位数不对",
    "id-invisible-characters": "证件号码含看不见的字符",
    "id-format": "证件号码含非法字符",
    "id-check-digit": "证件号码校验位不对",
    "id-birth-too-early": "证件号码中的出生年份过早",
    "id-birth-date": "证件号码中的出生日期无效",
    "id-permit-as-resident-card": "这是居住证号码",
    "id-province": "证件号码省份代码无效",
    "id-permit-region": "居住证号码开头不对",
    "gender-mismatch": "性别与证件号码不符",
    "birth-mismatch": "出生日期与证件号码不符",
    "age-under-16": "考试时未满16周岁",
    "mobile-invalid": "手机号码无效",
    "option-unknown": "不在下拉列表中",
    "id-duplicate": "证件号码重复",
    "roster-extra": "报名信息中没有此人",
    "roster-mismatch": "与报名信息不一致",
})
# Which of them each table's 自动检查 column checks (qzxl.report.native_on names the sheets): the 花名册's checks
# its own columns and its agreement with 报名信息. roster-missing stays with 校验: it concerns 报名信息 rows,
# and the 花名册 follows 报名信息 row by row until a clerk types over it.
NATIVE_CODES = MappingProxyType({
    "registration": frozenset(NATIVE_TITLES) - {"roster-extra", "roster-mismatch"},
    "roster": frozenset({"required-missing", "number-stored-id", "id-invisible-characters", "id-duplicate",
                         "roster-extra", "roster-mismatch"}),
})

# Where full ID numbers may be shown (the cell note in the clerk's own workbook), a code may say more.
# Every other place shows the message above, which survives masking.
NOTES: MappingProxyType[str, str] = MappingProxyType({
    # Beside the full numbers of 报名信息, advice that names a file gives the name to type, in full.
    "photo-missing": "{name}（{id}）没有照片，请补拍，文件名为 {expected}。",
    "photo-duplicate": "{name}（{id}）有 {count} 张照片（{files}），只能留一张。",
    "id-old-15-digit": "这是 15 位的旧身份证号码，系统只收 18 位。对应的 18 位号码应为 {upgraded}"
                       "（第 6 位后插入 19，末尾校验位 {check}），请对照本人证件确认后填入。",
})

# Codes whose one sentence has several causes: the rule passes the cause as a stable key in ``reason`` (data,
# shown as such in the JSON), and the words for it come from here. A fragment may use the code's parameters.
_REASON_WORDS = {
    "name-implausible": {
        "name-digit": "含有数字",
        "name-one-character": "只有一个字",
        "name-symbol": "含有符号「{symbol}」",
        "name-mixed-scripts": "中文和字母混在一起",
    },
    "email-invalid": {
        "email-no-at": "缺少 @",
        "email-several-at": "有多个 @",
        "email-empty-local": "@ 前面是空的",
        "email-domain-incomplete": "@ 后面的域名不完整",
        "email-character": "含有邮箱中不允许的字符",
    },
    "tax-id-invalid": {
        "tax-id-length": "应为 18 位",
        "tax-id-format": "只能是数字和大写字母，且不含 I、O、Z、S、V",
        "tax-id-check-digit": "最后一位校验码不对",
        "tax-id-registration": "登记管理部门或机构类别代码不对",
    },
    "photo-not-image": {
        "image-empty": "空文件",
        "image-unidentified": "无法识别的文件格式",
        "image-truncated": "文件不完整",
        "image-damaged": "图片数据已损坏",
    },
    "photo-unfixable": {
        "fix-size-bounds": "无法把文件大小调整到 30K–2M 之间",
        "fix-undecodable": "文件无法解码",
        "fix-too-small": "只有 {width}×{height} 像素，放大会更模糊",
        "fix-landscape": "照片是横的，需要人工裁剪成竖版",
        "fix-no-owner": "无法确定是哪位学员的照片（文件名中的身份证号和姓名都对不上唯一的学员）",
        "fix-second-photo": "同一学员已有一张照片，这张没有复制",
        "fix-workbook-id": "照片按文件名中看起来正确的身份证号保留原名复制，"
                           "但报名信息第 {row} 行{name}的证件号码校验不通过，请改正那个单元格",
        "fix-background": "背景不是白色（已复制，但需要重拍或人工确认）",
        "fix-blurred": "照片不清晰（已复制，但需要重拍或人工确认）",
        "fix-edited": "照片经过修图软件处理（已复制，但需要重拍或人工确认）",
        "fix-no-face": "照片中找不到人脸（已复制，但需要换成本人证件照）",
        "fix-faces": "照片中不止一张人脸（已复制，但需要换成单人证件照）",
        "fix-face-tilted": "头部歪斜（已复制，但需要重拍）",
        "fix-face-large": "人脸太大，裁剪补不回被裁掉的部分（已复制，但需要重拍）",
        "fix-face-top": "头顶被裁掉或紧贴上边，裁剪补不回（已复制，但需要重拍）",
        "fix-crop-no-room": "人脸离照片边缘太近，按证件照构图裁剪会切到头部（已复制，未裁剪）",
        "fix-crop-too-small": "按证件照构图裁剪后只剩 {width}×{height} 像素，不足 215×300（已复制，未裁剪）",
    },
    "archive-unsafe": {
        "zip-outside": "的路径指向压缩包之外",
        "zip-link": "是符号链接",
        "zip-ratio": "的压缩比异常（疑似压缩炸弹）",
        "zip-encrypted": "设置了密码，无法读取（请解压后直接选择照片文件夹，或不加密码重新打包）",
        "zip-name-clash": "的名字无效，或与压缩包中另一个文件或文件夹同名",
        "zip-oversize": "解压后比声明的大小更大，或超出总大小限制",
        "zip-name-too-long": "的文件名太长，电脑上无法保存（请把它改成「身份证号+姓名.jpg」后重新打包）",
    },
    "photo-fixed": {  # what the export did about each problem it fixed, by the problem's code (a list of them)
        "photo-format": "转为真正的 JPG",
        "photo-extension": "转为 JPG",
        "photo-file-too-large": "压缩到 2M 以内",
        "photo-file-too-small": "重新编码到 30K 以上",
        "photo-cmyk": "转为 RGB",
        "photo-rotated": "按旋转标记转正",
        "photo-too-many-pixels": "缩小尺寸",
        "photo-name": "按报名信息改名",
        "photo-name-mismatch": "按报名信息改名",
        "photo-name-id-mismatch": "按报名信息改名",
        "photo-face-small": "裁剪为证件照构图",
        "photo-face-off-centre": "裁剪为证件照构图",
    },
    "photo-face-off-centre": {
        "face-left": "左侧",
        "face-right": "右侧",
    },
    "import-source": {  # how the source was read: a text file's encoding, or nothing to say (a workbook)
        "source-encoding": "，编码 {encoding}",
        "source-workbook": "",
    },
    "import-duplicate": {  # the two rows of one ID number compared
        "duplicate-differs": "两处不同：{differences}",
        "duplicate-same": "两处不同：无",
    },
    "attachment-unreadable": {
        "attachment-not-pdf": "不是 PDF 文件",
        "attachment-pdf-truncated": "PDF 文件不完整",
        "attachment-image-damaged": "图片无法打开或已损坏",
    },
}
REASONS: MappingProxyType[str, MappingProxyType[str, str]] = MappingProxyType(
    {code: MappingProxyType(words) for code, words in _REASON_WORDS.items()})
# the parameter holding the key, where not "reason"
REASON_PARAMS = MappingProxyType({"photo-fixed": "fixes", "import-source": "read_as", "import-duplicate": "compared",
                                  "photo-face-off-centre": "side"})

# --- 申报条件: the words the eligibility rule puts around the regulations' sentences ---------------------------
# The rule passes keys and parameters, never sentences. A parameter named in PHRASED is a word key, an item
# {"key": word key, **the word's parameters}, or a list of them, shown joined by the code's separator; inside an
# item a list of values or items is joined by SERIES_SEPARATOR and a blank value is shown as BLANK. The JSON
# report shows the keys and items as they are.
LIST_SEPARATOR = "；"
SERIES_SEPARATOR = "、"
BLANK = "未填"
ELIGIBILITY_WORDS: MappingProxyType[str, str] = MappingProxyType({
    # what the sentence goes by (basis)
    "basis-2023": "《国家职业标准编制技术规程（2023年版）》",
    "basis-2018": "2018年版职业技能标准",
    "basis-table": "「字典」表中{occupation}的申报条件",
    # why the data contradicts a route
    "route-needs-work": "这一条要求已从事本职业，工作年限为 0 或未填",
    "route-already-working": "已从事本职业 {years:g} 年，应写「从事本职业或相关职业工作」一条",
    "route-years-short": "工作年限 {years:g} 年，这一条需要 {needed:g} 年",
    "route-level-short": "原鉴定等级为「{held}」，这一条需要 {needs} 证书",
    "route-cert-recent": "原等级发证日期（{date}）到 {on} 不满 {needed:g} 年",
    "route-title-short": "现职称等级为「{held}」，这一条需要{needs}职称",
    "route-title-recent": "职称取得日期（{date}）到 {on} 不满 {needed:g} 年",
    "route-graduates-only": "这一条要求已毕业，考生来源是在校生",
    "route-students-only": "这一条只适用于在读学生，考生来源不是在校生",
    "route-school-other": "毕业院校类别「{school}」不在这一条之列",
    "route-education-other": "文化程度「{education}」不是这一条要求的学校",
    "route-not-claimed": "申报条件中没有写明这一条",
    # what to fill in to decide a route, and a route undecided (its sentence without the full stop)
    "route-years-blank": "工作年限未填",
    "route-years-implausible": "工作年限 {years:g} 年多于按年龄最多可能的 {most} 年，请先核对工作年限",
    "route-student-school": "在校生请在「毕业院校类别」中选择就读的学校和班级",
    "route-education-vague": "文化程度「{education}」看不出是哪类学校或班级，请填「毕业院校类别」",
    "route-undecided": "「{route}」{missing}",
    # a route in the list of those none of which is met
    "route-listed": "（{number}）{sentence}",
    # what the data cannot decide, to check by hand
    "check-same-field": "毕业证书的专业与申报职业相同或相关",
    "check-assessed": "该校该专业经过评估论证（以相应技能为培养目标）",
    "check-title-field": "职称的专业与申报职业有对应关系",
    "check-apprentice": "学徒期满的证明（由单位出具）",
    "check-unsettled": "这一条没有找到权威原文，请向技师学院核实是否适用",
    # why a row of the 字典 table's 申报条件 cannot be used
    "table-no-occupation": "没有填职业",
    "table-level-invalid": "等级应为五级/初级工到一级/高级技师中的一个，或留空表示所有等级",
    "table-basis-and-sentence": "「条件依据」和「自定申报条件」只填一项",
    "table-basis-unknown": "条件依据填 2023 或 2018",
    "table-nothing": "请填「条件依据」（2023 或 2018）或「自定申报条件」",
    "table-sentence-level": "自定申报条件要写明适用等级",
    "table-years-number": "年限只能填数字",
    "table-level-unknown": "不是五级到一级中的一个",
    "table-title-unknown": "职称填 初级、中级、副高级 或 正高级",
    "table-school-unknown": "院校类别可选：{choices}",
})
# code → the parameters that are phrased, with the separator of their list.
PHRASED = MappingProxyType({
    "eligibility-not-met": {"basis": "", "routes": ""},
    "eligibility-unclear": {"basis": "", "missing": LIST_SEPARATOR},
    "eligibility-check": {"basis": "", "check": LIST_SEPARATOR},
    "condition-contradicted": {"basis": "", "reason": LIST_SEPARATOR},
    "condition-undecided": {"missing": LIST_SEPARATOR},
    "eligibility-table-unreadable": {"reason": ""},
})


def phrase(value: object, separator: str = SERIES_SEPARATOR) -> str:
    """A word key, an item or a list of them in words.

    >>> phrase([{"key": "route-years-short", "years": 3.0, "needed": 5.0}, "route-years-blank"], "；")
    '工作年限 3 年，这一条需要 5 年；工作年限未填'
    """
    if isinstance(value, (list, tuple)):
        return separator.join(phrase(item) for item in value)
    if isinstance(value, Mapping):
        return ELIGIBILITY_WORDS[str(value["key"])].format(
            **{name: _in_words(part) for name, part in value.items() if name != "key"})
    return ELIGIBILITY_WORDS[str(value)]


def _in_words(value: object) -> object:
    if isinstance(value, Mapping):
        return phrase(value)
    if isinstance(value, (list, tuple)):
        return SERIES_SEPARATOR.join(str(_in_words(part)) for part in value)
    return BLANK if value == "" else value

# Why a date of the schedule is where it is (qzxl.dates.schedule): the deadlines' and the 流程 steps' notes.
_SCHEDULE_NOTES = (
    ("schedule-counting-inclusive", S, "含首尾两天"),  # how the college counts a period
    ("schedule-moved-weekend", S, "{nominal} 是{weekday}，提前到 {due}（{due_weekday}）"),
    ("schedule-moved-day-off", S, "{nominal}（{weekday}）是{why}，提前到 {due}（{due_weekday}）"),
    ("schedule-step-by-node", S, "按「{node}」"),
    ("schedule-step-node-open", S, "「{node}」未定"),
    ("schedule-step-undated", S, "流程文本未给出期限"),
)

CATALOGUE: MappingProxyType[str, CatalogueEntry] = MappingProxyType(
    {code: CatalogueEntry(code, severity, template, NATIVE_TITLES.get(code, ""))
     for code, severity, template in (*_ENTRIES, *_SCHEDULE_NOTES)}
)



def say(code: str, /, **params: object) -> str:
    """The sentence for ``code`` with ``params``: what buttons and commands print that is not a finding.

    >>> say("button-clear-done", count=3)
    '已清除 3 个单元格的标注。'
    """
    return CATALOGUE[code].render(**params)
