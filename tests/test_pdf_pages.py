"""A printed paper's pages: no question split across two, and no page broken early.

The rule (interop/pdf.py keep_questions_whole): going through the questions in order,
a question the printed layout splits across two pages, although it fits on one, starts
the next page. Spelled out slowly here, with the whole paper laid out afresh after each
break, it is what the PDF must follow.
"""

import re

import pytest

from quizapp.core.loader import load_bank
from quizapp.core.paths import bundled_banks_dir
from quizapp.interop import export_with_warnings, pdf

ARTICLE = bundled_banks_dir() / "us-japan-auto-talks-1995.yaml"


@pytest.fixture
def writer(qapp):
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    assert buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    yield pdf._writer(buffer)
    buffer.close()


def _plain_paper(bank, versions: int):
    """The paper as a document, with only the page breaks its HTML asks for."""
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setHtml(pdf.quiz_html(bank, versions=versions))
    return doc


def _breaks(doc) -> list[int]:
    """The numbers of the blocks that start a new page."""
    from PySide6.QtGui import QTextFormat

    out, block = [], doc.begin()
    while block.isValid():
        if block.blockFormat().pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
            out.append(block.blockNumber())
        block = block.next()
    return out


def _breaks_by_the_rule(bank, versions: int, writer) -> list[int]:
    """The first split question starts a page; the paper laid out afresh; again."""
    doc = _plain_paper(bank, versions)
    while split := pdf.split_questions(pdf.print_layout(doc, writer)):
        pdf._break_before(doc.findBlockByNumber(split[0][0].blockNumber()))
    return _breaks(doc)


def _pdf_pages(path) -> list[str]:
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    assert doc.load(str(path)) == QPdfDocument.Error.None_
    pages = [" ".join(doc.getAllText(i).text().split()) for i in range(doc.pageCount())]
    return [re.sub(r"\s*\b\d+$", "", page) for page in pages]  # the page number at the foot


def test_two_versions_break_their_pages_where_the_rule_says(writer):
    """Two versions of the article bank: the breaks are the rule's, page for page. (Each
    break used to be made in a layout that Qt updated from the break on, which placed the
    question after it higher than a fresh layout does: 13 pages for one version where 12
    hold it, 26 for two where 24 do.)"""
    bank = load_bank(ARTICLE, use_cache=False).bank
    doc, printed = pdf.paged_document(bank, versions=2, device=writer)
    assert _breaks(doc) == _breaks_by_the_rule(bank, 2, writer)
    assert _breaks(printed) == _breaks(doc)
    assert pdf.split_questions(printed) == []
    assert printed.pageCount() == 24


def test_every_printed_page_starts_with_a_question_or_a_heading(writer, tmp_path):
    """Read back from the PDF: no page opens with the rest of a question."""
    bank = load_bank(ARTICLE, use_cache=False).bank
    out = tmp_path / "two.pdf"
    assert export_with_warnings(bank, out, versions=2) == []
    pages = _pdf_pages(out)
    _doc, printed = pdf.paged_document(bank, versions=2, device=writer)  # (the layout is
    assert len(pages) == printed.pageCount()  # a copy that goes with the document)
    for page in pages:
        assert re.match(r"(\d+\. |Answer key|U\.S\.-Japan auto trade talks)", page), page[:80]
    # each question's number on the paper and in the key, twice (versions A and B)
    printed = " ".join(pages)
    for number in range(1, len(bank.questions) + 1):
        assert len(re.findall(rf"(?:^| ){number}\. ", printed)) >= 4, number


def test_a_split_left_over_is_mended(writer):
    """The last resort, should a window's layout ever differ from the whole paper's: the
    splits a layout shows are broken before until none is left."""
    bank = load_bank(ARTICLE, use_cache=False).bank
    doc = _plain_paper(bank, 1)
    printed = pdf.print_layout(doc, writer)
    assert pdf.split_questions(printed)
    mended = pdf._mend(doc, printed, writer)
    assert pdf.split_questions(mended) == []
    assert _breaks(mended) == _breaks(doc) != _breaks(_plain_paper(bank, 1))
