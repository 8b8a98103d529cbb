"""Realistic sample batches: a plan and candidates from Quzhou, with the mistakes clerks really make.

Used by ``qzxl demo``, the tests and the benchmarks. Every injected mistake is
listed as ``(index, key, code)`` so a test can check that exactly those are
reported.

>>> batch = generate_batch(5, seed=1, mistakes=False)
>>> len(batch.candidates), batch.plan["occupation"]
(5, '电工')
>>> from qzxl.values import idnumber
>>> all(idnumber.is_valid(c["id_number"]) for c in batch.candidates)
True
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from stdnum.cn import uscc

from qzxl.dates.schedule import propose_nodes
from qzxl.values.idnumber import check_digit

QUZHOU_COUNTIES = ("330802", "330803", "330822", "330824", "330825", "330881")
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢姜"
    "崔钟谭陆汪范金石廖贾夏韦付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶毛贺顾龚郝邵万钱严覃武戴莫孔向汤"
)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志海燕晓东丹玲红梅文斌俊子涵浩然欣怡雨轩佳琪"
EMPLOYERS = (
    "衢州市鑫达电气有限公司", "浙江巨化股份有限公司", "龙游县城南物业服务有限公司", "江山市恒通建设有限公司",
    "常山县华丰机电有限公司", "开化县绿源水电安装有限公司", "衢州市柯城区兴业装饰工程部",
)
STREETS = (
    "衢州市柯城区荷花街道荷一路 {n} 号", "衢州市衢江区樟潭街道振兴路 {n} 号", "江山市双塔街道江滨路 {n} 号",
    "龙游县龙洲街道太平路 {n} 号", "常山县天马街道定阳路 {n} 号", "开化县芹阳办事处江滨北路 {n} 号",
)
MOBILE_PREFIXES = (
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155",
    "156", "157", "158", "159", "177", "180", "181", "182", "185", "186", "187", "188", "189", "199",
)
CONDITION = "累计从事本职业或相关职业工作 6 年以上"


@dataclass
class Batch:
    plan: dict[str, object]
    candidates: list[dict[str, object]]
    mistakes: list[tuple[int, str, str]] = field(default_factory=list)


def make_id(rng: random.Random, born: dt.date, female: bool) -> str:
    sequence = rng.randrange(0, 100) * 10 + rng.randrange(0, 10, 2) + (0 if female else 1)
    first17 = f"{rng.choice(QUZHOU_COUNTIES)}{born:%Y%m%d}{sequence:03d}"
    return first17 + check_digit(first17)


def make_tax_id(rng: random.Random) -> str:
    body = "91330802" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
    body += rng.choice("0123456789")
    return body + uscc.calc_check_digit(body)


def sample_plan(rng: random.Random, exam: dt.date, headcount: int) -> dict[str, object]:
    return {
        "org": "衢州市衢江区明远职业技能培训学校",
        "contact": "徐丽华",
        "contact_phone": "13857012345",
        "district": "衢江区",
        "occupation": "电工",
        "level": "四级/中级工",
        "headcount": headcount,
        "review_status": "已初审，符合申报条件",
        "trainer": "衢州市衢江区明远职业技能培训学校",
        "textbook": "《电工（中级）》国家职业技能等级认定培训教程",
        "training_start": exam - dt.timedelta(days=75),
        "training_end": exam - dt.timedelta(days=25),
        "class_name": f"{exam.year}年电工中级 1 班",
        "filing_org": "衢州市衢江区明远职业技能培训学校",
        "plan_number": f"QZ{exam:%Y%m}0012",
        "exam_date": exam,
        "theory_time": "09:00—10:30",
        "theory_place": "衢州市技师学院 实训楼 3 楼",
        "theory_rooms": 1 + headcount // 30,
        "theory_invigilators": 2 * (1 + headcount // 30),
        "theory_markers": 2,
        "theory_lead": "周建国",
        "theory_lead_phone": "13587001953",
        "practice_time": "13:30—17:00",
        "practice_place": "衢州市技师学院 电工实训室",
        "practice_examiners": 3,
        "practice_lead": "程晓东",
        "practice_lead_phone": "18805701486",
        "payer_name": "衢州市衢江区明远职业技能培训学校",
        "payer_tax_id": make_tax_id(rng),
        "payer_bank": "中国农业银行衢州衢江支行",
        "payer_account": "1960 0101 0400 12345",
        "payer_contact": "徐丽华",
        "payer_phone": "13857012345",
        **propose_nodes(exam),
    }


def sample_candidate(rng: random.Random, exam: dt.date) -> dict[str, object]:
    female = rng.random() < 0.35
    born = exam - dt.timedelta(days=rng.randrange(20 * 365, 55 * 365))
    years = rng.choice((6, 7, 8, 10, 12, 15))
    if exam.year - born.year - 17 < years:  # no one works before 16: born early enough for the years
        born = born.replace(year=exam.year - years - 17, day=min(born.day, 28))
    return {
        "name": rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2)))),
        "id_type": "居民身份证",
        "id_number": make_id(rng, born, female),
        "gender": "女" if female else "男",
        "birth_date": born,
        "ethnicity": "畲族" if rng.random() < 0.05 else "汉族",
        "education": rng.choice(("初中", "高中", "中等专业学校", "技工学校", "大学专科和专科学校")),
        "mobile": rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}",
        "source": "企业",
        "employer": rng.choice(EMPLOYERS),
        "work_years": years,
        "prior_level": "无",
        "address": rng.choice(STREETS).format(n=rng.randrange(1, 300)),
        "email": "",
        "condition": CONDITION,
        "cert_number": "",
        "title_level": "无",
        "post": "电工",
        "applied_occupation": "",
        "applied_level": "",
    }


# (code, key where it is reported, the change) — the change returns the updated cells.
_MISTAKES = (
    ("id-check-digit", "id_number",
     lambda c: {"id_number": c["id_number"][:17] + ("0" if c["id_number"][17] != "0" else "1")}),
    ("mobile-invalid", "mobile", lambda c: {"mobile": c["mobile"][:10]}),
    ("gender-mismatch", "gender", lambda c: {"gender": "男" if c["gender"] == "女" else "女"}),
    # Excel turns an all-digit ID into a number (an X at the end would keep it text)
    ("number-stored-id", "id_number", lambda c: {"id_number": float(c["id_number"][:17] + "7")}),
    ("option-near-miss", "ethnicity", lambda c: {"ethnicity": "汉"}),
    ("option-near-miss", "education", lambda c: {"education": "本科"}),
    ("birth-mismatch", "birth_date", lambda c: {"birth_date": c["birth_date"] + dt.timedelta(days=31)}),
    ("required-missing", "mobile", lambda c: {"mobile": ""}),
    ("eligibility-not-met", "condition", lambda c: {"work_years": 2, "education": "高中"}),
)


def generate_batch(count: int, *, seed: int = 2026, exam: dt.date = dt.date(2026, 12, 18),
                   mistakes: bool = True) -> Batch:
    """``count`` candidates; with ``mistakes``, one of each kind, spread over the rows.

    ``Batch.mistakes`` lists ``(index, key, code)``: the candidate, the column
    where the engine must report it and the catalogue code.
    """
    rng = random.Random(seed)
    candidates = [sample_candidate(rng, exam) for _ in range(count)]
    batch = Batch(sample_plan(rng, exam, count), candidates)
    if mistakes:
        step = max(1, count // len(_MISTAKES))
        for index, (code, key, change) in enumerate(_MISTAKES[:count]):
            candidates[index * step].update(change(candidates[index * step]))
            batch.mistakes.append((index * step, key, code))
    return batch
