"""MS-OVBA 2.4.1 compression: the run-length scheme VBA source streams and the dir stream are stored in.

A container is the signature byte 0x01 and chunks of up to 4096 decompressed
bytes; each chunk is a 2-byte header and token sequences (a flag byte, then
up to eight literal bytes or 2-byte copy tokens). We always emit compressed
chunks, as Office does: the uncompressed-chunk form is legal but has been
seen to upset some readers, and VBA source always compresses.

>>> compress(b"abcdefghijklmnopqrstuv.").hex(" ")
'01 19 b0 00 61 62 63 64 65 66 67 68 00 69 6a 6b 6c 6d 6e 6f 70 00 71 72 73 74 75 76 2e'
>>> decompress(compress(b"a" * 73))
b'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
"""

from __future__ import annotations

import struct

CHUNK_SIZE = 4096
MAX_COMPRESSED_CHUNK = 4098  # header included; the 12-bit size field cannot say more
SIGNATURE = 0x01
_CHUNK_SIGNATURE = 0b011 << 12
_COMPRESSED_FLAG = 1 << 15


class CompressionError(ValueError):
    """The data does not fit the format (corrupt input, or a chunk that does not compress)."""


def _copy_token_help(difference: int) -> tuple[int, int]:
    """(bit count of the offset, maximum length) for a position ``difference`` bytes into the chunk."""
    bit_count = max((difference - 1).bit_length(), 4)
    return bit_count, (0xFFFF >> bit_count) + 3


def _compress_chunk(data: bytes, start: int) -> bytes:
    end = min(start + CHUNK_SIZE, len(data))
    out = bytearray()
    seen: dict[bytes, list[int]] = {}  # 3-byte prefix → its earlier positions in this chunk
    indexed = current = start
    while current < end:
        flag_index = len(out)
        out.append(0)
        flags = 0
        for bit in range(8):
            if current >= end:
                break
            while indexed < current:
                seen.setdefault(data[indexed:indexed + 3], []).append(indexed)
                indexed += 1
            offset, length = _longest_match(data, start, current, end, seen)
            if length >= 3:
                bit_count, _ = _copy_token_help(current - start)
                token = ((offset - 1) << (16 - bit_count)) | (length - 3)
                out += struct.pack("<H", token)
                flags |= 1 << bit
                current += length
            else:
                out.append(data[current])
                current += 1
        out[flag_index] = flags
    if len(out) + 2 > MAX_COMPRESSED_CHUNK:
        raise CompressionError("chunk does not compress; refusing to write an uncompressed chunk")
    header = (len(out) + 2 - 3) | _CHUNK_SIGNATURE | _COMPRESSED_FLAG
    return struct.pack("<H", header) + bytes(out)


def _longest_match(data: bytes, chunk_start: int, current: int, end: int,
                   seen: dict[bytes, list[int]]) -> tuple[int, int]:
    """The nearest longest earlier match in the chunk (the spec's Matching procedure).

    Only positions that share the next three bytes can give a match worth a copy token, so only those
    are tried, nearest first; the result is the spec's.
    """
    _, maximum = _copy_token_help(current - chunk_start)
    limit = min(maximum, end - current)
    best_length, best_offset = 0, 0
    if limit < 3:
        return best_offset, best_length
    for candidate in reversed(seen.get(data[current:current + 3], ())):
        length = 3
        while length < limit and data[candidate + length] == data[current + length]:
            length += 1
        if length > best_length:
            best_length, best_offset = length, current - candidate
            if length == limit:
                break
    return best_offset, best_length


def compress(data: bytes) -> bytes:
    out = bytearray([SIGNATURE])
    for start in range(0, len(data), CHUNK_SIZE):
        out += _compress_chunk(data, start)
    return bytes(out)


def decompress(container: bytes) -> bytes:
    """The decompressed bytes; CompressionError (never another exception) for anything not a valid container."""
    if not container or container[0] != SIGNATURE:
        raise CompressionError("not a compressed container (signature byte is not 0x01)")
    out = bytearray()
    position = 1
    while position < len(container):
        if position + 2 > len(container):
            raise CompressionError("truncated chunk header")
        (header,) = struct.unpack_from("<H", container, position)
        if header & 0x7000 != _CHUNK_SIGNATURE:
            raise CompressionError(f"chunk header at {position} does not carry the signature 0b011")
        size = (header & 0x0FFF) + 3
        chunk_end = position + size
        if chunk_end > len(container):
            raise CompressionError(f"chunk at {position} says {size} bytes, the container ends before")
        position += 2
        chunk_start = len(out)
        if not header & _COMPRESSED_FLAG:
            if size != MAX_COMPRESSED_CHUNK:
                raise CompressionError(f"uncompressed chunk at {position - 2} is not {CHUNK_SIZE} bytes")
            out += container[position:chunk_end]
            position = chunk_end
            continue
        while position < chunk_end:
            flags = container[position]
            position += 1
            for bit in range(8):
                if position >= chunk_end:
                    break
                if flags & (1 << bit):
                    if position + 2 > chunk_end:
                        raise CompressionError(f"copy token at {position} is cut off by the chunk's end")
                    (token,) = struct.unpack_from("<H", container, position)
                    position += 2
                    bit_count, _ = _copy_token_help(len(out) - chunk_start)
                    length = (token & (0xFFFF >> bit_count)) + 3
                    offset = (token >> (16 - bit_count)) + 1
                    if offset > len(out) - chunk_start:
                        raise CompressionError("copy token points before the chunk")
                    for _ in range(length):
                        out.append(out[-offset])
                else:
                    out.append(container[position])
                    position += 1
            if len(out) - chunk_start > CHUNK_SIZE:
                raise CompressionError("a chunk decompresses to more than 4096 bytes")
    return bytes(out)
