"""What the editor shows of the selected part of a bank (a question, or the bank's own
fields): its text, its fields for the form, or why the form cannot show them. Decided
from the document alone; gui/editor/window.py puts it on the form and the YAML tab."""

from __future__ import annotations

from typing import NamedTuple

from quizapp.authoring.document import BankDocument, too_long_for_the_form, too_long_to_edit
from quizapp.authoring.yaml_edit import EditError, fields


class PartView(NamedTuple):
    text: str  # the part's YAML
    data: dict | None  # its fields for the form; None: the form cannot show them
    too_long: str | None  # why its text is not shown for editing at all
    note: str | None  # said with the YAML tab
    message: str | None  # said in the status line


def part_text(doc: BankDocument, index: int | None) -> str:
    """The text of question `index` (None: the bank's own fields; the whole file when the
    form cannot split it)."""
    if not doc.splittable:
        return doc.text
    return doc.head if index is None else doc.blocks[index]


def part_data(doc: BankDocument, index: int | None) -> dict | str:
    """The part's fields, or why they cannot be read from its text alone."""
    try:
        if index is not None and doc.splittable:
            data = dict(doc.question(index))
        else:
            data = fields(part_text(doc, index))
    except EditError as exc:
        return str(exc)
    if index is None:
        data.pop("questions", None)
    return data if isinstance(data, dict) else "it is not a mapping of fields"


def view_of(doc: BankDocument, index: int | None) -> PartView:
    text = part_text(doc, index)
    # A line too long to lay out is not shown: the form and the tab would freeze.
    too_long = too_long_to_edit(text)
    read = part_data(doc, index) if doc.splittable and not too_long else None
    data = read if isinstance(read, dict) else None
    # A question using an anchor written in another one (<<: *base) does not read
    # alone: the form was empty and greyed, and nothing said why.
    unformed = (f"its YAML does not read on its own: {read}; edit it in the YAML tab"
                if isinstance(read, str) else too_long_for_the_form(data))
    if unformed:
        data = None
    note = f"Not shown for editing: {too_long}." if too_long else None
    if not doc.splittable and not too_long:
        why = doc.not_split_because
        note = (f"The form cannot show this file's questions one by one: {why}. "
                "The whole file is here to edit.")
        unformed = f"{why}; edit the file in the YAML tab"
    message = f"Not shown in the form: {unformed}." if unformed else note
    return PartView(text, data, too_long, note, message)
