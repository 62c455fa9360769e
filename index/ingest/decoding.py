"""Bytes to text: reading a file, byte-order marks and legacy encodings, and sniffing binaries."""

from __future__ import annotations

import codecs
import logging
import os
import re
from pathlib import Path

from index.ingest.report import Skip

log = logging.getLogger(__name__)

# More control characters than this share of a decoded file means it is not text.
MAX_CONTROL_SHARE = 0.10
# More NUL bytes than this share means binary (one stray NUL in a text file is tolerated).
MAX_NUL_SHARE = 0.01
# Only the head of a file is looked at to sniff feeds and declared charsets.
SNIFF_BYTES = 4096

_MAGIC = {
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive (or Office document)",
    b"\x1f\x8b": "gzip archive",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"\x7fELF": "executable",
    b"SQLite format 3": "SQLite database",
}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_NON_TEXT = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")


class Unreadable(Skip):
    """The file is there but cannot be read (permissions, I/O, too big to read): what it held
    before is not known to be gone."""


def read_bytes(path: Path, max_mb: float | None = None) -> bytes:
    """The file's bytes; Skip (with the reason) when it cannot be read or is over `max_mb`."""
    if path.is_symlink() and not path.exists():
        raise Skip(f"unreadable: broken symbolic link to {os.readlink(path)}")
    try:
        if max_mb is not None:
            size = path.stat().st_size
            if size > max_mb * 2**20:  # checked before reading: reading holds it all in memory
                raise Unreadable(
                    f"file is {_megabytes(size)}, above [ingest].max_file_mb = {max_mb:g}; "
                    "split it into smaller files or raise the limit"
                )
        return path.read_bytes()
    except FileNotFoundError as exc:  # gone since it was listed: gone
        raise Skip(f"unreadable: {exc.strerror or exc}") from None
    except OSError as exc:
        raise Unreadable(f"unreadable: {exc.strerror or exc}") from None


def _megabytes(size: int) -> str:
    mb = size / 2**20
    return f"{mb:,.1f} MB" if mb >= 0.1 else f"{size / 2**10:,.1f} KB"


def decode(raw: bytes, declared: str | None = None) -> str:
    """Bytes to text: BOMs honoured, then UTF-8, then cp1252, then Latin-1, line by line."""
    if not raw.strip():
        raise Skip("empty file")
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            try:
                return _check_text(raw.decode(encoding))
            except UnicodeDecodeError as exc:
                raise Skip(
                    f"undecodable: its byte-order mark says {encoding.upper()}, but byte "
                    f"{exc.start} is invalid ({exc.reason}); re-save the file as UTF-8"
                ) from None
    bom_less_utf16 = _utf16_without_bom(raw)
    if bom_less_utf16:
        return _check_text(raw.decode(bom_less_utf16, errors="replace"))
    check_binary(raw)
    if declared:
        try:
            return _check_text(raw.decode(declared))
        except (LookupError, UnicodeDecodeError):
            log.debug("declared charset %s does not decode; guessing instead", declared)
    try:
        return _check_text(raw.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    # Line by line, so a UTF-8 file with a few pasted cp1252 lines keeps both intact.
    return _check_text("\n".join(_decode_legacy(line) for line in raw.split(b"\n")))


def _decode_legacy(line: bytes) -> str:
    for encoding in ("utf-8", "cp1252"):
        try:
            return line.decode(encoding)
        except UnicodeDecodeError:
            continue
    return line.decode("latin-1")  # every byte is a Latin-1 character


def _utf16_without_bom(raw: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs sit in every other byte, as in BOM-less UTF-16 text."""
    sample = raw[:SNIFF_BYTES]
    if len(sample) < 4 or len(raw) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def check_binary(raw: bytes) -> None:
    """Skip a file whose magic number or NUL bytes say it is binary."""
    for magic, what in _MAGIC.items():
        if raw.startswith(magic):
            raise Skip(f"binary file ({what}); convert it to text, HTML or JSONL first")
    if raw.count(0) > MAX_NUL_SHARE * len(raw):
        raise Skip("binary file (contains NUL bytes); only text formats can be indexed")


def _check_text(text: str) -> str:
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise Skip("empty file")
    bad = len(_NON_TEXT.findall(text))
    if bad > MAX_CONTROL_SHARE * len(text):
        raise Skip("binary file (mostly non-text characters); only text formats can be indexed")
    return text


def declared_charset(raw: bytes) -> str | None:
    """The charset an HTML page's <meta> declares in its head, if any."""
    match = _CHARSET.search(raw[:SNIFF_BYTES])
    return match.group(1).decode("ascii", "replace") if match else None
