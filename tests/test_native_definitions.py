"""The definitions the workbook's native formulas are generated from agree with the engine's own checks."""

import re

from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric
from xlsxwriter.utility import xl_col_to_name

from qzxl.catalogue import CATALOGUE, NATIVE_CODES, NATIVE_TITLES, Severity
from qzxl.layout import REGISTRATION, ROSTER, native_column
from qzxl.report import native_on
from qzxl.rules.contact import mobile_prefixes, mobile_problem
from qzxl.values import idnumber
from workbook.native import HELPER_KEYS, RosterFormulas, RowFormulas


def test_every_native_code_is_an_error_with_a_short_title():
    for code, title in NATIVE_TITLES.items():
        assert CATALOGUE[code].severity is Severity.ERROR, code
        assert 0 < len(title) <= 16 and CATALOGUE[code].title == title
    assert set(NATIVE_TITLES) == NATIVE_CODES["registration"] | NATIVE_CODES["roster"]
    assert not CATALOGUE["email-invalid"].title and not CATALOGUE["id-birth-future"].title


def test_native_is_per_sheet():
    assert native_on("id-check-digit", "报名信息") and not native_on("id-check-digit", "花名册")
    assert native_on("roster-extra", "花名册") and not native_on("roster-extra", "报名信息")
    assert native_on("number-stored-id", "花名册") and native_on("number-stored-id", "报名信息")
    assert not native_on("option-unknown", "方案"), "the 方案 form has no 自动检查 column"
    assert not native_on("roster-missing", "报名信息") and not native_on("required-missing", None)
    assert not native_on("required-missing", "Sheet1"), "a table found on a clerk's own sheet has no formulas"


def test_the_json_flag_is_per_sheet():
    from qzxl.report import Issue

    def flag(code, sheet):
        params = {"expected": "张三", "other_row": 5, "examples": "汉族"}
        return Issue.create(code, sheet=sheet, row=5, cell="I5", params=params).as_dict()["native"]

    assert flag("number-stored-id", "花名册") is True and flag("roster-mismatch", "花名册") is True
    assert flag("id-check-digit", "花名册") is False and flag("option-unknown", "方案") is False


@given(st.text("0123456789", min_size=17, max_size=17))
def test_spelled_out_weights_give_stdnums_check_digit(first17):
    total = sum(int(digit) * weight for digit, weight in zip(first17, idnumber.WEIGHTS, strict=True))
    assert idnumber.CHECK_CHARACTERS[total % 11] == ric.calc_check_digit(first17 + "0")


def test_the_colleges_example_and_a_known_valid_number():
    # 330822199012153420 is the college's file-name example; its check digit is wrong (6 is right).
    assert idnumber.check_digit("33082219901215342") == "6"
    assert idnumber.CHECK_CHARACTERS == "10X98765432"  # the table printed in GB 11643-1999 (remainder 0 → 1)


def test_province_codes_are_the_mainland_hk_macao_and_taiwan_codes():
    codes = idnumber.province_codes()
    assert {"11", "33", "65", "71", "81", "82"} <= set(codes) and "10" not in codes and "99" not in codes


@given(st.text("0123456789", min_size=11, max_size=11))
def test_the_prefix_list_accepts_exactly_what_the_pattern_accepts(number):
    by_prefix = any(number.startswith(prefix) for prefix in mobile_prefixes())
    assert by_prefix == (mobile_problem(number) is None)


def test_real_carrier_numbers():
    for number in ("13800138000", "19912345678", "17400123456", "16612345678"):  # 移动, 广电/电信 199, 卫星, 联通
        assert any(number.startswith(p) for p in mobile_prefixes()), number
    for number in ("12345678901", "17406123456", "14012345678"):
        assert not any(number.startswith(p) for p in mobile_prefixes()), number
    assert all(re.fullmatch(r"1\d{1,4}", prefix) for prefix in mobile_prefixes())


def test_the_native_formulas_use_only_portable_functions():
    from workbook.names import option_list_names

    letters = {c.key: chr(65 + i) for i, c in enumerate(REGISTRATION.columns)}
    f = RowFormulas(letters, helpers=HELPER_KEYS, first_letter="Y", row=5, lists=option_list_names())
    text = " ".join((f.auto_check(), *f.helpers().values()))
    roster = RosterFormulas(5)
    expressions = [*roster.helpers().values(), roster.auto_check(), *roster.marks().values()]
    text += " " + " ".join(expressions)
    used = set(re.findall(r"([A-Z][A-Z0-9.]*)\(", text))
    assert used <= PORTABLE, used - PORTABLE
    assert len(f.auto_check()) < 8192 and "".join(map(str, idnumber.WEIGHTS)) in f.id_problem.replace(",", "")
    assert max(map(len, expressions)) < 8192  # Excel's limit on a formula's length


# Excel 2010, WPS and LibreOffice evaluate these alike; none is volatile, none spills.
PORTABLE = {"IF", "AND", "OR", "NOT", "ISNUMBER", "ISTEXT", "SUBSTITUTE", "UPPER", "TRIM", "ASC", "LEN", "MID", "LEFT",
            "RIGHT", "FIND", "SUMPRODUCT", "VALUE", "MOD", "INT", "DATE", "YEAR", "MONTH", "DAY", "EXACT", "ABS", "ROUND",
            "MAX", "MATCH", "INDEX", "IFERROR", "ISERROR"}


def test_the_roster_columns_follow_the_layout():
    roster = RosterFormulas(7)
    assert roster.helper["norm_id"] == xl_col_to_name(native_column(ROSTER) + 1)
    assert roster.cell("id_number") == xl_col_to_name(ROSTER.keys.index("id_number")) + "7"
    registration_ids = xl_col_to_name(native_column(REGISTRATION) + 1)
    assert f"'报名信息'!${registration_ids}$5:${registration_ids}$504" in roster.registration_row
    assert [code for _, code in roster.checks()] == sorted(NATIVE_CODES["roster"], key=[
        "required-missing", "number-stored-id", "id-invisible-characters", "id-duplicate", "roster-extra",
        "roster-mismatch"].index)


def test_the_invisible_characters_are_the_format_and_odd_space_characters_of_the_bmp():
    import unicodedata

    from qzxl.values.normalize import INVISIBLE

    derived = "".join(c for c in map(chr, range(0x10000)) if unicodedata.category(c) == "Cf"
                      or (unicodedata.category(c) == "Zs" and c not in " \u3000"))
    assert derived == INVISIBLE, unicodedata.unidata_version
    assert {"\u00a0", "\u200b", "\ufeff", "\u202f", "\u00ad"} <= set(INVISIBLE) and "\u3000" not in INVISIBLE
