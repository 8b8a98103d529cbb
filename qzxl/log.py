"""The log file: where unexpected failures go, with every ID number masked."""

from __future__ import annotations

import contextlib
import logging
import os
import warnings
from collections.abc import Iterator
from pathlib import Path

from qzxl.values.privacy import mask_ids_in_text

LOGGER = logging.getLogger("qzxl")


def log_path() -> Path:
    """``%LOCALAPPDATA%\\qzxl\\qzxl.log`` on Windows, ``~/.local/state/qzxl/qzxl.log`` elsewhere."""
    base = os.environ.get("LOCALAPPDATA") or os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "qzxl" / "qzxl.log"


class MaskingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return mask_ids_in_text(super().format(record))


def setup_logging() -> Path:
    """Log to the file once per process; return its path for messages that point to it."""
    path = log_path()
    if not LOGGER.handlers:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
        except OSError:
            handler = logging.NullHandler()
        handler.setFormatter(MaskingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        LOGGER.addHandler(handler)
        LOGGER.setLevel(logging.INFO)
    return path


@contextlib.contextmanager
def warnings_to_log() -> Iterator[None]:
    """Warnings (openpyxl's about a sheet's extensions, Pillow's "Corrupt EXIF data") go to the log file.

    A clerk cannot act on them, and a second line on stderr would break the one-sentence rule of the command
    line; support can still read them. Process-pool workers started by fork inherit this.
    """

    def log_warning(message, category, filename, lineno, file=None, line=None) -> None:
        setup_logging()
        LOGGER.info("%s: %s (%s:%s)", category.__name__, message, Path(filename).name, lineno)

    with warnings.catch_warnings():
        warnings.showwarning = log_warning
        yield


class MaskedStream:
    """A text stream that masks ID numbers in everything written through it (the CLI's stdout and stderr)."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(mask_ids_in_text(text))
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)
