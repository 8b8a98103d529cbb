"""Writing files so that an interruption never leaves half a file where the user looks."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

_UMASK = os.umask(0)
os.umask(_UMASK)


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """A temporary path beside ``target``; it replaces ``target`` only when the block succeeds."""
    target = Path(target)
    handle, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix, dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        temporary.chmod(0o666 & ~_UMASK)  # mkstemp makes files private; the user's new file should not be
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)
