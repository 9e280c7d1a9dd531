"""elide.elide_words ends a text on whole words and "…", and cuts a single word too long
for its width where it must, as Qt's elidedText does, without naming Qt's enums."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics

from quizapp.gui.elide import ELLIPSIS, elide_characters, elide_words


def _metrics() -> QFontMetrics:
    return QFontMetrics(QFont())


def test_whole_words_that_fit_and_an_ellipsis(qapp):
    metrics = _metrics()
    text = "Kantor and Hashimoto met in Geneva on Monday"
    width = metrics.horizontalAdvance("Kantor and Hashimoto met" + ELLIPSIS)
    assert elide_words(text, metrics, width) == "Kantor and Hashimoto met" + ELLIPSIS
    assert elide_words(text, metrics, metrics.horizontalAdvance(text)) == text


def test_one_long_word_is_cut_at_the_longest_start_that_fits(qapp):
    metrics = _metrics()
    word = "Supercalifragilisticexpialidocious"
    for width in range(0, metrics.horizontalAdvance(word), 7):
        shown = elide_words(word, metrics, width)
        assert shown == elide_characters(word, metrics, width)
        kept = shown[: -len(ELLIPSIS)]
        assert word.startswith(kept) and shown.endswith(ELLIPSIS)
        if kept:  # it fits, and one character more would not
            assert metrics.horizontalAdvance(shown) <= width
        assert metrics.horizontalAdvance(word[: len(kept) + 1] + ELLIPSIS) > width
