"""The test evaluator of the native formulas (tests/support/excel_formulas.py) gives what Excel gives.

Each expected value is Excel's documented result (Microsoft's function reference), the ones a careless
evaluator gets wrong first: ``formulas`` 1.3.4 says ISNUMBER("123") is TRUE.
"""

import pytest
from support.excel_formulas import Book, compile_formula

BOOK = Book({"S": {"A": {5: "3308", 6: 19901215, 7: None, 8: "a*b"}, "B": {5: "x", 6: "A*B", 7: "a~b"}}},
            {"LIST": ["汉族", "回族"], "DAY": 46376})


def value(formula: str, row: int = 5):
    return compile_formula(formula, sheet="S", row=5, array_names=frozenset({"LIST"}))(BOOK, row)


@pytest.mark.parametrize(("formula", "expected"), [
    ('=ISNUMBER("123")', False),
    ("=ISNUMBER(A6)", True),
    ("=ISNUMBER(A7)", False),  # an empty cell
    ('=ISTEXT(A7)', False),
    ('="1"=1', False),  # text never equals a number
    ('="a"="A"', True),  # = ignores case
    ('=EXACT("a","A")', False),
    ('=A7=""', True),
    ("=A7=0", True),
    ('="abc"<1', False),  # text sorts after numbers
    ('=FIND("z","abc")', "#VALUE!"),
    ('=ISNUMBER(FIND("z","abc"))', False),
    ('=FIND("b","abc")', 2),
    ('=MID("abc",0,1)', "#VALUE!"),
    ('=MID("abc",2,-1)', "#VALUE!"),
    ('=MID("abc",5,2)', ""),
    ('=LEFT("abc",-1)', "#VALUE!"),
    ('=RIGHT("abc",2)', "bc"),
    ('=VALUE("0123")', 123),
    ('=VALUE("12a")', "#VALUE!"),
    ('=VALUE("")', "#VALUE!"),
    ('=--"5"', 5),
    ("=--TRUE", 1),
    ('=TRIM("  a   b ")', "a b"),
    ('=ASC("３３０８Ｘ")', "3308X"),
    ('=SUBSTITUTE("a-b-c","-","")', "abc"),
    ("=LEN(A6)", 8),  # a number as its text
    ('=A6&""', "19901215"),
    ('=330822199012153000&""', "3.30822199012153E+17"),
    ("=MOD(-7,3)", 2),  # the sign of the divisor
    ("=MOD(7,0)", "#DIV/0!"),
    ("=INT(-1.5)", -2),
    ("=DATE(1900,3,1)", 61),  # Lotus' 29 February 1900 counted
    ("=DATE(1990,2,30)", 32934),  # rolled over into March
    ("=DAY(DATE(1990,2,30))", 2),
    ("=DATE(2026,13,1)=DATE(2027,1,1)", True),
    ("=YEAR(DAY)*10000+MONTH(DAY)*100+DAY(DAY)", 20261220),
    ("=ROUND(1990.05-1990,8)*100", 5),
    ("=AND(TRUE,1/0)", "#DIV/0!"),  # AND evaluates every argument
    ('=IF(TRUE,"",1/0)', ""),  # IF only the branch it takes
    ('=IFERROR(1/0,"x")', "x"),
    ('=SUMPRODUCT(--EXACT(LIST,"回族"))', 1),
    ('=SUMPRODUCT(--ISNUMBER(FIND(MID("12a4",{1,2,3,4},1),"0123456789")))', 3),
    ("=SUMPRODUCT(LEN(A5:B5))", 5),
    ('=MATCH("A~*B",A5:A8,0)', 4),  # the escaped star is a star; case ignored
    ('=MATCH("a~*c",A5:A8,0)', "#N/A"),
    ('=MATCH("a*",B5:B7,0)', 2),  # an unescaped star is a wildcard
    ("=MATCH(19901215,A5:A8,0)", 2),
    ('=MATCH("19901215",A5:A8,0)', "#N/A"),  # text does not find a number
    ("=INDEX(A5:A8,3)", 0),  # an empty cell read alone is 0
    ('=TEXT(DATE(1990,12,15),"yyyy.mm")', "1990.12"),
    ("=MAX(0,-3)", 0),
    ("=ROW()", 6),
])
def test_excel_gives(formula, expected):
    result = value(formula, 6 if formula == "=ROW()" else 5)
    assert (repr(result) if not isinstance(result, (str, bool, int, float)) else result) == expected


def test_a_reference_without_dollar_moves_with_the_row():
    assert value("=A5", 6) == 19901215 and value("=$A$5", 6) == "3308" and value("=SUMPRODUCT(LEN(A5:B5))", 6) == 11


def test_an_unknown_function_is_refused_not_guessed():
    with pytest.raises(NotImplementedError):
        value("=TODAY()")
