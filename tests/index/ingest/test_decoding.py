"""Decoding: unreadable, empty and binary files, byte-order marks, legacy and declared charsets."""

from __future__ import annotations

import codecs
import json
import unicodedata
from pathlib import Path

import pytest

from tests.index.ingest.helpers import BODY, load, write


def test_broken_symlink_in_a_directory_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "good.txt", f"Title\n\n{BODY}")
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing.txt")
    articles, report = load(tmp_path)
    assert [a.id for a in articles] == ["good"]
    assert report.skipped[0][0] == str(link)
    assert "unreadable" in report.skipped[0][1] and "missing.txt" in report.skipped[0][1]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\n ", "empty file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary file (PNG image)"),
        (b"text\x00\x00\x00\x00 with many NULs\x00\x00\x00\x00\x00\x00", "binary file"),
        (bytes(range(1, 32)) * 40 + b"abc", "mostly non-text"),
        (b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8", "undecodable"),
    ],
)
def test_bad_file_is_skipped_with_its_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    path = write(tmp_path / "bad.txt", content)
    write(tmp_path / "good.txt", f"Good title\n\n{BODY}")
    articles, report = load(tmp_path)
    assert [a.id for a in articles] == ["good"]  # one bad file never aborts the run
    assert report.skipped[0][0] == str(path)
    assert reason in report.skipped[0][1]


TEXT = "Café owner “Zoë” said: ‘We reopen’ — 50% off."


DOC = f"Title line\n\n{TEXT}"


@pytest.mark.parametrize(
    "encoded",
    [
        DOC.encode("utf-8"),
        codecs.BOM_UTF8 + DOC.encode("utf-8"),
        codecs.BOM_UTF16_LE + DOC.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + DOC.encode("utf-16-be"),
        DOC.encode("utf-16-le"),  # no BOM: recognised from the NUL pattern
        DOC.encode("cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-16-no-bom", "cp1252"],
)
def test_encodings_are_decoded(tmp_path: Path, encoded: bytes) -> None:
    write(tmp_path / "a.txt", encoded)
    (article,), report = load(tmp_path)
    assert (article.title, article.text) == ("Title line", TEXT)  # no BOM left in the title
    assert report.skipped == []


def test_legacy_single_byte_bytes_decode(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", b"caf\xe9 news\n\nHe said \x93yes\x94 to the caf\xe9.")
    (article,), _ = load(tmp_path)
    assert (article.title, article.text) == ("café news", "He said “yes” to the café.")


def test_latin1_byte_undefined_in_cp1252_still_decodes(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", b"Title\n\nNa\xefve \x81 text.")
    (article,), _ = load(tmp_path)
    assert article.text == "Naïve text."  # U+0081 is a control character: dropped


def test_utf8_file_with_one_cp1252_line_keeps_both(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Título\n\nZoë said “hi”.\n".encode() + b"caf\xe9 line.")
    (article,), _ = load(tmp_path)
    assert (article.title, article.text) == ("Título", "Zoë said “hi”.\ncafé line.")


def test_text_decoded_twice_upstream_is_repaired(tmp_path: Path) -> None:
    # A scraper read UTF-8 as cp1252 (or Latin-1, leaving C1 controls) and saved the result as
    # UTF-8: the names would never match a question, nor the quotes a quote mark.
    body = "Itâ€™s over, said Arturo SarukhÃ¡n. Prosecutor Marc TrÃ\x89VIDIC agreed."
    record = {"id": "m", "title": "Le prÃ©sident", "text": body}
    write(tmp_path / "a.jsonl", json.dumps(record).encode())
    (article,), _ = load(tmp_path)
    assert article.title == "Le président"
    assert article.text == "It’s over, said Arturo Sarukhán. Prosecutor Marc TrÉVIDIC agreed."
    # text that only looks alike is left as it was
    plain = "Café owners in São Paulo, Zürich and Piñera's Chile: the façade—and naïve Ãlvaro."
    write(tmp_path / "b.txt", f"Title\n\n{plain}")
    articles, _ = load(tmp_path)
    assert [a.text for a in articles if a.id == "b"] == [plain]


def test_text_decoded_twice_and_then_decomposed_is_repaired(tmp_path: Path) -> None:
    # The same double decoding, then normalised to NFD by some tool on the way ("Ã" stored as
    # "A" + combining tilde): only the composed form reads as the mis-decoded UTF-8 it is.
    body = "Arturo Sarukh\u00c3\u0083\u00c2\u00a1n said Pe\u00c3\u00b1a Nieto would go."
    decomposed = unicodedata.normalize("NFD", body)
    assert decomposed != body
    write(tmp_path / "a.jsonl", json.dumps({"id": "m", "title": "T", "text": decomposed}).encode())
    (article,), _ = load(tmp_path)
    assert article.text == "Arturo Sarukhán said Peña Nieto would go."


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    # Long enough to be an article ([ingest].min_html_words), short for trafilatura.
    text = (
        "Привет, мир. Городской совет в понедельник утвердил бюджет на следующий год, "
        "после долгих споров о школах, дорогах, парках и новой библиотеке в центре города."
    )
    page = (
        '<html><head><meta charset="koi8-r"><title>Новости</title></head>'
        f"<body><p>{text}</p></body></html>"
    )
    write(tmp_path / "a.html", page.encode("koi8-r"))
    (article,), _ = load(tmp_path)
    assert (article.title, article.text) == ("Новости", text)
