"""The import report's words that depend on what was found: a text file's encoding, two rows of one person."""

from qzxl.catalogue import CATALOGUE
from usecases.importing import SourceSummary


def test_a_text_file_names_its_encoding_and_a_workbook_does_not():
    csv = SourceSummary("名单.csv", "名单", 1, "GBK/GB18030", imported=2, derived=3)
    code, params = csv.line()
    assert CATALOGUE[code].render(**params) == ("「名单.csv」（名单表第 1 行为表头，编码 GBK/GB18030）：导入 2 人，跳过 0 人，"
                                                "自动填写 3 处，规范写法 0 处。")
    assert params["encoding"] == "GBK/GB18030"  # the JSON keeps the encoding itself
    book = SourceSummary("问卷星.xlsx", "Sheet1", 2, "", imported=5, skipped=1)
    code, params = book.line()
    assert CATALOGUE[code].render(**params) == ("「问卷星.xlsx」（Sheet1表第 2 行为表头）：导入 5 人，跳过 1 人，"
                                                "自动填写 0 处，规范写法 0 处。")


def test_a_duplicate_says_what_differs_or_that_nothing_does():
    common = {"source_row": 4, "name": "李明", "id": "3308**********3426", "first": "问卷星.xlsx"}
    differs = CATALOGUE["import-duplicate"].render(**common, differences="手机号码「13857012345」/「13857099999」",
                                                   compared="duplicate-differs")
    assert differs == ("第 4 行 李明（3308**********3426）在「问卷星.xlsx」中已有，按先选的文件导入；"
                       "两处不同：手机号码「13857012345」/「13857099999」。")
    same = CATALOGUE["import-duplicate"].render(**common, differences="", compared="duplicate-same")
    assert same == "第 4 行 李明（3308**********3426）在「问卷星.xlsx」中已有，按先选的文件导入；两处不同：无。"
