"""The 报名信息 and 花名册 checks as native formulas, for WPS and Excel for Mac where no Python runs.

Every formula is generated from the engine's own definitions: the required columns and option lists of
``qzxl.layout``, the GB 11643 weights and province codes of ``qzxl.values.idnumber``, the mobile prefixes read
off libphonenumber's pattern, the near misses of ``qzxl.values.options``, the minimum age of the identity rule, the
name dots, date separators and date range of ``qzxl.values.normalize`` and the short titles of the catalogue.
Excel's AND and OR evaluate every argument, so a step that would fail on text (VALUE, INT, MID with a negative
length) sits behind an IF. Only functions Excel 2010, WPS and LibreOffice evaluate alike: no LET, LAMBDA,
TEXTJOIN, XLOOKUP, dynamic arrays, nor volatile INDIRECT/OFFSET/TODAY; arrays only inside SUMPRODUCT.

Hidden helper columns right of each 「自动检查」 (qzxl.layout: REGISTRATION_NATIVE_HELPERS, ROSTER_NATIVE_HELPERS)
hold what is computed once per row: on 报名信息 the normalised ID number, its problem, the birth date it encodes,
the normalised mobile number and the 出生日期 as the engine reads it (a date, 19901215, text); on the 花名册 the
normalised ID, the position of its first 报名信息 row (MATCH), the 出生年月 read as a month and the month it must
be, and whether 姓名 and 性别 differ from that row's. Dates are compared as numbers, year×10000+month×100+day.

Each literal is the engine's (the GB 11643 weights, the INVISIBLE characters, the separators of a typed date …);
tests/test_native_formulas_evaluated.py evaluates these formulas in Python on thousands of rows and compares them
with the engine, so a drift between the two fails in seconds (LibreOffice is the slow outside witness).

>>> formulas = RowFormulas({"id_number": "C", "id_type": "B"}, helpers=HELPER_KEYS, first_letter="X", row=5)
>>> formulas.id_number
'IF(ISNUMBER(C5),"",SUBSTITUTE(SUBSTITUTE(UPPER(SUBSTITUTE(ASC(C5),"　",""))," ",""),"-",""))'
"""

from __future__ import annotations

from xlsxwriter.utility import xl_col_to_name

from qzxl.catalogue import CATALOGUE
from qzxl.layout import (
    FIRST_DATA_ROW,
    REGISTRATION,
    REGISTRATION_FORMATTED_ROWS,
    REGISTRATION_NATIVE_HELPERS,
    ROSTER,
    ROSTER_NATIVE_HELPERS,
    native_column,
)
from qzxl.rules.contact import COUNTRY_PREFIXES, mobile_prefixes
from qzxl.rules.identity import MINIMUM_AGE, RESIDENCE_PERMIT, RESIDENT_CARD
from qzxl.sheets.address import column_index
from qzxl.values.idnumber import CHECK_CHARACTERS, EARLIEST_BIRTH_YEAR, PERMIT_REGIONS, WEIGHTS, province_codes
from qzxl.values.normalize import (
    DATE_RANGE,
    DAY_MARK,
    FORMULA_SPACES,
    INVISIBLE,
    MONTH_MARK,
    MONTH_SEPARATORS,
    NAME_DOTS,
    SERIAL_RANGE,
    TYPED_YEARS,
    YEAR_SEPARATORS,
)
from qzxl.values.options import MISSING_SUFFIXES, near_misses

HELPER_KEYS = tuple(REGISTRATION_NATIVE_HELPERS)
ROSTER_HELPER_KEYS = tuple(ROSTER_NATIVE_HELPERS)
EXAM_DATE = "QZ_EXAM_DATE"
_DIGITS = '"0123456789"'


def title(code: str) -> str:
    return CATALOGUE[code].title


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _array(values) -> str:
    return "{" + ",".join(_quote(v) for v in values) + "}"


def _positions(count: int) -> str:
    return "{" + ",".join(str(i) for i in range(1, count + 1)) + "}"


def _all_digits(text: str, count: int) -> str:
    return f'SUMPRODUCT(--ISNUMBER(FIND(MID({text},{_positions(count)},1),"0123456789")))={count}'


def _spaced(text: str, replacement: str = " ") -> str:
    """``text`` with each of FORMULA_SPACES as ``replacement`` (ASC leaves U+3000 alone in LibreOffice)."""
    for space in FORMULA_SPACES:
        text = f'SUBSTITUTE({text},"{space}","{replacement}")'
    return text


def clean(cell: str) -> str:
    """What the engine's clean_text does that a formula can: half width, single spaces, no padding."""
    return f"TRIM({_spaced(f'ASC({cell})')})"


def normalised_id(cell: str) -> str:
    """compact_id: no spaces or dashes, upper case; empty for a number (number-stored-id). A no-break space
    stays: such a number is id-invisible-characters, and equals no other."""
    return f'IF(ISNUMBER({cell}),"",SUBSTITUTE(SUBSTITUTE(UPPER(SUBSTITUTE(ASC({cell}),"　",""))," ",""),"-",""))'


def invisible(cell: str) -> str:
    """TRUE when the cell holds one of the INVISIBLE characters (id-invisible-characters)."""
    return f"SUMPRODUCT(--ISNUMBER(FIND({_array(INVISIBLE)},{cell})))>0"


def clean_name(cell: str) -> str:
    """clean_name: single spaces, no padding, every middle dot as U+00B7 with no space around it (no width change)."""
    text = "TRIM(" + _spaced(f'{cell}&""') + ")"
    for dot in NAME_DOTS:
        text = f'SUBSTITUTE({text},{_quote(dot)},"·")'
    return f'SUBSTITUTE(SUBSTITUTE({text}," ·","·"),"· ","·")'


def _digits(text: str, count: int) -> str:
    """TRUE when ``text``, of 1 to ``count`` characters (its length is checked apart), is all digits.

    Padded with zeros so that FIND never looks for an empty string: Excel finds it at 1, LibreOffice not at all.
    """
    return (f'SUMPRODUCT(--ISNUMBER(FIND(MID({text}&"{"0" * count}",{_positions(count)},1),{_DIGITS})))'
            f"={count}")


def _real_date(y: str, m: str, d: str) -> str:
    """TRUE when month ``m`` of year ``y`` has a day ``d`` (Gregorian leap years)."""
    leap = f"IF(OR(MOD({y},400)=0,AND(MOD({y},4)=0,MOD({y},100)<>0)),1,0)"
    days = f"IF({m}=2,28+{leap},30+MOD({m}+INT({m}/8),2))"
    return f"AND({m}>=1,{m}<=12,{d}>=1,{d}<={days})"


def _month_key(y: str, m: str, d: str | None = None) -> str:
    """year×100+month, or with ``d`` year×10000+month×100+day (as the 8 digits of an ID's birth date read)."""
    return f"{y}*100+{m}" if d is None else f"{y}*10000+{m}*100+{d}"


def _dated(y: str, m: str, d: str | None, *, days: bool = False, serial: str | None = None) -> str:
    """The month key (``days``: the day key) of a real date inside the engine's DATE_RANGE, else "" (DATE rolls a
    30 February over); ``serial``: a date already (an Excel serial), ``y`` and ``m`` its YEAR and MONTH."""
    in_range = f"AND({y}>={DATE_RANGE[0].year},{y}<={DATE_RANGE[1].year})"  # the range starts on 1 January
    if serial is not None:
        return f'IF({in_range},{_month_key(y, m, f"DAY({serial})" if days else None)},"")'
    key = _month_key(y, m, d if days else None)
    return f'IF({in_range},IF(AND({m}>=1,{m}<=12,{d}>=1,DAY(DATE({y},{m},{d}))={d}),{key},""),"")'


def cleaned_text(v: str) -> str:
    """A text cell as clean_text has it (for year_month, in a helper cell of its own: it is read many times)."""
    return f'IF(ISTEXT({v}),{clean(v)},"")'


def without_time(t: str) -> str:
    """``t`` (a helper cell holding a cleaned_text) without the time of day parse_date allows after a date typed
    with separators: a space or T, then H:MM or HH:MM, seconds allowed; ``t`` as it is when it holds none."""
    colon = f'FIND(":",{t})'
    hour = f"(1+ISNUMBER(FIND(MID({t},MAX(1,{colon}-2),1),{_DIGITS})))"  # the hour's digits: 1 or 2
    mark = f"({colon}-{hour}-1)"  # where the space or T is
    rest = f"MID({t},{colon}+1,9)"  # minutes, and seconds after a second colon
    minutes = (f'OR(AND(LEN({rest})=2,{_digits(rest, 2)}),AND(LEN({rest})=5,MID({rest},3,1)=":",'
               f'{_digits(f"LEFT({rest},2)", 2)},{_digits(f"RIGHT({rest},2)", 2)}))')
    timed = (f'AND(ISNUMBER(FIND(MID({t},5,1),{_quote(YEAR_SEPARATORS)})),'
             f'OR(MID({t},{mark},1)=" ",EXACT(MID({t},{mark},1),"T")),{_digits(f"MID({t},{mark}+1,{hour})", 2)},'
             f'{minutes})')
    return f'IF(ISERROR({colon}),{t},IF({mark}<9,{t},IF({timed},LEFT({t},{mark}-1),{t})))'


def second_separator(t: str) -> str:
    """Where the separator after the month is in a date typed as text (``t``: its cleaned_text): 7 or 8."""
    return f'7+ISERROR(FIND(MID({t}&"#######",7,1),{_quote(MONTH_SEPARATORS)}))'  # padded: see _digits


def year_month(v: str, t: str, second: str, *, months: bool, days: bool = False) -> str:
    """year×100+month of cell ``v`` as parse_date reads it (``months``: parse_year_month), or "" when it cannot;
    ``days``: year×10000+month×100+day of a date. ``t`` and ``second`` are helper cells holding its cleaned_text
    and second_separator.

    Numbers: an Excel date, 19901215, and with ``months`` 199012 and 1990.12 (typed into a General cell);
    text: 1990-12-15, 1990.12.15, 1990/12/15, 1990年12月15日, 19901215, and with ``months`` 1990.12, 1990年12月,
    199012 (a time of day after a date typed as text is taken off first: :func:`without_time`).
    """
    y8, m8, d8 = f"INT({v}/10000)", f"MOD(INT({v}/100),100)", f"MOD({v},100)"
    first, last = TYPED_YEARS
    as_date = (f'IF(AND(INT({v})={v},{v}>={first}0101,{v}<={last}1231),{_dated(y8, m8, d8, days=days)},'
               f'IF(AND({v}>={SERIAL_RANGE[0]},{v}<={SERIAL_RANGE[1]}),'
               f'{_dated(f"YEAR({v})", f"MONTH({v})", None, days=days, serial=v)},""))')
    number = as_date
    if months:
        fraction = f"ROUND(({v}-INT({v}))*100,8)"  # 1990.05 is 1990.0499999…
        decimal = (f'IF(AND(INT({fraction})={fraction},INT({v})>={first},INT({v})<={last},{fraction}>=1,'
                   f'{fraction}<=12),{_month_key(f"INT({v})", fraction)},"")')
        number = (f'IF(AND(INT({v})={v},{v}>={first}01,{v}<={last}12),IF(AND(MOD({v},100)>=1,MOD({v},100)<=12),{v},""),'
                  f'IF(INT({v})<>{v},{decimal},{as_date}))')
    length, year = f"LEN({t})", f"LEFT({t},4)"
    y = f"VALUE({year})"
    head = (f'{length}>=6,{_digits(year, 4)},'
            f'ISNUMBER(FIND(MID({t},5,1),{_quote(YEAR_SEPARATORS)}))')  # 1990 and a separator
    # 1990-12-15 and its kin: the second separator at 7 or 8, the day after it, 日 at the end allowed
    day = f"MID({t},{second}+1,MAX(0,{length}-{second}-(RIGHT({t},1)={_quote(DAY_MARK)})))"
    month_digits = f"MID({t},6,{second}-6)"
    separated = (f"AND({head},{length}<=11,ISNUMBER(FIND(MID({t},{second},1),{_quote(MONTH_SEPARATORS)})),"
                 f"{_digits(month_digits, 2)},LEN({day})>=1,LEN({day})<=2,{_digits(day, 2)})")
    eight = f"AND({length}=8,{_digits(t, 8)})"
    text = (f'IF({separated},{_dated(y, f"VALUE({month_digits})", f"VALUE({day})", days=days)},'
            f'IF({eight},{_dated(y, f"VALUE(MID({t},5,2))", f"VALUE(MID({t},7,2))", days=days)},""))')
    if months:
        month_part = f"MID({t},6,MAX(0,{length}-5-(RIGHT({t},1)={_quote(MONTH_MARK)})))"
        monthly = f"AND({head},{length}<=8,LEN({month_part})>=1,LEN({month_part})<=2,{_digits(month_part, 2)})"
        six = f"AND({length}=6,{_digits(t, 6)})"

        def month_of(m: str) -> str:
            return f'IF(AND({m}>=1,{m}<=12,{y}>={first},{y}<={last}),{_month_key(y, m)},"")'

        text = (f'IF({separated},{_dated(y, f"VALUE({month_digits})", f"VALUE({day})")},'
                f'IF({eight},{_dated(y, f"VALUE(MID({t},5,2))", f"VALUE(MID({t},7,2))")},'
                f'IF({monthly},{month_of(f"VALUE({month_part})")},IF({six},{month_of(f"VALUE(MID({t},5,2))")},""))))')
    return f'IF(ISNUMBER({v}),{number},IF(ISTEXT({v}),{text},""))'


class RowFormulas:
    """The expressions of one 报名信息 row (Excel row ``row``), over its column letters and helper letters."""

    def __init__(self, letters: dict[str, str], *, helpers: tuple[str, ...], first_letter: str, row: int,
                 first_row: int = FIRST_DATA_ROW + 1, last_row: int = FIRST_DATA_ROW + REGISTRATION_FORMATTED_ROWS,
                 lists: dict[str, str] | None = None) -> None:
        self.letters, self.row, self.lists = letters, row, lists or {}
        self.first_row, self.last_row = first_row, last_row
        start = column_index(first_letter) - 1
        self.helper = {key: xl_col_to_name(start + offset) for offset, key in enumerate(helpers)}

    def cell(self, key: str) -> str:
        return f"{self.letters[key]}{self.row}"

    def at(self, key: str) -> str:
        return f"{self.helper[key]}{self.row}"

    # helper columns
    @property
    def id_number(self) -> str:
        return normalised_id(self.cell("id_number"))

    def _applies(self) -> str:
        t = clean(self.cell("id_type"))
        return f'OR({t}="",{t}={_quote(RESIDENT_CARD)},{t}={_quote(RESIDENCE_PERMIT)})'

    @property
    def id_problem(self) -> str:
        n, raw = self.at("norm_id"), self.cell("id_number")
        y, m, d = f"VALUE(MID({n},7,4))", f"VALUE(MID({n},11,2))", f"VALUE(MID({n},13,2))"
        birth_ok = _real_date(y, m, d)
        total = f"SUMPRODUCT(VALUE(MID({n},{_positions(17)},1))*{{{','.join(map(str, WEIGHTS))}}})"
        check = f'MID("{CHECK_CHARACTERS}",MOD({total},11)+1,1)'
        provinces = "|" + "|".join(province_codes()) + "|"
        permit = clean(self.cell("id_type")) + "=" + _quote(RESIDENCE_PERMIT)
        regions = ",".join(f'LEFT({n},6)="{code}"' for code in sorted(PERMIT_REGIONS))
        region = (f'IF({permit},IF(OR({regions}),"",{_quote(title("id-permit-region"))}),'
                  f'IF(OR({regions}),{_quote(title("id-permit-as-resident-card"))},'
                  f'IF(ISNUMBER(FIND("|"&LEFT({n},2)&"|","{provinces}")),"",{_quote(title("id-province"))})))')
        return (f'IF(ISNUMBER({raw}),{_quote(title("number-stored-id"))},'
                f'IF({invisible(raw)},{_quote(title("id-invisible-characters"))},'
                f'IF(OR({n}="",NOT({self._applies()})),"",'
                f'IF(LEN({n})<>18,IF(AND(LEN({n})=15,{_all_digits(n, 15)}),{_quote(title("id-old-15-digit"))},'
                f'{_quote(title("id-length"))}),'
                f'IF(OR(NOT({_all_digits(n, 17)}),NOT(ISNUMBER(FIND(RIGHT({n},1),"0123456789X")))),'
                f'{_quote(title("id-format"))},'
                f'IF({check}<>RIGHT({n},1),{_quote(title("id-check-digit"))},'
                f'IF({y}<{EARLIEST_BIRTH_YEAR},{_quote(title("id-birth-too-early"))},'
                f'IF(NOT({birth_ok}),{_quote(title("id-birth-date"))},{region}))))))))')

    @property
    def id_birth(self) -> str:
        """The ID's birth date as year×10000+month×100+day (its 8 digits), when the ID is a valid one."""
        n = self.at("norm_id")
        return f'IF(AND({self.at("id_problem")}="",LEN({n})=18,{self._applies()}),VALUE(MID({n},7,8)),"")'

    @property
    def birth_typed(self) -> str:
        return cleaned_text(self.cell("birth_date"))

    @property
    def birth_text(self) -> str:
        return without_time(self.at("birth_typed"))

    @property
    def birth_second(self) -> str:
        return second_separator(self.at("birth_text"))

    @property
    def birth_day(self) -> str:
        """The typed 出生日期 as year×10000+month×100+day, as parse_date reads it (a date, 19901215, text)."""
        return year_month(self.cell("birth_date"), self.at("birth_text"), self.at("birth_second"), months=False,
                          days=True)

    @property
    def mobile(self) -> str:
        s = clean(self.cell("mobile"))
        for separator in (" ", "(", ")", "-"):
            s = f'SUBSTITUTE({s},"{separator}","")'
        # compact_mobile: a country prefix goes when 11 characters follow it
        prefixes = _array(COUNTRY_PREFIXES)
        return f"IF(SUMPRODUCT(--(LEFT({s},MAX(0,LEN({s})-11))={prefixes}))>0,RIGHT({s},11),{s})"

    def helpers(self) -> dict[str, str]:
        """Each helper column's expression, by helper key, in column order."""
        return {key: getattr(self, "id_number" if key == "norm_id" else "mobile" if key == "norm_mobile" else key)
                for key in self.helper}

    # the rules, each TRUE on an offending row
    def blank(self) -> str:
        first, last = self.letters[REGISTRATION.columns[0].key], self.letters[REGISTRATION.columns[-1].key]
        return f'SUMPRODUCT(LEN(TRIM({_spaced(f"{first}{self.row}:{last}{self.row}", "")})))=0'

    def any_missing(self) -> str:
        """Any required cell empty, or only spaces: the columns from the first required to the last, masked."""
        required = [c.required for c in REGISTRATION.columns]
        first, last = required.index(True), len(required) - required[::-1].index(True) - 1
        cells = f"{self.letters[REGISTRATION.columns[first].key]}{self.row}:" \
                f"{self.letters[REGISTRATION.columns[last].key]}{self.row}"
        mask = "{" + ",".join("1" if flag else "0" for flag in required[first:last + 1]) + "}"
        return f"SUMPRODUCT(--(LEN(TRIM({_spaced(cells, '')}))=0),{mask})>0"

    def gender_mismatch(self) -> str:
        g, n = clean(self.cell("gender")), self.at("norm_id")
        return (f'IF({self.at("id_birth")}="",FALSE,AND(OR({g}="男",{g}="女"),'
                f'{g}<>IF(MOD(VALUE(MID({n},17,1)),2)=1,"男","女")))')

    def birth_mismatch(self) -> str:
        born, typed = self.at("id_birth"), self.at("birth_day")
        return f'AND({born}<>"",{typed}<>"",{typed}<>{born})'

    def under_age(self) -> str:
        born, x = self.at("id_birth"), EXAM_DATE
        age = f"YEAR({x})-INT({born}/10000)-IF(MONTH({x})*100+DAY({x})<MOD({born},10000),1,0)"
        return f'IF(OR({born}="",NOT(ISNUMBER({x}))),FALSE,{age}<{MINIMUM_AGE})'

    @property
    def mobile_problem(self) -> str:
        """In a helper cell: LibreOffice does not evaluate array constants in a conditional format's formula."""
        return f'IF({self.mobile_check()},{_quote(title("mobile-invalid"))},"")'

    def mobile_invalid(self) -> str:
        return f'{self.at("mobile_problem")}<>""'

    def mobile_check(self) -> str:
        m = self.at("norm_mobile")
        prefixes = _array(mobile_prefixes())
        return (f'AND({clean(self.cell("mobile"))}<>"",OR(LEN({m})<>11,NOT({_all_digits(m, 11)}),'
                f'SUMPRODUCT(--(LEFT({m},LEN({prefixes}))={prefixes}))=0))')

    def _listed(self, key: str, value: str) -> str:
        return f"SUMPRODUCT(--EXACT({self.lists[REGISTRATION.column(key).options]},{value}))>0"

    def _near_counts(self, key: str, v: str) -> list[str]:
        """How many near misses (intended_option) the value ``v`` of column ``key`` is, one count per kind."""
        list_name = REGISTRATION.column(key).options
        counts = []
        if near_misses(list_name):
            counts.append(f"SUMPRODUCT(--EXACT({_array(near_misses(list_name))},{v}))")
        if list_name in MISSING_SUFFIXES:
            counts.append(f"SUMPRODUCT(--EXACT({self.lists[list_name]},{v}&{_quote(MISSING_SUFFIXES[list_name])}))")
        return counts

    def near_miss(self, key: str) -> str:
        tests = [f"{count}>0" for count in self._near_counts(key, clean(self.cell(key)))]
        return "OR(" + ",".join(tests) + ")" if tests else "FALSE"

    def option_unknown(self, key: str) -> str:
        """Neither in the list nor a near miss of it: every EXACT count is 0."""
        list_name, v = REGISTRATION.column(key).options, clean(self.cell(key))
        counts = [f"SUMPRODUCT(--EXACT({self.lists[list_name]},{v}))", *self._near_counts(key, v)]
        return f'AND({v}<>"",{"+".join(counts)}=0)'

    def option_warning(self, key: str) -> str:
        v = clean(self.cell(key))
        return f'AND({v}<>"",NOT({self._listed(key, v)}),{self.near_miss(key)})'

    def duplicate(self) -> str:
        n, col = self.at("norm_id"), self.helper["norm_id"]
        return f'AND({n}<>"",SUMPRODUCT(--(${col}${self.first_row}:${col}${self.last_row}={n}))>1)'

    def option_keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in REGISTRATION.columns if c.options)

    def checks(self) -> list[tuple[str, str]]:
        """(condition, title) in the order the column reports them: the first that holds is shown."""
        return [
            (self.any_missing(), _quote(title("required-missing"))),
            (f'{self.at("id_problem")}<>""', self.at("id_problem")),
            (self.gender_mismatch(), _quote(title("gender-mismatch"))),
            (self.birth_mismatch(), _quote(title("birth-mismatch"))),
            (self.under_age(), _quote(title("age-under-16"))),
            (self.mobile_invalid(), _quote(title("mobile-invalid"))),
            ("OR(" + ",".join(self.option_unknown(k) for k in self.option_keys()) + ")",
             _quote(title("option-unknown"))),
            (self.duplicate(), _quote(title("id-duplicate"))),
        ]

    def auto_check(self) -> str:
        checks = self.checks()
        formula = '""'
        for condition, shown in reversed(checks):
            formula = f"IF({condition},{shown},{formula})"
        return f'=IF({self.blank()},"",{formula})'


def roster_birth_month(row: int) -> str:
    """The 花名册 line's 出生年月, 1990.12, from the 出生日期 of its 报名信息 row as the engine reads it (a date,
    19901215 typed as a number, a date typed as text); what cannot be read is shown as typed."""
    sheet = f"'{REGISTRATION.sheet}'!"
    name = f"{sheet}${xl_col_to_name(REGISTRATION.keys.index('name'))}{row}"
    birth = f"{sheet}${xl_col_to_name(REGISTRATION.keys.index('birth_date'))}{row}"
    key = f"{sheet}${xl_col_to_name(native_column(REGISTRATION) + 1 + HELPER_KEYS.index('birth_day'))}{row}"
    return (f'=IF(OR({name}="",{birth}=""),"",IF({key}="",{birth}&"",'
            f'INT({key}/10000)&"."&TEXT(MOD(INT({key}/100),100),"00")))')


class RosterFormulas:
    """The expressions of one 花名册 line (Excel row ``row``): its own columns, and its agreement with the first
    报名信息 row of the same ID (found by MATCH over 报名信息's hidden normalised IDs), as check_roster does."""

    def __init__(self, row: int, *, first_row: int = FIRST_DATA_ROW + 1,
                 last_row: int = FIRST_DATA_ROW + REGISTRATION_FORMATTED_ROWS) -> None:
        self.row, self.first_row, self.last_row = row, first_row, last_row
        self.letters = {key: xl_col_to_name(index) for index, key in enumerate(ROSTER.keys)}
        start = native_column(ROSTER) + 1
        self.helper = {key: xl_col_to_name(start + offset) for offset, key in enumerate(ROSTER_HELPER_KEYS)}
        self.auto_letter = xl_col_to_name(native_column(ROSTER))

    def cell(self, key: str) -> str:
        return f"{self.letters[key]}{self.row}"

    def at(self, key: str) -> str:
        return f"{self.helper[key]}{self.row}"

    def _registration(self, key: str) -> str:
        """The whole 报名信息 column of ``key`` (a layout key or one of its helper keys), absolute."""
        if key in REGISTRATION.keys:
            letter = xl_col_to_name(REGISTRATION.keys.index(key))
        else:
            letter = xl_col_to_name(native_column(REGISTRATION) + 1 + HELPER_KEYS.index(key))
        return f"'{REGISTRATION.sheet}'!${letter}${self.first_row}:${letter}${self.last_row}"

    def _picked(self, key: str) -> str:
        return f'INDEX({self._registration(key)},{self.at("registration_row")})'

    # helper columns
    @property
    def id_number(self) -> str:
        return normalised_id(self.cell("id_number"))

    @property
    def registration_row(self) -> str:
        """Where the ID first appears among 报名信息's rows; MATCH's wildcards (~ * ?) escaped."""
        n = self.at("norm_id")
        escaped = f'SUBSTITUTE(SUBSTITUTE(SUBSTITUTE({n},"~","~~"),"*","~*"),"?","~?")'
        return f'IF({n}="","",IFERROR(MATCH({escaped},{self._registration("norm_id")},0),""))'

    @property
    def month_text(self) -> str:
        return cleaned_text(self.cell("birth_month"))

    @property
    def month_second(self) -> str:
        return second_separator(self.at("month_text"))

    @property
    def month(self) -> str:
        return year_month(self.cell("birth_month"), self.at("month_text"), self.at("month_second"), months=True)

    @property
    def registration_birth(self) -> str:
        """The 出生日期 of that row as 报名信息's own helper read it (year×10000+month×100+day), or ""."""
        return f'IF({self.at("registration_row")}="","",{self._picked("birth_day")})'

    @property
    def registration_month(self) -> str:
        birth = self.at("registration_birth")
        return f'IF(ISNUMBER({birth}),INT({birth}/100),"")'

    @property
    def expected_month(self) -> str:
        """The typed 出生日期, else the birth date inside the 18-character ID (the engine's _birth_month)."""
        n, typed = self.at("norm_id"), self.at("registration_month")
        y, m, d = f"VALUE(MID({n},7,4))", f"VALUE(MID({n},11,2))", f"VALUE(MID({n},13,2))"
        from_id = (f'IF(AND(LEN({n})=18,{_digits(f"MID({n},7,8)", 8)}),'
                   f'IF(AND({y}>=1,{_real_date(y, m, d)}),{_month_key(y, m)},""),"")')
        return f'IF({self.at("registration_row")}="","",IF({typed}<>"",{typed},{from_id}))'

    @property
    def name_clean(self) -> str:
        return clean_name(self.cell("name"))

    @property
    def name_differs(self) -> str:
        mine, theirs = self.at("name_clean"), clean_name(self._picked("name"))
        return f'IF({self.at("registration_row")}="",FALSE,AND({mine}<>"",{theirs}<>"",NOT(EXACT({mine},{theirs}))))'

    @property
    def gender_differs(self) -> str:
        mine, theirs = clean(self.cell("gender")), clean(self._picked("gender"))
        return f'IF({self.at("registration_row")}="",FALSE,AND({mine}<>"",{theirs}<>"",NOT(EXACT({mine},{theirs}))))'

    def helpers(self) -> dict[str, str]:
        return {key: getattr(self, "id_number" if key == "norm_id" else key) for key in ROSTER_HELPER_KEYS}

    # the rules, each TRUE on an offending line
    def blank(self) -> str:
        first, last = self.letters[ROSTER.columns[1].key], self.letters[ROSTER.columns[-1].key]  # 序号 alone is none
        return f'SUMPRODUCT(LEN(TRIM({_spaced(f"{first}{self.row}:{last}{self.row}", "")})))=0'

    def name_missing(self) -> str:
        return f'{self.at("name_clean")}=""'

    def id_missing(self) -> str:
        return f'AND({self.at("norm_id")}="",NOT(ISNUMBER({self.cell("id_number")})))'

    def duplicate(self) -> str:
        n, col = self.at("norm_id"), self.helper["norm_id"]
        return f'AND({n}<>"",SUMPRODUCT(--(${col}${self.first_row}:${col}${self.last_row}={n}))>1)'

    def extra(self) -> str:
        return f'AND({self.at("norm_id")}<>"",{self.at("registration_row")}="")'

    def month_differs(self) -> str:
        mine, expected = self.at("month"), self.at("expected_month")
        return f'AND({mine}<>"",{expected}<>"",{mine}<>{expected})'

    def mismatch(self) -> str:
        return f'OR({self.at("name_differs")},{self.at("gender_differs")},{self.month_differs()})'

    def checks(self) -> list[tuple[str, str]]:
        """(condition, catalogue code) in the order the column reports them: the first that holds is shown."""
        return [
            (f"OR({self.name_missing()},{self.id_missing()})", "required-missing"),
            (f'ISNUMBER({self.cell("id_number")})', "number-stored-id"),
            (invisible(self.cell("id_number")), "id-invisible-characters"),
            (self.duplicate(), "id-duplicate"),
            (self.extra(), "roster-extra"),
            (self.mismatch(), "roster-mismatch"),
        ]

    def auto_check(self) -> str:
        formula = '""'
        for condition, code in reversed(self.checks()):
            formula = f"IF({condition},{_quote(title(code))},{formula})"
        return f'=IF({self.blank()},"",{formula})'

    def marks(self) -> dict[str, str]:
        """The condition that marks each offending cell (any error of its own, whichever the column shows)."""
        shown = f'${self.auto_letter}{self.row}<>""'
        return {
            "name": f'AND({shown},OR({self.name_missing()},{self.at("name_differs")}))',
            "id_number": f'AND({shown},OR({self.id_missing()},ISNUMBER({self.cell("id_number")}),'
                         f'{invisible(self.cell("id_number"))},{self.duplicate()},{self.extra()}))',
            "gender": f'AND({shown},{self.at("gender_differs")})',
            "birth_month": f'AND({shown},{self.month_differs()})',
        }
