"""The clerk's week: random sequences of every action and the edits a clerk makes between them (hypothesis), over
the file port through the CLI's own code. After every action: no catch-all, a documented exit code, a file that
passes the project's Excel checks, marks that are exactly 校验's findings and a 校验结果 that lists every open
problem (empty after 清除标注). See clerks_week.py for the steps and the judgement.

The slow suite runs QZXL_WEEK_EXAMPLES sequences (default 50, derandomized) of 8 to 12 steps; set it to 500 for
the long run (random, no shrinking: a failure's message lists its steps), QZXL_WEEK_PROGRESS to a file to follow it.
Every sequence it ever finds failing becomes a plain test in test_clerks_week_regressions.py.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from support import vba_checks
from support.clerks_week import ACTIONS, PEOPLE, Week, excel_problems, prepare

from qzxl.layout import REGISTRATION

pytestmark = pytest.mark.slow
EXAMPLES = int(os.environ.get("QZXL_WEEK_EXAMPLES", "50"))
PROGRESS = os.environ.get("QZXL_WEEK_PROGRESS")  # a file to append one line per sequence to (for the long run)
TYPED = {  # what a clerk types into a column: right, wrong, or odd
    "name": st.sampled_from(["王芳", "李 四", "Zhang San", "=1+1", "  "]),
    "mobile": st.sampled_from(["13857012345", "1385701234", "电话", ""]),
    "gender": st.sampled_from(["男", "女", "M", ""]),
    "education": st.sampled_from(["高中", "大专", "本科", "初中毕业", "研究生"]),
    "work_years": st.sampled_from([0, 3, 8, 25, -1, "五年"]),
    "birth_date": st.sampled_from([dt.date(1990, 1, 1), dt.date(2015, 1, 1), "1990.13.01"]),
    "condition": st.sampled_from(["", "累计从事本职业工作 6 年以上", "随便写的"]),
    "ethnicity": st.sampled_from(["汉族", "汉", "畲族", "火星族"]),
}
ROWS = st.integers(0, PEOPLE)  # the people's rows and the first empty one under them

edits = st.one_of(
    st.sampled_from(sorted(TYPED)).flatmap(lambda key: st.tuples(st.just("type"), ROWS, st.just(key), TYPED[key])),
    st.tuples(st.just("clear"), ROWS, st.sampled_from([k for k in REGISTRATION.keys if k != "row"][:12])),
    st.tuples(st.just("fix_id"), ROWS),
    st.tuples(st.just("break_id"), ROWS),
    st.tuples(st.just("delete_row"), st.integers(0, PEOPLE - 1)),
    st.tuples(st.just("add_photo"), st.integers(0, PEOPLE - 1)),
    st.tuples(st.just("remove_photo"), st.integers(0, 20)),
    st.tuples(st.just("add_attachment"), st.integers(0, PEOPLE - 1), st.sampled_from(["身份证", "毕业证书"])),
    st.tuples(st.just("remove_attachment"), st.integers(0, 20)),
    st.tuples(st.just("exam_date"), st.sampled_from([-3, 5, 20, 35, 90])),
    st.tuples(st.just("headcount"), st.sampled_from([0, PEOPLE, PEOPLE + 3, "六"])),
)
actions = st.one_of(st.tuples(st.just("action"), st.sampled_from(ACTIONS)),
                    st.tuples(st.just("import"), st.integers(0, 2)), st.tuples(st.just("scores"), st.integers(0, 1)))
steps = st.lists(st.one_of(actions, edits), min_size=8, max_size=12).filter(
    lambda chosen: sum(step[0] in ("action", "import", "scores") for step in chosen) >= 3)


@pytest.fixture(scope="module")
def template(built_workbook, tmp_path_factory):
    """The built workbook filled with a plan and PEOPLE candidates, once; each sequence starts from a copy."""
    folder = tmp_path_factory.mktemp("week-template")
    book = prepare(built_workbook, folder, dt.date.today())
    with zipfile.ZipFile(book) as archive:
        vba = archive.read("xl/vbaProject.bin")
    compound = vba_checks.read_compound_file(vba)
    assert compound.problems == []
    directory = vba_checks.read_dir(compound.streams["VBA/dir"])
    assert directory.problems == [] and vba_checks.project_problems(compound.streams, directory) == []
    assert excel_problems(book, vba) == []
    return folder, book, vba


def test_any_week_leaves_a_sound_workbook_and_a_true_picture(template):
    folder, book, vba = template
    runs = []

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 50, database=None,
              phases=[Phase.explicit, Phase.generate] if EXAMPLES > 50 else list(Phase),  # a long run: no shrinking
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large])
    @given(steps)
    def week(chosen):
        start = time.monotonic()
        work = Path(tempfile.mkdtemp(prefix="week-"))
        try:
            for name in ("照片", "附件"):
                shutil.copytree(folder / name, work / name)
            copy = work / book.name
            shutil.copy(book, copy)
            Week(copy, vba, dt.date.today()).run(chosen)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        runs.append((len(chosen), time.monotonic() - start))
        if PROGRESS:
            with Path(PROGRESS).open("a", encoding="utf-8") as log:
                log.write(f"{len(runs)}\t{len(chosen)}\t{time.monotonic() - start:.1f}\t{chosen!r}\n")

    started = time.monotonic()
    week()
    print(f"\nclerk's week: {len(runs)} sequences, {sum(n for n, _ in runs)} steps, "
          f"{min(n for n, _ in runs)}–{max(n for n, _ in runs)} steps each, {time.monotonic() - started:.0f} s")
    assert len(runs) >= min(EXAMPLES, 50)
