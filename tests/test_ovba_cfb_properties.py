"""Property tests of the two container writers against second implementations: workbook/ovba.compress read by
oletools' decompressor (chunk boundaries above all), ovba.decompress on junk, and workbook/cfb.py read by
olefile, the compoundfiles package and the strict reader in vba_checks."""

from __future__ import annotations

import io
import struct
import warnings

import compoundfiles
import olefile
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from oletools.olevba import decompress_stream
from support import vba_checks
from support.examples import examples

from workbook import ovba
from workbook.cfb import MINI_CUTOFF, write_compound_file

CHUNK = ovba.CHUNK_SIZE
# Lengths on and around the chunk boundaries, where a copy token's offset/length split and the chunk header
# change; and VBA-like text, which is what the containers hold.
BOUNDARY_LENGTHS = st.sampled_from([0, 1, 2, 3, 4, 15, 16, 17, CHUNK - 3, CHUNK - 1, CHUNK, CHUNK + 1, CHUNK + 3,
                                    2 * CHUNK - 1, 2 * CHUNK, 2 * CHUNK + 1, 3 * CHUNK + 7])
VBA_TEXT = st.text(alphabet="Dim x As String\r\n ChrW(&H8BF7) & \"'\tEnd Sub", min_size=1, max_size=64)


def chunk_sizes(container: bytes) -> list[int]:
    """Decompressed size of each chunk, every chunk read alone by oletools."""
    sizes, position = [], 1
    while position < len(container):
        (header,) = struct.unpack_from("<H", container, position)
        size = (header & 0x0FFF) + 3
        sizes.append(len(decompress_stream(bytearray(b"\x01" + container[position:position + size]))))
        position += size
    return sizes


@settings(max_examples=examples(40), deadline=None)
@given(length=BOUNDARY_LENGTHS, unit=VBA_TEXT | st.binary(min_size=1, max_size=8))
def test_oletools_reads_back_what_ovba_compresses_at_chunk_boundaries(length, unit):
    pattern = unit.encode("cp1252", "replace") if isinstance(unit, str) else unit
    data = (pattern * (length // len(pattern) + 1))[:length]
    compressed = ovba.compress(data)
    assert bytes(decompress_stream(bytearray(compressed))) == data
    sizes = chunk_sizes(compressed)
    assert sizes[:-1] == [CHUNK] * (len(sizes) - 1)  # every chunk but the last holds exactly 4096 bytes
    assert sum(sizes) == length


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(st.sampled_from([b"Sub ", b"End Sub\r\n", b"    x = x + 1\r\n", b'"\xe4"', bytes(range(32))]),
                max_size=900).map(b"".join))
def test_oletools_reads_back_vba_like_sources(data):
    assert bytes(decompress_stream(bytearray(ovba.compress(data)))) == data


@settings(max_examples=examples(200), deadline=None)
@given(st.binary(max_size=80).map(lambda junk: b"\x01" + junk) | st.binary(max_size=40))
@example(bytes.fromhex("0133f14d0a"))  # leaked struct.error before
@example(bytes.fromhex("01ffbf41"))
def test_decompress_on_junk_raises_only_the_projects_error(junk):
    try:
        result = ovba.decompress(junk)
    except ovba.CompressionError as error:
        assert str(error)
    else:  # junk that happens to be a valid container (b"\x01" alone, say) decompresses
        assert isinstance(result, bytes)


def test_a_cut_copy_token_is_a_compression_error():
    container = bytearray(ovba.compress(b"abcabcabcabc"))
    with pytest.raises(ovba.CompressionError):
        ovba.decompress(bytes(container[:-1]))


NAMES = st.text(alphabet="ABCabc_0123456789éß中", min_size=1, max_size=12)
SIZES = st.sampled_from([0, 1, 63, 64, 65, MINI_CUTOFF - 1, MINI_CUTOFF, MINI_CUTOFF + 1, 512, 513, 20_000])


@st.composite
def stream_sets(draw) -> dict[str, bytes]:
    """Up to 30 streams in up to three storages, names differing in case counted as one (as CFB compares)."""
    storages = draw(st.lists(NAMES, max_size=3, unique_by=str.upper))
    streams: dict[str, bytes] = {}
    used: set[str] = set()
    for _ in range(draw(st.integers(1, 30))):
        folder = draw(st.sampled_from(["", *storages]))
        name = draw(NAMES)
        path = f"{folder}/{name}" if folder else name
        if path.upper() in used or name.upper() in {s.upper() for s in storages}:
            continue
        used.add(path.upper())
        size = draw(SIZES)
        streams[path] = bytes((len(path) * 31 + i) % 251 for i in range(size))
    return streams


@settings(max_examples=examples(15), deadline=None)
@given(stream_sets())
def test_random_stream_sets_read_back_by_three_readers(streams):
    data = write_compound_file(streams)
    strict = vba_checks.read_compound_file(data)
    assert strict.problems == []
    assert strict.streams == streams
    ole = olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)
    assert {"/".join(entry): ole.openstream(entry).read() for entry in ole.listdir()} == streams
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", compoundfiles.CompoundFileEmulationWarning)  # in memory: no mmap
        reader = compoundfiles.CompoundFileReader(io.BytesIO(data))
        has_mini_fat = any(0 < len(content) < MINI_CUTOFF for content in streams.values())
        for path, content in streams.items():
            if not content and not has_mini_fat:
                continue  # compoundfiles opens an empty stream through the mini FAT, which such a file lacks
            with reader.open(path) as stream:
                assert stream.read() == content, path
