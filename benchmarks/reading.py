"""Reading workbooks with a stray cell far away or a sheet that inflates to gigabytes: time and peak memory.

    python -m benchmarks.reading [--rows 200] [--baseline REF]

Each case is a plain workbook of ``--rows`` candidates with one thing added,
as clerks' files really have them: a value at XFD1048576 on a sheet the
engine never reads, the same on 报名信息, a value at A1048576, XFD5000 on an
unrelated sheet, and a sheet whose XML inflates to 1.5 GB (on 报名信息 and on
an unrelated sheet). Every case runs ``qzxl validate`` in a child process and
prints its wall time, its peak resident memory (from the kernel, via wait4,
so an aborted child is measured too) and its exit code with the first line it
printed on stderr, and in a second child the seconds of reading and
validating alone, without interpreter start and imports. ``--baseline REF`` runs the same files through the code at
a git ref (checked out in a temporary worktree, removed afterwards) in the
same run. Children are limited to 8 GB of address space to protect the machine.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

from qzxl.sample import generate_batch
from qzxl.sheets.writer import write_data_workbook

CHILD_MEMORY_LIMIT = 8 * 1024**3
INFLATED = 1536 * 1024**2  # 1.5 GB of sheet XML
REPO = Path(__file__).resolve().parent.parent


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str:
    workbook = archive.read("xl/workbook.xml").decode()
    rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    rel_id = re.search(rf'<sheet [^>]*name="{sheet}"[^>]*r:id="([^"]+)"', workbook)[1]
    target = re.search(rf'<Relationship [^>]*Id="{rel_id}"[^>]*Target="([^"]+)"', rels)
    if target is None:
        target = re.search(rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rel_id}"', rels)
    name = target[1]
    return name.lstrip("/") if name.startswith("/") else "xl/" + name


def _rewrite(source: Path, target: Path, sheet: str, change) -> Path:
    """Copy ``source`` with the XML of ``sheet`` passed through ``change`` (bytes → iterator of bytes)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        part = _sheet_part(old, sheet)
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename != part:
                new.writestr(item, data)
                continue
            info = zipfile.ZipInfo(item.filename, item.date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            with new.open(info, "w", force_zip64=True) as handle:
                for piece in change(data):
                    handle.write(piece)
    return target


def stray(ref: str, row: int):
    """A text value at ``ref`` (on row ``row``), the sheet's dimension widened to it as Excel writes it."""
    def change(data: bytes) -> Iterator[bytes]:
        data = re.sub(rb'<dimension ref="[^"]*"/>', f'<dimension ref="A1:{ref}"/>'.encode(), data)
        cell = f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>备注</t></is></c></row></sheetData>'.encode()
        if b"<sheetData/>" in data:
            data = data.replace(b"<sheetData/>", b"<sheetData></sheetData>")
        yield data.replace(b"</sheetData>", cell, 1)
    return change


def inflated(data: bytes) -> Iterator[bytes]:
    """The sheet with 1.5 GB of blank space inside its sheetData: 1.5 MB compressed."""
    head, tail = data.split(b"<sheetData>", 1) if b"<sheetData>" in data else (data, b"")
    yield head + b"<sheetData>"
    block = b" " * (1 << 20)
    for _ in range(INFLATED // len(block)):
        yield block
    yield tail


def build_cases(folder: Path, rows: int) -> list[tuple[str, Path]]:
    batch = generate_batch(rows)
    base = write_data_workbook(folder / "base.xlsx", batch.plan, batch.candidates)
    with_notes = folder / "with-notes.xlsx"
    # an unrelated sheet the clerk added (备注), empty apart from what each case puts there
    import openpyxl

    book = openpyxl.load_workbook(base)
    book.create_sheet("备注")["A1"] = "说明"
    book.save(with_notes)
    cases = [
        ("plain workbook", with_notes),
        ("XFD1048576 on an unneeded sheet", _rewrite(with_notes, folder / "xfd-other.xlsx", "备注",
                                                     stray("XFD1048576", 1048576))),
        ("XFD1048576 on 报名信息", _rewrite(with_notes, folder / "xfd-own.xlsx", "报名信息",
                                           stray("XFD1048576", 1048576))),
        ("A1048576 on 报名信息", _rewrite(with_notes, folder / "a-own.xlsx", "报名信息", stray("A1048576", 1048576))),
        ("XFD5000 on an unneeded sheet", _rewrite(with_notes, folder / "xfd5000-other.xlsx", "备注",
                                                  stray("XFD5000", 5000))),
        ("1.5 GB sheet XML, unneeded sheet", _rewrite(with_notes, folder / "big-other.xlsx", "备注", inflated)),
        ("1.5 GB sheet XML, 报名信息", _rewrite(with_notes, folder / "big-own.xlsx", "报名信息", inflated)),
    ]
    return cases


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY_LIMIT, CHILD_MEMORY_LIMIT))


IN_PROCESS = """
import sys, time
try:  # the code before the engine moved into subpackages first: the editable install would find ours
    from qzxl.reader import read_workbook
except ImportError:
    from qzxl.sheets.reader import read_workbook
from qzxl.errors import CannotRun
from qzxl.rules import check_workbook
start = time.perf_counter()
try:
    check_workbook(read_workbook(sys.argv[1])).report
except CannotRun:
    pass
print(f"{time.perf_counter() - start:.2f}")
"""


def run_in_process(book: Path, code: Path) -> str:
    """Seconds of read + validate alone (no interpreter start, no imports), or "-" when the child died."""
    env = {**os.environ, "PYTHONPATH": str(code), "RUST_BACKTRACE": "0"}
    done = subprocess.run([sys.executable, "-c", IN_PROCESS, str(book)], cwd=code, env=env, capture_output=True,
                          text=True, preexec_fn=_limit_memory, check=False)
    return f"{float(done.stdout.strip()):.2f}s" if done.returncode == 0 and done.stdout.strip() else "-"


def run_case(book: Path, code: Path) -> tuple[float, float, int, str]:
    """Seconds, peak MB, exit code and first stderr line of ``python -m qzxl validate BOOK`` on ``code``."""
    env = {**os.environ, "PYTHONPATH": str(code), "RUST_BACKTRACE": "0"}
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "qzxl", "validate", str(book)], cwd=code, env=env,
                                 stdout=subprocess.DEVNULL, stderr=err, preexec_fn=_limit_memory)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        lines = [line for line in err.read().decode(errors="replace").splitlines() if line.strip()]
    shown = lines[-1] if lines and lines[0].startswith("Traceback") else (lines[0] if lines else "")
    return seconds, usage.ru_maxrss / 1024, child.returncode, shown[:90]


@contextlib.contextmanager
def checkout(ref: str) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="qzxl-baseline-") as folder:
        tree = Path(folder) / "tree"
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(tree), ref], check=True,
                       capture_output=True)
        try:
            yield tree
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)], check=False,
                           capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200)
    parser.add_argument("--baseline", metavar="REF", help="also run the cases on the code at this git ref")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="qzxl-reading-") as folder:
        cases = build_cases(Path(folder), args.rows)
        with contextlib.ExitStack() as stack:
            codes = [("new", REPO)]
            if args.baseline:
                codes.insert(0, (f"old {args.baseline}", stack.enter_context(checkout(args.baseline))))
            print(f"{args.rows} candidates per workbook; qzxl validate in a child process, {len(cases)} cases")
            print(f"{'case':<34} {'code':<12} {'xlsx':>8} {'time':>8} {'peak':>9} {'read':>7} exit  stderr")
            for title, book in cases:
                size = f"{book.stat().st_size / 1e6:.1f} MB"
                for label, code in codes:
                    seconds, peak, status, shown = run_case(book, code)
                    read = run_in_process(book, code)
                    print(f"{title:<34} {label:<12} {size:>8} {seconds:>7.2f}s {peak:>6.0f} MB {read:>7} {status:>4}  "
                          f"{shown}", flush=True)


if __name__ == "__main__":
    main()
