"""A printable PDF quiz, with the answer key on separate pages, via Qt's QPdfWriter.

Choices, matching's right-hand column, ordering's items and a cloze blank's choices are
printed in a shuffled order, seeded by the bank id and the paper's version letter, so that
the same command prints the same papers; `versions` > 1 prints versions A, B, ... one
after the other, each with its questions in an order of its own (A: the bank's) and its own
answer key (paper_versions.py).

The only interop module that imports Qt. It needs a QGuiApplication for fonts;
when none exists (the command line) one is created, on the offscreen platform
if no platform or display is configured, so it works on a headless server.
"""

from __future__ import annotations

import html
import itertools
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quizapp.core.arrangement import Arrangement, letter
from quizapp.core.bank_folder import inside_bank_folder
from quizapp.core.kinds.matching import offered, offered_for
from quizapp.core.model import (
    CLOZE_BLANK,
    Bank,
    Cloze,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Numeric,
    Ordering,
    Question,
    ShortAnswer,
    TrueFalse,
)
from quizapp.core.quotes import shown_quotes
from quizapp.core.text_limits import MARKDOWN_RENDER_LIMIT

from ._common import Report
from .kind_tables import NotSupported, entry_for, left_out
from .paper_versions import MAX_VERSIONS, PaperVersion, PrintedQuestion, paper_versions

_app = None  # the QGuiApplication we created, kept alive for the process

# A question's `image:` is printed this wide (px at 96 dpi, 8 cm), or narrower when that would
# make it taller than PICTURE_HEIGHT (10.6 cm): a picture 8,000 px tall printed 300 px wide
# was 80,000 px tall, on 80 pages, each empty but for the top of the next slice. No picture
# in a text is drawn taller either.
PICTURE_WIDTH = 300
PICTURE_HEIGHT = 400

_STYLE = """
body { font-family: 'DejaVu Sans', sans-serif; font-size: 11pt; }
h1 { font-size: 18pt; }
h2 { font-size: 15pt; }
.hint { color: #555555; font-style: italic; }
.expl { color: #444444; font-size: 9.5pt; }
.src { color: #444444; font-size: 9pt; margin-top: 1px; }
td, th { padding: 3pt 6pt 3pt 6pt; }
table.match td { padding: 2pt 10pt 2pt 0pt; }
"""
_FONT = ["DejaVu Sans", "sans-serif"]  # the text's fonts, as _STYLE names them


def ensure_gui_app():
    """The running QGuiApplication, or a new one (offscreen when there is no display)."""
    global _app
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is not None:
        return app
    if not (
        os.environ.get("QT_QPA_PLATFORM")
        or os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _app = QGuiApplication(["quizapp"])
    return _app


_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.S)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#!|{}()~+\-.])")
BLANK = "\\_" * 12


def _literal(text: str) -> str:
    """Markdown that shows `text` exactly (a typed answer is not Markdown)."""
    return _MD_SPECIAL.sub(r"\\\1", text.strip())


class _Renderer:
    """Bank Markdown to HTML fragments, with the GUI's safety rules (no raw HTML,
    only images from the bank's own folder)."""

    def __init__(self, bank: Bank) -> None:
        from quizapp.rendering.markdown import is_long, safe_document, shortened

        self._safe_document = safe_document
        self._is_long, self._shortened = is_long, shortened
        self.bank_dir = Path(bank.path).resolve().parent if bank.path else None
        self.question: Question | None = None  # whose texts md renders now
        # the questions with a text printed shortened, in order
        self.shortened: dict[str, Question] = {}
        self.description_shortened = False  # the bank's own description (no question's)

    def md(self, markdown: str, *, tight: bool = False, space_before: bool = False) -> str:
        if self._is_long(markdown):
            # As the app shows it: Qt lays a long word out anew from its start for each
            # line, so a word of 2,000,000 letters took about 13 minutes to print.
            markdown = self._shortened(markdown)
            if self.question is not None:
                self.shortened[self.question.id] = self.question
            else:
                self.description_shortened = True
        doc = self._safe_document(markdown.strip(), self.bank_dir,
                                  max_height=PICTURE_HEIGHT)
        m = _BODY.search(doc.toHtml())
        fragment = m.group(1).strip() if m else ""
        if tight:
            fragment = fragment.replace("margin-top:6px; margin-bottom:6px;",
                                        "margin-top:1px; margin-bottom:1px;")
        if space_before:
            fragment = fragment.replace("margin-top:6px;", "margin-top:16px;", 1)
        return fragment


def _num(value: float) -> str:
    return f"{value:g}"


def _image(bank: Bank, q: Question, report: Report) -> str:
    if not q.image:
        return ""
    source = inside_bank_folder(Path(bank.path).parent, q.image) if bank.path else None
    if source is None:
        report.warn(q.line, f"question {q.id!r}: the image {q.image!r} was not found inside "
                    "the bank's folder; it is not printed")
        return ""
    # Read here, through a checked handle, and printed from its bytes (an SVG cleaned):
    # given the file's URL, Qt would open it when it lays the page out, after this check.
    # Decoded first, at the size it is drawn: one Qt could not decode (broken, or more
    # pixels than it will hold) took a line 33,554,431 pixels tall, and the questions
    # after it fell off the pages.
    from quizapp.rendering.pictures import Picture, preparer

    picture = preparer().picture(source, wait=True)
    if not isinstance(picture, Picture):
        report.warn(q.line, f"question {q.id!r}: the image {q.image!r} cannot be read as a "
                    "picture; it is not printed")
        return ""
    size = picture.size
    scale = min(PICTURE_WIDTH / size.width(), PICTURE_HEIGHT / size.height())
    width, height = max(1, round(size.width() * scale)), max(1, round(size.height() * scale))
    return f'<p><img src="{picture.url}" width="{width}" height="{height}"></p>'


_BLOCK_START = re.compile(r"\s*(?:[-*+]\s|\d+[.)]\s|#|\||>|```|~~~)")


def _numbered(n: int, markdown: str) -> str:
    """'**n.** text', with the number on a line of its own when the text opens
    with a list, heading, table or quote that the number would break."""
    markdown = markdown.strip()
    if _BLOCK_START.match(markdown):
        return f"**{n}.**\n\n{markdown}"
    return f"**{n}.** {markdown}"


def _hint(text: str) -> str:
    return f'<p style="margin-top:2px; margin-bottom:2px;" class="hint">{html.escape(text)}</p>'


def _cloze_prompt(q: Cloze, blank_choices: tuple[tuple[str, ...], ...]) -> str:
    counter = itertools.count()  # CLOZE_BLANK.sub visits the blanks in order

    def blank(_m: re.Match) -> str:
        n = next(counter)
        # a blank to pick from prints its choices after it, shuffled as on screen (the
        # same each time the bank is printed) unless the bank pins their order
        choices = blank_choices[n] if n < len(blank_choices) else ()
        offered = (" [" + " / ".join(_literal(c) for c in choices) + "]\u00a0"
                   if choices else "")
        # no-break spaces around each blank, so its line never touches the words or a "."
        return f"\u00a0({n + 1})\u00a0{BLANK}\u00a0{offered}"

    text = CLOZE_BLANK.sub(blank, q.text)
    return f"{q.prompt.strip()}\n\n{text}" if q.prompt.strip() else text


def _choices_body(q: MultipleChoice | MultipleSelect, a: Arrangement, r: _Renderer) -> list[str]:
    parts = [_hint("Choose all that apply.")] if isinstance(q, MultipleSelect) else []
    return parts + [r.md(f"\u2610 {letter(k)}. {q.choices[i].text}", tight=True)
                    for k, i in enumerate(a.order)]


def _true_false_body(q: TrueFalse, a: Arrangement, r: _Renderer) -> list[str]:
    return [r.md("\u2610 True \u2003 \u2610 False", tight=True)]


def _written_answer_body(q: Question, a: Arrangement, r: _Renderer) -> list[str]:
    return [r.md(f"Answer: {BLANK * 2}", tight=True)]


def _numeric_body(q: Numeric, a: Arrangement, r: _Renderer) -> list[str]:
    unit = f" {_literal(q.unit)}" if q.unit else ""
    return [r.md(f"Answer: {BLANK}{unit}", tight=True)]


def _matching_body(q: Matching, a: Arrangement, r: _Renderer) -> list[str]:
    # each right side once: two items may share one (cat -> mammal, dog -> mammal), so
    # the column of letters may be shorter than the items'
    rights = [q.pairs[i][1] for i in offered(q, a.order)]
    rows = []
    for i, (left, _) in enumerate(q.pairs):
        # An escaped dot, so that Markdown does not start a numbered list.
        left_html = r.md(f"{i + 1}\\. {left}", tight=True)
        right_html = r.md(f"{letter(i)}. {rights[i]}", tight=True) if i < len(rights) else ""
        rows.append(f"<tr><td>{left_html}</td><td>____</td><td>{right_html}</td></tr>")
    return [_hint("Write the letter of the match.")
            + f'<table class="match">{"".join(rows)}</table>']


def _matching_key(q: Matching, a: Arrangement) -> str:
    """'1 → C, 2 → A': each item's letter in the column of right sides (each once)."""
    offer = offered(q, a.order)
    return ", ".join(
        f"{i + 1} \u2192 {letter(offer.index(offered_for(q, offer, i)))}"
        for i in range(len(q.pairs))
    )


def _ordering_body(q: Ordering, a: Arrangement, r: _Renderer) -> list[str]:
    return [_hint("Number these in the right order.")] + [
        r.md(f"\\_\\_\\_\\_ {q.items[i]}", tight=True) for i in a.order
    ]


def _no_body(q: Question, a: Arrangement, r: _Renderer) -> list[str]:
    return []  # a cloze's blanks are in its prompt


def _multiple_choice_key(q: MultipleChoice, a: Arrangement) -> str:
    return f"{letter(a.position_of(q.correct))}. {q.answer}"


def _multiple_select_key(q: MultipleSelect, a: Arrangement) -> str:
    shown = sorted(q.correct, key=a.position_of)
    return "; ".join(f"{letter(a.position_of(i))}. {q.choices[i].text}" for i in shown)


def _numeric_key(q: Numeric, a: Arrangement) -> str:
    answer = _num(q.answer) + (f" (\u00b1 {_num(q.tolerance)})" if q.tolerance else "")
    return answer + (f" {_literal(q.unit)}" if q.unit else "")


def _part_marks(partly_right: tuple[tuple[str, float], ...]) -> str:
    """The answers worth part of the marks, for the marker: ' (part marks: Japan: 50%)'."""
    if not partly_right:
        return ""
    return " (part marks: " + ", ".join(f"{_literal(answer)}: {100 * share:g}%"
                                        for answer, share in partly_right) + ")"


def _short_answer_key(q: ShortAnswer, a: Arrangement) -> str:
    return " / ".join(_literal(x) for x in q.answers) + _part_marks(q.partly_right)


def _cloze_key(q: Cloze, a: Arrangement) -> str:
    return "; ".join(
        f"({i + 1}) " + _blank_key(q, i, b) + _part_marks(q.marks_of(i)[1])
        for i, b in enumerate(q.blanks)
    )


def _blank_key(q: Cloze, n: int, answers: tuple[str, ...]) -> str:
    """A blank's answers for the marker, with its tolerance: after them when they share
    one, after each when each has its own ('60 (± 1) / 60000 (± 1000)')."""
    tolerances = q.tolerances_of(n, len(answers))
    if len(set(tolerances)) > 1:
        return " / ".join(_literal(x) + (f" (\u00b1 {_num(t)})" if t else "")
                          for x, t in zip(answers, tolerances, strict=True))
    return " / ".join(_literal(x) for x in answers) + (
        f" (\u00b1 {_num(tolerances[0])})" if tolerances and tolerances[0] else "")


def _prompt(q: Question, blank_choices: tuple[tuple[str, ...], ...]) -> str:
    return q.prompt


@dataclass(frozen=True, slots=True)
class PaperKind:
    """How one kind is printed: its question (after the prompt) and its line in the key."""

    body: Callable[[Any, Arrangement, _Renderer], list[str]]
    key: Callable[[Any, Arrangement], str]  # Markdown
    # Markdown, given each blank's choices in the order printed (a cloze's; () for others)
    prompt: Callable[[Any, tuple[tuple[str, ...], ...]], str] = _prompt


# Every kind in quizapp.core.kinds.KINDS has an entry (tests/test_kinds.py checks it).
PAPER_KINDS: dict[str, PaperKind | NotSupported] = {
    "multiple_choice": PaperKind(_choices_body, _multiple_choice_key),
    "multiple_select": PaperKind(_choices_body, _multiple_select_key),
    "true_false": PaperKind(_true_false_body, lambda q, a: "True" if q.answer else "False"),
    "short_answer": PaperKind(_written_answer_body, _short_answer_key),
    "numeric": PaperKind(_numeric_body, _numeric_key),
    "matching": PaperKind(_matching_body, _matching_key),
    "ordering": PaperKind(_ordering_body, lambda q, a: " \u2192 ".join(q.items)),
    "cloze": PaperKind(_no_body, _cloze_key, prompt=_cloze_prompt),
    "flashcard": PaperKind(_written_answer_body, lambda q, a: q.back),
}


def _printable(q: Question) -> PaperKind | NotSupported:
    return entry_for(PAPER_KINDS, q, "a printed quiz")


def _question_html(n: int, p: PrintedQuestion, bank: Bank, r: _Renderer, report: Report) -> str:
    paper = _printable(p.question)
    assert isinstance(paper, PaperKind)  # paper_versions leaves the others out
    r.question = p.question
    parts = [r.md(_numbered(n, paper.prompt(p.question, p.blank_choices)), space_before=True),
             _image(bank, p.question, report)]
    parts += paper.body(p.question, p.arrangement, r)
    return "".join(parts)


def _answer_markdown(q: Question, a: Arrangement) -> str:
    paper = _printable(q)
    return paper.key(q, a) if isinstance(paper, PaperKind) else ""


def _answer_html(n: int, q: Question, a: Arrangement, r: _Renderer) -> str:
    r.question = q
    out = r.md(_numbered(n, _answer_markdown(q, a)), space_before=True)
    if q.explanation:
        out += f'<div class="expl">{r.md(q.explanation, tight=True)}</div>'
    if q.source or q.quotes:
        # plain text, as in the app: the source's words are not Markdown
        lines = ([f"Source: {q.source}"] if q.source else []) + shown_quotes(q).splitlines()
        out += '<p class="src">' + "<br>".join(html.escape(line) for line in lines) + "</p>"
    return out


def _paper_html(bank: Bank, paper: PaperVersion, titled: bool, r: _Renderer,
                report: Report) -> str:
    """One version of the paper, then its answer key starting on a new page."""
    title = bank.title + (f" \u2014 version {paper.letter}" if titled else "")
    head = f"<h1>{html.escape(title)}</h1>"
    r.question = None  # (the last version's last answer was rendered before)
    if bank.description:
        head += r.md(bank.description)
    head += r.md(f"Name: {BLANK * 2} \u2003 Date: {BLANK}")
    questions = "".join(
        _question_html(i + 1, p, bank, r, report) for i, p in enumerate(paper.questions)
    )
    key = "".join(_answer_html(i + 1, p.question, p.arrangement, r)
                  for i, p in enumerate(paper.questions))
    return (
        f"{head}{questions}"
        f'<h2 style="page-break-before: always">Answer key: {html.escape(title)}</h2>{key}'
    )


def quiz_html(bank: Bank, report: Report | None = None, versions: int = 1) -> str:
    """The whole document: each version's quiz, then its answer key on a new page."""
    if not 1 <= versions <= MAX_VERSIONS:
        raise ValueError(f"versions: choose 1 to {MAX_VERSIONS}, not {versions}")
    report = report or Report(bank.path or bank.id)
    for q in bank.questions:
        if isinstance(paper := _printable(q), NotSupported):
            report.warn(q.line, left_out(q, paper))
    r = _Renderer(bank)
    papers = [
        _paper_html(bank, paper, versions > 1, r, report)
        for paper in paper_versions(bank, versions, lambda q: isinstance(_printable(q), PaperKind))
    ]
    if r.description_shortened:
        report.warn(0, f"the bank's description is over {MARKDOWN_RENDER_LIMIT:,} characters:"
                       f" it is printed as the app shows it, its first "
                       f"{MARKDOWN_RENDER_LIMIT:,} characters (the rest is not printed)")
    for q in r.shortened.values():
        report.warn(q.line, f"question {q.id!r}: a text over {MARKDOWN_RENDER_LIMIT:,} "
                            "characters is printed as the app shows it, its first "
                            f"{MARKDOWN_RENDER_LIMIT:,} characters (the rest is not printed)")
    # Each version after the first starts on a new page.
    body = '<div style="page-break-before: always"></div>'.join(papers)
    return f"<html><head><style>{_STYLE}</style></head><body>{body}</body></html>"


def _writer(buffer):
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    writer = QPdfWriter(buffer)
    writer.setResolution(300)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    # QTextDocument.print_ adds its own 2 cm margin around the text.
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    return writer


def print_layout(doc, device):
    """A copy of `doc` laid out on `device`'s pages exactly as QTextDocument.print_ lays
    out its own copy (2 cm margins at the document's DPI; Qt's qtextdocument.cpp)."""
    clone = doc.clone()
    clone.documentLayout().setPaintDevice(device)
    _set_printed_page(clone, device)
    return clone


def _set_printed_page(doc, device) -> None:
    """The margins and page size print_ gives its copy of `doc`."""
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    dpi_x = screen.logicalDotsPerInchX() if screen is not None else 96.0
    dpi_y = screen.logicalDotsPerInchY() if screen is not None else 96.0
    fmt = doc.rootFrame().frameFormat()
    fmt.setLeftMargin(int(2 / 2.54 * dpi_x))
    fmt.setRightMargin(int(2 / 2.54 * dpi_x))
    fmt.setTopMargin(int(2 / 2.54 * dpi_y))
    fmt.setBottomMargin(int(2 / 2.54 * dpi_y))
    doc.rootFrame().setFrameFormat(fmt)
    doc.setPageSize(QSizeF(device.width(), device.height()))


def paged_document(bank: Bank, report: Report | None = None, versions: int = 1, device=None):
    """(the quiz document, its copy laid out on the printed pages). No question is split
    across two pages: one that would be starts on the next page (unless it is longer
    than a page)."""
    from PySide6.QtCore import QBuffer
    from PySide6.QtGui import QTextDocument

    ensure_gui_app()
    if device is None:
        device = _writer(QBuffer())
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setHtml(quiz_html(bank, report or Report(bank.path or bank.id), versions))
    return doc, keep_questions_whole(doc, device)


def question_spans(doc) -> list:
    """(first block, last block) of every question and heading, in order. A question
    starts with the paragraph "N. ..." outside any table, N counting up from 1 on each
    paper and each answer key."""
    from PySide6.QtGui import QTextCursor

    starts = []
    expected = 1
    block = doc.begin()
    while block.isValid():
        if QTextCursor(block).currentTable() is None:
            text = block.text()
            if block.blockFormat().headingLevel() or text.startswith("Answer key"):
                starts.append(block)
                expected = 1
            elif text == f"{expected}." or text.startswith(f"{expected}. "):
                starts.append(block)
                expected += 1
        block = block.next()
    spans = []
    for i, start in enumerate(starts):
        end = starts[i + 1].previous() if i + 1 < len(starts) else doc.lastBlock()
        spans.append((start, end))
    return spans


def _lines_top_bottom(doc, block) -> tuple[float, float]:
    """Where a block's first line starts and its last line ends: the layout moves lines
    that would cross the foot of a page to the next one, past the block's own rectangle."""
    rect = doc.documentLayout().blockBoundingRect(block)
    layout = block.layout()
    if layout is None or layout.lineCount() == 0:
        return rect.top(), rect.bottom()
    origin = layout.position().y()
    first, last = layout.lineAt(0), layout.lineAt(layout.lineCount() - 1)
    return origin + first.y(), origin + last.y() + last.height()


def pages_of(doc, first, last) -> tuple[int, int]:
    """The pages (0-based) where a span of blocks starts and ends."""
    height = doc.pageSize().height()
    top = _lines_top_bottom(doc, first)[0]
    bottom = _lines_top_bottom(doc, last)[1]
    return int(top // height), int(max(top, bottom - 1) // height)


def _is_split(printed, first, last, page_part: float) -> bool:
    """True when `printed` splits the blocks first..last across two pages although they
    would fit on one (`page_part`: a page less its margins, near enough)."""
    size = _lines_top_bottom(printed, last)[1] - _lines_top_bottom(printed, first)[0]
    start_page, end_page = pages_of(printed, first, last)
    return start_page != end_page and size < page_part


def _page_part(printed) -> float:
    return printed.pageSize().height() * 0.85  # a page less its margins, near enough


def split_questions(printed) -> list:
    """The (first, last) blocks of the questions that `printed` splits across two pages
    although they would fit on one."""
    page_part = _page_part(printed)
    return [(first, last) for first, last in question_spans(printed)
            if _is_split(printed, first, last, page_part)]


def _break_before(block) -> None:
    from PySide6.QtGui import QTextCursor, QTextFormat

    fmt = block.blockFormat()
    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    QTextCursor(block).setBlockFormat(fmt)


# How many questions (and headings) the first look at a stretch of the paper lays out; a
# stretch with no question to move is looked at again twice as long.
_WINDOW_SPANS = 16


def keep_questions_whole(doc, device):
    """Break the page before each question the printed layout would split (one that fits
    on a page); returns the final layout, laid out on `device`.

    The breaks are the ones a pass over the questions in order gives, breaking before the
    first split one and looking again at what follows. That pass, in the whole document,
    made Qt lay out again everything after each break: time grew with the square of the
    bank (10,000 questions, minutes). A break starts a fresh page, so what follows it is
    laid out the same whatever came before: each look lays out a window of its own, from
    the last break a few pages on, copied out of `doc`. Then `doc` gets every break at
    once, is laid out once, and is checked."""
    from PySide6.QtGui import QTextCursor

    spans = [(first.blockNumber(), last.blockNumber()) for first, last in question_spans(doc)]
    breaks = []
    start, length = 0, _WINDOW_SPANS
    while start < len(spans):
        end = min(start + length, len(spans))
        window, shift = _window(doc, spans, start, end, device)
        page_part = _page_part(window)
        split = next((i for i in range(start + 1, end) if _is_split(
            window, window.findBlockByNumber(spans[i][0] + shift),
            window.findBlockByNumber(spans[i][1] + shift), page_part)), None)
        if split is not None:
            breaks.append(spans[split][0])
            start, length = split, _WINDOW_SPANS
        elif end == len(spans):
            break
        else:
            length *= 2
    edit = QTextCursor(doc)
    edit.beginEditBlock()
    for number in breaks:
        _break_before(doc.findBlockByNumber(number))
    edit.endEditBlock()
    printed = print_layout(doc, device)
    return _mend(doc, printed, device) if split_questions(printed) else printed


def _window(doc, spans, start: int, end: int, device):
    """(spans start..end-1 of `doc` in a document of their own, laid out on `device`'s
    pages as they are in `doc` when a page break comes before span `start`; what to add to
    a block's number in `doc` for its number there). The window ends with the first block
    of span `end` (never inside a table, so that the copy holds whole tables)."""
    from PySide6.QtGui import QTextCursor, QTextDocument, QTextFormat

    first = doc.findBlockByNumber(spans[start][0])
    last = doc.findBlockByNumber(spans[end][0] if end < len(spans) else doc.blockCount() - 1)
    selection = QTextCursor(doc)
    selection.setPosition(first.position())
    selection.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
    window = QTextDocument()
    window.setDocumentMargin(doc.documentMargin())
    window.setDefaultFont(doc.defaultFont())
    window.setDefaultTextOption(doc.defaultTextOption())
    window.setIndentWidth(doc.indentWidth())
    window.setUseDesignMetrics(doc.useDesignMetrics())
    # Pages first, then the layout on `device` (made now, of an empty document: made with
    # the text in, it would lay it out for the screen), then the text, laid out once.
    _set_printed_page(window, device)
    window.documentLayout().setPaintDevice(device)
    cursor = QTextCursor(window)
    shift = -spans[start][0]
    if start:  # a block for the page before, then the break (the document's first block
        cursor.insertBlock()  # would not break: it starts the first page)
        shift += 1
    # The copy's first block goes into the block the cursor is in, keeping that block's
    # format: it is given the format of the block copied (its margins), and the break.
    fmt = first.blockFormat()
    if start:
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    cursor.setBlockFormat(fmt)
    cursor.insertFragment(selection.selection())
    return window, shift


def _mend(doc, printed, device, max_rounds: int = 50):
    """The breaks the windows missed, if any (none is known): break before each split
    question in order, in the layout and in `doc` alike, until none is left."""
    for _ in range(max_rounds):
        page_part = _page_part(printed)
        for first, last in question_spans(printed):
            if _is_split(printed, first, last, page_part):
                _break_before(first)
                _break_before(doc.findBlockByNumber(first.blockNumber()))
        printed = print_layout(doc, device)
        if not split_questions(printed):
            break
    return printed


def _draw_pages(printed, writer) -> None:
    """Paint the laid-out pages, each with its number at the foot, as print_ would: the
    pages are the ones measured, so no question is split after all."""
    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtGui import QFontMetricsF, QPainter

    height = printed.pageSize().height()
    width = printed.pageSize().width()
    margin = printed.rootFrame().frameFormat().bottomMargin()
    scale = writer.logicalDpiY() / 96.0
    painter = QPainter(writer)
    try:
        for page in range(printed.pageCount()):
            if page:
                writer.newPage()
            painter.save()
            painter.translate(0, -page * height)
            printed.drawContents(painter, QRectF(0, page * height, width, height))
            painter.restore()
            painter.setFont(printed.defaultFont())
            ascent = QFontMetricsF(printed.defaultFont(), writer).ascent()
            number = str(page + 1)
            x = width - margin * scale - QFontMetricsF(printed.defaultFont(), writer)\
                .horizontalAdvance(number)
            painter.drawText(QPointF(x, height - margin * scale + ascent + 5 * scale), number)
    finally:
        painter.end()


def pdf_bytes(bank: Bank, versions: int = 1) -> tuple[bytes, list[str]]:
    """The bank as a printable A4 PDF quiz with an answer key (one paper and key per
    version, A, B, ...), and warnings."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    report = Report(bank.path or bank.id)
    ensure_gui_app()
    data = QByteArray()
    buffer = QBuffer(data)
    if not buffer.open(QIODevice.OpenModeFlag.WriteOnly):
        raise RuntimeError("cannot prepare the PDF in memory")
    writer = _writer(buffer)
    writer.setTitle(bank.title)
    writer.setCreator("quizapp")
    _doc, printed = paged_document(bank, report, versions, writer)
    from PySide6.QtGui import QFont

    from .pdf_glyphs import undrawable, undrawable_warning

    if missing := undrawable(printed, QFont(_FONT), writer):
        report.warn(0, undrawable_warning(missing))
    _draw_pages(printed, writer)
    buffer.close()
    # each version prints the same pictures: what one could not print is said once
    return bytes(data.data()), list(dict.fromkeys(report.warnings))
