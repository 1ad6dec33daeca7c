"""Gzip from outside (payload files, a ``diff`` argument), unpacked within a cap.

A file of a megabyte can unpack into gigabytes; :func:`gunzip` stops one byte past the cap,
so memory never follows the bomb. The HTTP client decodes compressed bodies as they stream
(:mod:`llmdex.http.requests_transport`); this is for bytes already read.
"""

from __future__ import annotations

import zlib


class UnpackError(ValueError):
    """Bytes :func:`gunzip` refuses; ``too_large`` tells the cap from damage."""

    def __init__(self, problem: str, *, too_large: bool = False) -> None:
        super().__init__(problem)
        self.too_large = too_large


def gunzip(data: bytes, limit: int) -> bytes:
    """``data`` unpacked (every gzip member, as ``gzip.decompress`` reads them), or
    :class:`UnpackError` when it is corrupt, cut off, or unpacks to more than ``limit`` bytes.

    Example:
        >>> import gzip
        >>> gunzip(gzip.compress(b"{}"), 1024)
        b'{}'
    """
    pieces: list[bytes] = []
    size, rest = 0, data
    while True:
        unpacker = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            piece = unpacker.decompress(rest, limit + 1 - size)
        except zlib.error:
            raise UnpackError("a corrupt gzip file") from None
        size += len(piece)
        if size > limit:
            raise UnpackError(f"unpacks to over {_size(limit)}", too_large=True)
        if not unpacker.eof:
            raise UnpackError("the gzip file is cut off")
        pieces.append(piece)
        rest = unpacker.unused_data
        if not rest.strip(b"\0"):  # the gzip module allows zero padding after the last member
            return b"".join(pieces)


def _size(limit: int) -> str:
    return f"{limit >> 20} MiB" if limit % (1 << 20) == 0 else f"{limit:,} bytes"
