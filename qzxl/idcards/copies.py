"""身份证复印件 for a batch: each candidate's ID-card images found in the attachments folder, read, composed.

A candidate's images are the attachments the 校验 check files as 身份证 for them (the ID number or
the name in the file name, and 身份证). Each image may hold one side or both (two cards in one
photo); the side is read from the card, the file name's 人像面/正面 or 国徽面/反面/背面 deciding
only where the card cannot tell. With one 人像面 and one 国徽面 the copy is composed; otherwise
the candidate is listed with what is wrong. A candidate whose 身份证 attachment is a PDF already
has a copy: it is left as it is (and the export keeps copying it).

>>> side_from_name("330822199012153426张三身份证国徽面.jpg"), side_from_name("张三 身份证 正面.png")
('back', 'front')
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from qzxl.catalogue import say
from qzxl.files import remove_leftovers, staging_folder
from qzxl.idcards.fonts import CHINESE_FONT_PACKAGE, FontFile, chinese_font
from qzxl.idcards.quality import card_findings
from qzxl.photos.attachments import ACCEPTED, KIND_BY_KEY, attachment_owner, classify
from qzxl.photos.folder import PhotoFile, candidate_label, list_files, opened_source
from qzxl.photos.naming import clean_file_stem
from qzxl.report import Issue, Report
from qzxl.sheets.models import CandidateLookup

IMAGES = tuple(extension for extension in ACCEPTED if extension != ".pdf")  # what the attachments check accepts
SIDE_WORDS = {"front": ("人像面", "人像", "正面", "头像面"), "back": ("国徽面", "国徽", "反面", "背面")}
SIDE_LABELS = {"front": "人像面", "back": "国徽面"}
COPY_LABEL = KIND_BY_KEY["id_card"].label  # 身份证复印件: the name the export gives an ID-card attachment
ALL_PAGES = f"{COPY_LABEL}（全部）.pdf"
STAMP_OFF = ("无", "不加", "不要", "否", "关闭")  # what a clerk types in 复印件斜线文字 for no line


def side_from_name(file_name: str) -> str | None:
    stem = clean_file_stem(Path(file_name).stem)
    sides = [side for side, words in SIDE_WORDS.items() if any(word in stem for word in words)]
    return sides[0] if len(sides) == 1 else None


def copy_name(id_number: str, name: str) -> str:
    return f"{id_number}{name}_{COPY_LABEL}.pdf"


def stamp_text(stamp: str | None, today: dt.date) -> str:
    """The diagonal line: the 方案's text (default the purpose) and the date; "" when the 方案 says 无/不加."""
    text = say("idcopy-stamp-default") if stamp is None or not stamp.strip() else stamp.strip()
    if text in STAMP_OFF:
        return ""
    return say("idcopy-stamp", text=text, year=today.year, month=today.month, day=today.day)


@dataclass
class ReadCard:
    image: object  # PIL image, straightened and upright
    side: str
    file: str


@dataclass
class CopyResult:
    report: Report
    written: dict[str, Path] = field(default_factory=dict)  # ID number → its copy
    combined: Path | None = None
    kept_pdf: list[str] = field(default_factory=list)  # ID numbers whose 身份证 attachment is a PDF already
    not_made: list[str] = field(default_factory=list)  # labels of the candidates listed instead


def id_card_files(folder: Path, people: CandidateLookup) -> dict[str, list[PhotoFile]]:
    """Each candidate's 身份证 attachments, as the attachments check matches them."""
    files, _ = list_files(folder)
    found: dict[str, list[PhotoFile]] = defaultdict(list)
    for file in files:
        if classify(file.name) != "id_card":
            continue
        owner = attachment_owner(clean_file_stem(Path(file.name).stem), people)
        if owner is not None:
            found[owner].append(file)
    return found


def check_cards(files: Sequence[PhotoFile], label: str) -> tuple[list[ReadCard], list[Issue]]:
    """The cards in a candidate's images, and what is wrong with each image or card."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    from qzxl.idcards.detect import as_array, cards_in_photo

    cards, issues = [], []
    for file in files:
        try:
            with Image.open(file.path) as opened:
                opened.draft("RGB", (3000, 3000))  # a 12-megapixel JPEG decodes at half size: still 2× the detail
                photo = ImageOps.exif_transpose(opened).convert("RGB")
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
            issues.append(Issue.create("attachment-unreadable", params={"reason": "attachment-image-damaged"},
                                       file=file.name, candidate=label))
            continue
        found = cards_in_photo(as_array(photo))
        if not found:
            issues.append(Issue.create("idcard-not-found", file=file.name, candidate=label))
            continue
        hinted = side_from_name(file.name) if len(found) == 1 else None
        for card in found:
            findings = card_findings(card)
            side = card.side or (hinted if card.pale else None)
            if side is not None:
                findings = [(code, params) for code, params in findings if code != "idcard-side-unknown"]
            issues += [Issue.create(code, params=params, file=file.name, candidate=label) for code, params in findings]
            if side is not None and not any(code == "idcard-not-resident-card" for code, _ in findings):
                cards.append(ReadCard(Image.fromarray(card.image), side, file.name))
    return cards, issues


def pair_problem(cards: Sequence[ReadCard], label: str) -> Issue | None:
    sides = {card.side for card in cards}
    if sides == {"front", "back"}:
        return None
    if not cards:
        return None  # the images' own findings say why
    if len(cards) > 1:
        return Issue.create("idcard-same-side", params={"side": SIDE_LABELS[cards[0].side]},
                            file="、".join(dict.fromkeys(c.file for c in cards)), candidate=label)
    missing = "back" if cards[0].side == "front" else "front"
    return Issue.create("idcard-side-missing", params={"side": SIDE_LABELS[cards[0].side],
                                                       "missing": SIDE_LABELS[missing]},
                        file=cards[0].file, candidate=label)


def make_copies(attachments: Path | None, candidates: Sequence, out: Path, *, stamp: str = "",
                font: FontFile | None = None) -> CopyResult:
    """Write each candidate's copy and the all-pages PDF into the folder ``out`` (made here; it must not exist).

    ``stamp`` "" writes no diagonal line. Without a Chinese font for the line, nothing is written and
    the report says which package to install.
    """
    from qzxl.idcards.page import write_pages

    report = Report(candidates=len(candidates))
    result = CopyResult(report)
    if stamp:
        font = font or chinese_font()
        if font is None:
            report.extend([Issue.create("idcard-no-font", params={"package": CHINESE_FONT_PACKAGE})])
            return result
    people = CandidateLookup(candidates)
    pairs = []
    files: dict[str, list[PhotoFile]] = {}
    if attachments is not None:
        with opened_source(Path(attachments)) as (folder, archive_issues):
            report.extend(archive_issues)
            files = id_card_files(folder, people)
            for candidate in (c for c in candidates if c.id_number):
                pair = _candidate_pair(candidate, files.get(candidate.id_number, []), result)
                if pair is not None:
                    pairs.append((candidate, pair))
    else:
        for candidate in (c for c in candidates if c.id_number):
            _candidate_pair(candidate, [], result)
    if not pairs:
        return result
    # written in a hidden folder beside ``out`` and renamed at the end: an interrupted run leaves no half folder
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out.parent)
    staging = staging_folder(out.name, out.parent)
    try:
        for candidate, pair in pairs:
            name = copy_name(candidate.id_number, candidate.name)
            write_pages([pair], staging / name, stamp=stamp, font=font)
            result.written[candidate.id_number] = out / name
        write_pages([pair for _, pair in pairs], staging / ALL_PAGES, stamp=stamp, font=font)
        staging.rename(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result.combined = out / ALL_PAGES
    report.counts.update({"copies": len(result.written)})
    return result


def _candidate_pair(candidate, files: list[PhotoFile], result: CopyResult):
    label = candidate_label(candidate.id_number, candidate.name)
    images = [f for f in files if Path(f.name).suffix.lower() in IMAGES]
    if not images:
        if any(Path(f.name).suffix.lower() == ".pdf" for f in files):
            result.kept_pdf.append(candidate.id_number)
            return None
        result.report.extend([Issue.create("idcard-missing", params={"name": candidate.name,
                                                                     "id": candidate.id_number}, candidate=label)])
        result.not_made.append(label)
        return None
    cards, issues = check_cards(images, label)
    result.report.extend(issues)
    problem = pair_problem(cards, label)
    if problem is not None:
        result.report.extend([problem])
    by_side = {card.side: card.image for card in cards}
    if problem is not None or set(by_side) != {"front", "back"}:
        result.not_made.append(label)
        return None
    return by_side["front"], by_side["back"]


def sentences(result: CopyResult, folder: Path) -> list[str]:
    """What was done, in the clerk's words: the folder (its -2, -3 … name), PDFs kept, candidates left out."""
    lines = [say("idcopy-done", count=len(result.written), folder=folder) if result.written else say("idcopy-none")]
    if result.kept_pdf:
        lines.append(say("idcopy-kept-pdf", count=len(result.kept_pdf)))
    if result.not_made:
        lines.append(say("idcopy-not-made", count=len(result.not_made), names="、".join(result.not_made)))
    return lines
