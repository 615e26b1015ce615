"""library.extraction: sniffing, normalisation and every format, in this process.

No database and no Django: the package under test is pure Python. Hostile files through the
limited child are in test_extraction_limited.py.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from contextlib import contextmanager
from typing import TYPE_CHECKING

import pytest
from docx import Document

from library import extraction
from library.extraction import (
    Extracted,
    check_zip,
    extract_file,
    normalise,
    sniff,
    vetting,
)
from library.samples import docx_bytes, encrypted_pdf_bytes, image_only_pdf_bytes, pdf_bytes
from tests.library import hostile

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path
from tests.library.extraction_helpers import (
    ARABIC_TITLE,
    docx_with_part_replaced,
    error_code,
    write,
    zip_of,
)

# --------------------------------------------------------------------------------------------
# sniff
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "pdf"),
        # Some producers put junk before the header; readers accept it within the first KiB.
        (b"\x00" * 500 + b"%PDF-1.4\n", "pdf"),
        (b"PK\x03\x04\x14\x00\x06\x00", "docx"),
        (b"<!DOCTYPE html>\n<html><body>x</body></html>", "html"),
        (b"\xef\xbb\xbf  \n<HTML lang='fr'>", "html"),
        (b"<p>Paragraph</p>", "html"),
        (b"\t<div class='x'>", "html"),
        ("<head><title>خطة</title>".encode("utf-16"), "html"),
        (b"Plain notes about the meeting.\r\nSecond line.\f", "txt"),
        ("Plan d'action « prévention »".encode(), "txt"),
        ("خطة العمل المحلية".encode("utf-16"), "txt"),
        (b"\xfe\xff" + "Notes".encode("utf-16-be"), "txt"),
        # Starts with "<" but not with an HTML tag: text, not HTML.
        (b"<patrick@example.org> wrote: hello", "txt"),
    ],
)
def test_sniff_recognises_each_kind(head: bytes, kind: str) -> None:
    assert sniff(head) == kind


def test_sniff_recognises_real_files() -> None:
    assert sniff(pdf_bytes(["x"])[:8192]) == "pdf"
    assert sniff(docx_bytes(["x"])[:8192]) == "docx"
    assert sniff(hostile.polyglot_pdf_zip()[:8192]) == "pdf"


@pytest.mark.parametrize(
    "head",
    [
        hostile.spoofed_exe_as_pdf(),
        b"\x7fELF\x02\x01\x01\x00" + bytes(56),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
        b"GIF89a\x01\x00\x01\x00",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),  # OLE2: legacy .doc
        b"PK\x05\x06" + bytes(18),  # empty zip
        b"\x1f\x8b\x08\x00",  # gzip
        b"{\\rtf1\\ansi Hello}",
        "café crème".encode("latin-1"),  # not UTF-8, no BOM
        "Notes".encode("utf-16-le"),  # UTF-16 without BOM: NUL bytes
        b"text\x1b[31m with \x01\x02\x03 controls",
    ],
)
def test_sniff_rejects_other_types(head: bytes) -> None:
    assert error_code(lambda: sniff(head)) == "unsupported_type"


def test_sniff_rejects_empty_input() -> None:
    assert error_code(lambda: sniff(b"")) == "empty_file"


def test_sniff_reports_encrypted_office_file() -> None:
    head = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le")
    assert error_code(lambda: sniff(head)) == "encrypted"


# --------------------------------------------------------------------------------------------
# normalise
# --------------------------------------------------------------------------------------------


def test_normalise_applies_nfkc() -> None:
    assert normalise("\ufb01nal\u00a0plan \uff11\uff12\uff13 \u2460") == "final plan 123 1"


def test_normalise_removes_bidi_controls_and_marks() -> None:
    controls = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\ufeff"
    text = f"{controls}pre{controls}vention{controls}"
    assert normalise(text) == "prevention"


def test_normalise_maps_arabic_presentation_forms_to_base_letters() -> None:
    # "مرحبا" and "لا" as a PDF text layer may carry them: initial/medial/final glyph forms and
    # the lam-alef ligature.
    presentation = "\ufee3\ufeae\ufea3\ufe92\ufe8e \ufefb"
    assert normalise(presentation) == "مرحبا لا"


def test_normalise_cleans_whitespace_and_controls() -> None:
    text = "  a\x00b\x07c\x9f  \t d \r\ne\rf\fg  \n\n\n\n\nh\t\t\n"
    assert normalise(text) == "abc d\ne\nf\ng\n\nh"


def test_normalise_keeps_tabs_as_single_spaces_and_single_spaces_untouched() -> None:
    assert normalise("one two\tthree \t four") == "one two three four"


# --------------------------------------------------------------------------------------------
# extract_file: the formats
# --------------------------------------------------------------------------------------------


def test_extract_file_reads_an_english_pdf_page_by_page(tmp_path: Path) -> None:
    path = write(tmp_path, "plan", pdf_bytes(["First page text.", "", "Third page."]))
    assert extract_file(path) == Extracted(
        kind="pdf", pages=["First page text.", "", "Third page."], page_count=3
    )


def test_extract_file_reads_a_french_pdf(tmp_path: Path) -> None:
    text = "Élaboration d'un plan « prévention » — œuvre commune à Besançon"
    path = write(tmp_path, "plan.pdf", pdf_bytes([text], language="fr", title="Réseau"))
    result = extract_file(path)
    assert result.kind == "pdf"
    assert result.pages == [f"Réseau\n{text}"]


def test_extract_file_reads_arabic_pdf_in_logical_order(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.pdf", pdf_bytes([ARABIC_TITLE], language="ar"))
    result = extract_file(path)
    assert result.page_count == 1
    assert "خطة العمل المحلية" in result.pages[0]
    assert result.pages[0] == ARABIC_TITLE


def test_extract_file_keeps_long_pdf_items_on_one_page(tmp_path: Path) -> None:
    long_item = "Prevention network meeting notes. " * 150
    path = write(tmp_path, "long.pdf", pdf_bytes([long_item, "End."]))
    result = extract_file(path)
    assert result.page_count == 2
    assert result.pages[0].split() == long_item.split()


def test_extract_file_refuses_encrypted_pdf(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.pdf", encrypted_pdf_bytes())
    assert error_code(lambda: extract_file(path)) == "encrypted"


def test_extract_file_finds_no_text_in_image_only_pdf(tmp_path: Path) -> None:
    path = write(tmp_path, "scan.pdf", image_only_pdf_bytes(pages=3))
    assert error_code(lambda: extract_file(path)) == "no_text"


def test_extract_file_refuses_pdf_over_the_page_cap(tmp_path: Path) -> None:
    path = write(tmp_path, "three.pdf", pdf_bytes(["a", "b", "c"]))
    assert error_code(lambda: extract_file(path, max_pages=2)) == "too_many_pages"
    assert extract_file(path, max_pages=3).page_count == 3


def test_extract_file_reads_docx_paragraphs_then_table(tmp_path: Path) -> None:
    data = docx_bytes(
        ["Introduction to the plan.", "Second paragraph."],
        table=[["Item", "Budget"], ["Training", "12 000 EUR"]],
    )
    path = write(tmp_path, "plan.docx", data)
    assert extract_file(path) == Extracted(
        kind="docx",
        pages=[
            "Introduction to the plan.\nSecond paragraph.\nItem | Budget\nTraining | 12 000 EUR"
        ],
        page_count=1,
    )


def test_extract_file_reads_docx_in_document_order_with_merged_cells(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("Before the table.")
    table = document.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 2))
    merged.text = "Budget 2025"
    for cell, text in zip(table.rows[1].cells, ["Staff", "Training", "Events"], strict=True):
        cell.text = text
    document.add_paragraph("After the table: مرحبا")
    buffer = io.BytesIO()
    document.save(buffer)
    path = write(tmp_path, "ordered.docx", buffer.getvalue())
    assert extract_file(path).pages == [
        "Before the table.\nBudget 2025\nStaff | Training | Events\nAfter the table: مرحبا"
    ]


def test_extract_file_cuts_long_docx_into_pseudo_pages(tmp_path: Path) -> None:
    paragraphs = [f"Paragraph {n} about local prevention work in the city." for n in range(400)]
    path = write(tmp_path, "long.docx", docx_bytes(paragraphs))
    result = extract_file(path)
    assert result.page_count == len(result.pages) > 1
    assert all(len(page) <= extraction.PSEUDO_PAGE_CHARS for page in result.pages)
    assert "\n".join(result.pages).split("\n") == paragraphs


def test_extract_file_reads_utf8_text_in_pseudo_pages_cut_at_whitespace(tmp_path: Path) -> None:
    words = [f"prévention{n}" for n in range(2000)]
    path = write(tmp_path, "notes.txt", " ".join(words).encode())
    result = extract_file(path)
    assert result.kind == "txt"
    assert result.page_count == len(result.pages) > 1
    assert all(
        extraction.PSEUDO_PAGE_CHARS // 2 <= len(page) <= extraction.PSEUDO_PAGE_CHARS
        for page in result.pages[:-1]
    )
    # Cut only at whitespace: no word is split across pages.
    assert " ".join(result.pages).split() == words


def test_extract_file_reads_utf16_text(tmp_path: Path) -> None:
    path = write(tmp_path, "notes.txt", "خطة العمل\r\nLigne deux".encode("utf-16"))
    assert extract_file(path) == Extracted(
        kind="txt", pages=["خطة العمل\nLigne deux"], page_count=1
    )


def test_extract_file_ignores_the_file_name(tmp_path: Path) -> None:
    path = write(tmp_path, "report.pdf", b"Just text in a file named .pdf\n")
    assert extract_file(path).kind == "txt"


def test_extract_file_refuses_text_over_the_pseudo_page_cap(tmp_path: Path) -> None:
    path = write(tmp_path, "notes.txt", b"word " * 2000)
    assert error_code(lambda: extract_file(path, max_pages=1)) == "too_many_pages"
    assert extract_file(path, max_pages=10).page_count == 4


def test_extract_file_refuses_whitespace_only_text(tmp_path: Path) -> None:
    path = write(tmp_path, "blank.txt", b" \n\t\r\n\xe2\x80\x8f \n")
    assert error_code(lambda: extract_file(path)) == "no_text"


def test_extract_file_refuses_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.pdf", b"")
    assert error_code(lambda: extract_file(path)) == "empty_file"


def test_extract_file_reads_html_without_script_or_style(tmp_path: Path) -> None:
    path = write(tmp_path, "page.html", hostile.html_with_script())
    result = extract_file(path)
    assert result.kind == "html"
    assert result.pages == [
        "Plan\n\nOverview\n\nCommunity resilience plan\n\nSecond paragraph & more"
    ]


def test_extract_file_reads_html_pre_and_table_cells(tmp_path: Path) -> None:
    markup = (
        "<html><body><pre>line one\n  line two</pre>"
        "<table><tr><td>Ville</td><td>Budget</td></tr></table>"
        "<p>A&nbsp;&eacute;t&eacute; <b>bold</b>\n   text</p></body></html>"
    )
    path = write(tmp_path, "page.html", markup.encode())
    assert extract_file(path).pages == ["line one\n line two\n\nVille | Budget\n\nA été bold text"]


# --------------------------------------------------------------------------------------------
# check_zip: central directory only
# --------------------------------------------------------------------------------------------


@contextmanager
def zip_entries_never_read() -> Iterator[None]:
    """Make any attempt to open or read a zip entry fail the test (building zips needs open)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("check_zip must not read zip entries")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(zipfile.ZipFile, "open", refuse)
        patch.setattr(zipfile.ZipFile, "read", refuse)
        yield


def test_check_zip_accepts_a_real_docx(tmp_path: Path) -> None:
    path = write(tmp_path, "ok.docx", docx_bytes(["Fine."]))
    with zip_entries_never_read():
        check_zip(path)


def test_check_zip_rejects_declared_huge_entry_without_inflating(tmp_path: Path) -> None:
    path = write(tmp_path, "huge.docx", hostile.docx_huge_entry())
    with zip_entries_never_read():
        assert error_code(lambda: check_zip(path)) == "zip_bomb"
        # With the total raised, the compression ratio alone still gives it away...
        assert error_code(lambda: check_zip(path, max_total_uncompressed=2**31)) == "zip_bomb"
        # ...and with both raised it passes, so the two refusals above came from the sizes.
        check_zip(path, max_total_uncompressed=2**31, max_ratio=10**9)


def test_check_zip_rejects_too_many_entries(tmp_path: Path) -> None:
    path = write(tmp_path, "many.docx", hostile.docx_many_entries())
    with zip_entries_never_read():
        assert error_code(lambda: check_zip(path)) == "zip_bomb"
        check_zip(path, max_entries=20_000)


@pytest.mark.parametrize(
    "name", ["../../evil.txt", "word/../../evil.xml", "/etc/cron.d/x", "C:/evil.txt", "word\\x.xml"]
)
def test_check_zip_rejects_unsafe_paths(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, "unsafe.docx", hostile.docx_with_entries([(name, b"x")]))
    with zip_entries_never_read():
        assert error_code(lambda: check_zip(path)) == "unsafe_archive"


def test_check_zip_rejects_duplicate_names(tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns about the duplicate
        data = hostile.docx_with_entries([("word/document.xml", b"<w:document/>")])
    path = write(tmp_path, "duplicate.docx", data)
    assert error_code(lambda: check_zip(path)) == "unsafe_archive"


def test_check_zip_rejects_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    xlsx_like = zip_of([("[Content_Types].xml", b"<Types/>"), ("xl/workbook.xml", b"<w/>")])
    path = write(tmp_path, "book.docx", xlsx_like)
    assert error_code(lambda: check_zip(path)) == "unsupported_type"
    assert error_code(lambda: extract_file(path)) == "unsupported_type"


def test_check_zip_reports_broken_zip_as_malformed(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.docx", b"PK\x03\x04" + bytes(200))
    assert error_code(lambda: check_zip(path)) == "malformed"
    assert error_code(lambda: extract_file(path)) == "malformed"


# --------------------------------------------------------------------------------------------
# DOCX XML parts
# --------------------------------------------------------------------------------------------


def test_extract_file_refuses_dtd_in_any_xml_part(tmp_path: Path) -> None:
    laughs = b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
    data = docx_with_part_replaced(
        docx_bytes(["Styles are hostile here."]),
        "word/styles.xml",
        lambda xml: xml.replace(b"?>", b"?>" + laughs, 1),
    )
    path = write(tmp_path, "laughs.docx", data)
    assert error_code(lambda: extract_file(path)) == "xml_entities"


def test_extract_file_refuses_dtd_in_utf16_document_part(tmp_path: Path) -> None:
    def to_utf16_with_dtd(xml: bytes) -> bytes:
        text = xml.decode().replace("encoding='UTF-8'", "encoding='UTF-16'")
        text = text.replace("?>", '?><!DOCTYPE w:document [<!ENTITY x "y">]>', 1)
        return text.encode("utf-16")

    data = docx_with_part_replaced(docx_bytes(["x"]), "word/document.xml", to_utf16_with_dtd)
    path = write(tmp_path, "utf16.docx", data)
    assert error_code(lambda: extract_file(path)) == "xml_entities"


def test_extract_file_caps_the_bytes_read_from_an_xml_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "plan.docx", docx_bytes(["Padding paragraph."] * 100))
    assert extract_file(path).kind == "docx"
    monkeypatch.setattr(vetting, "MAX_XML_PART_BYTES", 1024)
    assert error_code(lambda: extract_file(path)) == "zip_bomb"


def test_extract_file_reports_corrupt_docx_xml_as_malformed(tmp_path: Path) -> None:
    data = docx_with_part_replaced(
        docx_bytes(["x"]), "word/document.xml", lambda xml: xml[: len(xml) // 2]
    )
    path = write(tmp_path, "cut.docx", data)
    assert error_code(lambda: extract_file(path)) == "malformed"
