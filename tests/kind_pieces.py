"""The table of what a question kind must bring, as one check: `missing_pieces`.

tests/test_kinds.py runs it over every registered kind, and over a kind a test
registers from a module of its own, so a kind that misses a piece (a format's
entry, its widget, a new question the editor can add, its form's rows, a widget
whose answer does not grade...) fails with the pieces named.
"""

from __future__ import annotations

from typing import Any

from quizapp.authoring.templates import new_bank_text, question_types
from quizapp.core.grading import expected_response, grade
from quizapp.core.kinds import KINDS
from quizapp.core.loader import load_bank_text
from quizapp.core.model import Question
from quizapp.core.schema import bank_schema
from quizapp.interop.apkg import APKG_CARDS
from quizapp.interop.gift_writer import GIFT_WRITERS
from quizapp.interop.kind_tables import NotSupported
from quizapp.interop.moodle_xml_writer import MOODLE_WRITERS
from quizapp.interop.pdf import PAPER_KINDS
from quizapp.interop.yaml_writer import YAML_FIELDS

# Every exporter's table: one entry per kind (a writer, or NotSupported("why")).
FORMAT_TABLES: dict[str, dict[str, Any]] = {
    "GIFT": GIFT_WRITERS,
    "Moodle XML": MOODLE_WRITERS,
    "PDF": PAPER_KINDS,
    "Anki package": APKG_CARDS,
    "YAML": YAML_FIELDS,
}


def missing_pieces(name: str) -> list[str]:
    """What the kind registered as `name` lacks (no Qt: see missing_widget_pieces)."""
    kind = KINDS[name]
    missing: list[str] = []
    if kind.model.TYPE != name:
        missing.append(f"its model's TYPE is {kind.model.TYPE!r}")
    for format_name, table in FORMAT_TABLES.items():
        entry = table.get(name)
        if entry is None:
            missing.append(f"an entry in the {format_name} table (a writer or NotSupported)")
        elif isinstance(entry, NotSupported) and not entry.why.strip():
            missing.append(f"the {format_name} table's NotSupported entry says no why")
    if name not in question_types():
        missing.append("a place in the editor's list of types")
    bank = load_bank_text(new_bank_text("Kinds", name)).bank
    if bank is None or [q.type for q in bank.questions] != [name]:
        missing.append("a new question (new_question_body) that loads as it stands")
    rows = {field.path[0] for field in kind.form_fields}
    for key in kind.required_keys:
        if key not in rows:
            missing.append(f"a form row for its required key {key!r}")
    for row in sorted(rows - set(kind.yaml_keys) - {kind.prompt_key}):
        missing.append(f"a form row {row!r} is not one of its keys")
    if name not in bank_schema()["$defs"]:
        missing.append("its part of the bank format's JSON Schema")
    return missing


def missing_widget_pieces(question: Question, qtbot: Any) -> list[str]:
    """What the kind of `question` lacks on screen: a widget that shows a right answer
    (restore) and hands it back (response) in a form that grades as right, and a
    learner_typed that says whether that answer is typed text."""
    from quizapp.core.kinds import kind_of
    from quizapp.gui.question_widgets import WIDGETS, widget_for

    name = question.type
    if name not in WIDGETS:
        return ["a widget (a line in WIDGETS)"]
    widget = widget_for(question)
    qtbot.addWidget(widget)
    right = expected_response(question)
    widget.restore(right)  # type: ignore[arg-type]  (expected_response gives an object)
    given = widget.response()
    missing = []
    if not (widget.is_answered() and grade(question, given).correct):
        missing.append(f"a widget that gives back the right answer it shows ({given!r})")
    typed = isinstance(given, str) or (
        isinstance(given, list) and bool(given) and all(isinstance(v, str) for v in given)
    )
    kind = kind_of(question)
    if kind is not None and kind.learner_typed != typed:
        missing.append(f"learner_typed={typed} (its widget's answer is {given!r})")
    return missing
