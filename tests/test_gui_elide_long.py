"""elide.elide_words finds the words that fit by halving: it measured the text once for
each word it could leave out, so the library's row of a bank whose description has 2,000
words took 2.3 s to paint (0.12 s at 200 words), at every repaint of the list. The words
kept are the same as before."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics

from quizapp.gui.elide import ELLIPSIS, elide_characters, elide_words


class CountingMetrics:
    """QFontMetrics that counts how often it measures."""

    def __init__(self) -> None:
        self.metrics = QFontMetrics(QFont())
        self.measured = 0

    def horizontalAdvance(self, text: str) -> int:  # noqa: N802 (Qt's name)
        self.measured += 1
        return self.metrics.horizontalAdvance(text)


def _each_count_from_the_end(text: str, metrics: QFontMetrics, width: int) -> str:
    """elide_words as it was: every count of words tried, the most first."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    words = text.split(" ")
    for count in range(len(words) - 1, 0, -1):
        shown = " ".join(words[:count]).rstrip(" ,;:.—–-") + ELLIPSIS
        if metrics.horizontalAdvance(shown) <= width:
            return shown
    return elide_characters(text, metrics, width)


def test_a_long_description_is_measured_a_few_times(qapp):
    counting = CountingMetrics()
    description = " ".join(f"word{n % 7}" for n in range(2000))
    shown = elide_words(description, counting, 400)  # type: ignore[arg-type]
    assert shown.endswith(ELLIPSIS) and description.startswith(shown[: -len(ELLIPSIS)])
    assert counting.metrics.horizontalAdvance(shown) <= 400
    assert counting.measured <= 2 + 2 * 11  # log2(2,000) halvings, not 2,000 measures


def test_the_same_words_are_kept_as_before(qapp):
    metrics = QFontMetrics(QFont())
    texts = [
        "Practice — a wrong answer comes back, a right one goes",
        "US-Japan auto talks, 1995: who said what, and when; a quiz",
        "Supercalifragilisticexpialidocious words",
        "a b c d e f g h i j k l m n o p",
        "Kantor , and . Hashimoto — met – in - Geneva",
    ]
    for text in texts:
        for width in range(0, metrics.horizontalAdvance(text) + 10, 3):
            assert elide_words(text, metrics, width) == _each_count_from_the_end(
                text, metrics, width), (text, width)
