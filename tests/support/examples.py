"""How many examples a property test tries: the count it names in the whole suite, a quarter in the fast suite.

``make test-fast`` loads hypothesis' ``fast`` profile (registered in tests/conftest.py, 25 examples where hypothesis'
default is 100); a test that names its own count scales it by the same ratio, so each test keeps its weight:

>>> from hypothesis import settings
>>> examples(300) == 300 * settings.default.max_examples // 100
True
>>> examples(3)  # a count already that small stays
3
"""

from __future__ import annotations

from hypothesis import settings

DEFAULT_EXAMPLES = 100  # hypothesis' own default, the profile the whole suite runs


def examples(named: int) -> int:
    """``named`` scaled by the loaded profile; never below 5 (or ``named`` itself when that is fewer)."""
    return max(min(named, 5), named * settings.default.max_examples // DEFAULT_EXAMPLES)
