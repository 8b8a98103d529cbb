"""argparse's own messages in Chinese: a usage error names the command and the option, and no English is left.

Each case is what a clerk types by mistake and the sentence they should read (argparse 3.10–3.13 wording).
"""

import re

import pytest

from cli.arguments import usage_error
from cli.commands import main

FRAME = "命令参数有误（{detail}）。用 {prog} --help 查看用法。\n"
COMMANDS = "validate、photos、schedule、export、exam-kit、idcopy、import、scores、retake、archive、workbook、action、scripts、demo"

CASES = [
    ([], "qzxl", "缺少命令，如 qzxl validate 工作簿.xlsm"),
    (["valdate", "报名.xlsm"], "qzxl", f"没有「valdate」这个命令，可用的有：{COMMANDS}（是不是 validate？）"),
    (["frobnicate"], "qzxl", f"没有「frobnicate」这个命令，可用的有：{COMMANDS}"),
    (["schedule", "--exam"], "qzxl schedule", "--exam 后面要写一个值"),
    (["schedule", "--exam", "2026-13-01"], "qzxl schedule", "--exam 的值：「2026-13-01」不是日期，请写成 2026-12-18"),
    (["schedule", "--exam", "2026-12-18", "--check", "报名.xlsm"], "qzxl schedule",
     "--check 不能与 --exam 同时使用"),
    (["validate", "报名.xlsm", "--bogus"], "qzxl validate", "不认识的参数：--bogus"),
    (["export", "报名.xlsm", "--out", "申报", "--zipp"], "qzxl export", "不认识的参数：--zipp"),
    (["export", "报名.xlsm"], "qzxl export", "缺少必填的参数：--out"),
    (["export", "报名.xlsm", "--zip=3", "--out", "申报"], "qzxl export", "--zip 后面不用写值（写了「3」）"),
    (["photos"], "qzxl photos", "缺少必填的参数：DIR_OR_ZIP"),
    (["import", "名单.xlsx"], "qzxl import", "缺少必填的参数：--book"),
    (["action", "validat", "报名.xlsm"], "qzxl action",
     "ID 不能是「validat」，可选的有：validate、clear_marks、fill_conditions、import_list、check_photos、"
     "fix_photos、id_copies、schedule、export、exam_kit、import_scores、make_retake、archive、about（是不是 validate？）"),
]


@pytest.mark.parametrize(("argv", "prog", "detail"), CASES)
def test_usage_errors_in_chinese(argv, prog, detail, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err == FRAME.format(detail=detail, prog=prog)


@pytest.mark.parametrize(("argv", "_prog", "_detail"), CASES)
def test_no_english_words_reach_the_clerk(argv, _prog, _detail, capsys):
    main(argv)
    err = capsys.readouterr().err
    words = set(re.findall(r"[A-Za-z_]{3,}", re.sub(r"--?[\w-]+|qzxl( \w+)?|[\w.]+\.xlsm|[A-Z_]{2,}", "", err)))
    words -= {"validate", "photos", "schedule", "export", "import", "workbook", "action", "scripts", "demo",
              "exam", "kit", "idcopy", "scores", "retake", "archive", "id_copies", "exam_kit", "import_scores",
              "make_retake",
              "valdate", "frobnicate", "validat", "clear_marks", "fill_conditions", "import_list", "check_photos",
              "fix_photos", "about", "help"}
    assert words == set(), err


@pytest.mark.parametrize(("english", "chinese"), [
    ("argument --exam: expected at most one argument", "--exam 后面要写一个值"),
    ("argument SRC: expected at least one argument", "SRC 后面至少要写一个值"),
    ("argument --count: invalid int value: 'x'", "--count 后面的「x」不是有效的值"),
    ("one of the arguments --exam --check is required", "--exam、--check 必须写一个"),
    ("ambiguous option: --ex could match --exam, --exam-date", "--ex 不明确，可能是 --exam、--exam-date"),
    ("the following arguments are required: BOOK, --out", "缺少必填的参数：BOOK、--out"),
    ("something argparse may say one day", "something argparse may say one day"),  # kept, never lost
])
def test_every_argparse_sentence_we_know(english, chinese):
    assert usage_error(english) == chinese


def test_help_headings_are_chinese(capsys):
    assert main(["schedule", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：qzxl schedule")
    assert "选项" in out and "显示本帮助并退出" in out
    assert "usage" not in out and "options" not in out and "show this help" not in out
