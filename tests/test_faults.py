"""In-place writes, kills and concurrency: nothing is lost, nothing is left behind.

The kill tests run the real command in a child process, kill it with SIGKILL
at a moment they observe from outside (a marked temporary file appears, a
worker or soffice.bin is running), then check the OS process table and the
folders, and run the command again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from cli.commands import main
from qzxl.dates.schedule import propose_nodes
from qzxl.files import LEFTOVER_MARK, exclusive_lock, remove_leftovers
from qzxl.photos.samples import jpeg_bytes, portrait
from qzxl.sample import generate_batch
from qzxl.sheets.parts import read_sheet_values
from udfs.file_port import BACKUPS_KEPT, backups, keep_backup

ROOT = Path(__file__).resolve().parents[1]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def qzxl(*args: str, **options) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "qzxl", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **options)


def children_of(pid: int) -> set[int]:
    """Every live descendant of ``pid``, from /proc."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def command_name(pid: int) -> str:
    """The process's name, or "" once it has gone (it may end between listing and reading)."""
    try:
        return Path(f"/proc/{pid}/comm").read_text()
    except OSError:
        return ""


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition, seconds: float = 120.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


def leftovers(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.name.startswith(LEFTOVER_MARK))


@pytest.fixture
def book(write_book):
    batch = generate_batch(12)
    return write_book(batch.plan, batch.candidates, name="book.xlsx")


@pytest.mark.parametrize("lock", ["~$book.xlsx", ".~lock.book.xlsx#"])
def test_action_refuses_while_the_book_is_open_elsewhere(book, capsys, lock):
    (book.parent / lock).write_bytes(b"x")
    before = digest(book)
    assert main(["action", "validate", str(book)]) == 2
    err = capsys.readouterr().err
    assert lock in err and "删除" in err and "Traceback" not in err
    assert digest(book) == before and not list(book.parent.glob("*备份*"))


def test_only_the_last_ten_backups_are_kept(tmp_path):
    book = tmp_path / "报名.xlsm"
    book.write_bytes(b"v0")
    start = dt.datetime(2026, 12, 1, 9, 0, 0)
    for minute in range(12):
        book.write_bytes(f"v{minute}".encode())
        keep_backup(book, start + dt.timedelta(minutes=minute))
    kept = backups(book)
    assert len(kept) == BACKUPS_KEPT
    assert kept[0].name == "报名.备份-20261201-090200.xlsm" and kept[-1].read_bytes() == b"v11"
    keep_backup(book, start + dt.timedelta(minutes=11))  # the same second again: a second name, not a replace
    assert backups(book)[-1].name == "报名.备份-20261201-091100-2.xlsm"


def test_questions_get_the_safe_answer_unless_yes(book, capsys):
    main(["action", "validate", str(book)])
    commented = lambda: sum(c.comment is not None for row in openpyxl.load_workbook(book)["报名信息"].iter_rows()  # noqa: E731
                            for c in row)
    marked = commented()
    assert marked > 0
    capsys.readouterr()
    assert main(["action", "clear_marks", str(book)]) == 3  # no terminal to ask, no --yes: nothing done
    assert commented() == marked and "要清除" in capsys.readouterr().err
    assert main(["action", "clear_marks", "--no", str(book)]) == 0
    assert commented() == marked
    assert main(["action", "clear_marks", "--yes", str(book)]) == 0
    assert commented() == 0


def test_action_exit_codes_match_validate(book, write_book, capsys):
    assert main(["validate", str(book)]) == 1
    assert main(["action", "validate", str(book)]) == 1
    clean = generate_batch(3, mistakes=False)
    good = write_book(clean.plan, clean.candidates, name="good.xlsx")
    assert main(["validate", str(good), "--exam-date", "2026-12-18"]) in (0, 1)
    assert main(["action", "validate", str(good)]) == main(["validate", str(good)])


def test_action_errors_go_to_stderr(tmp_path, capsys):
    book = tmp_path / "no-plan.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "证件号码", "性别", "手机号码"])
    wb.save(book)
    assert main(["action", "schedule", str(book)]) == 2
    out, err = capsys.readouterr()
    assert "方案" in err and out == ""


def test_a_dead_process_leftovers_are_removed_and_a_live_one_kept(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f"{LEFTOVER_MARK}{dead.stdout.strip()}-book.abc.xlsx"
    stale.write_bytes(b"half")
    folder = tmp_path / f"{LEFTOVER_MARK}{dead.stdout.strip()}-pkg.abc"
    folder.mkdir()
    mine = tmp_path / f"{LEFTOVER_MARK}{os.getpid()}-book.def.xlsx"
    mine.write_bytes(b"in use")
    user = tmp_path / ".book.abc.xlsx"  # not ours: never touched
    user.write_bytes(b"user")
    assert sorted(remove_leftovers(tmp_path)) == sorted([stale, folder])
    assert mine.exists() and user.exists()


def test_the_lock_lets_one_holder_in_at_a_time(tmp_path):
    target = tmp_path / "book.xlsx"
    with exclusive_lock(target):
        holder = subprocess.run([sys.executable, "-c", (
            "import sys\nfrom qzxl.files import exclusive_lock, Busy\n"
            "try:\n    with exclusive_lock(sys.argv[1], wait=0.3): print('got it')\n"
            "except Busy: print('busy')"), str(target)], cwd=ROOT, capture_output=True, text=True)
        assert holder.stdout.strip() == "busy"
    assert not list(tmp_path.iterdir())  # the lock file went with the lock


@pytest.mark.slow
def test_concurrent_actions_lose_nothing(write_book):
    batch = generate_batch(300)
    for key in propose_nodes(batch.plan["exam_date"]):
        batch.plan[key] = None
    book = write_book(batch.plan, batch.candidates, name="book.xlsx")
    runs = [qzxl("action", "validate", str(book)), qzxl("action", "schedule", "--yes", str(book))]
    results = [(run.wait(timeout=300), *run.communicate()) for run in runs]
    assert [code for code, _, _ in results] == [1, 1], results  # 计算时间节点 checks again: the errors are still there
    results = openpyxl.load_workbook(book)["校验结果"]  # validate's results are there
    assert results.max_row > 10
    values = read_sheet_values(book)
    plan = {row[1]: row[2] for row in values["方案"] if len(row) > 2}
    assert plan["报名时间"] is not None  # and so are schedule's nodes
    assert len(backups(book)) == 2 and not leftovers(book.parent)


@pytest.mark.slow
def test_sigkill_mid_action_then_the_next_run_cleans_up(write_book):
    batch = generate_batch(3000)
    book = write_book(batch.plan, batch.candidates, name="book.xlsx")
    before = digest(book)
    run = qzxl("action", "validate", str(book))
    assert wait_for(lambda: leftovers(book.parent) or run.poll() is not None)
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert digest(book) == before or read_sheet_values(book)  # the old book or the whole new one, never half
    assert leftovers(book.parent), "the kill came while the marked temporary file was being written"
    assert main(["action", "validate", str(book)]) == 1
    assert not leftovers(book.parent)


@pytest.mark.libreoffice
def test_sigkill_mid_export_kills_workers_and_libreoffice_and_the_next_run_cleans_up(tmp_path, write_book):
    batch = generate_batch(30, mistakes=False)
    book = write_book(batch.plan, batch.candidates, name="book.xlsx")
    photos = tmp_path / "照片"
    photos.mkdir()
    for index, person in enumerate(batch.candidates):
        (photos / f"{person['id_number']}{person['name']}.jpg").write_bytes(
            jpeg_bytes(portrait(seed=index), quality=95))
    out = tmp_path / "out"
    run = qzxl("export", str(book), "--out", str(out), "--photos", str(photos), "--force")
    seen: set[int] = set()

    def soffice_running() -> bool:
        seen.update(children_of(run.pid))
        return any("soffice" in command_name(pid) for pid in children_of(run.pid)) or run.poll() is not None

    assert wait_for(soffice_running, 240)
    assert run.poll() is None, run.communicate()
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert seen, "the export had worker processes"
    assert wait_for(lambda: not any(alive(pid) for pid in seen), 10), [p for p in seen if alive(p)]
    assert leftovers(out) and not [p for p in out.iterdir() if not p.name.startswith(".")]
    assert main(["export", str(book), "--out", str(out), "--photos", str(photos), "--force"]) == 0
    assert not leftovers(out) and len(list(out.iterdir())) == 1


class FakeKernel32:
    """kernel32 as ctypes shows it: functions whose restype and argtypes may be set; records every call."""

    JOB, CURRENT_PROCESS = 0x1234, 0xFFFFFFFFFFFFFFFF  # a handle; GetCurrentProcess's pseudo handle, (HANDLE)-1

    def __init__(self, *, assign: bool = True) -> None:
        self.calls: list[tuple] = []
        answers = {"CreateJobObjectW": self.JOB, "SetInformationJobObject": 1,
                   "AssignProcessToJobObject": int(assign), "GetCurrentProcess": self.CURRENT_PROCESS,
                   "CloseHandle": 1}
        for name, answer in answers.items():
            setattr(self, name, self._function(name, answer))

    def _function(self, name: str, answer: int):
        def call(*args):
            self.calls.append((name, *args))
            return answer
        return call


def test_windows_children_die_with_us_through_a_job_object(monkeypatch):
    import ctypes

    from qzxl import files

    monkeypatch.setattr(files, "_job", [])
    kernel32 = FakeKernel32()
    files.children_die_with_us(kernel32)
    names = [call[0] for call in kernel32.calls]
    assert names == ["CreateJobObjectW", "SetInformationJobObject", "GetCurrentProcess", "AssignProcessToJobObject"]
    assert kernel32.calls[0][1:] == (None, None)  # no security attributes, no name
    _, job, info_class, limits, size = kernel32.calls[1]
    assert job == FakeKernel32.JOB and info_class == 9  # JobObjectExtendedLimitInformation
    raw = bytes(limits._obj)  # what byref points at: JOBOBJECT_EXTENDED_LIMIT_INFORMATION
    assert size == len(raw)
    if ctypes.sizeof(ctypes.c_void_p) == 8:
        # x64: BASIC (two LARGE_INTEGER, DWORD LimitFlags at 16, then SIZE_Ts…) is 64 bytes, IO_COUNTERS 48,
        # four SIZE_Ts 32: 144. LimitFlags holds JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE (0x00002000) and nothing else.
        assert size == 144
        assert raw[16:20] == (0x00002000).to_bytes(4, "little")
        assert raw[:16] == bytes(16) and raw[20:] == bytes(124)
    assert kernel32.calls[3][1:] == (FakeKernel32.JOB, FakeKernel32.CURRENT_PROCESS)
    assert kernel32.CreateJobObjectW.restype is ctypes.c_void_p  # a 64-bit handle is not cut to 32 bits
    files.children_die_with_us(kernel32)  # once per process: the job is kept, not made again
    assert len(kernel32.calls) == 4


def test_windows_job_object_refused_changes_nothing(monkeypatch):
    from qzxl import files

    monkeypatch.setattr(files, "_job", [])
    kernel32 = FakeKernel32(assign=False)  # e.g. Windows 7, already in a job that allows no nesting
    files.children_die_with_us(kernel32)
    assert kernel32.calls[-1] == ("CloseHandle", FakeKernel32.JOB) and files._job == []


@pytest.mark.skipif(sys.platform == "win32", reason="off Windows only")
def test_no_job_object_off_windows(monkeypatch):
    import ctypes

    from qzxl import files

    monkeypatch.setattr(files, "_job", [])
    monkeypatch.setattr(ctypes, "WinDLL", lambda *a, **k: pytest.fail("kernel32 loaded off Windows"), raising=False)
    files.children_die_with_us()
    assert files._job == []
