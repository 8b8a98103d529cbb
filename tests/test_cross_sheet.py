"""The 花名册 against 报名信息 (qzxl.rules.cross_sheet.check_roster), line by line, as its 自动检查 column checks."""

import datetime as dt

from qzxl.rules.cross_sheet import check_roster
from qzxl.sheets.models import Candidate, RosterLine

ZHANG = "330802199005050019"  # a valid number, a man born 1990-05-05
LI = "33080219850303002X"


def findings(candidates, roster):
    return [(f.sheet or "报名信息", f.row, f.code, f.key) for f in check_roster(candidates, roster, "花名册")]


def test_a_repeated_id_is_compared_with_its_first_row_on_registration():
    people = [Candidate(row=5, name="张三", id_number=ZHANG, gender="男"),
              Candidate(row=9, name="张叁", id_number=ZHANG, gender="男")]
    assert findings(people, [RosterLine(row=5, name="张三", id_number=ZHANG)]) == []
    assert findings(people, [RosterLine(row=5, name="张叁", id_number=ZHANG)]) == [
        ("花名册", 5, "roster-mismatch", "name")]
    issue = next(check_roster(people, [RosterLine(row=5, name="张叁", id_number=ZHANG)], "花名册"))
    assert issue.params["other_row"] == 5


def test_every_line_of_a_repeated_id_is_checked_and_both_are_repeats():
    people = [Candidate(row=5, name="张三", id_number=ZHANG)]
    roster = [RosterLine(row=5, name="张三", id_number=ZHANG), RosterLine(row=6, name="李四", id_number=ZHANG)]
    assert findings(people, roster) == [("花名册", 5, "id-duplicate", "id_number"),
                                        ("花名册", 6, "id-duplicate", "id_number"),
                                        ("花名册", 6, "roster-mismatch", "name")]
    assert next(check_roster(people, roster, "花名册")).params["other_rows"] == "6"


def test_required_cells_of_the_roster():
    roster = [RosterLine(row=5, name="", id_number=ZHANG), RosterLine(row=6, name="李四", id_number=""),
              RosterLine(row=7, name="王五", unreadable=frozenset({"id_number"}))]  # a number: reported when read
    people = [Candidate(row=5, name="张三", id_number=ZHANG)]
    assert findings(people, roster) == [("花名册", 5, "required-missing", "name"),
                                        ("花名册", 6, "required-missing", "id_number")]


def test_a_person_missing_from_registration_and_one_missing_from_the_roster():
    people = [Candidate(row=5, name="张三", id_number=ZHANG), Candidate(row=6, name="李四", id_number=LI)]
    roster = [RosterLine(row=5, name="张三", id_number=ZHANG), RosterLine(row=6, name="王五", id_number="11010519491231002X")]
    assert findings(people, roster) == [("报名信息", 6, "roster-missing", "id_number"),
                                        ("花名册", 6, "roster-extra", "id_number")]


def test_gender_and_birth_month_agreement():
    people = [Candidate(row=5, name="张三", id_number=ZHANG, gender="男", birth_date=dt.date(1990, 5, 5)),
              Candidate(row=6, name="李四", id_number=LI, gender="女")]  # 出生日期 empty: the ID's 1985-03
    roster = [RosterLine(row=5, name="张三", id_number=ZHANG, gender="男 ", birth_month=(1990, 5)),
              RosterLine(row=6, name="李四", id_number=LI, gender="男", birth_month=(1985, 4))]
    assert findings(people, roster) == [("花名册", 6, "roster-mismatch", "gender"),
                                        ("花名册", 6, "roster-mismatch", "birth_month")]
    assert [f.params["expected"] for f in check_roster(people, roster, "花名册")] == ["女", "1985.03"]
