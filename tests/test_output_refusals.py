"""The last catch-alls of the hostile corpus: where an output cannot go, one sentence says why, nothing else.

Each case runs the real command line and checks: exit 2, the catalogue's own sentence on stderr, never the
catch-all (出现意外错误), nothing half-written, and the inputs unchanged.
"""

from __future__ import annotations

import errno
import os
import tempfile
import zipfile
from pathlib import Path

import pytest

from cli.commands import main
from qzxl.catalogue import CATALOGUE, say
from qzxl.photos.samples import jpeg_bytes, portrait

ID = "330822199012153426"
LONG = "长" * 90  # 270 bytes in UTF-8: more than the 255 a name may have on ext4, xfs, btrfs, APFS


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    said = capsys.readouterr()
    return code, said.out, said.err


@pytest.fixture
def photos(tmp_path) -> Path:
    folder = tmp_path / "照片"
    folder.mkdir()
    (folder / f"{ID}张伟.jpg").write_bytes(jpeg_bytes(portrait(seed=1), quality=95))
    return folder


@pytest.fixture
def locked(tmp_path, monkeypatch) -> Path:
    """A folder nothing may be written into: read-only for a user, and for root (who ignores the mode, as an
    immutable folder refuses even root) the temporary file or folder made there fails as the kernel would."""
    folder = tmp_path / "只读"
    folder.mkdir()
    folder.chmod(0o555)
    if os.geteuid() == 0:
        for name in ("mkstemp", "mkdtemp"):
            real = getattr(tempfile, name)

            def refuse(*args, real=real, **kwargs):
                if Path(kwargs.get("dir") or "").resolve() == folder.resolve():
                    raise PermissionError(errno.EPERM, os.strerror(errno.EPERM), str(folder))
                return real(*args, **kwargs)
            monkeypatch.setattr(tempfile, name, refuse)
    yield folder
    folder.chmod(0o755)


def test_a_zip_member_with_a_name_too_long_is_skipped_and_the_others_checked(tmp_path, capsys):
    archive = tmp_path / "照片.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr(f"{LONG}.jpg", jpeg_bytes(portrait(seed=2), quality=95))
        out.writestr(f"{ID}张伟.jpg", jpeg_bytes(portrait(200, 100, seed=1), quality=95))
    code, out, err = run(capsys, "photos", archive)
    assert code == 1 and err == ""
    assert CATALOGUE["archive-unsafe"].render(member=f"{LONG}.jpg", reason="zip-name-too-long") in out
    assert f"{ID[:4]}**********{ID[-4:]}张伟.jpg" in out  # the other photo was checked (and is landscape)


def test_fix_into_an_existing_file(photos, tmp_path, capsys):
    target = tmp_path / "已修复"
    target.write_text("a note the clerk keeps")
    code, _, err = run(capsys, "photos", photos, "--fix", target)
    assert code == 2 and err.strip() == say("run-fix-out-is-file", out=target)
    assert target.read_text() == "a note the clerk keeps"


def test_fix_into_a_folder_that_cannot_be_written(photos, locked, capsys):
    code, _, err = run(capsys, "photos", photos, "--fix", locked / "已修复")
    assert code == 2 and err.strip() == say("run-fix-out-not-writable", folder=locked.resolve())
    assert list(locked.iterdir()) == []


def test_calendar_into_a_folder_that_cannot_be_written(locked, capsys):
    code, _, err = run(capsys, "schedule", "--exam", "2027-01-11", "--ics", locked / "日程.ics")
    assert code == 2 and err.strip() == say("run-ics-not-writable", folder=locked.resolve())
    assert list(locked.iterdir()) == []


def test_calendar_onto_a_folder(tmp_path, capsys):
    code, _, err = run(capsys, "schedule", "--exam", "2027-01-11", "--ics", tmp_path)
    assert code == 2 and err.strip() == say("run-ics-is-folder", path=tmp_path)


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_workbook_onto_a_folder(tmp_path, capsys, force):
    folder = tmp_path / "报名.xlsm"
    folder.mkdir()
    code, _, err = run(capsys, "workbook", folder, *force)
    assert code == 2 and err.strip() == say("run-build-out-is-folder", out=folder)
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("argv", [
    ["schedule", "--exam", "2027-01-11", "--ics", "{folder}/" + LONG + ".ics"],
    ["photos", "{photos}", "--fix", "{folder}/" + LONG],
])
def test_an_output_name_too_long_for_the_file_system(photos, tmp_path, capsys, argv):
    argv = [arg.format(folder=tmp_path, photos=photos) for arg in argv]
    code, _, err = run(capsys, *argv)
    assert code == 2 and err.strip() == say("run-name-too-long", name=Path(argv[-1]).name)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["照片"]  # nothing half-written, no leftovers


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
def test_an_output_folder_is_as_open_as_a_folder_the_clerk_makes(tmp_path, capsys):
    """QA of the journey: 申报材料, 照片-已修复, 身份证复印件, 考务材料, 成绩名单 and 资料汇总 came out private (0700,
    mkdtemp's), while every file in them and every folder the clerk makes has the umask's permissions."""
    from qzxl.scores.outputs import new_folder

    made = tmp_path / "by-hand"
    made.mkdir()
    with new_folder(tmp_path / "成绩名单") as (staging, target):
        (staging / "合格名单.xlsx").write_bytes(b"list")
    assert target.stat().st_mode & 0o777 == made.stat().st_mode & 0o777
    photos = tmp_path / "照片"
    photos.mkdir()
    (photos / "330802198506060019王五.jpg").write_bytes(jpeg_bytes(portrait(seed=1), quality=90))
    main(["photos", str(photos), "--fix", str(tmp_path / "照片-已修复")])  # its findings do not matter here
    capsys.readouterr()
    assert (tmp_path / "照片-已修复").stat().st_mode & 0o777 == made.stat().st_mode & 0o777
