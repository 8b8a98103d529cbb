"""Photo and attachment folders: check them, explain every problem, produce a conforming copy.

The rules are the college's (process text, step 1–2): a recent bare-headed ID
photo on a white background, JPG/JPEG, named ID number + name, more than 30 KB
and less than 2 MB, more than 215×300 pixels (width × height).

Source: the process text (衢州市技师学院《职业技能等级认定申报流程》), step 2 (1)–(2); the text is
undated — the rules as of the copy first used here on 2026-11-24. The face-framing
thresholds are the project's own heuristics (see qzxl.photos.settings), warnings only.
"""
