"""An SVG in a bank that would stop the app (found by a tester): ten groups of ten <use>
of the group before draw 10^10 rectangles from 2 KB (Qt drew 10^6 in 1.4 s, so the question
held the window for hours), and 100,000 nested <g> ended in a RecursionError when the
question showed its picture. Both are refused like any unreadable SVG: `quizapp validate`
says why, and the question says "[image not shown: ...]" and can be answered."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from quizapp.core.loader import load_bank
from quizapp.core.model import TrueFalse
from quizapp.core.svg_safety import UnsafeSvg, safe_svg
from quizapp.gui import question_widgets as qw
from quizapp.rendering.images import picture_url

_HEAD = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
         'width="100" height="100">')


def _copies(levels: int, fan_out: int = 10) -> str:
    """Each group a <use> of the group before, fan_out times: fan_out ** levels squares."""
    groups = "".join(f'<g id="g{n}">' + f'<use xlink:href="#g{n - 1}"/>' * fan_out + "</g>"
                     for n in range(1, levels + 1))
    return (f'{_HEAD}<defs><g id="g0"><rect width="1" height="1" fill="teal"/></g>{groups}'
            f'</defs><use xlink:href="#g{levels}"/></svg>')


BOMB = _copies(10)
DEEP = _HEAD + "<g>" * 100_000 + '<rect width="9" height="9"/>' + "</g>" * 100_000 + "</svg>"
LOOP = (f'{_HEAD}<g id="a"><use xlink:href="#b"/></g><g id="b"><use xlink:href="#a"/></g>'
        "</svg>")


@pytest.mark.parametrize("svg, why", [
    (BOMB, "the SVG draws more than 200,000 shapes (its <use> copies counted)"),
    (DEEP, "the SVG is nested more than 200 levels deep"),
    (LOOP, "the SVG uses an element inside itself (a <use> that loops)"),
])
def test_validate_says_why_the_svg_will_not_be_shown(tmp_path, svg, why):
    (tmp_path / "pic.svg").write_text(svg, encoding="utf-8")
    path = tmp_path / "b.yaml"
    path.write_text("title: T\nquestions:\n  - {id: a, type: true_false, prompt: p, "
                    "answer: no, image: pic.svg}\n", encoding="utf-8")
    result = load_bank(path, use_cache=False)
    assert result.bank is not None
    assert [(p.severity, p.line, p.message) for p in result.problems] == [
        ("warning", 3, f"the SVG image 'pic.svg' will not be shown: {why}")]
    assert picture_url(tmp_path / "pic.svg") is None


@pytest.mark.parametrize("levels", [1_000, 100_000])  # drawn at once; decoded aside (700 KB)
def test_a_question_with_a_deeply_nested_svg_says_so_and_can_be_answered(qtbot, tmp_path,
                                                                         levels):
    deep = _HEAD + "<g>" * levels + '<rect width="9" height="9"/>' + "</g>" * levels + "</svg>"
    (tmp_path / "deep.svg").write_text(deep, encoding="utf-8")
    question = TrueFalse(id="t", prompt="Look.", answer=True, image="deep.svg")
    widget = qw.widget_for(question, bank_dir=tmp_path)  # 1,000: was a RecursionError
    qtbot.addWidget(widget)
    widget.show()
    # 100,000: the worker's RecursionError left "[loading picture: deep.svg]" for ever
    qtbot.waitUntil(lambda: widget.picture_label is None)
    assert widget.missing_image_label.text() == "[image not shown: deep.svg]"
    qtbot.keyClick(widget, Qt.Key.Key_1)
    assert widget.is_answered() and widget.response() is True


def test_a_picture_that_uses_its_parts_many_times_is_still_drawn():
    # 10,000 copies of a square (a pattern, a chart's markers): far from the limit
    assert b"<use" in safe_svg(_copies(4).encode())
    # the tree as written counts too: a plain file cannot hide 300,000 shapes
    many = _HEAD + "<g/>" * 300_000 + "</svg>"
    with pytest.raises(UnsafeSvg, match="draws more than 200,000 shapes$"):
        safe_svg(many.encode())


@pytest.mark.parametrize("inside", [
    '<a xlink:href="#top"><rect width="5" height="5"/></a>',  # a link back to the picture
    '<g id="g1"><a href="#g1"><text>back</text></a></g>',
    '<rect id="r" width="5" height="5"><animate xlink:href="#r" attributeName="x"'
    ' to="9" dur="1s"/></rect>',
    '<defs><path id="p" d="M0 0L10 10"/></defs><text><textPath xlink:href="#p">hi</textPath>'
    '</text>',
])
def test_a_link_or_an_animation_of_an_element_around_it_is_no_loop(inside):
    """Only a <use> draws a copy of what it names: a link to the picture itself, or an
    animation of its own parent, was refused as 'a <use> that loops' (it showed before)."""
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
           ' width="100" height="100" id="top">' + inside + "</svg>")
    assert safe_svg(svg.encode())
