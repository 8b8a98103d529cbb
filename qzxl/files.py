"""Writing files so that an interruption never leaves half a file where the user looks."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

_UMASK = os.umask(0)
os.umask(_UMASK)


def staging_folder(name: str, parent: Path) -> Path:
    """A new hidden folder in ``parent`` to write an output ``name`` in, renamed into place when whole.

    mkdtemp makes it private (0700) and the rename keeps that: the user's new folder should not be, any more
    than a file from :func:`atomic_path` is, so it gets the permissions ``mkdir`` gives.

    >>> folder = staging_folder("申报材料", Path(tempfile.mkdtemp()))
    >>> folder.stat().st_mode & 0o777 == 0o777 & ~_UMASK
    True
    """
    folder = Path(tempfile.mkdtemp(prefix=leftover_prefix(name), dir=parent))
    folder.chmod(0o777 & ~_UMASK)
    return folder


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """A temporary path beside ``target``; it replaces ``target`` only when the block succeeds."""
    target = Path(target)
    remove_leftovers(target.parent)
    handle, name = tempfile.mkstemp(prefix=leftover_prefix(target.stem), suffix=target.suffix, dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        temporary.chmod(0o666 & ~_UMASK)  # mkstemp makes files private; the user's new file should not be
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)


def free_path(base: str | Path, *, folder: bool = False, companions: tuple[str, ...] = ()) -> Path:
    """``base`` if nothing is there, else the first free ``<stem>-2<suffix>``, ``-3`` …: never overwrite silently.

    A ``folder`` keeps its whole name before the counter (``资料.2026-12`` → ``资料.2026-12-2``).

    The one rule for every output a command or button writes (a package, a fixed photo folder, a workbook, an
    exam kit, an archive); the caller names the path it got in its message.

    >>> import tempfile; folder = Path(tempfile.mkdtemp())
    >>> free_path(folder / "申报材料").name
    '申报材料'
    >>> (folder / "申报材料").mkdir(); (folder / "申报材料-2").mkdir()
    >>> free_path(folder / "申报材料").name
    '申报材料-3'
    >>> (folder / "报名.xlsm").touch()
    >>> free_path(folder / "报名.xlsm").name
    '报名-2.xlsm'
    >>> (folder / "资料.2026").mkdir()
    >>> free_path(folder / "资料.2026", folder=True).name
    '资料.2026-2'

    ``companions`` are endings of files written beside it under the same name (a folder's ``.zip``): they must be
    free too.

    >>> (folder / "照片-已修复.zip").touch()
    >>> free_path(folder / "照片-已修复", folder=True, companions=(".zip",)).name
    '照片-已修复-2'
    """
    base = Path(base)
    stem, suffix = (base.name, "") if folder else (base.stem, base.suffix)
    candidate, counter = base, 2
    while any(p.exists() or p.is_symlink() for p in (candidate, *(candidate.with_name(candidate.name + ending)
                                                                   for ending in companions))):
        candidate, counter = base.with_name(f"{stem}-{counter}{suffix}"), counter + 1
    return candidate


def swap_into_place(new: Path, target: Path) -> None:
    """Put the finished ``new`` (a folder or file beside ``target``) where ``target`` is: ``--replace``.

    An old ``target`` is moved aside first and removed only once ``new`` is in place, so an interruption
    leaves either the old or the new one (and a leftover the next run removes), never half of one.
    """
    old = None
    if target.exists() or target.is_symlink():
        old = target.with_name(leftover_prefix(target.name) + "old")
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
    new.rename(target)
    if old is not None:
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)


# Names of files and folders we create from user text (an organisation, a person's name).
MAX_NAME_BYTES = 255  # ext4 and most Unix file systems count bytes of UTF-8; NTFS counts 255 UTF-16 units
_FORBIDDEN_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
_RESERVED_ON_WINDOWS = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)),
                                  *(f"LPT{n}" for n in range(1, 10))})


def shorten_to_bytes(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` bytes of UTF-8, never inside a character."""
    data = text.encode("utf-8")
    return text if len(data) <= limit else data[:limit].decode("utf-8", errors="ignore")


def safe_file_name(name: str, *, limit: int = MAX_NAME_BYTES, replacement: str = "-") -> str:
    """A name every file system takes: no separators or forbidden characters, at most ``limit`` bytes.

    The extension is kept whole; the stem is cut on a character boundary and
    loses trailing dots and spaces (Windows drops them silently).

    >>> safe_file_name('a/b:"c".jpg')
    'a-b--c-.jpg'
    >>> safe_file_name("机构" * 100 + ".jpg", limit=20)
    '机构机构机.jpg'
    >>> safe_file_name("nul.txt")
    '_nul.txt'
    """
    cleaned = _FORBIDDEN_IN_NAMES.sub(replacement, name)
    stem, dot, suffix = cleaned.rpartition(".")
    if not dot or not stem or len(suffix) > 8:
        stem, suffix = cleaned, ""
    suffix = f".{suffix}" if suffix else ""
    stem = shorten_to_bytes(stem, max(1, limit - len(suffix.encode("utf-8")))).rstrip(" .")
    stem = stem or "_"
    if stem.split(".")[0].upper() in _RESERVED_ON_WINDOWS:
        stem = "_" + stem
    return stem + suffix


LOCK_PREFIX = ".~qzxl-lock."


class Busy(Exception):
    """Another process holds the lock and did not let go in time."""


@contextlib.contextmanager
def exclusive_lock(target: str | Path, *, wait: float = 30.0) -> Iterator[None]:
    """One process at a time around ``target`` (waiting up to ``wait`` seconds, then Busy).

    The lock is a hidden ``.~qzxl-lock.<name>`` file beside ``target``, held with
    the operating system's own file locking (fcntl, or msvcrt on Windows), so a
    killed process lets go at once; the file is removed on release.
    """
    target = Path(target)
    path = target.with_name(LOCK_PREFIX + target.name)
    deadline = time.monotonic() + wait
    while True:
        handle = path.open("a+b")  # held open while locked
        try:
            if _try_lock(handle) and _same_file(handle, path):
                break
        except OSError:
            pass
        handle.close()
        if time.monotonic() >= deadline:
            raise Busy(str(target))
        time.sleep(0.1)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):  # Windows: another waiter has it open; it removes it later
            path.unlink(missing_ok=True)
        handle.close()


def _try_lock(handle) -> bool:
    if os.name == "nt":
        import msvcrt

        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _same_file(handle, path: Path) -> bool:
    """Whether ``path`` still names the file we locked (a releasing holder may have just removed it)."""
    try:
        return os.path.samestat(os.fstat(handle.fileno()), path.stat())
    except OSError:
        return False


# Temporary files and folders carry ``.~qzxl-<pid>-`` so that the next run can tell a killed run's
# leftovers (their process is gone) from the work of a run still going, and remove them.
LEFTOVER_MARK = ".~qzxl-"
_LEFTOVER = re.compile(re.escape(LEFTOVER_MARK) + r"(\d+)-")
_STALE_SECONDS = 24 * 3600  # where a process cannot be asked about (Windows), a day-old leftover is stale


def leftover_prefix(name: str) -> str:
    """The prefix of a temporary file or folder made for ``name`` by this process (the name cut short, so
    that a temporary beside a long file name still fits where the file itself fits)."""
    return f"{LEFTOVER_MARK}{os.getpid()}-{name[:16]}."


def _alive(pid: int) -> bool | None:
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def remove_leftovers(folder: str | Path) -> list[Path]:
    """Remove what killed runs left in ``folder`` (marked names whose process is gone); return what went."""
    removed = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = _LEFTOVER.match(entry.name)
        if not match:
            continue
        alive = _alive(int(match[1]))
        if alive is None:
            try:
                alive = time.time() - entry.lstat().st_mtime < _STALE_SECONDS
            except OSError:
                continue
        if alive:
            continue
        with contextlib.suppress(OSError):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
            removed.append(entry)
    return removed


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies, even by SIGKILL (PR_SET_PDEATHSIG).

    Given as a process pool's initializer and as LibreOffice's preexec_fn, so a
    killed qzxl leaves no worker or soffice.bin running. A no-op elsewhere.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    parent = os.getppid()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


# Windows: a job object that ends our children when we end (Microsoft Learn: "Job Objects",
# JOBOBJECT_BASIC_LIMIT_INFORMATION, JOBOBJECT_EXTENDED_LIMIT_INFORMATION, SetInformationJobObject).
JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x00002000
JOB_OBJECT_EXTENDED_LIMIT_INFORMATION = 9  # its JOBOBJECTINFOCLASS value
_job: list[int] = []  # the job's handle, open for as long as we run: its closing is what ends the children


def children_die_with_us(kernel32: object = None) -> None:
    """On Windows, put this process in a job that ends every process in it when its last handle closes.

    Children (the process pool, LibreOffice) start in their parent's job and the only handle is ours: when
    qzxl ends, even killed from Task Manager, Windows closes it and ends them. Called before children are
    started; once per process. Where a job cannot be made or joined, nothing changes. ``kernel32`` is for
    the tests; on Linux PR_SET_PDEATHSIG does this (:func:`die_with_parent`).
    """
    if _job or (sys.platform != "win32" and kernel32 is None):
        return
    import ctypes

    kernel32 = kernel32 or ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    handle_type = ctypes.c_void_p  # HANDLE: pointer-sized (ctypes' default int result would cut it to 32 bits)
    kernel32.CreateJobObjectW.restype = kernel32.GetCurrentProcess.restype = handle_type
    kernel32.SetInformationJobObject.argtypes = (handle_type, ctypes.c_int, ctypes.c_void_p, ctypes.c_uint32)
    kernel32.AssignProcessToJobObject.argtypes = (handle_type, handle_type)
    kernel32.CloseHandle.argtypes = (handle_type,)
    handle = kernel32.CreateJobObjectW(None, None)
    if not handle:
        return
    limits = _kill_on_close_limits()
    if (kernel32.SetInformationJobObject(handle, JOB_OBJECT_EXTENDED_LIMIT_INFORMATION, ctypes.byref(limits),
                                         ctypes.sizeof(limits))
            and kernel32.AssignProcessToJobObject(handle, kernel32.GetCurrentProcess())):
        _job.append(handle)
    else:
        kernel32.CloseHandle(handle)


def _kill_on_close_limits():
    """A JOBOBJECT_EXTENDED_LIMIT_INFORMATION with only KILL_ON_JOB_CLOSE set.

    Windows' sizes are spelled out: DWORD 32 bits, SIZE_T and ULONG_PTR pointer-sized, LARGE_INTEGER and
    ULONGLONG 64 bits (ctypes.wintypes.DWORD is a C long, 64 bits on Linux, where the tests run).
    """
    import ctypes

    dword, size, int64, uint64 = ctypes.c_uint32, ctypes.c_size_t, ctypes.c_int64, ctypes.c_uint64

    class Basic(ctypes.Structure):
        _fields_ = [("PerProcessUserTimeLimit", int64), ("PerJobUserTimeLimit", int64), ("LimitFlags", dword),
                    ("MinimumWorkingSetSize", size), ("MaximumWorkingSetSize", size), ("ActiveProcessLimit", dword),
                    ("Affinity", size), ("PriorityClass", dword), ("SchedulingClass", dword)]

    class IoCounters(ctypes.Structure):
        _fields_ = [(f"{kind}{count}", uint64) for count in ("OperationCount", "TransferCount")
                    for kind in ("Read", "Write", "Other")]

    class Extended(ctypes.Structure):
        _fields_ = [("BasicLimitInformation", Basic), ("IoInfo", IoCounters), ("ProcessMemoryLimit", size),
                    ("JobMemoryLimit", size), ("PeakProcessMemoryUsed", size), ("PeakJobMemoryUsed", size)]

    limits = Extended()
    limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
    return limits
