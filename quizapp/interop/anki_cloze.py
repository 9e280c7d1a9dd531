"""Anki cloze notes in: {{c1::answer::hint}} blanks become the typed blanks of a quizapp
cloze question; a note whose answer is a picture, which no learner can type, becomes a
flashcard with the text on the front and the picture on the back.

anki_import.py reads the notes and calls cloze_question for each cloze note.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from quizapp.core.markup import code_spans
from quizapp.core.model import Cloze, Flashcard, Question

from ._common import MARKDOWN_PICTURE

_CLOZE_OPEN = re.compile(r"\{\{c(\d+)::")
# What a blank shows on the front of the flashcard a picture cloze becomes (as in Anki).
HIDDEN = "[…]"


@dataclass(frozen=True)
class _Blank:
    """One {{cN::answer::hint}} of an Anki cloze note, its answer still HTML."""

    answer: str
    hint: str | None
    number: int  # its card: 1 for c1


def cloze_parts(raw: str) -> list[str | _Blank] | None:
    """A cloze note's text split into literal HTML and blanks, as Anki reads it (a blank
    ends at the first `}}`; its hint follows the first `::`). None when a cloze holds
    another cloze: quizapp's blanks do not nest."""
    parts: list[str | _Blank] = []
    pos = 0
    while (opening := _CLOZE_OPEN.search(raw, pos)) is not None:
        close = raw.find("}}", opening.end())
        if close < 0:  # never closed: Anki shows it as text, and so do we
            break
        inner = _CLOZE_OPEN.search(raw, opening.end(), close)
        if inner is not None:
            return None
        parts.append(raw[pos : opening.start()])
        answer, has_hint, hint = raw[opening.end() : close].partition("::")
        parts.append(_Blank(answer, hint if has_hint else None, int(opening.group(1))))
        pos = close + 2
    parts.append(raw[pos:])
    return parts


# Where a blank's answer starts and ends while the note's HTML becomes Markdown: characters
# of Unicode's private use area, which the conversion keeps as they are.
BLANK_OPEN, BLANK_CLOSE = "\ue000", "\ue001"
_MARKED_BLANK = re.compile(f"{BLANK_OPEN}(.*?){BLANK_CLOSE}", re.S)
# The conversion escapes the text's own Markdown characters ('a\\*b', '&lt;'); a blank's
# answer is what the learner types, so it is read back unescaped.
_ESCAPED_OR_LT = re.compile(r"\\([!-/:-@\[-`{-~])|&lt;")


def _typed(answer: str) -> str:
    """A blank's Markdown answer as the learner types it: escapes resolved, and a code span
    (TeX such as '\\(x^2\\)', kept as its source, or the note's <code>) as its text."""
    out, pos = [], 0
    for start, end in code_spans(answer):
        out.append(_unescaped(answer[pos:start]))
        span = answer[start:end]
        ticks = len(span) - len(span.lstrip("`"))
        inner = span[ticks : len(span) - ticks]
        if inner.startswith(" ") and inner.endswith(" ") and inner.strip(" "):
            inner = inner[1:-1]  # the padding a code span beside a backtick needs
        out.append(inner)
        pos = end
    out.append(_unescaped(answer[pos:]))
    return "".join(out)


def _unescaped(text: str) -> str:
    # one pass: an escaped '\\&lt;' (a card showing "&lt;") is not read as '<' afterwards
    return _ESCAPED_OR_LT.sub(lambda m: m.group(1) or "<", text)


def _literal_braces(text: str, *, before_blank: bool) -> str:
    """Text around the blanks, its braces as character references where quizapp would read
    them as a blank's ('x}}' after a blank, '{' just before one: Anki shows them as text)."""
    if "{{" in text or "}}" in text or (before_blank and text.endswith("{")):
        return text.replace("{", "&#123;").replace("}", "&#125;")
    return text


def cloze_numbers(raw: str) -> tuple[int, ...]:
    """The cloze number of each blank of a cloze note's text, in order (c1, c2, c1: 1, 2,
    1), for the export to write each blank back with its own."""
    parts = cloze_parts(raw) or []
    return tuple(p.number for p in parts if isinstance(p, _Blank))


def cloze_question(raw: str, prompt: str, explanation: str, tags: tuple[str, ...], *,
                   markdown: Callable[[str], str], warn: Callable[[str], None],
                   name: Callable[[str], str]) -> Question | None:
    """The question a cloze note becomes (None: left out, said with `warn`). raw: the HTML
    text with the blanks; prompt: the rest of the front, shown before it; markdown: the
    deck's HTML -> Markdown (pictures copied); warn: a warning about this note; name: the
    question id, from the note (or these words of its text)."""
    parts = cloze_parts(raw)
    if parts is None:
        warn("it has a cloze inside another cloze ({{c1::... {{c2::...}} ...}}), which a "
             "quizapp blank cannot hold; the note was skipped")
        return None
    blanks = [p for p in parts if isinstance(p, _Blank)]
    if not blanks:
        warn("a cloze note without any {{c1::...}}; skipped")
        return None
    # Blanks are marked with control characters while the HTML becomes text, so that
    # the conversion cannot take their braces for text. A blank's hint, which Anki shows
    # in its place ("[country]"), follows it as such, in italics: a quizapp blank is a box
    # to type in, beside which the hint is read before typing.
    marked = "".join(p.replace(BLANK_OPEN, "").replace(BLANK_CLOSE, "") if isinstance(p, str)
                     else f"{BLANK_OPEN}{p.answer}{BLANK_CLOSE}{_hint_html(p.hint)}"
                     for p in parts)
    pieces = _MARKED_BLANK.split(markdown(marked))
    # typed on one line: a line break in the answer (<br>) is a space
    pieces[1::2] = [_typed(answer).replace("\n", " ") for answer in pieces[1::2]]
    if any(MARKDOWN_PICTURE.search(answer) for answer in pieces[1::2]):
        return _picture_card(pieces, prompt, explanation, tags, warn=warn, name=name)
    for answer in pieces[1::2]:
        if "|" in answer:
            # '|' separates a quizapp blank's accepted answers: {{a|b}} would take "a" or
            # "b", and Anki's answer is "a|b". No escape says otherwise.
            accepted = " or ".join(repr(a.strip()) for a in answer.split("|"))
            warn(f"the cloze answer {answer!r} holds '|', which a quizapp blank reads as 'or' "
                 f"(it would accept {accepted}); the note was skipped")
            return None
    text = "".join(
        f"{{{{{piece}}}}}" if n % 2 else _literal_braces(piece, before_blank=n + 1 < len(pieces))
        for n, piece in enumerate(pieces))
    hints = [b.hint for b in blanks if b.hint and b.hint.strip()]
    if hints:
        listed = ", ".join(map(repr, hints[:3])) + (" ..." if len(hints) > 3 else "")
        warn(f"the cloze hint {listed} is shown in brackets after its blank (Anki shows it "
             "in the blank's place)" if len(hints) == 1 else
             f"the cloze hints {listed} are shown in brackets after their blanks (Anki shows "
             "each in its blank's place)")
    # the id comes from the words of the text as it was before its braces were escaped
    unescaped = "".join(f"{{{{{piece}}}}}" if n % 2 else piece for n, piece in enumerate(pieces))
    words = unescaped.replace("{{", "").replace("}}", "")
    return Cloze(id=name(words), prompt=prompt, text=text, explanation=explanation or None,
                 tags=tags)


def _hint_html(hint: str | None) -> str:
    """What follows a blank with a hint in the note's HTML: the hint, bracketed, in italics
    (the brackets are text: the conversion escapes them)."""
    if hint is None or not hint.strip():
        return ""
    return f" <i>[{hint.strip()}]</i>"


def _picture_card(pieces: Sequence[str], prompt: str, explanation: str,
                  tags: tuple[str, ...], *, warn: Callable[[str], None],
                  name: Callable[[str], str]) -> Flashcard:
    """A cloze note with a picture for an answer, as a flashcard: the front shows the text
    with each blank as [...] (as Anki's card does), the back the text with its answers, the
    picture among them. A typed blank would ask the learner to type the picture's file."""
    hidden = "".join(HIDDEN if n % 2 else piece for n, piece in enumerate(pieces)).strip()
    shown = "".join(pieces).strip()
    warn("a cloze answer is a picture, which no learner can type: the note became a "
         "flashcard, its text on the front with each blank as […], the answers (the "
         "picture) on the back")
    words = MARKDOWN_PICTURE.sub("", "".join(pieces))
    return Flashcard(id=name(words), prompt=f"{prompt}\n\n{hidden}" if prompt else hidden,
                     back=shown, explanation=explanation or None, tags=tags)


