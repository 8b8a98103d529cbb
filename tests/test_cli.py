"""The CLI contract: exit codes, the JSON shape, Chinese one-liners on stderr, no tracebacks."""

import datetime as dt
import json
import re

import pytest

from cli.commands import main
from qzxl.report import Issue
from qzxl.sample import generate_batch


@pytest.fixture
def sample_book(write_book):
    batch = generate_batch(12)
    return write_book(batch.plan, batch.candidates)


def test_validate_json_shape_and_exit_code(sample_book, capsys):
    assert main(["validate", str(sample_book), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["summary"]["candidates"] == 12
    assert out["summary"]["errors"] == sum(i["severity"] == "error" for i in out["issues"]) > 0
    assert set(out["issues"][0]) == {"code", "severity", "native", "sheet", "row", "column", "cell", "value", "key",
                                     "message", "params"}
    native = {i["code"]: i["native"] for i in out["issues"]}
    assert native["id-check-digit"] is True, "the workbook's formulas check the check digit too"
    assert all(flag is False for code, flag in native.items() if code.startswith("eligibility")), native
    assert all(not any(ch.isdigit() for ch in i["value"][4:-4]) for i in out["issues"] if i["column"] == "证件号码"
               and len(i["value"]) == 18), "ID numbers are masked"


def test_validate_json_issues_carry_the_field_key_and_their_parameters(sample_book, capsys):
    main(["validate", str(sample_book), "--json"])
    issues = json.loads(capsys.readouterr().out)["issues"]
    check_digit = next(i for i in issues if i["code"] == "id-check-digit")
    assert check_digit["key"] == "id_number" and set(check_digit["params"]) == {"expected"}
    assert len(check_digit["params"]["expected"]) == 1  # one character: a digit or X
    for issue in issues:
        text = json.dumps(issue["params"], ensure_ascii=False)
        assert not re.search(r"\d{17}[\dX]", text), "ID numbers in parameters are masked like the message"


def test_issue_parameters_are_masked_and_dates_iso():
    issue = Issue.create("roster-missing", params={"name": "张三", "id": "330822199012153426"})
    assert dict(issue.as_dict()["params"]) == {"name": "张三", "id": "3308**********3426"}
    issue = Issue.create("age-under-16", params={"exam": dt.date(2026, 12, 18), "age": 15}, key="id_number",
                         sheet="报名信息", row=5, column="证件号码", cell="C5")
    data = json.loads(json.dumps(issue.as_dict(), ensure_ascii=False))
    assert data["params"] == {"exam": "2026-12-18", "age": 15} and data["key"] == "id_number"


def test_validate_table_groups_by_row(sample_book, capsys):
    main(["validate", str(sample_book)])
    out = capsys.readouterr().out
    assert "报名信息 第 3 行" in out
    assert out.strip().splitlines()[-1].startswith("共 12 人")


def test_clean_book_exits_zero(write_book, capsys):
    batch = generate_batch(3, mistakes=False)
    assert main(["validate", str(write_book(batch.plan, batch.candidates))]) == 0


def test_unreadable_book_exits_two_with_one_chinese_line(capsys):
    assert main(["validate", "nope.xlsx"]) == 2
    err = capsys.readouterr().err
    assert "找不到文件" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "words"),
    [(["validate", "x.xlsx", "--exam-date", "明天"], "不是日期"), (["frobnicate"], "命令参数有误")],
)
def test_bad_arguments_exit_two_in_chinese(args, words, capsys):
    assert main(args) == 2  # argparse's own exit becomes the return value, like every other stop
    assert words in capsys.readouterr().err


def test_unexpected_failure_is_logged_masked_and_one_sentence(monkeypatch, tmp_path, capsys, sample_book):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)

    def explode(*args, **kwargs):
        raise RuntimeError("bad row 330822199012153426")

    monkeypatch.setattr("usecases.validate.check_workbook", explode)
    import qzxl.log

    monkeypatch.setattr(qzxl.log.LOGGER, "handlers", [])
    assert main(["validate", str(sample_book)]) == 2
    err = capsys.readouterr().err
    assert "出现意外错误" in err and "Traceback" not in err
    log = (tmp_path / "state" / "qzxl" / "qzxl.log").read_text(encoding="utf-8")
    assert "3308**********3426" in log and "330822199012153426" not in log
