"""Export generated batches and read every file back with openpyxl (a second library)."""

import datetime as dt
import hashlib
import json
import os
import zipfile

import openpyxl
import pytest
from icalendar import Calendar

from cli.commands import main
from qzxl.catalogue import CATALOGUE
from qzxl.errors import CannotRun
from qzxl.export import package
from qzxl.export.forms import TABLE_HEADER_ROW
from qzxl.layout import FORMS, REGISTRATION_SYSTEM_COLUMNS, ROSTER
from qzxl.photos.samples import jpeg_bytes, portrait
from qzxl.sample import generate_batch
from usecases.export import ExportRefused, export_package
from usecases.schedule import book_schedule

HEADER = TABLE_HEADER_ROW + 1  # the header row of the roster and the registration table, as openpyxl counts
FORMULA_LOOKING = '=HYPERLINK("http://example.com","点我")'


def digest_tree(root):
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def no_pdf(monkeypatch):
    monkeypatch.setattr(package, "libreoffice", lambda: None)


@pytest.fixture
def batch_on_disk(tmp_path, write_book):
    batch = generate_batch(6, mistakes=False)
    batch.candidates[2]["address"] = FORMULA_LOOKING
    batch.candidates[3]["employer"] = "+86 公司"
    book = write_book(batch.plan, batch.candidates)
    photos, attachments = tmp_path / "照片", tmp_path / "附件"
    photos.mkdir()
    attachments.mkdir()
    for index, person in enumerate(batch.candidates):
        (photos / f"{person['id_number']}{person['name']}.jpg").write_bytes(jpeg_bytes(portrait(seed=index), quality=95))
        (attachments / f"{person['id_number']}身份证.pdf").write_bytes(b"%PDF-1.4 id")
        (attachments / f"{person['name']}毕业证.jpg").write_bytes(b"diploma")
    return batch, book, photos, attachments


def test_package_contents_match_the_source(batch_on_disk, tmp_path, no_pdf):
    batch, book, photos, attachments = batch_on_disk
    before = {"book": book.read_bytes(), "photos": digest_tree(photos), "attachments": digest_tree(attachments)}
    result = export_package(book, tmp_path / "out", photos=photos, attachments=attachments, make_zip=True)
    assert before == {"book": book.read_bytes(), "photos": digest_tree(photos), "attachments": digest_tree(attachments)}
    folder = result.folder
    assert folder.name == "衢州市衢江区明远职业技能培训学校_电工四级-中级工_2026-12-18"
    people = batch.candidates

    sheet = openpyxl.load_workbook(folder / FORMS["registration"].file).active
    at = {c.key: i for i, c in enumerate(REGISTRATION_SYSTEM_COLUMNS)}
    assert [c.value for c in sheet[HEADER]] == ["姓名", "证件类型", "证件号码", "性别", "出生日期", "民族", "文化程度",
                                                 "手机号码", "考生来源", "所在单位", "工作年限", "原鉴定等级",
                                                 "通讯地址", "电子邮箱", "申报条件"]  # the seed's 15, in its order
    assert "计划编号" in sheet["I2"].value and "2026-12-18" in sheet["I3"].value
    for person, row in zip(people, sheet.iter_rows(min_row=HEADER + 1), strict=True):
        assert row[at["id_number"]].value == person["id_number"] and row[at["id_number"]].data_type == "s"
        assert row[at["name"]].value == person["name"]
        assert row[at["birth_date"]].value == person["birth_date"].isoformat()
        assert row[at["mobile"]].value == person["mobile"]
    address = sheet.cell(HEADER + 1 + 2, at["address"] + 1)
    assert (address.value, address.data_type) == (FORMULA_LOOKING, "s")

    roster = openpyxl.load_workbook(folder / FORMS["roster"].file).active
    on_roster = {c.key: i for i, c in enumerate(ROSTER.columns)}
    assert [c.value for c in roster[HEADER]] == [c.header for c in ROSTER.columns]
    assert [(r[on_roster["name"]].value, r[on_roster["id_number"]].value)
            for r in roster.iter_rows(min_row=HEADER + 1)] == [(p["name"], p["id_number"]) for p in people]

    applications = openpyxl.load_workbook(folder / FORMS["applications"].file)
    assert applications.sheetnames == [FORMS["applications"].sheet]  # everyone on one sheet, a page each
    form = applications.active
    tops = [cell.row for cell in form["A"] if cell.value == FORMS["applications"].title]
    assert len(tops) == len(people)
    assert [b.id for b in form.row_breaks.brk] == [top - 1 for top in tops[1:]]  # a break above every form
    for person, top in zip(people, tops, strict=True):
        assert (form.cell(top + 1, 2).value, form.cell(top + 4, 2).value, form.cell(top + 2, 4).value) == (
            person["name"], person["id_number"], person["education"])
        proof = next(form.cell(row, 2).value for row in range(top, top + 20)
                     if form.cell(row, 1).value == "本职业工作\n年限\n证明")
        assert "已满 " + str(person["work_years"]) + " 年" in proof and person["name"] in proof

    payment = openpyxl.load_workbook(folder / FORMS["payment"].file).active
    assert payment["B3"].value == batch.plan["payer_tax_id"]

    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["candidates"] == len(people)
    assert manifest["source"]["sha256"] == hashlib.sha256(book.read_bytes()).hexdigest()
    listed = {entry["path"]: entry for entry in manifest["files"]}
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {"manifest.json"}
    assert set(listed) == on_disk
    for path, entry in listed.items():
        data = (folder / path).read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (entry["size"], entry["sha256"])
    assert "LibreOffice" in manifest["pdf"]

    with zipfile.ZipFile(folder / "照片.zip") as archive:
        assert sorted(archive.namelist()) == sorted(f"{p['id_number']}{p['name']}.jpg" for p in people)
    assert sorted(p.name for p in (folder / "附件").iterdir()) == sorted(
        f"{p['id_number']}{p['name']}_{kind}" for p in people for kind in ("学历证书.jpg", "身份证复印件.pdf"))
    for workbook_file in folder.glob("*.xlsx"):
        for ws in openpyxl.load_workbook(workbook_file).worksheets:
            assert all(cell.data_type != "f" for row in ws.iter_rows() for cell in row), workbook_file.name


def test_a_scan_named_with_a_corrected_id_number_goes_in_under_the_right_one(batch_on_disk, tmp_path, no_pdf):
    batch, book, photos, attachments = batch_on_disk
    person = batch.candidates[0]
    right = person["id_number"]
    old = right[:-4] + ("0000" if right[-4:] != "0000" else "1111")  # the number before 证件号码 was corrected
    (attachments / f"{right}身份证.pdf").rename(attachments / f"{old}{person['name']}身份证.pdf")
    result = export_package(book, tmp_path / "out", photos=photos, attachments=attachments)
    names = {p.name for p in (result.folder / "附件").iterdir()}
    assert f"{right}{person['name']}_身份证复印件.pdf" in names and not any(old in name for name in names)
    assert [i.candidate for i in result.report.issues if i.code in ("attachment-name-id-differs",
                                                                    "attachment-unmatched")] == [
        f"{right[:4]}**********{right[-4:]} {person['name']}"]


def test_errors_block_the_export_and_force_includes_the_report(batch_on_disk, tmp_path, no_pdf, write_book):
    batch, _, _, _ = batch_on_disk
    batch.candidates[0]["mobile"] = "123"
    book = write_book(batch.plan, batch.candidates, name="broken.xlsx")
    with pytest.raises(ExportRefused) as refused:
        export_package(book, tmp_path / "out")
    assert [i.code for i in refused.value.report.issues if i.is_error] == ["mobile-invalid"]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    result = export_package(book, tmp_path / "out", force=True)
    report = openpyxl.load_workbook(result.folder / "校验报告.xlsx")["问题"]
    assert "mobile-invalid" in [row[8] for row in report.iter_rows(min_row=2, values_only=True)]


def test_an_existing_package_is_kept_and_the_new_one_goes_beside_it(batch_on_disk, tmp_path, no_pdf, capsys):
    _, book, _, _ = batch_on_disk
    first = export_package(book, tmp_path / "out")
    (first.folder / "mine.txt").write_text("clerk's note")
    assert main(["export", str(book), "--out", str(tmp_path / "out")]) == 0
    assert f"这次写到了旁边的「{first.folder.name}-2」" in capsys.readouterr().out
    assert (first.folder / "mine.txt").exists()
    export_package(book, tmp_path / "out", replace=True)
    assert not (first.folder / "mine.txt").exists()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [first.folder.name, f"{first.folder.name}-2"]


def test_a_package_another_export_finished_meanwhile_is_not_overwritten(batch_on_disk, tmp_path, no_pdf,
                                                                        monkeypatch):
    _, book, _, _ = batch_on_disk
    first = export_package(book, tmp_path / "out")
    monkeypatch.setattr(package, "free_path", lambda path, **_: path)  # as if it was free when chosen
    with pytest.raises(CannotRun) as stop:
        export_package(book, tmp_path / "out")
    assert str(stop.value) == CATALOGUE["run-export-exists"].render(target=first.folder)


def test_cli_export_refuses_with_the_error_list(tmp_path, write_book, capsys, no_pdf):
    batch = generate_batch(9)
    book = write_book(batch.plan, batch.candidates)
    assert main(["export", str(book), "--out", str(tmp_path / "out")]) == 1
    assert "未导出" in capsys.readouterr().out


@pytest.mark.libreoffice
def test_pdfs_have_one_page_per_application(batch_on_disk, tmp_path):
    if package.libreoffice() is None and not os.environ.get("CI"):
        pytest.skip("LibreOffice is not installed here (CI installs it)")
    from pypdf import PdfReader

    _, book, photos, _ = batch_on_disk
    result = export_package(book, tmp_path / "out", photos=photos)
    pdf = result.folder / "PDF"
    assert len(PdfReader(pdf / "职业技能等级认定申报表.pdf").pages) == 6
    for name in ("方案审批（备案）表.pdf", "缴费信息.pdf", "学员花名册.pdf", "报名信息表.pdf"):
        assert len(PdfReader(pdf / name).pages) == 1, name


def test_the_package_schedule_is_the_workbooks_own(tmp_path, write_book, no_pdf):
    """时间安排 in the package: the nodes staff typed and the 放假调整 rows, as 计算时间节点 shows them."""
    batch = generate_batch(2, mistakes=False)  # exam 2026-12-18: 方案备案 15 days before is Thursday 12-03
    book = write_book(batch.plan, batch.candidates)
    workbook = openpyxl.load_workbook(book)
    options = workbook["字典"]
    for row, cells in enumerate([("调整日期", "安排", "说明"), (dt.date(2026, 12, 3), "放假", "单位停电")], 1):
        for column, value in enumerate(cells, 40):
            options.cell(row, column, value)
    workbook.save(book)

    result = export_package(book, tmp_path / "out", today=dt.date(2026, 11, 1))
    events = Calendar.from_ical((result.folder / "时间安排.ics").read_bytes()).walk("VEVENT")
    exported = {str(e["uid"]).split("-")[0]: e.decoded("dtstart") for e in events}
    shown = {item.key: item.date for item in book_schedule(book, today=dt.date(2026, 11, 1)).items if item.date}
    assert exported["plan_filing"] == dt.date(2026, 12, 2)
    assert exported["registration_start"] == batch.plan["registration_start"]
    assert exported == shown
