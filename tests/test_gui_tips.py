"""Bank text in a tooltip stays text: Qt draws a tooltip as HTML when its text merely looks
like HTML, so a title or description holding "<b>" or "<img src=...>" as text (a Moodle
import writes literal tags) must be escaped, never drawn (found in review)."""

from __future__ import annotations

from quizapp.gui.library_rows import ABOUT, TITLE
from quizapp.gui.tips import plain_tip

BANK = """\
title: "Tags <b>as text</b>"
description: 'Shows <img src="/etc/hostname.png"> and <b>bold</b> as typed.'
questions:
  - {id: a, type: true_false, prompt: p, answer: yes}
"""


def test_the_library_shows_a_banks_html_looking_title_and_description_as_text(
        qtbot, open_library_window, tmp_path):
    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "tags.yaml").write_text(BANK, encoding="utf-8")
    win = open_library_window(banks)
    tree = win.library_screen.tree
    item = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                if tree.topLevelItem(i).text(TITLE).startswith("Tags"))
    title_tip, about_tip = item.toolTip(TITLE), item.toolTip(ABOUT)
    for tip in (title_tip, about_tip):
        assert tip.startswith("<qt>") and "<b>" not in tip and "<img" not in tip
    assert "&lt;img src=&quot;/etc/hostname.png&quot;&gt;" in about_tip


def test_plain_text_tooltips_are_left_as_they_are():
    assert plain_tip("Kantor: U.S. Trade Representative") == "Kantor: U.S. Trade Representative"
    assert plain_tip("a < b\nc") == "<qt>a &lt; b<br>c</qt>"
