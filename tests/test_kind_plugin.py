"""Adding a question kind is its module, its widget and one line per exporter
(docs/question-kinds.md): proved with a toy kind written to a temporary folder as two
modules of its own, as a plug-in would be, registered, and then driven through every
part of the app that knows kinds — the loader, grading, the editor's type list, new
question and form, the answer widget, the results page, the exam's reminders,
`quizapp try`, the JSON Schema and each exporter — none of which names it.
"""

from __future__ import annotations

import importlib
import sys
import textwrap

import pytest
from kind_pieces import FORMAT_TABLES, missing_pieces, missing_widget_pieces
from PySide6.QtCore import Qt

from quizapp.authoring.templates import new_question, question_types
from quizapp.cli import main
from quizapp.core.grading import grade, response_words
from quizapp.core.kinds import register, unregister
from quizapp.core.loader import load_bank_text
from quizapp.core.schema import bank_schema
from quizapp.core.session_base import QuestionResult
from quizapp.gui.editor.fields import LineField
from quizapp.gui.editor.form import question_form
from quizapp.gui.exam_panel import answer_summary
from quizapp.gui.question_widgets import WIDGETS, widget_for
from quizapp.gui.results_screen import review_item
from quizapp.interop.apkg import apkg_bytes
from quizapp.interop.gift import write_gift
from quizapp.interop.kind_tables import NotSupported
from quizapp.interop.yaml_writer import bank_to_yaml

# The kind's module: the dataclass, how it is read, graded and typed, and KIND.
KIND_MODULE = '''
from dataclasses import dataclass
from typing import Any, ClassVar

from quizapp.core.grades import Grade, text_response, wrong
from quizapp.core.kinds.base import Kind, reading_seconds
from quizapp.core.kinds.form_fields import line
from quizapp.core.model_base import Question


@dataclass(frozen=True, slots=True, kw_only=True)
class Year(Question):
    """The year something happened, typed in digits."""

    TYPE: ClassVar[str] = "year"
    year: int


def read_yaml(r, m, what) -> dict[str, Any]:
    node = r.require(m, "year", what)
    number = None if node is None else r.number(node, "year")
    return {"year": None if number is None else int(number)}


def grade_year(q: Year, response: object) -> Grade:
    text = text_response(response)
    if text is None or text.strip() != str(q.year):
        return wrong(str(q.year))
    return Grade(True, 1.0, str(q.year))


KIND: Kind[Year] = Kind(
    name="year",
    model=Year,
    yaml_keys=("year",),
    read_yaml=read_yaml,
    grade=grade_year,
    expected_response=lambda q: str(q.year),
    parse_answer=lambda q, text: text,
    expected_seconds=reading_seconds(5.0),
    base_seconds=5.0,
    required_keys=("year",),
    key_schemas={"year": {"type": "integer", "description": "The year, in digits."}},
    new_question_body={"prompt": "In which year?", "year": 2000},
    form_fields=(line("year", "Year (in digits)", "number"),),
    learner_typed=True,
    unreadable=lambda q, typed: None if typed.strip().isdigit() else "is not a year in digits",
)
'''

# The kind's widget module: a box to type the year in.
WIDGET_MODULE = '''
from PySide6.QtWidgets import QLineEdit, QVBoxLayout

from quizapp.core.grades import Grade
from quizapp.core.kinds.base import Response
from quizapp.gui.question_widgets.base import QuestionWidget


class YearWidget(QuestionWidget):
    def _build_answer(self, layout: QVBoxLayout) -> None:
        self.edit = QLineEdit()
        self.edit.setAccessibleName("Year")
        self.edit.textChanged.connect(lambda *_: self.response_changed.emit())
        layout.addWidget(self.edit)

    def response(self) -> str:
        return self.edit.text().strip()

    def is_answered(self) -> bool:
        return bool(self.response())

    def restore(self, response: Response) -> None:
        self.edit.setText(response if isinstance(response, str) else "")

    def _set_controls_enabled(self, enabled: bool) -> None:
        self.edit.setReadOnly(not enabled)

    def _mark(self, grade: Grade) -> None:
        self.edit.setToolTip("Right" if grade.correct else "Wrong")
'''

BANK = """\
title: Auto talks
questions:
  - id: talks
    type: year
    prompt: In which year did the U.S. and Japan settle the auto talks in Geneva?
    year: 1995
    explanation: The talks ended in June 1995.
"""


@pytest.fixture
def year_kind(tmp_path, monkeypatch):
    """The toy kind's two modules, imported from a temporary folder and registered: the
    kind, its widget, and one line in each exporter's table."""
    (tmp_path / "year_kind.py").write_text(textwrap.dedent(KIND_MODULE), encoding="utf-8")
    (tmp_path / "year_widget.py").write_text(textwrap.dedent(WIDGET_MODULE), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    kind_module = importlib.import_module("year_kind")
    widget_module = importlib.import_module("year_widget")
    register(kind_module.KIND)
    monkeypatch.setitem(WIDGETS, "year", widget_module.YearWidget)
    lines = {  # the one line per exporter
        "GIFT": NotSupported("GIFT has no year questions"),
        "Moodle XML": NotSupported("Moodle has no year questions"),
        "PDF": NotSupported("a printed quiz has no year questions"),
        "Anki package": lambda q, front, order: (front, f"<b>{q.year}</b>"),
        "YAML": lambda q: {"prompt": q.prompt, "year": q.year},
    }
    for format_name, entry in lines.items():
        monkeypatch.setitem(FORMAT_TABLES[format_name], "year", entry)
    try:
        yield kind_module
    finally:
        unregister("year")
        for name in ("year_kind", "year_widget"):
            monkeypatch.delitem(sys.modules, name, raising=False)


def _bank():
    result = load_bank_text(BANK)
    assert result.bank is not None, [p.format() for p in result.problems]
    return result.bank


def test_a_kind_from_its_own_module_has_every_piece(year_kind, qtbot):
    (q,) = _bank().questions
    assert isinstance(q, year_kind.Year) and q.year == 1995
    assert missing_pieces("year") == []
    assert missing_widget_pieces(q, qtbot) == []


def test_the_editor_offers_it_adds_it_and_shows_its_form(year_kind, qtbot):
    assert question_types()[-1] == "year"
    assert new_question("year") == {"id": "year", "type": "year", "prompt": "In which year?",
                                    "year": 2000}
    form = question_form("year")
    qtbot.addWidget(form)
    assert [path for path in form.fields][:3] == [("type",), ("id",), ("prompt",)]
    field = form.fields[("year",)]
    assert isinstance(field, LineField) and field.placeholderText() == "in digits"
    form.show_data(new_question("year"))
    assert field.text() == "2000"
    edits: list[tuple] = []
    form.field_edited.connect(lambda path, value: edits.append((path, value)))
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "1995")
    assert edits[-1] == (("year",), 1995)  # written as a number, as the row reads it


def test_it_is_answered_in_its_widget_and_reviewed_as_typed(year_kind, qtbot):
    (q,) = _bank().questions
    widget = widget_for(q)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.keyClicks(widget.edit, "*1995*")
    typed = widget.response()
    assert typed == "*1995*" and not grade(q, typed).correct
    result = QuestionResult(q, typed, grade(q, typed), attempts=1)
    item = review_item(1, result)
    # What the learner typed is shown as typed (learner_typed), not as Markdown emphasis.
    assert item.rows["your_answer"] == "*1995*" and "<p>*1995*</p>" in item.html
    assert item.rows["expected"] == "1995"
    assert answer_summary(result) == "*1995*" == response_words(q, typed)
    widget.edit.clear()
    qtbot.keyClicks(widget.edit, "1995")
    qtbot.keyClick(widget.edit, Qt.Key.Key_End)
    assert grade(q, widget.response()).correct


def test_quizapp_try_grades_it_and_asks_again_as_the_kind_says(year_kind, tmp_path, capsys):
    bank = tmp_path / "years.yaml"
    bank.write_text(BANK, encoding="utf-8")
    assert main(["try", str(bank), "talks", "1995", "1994", "the nineties"]) == 2
    out = capsys.readouterr().out
    assert "right" in out.splitlines()[0] and "wrong" in out.splitlines()[1]
    assert "not graded: 'the nineties' is not a year in digits; the app asks again" in out


def test_its_schema_and_every_exporter_take_it_from_its_line(year_kind):
    bank = _bank()
    schema = bank_schema()
    assert schema["$defs"]["year"]["properties"]["year"]["description"] == "The year, in digits."
    _text, warnings = write_gift(bank)
    assert any("question 'talks': GIFT has no year questions; it was left out" in w
               for w in warnings)
    deck, warnings = apkg_bytes(bank)
    assert deck and not any("left out" in w and "talks" in w for w in warnings)
    written = bank_to_yaml(bank)
    again = load_bank_text(written).bank
    assert again is not None
    ((before, after),) = zip(bank.questions, again.questions, strict=True)
    assert (type(after), after.id, after.prompt, after.year, after.explanation) == (
        type(before), "talks", before.prompt, 1995, before.explanation)
