"""Every remedy a message names exists on the command that printed it; a button's words name no option.

Each ``qzxl X`` a sentence names is a command, and each ``--option`` it names is parsed against the parser of
the command that prints it (or of the ``qzxl X`` the sentence itself names), as a clerk would type it.
"""

import re

import pytest

from cli.commands import CLI_ACTION_WORDS, build_parser, main
from qzxl.catalogue import CATALOGUE
from qzxl.sample import generate_batch
from udfs.file_port import FilePort
from udfs.runner import ACTION_WORDS, run_action

COMMANDS = ("validate", "photos", "schedule", "export", "exam-kit", "idcopy", "import", "scores", "retake", "archive",
            "workbook", "action", "scripts", "demo")
# The sentences that name an option, and the commands that print them. Any other sentence may be shown in
# Excel (a finding in 校验结果, a button's alert), where only buttons, cells and files may be named.
PRINTED_BY = {
    "run-schedule-source": ("schedule",),
    "run-build-exists": ("workbook",),
    "run-ics-not-writable": ("schedule",),
    "run-ics-is-folder": ("schedule",),
    "run-fix-out-is-file": ("photos",),
    "run-fix-out-not-writable": ("photos",),
    "run-book-not-writable": ("action", "import"),  # the file port's save: never the live port
    "run-out-is-folder": ("action", "import"),
    "run-out-no-folder": ("action", "import"),
    "run-export-out-is-file": ("export",),  # a button says ACTION_WORDS' sentence instead
    "cli-arguments": COMMANDS,
    "cli-export-refused": ("export",),
    "cli-examkit-refused": ("exam-kit",),
    "cli-needs-confirmation": ("action",),
    "cli-output-beside": ("export", "photos", "workbook", "schedule", "action", "import"),
    "cli-action-import-no-sources": ("action",),
    "cli-action-scores-no-sources": ("action",),
    "demo-forced": ("demo",),
}
OPTION = re.compile(r"(?<![\w-])--[a-z][a-z-]*")
COMMAND = re.compile(r"qzxl ([a-z][a-z-]*)")


def subparsers():
    parser = build_parser()
    (commands,) = [a for a in parser._actions if a.choices and "validate" in a.choices]
    return commands.choices


def options_of(command: str) -> set[str]:
    return set(subparsers()[command]._option_string_actions)


def test_the_commands_listed_are_the_commands():
    assert set(subparsers()) == set(COMMANDS)


def test_exactly_the_listed_sentences_name_an_option():
    naming = {code for code, entry in CATALOGUE.items() if OPTION.search(entry.template)}
    assert naming == PRINTED_BY.keys()


@pytest.mark.parametrize("code", sorted(PRINTED_BY))
def test_every_option_a_sentence_names_exists_on_the_command_that_prints_it(code):
    template = CATALOGUE[code].template
    named = COMMAND.findall(template)
    commands = named or PRINTED_BY[code]  # "qzxl export 加 --force": the option is export's
    for command in commands:
        assert set(OPTION.findall(template)) <= options_of(command), (code, command)


@pytest.mark.parametrize("code", sorted(code for code, e in CATALOGUE.items() if COMMAND.search(e.template)))
def test_every_command_a_sentence_names_exists(code):
    assert set(COMMAND.findall(CATALOGUE[code].template)) <= set(COMMANDS)


def test_a_button_says_no_option():
    for code, entry in CATALOGUE.items():
        if code.startswith(("button-", "port-", "results-", "alert-", "vba-")):
            assert not OPTION.search(entry.template), code
    for stop, instead in ACTION_WORDS.items():
        assert OPTION.search(CATALOGUE[stop].template) and not OPTION.search(CATALOGUE[instead].template)


def test_the_cli_words_of_an_action_point_to_the_command_line(write_book, capsys):
    batch = generate_batch(2, mistakes=False)
    book = write_book(batch.plan, batch.candidates)
    assert main(["action", "import_list", str(book)]) == 2
    said = capsys.readouterr().err
    assert said.strip() == CATALOGUE[CLI_ACTION_WORDS["run-import-no-sources"]].render()
    assert "qzxl import" in said
    port = FilePort(book)  # the button (through any port) keeps its own words: its picker chose nothing
    assert not run_action("import_list", port)
    assert port.messages[-1] == CATALOGUE["run-import-no-sources"].render()


def test_the_export_button_blocked_by_a_file_names_the_file_not_an_option(write_book):
    batch = generate_batch(2, mistakes=False)
    book = write_book(batch.plan, batch.candidates)
    (book.parent / "申报材料").write_text("not a folder", encoding="utf-8")
    port = FilePort(book, answer=True)
    assert not run_action("export", port)
    assert port.messages[-1] == CATALOGUE["button-export-out-is-file"].render(path="申报材料")
    assert "--" not in port.messages[-1]


def test_the_fix_photos_button_in_a_locked_folder_names_no_option(write_book, monkeypatch):
    from qzxl.errors import CannotRun
    from qzxl.photos import fix

    batch = generate_batch(2, mistakes=False)
    book = write_book(batch.plan, batch.candidates)
    (book.parent / "照片").mkdir()

    def locked(*args, **kwargs):
        raise CannotRun("run-fix-out-not-writable", folder=book.parent)

    monkeypatch.setattr(fix, "fix_photos", locked)
    port = FilePort(book, answer=True)
    assert not run_action("fix_photos", port)
    assert port.messages[-1] == CATALOGUE["button-fix-out-not-writable"].render(folder=book.parent)


def test_each_named_remedy_parses():
    """The remedies as typed: each parses on its command (the runs themselves are in their own tests)."""
    typed = [["schedule", "--exam", "2026-12-18"], ["schedule", "--check", "b.xlsx"],
             ["workbook", "b.xlsm", "--replace"], ["action", "validate", "b.xlsx", "--out", "c.xlsx"],
             ["import", "a.csv", "--book", "b.xlsx", "--out", "c.xlsx"], ["export", "b.xlsx", "--out", "d", "--force"],
             ["export", "b.xlsx", "--out", "d", "--replace"], ["photos", "p", "--fix", "q", "--replace"],
             ["action", "schedule", "b.xlsx", "--yes"]]
    for argv in typed:
        assert build_parser().parse_args(argv).command == argv[0]


def test_the_cli_words_of_import_scores_point_to_qzxl_scores(write_book, capsys):
    """QA of the journey: `qzxl action import_scores` without a picker said only 没有选择成绩单文件."""
    batch = generate_batch(2, mistakes=False)
    book = write_book(batch.plan, batch.candidates)
    assert main(["action", "import_scores", str(book)]) == 2
    said = capsys.readouterr().err
    assert "qzxl scores" in said and said.strip() == CATALOGUE[CLI_ACTION_WORDS["run-scores-no-sources"]].render()
