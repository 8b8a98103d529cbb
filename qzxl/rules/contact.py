"""手机号码 and 电子邮箱.

A 手机号码 typed with spaces, dashes or +86 is exported as the system's 11
digits, with a warning that it was tidied; one that cannot be tidied into a
mainland mobile number is an error. (Phone fields on 方案 are not checked
here: they may be landlines, 0570-3012345.)

The mobile pattern is libphonenumber's own metadata for China (via
phonenumberslite), matched directly: parsing every number with the full
library costs ~60 µs a row, the compiled pattern under 1 µs, same verdict.

>>> mobile_problem("138 0013 8000"), mobile_problem("+86 13800138000"), mobile_problem("12345678901")
(None, None, 'invalid')
>>> tidy_mobile("+86 138-0013-8000"), tidy_mobile("0570-3012345")
('13800138000', None)
>>> email_problem("zhang@example.com") is None, email_problem("zhang.example.com")
(True, 'email-no-at')
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator

from phonenumbers import PhoneMetadata

try:  # the regular-expression parser of the standard library (public as sre_parse before 3.11)
    import re._parser as _parser
except ImportError:  # pragma: no cover
    import sre_parse as _parser

from qzxl.report import Finding
from qzxl.rules.context import Context

_CN_MOBILE = re.compile(PhoneMetadata.metadata_for_region("CN").mobile.national_number_pattern)
_SEPARATORS = re.compile(r"[\s()\-]")
COUNTRY_PREFIXES = ("+86", "0086", "86")  # removed when 11 characters follow (the native formula reads these too)


@functools.cache
def mobile_prefixes() -> tuple[str, ...]:
    """Every 11-digit number the CN mobile pattern accepts is one of these prefixes followed by any digits.

    The workbook's native formulas check a number against this list (they have no regular expressions); it is
    read off the pattern itself, so a libphonenumber update changes both at once. Read once: the build asks for
    it on every row.

    >>> "13" in mobile_prefixes(), "17400" in mobile_prefixes(), "174" in mobile_prefixes()
    (True, True, False)
    """
    prefixes = set()
    for positions in _expand(_parser.parse(_CN_MOBILE.pattern)):
        if len(positions) != 11:
            continue  # the rule only takes 11 digits
        free = len(positions)
        while free and positions[free - 1] == _DIGITS:
            free -= 1
        prefixes.update("".join(chars) for chars in itertools.product(*(sorted(p) for p in positions[:free])))
    return tuple(sorted(prefixes))


_DIGITS = frozenset("0123456789")


def _expand(items) -> list[tuple[frozenset[str], ...]]:
    """A fixed-length digit pattern as every alternative's sequence of character sets."""
    alternatives: list[tuple[frozenset[str], ...]] = [()]
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            options = [(frozenset(chr(arg)),)]
        elif name == "IN":
            options = [(frozenset(_class_chars(arg)),)]
        elif name == "BRANCH":
            options = [alt for branch in arg[1] for alt in _expand(branch)]
        elif name == "SUBPATTERN":
            options = _expand(arg[-1])
        elif name in ("MAX_REPEAT", "MIN_REPEAT") and arg[0] == arg[1]:
            options = [()]
            for _ in range(arg[0]):
                options = [a + b for a in options for b in _expand(arg[2])]
        else:
            raise ValueError(f"the mobile pattern uses {name}, which the native formulas cannot express")
        alternatives = [a + b for a in alternatives for b in options]
    return alternatives


def _class_chars(items) -> set[str]:
    chars: set[str] = set()
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            chars.add(chr(arg))
        elif name == "RANGE":
            chars.update(chr(c) for c in range(arg[0], arg[1] + 1))
        elif name == "CATEGORY" and str(arg) == "CATEGORY_DIGIT":
            chars.update(_DIGITS)
        else:
            raise ValueError(f"the mobile pattern uses {name} in a class")
    return chars


def compact_mobile(value: str) -> str:
    """Digits only, without the +86 / 0086 country prefix."""
    number = _SEPARATORS.sub("", value)
    for prefix in COUNTRY_PREFIXES:
        if number.startswith(prefix) and len(number) == 11 + len(prefix):
            return number[len(prefix):]
    return number


def mobile_problem(value: str) -> str | None:
    number = compact_mobile(value)
    return None if len(number) == 11 and _CN_MOBILE.fullmatch(number) else "invalid"


def tidy_mobile(value: str) -> str | None:
    """The 11 digits the system takes, or None when ``value`` is no mainland mobile number."""
    return None if mobile_problem(value) else compact_mobile(value)


def email_problem(value: str) -> str | None:
    """Why an address is not valid, as email-invalid's reason key; None when it is (no network: not delivery)."""
    from email_validator import EmailNotValidError, validate_email  # most rows have no e-mail: load it on need

    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        if value.count("@") != 1:
            return "email-no-at" if "@" not in value else "email-several-at"
        local, domain = value.split("@")
        if not local:
            return "email-empty-local"
        if "." not in domain or domain.startswith(".") or domain.endswith("."):
            return "email-domain-incomplete"
        return "email-character"
    return None


def check(candidate, context: Context) -> Iterator[Finding]:
    if candidate.mobile:
        tidied = tidy_mobile(candidate.mobile)
        if tidied is None:
            yield Finding("mobile-invalid", "mobile")
        elif tidied != candidate.mobile:
            yield Finding("mobile-tidied", "mobile", {"number": tidied})
    if candidate.email:
        reason = email_problem(candidate.email)
        if reason:
            yield Finding("email-invalid", "email", {"reason": reason})
