"""Very long bank texts stay responsive: past MARKDOWN_RENDER_LIMIT characters they are
shown as plain text in short paragraphs, never parsed as Markdown (the time it takes is
measured in benchmarks/bench_render.py, not asserted here)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from quizapp.core.model import Choice, MultipleChoice, TrueFalse
from quizapp.core.text_limits import MARKDOWN_RENDER_LIMIT
from quizapp.gui import question_widgets as qw
from quizapp.gui.markdown import set_safe_markdown
from quizapp.rendering.markdown import CHUNK_CHARS, readable_chunks, safe_html

WORDS = "The **voluntary** purchase agreements spell out purchases of U.S.-made parts. "


def text_of(length: int) -> str:
    return (WORDS * (length // len(WORDS) + 1))[:length]


def test_a_1_mb_prompt_is_shown_whole_as_plain_text(qtbot):
    prompt = text_of(1_000_000)
    widget = qw.widget_for(TrueFalse(id="t", prompt=prompt, answer=True))
    qtbot.addWidget(widget)
    widget.show()
    view = widget.long_prompt_view
    assert view is not None and view.isVisible() and not widget.prompt_label.isVisible()
    shown = view.toPlainText()
    assert shown.replace("\n", "") == prompt  # every character, the ** as typed
    assert max(len(line) for line in shown.split("\n")) <= CHUNK_CHARS
    assert view.isReadOnly()
    qtbot.keyClick(widget, Qt.Key.Key_1)  # still answerable from the keyboard
    assert widget.response() is True


def test_a_prompt_at_the_limit_is_still_markdown(qtbot):
    prompt = text_of(MARKDOWN_RENDER_LIMIT)
    widget = qw.widget_for(TrueFalse(id="t", prompt=prompt, answer=True))
    qtbot.addWidget(widget)
    assert widget.long_prompt_view is None
    assert widget.prompt_label.textFormat() == Qt.TextFormat.RichText
    assert "<span style=\" font-weight:700;\">voluntary</span>" in widget.prompt_label.text()


def test_a_long_choice_shows_its_start_and_says_what_is_left_out(qtbot):
    long_choice = text_of(300_000)
    question = MultipleChoice(
        id="m", prompt="Which?", choices=(Choice(text=long_choice), Choice(text="b")), correct=1
    )
    widget = qw.widget_for(question)
    qtbot.addWidget(widget)
    labels = [w for w in widget.findChildren(QLabel) if "more characters not shown" in w.text()]
    assert len(labels) == 1
    assert labels[0].textFormat() == Qt.TextFormat.PlainText
    assert f"[{300_000 - MARKDOWN_RENDER_LIMIT:,} more characters not shown]" in labels[0].text()


def test_long_text_in_html_and_text_views_is_escaped_plain_text(qtbot):
    hostile = "<b>x</b> " + text_of(MARKDOWN_RENDER_LIMIT)
    html = safe_html(hostile)
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "more characters not shown" in html
    label = QLabel()
    qtbot.addWidget(label)
    set_safe_markdown(label, hostile)
    assert label.textFormat() == Qt.TextFormat.PlainText


def test_readable_chunks_breaks_at_spaces_and_keeps_every_character():
    text = "word " * 1000 + "x" * 5000
    chunked = readable_chunks(text, 100)
    assert chunked.replace("\n", "") == text
    assert all(len(line) <= 100 for line in chunked.split("\n"))
    assert all(line.endswith(" ") for line in chunked.split("\n")[:40])


def test_lists_nested_hundreds_deep_are_shown_as_typed(qtbot):
    """Found by a tester: "- - - ... x", 4,990 lists one in another in 9,981 characters (under
    the limit), held the window 88 s while Qt laid it out (400 levels: 0.3 s, 800: 1.6 s);
    "1. 1. 1. ..." 39 s. Lists nested deeper than MAX_LIST_LEVELS show as typed."""
    from quizapp.rendering.markdown import MAX_LIST_LEVELS

    prompt = "- " * 400 + "x"
    widget = qw.widget_for(TrueFalse(id="t", prompt=prompt, answer=True))
    qtbot.addWidget(widget)
    widget.show()
    shown = widget.prompt_label.text()
    assert "<ul" not in shown and "- - - x" in shown
    qtbot.keyClick(widget, Qt.Key.Key_1)
    assert widget.response() is True
    # as deep as a bank's lists go, and deeper: still lists
    nested = "".join("  " * level + "- Kantor\n" for level in range(MAX_LIST_LEVELS))
    assert safe_html(nested).count("<ul") == MAX_LIST_LEVELS
