"""The log file: where unexpected failures go, with every ID number masked."""

from __future__ import annotations

import logging
import os
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


class MaskedStream:
    """A text stream that masks ID numbers in everything written through it (the CLI's stdout and stderr)."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(mask_ids_in_text(text))
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)
