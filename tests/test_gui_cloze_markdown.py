"""A cloze's text shows its Markdown as the other kinds' text does: emphasis and code as
such, never the asterisks or backticks typed, never raw HTML."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QFrame, QLabel

from quizapp.core.grading import grade
from quizapp.core.model import Cloze
from quizapp.gui import question_widgets as qw


def _shown(label: QLabel) -> QTextDocument:
    """The document a word label shows (its words as a learner reads them)."""
    doc = QTextDocument()
    if label.textFormat() == Qt.TextFormat.RichText:
        doc.setHtml(label.text())
    else:
        doc.setPlainText(label.text())
    return doc


def _words(widget) -> dict[str, QTextDocument]:
    """The words around the blanks, each as shown."""
    holder = next(frame for frame in widget.findChildren(QFrame)
                  if frame.accessibleName() == "Text with blanks")
    labels = [label for label in holder.findChildren(QLabel) if label not in widget.marks]
    return {_shown(label).toPlainText(): _shown(label) for label in labels}


def _is(doc: QTextDocument, test) -> bool:
    """Whether every character of the word has the format `test` asks for."""
    block = doc.begin()
    it = block.begin()
    fragments = []
    while not it.atEnd():
        fragments.append(it.fragment().charFormat())
        it += 1
    return bool(fragments) and all(test(fmt) for fmt in fragments)


def make(qtbot, question):
    widget = qw.widget_for(question)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_a_clozes_emphasis_and_code_show_as_such_not_as_typed(qtbot):
    widget = make(qtbot, Cloze(
        id="md", prompt="",
        text="The **voluntary plan** was *not* a `Section 301` deal, 5\\*3 <b>raw</b> "
             "in {{1995}}.",
    ))
    words = _words(widget)
    shown = " ".join(words)
    assert "*" not in shown.replace("5*3", "") and "`" not in shown
    assert "The voluntary plan was not a Section 301 deal, 5*3 <b>raw</b> in" in shown
    bold = lambda fmt: fmt.fontWeight() >= QFont.Weight.Bold  # noqa: E731
    assert _is(words["voluntary"], bold) and _is(words["plan"], bold)
    assert _is(words["not"], lambda fmt: fmt.fontItalic())
    assert _is(words["Section"], lambda fmt: fmt.fontFixedPitch()
               or "monospace" in (fmt.fontFamilies() or []))
    assert not _is(words["The"], bold)
    # HTML typed in the bank is text: '<b>raw</b>' shows its tags, in no bold
    assert not _is(words["<b>raw</b>"], bold)
    assert len(widget.edits) == 1


def test_a_blank_inside_emphasis_is_a_blank_like_any_other(qtbot):
    question = Cloze(id="em", prompt="",
                     text="**{{Kantor}}** met *{{Hashimoto}} in* Geneva.")
    widget = make(qtbot, question)
    words = _words(widget)
    assert "*" not in " ".join(words) and "in" in words and "Geneva." in words
    assert _is(words["in"], lambda fmt: fmt.fontItalic())
    assert len(widget.edits) == 2
    qtbot.keyClicks(widget.edits[0], "Kantor")
    qtbot.keyClicks(widget.edits[1], "Hashimoto")
    assert grade(question, widget.response()).correct


def test_a_blank_markdown_would_swallow_leaves_the_text_as_written(qtbot):
    """A blank written in a link's address would vanish from the parsed text: the cloze
    then shows its text as written, still with every blank."""
    widget = make(qtbot, Cloze(id="link", prompt="", text="See [the talks]({{url}}) now."))
    assert len(widget.edits) == 1
    assert "See" in _words(widget)
