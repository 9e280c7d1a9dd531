"""A printable PDF quiz, with the answer key on separate pages, via Qt's QPdfWriter.

The only interop module that imports Qt. It needs a QGuiApplication for fonts;
when none exists (the command line) one is created, on the offscreen platform
if no platform or display is configured, so it works on a headless server.
"""

from __future__ import annotations

import html
import os
import random
import re
from pathlib import Path

from quizapp.core.model import (
    CLOZE_BLANK,
    Bank,
    Cloze,
    Flashcard,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Numeric,
    Ordering,
    Question,
    ShortAnswer,
    TrueFalse,
)

from ._common import Report

_app = None  # the QGuiApplication we created, kept alive for the process

_STYLE = """
body { font-family: 'DejaVu Sans', sans-serif; font-size: 11pt; }
h1 { font-size: 18pt; }
h2 { font-size: 15pt; }
.num { font-weight: bold; }
.hint { color: #555555; font-style: italic; }
.expl { color: #444444; font-size: 9.5pt; }
td { padding: 2pt 10pt 2pt 0pt; }
"""


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


def _html(text: str) -> str:
    out = html.escape(text.strip(), quote=False)
    out = re.sub(r"\*\*(\S(?:.*?\S)?)\*\*", r"<b>\1</b>", out)
    out = re.sub(r"(?<![*\w])\*(\S(?:.*?\S)?)\*(?![*\w])", r"<i>\1</i>", out)
    out = out.replace("\\&lt;", "&lt;")
    return out.replace("\n", "<br>")


def _num(value: float) -> str:
    return f"{value:g}"


def _shuffled(items, key: str) -> list:
    out = list(items)
    random.Random(key).shuffle(out)
    return out


LINE = "_" * 24


def _image(bank: Bank, q: Question) -> str:
    if not q.image or not bank.path:
        return ""
    folder = Path(bank.path).resolve().parent
    source = (folder / q.image).resolve()
    if not source.is_relative_to(folder) or not source.is_file():
        return ""
    return f'<br><img src="{html.escape(source.as_uri())}" width="300">'


def _question_html(n: int, q: Question, bank: Bank) -> str:
    # QTextDocument ignores margins on <div>, so each question is a spaced <p>.
    parts = [f'<p><span class="num">{n}.</span> ']
    if isinstance(q, Cloze):
        counter = iter(range(1, 1000))
        text = CLOZE_BLANK.sub(lambda m: f"\0({next(counter)}) {LINE[:14]}\0", q.text)
        body = _html(text).replace("\0", "")
        parts.append((_html(q.prompt) + "<br>" if q.prompt else "") + body)
    else:
        parts.append(_html(q.prompt))
    parts.append(_image(bank, q))
    if isinstance(q, MultipleChoice | MultipleSelect):
        if isinstance(q, MultipleSelect):
            parts.append(' <span class="hint">(choose all that apply)</span>')
        parts.append("<br>" + "<br>".join(
            f"&#9744; {chr(65 + i)}. {_html(c.text)}" for i, c in enumerate(q.choices)
        ))
    elif isinstance(q, TrueFalse):
        parts.append("<br>&#9744; True &nbsp;&nbsp;&nbsp; &#9744; False")
    elif isinstance(q, ShortAnswer | Flashcard):
        parts.append(f"<br>Answer: {LINE}")
    elif isinstance(q, Numeric):
        unit = f" {html.escape(q.unit)}" if q.unit else ""
        parts.append(f"<br>Answer: {LINE[:14]}{unit}")
    elif isinstance(q, Matching):
        rights = _shuffled([r for _, r in q.pairs], q.id)
        rows = "".join(
            f"<tr><td>{i + 1}. {_html(left)}</td><td>____</td>"
            f"<td>{chr(65 + i)}. {_html(rights[i])}</td></tr>"
            for i, (left, _) in enumerate(q.pairs)
        )
        parts.append('<br><span class="hint">Write the letter of the match.</span></p>'
                     f"<table>{rows}</table>")
        return "".join(parts)
    elif isinstance(q, Ordering):
        items = _shuffled(q.items, q.id)
        parts.append('<br><span class="hint">Number these in the right order.</span><br>'
                     + "<br>".join(f"____ {_html(i)}" for i in items))
    parts.append("</p>")
    return "".join(parts)


def _answer_html(n: int, q: Question) -> str:
    if isinstance(q, MultipleChoice):
        answer = f"{chr(65 + q.correct)}. {_html(q.answer)}"
    elif isinstance(q, MultipleSelect):
        answer = "; ".join(f"{chr(65 + i)}. {_html(q.choices[i].text)}" for i in q.correct)
    elif isinstance(q, TrueFalse):
        answer = "True" if q.answer else "False"
    elif isinstance(q, ShortAnswer):
        answer = " / ".join(_html(a) for a in q.answers)
    elif isinstance(q, Numeric):
        answer = _num(q.answer) + (f" (± {_num(q.tolerance)})" if q.tolerance else "")
        answer += f" {html.escape(q.unit)}" if q.unit else ""
    elif isinstance(q, Matching):
        rights = _shuffled([r for _, r in q.pairs], q.id)
        answer = ", ".join(f"{i + 1} → {chr(65 + rights.index(r))}" for i, (_, r) in enumerate(q.pairs))
    elif isinstance(q, Ordering):
        answer = " → ".join(_html(i) for i in q.items)
    elif isinstance(q, Cloze):
        answer = "; ".join(f"({i + 1}) {_html(' / '.join(b))}" for i, b in enumerate(q.blanks))
    elif isinstance(q, Flashcard):
        answer = _html(q.back)
    else:
        answer = ""
    out = f'<p><span class="num">{n}.</span> {answer}'
    if q.explanation:
        out += f'<br><span class="expl">{_html(q.explanation)}</span>'
    return out + "</p>"


def quiz_html(bank: Bank) -> str:
    """The whole document: the quiz, then the answer key starting on a new page."""
    head = f"<h1>{_html(bank.title)}</h1>"
    if bank.description:
        head += f"<p>{_html(bank.description)}</p>"
    head += f"<p>Name: {LINE} &nbsp;&nbsp; Date: {LINE[:12]}</p>"
    questions = "".join(_question_html(i + 1, q, bank) for i, q in enumerate(bank.questions))
    key = "".join(_answer_html(i + 1, q) for i, q in enumerate(bank.questions))
    return (
        f"<html><head><style>{_STYLE}</style></head><body>{head}{questions}"
        f'<h2 style="page-break-before: always">Answer key: {_html(bank.title)}</h2>'
        f"{key}</body></html>"
    )


def pdf_bytes(bank: Bank) -> tuple[bytes, list[str]]:
    """The bank as a printable A4 PDF quiz with an answer key, and warnings."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

    report = Report(bank.path or bank.id)
    ensure_gui_app()
    data = QByteArray()
    buffer = QBuffer(data)
    if not buffer.open(QIODevice.OpenModeFlag.WriteOnly):
        raise RuntimeError("cannot prepare the PDF in memory")
    writer = QPdfWriter(buffer)
    writer.setTitle(bank.title)
    writer.setCreator("quizapp")
    writer.setResolution(300)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    # QTextDocument.print_ adds its own 2 cm margin around the text.
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setHtml(quiz_html(bank))
    doc.print_(writer)
    buffer.close()
    return bytes(data), report.warnings
