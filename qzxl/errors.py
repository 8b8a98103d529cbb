"""The one exception that stops a command or a button: a catalogue code and its parameters.

>>> str(CannotRun("run-book-not-found", path="报名.xlsx"))
'找不到文件「报名.xlsx」，请检查路径。'
>>> os_reason(FileNotFoundError(2, "No such file or directory")), os_reason(OSError(28, "No space left"))
('文件或文件夹不存在', '磁盘已满')
"""

from __future__ import annotations

import errno

from qzxl.catalogue import CATALOGUE, say

_OS_WORDS = {
    errno.ENOENT: "value-os-not-found", errno.EACCES: "value-access-denied", errno.EPERM: "value-access-denied",
    errno.ENOSPC: "value-os-disk-full", errno.EROFS: "value-os-read-only", errno.EBUSY: "value-os-busy",
    errno.EEXIST: "value-os-exists", errno.ENOTDIR: "value-os-not-folder", errno.EISDIR: "value-os-is-folder",
    errno.ENAMETOOLONG: "value-os-name-too-long",
}
_WINDOWS_BUSY = frozenset({32, 33})  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: Excel holds the file


def os_reason(error: OSError) -> str:
    """Why the system refused a file, in Chinese: the clerk never reads the English strerror."""
    if getattr(error, "winerror", None) in _WINDOWS_BUSY:
        return say("value-os-busy")
    code = _OS_WORDS.get(error.errno)
    if code is None and isinstance(error, PermissionError):
        code = "value-access-denied"
    return say(code) if code else say("value-os-other", number=error.errno or type(error).__name__)


class CannotRun(Exception):
    """The command could not run (bad file, bad argument); ``str(error)`` is the clerk's sentence, exit code 2.

    The sentence comes from the catalogue by ``code``, so every stop has a stable code like every finding.
    """

    def __init__(self, code: str, **params: object) -> None:
        if code not in CATALOGUE:
            raise KeyError(f"CannotRun code {code!r} is not in the catalogue")
        super().__init__(code, params)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        return CATALOGUE[self.code].render(**self.params)
