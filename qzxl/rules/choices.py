"""Option columns must hold one of the 字典 sheet's values; a near miss names the intended one.

>>> from qzxl.sheets.models import Candidate
>>> [(f.code, dict(f.params)) for f in check(Candidate(row=2, ethnicity="汉"), Context())]
[('option-near-miss', {'intended': '汉族'})]
"""

from __future__ import annotations

from collections.abc import Iterator

from qzxl.layout import REGISTRATION
from qzxl.report import Finding
from qzxl.rules.context import Context
from qzxl.values.options import intended_option

_OPTION_COLUMNS = tuple((c.key, c.options) for c in REGISTRATION.columns if c.options)
_EXAMPLES_SHOWN = 4


def option_finding(key: str, list_name: str, value: str, context: Context) -> Finding | None:
    if not value or value in context.option_sets.get(list_name, ()):
        return None
    allowed = context.options.get(list_name, ())
    intended = intended_option(list_name, value)
    if intended in allowed:
        return Finding("option-near-miss", key, {"intended": intended})
    return Finding("option-unknown", key, {"examples": "、".join(allowed[:_EXAMPLES_SHOWN])})


def check(candidate, context: Context) -> Iterator[Finding]:
    values, allowed = vars(candidate), context.option_sets
    for key, list_name in _OPTION_COLUMNS:
        value = values[key]
        if value and value not in allowed.get(list_name, ()):  # the common case needs no call
            yield option_finding(key, list_name, value, context)
