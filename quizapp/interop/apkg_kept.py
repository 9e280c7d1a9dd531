"""The two fields a Cloze or Image Occlusion note that came from Anki is written back with
(Question.anki_note_type, kind cloze or occlusion; apkg_note_types writes the note).

A cloze question's text goes back with each blank as `{{cN::answer}}`, N the cloze number
the blank had in Anki (AnkiNoteType.blanks, in order), so that the note keeps its cards and
each card its reviews; a hint the import wrote after its blank ('*[city]*') is the blank's
hint again (`{{c1::Geneva::city}}`). An image occlusion flashcard's front is the note's
Header above the masked picture quizapp drew, its back the opened picture above Back
Extra: the drawn pictures are left out, the masks and the note's own picture go back as
they were.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable

from quizapp.core.anki_note_type import CLOZE, OCCLUSION, AnkiNoteType
from quizapp.core.model import CLOZE_BLANK, Cloze, Flashcard, Question

from ._common import MARKDOWN_PICTURE

# Where a blank was, while the text around it becomes HTML: the blank's own text (an answer
# such as '*' or '[') is not read as Markdown, and the Markdown around it ('**{{Paris}}**',
# '`{{code}}`', '[link {{w}}](url)') is read as the app reads it around a blank.
_BLANK_MARK = "\ue000"
# A blank's hint as the import wrote it after the blank, once made HTML again
_HINT = re.compile(r" <i>\[([^\[\]<>]*)\]</i>")
# The picture an image occlusion note names in its Image field: <img src="...">
_IMG_SRC = re.compile(r"(<img\b[^>]*?\bsrc\s*=\s*)(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I)


def kept_fields(q: Question, note_type: AnkiNoteType, *, to_html: Callable[[str], str],
                notes_html: str, pictures: Callable[[str], str],
                picture_named: Callable[[str, str], str | None],
                warn: Callable[[str], None]) -> tuple[str, str, tuple[str, ...]] | None:
    """The note's two fields the question gives, as HTML, and its other fields (`extra`,
    the picture renamed if the package names it otherwise); None for a question that is no
    longer of the kind its note was (a cloze made a flashcard: written as quizapp's).
    notes_html: the question's explanation and source, for the back; pictures: HTML with
    Markdown pictures -> with <img> of the package's copies; picture_named: (the picture's
    path in the bank, the name wanted in the package) -> the name it has there."""
    if note_type.kind == CLOZE and isinstance(q, Cloze):
        text, explanation = cloze_fields(q, note_type, to_html, warn)
        notes = notes_html.partition('<div class="source">')  # the explanation is its field
        return pictures(text), pictures(explanation + "".join(notes[1:])), note_type.extra
    if note_type.kind == OCCLUSION and isinstance(q, Flashcard):
        header, back_extra = occlusion_fields(q, to_html)
        extra = note_type.extra
        if (wanted := occlusion_picture(note_type)) is not None:
            name = picture_named(note_type.picture, wanted)
            if name is not None and name != wanted:
                extra = renamed_picture(note_type, name)
        return pictures(header), pictures(back_extra + notes_html), extra
    return None


def around_blanks(q: Cloze, to_html: Callable[[str], str]) -> list[str]:
    """The cloze's text between its blanks as HTML, one piece more than it has blanks."""
    return to_html(CLOZE_BLANK.sub(_BLANK_MARK, q.text.replace(_BLANK_MARK, ""))).split(
        _BLANK_MARK)


def first_answers(q: Cloze) -> list[str]:
    """Each blank's first answer, what a card shows filled in: [v[0] for v in q.blanks],
    without making every blank's tuple of answers (q.blanks was a tenth of a cloze card)."""
    return [m.group(1).split("|", 1)[0].strip() for m in CLOZE_BLANK.finditer(q.text)]


def cloze_fields(q: Cloze, note_type: AnkiNoteType, to_html: Callable[[str], str],
                 warn: Callable[[str], None]) -> tuple[str, str]:
    """The cloze note's text field (with its blanks) and its explanation field, as HTML."""
    numbers = note_type.blanks
    pieces = around_blanks(q, to_html)
    if len(pieces) - 1 != len(numbers):
        warn(f"question {q.id!r}: its Anki cloze note had {len(numbers)} blank(s) and the "
             f"question has {len(pieces) - 1}: they keep their cloze numbers in order, a new "
             "blank takes a new one (a new card in Anki), and the card of a blank taken out "
             "is left empty in Anki (Tools > Empty Cards removes it)")
    fresh = itertools.count(max(numbers, default=0) + 1)
    out = [pieces[0]]
    for n, (variants, after) in enumerate(zip(q.blanks, pieces[1:], strict=False)):
        number = numbers[n] if n < len(numbers) else next(fresh)
        hint = ""
        if (found := _HINT.match(after)) is not None:
            hint, after = f"::{found.group(1)}", after[found.end():]
        out.append(f"{{{{c{number}::{html.escape(variants[0], quote=False)}{hint}}}}}{after}")
    text = "".join(out)
    if q.prompt:  # a prompt added in quizapp: the note type has no field of its own for it
        text = f"{to_html(q.prompt)}<br>{text}"
    return text, to_html(q.explanation or "")


def occlusion_fields(q: Flashcard, to_html: Callable[[str], str]) -> tuple[str, str]:
    """The note's Header (the front without its masked picture, the last one) and Back
    Extra (the back without its opened picture, the first one), as HTML."""
    shown = list(MARKDOWN_PICTURE.finditer(q.prompt))
    header = q.prompt[:shown[-1].start()] + q.prompt[shown[-1].end():] if shown else q.prompt
    opened = MARKDOWN_PICTURE.search(q.back)
    back = q.back[:opened.start()] + q.back[opened.end():] if opened else q.back
    return to_html(header.strip()), to_html(back.strip())


def occlusion_picture(note_type: AnkiNoteType) -> str | None:
    """The media name the note's own picture has in Anki (its Image field's)."""
    for value in note_type.extra:
        if (found := _IMG_SRC.search(value)) is not None:
            return html.unescape(found.group(2).strip("\"'"))
    return None


def renamed_picture(note_type: AnkiNoteType, name: str) -> tuple[str, ...]:
    """The note's other fields (`extra`) with its picture (the first field's that shows
    one) named `name`: the name it has in the package."""
    quoted = html.escape(name)
    values = list(note_type.extra)
    for n, value in enumerate(values):
        if _IMG_SRC.search(value) is not None:
            values[n] = _IMG_SRC.sub(lambda m: f'{m.group(1)}"{quoted}"', value, count=1)
            break
    return tuple(values)
