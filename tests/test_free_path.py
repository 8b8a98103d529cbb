"""One rule for an output that already exists: never overwritten silently, a new name beside it (-2, -3 …) named
in the message, and --replace (only on the commands that write a named output) to replace it atomically."""

import pytest

from cli.commands import main
from qzxl.export import package
from qzxl.photos.samples import jpeg_bytes, portrait
from qzxl.sample import generate_batch
from qzxl.sheets.intake import read_candidates
from qzxl.sheets.reader import read_workbook


@pytest.fixture(autouse=True)
def no_pdf(monkeypatch):
    monkeypatch.setattr(package, "libreoffice", lambda: None)


@pytest.fixture
def clean_book(write_book):
    batch = generate_batch(3, mistakes=False)
    return write_book(batch.plan, batch.candidates)


def packages(folder):
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def test_a_second_export_button_writes_a_dash_2_package_and_names_it(clean_book, capsys):
    """Done-when (b): `qzxl action export B --yes` twice on a batch without errors."""
    assert main(["action", "export", "--yes", str(clean_book)]) == 0
    (first,) = packages(clean_book.parent / "申报材料")
    stamp = (clean_book.parent / "申报材料" / first / "manifest.json").stat().st_mtime_ns
    capsys.readouterr()
    assert main(["action", "export", "--yes", str(clean_book)]) == 0
    out = capsys.readouterr().out
    assert packages(clean_book.parent / "申报材料") == [first, f"{first}-2"]
    assert f"「{first}」已存在，没有覆盖它；这次写到了旁边的「{first}-2」。" in out
    assert "--" not in out  # a button's words name no command-line option
    assert (clean_book.parent / "申报材料" / first / "manifest.json").stat().st_mtime_ns == stamp


def test_export_force_no_longer_overwrites_and_replace_does(clean_book, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["export", str(clean_book), "--out", str(out)]) == 0
    (first,) = packages(out)
    (out / first / "旧文件.txt").write_text("old", encoding="utf-8")
    assert main(["export", str(clean_book), "--out", str(out), "--force"]) == 0
    assert packages(out) == [first, f"{first}-2"]
    assert "要替换原来的，请加 --replace" in capsys.readouterr().out
    assert (out / first / "旧文件.txt").exists()
    assert main(["export", str(clean_book), "--out", str(out), "--replace"]) == 0
    assert packages(out) == [first, f"{first}-2"]  # replaced in place: nothing beside it, nothing left over
    assert not (out / first / "旧文件.txt").exists()
    assert (out / first / "manifest.json").exists()


def test_export_replace_does_not_export_despite_errors(write_book, tmp_path, capsys):
    batch = generate_batch(3)
    book = write_book(batch.plan, batch.candidates)
    assert main(["export", str(book), "--out", str(tmp_path / "out"), "--replace"]) == 1
    assert not (tmp_path / "out").exists()
    assert "--force" in capsys.readouterr().out  # the remedy it names exists on `qzxl export`


def _photo_folder(tmp_path, book):
    folder = tmp_path / "照片"
    folder.mkdir()
    for candidate in read_candidates(read_workbook(book).registration)[0]:
        (folder / f"{candidate.id_number}{candidate.name}.jpg").write_bytes(jpeg_bytes(portrait()))
    return folder


def test_photos_fix_goes_beside_an_existing_folder_or_replaces_it(clean_book, tmp_path, capsys):
    photos = _photo_folder(tmp_path, clean_book)
    out = tmp_path / "修复后"
    assert main(["photos", str(photos), "--book", str(clean_book), "--fix", str(out), "--zip"]) == 0
    assert len(list(out.glob("*.jpg"))) == 3 and (tmp_path / "修复后.zip").exists()
    (out / "旧.txt").write_text("old", encoding="utf-8")
    capsys.readouterr()
    assert main(["photos", str(photos), "--book", str(clean_book), "--fix", str(out), "--zip"]) == 0
    said = capsys.readouterr().out
    assert "「修复后」已存在，没有覆盖它；这次写到了旁边的「修复后-2」" in said
    assert len(list((tmp_path / "修复后-2").glob("*.jpg"))) == 3 and (tmp_path / "修复后-2.zip").exists()
    assert (out / "旧.txt").exists()
    assert main(["photos", str(photos), "--book", str(clean_book), "--fix", str(out), "--zip", "--replace"]) == 0
    assert not (out / "旧.txt").exists() and len(list(out.glob("*.jpg"))) == 3
    assert sorted(p.name for p in tmp_path.iterdir() if "修复后" in p.name) == [
        "修复后", "修复后-2", "修复后-2.zip", "修复后.zip"]


def test_a_fixed_folder_whose_zip_alone_is_left_is_not_reused(clean_book, tmp_path):
    photos = _photo_folder(tmp_path, clean_book)
    (tmp_path / "修复后.zip").write_bytes(b"old")
    assert main(["photos", str(photos), "--book", str(clean_book), "--fix", str(tmp_path / "修复后"), "--zip"]) == 0
    assert (tmp_path / "修复后.zip").read_bytes() == b"old"
    assert (tmp_path / "修复后-2.zip").exists()


@pytest.fixture
def fake_build(monkeypatch):
    """`qzxl workbook`'s choice of path, without building: the build itself is tested in test_workbook_build."""
    from workbook import build

    calls = []

    def fake(out, *, interpreter=None, force=False, today=None):
        calls.append((out.name, force))
        out.write_bytes(b"new")
        return out

    monkeypatch.setattr(build, "build_workbook", fake)
    return calls


@pytest.mark.parametrize("option", ["--replace", "--force"])  # --force: the old name, still accepted
def test_workbook_goes_beside_an_existing_file_unless_replace(tmp_path, fake_build, capsys, option):
    out = tmp_path / "报名.xlsm"
    out.write_bytes(b"old")
    assert main(["workbook", str(out)]) == 0
    assert out.read_bytes() == b"old" and (tmp_path / "报名-2.xlsm").read_bytes() == b"new"
    assert "「报名.xlsm」已存在，没有覆盖它；这次写到了旁边的「报名-2.xlsm」" in capsys.readouterr().out
    assert main(["workbook", str(out), option]) == 0
    assert out.read_bytes() == b"new"
    assert fake_build == [("报名-2.xlsm", False), ("报名.xlsm", True)]


def test_workbook_hides_its_old_force_option(capsys):
    assert main(["workbook", "--help"]) == 0
    text = capsys.readouterr().out
    assert "--replace" in text and "--force" not in text


def test_action_and_import_out_go_beside_an_existing_copy_unless_replace(clean_book, tmp_path, capsys):
    copy = tmp_path / "副本.xlsx"
    copy.write_bytes(b"mine")
    assert main(["action", "validate", str(clean_book), "--out", str(copy)]) in (0, 1)
    assert copy.read_bytes() == b"mine" and (tmp_path / "副本-2.xlsx").is_file()
    assert "「副本.xlsx」已存在，没有覆盖它；这次写到了旁边的「副本-2.xlsx」" in capsys.readouterr().out
    assert main(["action", "validate", str(clean_book), "--out", str(copy), "--replace"]) in (0, 1)
    assert copy.read_bytes()[:2] == b"PK"
    source = tmp_path / "名单.csv"
    source.write_text("姓名,身份证号\n王芳,330822199012153426\n", encoding="utf-8")
    assert main(["import", str(source), "--book", str(clean_book), "--out", str(copy)]) in (0, 1)
    assert (tmp_path / "副本-3.xlsx").is_file()


def test_the_calendar_goes_beside_an_existing_one_unless_replace(tmp_path, capsys):
    ics = tmp_path / "时间安排.ics"
    ics.write_text("mine", encoding="utf-8")
    assert main(["schedule", "--exam", "2026-12-18", "--ics", str(ics)]) == 0
    assert ics.read_text(encoding="utf-8") == "mine"
    assert (tmp_path / "时间安排-2.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    assert "这次写到了旁边的「时间安排-2.ics」" in capsys.readouterr().out
    assert main(["schedule", "--exam", "2026-12-18", "--ics", str(ics), "--replace"]) == 0
    assert ics.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
