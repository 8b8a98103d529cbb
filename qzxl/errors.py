"""The one exception that stops a command or a button: a catalogue code and its parameters.

>>> str(CannotRun("run-book-not-found", path="报名.xlsx"))
'找不到文件「报名.xlsx」，请检查路径。'
"""

from __future__ import annotations

from qzxl.catalogue import CATALOGUE


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
