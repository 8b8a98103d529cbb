"""Questionnaire and class-list headers as clerks receive them, each with the 报名信息 column it means.

Written from the shapes real exports take: 问卷星 (``7、…：``, metadata such as 提交答卷时间, 来自IP), 腾讯问卷
(``Q3. …``, 用户标识), 金数据 and WPS forms (``【必填】``, hints in brackets), and hand-made class lists.
``-`` is submission metadata (ignored, and said so); None is a question the import does not take.
"""

import pytest

from qzxl.sheets.sources import source_key

HEADERS = [
    # 问卷星
    ("1、您的姓名：", "name"),
    ("2、身份证号码：", "id_number"),
    ("3、性别：", "gender"),
    ("4、民族：", "ethnicity"),
    ("5、文化程度（毕业证书上的学历）：", "education"),
    ("6、手机号码：", "mobile"),
    ("7、从事电工相关工作年限：", "work_years"),
    ("8、工作单位：", "employer"),
    ("9、通讯地址（快递可送达）：", "address"),
    ("10、电子邮箱：", "email"),
    ("11、现有职业资格等级：", "prior_level"),
    ("12、原证书编号（无证书的填无）：", "cert_number"),
    ("提交答卷时间", "-"),
    ("所用时间", "-"),
    ("来自IP", "-"),
    ("来源详情", "-"),
    ("序号", "-"),
    # 腾讯问卷
    ("Q1. 请输入您的真实姓名", "name"),
    ("Q2. 请填写公民身份号码", "id_number"),
    ("Q5. 请输入您的手机号", "mobile"),
    ("Q6. 从事本职业工作年限（年）", "work_years"),
    ("用户标识", "-"),
    ("原始记录编号", "-"),
    # 金数据 / WPS 表单
    ("【必填】姓名", "name"),
    ("【必填】身份证号（18位）", "id_number"),
    ("联系电话*", "mobile"),
    ("相关工作经历（年）", "work_years"),
    ("焊工从业年限", "work_years"),
    ("8.相关工作经验（单位：年）", "work_years"),
    ("您从事本工种几年了？", "work_years"),
    ("填写设备", "-"),
    # class lists typed by hand
    ("学员姓名", "name"),
    ("身份证号码", "id_number"),
    ("出生年月", "birth_date"),
    ("学历", "education"),
    ("本职业（工种）年限", "work_years"),
    ("工龄", "work_years"),
    ("本职业工作年限（年）", "work_years"),
    ("单位名称", "employer"),
    ("家庭住址", "address"),
    ("工作岗位", "post"),
    ("考生来源", "source"),
    ("职称", "title_level"),
    # not 工作年限, though they have a work word or a years word
    ("参加工作时间（年月）", None),
    ("工作经历", None),  # a free-text history, no unit
    ("取证年限", None),
    ("培训意向", None),
    ("4、年龄", None),
]


def test_the_table_is_large_and_asks_for_years_many_ways():
    assert len(HEADERS) >= 30
    assert len({header for header, _ in HEADERS}) == len(HEADERS)
    assert sum(key == "work_years" for _, key in HEADERS) >= 8


@pytest.mark.parametrize(("header", "key"), HEADERS)
def test_each_header_maps_to_its_column(header, key):
    assert source_key(header) == key


def test_staff_aliases_still_win_over_the_wrapped_words():
    assert source_key("7、从事电工相关工作年限：", {"从事电工相关工作年限": "工作岗位"}) == "post"
