"""流程: the ten steps, each dated by formula from the 方案 deadlines and nodes."""

from __future__ import annotations

import datetime as dt

from qzxl.catalogue import say
from qzxl.dates.schedule import DEADLINES, checklist, propose_nodes
from qzxl.export.forms import page_setup
from qzxl.layout import PLAN_FIELDS, PROCESS, PROCESS_FIRST_STEP_ROW, PROCESS_STEP_NOTES, plan_value_row
from workbook.formats import Formats
from workbook.formulas import estimate_note, estimated_deadline, process_date, process_node, process_note
from workbook.names import field_name


def write(ws, formats: Formats, today: dt.date) -> None:
    """The ten steps; dates by formula from the 方案 deadlines and nodes, so they follow the exam date."""
    ws.merge_range(0, 0, 0, len(PROCESS.columns) - 1, "申报流程（衢州市技师学院）", formats.title)
    for col, column in enumerate(PROCESS.columns):
        ws.write_string(1, col, column.header, formats.header)
        ws.set_column(col, col, column.width)
    example = dt.date(today.year, 12, 31)  # any exam date: only the steps' labels and reasons are used here
    steps = checklist(example, propose_nodes(example))
    node_rows = {f.key: plan_value_row(f.key) for f in PLAN_FIELDS}
    deadline_names = {key: f"QZ_DEADLINE_{key.upper()}" for key, _, _ in DEADLINES}
    sources = {"step_1": deadline_names["electronic_materials"], "step_1b": deadline_names["plan_filing"],
               "step_2": deadline_names["paper_materials"], "step_8": field_name("exam_date")}
    deadline_steps = {"step_1": "electronic_materials", "step_1b": "plan_filing", "step_2": "paper_materials"}
    days_before = {key: days for key, _, days in DEADLINES}
    estimates = {step: (estimated_deadline(key, days_before[key]), estimate_note(days_before[key]))
                 for step, key in deadline_steps.items()}
    nodes = {"step_4": "registration_start", "step_6": "review_end", "step_7": "ticket_start",
             "step_9": "score_publicity_end"}
    for offset, step in enumerate(steps):
        row = PROCESS_FIRST_STEP_ROW + offset
        ws.write_string(row, 0, step.label, formats.cell)
        if step.key in sources:
            ws.write_formula(row, 1, process_date(sources[step.key]), formats.formula_date, "")
            if step.key in estimates:
                ws.write_formula(row, 2, process_note(sources[step.key], *estimates[step.key]), formats.cell,
                                 say("formula-follows-exam"))
            else:
                ws.write_string(row, 2, say("formula-follows-exam"), formats.cell)
        elif step.key in nodes:
            ws.write_formula(row, 1, process_node(node_rows[nodes[step.key]]), formats.formula_date, "")
            ws.write_string(row, 2, "；".join(filter(None, (step.reason, PROCESS_STEP_NOTES.get(step.key)))),
                            formats.cell)
        else:
            ws.write_string(row, 1, "", formats.cell)
            ws.write_string(row, 2, step.reason, formats.cell)
        ws.write_blank(row, 3, None, formats.input)
    ws.data_validation(PROCESS_FIRST_STEP_ROW, 3, PROCESS_FIRST_STEP_ROW + len(steps), 3,
                       {"validate": "list", "source": ["√"]})
    page_setup(ws, PROCESS_FIRST_STEP_ROW - 1 + len(steps), len(PROCESS.columns) - 1, fit="page")
