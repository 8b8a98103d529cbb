"""Codes with several causes pass the cause as a key: the rule finds the key, the catalogue says the words.

The expected sentences are typed out as a clerk reads them (the wording from before the keys existed).
"""

import io
import zipfile

import pytest
from PIL import Image

from qzxl.catalogue import CATALOGUE, REASONS
from qzxl.photos.archive import extract_safely
from qzxl.photos.inspect import inspect_photo, photo_problems
from qzxl.photos.settings import PhotoSettings
from qzxl.report import Issue
from qzxl.rules.contact import email_problem
from qzxl.rules.cross_sheet import tax_id_problem
from qzxl.rules.required import name_problem


@pytest.mark.parametrize(("name", "params", "sentence"), [
    ("张3", {"reason": "name-digit"}, "姓名「张3」不像真实姓名：含有数字。请按证件填写。"),
    ("张", {"reason": "name-one-character"}, "姓名「张」不像真实姓名：只有一个字。请按证件填写。"),
    ("张三（学生）", {"reason": "name-symbol", "symbol": "（"},
     "姓名「张三（学生）」不像真实姓名：含有符号「（」。请按证件填写。"),
    ("张Smith", {"reason": "name-mixed-scripts"}, "姓名「张Smith」不像真实姓名：中文和字母混在一起。请按证件填写。"),
])
def test_implausible_names(name, params, sentence):
    assert name_problem(name) == params
    assert Issue.create("name-implausible", value=name, params=params).message == sentence


@pytest.mark.parametrize(("email", "reason", "words"), [
    ("zhang.qq.com", "email-no-at", "缺少 @"),
    ("zhang@qq@com", "email-several-at", "有多个 @"),
    ("@qq.com", "email-empty-local", "@ 前面是空的"),
    ("zhang@qq", "email-domain-incomplete", "@ 后面的域名不完整"),
    ("zh ang@qq.com", "email-character", "含有邮箱中不允许的字符"),
])
def test_invalid_email_addresses(email, reason, words):
    assert email_problem(email) == reason
    message = Issue.create("email-invalid", value=email, params={"reason": reason}).message
    assert message == f"电子邮箱「{email}」格式不对：{words}。不填也可以。"


def test_a_tax_id_with_a_wrong_check_character():
    assert tax_id_problem("91330802MA2DEM010G") is None  # check character computed by python-stdnum
    assert tax_id_problem("91330802MA2DEM0100") == "tax-id-check-digit"


def _cut_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((400, 600), 60).convert("RGB").save(buffer, "JPEG", quality=90)
    return buffer.getvalue()[: buffer.tell() // 2]


@pytest.mark.parametrize(("content", "reason", "words"), [
    (b"", "image-empty", "空文件"),
    ("这不是照片".encode(), "image-unidentified", "无法识别的文件格式"),
    ("cut", "image-truncated", "文件不完整"),
])
def test_files_that_are_not_photos(tmp_path, content, reason, words):
    path = tmp_path / "330802199001011234张三.jpg"
    path.write_bytes(_cut_jpeg() if content == "cut" else content)
    settings = PhotoSettings()
    problems = photo_problems(inspect_photo(path, path.name, settings), settings)
    assert [code for code, _ in problems] == ["photo-not-image"]
    assert problems[0][1]["reason"] == reason
    assert CATALOGUE["photo-not-image"].render(reason=reason) == f"不是图片，或文件已损坏（{words}），请重新拍照或导出。"


def test_unsafe_zip_members_are_skipped_with_a_reason_key(tmp_path):
    archive = tmp_path / "照片.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("../evil.jpg", b"x")
        out.writestr("a.jpg", b"x")
        out.writestr("a.jpg/b.jpg", b"x")
        out.writestr("bomb.jpg", b"\x00" * 5_000_000, compress_type=zipfile.ZIP_DEFLATED)
    skipped = dict(extract_safely(archive, tmp_path / "out").skipped)
    assert skipped == {"../evil.jpg": "zip-outside", "a.jpg/b.jpg": "zip-name-clash", "bomb.jpg": "zip-ratio"}
    message = Issue.create("archive-unsafe", params={"member": "bomb.jpg", "reason": "zip-ratio"}).message
    assert message == "压缩包中的「bomb.jpg」的压缩比异常（疑似压缩炸弹），已跳过。"


@pytest.mark.parametrize(("code", "params", "sentence"), [
    ("tax-id-invalid", {"value": "9133", "reason": "tax-id-registration"},
     "缴费单位税号「9133」不是有效的统一社会信用代码（登记管理部门或机构类别代码不对），请对照营业执照核对。"),
    ("photo-unfixable", {"reason": "fix-size-bounds"}, "无法自动修复：无法把文件大小调整到 30K–2M 之间，请人工处理。"),
    ("photo-unfixable", {"reason": "fix-undecodable"}, "无法自动修复：文件无法解码，请人工处理。"),
    ("photo-unfixable", {"reason": "fix-too-small", "width": 200, "height": 280},
     "无法自动修复：只有 200×280 像素，放大会更模糊，请人工处理。"),
    ("photo-unfixable", {"reason": "fix-landscape"}, "无法自动修复：照片是横的，需要人工裁剪成竖版，请人工处理。"),
    ("photo-unfixable", {"reason": "fix-no-owner"},
     "无法自动修复：无法确定是哪位学员的照片（文件名中的身份证号和姓名都对不上唯一的学员），请人工处理。"),
    ("photo-unfixable", {"reason": "fix-second-photo"}, "无法自动修复：同一学员已有一张照片，这张没有复制，请人工处理。"),
    ("photo-unfixable", {"reason": "fix-background"},
     "无法自动修复：背景不是白色（已复制，但需要重拍或人工确认），请人工处理。"),
    ("photo-unfixable", {"reason": "fix-blurred"}, "无法自动修复：照片不清晰（已复制，但需要重拍或人工确认），请人工处理。"),
    ("photo-unfixable", {"reason": "fix-edited"},
     "无法自动修复：照片经过修图软件处理（已复制，但需要重拍或人工确认），请人工处理。"),
    ("archive-unsafe", {"member": "/abs.jpg", "reason": "zip-link"}, "压缩包中的「/abs.jpg」是符号链接，已跳过。"),
    ("archive-unsafe", {"member": "a.jpg", "reason": "zip-encrypted"},
     "压缩包中的「a.jpg」设置了密码，无法读取（请解压后直接选择照片文件夹，或不加密码重新打包），已跳过。"),
    ("archive-unsafe", {"member": "a.jpg", "reason": "zip-oversize"},
     "压缩包中的「a.jpg」解压后比声明的大小更大，或超出总大小限制，已跳过。"),
    ("attachment-unreadable", {"reason": "attachment-not-pdf"}, "文件打不开（不是 PDF 文件），请重新扫描或导出后放入附件文件夹。"),
    ("attachment-unreadable", {"reason": "attachment-pdf-truncated"},
     "文件打不开（PDF 文件不完整），请重新扫描或导出后放入附件文件夹。"),
    ("attachment-unreadable", {"reason": "attachment-image-damaged"},
     "文件打不开（图片无法打开或已损坏），请重新扫描或导出后放入附件文件夹。"),
    ("photo-not-image", {"reason": "image-damaged"}, "不是图片，或文件已损坏（图片数据已损坏），请重新拍照或导出。"),
    ("tax-id-invalid", {"value": "9133", "reason": "tax-id-length"},
     "缴费单位税号「9133」不是有效的统一社会信用代码（应为 18 位），请对照营业执照核对。"),
])
def test_the_words_of_every_reason(code, params, sentence):
    assert CATALOGUE[code].render(**params) == sentence


def test_an_unknown_reason_key_is_a_programming_error():
    with pytest.raises(KeyError):
        CATALOGUE["photo-unfixable"].render(reason="背景不是白色")  # words, not a key


def test_every_reason_key_is_unique_across_codes():
    keys = [key for words in REASONS.values() for key in words]
    assert len(keys) == len(set(keys))


def test_what_the_export_fixed_is_a_list_of_codes_and_said_once_each():
    issue = Issue.create("photo-fixed", params={"fixes": ["photo-name", "photo-name-mismatch", "photo-rotated"]},
                         file="a.jpg", candidate="")
    assert issue.message == "申报包中的这张照片已自动修复（按报名信息改名、按旋转标记转正），原照片未改动，请看一眼修复后的照片。"
    assert issue.as_dict()["params"] == {"fixes": ["photo-name", "photo-name-mismatch", "photo-rotated"]}
    words = {code: CATALOGUE["photo-fixed"].render(fixes=[code]) for code in
             ("photo-format", "photo-extension", "photo-file-too-large", "photo-file-too-small", "photo-cmyk",
              "photo-too-many-pixels", "photo-name-id-mismatch")}
    assert [w.split("（")[1].split("）")[0] for w in words.values()] == [
        "转为真正的 JPG", "转为 JPG", "压缩到 2M 以内", "重新编码到 30K 以上", "转为 RGB", "缩小尺寸", "按报名信息改名"]
