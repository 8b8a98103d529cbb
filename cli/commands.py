"""The ``qzxl`` command: each sub-command is a function taking parsed arguments and returning an exit code.

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 could not run
(one Chinese sentence on stderr, no traceback), 3 needs confirmation (a question
with no terminal to ask and no --yes: nothing was done).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import errno
import json
import os
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from qzxl import __version__
from qzxl.catalogue import Severity, say
from qzxl.errors import CannotRun
from qzxl.layout import CANDIDATES_PER_INVIGILATOR
from qzxl.log import LOGGER, MaskedStream, setup_logging, warnings_to_log

EXIT_OK, EXIT_ERRORS, EXIT_CANNOT_RUN, EXIT_NEEDS_CONFIRMATION = 0, 1, 2, 3


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse speaking Chinese (cli.arguments): a usage error names the command and the option."""

    def __init__(self, *args, **kwargs) -> None:
        from cli.arguments import ChineseHelpFormatter

        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str, prog: str | None = None) -> None:  # type: ignore[override]
        from cli.arguments import usage_error

        self.exit(EXIT_CANNOT_RUN, say("cli-arguments", detail=usage_error(message), prog=prog or self.prog) + "\n")

    def parse_args(self, args=None, namespace=None):  # type: ignore[override]
        """As argparse, but arguments left over are blamed on the sub-command they were given to."""
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            commands = self._subparsers._group_actions[0].choices if self._subparsers else {}
            command = commands.get(getattr(parsed, "command", None))
            self.error(f"unrecognized arguments: {' '.join(extras)}", prog=command.prog if command else None)
        return parsed

    def format_help(self) -> str:
        from cli.arguments import chinese_help

        chinese_help(self)
        return super().format_help()


def free_output(path: Path | None, replace: bool) -> tuple[Path | None, Path | None]:
    """(where to write a named output file, the existing file it goes beside): never over one unless ``replace``.

    A folder named where a file belongs is left to the command's own sentence.
    """
    from qzxl.files import free_path

    if path is None or replace or not path.exists() or path.is_dir():
        return path, None
    return free_path(path), path


def say_beside(existing: Path | None, written: Path | None) -> None:
    if existing is not None and written is not None:
        print(say("cli-output-beside", existing=existing.name, path=written.name))


def date_argument(text: str) -> dt.date:
    from qzxl.values.normalize import DATE_RANGE, DateOutOfRange, parse_date

    try:
        date = parse_date(text)
    except DateOutOfRange:
        first, last = DATE_RANGE
        raise argparse.ArgumentTypeError(say("date-out-of-range", value=text, first=first.year,
                                             last=last.year)) from None
    except ValueError:
        date = None
    if date is None:
        raise argparse.ArgumentTypeError(say("cli-date-invalid", value=text))
    return date


def count_argument(text: str) -> int:
    """A whole number of people, at least 1 (``--per-invigilator``)."""
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(say("cli-count-invalid", value=text))
    return int(text)


def _print_report(report, as_json: bool) -> int:
    from qzxl.textreport import render

    if as_json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(render(report))
    return EXIT_ERRORS if report.errors else EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from qzxl.sheets.reader import read_workbook
    from usecases.validate import validate_book

    check = validate_book(read_workbook(args.book), exam_date=args.exam_date, photos=args.photos,
                          attachments=args.attachments)
    return _print_report(check.report, args.json)


def cmd_photos(args: argparse.Namespace) -> int:
    from qzxl.photos.batch import check_folders
    from qzxl.report import Report
    from qzxl.sheets.intake import read_candidates
    from qzxl.sheets.reader import read_workbook
    from qzxl.textreport import render

    candidates = read_candidates(read_workbook(args.book).registration)[0] if args.book else None
    report = Report(candidates=len(candidates) if candidates is not None else 0)
    check = check_folders(report, candidates, photos=args.source, attachments=args.attachments)
    fixed, existing = (_fix_photos_into(args, check) if args.fix else (None, None))
    if args.json:
        data = report.as_dict()
        if fixed:
            data["fixed"] = {"folder": str(fixed.folder), "written": len(fixed.written),
                             "zip": str(fixed.archive) if fixed.archive else None,
                             "unfixable": [issue.as_dict() for issue in fixed.unfixable]}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(render(report))
        if fixed:
            print()
            print(say("cli-photos-fixed-zip", written=len(fixed.written), folder=fixed.folder,
                      archive=fixed.archive.name) if fixed.archive else
                  say("cli-photos-fixed", written=len(fixed.written), folder=fixed.folder))
            if existing:
                print(say("cli-output-beside", existing=existing.name, path=fixed.folder.name))
            if fixed.unfixable:
                print(say("cli-photos-manual", count=len(fixed.unfixable)))
                print(render(Report(issues=fixed.unfixable)).rsplit("\n", 1)[0])
    return EXIT_ERRORS if report.errors else EXIT_OK


def _fix_photos_into(args: argparse.Namespace, check):
    """(the fix, the folder of that name left as it was): beside an existing --fix folder, or over it with --replace."""
    from qzxl.files import free_path, leftover_prefix, swap_into_place
    from qzxl.photos.fix import fix_photos

    wanted = Path(args.fix)
    companions = (".zip",) if args.zip else ()
    taken = free_path(wanted, folder=True, companions=companions) != wanted
    if not taken or (wanted.exists() and not wanted.is_dir()):  # a file where the folder goes: its own sentence
        return fix_photos(args.source, check, wanted, make_zip=args.zip), None
    if not args.replace:
        out = free_path(wanted, folder=True, companions=companions)
        return fix_photos(args.source, check, out, make_zip=args.zip), wanted
    staging = wanted.with_name(leftover_prefix(wanted.name) + "new")
    fixed = fix_photos(args.source, check, staging, make_zip=args.zip)
    swap_into_place(staging, wanted)
    fixed.written = [wanted / path.name for path in fixed.written]
    fixed.folder = wanted
    if fixed.archive:
        swap_into_place(fixed.archive, wanted.with_name(wanted.name + ".zip"))
        fixed.archive = wanted.with_name(wanted.name + ".zip")
    return fixed, None


def cmd_schedule(args: argparse.Namespace) -> int:
    from usecases.schedule import book_schedule, exam_schedule, render_schedule

    if args.check:
        result = book_schedule(args.check)
    elif args.exam:
        result = exam_schedule(args.exam)
    else:
        raise CannotRun("run-schedule-source")
    ics, existing = free_output(args.ics, args.replace)
    if ics:
        from qzxl.dates.ical import write_calendar

        try:
            write_calendar(ics, result.exam, result.items)
        except IsADirectoryError as error:
            raise CannotRun("run-ics-is-folder", path=ics) from error
        except OSError as error:
            if isinstance(error, PermissionError) or error.errno == errno.EROFS:
                raise CannotRun("run-ics-not-writable", folder=Path(ics).parent.resolve()) from error
            raise
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(render_schedule(result))
        if ics:
            print(say("cli-calendar-written", path=ics))
            say_beside(existing, ics)
    return EXIT_ERRORS if result.report.errors else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from qzxl.textreport import render, summary
    from usecases.export import ExportRefused, export_package

    try:
        result = export_package(args.book, args.out, photos=args.photos, attachments=args.attachments,
                                make_zip=args.zip, force=args.force, replace=args.replace)
    except ExportRefused as refused:
        print(render(refused.report))
        print()
        print(say("cli-export-refused", errors=refused.report.errors))
        return EXIT_ERRORS
    print(say("cli-export-done", folder=result.folder, count=len(result.files)))
    if result.existing:
        print(say("cli-output-beside", existing=result.existing.name, path=result.folder.name))
    print(result.pdf_note)
    if result.report.issues:
        print(say("cli-export-see-report", summary=summary(result.report)))
    return EXIT_OK


# What `qzxl action` says instead of a button's stop: the way out on the command line (the button has a picker).
CLI_ACTION_WORDS = {"run-import-no-sources": "cli-action-import-no-sources",
                    "run-scores-no-sources": "cli-action-scores-no-sources"}


def in_terminal() -> bool:
    """Whether a question can be put to the clerk: standard input and output both a terminal (console)."""
    return all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout))


def ask_in_terminal(question: str) -> bool:
    """Put a button's question in the terminal and wait for Y or N (end of input answers N)."""
    print(question)
    while True:
        try:
            reply = input(say("cli-ask-yes-no")).strip().lower()
        except EOFError:
            print()
            return False
        if reply in {"y", "yes"}:
            return True
        if reply in {"n", "no"}:
            return False


def cmd_exam_kit(args: argparse.Namespace) -> int:
    """考务材料 from the command line: exit 1 when refused (the errors listed), 0 when made (warnings allowed)."""
    from qzxl.textreport import render
    from usecases.examkit import KitRefused, make_exam_kit

    try:
        result = make_exam_kit(args.book, args.out, tickets=args.tickets, photos=args.photos, full_ids=args.full_ids,
                               per_invigilator=args.per_invigilator, force=args.force)
    except KitRefused as refused:
        if args.json:
            print(json.dumps({**refused.report.as_dict(), "folder": None}, ensure_ascii=False, indent=2))
            return EXIT_ERRORS
        print(render(refused.report))
        print()
        print(say("cli-examkit-refused", errors=refused.report.errors))
        return EXIT_ERRORS
    if args.json:
        data = result.report.as_dict()
        data.update({"folder": str(result.folder), "files": [p.relative_to(result.folder).as_posix()
                                                             for p in result.files],
                     "rooms": [{"subject": r.session.subject, "room": r.name, "count": len(r.seats),
                                "seats": r.seat_range} for r in result.seating.rooms], "pdf": result.pdf_note})
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(say("cli-examkit-done", folder=result.folder, rooms=len(result.seating.rooms), count=len(result.files)))
    print(result.pdf_note)
    if result.report.issues:
        print()
        print(render(result.report))
    return EXIT_OK


def cmd_idcopy(args: argparse.Namespace) -> int:
    """身份证复印件: exit 1 when a candidate's copy could not be made (the report says why), else 0."""
    from qzxl.idcards.copies import sentences
    from qzxl.textreport import render
    from usecases.idcopy import idcopy_book

    run = idcopy_book(args.book, attachments=args.attachments, out=args.out)
    result = run.result
    if args.json:
        data = result.report.as_dict()
        data["idcopy"] = {"folder": str(run.folder) if result.written else None, "copies": len(result.written),
                          "kept_pdf": len(result.kept_pdf), "not_made": result.not_made}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        if result.report.issues:
            print(render(result.report))
            print()
        print("\n".join(sentences(result, run.folder)))
    return EXIT_ERRORS if result.report.errors else EXIT_OK


def cmd_action(args: argparse.Namespace) -> int:
    """Exit codes as ``qzxl validate``: 1 when the 校验结果 it wrote lists errors; messages on stderr when it stops.

    A question is answered by --yes or --no, else asked in the terminal; with neither, nothing is done (exit 3).
    """
    from qzxl.layout import RESULTS_SHEET
    from udfs.file_port import FilePort, editing
    from udfs.runner import ACTION_WORDS, run_action

    answer = True if args.yes else False if args.no else None
    out, existing = free_output(args.out, args.replace)
    with editing(args.book) if not out else contextlib.nullcontext():
        port = FilePort(args.book, out, answer=answer, ask=ask_in_terminal if in_terminal() else None)
        ran = run_action(args.action, port, words={**ACTION_WORDS, **CLI_ACTION_WORDS})
        if ran and port.unanswered:  # nothing was written: every action asks before it writes
            for question in port.unanswered:
                print(question, file=sys.stderr)
            print(say("cli-needs-confirmation"), file=sys.stderr)
            return EXIT_NEEDS_CONFIRMATION
        for message in port.messages:
            print(message, file=sys.stdout if ran else sys.stderr)
        if not ran:
            return EXIT_CANNOT_RUN
        if port.changed:
            said = len(port.messages)
            port.save()
            for message in port.messages[said:]:  # what the save repaired, if anything
                print(message)
    if port.saved:
        where = out or args.book
        print(say("cli-written-backup", path=where, backup=port.backup_path.name) if port.backup_path else
              say("cli-written", path=where))
        say_beside(existing, out)
    results = port.read_sheet(RESULTS_SHEET) if RESULTS_SHEET in port.replaced else []
    return EXIT_ERRORS if any(row and row[0] == Severity.ERROR.label for row in results[2:]) else EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    """导入名单 from the command line: write the rows and 导入结果, 校验 the result (校验结果), print both reports.

    The workbook ends as the button leaves it; when nothing is imported or filled it is not written at all.
    """
    from udfs.actions.importing import import_and_validate
    from udfs.file_port import FilePort, editing

    out, existing = free_output(args.out, args.replace)
    with editing(args.book) if not out else contextlib.nullcontext():  # the in-place rules of every action
        port = FilePort(args.book, out)
        plan, report = import_and_validate(port, sources=args.sources, update=args.update, exam_date=args.exam_date)
        changes = plan.changes
        said = len(port.messages)
        if changes:
            port.save()
    written = out or args.book
    if args.json:
        print(json.dumps({"import": plan.as_dict(), "validate": report.as_dict()}, ensure_ascii=False, indent=2))
        return EXIT_ERRORS if report.errors else EXIT_OK
    for sentence in plan.sentences():
        print(sentence)
    for message in port.messages[said:]:  # what the save repaired, if anything
        print(message)
    if changes:
        print(say("cli-written", path=written) if out else
              say("cli-written-backup", path=written, backup=port.backup_path.name))
        say_beside(existing, out)
    else:
        print(say("cli-nothing-written"))
    print()
    return _print_report(report, False)


def cmd_scores(args: argparse.Namespace) -> int:
    """导入成绩 from the command line: the 成绩 sheet filled and marked, the lists written beside the workbook."""
    from qzxl.textreport import render
    from udfs.actions.scores import import_scores
    from udfs.file_port import FilePort, editing

    with editing(args.book) if not args.out else contextlib.nullcontext():
        port = FilePort(args.book, args.out)
        run, folder = import_scores(port, args.sources, beside=(args.out or args.book).parent)
        port.save()
    if args.json:
        print(json.dumps({"scores": run.as_dict(), "folder": str(folder), "book": str(args.out or args.book)},
                         ensure_ascii=False, indent=2))
        return EXIT_ERRORS if run.report.errors else EXIT_OK
    if run.report.issues:
        print(render(run.report))
        print()
    print(say("scores-done", **run.counts(), folder=folder))
    print(say("cli-written", path=args.out) if args.out else
          say("cli-written-backup", path=args.book, backup=port.backup_path.name))
    return EXIT_ERRORS if run.report.errors else EXIT_OK


def cmd_retake(args: argparse.Namespace) -> int:
    """生成补考工作簿: a new workbook (a free name, never over a file) for the people to sit again."""
    from udfs.file_port import FilePort
    from workbook.retake import make_retake

    path, count = make_retake(FilePort(args.book), args.out)
    print(say("retake-done", path=path, count=count))
    return EXIT_OK


def cmd_archive(args: argparse.Namespace) -> int:
    """资料汇总: the batch in one new folder and its .zip, every file listed with its SHA-256 and checked."""
    from udfs.actions.archive import archive_message, make_archive
    from udfs.file_port import FilePort

    result = make_archive(FilePort(args.book), args.out)
    if args.json:
        print(json.dumps({"folder": str(result.folder), "zip": str(result.zip), "missing": result.missing,
                          "pdf": result.pdf_note, "files": [vars(e) for e in result.entries]},
                         ensure_ascii=False, indent=2))
    else:
        print(archive_message(result))
    return EXIT_OK


def cmd_workbook(args: argparse.Namespace) -> int:
    from qzxl.files import free_path
    from workbook.build import build_workbook

    out = args.out if args.replace or args.out.is_dir() else free_path(args.out)  # a folder: its own sentence
    path = build_workbook(out, interpreter=args.interpreter, force=args.replace)
    print(say("cli-workbook-done", path=path))
    if out != args.out:
        print(say("cli-output-beside", existing=args.out.name, path=out.name))
    print(say("cli-workbook-open"))
    return EXIT_OK


def cmd_scripts(args: argparse.Namespace) -> int:
    from cli.desktop import running_qzxl, write_desktop_files

    written = write_desktop_files(args.dir, args.qzxl or running_qzxl(), guide=args.guide)
    print(say("cli-scripts-done", folder=args.dir, count=len(written), files="、".join(p.name for p in written)))
    print(say("cli-scripts-use"))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from cli.demo import run_demo

    run_demo(Path(args.dir))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(prog="qzxl", description="职业技能等级认定申报助手（衢州）")
    parser.add_argument("--version", action="version", version=f"qzxl {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar=say("cli-help-command"),
                                     parser_class=ChineseArgumentParser)

    validate = commands.add_parser("validate", help="校验工作簿中的报名信息、花名册和方案")
    validate.add_argument("book", type=Path, metavar="BOOK", help="工作簿 .xlsx/.xlsm")
    validate.add_argument("--exam-date", type=date_argument, help="考试日期，默认取方案表中的考试日期")
    validate.add_argument("--json", action="store_true", help="以 JSON 输出")
    validate.add_argument("--photos", type=Path, metavar="DIR", help="同时检查照片文件夹（或 zip）")
    validate.add_argument("--attachments", type=Path, metavar="DIR", help="同时检查附件文件夹")
    validate.set_defaults(handler=cmd_validate)

    photos = commands.add_parser("photos", help="检查照片文件夹，可修复到新文件夹")
    photos.add_argument("source", type=Path, metavar="DIR_OR_ZIP", help="照片文件夹或 zip 压缩包")
    photos.add_argument("--book", type=Path, help="报名工作簿：核对每位学员都有且只有一张照片")
    photos.add_argument("--attachments", type=Path, metavar="DIR", help="同时检查附件文件夹")
    photos.add_argument("--fix", type=Path, metavar="OUT", help="把修复后的照片写到这个新文件夹（原照片不动）")
    photos.add_argument("--zip", action="store_true", help="修复后再把 --fix 文件夹打包为同名 .zip（需与 --fix 同用）")
    photos.add_argument("--replace", action="store_true",
                        help="--fix 的文件夹已存在时替换它（默认不覆盖，写到旁边的新文件夹，如 …-2）")
    photos.add_argument("--json", action="store_true", help="以 JSON 输出")
    photos.set_defaults(handler=cmd_photos)

    schedule = commands.add_parser("schedule", help="由考试日期推算截止日期和系统时间节点，或检查工作簿中的节点")
    source = schedule.add_mutually_exclusive_group()
    source.add_argument("--exam", type=date_argument, help="考试日期，如 2026-12-18")
    source.add_argument("--check", type=Path, metavar="BOOK", help="检查工作簿「方案」表中填写的时间节点")
    schedule.add_argument("--json", action="store_true", help="以 JSON 输出")
    schedule.add_argument("--ics", type=Path, metavar="FILE", help="同时写出日历文件 (.ics)")
    schedule.add_argument("--replace", action="store_true",
                          help="--ics 的文件已存在时替换它（默认不覆盖，写到旁边的新文件，如 时间安排-2.ics）")
    schedule.set_defaults(handler=cmd_schedule)

    export = commands.add_parser("export", help="校验后导出全套申报材料")
    export.add_argument("book", type=Path, metavar="BOOK", help="报名工作簿")
    export.add_argument("--out", type=Path, required=True, metavar="DIR", help="申报包放在这个文件夹下")
    export.add_argument("--photos", type=Path, metavar="DIR", help="照片文件夹（或 zip），修复后放入申报包")
    export.add_argument("--attachments", type=Path, metavar="DIR", help="附件文件夹，统一改名后放入申报包")
    export.add_argument("--zip", action="store_true", help="另外把照片打包为 照片.zip")
    export.add_argument("--force", action="store_true", help="有错误也导出（附校验报告）")
    export.add_argument("--replace", action="store_true",
                        help="已有同名申报包时替换它（默认不覆盖，写到旁边的新文件夹，如 …-2）")
    export.set_defaults(handler=cmd_export)

    kit = commands.add_parser("exam-kit", help="生成考务材料：考场安排表、带照片的签到表、桌贴和门贴（含 PDF）")
    kit.add_argument("book", type=Path, metavar="BOOK", help="报名工作簿")
    kit.add_argument("--tickets", type=Path, metavar="FILE",
                     help="省系统或学院给的考场安排（准考证号、考场、座位号，.xlsx/.xls/.csv），按证件号码对应；不给则自动分配")
    kit.add_argument("--out", type=Path, metavar="DIR", help="考务材料_<考试日期> 放在这个文件夹下（默认：工作簿旁）")
    kit.add_argument("--photos", type=Path, metavar="DIR",
                     help="照片文件夹（默认：方案表的照片文件夹，或工作簿旁的「照片」）")
    kit.add_argument("--full-ids", action="store_true",
                     help="签到表印完整证件号码（默认遮挡中间 10 位；方案表「签到表印完整证件号码」填「是」同此）")
    kit.add_argument("--per-invigilator", type=count_argument, metavar="N",
                     help="每名监考人员最多看几名考生，超过即提醒（默认取方案表「每名监考最多考生数」，"
                          f"未填为 {CANDIDATES_PER_INVIGILATOR}）")
    kit.add_argument("--force", action="store_true", help="有会印错姓名或照片的错误也生成")
    kit.add_argument("--json", action="store_true", help="以 JSON 输出")
    kit.set_defaults(handler=cmd_exam_kit)
    idcopy = commands.add_parser("idcopy", help="把学员的身份证照片裁正，两面按实际大小排在一页 A4 上（身份证复印件）")
    idcopy.add_argument("book", type=Path, metavar="BOOK", help="报名工作簿")
    idcopy.add_argument("--attachments", type=Path, metavar="DIR",
                        help="附件文件夹（默认：方案表的「附件文件夹」，否则工作簿旁的「附件」）")
    idcopy.add_argument("--out", type=Path, metavar="DIR",
                        help="在这个文件夹下新建「身份证复印件」文件夹（默认：工作簿旁；已有时用 -2、-3…）")
    idcopy.add_argument("--json", action="store_true", help="以 JSON 输出")
    idcopy.set_defaults(handler=cmd_idcopy)

    importing = commands.add_parser("import", help="把问卷导出或班级名单导入报名信息表，然后校验")
    importing.add_argument("sources", type=Path, nargs="+", metavar="SRC", help="名单文件 .xlsx/.xls/.ods/.csv，可多个")
    importing.add_argument("--book", type=Path, required=True, metavar="BOOK", help="报名工作簿 .xlsm/.xlsx")
    importing.add_argument("--out", type=Path, metavar="NEW", help="写到这个新文件，原工作簿不动")
    importing.add_argument("--replace", action="store_true",
                           help="--out 的文件已存在时替换它（默认不覆盖，写到旁边的新文件，如 …-2.xlsm）")
    importing.add_argument("--update", action="store_true", help="已在表中的人：只补填空白的格子（不改已填的内容）")
    importing.add_argument("--exam-date", type=date_argument, help="校验时的考试日期，默认取方案表中的考试日期")
    importing.add_argument("--json", action="store_true", help="以 JSON 输出导入报告和校验结果")
    importing.set_defaults(handler=cmd_import)

    scores = commands.add_parser("scores",
                                 help="导入学校发来的成绩单：填成绩表、判定是否合格，写出合格名单、补考名单和成绩通知")
    scores.add_argument("sources", type=Path, nargs="*", metavar="SRC",
                        help="成绩单 .xlsx/.xls/.csv，可多个；不给则按成绩表中已有的成绩和及格分重新判定")
    scores.add_argument("--book", type=Path, required=True, metavar="BOOK", help="报名工作簿 .xlsm/.xlsx")
    scores.add_argument("--out", type=Path, metavar="NEW", help="写到这个新文件，原工作簿不动")
    scores.add_argument("--json", action="store_true", help="以 JSON 输出")
    scores.set_defaults(handler=cmd_scores)

    retake = commands.add_parser("retake", help="生成补考工作簿：需补考的人和方案（不含考试日期等），用于下一批")
    retake.add_argument("book", type=Path, metavar="BOOK", help="已导入成绩的报名工作簿")
    retake.add_argument("--out", type=Path, metavar="NEW.xlsm",
                        help="新工作簿（默认：工作簿旁新文件夹「原名-补考」中的 原名-补考.xlsm，"
                             "连同这些人的照片和附件）")
    retake.set_defaults(handler=cmd_retake)

    archive = commands.add_parser("archive",
                                  help="资料汇总：申报包、考务材料、成绩和名单、工作簿汇总到一个文件夹并打包")
    archive.add_argument("book", type=Path, metavar="BOOK", help="报名工作簿")
    archive.add_argument("--out", type=Path, metavar="DIR", help="汇总文件夹放在这里（默认：工作簿旁）")
    archive.add_argument("--json", action="store_true", help="以 JSON 输出")
    archive.set_defaults(handler=cmd_archive)

    workbook = commands.add_parser("workbook", help="生成带功能区按钮和公式的报名工作簿 (.xlsm)")
    workbook.add_argument("out", type=Path, metavar="OUT.xlsm", help="要生成的工作簿")
    workbook.add_argument("--replace", action="store_true",
                          help="已有同名文件时替换它（默认不覆盖，写到旁边的新文件，如 报名-2.xlsm）")
    workbook.add_argument("--force", dest="replace", action="store_true", help=argparse.SUPPRESS)  # the old name
    workbook.add_argument("--interpreter", metavar="PATH",
                          help="Windows 上 Excel 调用的 Python（pythonw.exe 的完整路径）。默认：在 Windows 上生成时"
                               "为运行本命令的 Python，在其他系统上生成时为 "
                               "%%LOCALAPPDATA%%\\qzxl\\venv\\Scripts\\pythonw.exe")
    workbook.set_defaults(handler=cmd_workbook)

    from udfs.registry import ACTIONS

    action = commands.add_parser("action", help="对保存的工作簿执行功能区按钮的功能（适用于 WPS 或没有 Excel 时）")
    action.add_argument("action", choices=[a.id for a in ACTIONS], metavar="ID",
                        help="、".join(f"{a.id}（{a.label}）" for a in ACTIONS))
    action.add_argument("book", type=Path, metavar="BOOK", help="工作簿 .xlsm/.xlsx")
    action.add_argument("--out", type=Path, metavar="COPY", help="写到这个新文件，原工作簿不动")
    action.add_argument("--replace", action="store_true",
                        help="--out 的文件已存在时替换它（默认不覆盖，写到旁边的新文件，如 …-2.xlsm）")
    answers = action.add_mutually_exclusive_group()
    answers.add_argument("--yes", action="store_true",
                         help="遇到确认提示（如覆盖时间节点）时回答「是」。不加时在终端中会询问；"
                              "不在终端中（脚本、计划任务）则什么也不做，退出码为 3")
    answers.add_argument("--no", action="store_true", help=argparse.SUPPRESS)  # answers 否: nothing done, exit 0
    action.set_defaults(handler=cmd_action)

    scripts = commands.add_parser("scripts", help="写出拖放脚本（校验.cmd 等），供 WPS 或按钮不可用时使用")
    scripts.add_argument("dir", type=Path, metavar="DIR", help="写到这个文件夹（不存在时新建，已有的同名脚本会被更新）")
    scripts.add_argument("--qzxl", metavar="PATH", help="脚本调用的 qzxl 命令（默认为正在运行的 qzxl 的完整路径）")
    scripts.add_argument("--guide", action="store_true", help="同时写出用户指南（用户指南.md）")
    scripts.set_defaults(handler=cmd_scripts)

    demo = commands.add_parser("demo", help="用内置示例数据演示完整流程")
    demo.add_argument("dir", nargs="?", default="qzxl-demo", metavar="DIR", help="输出文件夹（默认 qzxl-demo）")
    demo.set_defaults(handler=cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; everything it prints goes through MaskedStream, so no ID number is shown in full."""
    streams = sys.stdout, sys.stderr
    with contextlib.suppress(ValueError):  # SIGTERM unwinds like Ctrl+C: temporary files go, nothing half-written
        signal.signal(signal.SIGTERM, _interrupt)
    if not isinstance(sys.stdout, MaskedStream):
        sys.stdout, sys.stderr = MaskedStream(sys.stdout), MaskedStream(sys.stderr)
    try:
        with warnings_to_log():
            return _run(argv)
    except BrokenPipeError:  # `qzxl validate --json | head`: the reader stopped reading, nothing to say
        with contextlib.suppress(OSError, ValueError):  # no flush error at exit either
            os.dup2(os.open(os.devnull, os.O_WRONLY), streams[0].fileno())
        return EXIT_CANNOT_RUN
    finally:
        sys.stdout, sys.stderr = streams


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _run(argv: Sequence[str] | None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as stop:  # argparse has printed its sentence (or --help); the code is the exit code
        return stop.code if isinstance(stop.code, int) else EXIT_CANNOT_RUN
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except BrokenPipeError:
        raise
    except CannotRun as error:
        print(str(error), file=sys.stderr)
        return EXIT_CANNOT_RUN
    except KeyboardInterrupt:
        print(say("cli-cancelled"), file=sys.stderr)
        return EXIT_CANNOT_RUN
    except OSError as error:
        if error.errno != errno.ENAMETOOLONG:
            return _unexpected(args.command)
        name = Path(error.filename2 or error.filename or "").name  # the target of a replace, else the file
        print(say("run-name-too-long", name=name), file=sys.stderr)
        return EXIT_CANNOT_RUN
    except Exception:
        return _unexpected(args.command)


def _unexpected(command: str) -> int:
    """The catch-all, for an error no sentence of the catalogue names (called while handling it: logged)."""
    path = setup_logging()
    LOGGER.exception("unexpected failure in qzxl %s", command)
    print(say("cli-failed", log=path), file=sys.stderr)
    return EXIT_CANNOT_RUN



