"""The 报名信息 checks as native formulas, for WPS and Excel for Mac where no Python runs.

Every formula is generated from the engine's own definitions: the required columns and option lists of
``qzxl.layout``, the GB 11643 weights and province codes of ``qzxl.values.idnumber``, the mobile prefixes read
off libphonenumber's pattern, the near misses of ``qzxl.values.options``, the minimum age of the identity rule and
the short titles of the catalogue. Excel's AND and OR evaluate every argument, so a
step that would fail on text (VALUE, INT) sits behind an IF. Only functions Excel 2010, WPS and LibreOffice
evaluate alike: no LET, LAMBDA,
TEXTJOIN, XLOOKUP, dynamic arrays, nor volatile INDIRECT/OFFSET/TODAY; arrays only inside SUMPRODUCT.

Hidden helper columns right of 「自动检查」 hold the normalised ID number, its problem, the birth date it encodes
and the normalised mobile number, so that each is computed once per row.

>>> formulas = RowFormulas({"id_number": "C", "id_type": "B"}, helpers=HELPER_KEYS, first_letter="X", row=5)
>>> formulas.id_number.startswith('IF(ISNUMBER(C5),"",SUBSTITUTE(SUBSTITUTE(UPPER(TRIM(SUBSTITUTE(ASC(C5),')
True
"""

from __future__ import annotations

from xlsxwriter.utility import xl_col_to_name

from qzxl.catalogue import CATALOGUE
from qzxl.layout import REGISTRATION
from qzxl.rules.contact import mobile_prefixes
from qzxl.rules.identity import MINIMUM_AGE, RESIDENCE_PERMIT, RESIDENT_CARD
from qzxl.values.idnumber import CHECK_CHARACTERS, EARLIEST_BIRTH_YEAR, PERMIT_REGIONS, WEIGHTS, province_codes
from qzxl.values.options import near_misses

AUTO_HEADER = "自动检查"
HELPER_KEYS = ("norm_id", "id_problem", "id_birth", "norm_mobile", "mobile_problem")
HELPER_HEADERS = {"norm_id": "规范证件号", "id_problem": "证件问题", "id_birth": "证件出生日期",
                  "norm_mobile": "规范手机号", "mobile_problem": "手机问题"}
EXAM_DATE = "QZ_EXAM_DATE"


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


def clean(cell: str) -> str:
    """What the engine's clean_text does that a formula can: half width, single spaces, no padding."""
    return f'TRIM(SUBSTITUTE(ASC({cell}),"　"," "))'  # ASC leaves U+3000 alone in LibreOffice


class RowFormulas:
    """The expressions of one 报名信息 row (Excel row ``row``), over its column letters and helper letters."""

    def __init__(self, letters: dict[str, str], *, helpers: tuple[str, ...], first_letter: str, row: int,
                 first_row: int = 5, last_row: int = 504, lists: dict[str, str] | None = None) -> None:
        self.letters, self.row, self.lists = letters, row, lists or {}
        self.first_row, self.last_row = first_row, last_row
        start = _column_index(first_letter)
        self.helper = {key: xl_col_to_name(start + offset) for offset, key in enumerate(helpers)}

    def cell(self, key: str) -> str:
        return f"{self.letters[key]}{self.row}"

    def at(self, key: str) -> str:
        return f"{self.helper[key]}{self.row}"

    # helper columns
    @property
    def id_number(self) -> str:
        c = self.cell("id_number")
        return f'IF(ISNUMBER({c}),"",SUBSTITUTE(SUBSTITUTE(UPPER({clean(c)})," ",""),"-",""))'

    def _applies(self) -> str:
        t = clean(self.cell("id_type"))
        return f'OR({t}="",{t}={_quote(RESIDENT_CARD)},{t}={_quote(RESIDENCE_PERMIT)})'

    @property
    def id_problem(self) -> str:
        n, raw = self.at("norm_id"), self.cell("id_number")
        y, m, d = f"VALUE(MID({n},7,4))", f"VALUE(MID({n},11,2))", f"VALUE(MID({n},13,2))"
        leap = f"IF(OR(MOD({y},400)=0,AND(MOD({y},4)=0,MOD({y},100)<>0)),1,0)"
        days = f"IF({m}=2,28+{leap},30+MOD({m}+INT({m}/8),2))"
        birth_ok = f"AND({m}>=1,{m}<=12,{d}>=1,{d}<={days})"
        total = f"SUMPRODUCT(VALUE(MID({n},{_positions(17)},1))*{{{','.join(map(str, WEIGHTS))}}})"
        check = f'MID("{CHECK_CHARACTERS}",MOD({total},11)+1,1)'
        provinces = "|" + "|".join(province_codes()) + "|"
        permit = clean(self.cell("id_type")) + "=" + _quote(RESIDENCE_PERMIT)
        regions = ",".join(f'LEFT({n},6)="{code}"' for code in sorted(PERMIT_REGIONS))
        region = (f'IF({permit},IF(OR({regions}),"",{_quote(title("id-permit-region"))}),'
                  f'IF(OR({regions}),{_quote(title("id-permit-as-resident-card"))},'
                  f'IF(ISNUMBER(FIND("|"&LEFT({n},2)&"|","{provinces}")),"",{_quote(title("id-province"))})))')
        return (f'IF(ISNUMBER({raw}),{_quote(title("number-stored-id"))},IF(OR({n}="",NOT({self._applies()})),"",'
                f'IF(LEN({n})<>18,IF(AND(LEN({n})=15,{_all_digits(n, 15)}),{_quote(title("id-old-15-digit"))},'
                f'{_quote(title("id-length"))}),'
                f'IF(OR(NOT({_all_digits(n, 17)}),NOT(ISNUMBER(FIND(RIGHT({n},1),"0123456789X")))),'
                f'{_quote(title("id-format"))},'
                f'IF({check}<>RIGHT({n},1),{_quote(title("id-check-digit"))},'
                f'IF({y}<{EARLIEST_BIRTH_YEAR},{_quote(title("id-birth-too-early"))},'
                f'IF(NOT({birth_ok}),{_quote(title("id-birth-date"))},{region})))))))')

    @property
    def id_birth(self) -> str:
        n = self.at("norm_id")
        return (f'IF(AND({self.at("id_problem")}="",LEN({n})=18,{self._applies()}),'
                f'DATE(VALUE(MID({n},7,4)),VALUE(MID({n},11,2)),VALUE(MID({n},13,2))),"")')

    @property
    def mobile(self) -> str:
        s = clean(self.cell("mobile"))
        for separator in (" ", "(", ")", "-"):
            s = f'SUBSTITUTE({s},"{separator}","")'
        return (f'IF(AND(LEFT({s},3)="+86",LEN({s})=14),MID({s},4,99),IF(AND(LEFT({s},4)="0086",LEN({s})=15),'
                f'MID({s},5,99),IF(AND(LEFT({s},2)="86",LEN({s})=13),MID({s},3,99),{s})))')

    # the rules, each TRUE on an offending row
    def blank(self) -> str:
        first, last = self.letters[REGISTRATION.columns[0].key], self.letters[REGISTRATION.columns[-1].key]
        return f'SUMPRODUCT(LEN(TRIM(SUBSTITUTE({first}{self.row}:{last}{self.row},"　",""))))=0'

    def missing(self, key: str) -> str:
        return f'{clean(self.cell(key))}=""'

    def any_missing(self) -> str:
        return "OR(" + ",".join(self.missing(c.key) for c in REGISTRATION.columns if c.required) + ")"

    def gender_mismatch(self) -> str:
        g, n = clean(self.cell("gender")), self.at("norm_id")
        return (f'IF({self.at("id_birth")}="",FALSE,AND(OR({g}="男",{g}="女"),'
                f'{g}<>IF(MOD(VALUE(MID({n},17,1)),2)=1,"男","女")))')

    def birth_mismatch(self) -> str:
        b = self.cell("birth_date")
        return f'IF(OR({self.at("id_birth")}="",NOT(ISNUMBER({b}))),FALSE,INT({b})<>{self.at("id_birth")})'

    def under_age(self) -> str:
        n, x = self.at("norm_id"), EXAM_DATE
        age = (f"YEAR({x})-VALUE(MID({n},7,4))-IF(MONTH({x})*100+DAY({x})<"
               f"VALUE(MID({n},11,2))*100+VALUE(MID({n},13,2)),1,0)")
        return f'IF(OR({self.at("id_birth")}="",NOT(ISNUMBER({x}))),FALSE,{age}<{MINIMUM_AGE})'

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

    def near_miss(self, key: str) -> str:
        list_name = REGISTRATION.column(key).options
        v = clean(self.cell(key))
        tests = []
        aliases = near_misses(list_name)
        if aliases:
            tests.append(f"SUMPRODUCT(--EXACT({_array(aliases)},{v}))>0")
        if list_name == "民族":
            tests.append(self._listed(key, f'{v}&"族"'))
        return "OR(" + ",".join(tests) + ")" if tests else "FALSE"

    def option_unknown(self, key: str) -> str:
        v = clean(self.cell(key))
        return f'AND({v}<>"",NOT({self._listed(key, v)}),NOT({self.near_miss(key)}))'

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


def _column_index(letter: str) -> int:
    index = 0
    for ch in letter:
        index = index * 26 + ord(ch) - 64
    return index - 1
