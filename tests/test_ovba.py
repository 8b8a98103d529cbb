"""MS-OVBA compression against the spec's worked examples, and the compound-file writer round-tripping
the xlwings templates' own vbaProject.bin (read back with olefile, an independent reader)."""

import io
import zipfile

import olefile
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.examples import examples

from workbook import ovba
from workbook.cfb import write_compound_file
from workbook.vbaproject import xlwings_template_path

# [MS-OVBA] 3.2: the three worked examples.
NO_COMPRESSION = (b"abcdefghijklmnopqrstuv.",
                  "01 19 B0 00 61 62 63 64 65 66 67 68 00 69 6A 6B 6C 6D 6E 6F 70 00 71 72 73 74 75 76 2E")
NORMAL_TEXT = b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa"
NORMAL_AS_PRINTED = ("01 2F B0 00 23 61 61 61 62 63 64 65 82 66 00 70 61 67 68 69 6A 01 38 08 61 6B 6C 00 30 6D 6E 6F"
                     " 70 06 71 02 70 04 10 72 73 74 75 76 10 77 78 79 7A 00 3C")
# What the spec's own Matching procedure (nearest longest match) gives: three copy tokens point at a
# nearer, equally long run of "a" than the printed example does; both decompress to the same text.
NORMAL_BY_THE_ALGORITHM = NORMAL_AS_PRINTED.replace("00 30 6D", "00 20 6D").replace("04 10 72", "04 00 72").replace(
    "00 3C", "00 2C")
MAXIMUM_COMPRESSION = (b"a" * 73, "01 03 B0 02 61 45 00")


def unhex(text: str) -> bytes:
    return bytes.fromhex(text.replace(" ", ""))


@pytest.mark.parametrize(("text", "compressed"), [NO_COMPRESSION, (NORMAL_TEXT, NORMAL_BY_THE_ALGORITHM),
                                                  MAXIMUM_COMPRESSION])
def test_compress_matches_the_worked_examples_byte_for_byte(text, compressed):
    assert ovba.compress(text) == unhex(compressed)


@pytest.mark.parametrize("compressed", [NO_COMPRESSION[1], NORMAL_AS_PRINTED, NORMAL_BY_THE_ALGORITHM])
def test_decompress_reads_the_examples(compressed):
    assert ovba.decompress(unhex(compressed)) in (NO_COMPRESSION[0], NORMAL_TEXT)


@settings(max_examples=examples(150), deadline=None)
@given(st.binary(max_size=20_000).filter(lambda b: len(b) < 3000) | st.text(alphabet="ab \r\n'Dim x", max_size=20_000)
       .map(str.encode))
def test_round_trip(data):
    assert ovba.decompress(ovba.compress(data)) == data


def test_long_sources_round_trip_past_chunk_boundaries():
    """The defect that rules out the PyPI packages: sources longer than ~600 bytes, many chunks."""
    source = "".join(f"Sub S{i}()\r\n    Debug.Print \"{i * 7919 % 1000}\"\r\nEnd Sub\r\n" for i in range(2000))
    assert ovba.decompress(ovba.compress(source.encode())) == source.encode()


def test_refuses_to_write_an_uncompressed_chunk():
    import random

    noise = random.Random(1).randbytes(4096)
    with pytest.raises(ovba.CompressionError):
        ovba.compress(noise)


def test_decompress_rejects_junk():
    for junk in (b"", b"\x02abc", b"\x01\xff"):
        with pytest.raises(ovba.CompressionError):
            ovba.decompress(junk)


def template_streams(name: str) -> dict[str, bytes]:
    path = xlwings_template_path().with_name(name)
    with zipfile.ZipFile(path) as archive:
        ole = olefile.OleFileIO(io.BytesIO(archive.read("xl/vbaProject.bin")))
    return {"/".join(entry): ole.openstream(entry).read() for entry in ole.listdir()}


@pytest.mark.parametrize("template", ["quickstart_standalone.xlsm", "quickstart.xlsm"])
def test_compound_file_writer_round_trips_the_xlwings_templates(template):
    streams = template_streams(template)
    rebuilt = olefile.OleFileIO(io.BytesIO(write_compound_file(streams)))
    assert {"/".join(e): rebuilt.openstream(e).read() for e in rebuilt.listdir()} == streams
    for module in [p for p in streams if p.startswith("VBA/") and p not in ("VBA/dir", "VBA/_VBA_PROJECT")]:
        assert rebuilt.get_type(module) == olefile.STGTY_STREAM


def test_compound_file_with_many_entries_and_big_streams():
    streams = {f"S/{i:03d}": bytes([i % 251]) * (i * 97) for i in range(120)}
    streams["big"] = b"x" * 300_000
    rebuilt = olefile.OleFileIO(io.BytesIO(write_compound_file(streams)))
    assert {"/".join(e): rebuilt.openstream(e).read() for e in rebuilt.listdir()} == streams
