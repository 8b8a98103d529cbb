"""The hostile-input corpus, generated at test time: every command, each input checked five ways.

For every (input, command) run: the exit code is the expected one; stderr is
empty on 0/1 and exactly one plain sentence on 2 (no traceback, never the
catch-all); every input file is unchanged (SHA-256); nothing marked as a
leftover stays; no run of 14 digits is printed anywhere.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlwt
from PIL import Image
from test_privacy import longest_run

from cli.commands import main
from qzxl.files import LEFTOVER_MARK
from qzxl.layout import HOLIDAY_ARRANGEMENTS, HOLIDAY_OVERRIDES
from qzxl.photos.samples import jpeg_bytes, portrait
from qzxl.sample import generate_batch
from qzxl.sheets.writer import write_data_workbook

ID = "330822199012153426"
HOSTILE_DATA = Path(__file__).parent / "data" / "hostile"  # inputs made by real tools (README there)


def hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def book_with(folder: Path, name: str, change=None, sheet_title: str | None = None, rows: int = 4) -> Path:
    batch = generate_batch(rows)
    if change:
        change(batch)
    path = write_data_workbook(folder / name, batch.plan, batch.candidates)
    if sheet_title:
        wb = openpyxl.load_workbook(path)
        wb["报名信息"].title = sheet_title
        wb.save(path)
    return path


def set_id(value):
    def change(batch):
        batch.candidates[0]["id_number"] = value
    return change


def set_plan(key, value):
    def change(batch):
        batch.plan[key] = value
    return change


def set_person(key, value):
    def change(batch):
        batch.candidates[1][key] = value
    return change


def jpeg_claiming(width: int, height: int) -> bytes:
    """A small JPEG whose frame header claims ``width``×``height`` (a decompression bomb's disguise)."""
    data = bytearray(jpeg_bytes(portrait(), quality=90))
    at = data.index(b"\xff\xc0") + 5
    data[at:at + 4] = struct.pack(">HH", height, width)
    return bytes(data)


def zip_of(path: Path, members: dict[str, bytes], *, encrypted: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name)
            if name == encrypted:
                info.flag_bits |= 0x1
            archive.writestr(info, data)
    return path


def real_xls(path: Path) -> Path:
    """An Excel 97–2003 workbook (BIFF8 in an OLE file), as xlwt writes it."""
    book = xlwt.Workbook()
    sheet = book.add_sheet("报名信息")
    for column, header in enumerate(("姓名", "证件号码")):
        sheet.write(0, column, header)
    sheet.write(1, 0, "张三")
    sheet.write(1, 1, ID)
    book.save(str(path))
    return path


def corrupt_exif_jpeg() -> bytes:
    """A JPEG whose EXIF directory claims five entries and holds one: Pillow warns "Corrupt EXIF data"."""
    tiff = b"II*\x00" + struct.pack("<IH", 8, 5) + struct.pack("<HHI4s", 0x010F, 2, 4, b"Cam\x00")
    return jpeg_bytes(portrait(), quality=95, exif=b"Exif\x00\x00" + tiff)


def with_unsupported_extension(path: Path) -> Path:
    """The book with an x14 data-validation list in a sheet's extLst (Excel writes it; openpyxl warns and drops it)."""
    extension = (b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
                 b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
                 b'<x14:dataValidations count="0"/></ext></extLst></worksheet>')
    copy = path.with_name("ext-" + path.name)
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = data.replace(b"</worksheet>", extension)
            target.writestr(info, data)
    return copy


def with_days_off(path: Path, first: dt.date, days: int) -> Path:
    """The book with ``days`` consecutive 放假 rows in the 字典 sheet's 放假调整 table (written at Z1)."""
    book = openpyxl.load_workbook(path)
    sheet = book[HOLIDAY_OVERRIDES.sheet]
    for column, header in enumerate(c.header for c in HOLIDAY_OVERRIDES.columns):
        sheet.cell(1, 26 + column, header)
    for offset in range(days):
        sheet.cell(2 + offset, 26, first + dt.timedelta(days=offset))
        sheet.cell(2 + offset, 27, HOLIDAY_ARRANGEMENTS[0])
    book.save(path)
    return path


def make_inputs(root: Path) -> dict[str, Path]:
    """Every hostile input, by name (books, photo folders and archives, odd paths)."""
    root.mkdir()
    good = portrait()
    photo = jpeg_bytes(good, quality=95)
    made: dict[str, Path] = {}

    def put(name: str, data: bytes) -> Path:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    made["empty.xlsx"] = put("empty.xlsx", b"")
    made["random.xlsx"] = put("random.xlsx", bytes(range(256)) * 8)
    made["text.xlsx"] = put("text.xlsx", "姓名,证件号码\n张三,330822199012153426\n".encode())
    made["ole.xlsx"] = put("ole.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    made["ole.xls"] = put("ole.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    made["xls-renamed.xlsx"] = real_xls(root / "xls-renamed.xlsx")
    made["zip-no-book.xlsx"] = zip_of(root / "zip-no-book.xlsx", {"a.txt": b"x"})
    whole = book_with(root, "whole.xlsx")
    made["truncated.xlsx"] = put("truncated.xlsx", whole.read_bytes()[: whole.stat().st_size // 2])
    made["folder.xlsx"] = root / "folder.xlsx"
    made["folder.xlsx"].mkdir()
    made["missing-with-id"] = root / f"{ID}张三.xlsx"  # never created: the path itself carries an ID
    made["excel-lock"] = put("~$whole.xlsx", b"\0" * 165)
    wb = openpyxl.Workbook()
    wb.active.append(["随便", "什么"])
    wb.save(root / "no-header.xlsx")
    made["no-header.xlsx"] = root / "no-header.xlsx"
    made["whole.xlsx"] = whole
    made["payload-sheet.xlsx"] = book_with(root, "payload-sheet.xlsx", sheet_title='"&WEBSERVICE("e.vil")&"')
    made["payload-cells.xlsx"] = book_with(root, "payload-cells.xlsx", set_person("name", "=cmd|' /C calc'!A0"))
    made["id-19.xlsx"] = book_with(root, "id-19.xlsx", set_id(ID + "1"))
    made["id-17.xlsx"] = book_with(root, "id-17.xlsx", set_id(ID[:17]))
    made["id-prefixed.xlsx"] = book_with(root, "id-prefixed.xlsx", set_id("ID" + ID))
    made["id-zero-width.xlsx"] = book_with(root, "id-zero-width.xlsx", set_id(ID[:6] + "\u200b" + ID[6:]))
    made["id-spaced.xlsx"] = book_with(root, "id-spaced.xlsx", set_id("3308 2219 9012 1534 26"))
    made["long-org.xlsx"] = book_with(root, "long-org.xlsx", set_plan("org", "衢州市" + "职业技能培训" * 20 + "学校"))
    made["org-apostrophe.xlsx"] = book_with(root, "org-apostrophe.xlsx", set_plan("org", "a" * 29 + "'b"))
    made["name-apostrophe.xlsx"] = book_with(root, "name-apostrophe.xlsx", set_person("name", "张" * 27 + "'"))
    made["org-slashes.xlsx"] = book_with(root, "org-slashes.xlsx", set_plan("org", "../../etc/passwd"))
    made["huge-text.xlsx"] = book_with(root, "huge-text.xlsx", set_person("address", "衢州" * 16_000))
    made["no-exam-date.xlsx"] = book_with(root, "no-exam-date.xlsx", set_plan("exam_date", None))
    made["many-rows.xlsx"] = book_with(root, "many-rows.xlsx", rows=300)
    extra = {
        "id-full-width.xlsx": set_id("３３０８２２１９９０１２１５３４２６"),
        "id-15.xlsx": set_id(ID[:6] + ID[8:17]),
        "id-lower-x.xlsx": set_id("33082219901215342x"),
        "id-number-cell.xlsx": set_id(3.30822199012153e17),
        "id-20-digits.xlsx": set_id(ID + "00"),
        "name-emoji.xlsx": set_person("name", "张😀三"),
        "name-rtl.xlsx": set_person("name", "张‮三"),
        "mobile-junk.xlsx": set_person("mobile", "+86 138-5701-2345 转 8"),
        "birth-junk.xlsx": set_person("birth_date", "1990年13月45日"),
        "org-control.xlsx": set_plan("org", "衢州\t培训\n学校"),
        "org-dots.xlsx": set_plan("org", "..."),
        "occupation-payload.xlsx": set_plan("occupation", '@SUM(1+1)*cmd|"/C calc"!A0'),
        "exam-far-future.xlsx": set_plan("exam_date", "9999-12-31"),
        "headcount-junk.xlsx": set_plan("headcount", "很多"),
        "id-bom.xlsx": set_id("\ufeff" + ID),
        "org-nul.xlsx": set_plan("org", "衢州_x0000_学校"),  # Excel's escape of NUL: the reader makes it one
        "id-no-break-space.xlsx": set_id(ID[:6] + "\u00a0" + ID[6:]),
    }
    for name, change in extra.items():
        made[name] = book_with(root, name, change)
    made["x14-validation.xlsx"] = with_unsupported_extension(book_with(root, "x14-validation.xlsx"))
    exam = generate_batch(1).plan["exam_date"]  # 100 days off up to the day before it: no deadline can be found
    made["days-off-100.xlsx"] = with_days_off(book_with(root, "days-off-100.xlsx"), exam - dt.timedelta(days=100), 100)
    # Photo folders and archives.
    folder = root / "照片"
    people = generate_batch(4).candidates
    for index, person in enumerate(people[:2]):
        put(f"照片/{person['id_number']}{person['name']}.jpg", jpeg_bytes(portrait(seed=index), quality=95))
    put("照片/not-an-image.jpg", b"hello")
    put("照片/empty.jpg", b"")
    png = io.BytesIO()
    good.save(png, "PNG")
    put(f"照片/{ID}李四.jpg", png.getvalue())
    put(f"照片/{ID[:9]} {ID[9:]}王五.jpg", photo)
    put("照片/bomb.jpg", jpeg_claiming(20000, 20000))
    exif = Image.Exif()
    exif[0x0131] = "Photoshop " * 6000  # a 60 KB Software tag
    put("照片/exif.jpg", jpeg_bytes(good, quality=95, exif=exif.tobytes()))
    put("照片/sub/" + ID + "赵六.jpg", photo)
    put("照片/corrupt-exif.jpg", corrupt_exif_jpeg())
    made["照片"] = folder
    made["empty-folder"] = root / "空文件夹"
    made["empty-folder"].mkdir()
    made["traversal.zip"] = zip_of(root / "traversal.zip", {"../evil.jpg": photo, "/abs.jpg": photo})
    made["dir-file-clash.zip"] = zip_of(root / "dir-file-clash.zip", {"a.jpg": photo, "a.jpg/b.jpg": photo})
    made["dot-member.zip"] = zip_of(root / "dot-member.zip", {".": b"", "./x.jpg": photo})
    made["encrypted.zip"] = zip_of(root / "encrypted.zip", {"p.jpg": photo}, encrypted="p.jpg")
    made["zipcrypto.zip"] = put("zipcrypto.zip", (HOSTILE_DATA / "zipcrypto.zip").read_bytes())  # zip -P
    made["not-a.zip"] = put("not-a.zip", b"PK\x03\x04broken")
    made["empty.zip"] = zip_of(root / "empty.zip", {})
    made["id-named.zip"] = zip_of(root / f"{ID}.zip", {f"{ID} 张三.jpg": photo})
    made["plain-file"] = put("notes.txt", b"x")
    return made


# (label, arguments with {input} names, expected exit code). Exit 2: one sentence on stderr.
BOOKS_UNREADABLE = ["empty.xlsx", "random.xlsx", "text.xlsx", "ole.xlsx", "ole.xls", "xls-renamed.xlsx", "zip-no-book.xlsx",
                    "days-off-100.xlsx",
                    "truncated.xlsx", "folder.xlsx", "missing-with-id", "excel-lock", "no-header.xlsx"]
BOOKS_WITH_ERRORS = ["whole.xlsx", "payload-sheet.xlsx", "payload-cells.xlsx", "id-19.xlsx", "id-17.xlsx",
                     "id-prefixed.xlsx", "id-zero-width.xlsx", "id-spaced.xlsx", "long-org.xlsx",
                     "org-apostrophe.xlsx", "name-apostrophe.xlsx", "org-slashes.xlsx", "huge-text.xlsx",
                     "no-exam-date.xlsx", "many-rows.xlsx", "id-full-width.xlsx", "id-15.xlsx", "id-lower-x.xlsx",
                     "id-number-cell.xlsx", "id-20-digits.xlsx", "name-emoji.xlsx", "name-rtl.xlsx",
                     "mobile-junk.xlsx", "birth-junk.xlsx", "org-control.xlsx", "org-dots.xlsx",
                     "occupation-payload.xlsx", "exam-far-future.xlsx", "headcount-junk.xlsx",
                     "id-bom.xlsx", "id-no-break-space.xlsx", "x14-validation.xlsx", "org-nul.xlsx"]
PHOTO_SOURCES = {"照片": 1, "empty-folder": 0, "traversal.zip": 1, "dir-file-clash.zip": 1,
                 "dot-member.zip": 1, "encrypted.zip": 1, "zipcrypto.zip": 1, "not-a.zip": 2, "empty.zip": 0,
                 "id-named.zip": 0, "plain-file": 2, "missing-with-id": 2}

def ref(name: str) -> str:
    return "{" + name + "}"


CASES: list[tuple[str, list[str], int]] = []
for name in BOOKS_UNREADABLE:
    CASES += [(f"validate {name}", ["validate", ref(name)], 2),
              (f"validate --json {name}", ["validate", "--json", ref(name)], 2),
              (f"export {name}", ["export", ref(name), "--out", "{out}"], 2),
              (f"action validate {name}", ["action", "validate", ref(name), "--out", "{copy}"], 2),
              (f"schedule --check {name}", ["schedule", "--check", ref(name)], 2)]
for name in BOOKS_WITH_ERRORS:
    CASES += [(f"validate {name}", ["validate", ref(name)], 1),
              (f"validate --json {name}", ["validate", "--json", ref(name), "--photos", "{照片}"], 1),
              (f"export --force {name}", ["export", ref(name), "--out", "{out}", "--force"], 0),
              (f"export (refused) {name}", ["export", ref(name), "--out", "{out}"], 1),
              (f"action validate {name}", ["action", "validate", ref(name), "--out", "{copy}"], 1)]
for name, code in PHOTO_SOURCES.items():
    CASES += [(f"photos {name}", ["photos", ref(name)], code),
              (f"photos --book {name}", ["photos", ref(name), "--book", "{whole.xlsx}"], max(code, 1))]
CASES += [
    ("photos --fix into the source", ["photos", "{照片}", "--fix", "{照片}/fixed"], 2),
    ("export --out inside the photos", ["export", "{whole.xlsx}", "--out", "{照片}/pkg", "--photos", "{照片}",
                                        "--force"], 2),
    ("export --out is a file", ["export", "{whole.xlsx}", "--out", "{plain-file}", "--force"], 2),
    ("photos /", ["photos", "/"], 2),
    ("schedule without dates", ["schedule"], 2),
    ("schedule bad date", ["schedule", "--exam", "明天"], 2),
    ("schedule date with an ID", ["schedule", "--exam", ID], 2),
    ("validate bad exam date", ["validate", "{whole.xlsx}", "--exam-date", "2026-13-40"], 2),
    ("action unknown id", ["action", "nope", "{whole.xlsx}"], 2),
    ("action --out is a folder", ["action", "validate", "{whole.xlsx}", "--out", "{empty-folder}"], 2),
    ("action --out in a missing folder", ["action", "validate", "{whole.xlsx}", "--out", "{out}/x/copy.xlsx"], 2),
    ("workbook not xlsm", ["workbook", "{out}/x.xlsx"], 2),
    ("workbook over an existing file", ["workbook", "{plain-file}"], 2),
    ("demo into a user folder", ["demo", "{照片}"], 2),
]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    return make_inputs(tmp_path_factory.mktemp("corpus") / "in")


def expand(args: list[str], made: dict[str, Path], work: Path) -> list[str]:
    names = {**{key: str(path) for key, path in made.items()}, "out": str(work / "out"),
             "copy": str(work / "copy.xlsx")}
    expanded = []
    for arg in args:
        for key, value in names.items():
            arg = arg.replace("{" + key + "}", value)
        expanded.append(arg)
    return expanded


@pytest.mark.slow
@pytest.mark.parametrize(("label", "args", "code"), CASES, ids=[c[0] for c in CASES])
def test_hostile_input(inputs, tmp_path, capsys, label, args, code, monkeypatch):
    monkeypatch.setattr("qzxl.export.package.libreoffice", lambda: None)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    root = next(iter(inputs.values())).parent
    before = hashes(root)
    assert main(expand(args, inputs, tmp_path)) == code
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "意外错误" not in out + err
    if code == 2:
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].endswith(("。", "）")), err
    else:
        assert err == "", err
    assert longest_run(out + err) < 14
    assert hashes(root) == before
    for folder in (root, tmp_path):
        assert not [p for p in folder.rglob("*") if p.name.startswith(LEFTOVER_MARK)]
    assert not (root / "照片" / "pkg").exists() and not (root / "照片" / "fixed").exists()


def test_the_corpus_is_big_enough():
    inputs = set(BOOKS_UNREADABLE) | set(BOOKS_WITH_ERRORS) | set(PHOTO_SOURCES) | {c[0] for c in CASES[-14:]}
    assert len(inputs) >= 60 and len(CASES) >= 150
    assert {args[0] for _, args, _ in CASES} >= {"validate", "photos", "schedule", "export", "action", "workbook",
                                                 "demo"}
