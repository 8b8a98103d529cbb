"""A button's question on the command line: --yes, the hidden --no, a terminal that asks, else exit 3 and nothing done."""

import pytest
from conftest import file_digest

from cli import commands as cli
from cli.commands import EXIT_NEEDS_CONFIRMATION, main
from qzxl.sample import generate_batch

QUESTIONS = [  # (action, what the workbook needs for the action to ask)
    ("clear_marks", "plain"),
    ("schedule", "plain"),  # the sample plan has its nodes filled, so 计算时间节点 asks before overwriting
    ("export", "plain"),
    ("fix_photos", "photos"),
]


@pytest.fixture
def book(write_book, tmp_path):
    batch = generate_batch(4, mistakes=0)
    path = write_book(batch.plan, batch.candidates)
    return path


def _with_photos(book):
    (book.parent / "照片").mkdir()
    return book


@pytest.mark.parametrize(("action", "needs"), QUESTIONS)
def test_without_a_terminal_or_yes_nothing_is_done_and_the_exit_code_is_3(action, needs, book, capsys, monkeypatch):
    monkeypatch.setattr(cli, "in_terminal", lambda: False)
    book = _with_photos(book) if needs == "photos" else book
    before = file_digest(book)
    folders = sorted(p.name for p in book.parent.iterdir())
    assert main(["action", action, str(book)]) == EXIT_NEEDS_CONFIRMATION == 3
    err = capsys.readouterr().err
    assert "--yes" in err and "什么也没有做" in err
    assert file_digest(book) == before
    assert sorted(p.name for p in book.parent.iterdir()) == folders  # no backup, no package, no photo folder


@pytest.mark.parametrize(("action", "needs"), QUESTIONS)
def test_the_hidden_no_answers_no_explicitly_and_exits_0(action, needs, book, capsys, monkeypatch):
    monkeypatch.setattr(cli, "in_terminal", lambda: False)
    book = _with_photos(book) if needs == "photos" else book
    before = file_digest(book)
    assert main(["action", action, "--no", str(book)]) == 0
    assert file_digest(book) == before
    assert "--yes" not in capsys.readouterr().err


def test_yes_and_no_together_is_refused(book):
    assert main(["action", "schedule", "--yes", "--no", str(book)]) == 2


def test_in_a_terminal_the_question_is_asked_and_the_answer_waited_for(book, capsys, monkeypatch):
    monkeypatch.setattr(cli, "in_terminal", lambda: True)
    replies = iter(["", "maybe", "n"])  # anything but Y or N asks again
    monkeypatch.setattr("builtins.input", lambda prompt="": next(replies))
    before = file_digest(book)
    assert main(["action", "clear_marks", str(book)]) == 0
    assert file_digest(book) == before
    assert "要清除" in capsys.readouterr().out
    monkeypatch.setattr("builtins.input", lambda prompt="": "Y")
    assert main(["action", "clear_marks", str(book)]) == 0
    assert file_digest(book) != before
    assert "已清除" in capsys.readouterr().out


def test_end_of_input_in_a_terminal_answers_no(book, monkeypatch):
    monkeypatch.setattr(cli, "in_terminal", lambda: True)

    def closed(prompt=""):
        raise EOFError

    monkeypatch.setattr("builtins.input", closed)
    before = file_digest(book)
    assert main(["action", "schedule", str(book)]) == 0
    assert file_digest(book) == before


def test_a_terminal_is_standard_input_and_output_both(monkeypatch):
    class Stream:
        def __init__(self, tty):
            self.tty = tty

        def isatty(self):
            return self.tty

    for stdin, stdout, expected in ((True, True, True), (True, False, False), (False, True, False)):
        monkeypatch.setattr("sys.stdin", Stream(stdin))
        monkeypatch.setattr("sys.stdout", Stream(stdout))
        assert cli.in_terminal() is expected
    monkeypatch.setattr("sys.stdin", None)
    assert cli.in_terminal() is False


def test_an_action_with_no_question_runs_without_yes(book, monkeypatch):
    monkeypatch.setattr(cli, "in_terminal", lambda: False)
    assert main(["action", "validate", str(book)]) in (0, 1)
