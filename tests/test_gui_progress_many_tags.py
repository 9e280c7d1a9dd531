"""With many tags, the score chart keeps a height that fits on screen. Found by an
outside tester at 150% in a 1024x700 window, on a bank of about 40 tags: the tag chart
grew tall enough for every tag's bar (as it should), and the score chart beside it,
sharing its row, was stretched to the same height and had to be scrolled to be read."""

from __future__ import annotations

import dataclasses

import pytest
from gui_helpers import learner_ids, make_context, store_with_history
from PySide6.QtCore import Qt

from quizapp.gui.progress_data import load_progress
from quizapp.gui.progress_screen import ProgressScreen
from quizapp.gui.theme import resolve, stylesheet_for

TAG_COUNT = 40


@pytest.fixture
def history(tmp_path, banks):
    store = store_with_history(tmp_path / "history", banks)
    yield make_context(store, banks)
    store.close()


def test_with_forty_tags_the_score_chart_fits_on_screen(qtbot, history):
    def with_many_tags(*args):
        data = load_progress(*args)
        tags = [(f"topic {n:02d}", 10, n % 10) for n in range(TAG_COUNT)]
        return dataclasses.replace(data, tag_accuracy=tags)

    history.learner_id = learner_ids(history.store)["Ben"]
    screen = ProgressScreen(history, loader=with_many_tags)
    qtbot.addWidget(screen)
    screen.resize(1024, 700)
    screen.setStyleSheet(stylesheet_for(resolve("light"), screen.font().pointSizeF() * 1.5))
    with qtbot.waitSignal(screen.progress_loaded, timeout=10000):
        screen.show()
        screen.refresh()
    qtbot.waitExposed(screen)
    page = screen.page.viewport()
    tags, scores = screen.tag_chart, screen.score_chart
    qtbot.waitUntil(lambda: tags.height() >= tags.minimumHeight() > page.height())  # every tag's bar
    assert len(tags.chart().axes(Qt.Orientation.Vertical)[0].categories()) == TAG_COUNT
    # The score chart is seen whole in the page, and is no smaller than it needs.
    assert scores.minimumHeight() <= scores.height() <= page.height()
    assert scores.isVisible() and scores.chart().series()
    assert scores.y() == tags.y()  # at the top of their row, in view with the page's top
