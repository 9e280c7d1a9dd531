"""Writing a bank as Moodle GIFT text (reading it is quizapp/interop/gift.py).

Each question kind has an entry in GIFT_WRITERS: how GIFT writes it, or
NotSupported with the reason (an ordering question has no GIFT form). What
GIFT cannot hold of a question it does write is said in a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from quizapp.core.category import category_names, to_moodle
from quizapp.core.model import (
    CLOZE_BLANK,
    Bank,
    Cloze,
    Flashcard,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Numeric,
    Question,
    ShortAnswer,
    TrueFalse,
)

from ._common import Report, moodle_idnumber
from .kind_tables import NotSupported, entry_for, left_out
from .markdown_text import EMPTY_BACK, card_answer
from .moodle_breaks import breaks_for_moodle
from .moodle_common import (
    answer_for_moodle,
    escape_wildcards,
    forgives_more_than_moodle,
    gap_answers_for_moodle,
    part_marks_changed,
    short_answers_for_moodle,
)
from .moodle_xml_writer import moodle_percents
from .source_note import general_feedback

FLASHCARD_MARK = "// quizapp: flashcard"
# The blank a missing-word question's prompt shows where its answers stand.
BLANK = "_____"
# One kind's GIFT text (None: left out, with a warning in the report).
GiftWriter = Callable[[Any, Report], "str | None"]


_SPECIALS = re.compile(r"([\\~=#{}:])")


def escape(text: str) -> str:
    """GIFT text: special characters escaped; a blank line (which would end the
    question) is written as a trailing \\n on the line before, and a line starting with
    '//' (which Moodle, and quizapp, would read as a comment) goes on the line before
    after a \\n ("a\\n// b")."""
    # a Markdown break ('\\' ending a line) as Moodle's Markdown has it: two spaces
    text = _SPECIALS.sub(r"\\\1", breaks_for_moodle(text.strip()))
    out: list[str] = []
    for line in text.split("\n"):
        kept = line.rstrip() + ("  " if line.endswith("  ") and line.strip() else "")
        if not line.strip() and out:
            out[-1] += "\\n"
        elif out and line.lstrip().startswith("//"):
            out[-1] += "\\n" + kept
        else:
            out.append(kept)
    return "\n".join(out)


def _num(value: float) -> str:
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def _weight(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _answer(mark: str, text: str, feedback: str | None = None) -> str:
    out = f"{mark}{escape(text)}"
    if feedback:
        out += f"#{escape(feedback)}"
    return out


def _mark(percent: float, text: str, feedback: str | None) -> str:
    """A typed answer with its grade: '=' full marks, '=%50%' part, '=%0%' none."""
    return _answer("=" if percent == 100 else f"=%{percent:.7g}%", text, feedback)


def _explanation(q: Question) -> str:
    """GIFT's general feedback: the explanation, and the source and quotes (GIFT has no
    place of their own for them; quizapp's reader takes them out again)."""
    general = general_feedback(q)
    return f"####{escape(general)}" if general else ""


def _with_blank(prompt: str, block: str) -> str:
    """Put the answers where the prompt has its single blank, when text follows it."""
    if prompt.count(BLANK) == 1:
        before, after = prompt.split(BLANK)
        if after.strip():
            space = " " if after[:1].isspace() else ""  # none before "." after the blank
            return f"{escape(before)} {block}{space}{escape(after)}".strip()
    return f"{escape(prompt)} {block}"


def _pinned_order(q: MultipleChoice | MultipleSelect | Matching, report: Report) -> None:
    """GIFT has no shuffle setting: Moodle gives an imported question its default (shuffled)."""
    if not q.shuffle:
        what = "right-hand answers" if isinstance(q, Matching) else "choices"
        report.warn(q.line, f"question {q.id!r}: GIFT cannot keep 'shuffle: false'; Moodle "
                    f"shuffles its {what} unless 'Shuffle the choices?' is turned off there "
                    "(Moodle XML keeps it)")


def _choices(q: MultipleChoice | MultipleSelect, report: Report) -> str:
    _pinned_order(q, report)
    if q.numbering:
        report.warn(q.line, f"question {q.id!r}: GIFT cannot keep Moodle's numbering of its "
                    f"choices ('numbering: {q.numbering}'); Moodle numbers them a., b., c. "
                    "(Moodle XML keeps it)")
    lines = []
    if isinstance(q, MultipleChoice):
        for i, c in enumerate(q.choices):
            lines.append(_answer("=" if i == q.correct else "~", c.text, c.feedback))
    else:
        percents, warning = moodle_percents(q)
        if warning:
            report.warn(q.line, warning)
        for c, percent in zip(q.choices, percents, strict=True):
            lines.append(_answer(f"~%{_weight(percent)}%", c.text, c.feedback))
    if general := _explanation(q):
        lines.append(general)
    block = "{\n" + "\n".join("\t" + x for x in lines) + "\n}"
    return _with_blank(q.prompt, block)


def _true_false(q: TrueFalse, report: Report) -> str:
    # GIFT's {TRUE#wrong-answer feedback#right-answer feedback}
    wrong = q.feedback_if_false if q.answer else q.feedback_if_true
    right = q.feedback_if_true if q.answer else q.feedback_if_false
    notes = f"#{escape(wrong or '')}#{escape(right or '')}" if wrong or right else ""
    return f"{escape(q.prompt)} {{{'TRUE' if q.answer else 'FALSE'}{notes}{_explanation(q)}}}"


def _arrow_in_answer(q: Question, answers: Iterable[str], report: Report) -> bool:
    """True (and a warning) when a typed answer holds '->': GIFT has no escape for it, and
    an answer block with '=' and '->' is a matching question to Moodle and to quizapp's
    reader, so the question would come back as something else or not at all."""
    if not any("->" in a for a in answers):
        return False
    report.warn(
        q.line,
        f"question {q.id!r}: an answer holding '->' cannot be written in GIFT (Moodle reads"
        " '->' in an answer as a matching pair); it was left out",
    )
    return True


def _compared_exactly(q: ShortAnswer | Cloze, report: Report) -> None:
    """GIFT has no setting for comparing typed answers: Moodle compares them exactly,
    ignoring case. Say so for a question quizapp compares otherwise."""
    if q.policy.case_sensitive or forgives_more_than_moodle(q.policy):
        report.warn(
            q.line,
            f"question {q.id!r}: GIFT cannot say how typed answers are compared; Moodle "
            "compares them exactly, ignoring case (a typo, accent or punctuation that "
            "quizapp forgives here is wrong there; a case that counts here does not)",
        )


def _short_answer(q: ShortAnswer, report: Report) -> str | None:
    if _arrow_in_answer(q, q.answers, report):
        return None
    _compared_exactly(q, report)
    if (moved := part_marks_changed(q)) is not None:
        report.warn(q.line, moved)
    # the right ones, those worth part of the marks, a wrong one with its feedback at 0%,
    # Moodle's "any other answer" last
    answers = " ".join(_mark(percent, text, feedback)
                       for percent, text, feedback in short_answers_for_moodle(q))
    # Answers at the end: a missing word here would come back as a cloze.
    return f"{escape(q.prompt)} {{{answers}{_explanation(q)}}}"


def _numeric(q: Numeric, report: Report) -> str:
    if q.unit:
        named = ", ".join(repr(u) for u in (q.unit, *(name for name, _ in q.other_units)))
        report.warn(q.line, f"question {q.id!r}: GIFT has no unit; {named} was left out")
    tol = f":{_num(q.tolerance)}" if q.tolerance else ""
    # Moodle's feedback for any other answer: {#3:2~#Completely wrong}
    otherwise = f"~#{escape(q.feedback_if_wrong)}" if q.feedback_if_wrong else ""
    return f"{escape(q.prompt)} {{#{_num(q.answer)}{tol}{otherwise}{_explanation(q)}}}"


def _matching(q: Matching, report: Report) -> str:
    _pinned_order(q, report)
    pairs = "\n".join(f"\t={_matching_left(left)} -> {escape(right)}" for left, right in q.pairs)
    return f"{escape(q.prompt)} {{\n{pairs}\n{_explanation(q)}}}"


def _matching_left(text: str) -> str:
    """A pair's left side. GIFT has no escape for '->' and Moodle splits a pair at its
    first '->', so one in the left side is written '-\\>': a Markdown escape (the question
    is [markdown], and so is each left side in Moodle) that shows as '->' there, and that
    quizapp's reader turns back into '->'. The right side needs none: the split is at the
    first arrow."""
    return escape(text).replace("->", "-\\>")


def _cloze(q: Cloze, report: Report) -> str | None:
    line = q.line
    blanks = q.blanks
    if len(blanks) != 1:
        report.warn(
            line,
            f"question {q.id!r}: a cloze with {len(blanks)} blanks cannot be "
            "written in GIFT (only one missing word per question); it was left out",
        )
        return None
    if _arrow_in_answer(q, blanks[0], report):
        return None
    m = next(CLOZE_BLANK.finditer(q.text))
    before, after = q.text[: m.start()], q.text[m.end() :]
    if not after.strip() and not q.choices_of(0):
        report.warn(
            line,
            f"question {q.id!r}: the blank ends the text, so Moodle reads it "
            "as a short answer question",
        )
    if q.choices_of(0):
        # a missing word to pick from is GIFT's missing-word multiple choice: '=' the right
        # choice, '~' the others, '~%50%' one worth part of the marks
        report.warn(line, f"question {q.id!r}: its blank to pick from is written as GIFT's "
                    "missing-word multiple choice; Moodle shuffles its choices, and quizapp "
                    "reads it back as a multiple_choice question")
        answers = " ".join(_answer("=" if percent == 100 else f"~%{_weight(percent)}%"
                                   if percent else "~", text, feedback)
                           for percent, text, feedback in gap_answers_for_moodle(q, 0,
                                                                                  blanks[0]))
    elif q.has_tolerance(0):
        # a number with a tolerance is GIFT's numerical question, its answer in the sentence
        # (read back as a numeric question); part marks and feedback are a short answer's
        answers = _numbers_in_sentence(q, report)
    else:
        _compared_exactly(q, report)
        # its answers worth part of the marks and its feedback as a short answer's (Moodle
        # reads a missing word as one); its weight, alone in the question, changes nothing
        answers = " ".join(_mark(percent, text if text == "*"
                                 else answer_for_moodle(text, q.policy), feedback)
                           for percent, text, feedback in gap_answers_for_moodle(q, 0,
                                                                                  blanks[0]))
    lead = f"{escape(q.prompt)}\n" if q.prompt else ""
    # the space after the blank is written only where the text has one (before ".")
    space = " " if after[:1].isspace() else ""
    return (f"{lead}{escape(before)} {{{answers}{_explanation(q)}}}{space}"
            f"{escape(after)}").strip()


def _numbers_in_sentence(q: Cloze, report: Report) -> str:
    """A one-blank cloze whose blank has a tolerance as GIFT's numerical answer ('#9.8:0.1',
    each of its numbers with its tolerance); what GIFT's number cannot hold is said."""
    _weight, partly_right, feedback_for, otherwise = q.marks_of(0)
    if partly_right or feedback_for or otherwise:
        report.warn(q.line, f"question {q.id!r}: its number blank goes to GIFT as a "
                    "numerical answer with its tolerance; the blank's part marks and feedback "
                    "are left out")
    answers = q.blanks[0]
    numbers = [f"{answer}:{_num(tolerance)}"
               for answer, tolerance in zip(answers, q.tolerances_of(0, len(answers)),
                                            strict=True)]
    if len(numbers) == 1:
        return f"#{numbers[0]}"
    return "#" + " ".join(f"={number}" for number in numbers)


def _flashcard(q: Flashcard, report: Report) -> str | None:
    if _arrow_in_answer(q, (q.back,), report):
        return None
    if not card_answer(q):
        report.warn(q.line, EMPTY_BACK.format(id=q.id))
        return None
    report.warn(
        q.line,
        f"question {q.id!r}: Moodle has no flashcards; it is written as a short answer "
        "whose answer is the back of the card (quizapp reads it back as a flashcard)",
    )
    # The answer Moodle compares is plain text, one line: the words the back shows, not its
    # Markdown. A back with more than those words is kept whole as the answer's feedback,
    # which Moodle shows as Markdown and quizapp reads back as the card's back (Moodle XML
    # does the same).
    answer = card_answer(q)
    feedback = q.back if q.back.strip() != answer else None
    return f"{escape(q.prompt)} {{{_answer('=', escape_wildcards(answer), feedback)}" \
        f"{_explanation(q)}}}"


# Every kind in quizapp.core.kinds.KINDS has an entry (tests/test_kinds.py checks it).
GIFT_WRITERS: dict[str, GiftWriter | NotSupported] = {
    "multiple_choice": _choices,
    "multiple_select": _choices,
    "true_false": _true_false,
    "short_answer": _short_answer,
    "numeric": _numeric,
    "matching": _matching,
    "ordering": NotSupported("GIFT has no ordering questions"),
    "cloze": _cloze,
    "flashcard": _flashcard,
}


def _question(q: Question, report: Report) -> str | None:
    line = q.line
    if q.points != 1:
        report.warn(
            line,
            f"question {q.id!r}: GIFT has no marks; its {q.points:g} points "
            "become Moodle's default mark",
        )
    if q.image:
        report.warn(line, f"question {q.id!r}: its image is not included in GIFT")
    writer = entry_for(GIFT_WRITERS, q, "GIFT")
    if isinstance(writer, NotSupported):
        report.warn(line, left_out(q, writer))
        return None
    text = writer(q, report)
    if text is not None and "\0" in text:
        # A NUL makes the file binary to every reader (quizapp's import refuses it).
        report.warn(line, f"question {q.id!r}: its text held NUL characters, left out "
                    "(a text file cannot hold them)")
        text = text.replace("\0", "")
    return text


def write_gift(bank: Bank) -> tuple[str, list[str]]:
    """GIFT text for a bank (UTF-8, ready for Moodle), and warnings for what GIFT cannot hold."""
    text, warnings, _written = write_gift_counting(bank)
    return text, warnings


def write_gift_counting(bank: Bank) -> tuple[str, list[str], int]:
    """write_gift, and how many questions the text holds."""
    report = Report(bank.path or bank.id)
    written = 0
    title = re.sub(r"[\r\n]+", " ", bank.title)
    # A question goes into its own category, else into the bank's, named after it (quizapp's
    # reader takes it for no category and no tag); a question's tags are Moodle tags, in the
    # comment Moodle 4 writes and reads.
    bank_category = "$course$/top/" + title.strip().replace("/", "//")
    out = [f"// {title}", "// written by quizapp", ""]
    in_category: str | None = None  # the path of the last $CATEGORY: written
    for q in bank.questions:
        text = _question(q, report)
        if text is None:
            continue
        path = to_moodle(q.category) if q.category else bank_category
        if path != in_category:
            in_category = path
            out += _category_line(path)
        if q.hints:
            report.warn(q.line, f"question {q.id!r}: GIFT has no hints; its {len(q.hints)} "
                        "hint(s) for the tries after a mistake were left out")
        if isinstance(q, Flashcard):
            out.append(FLASHCARD_MARK)
        if comment := _id_and_tags(q, report):
            out.append(comment)
        name = q.title or q.id
        if "\0" in name:  # as in its text: a NUL would make the whole file binary
            report.warn(q.line, f"question {q.id!r}: its title held NUL characters, left out "
                        "(a text file cannot hold them)")
            name = name.replace("\0", "")
        # Our prompts are Markdown; saying so lets Moodle render them the same way.
        out += [f"::{escape(name)}::[markdown]{text}", ""]
        written += 1
    if in_category is None:  # no question written: the bank's category alone
        out += _category_line(bank_category)
    if bank.categories:
        report.warn(0, f"GIFT has no place for a category's description or ID number: those "
                    f"of {len(bank.categories)} categor{'y' if len(bank.categories) == 1 else 'ies'}"
                    " are left out (Moodle XML keeps them)")
    return "\n".join(out), report.warnings, written


def _category_line(path: str) -> list[str]:
    """A $CATEGORY: line for a Moodle category path (a backslash escaped, as GIFT reads
    it), and the blank line after it."""
    return ["$CATEGORY: " + path.replace("\\", "\\\\"), ""]


def _one_line(text: str) -> str:
    return " ".join(text.split())


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# An [id:...] or [tag:...] inside an ID number or tag, which the comment's reader would
# take for another (there is no escape for '['): "x ] [tag:evil]" would add a tag
_NESTED = re.compile(r"\[(?:id|tag):", re.I)


def _bracketed(text: str) -> str:
    # A ']' is written as backslash + ']'; a backslash at the end gets a space after it, or
    # it would escape the closing ']' (Moodle and quizapp trim the space when they read it).
    text = text.replace("]", "\\]")
    return text + " " if text.endswith("\\") else text


def _id_and_tags(q: Question, report: Report) -> str:
    """Moodle 4's comment "// [id:...] [tag:...] ...": the question's id as its ID number
    (when Moodle can read it back as it is: one line, single spaces), and its tags (a ']'
    in them written '\\]', a control character as a space; see _bracketed)."""
    bits = []
    idnumber = moodle_idnumber(q)  # none for a Moodle question that had none
    if idnumber is not None and _NESTED.search(idnumber):
        report.warn(q.line, f"question {q.id!r}: its ID number {idnumber!r} is left out of "
                    "the GIFT comment: Moodle (and quizapp) would read the '[id:' or '[tag:' "
                    "in it as one of its own (Moodle XML keeps it)")
    elif idnumber is not None and _one_line(idnumber) == idnumber and not _CONTROL.search(
            idnumber):
        bits.append(f"[id:{_bracketed(idnumber)}]")
    for tag in q.tags:
        if tag in category_names(q.category):
            continue  # it goes back as the category it came from
        tag = _CONTROL.sub(" ", tag).strip()
        if not tag:
            continue
        if _NESTED.search(tag):
            report.warn(q.line, f"question {q.id!r}: its tag {tag!r} is left out of the GIFT "
                        "comment: Moodle (and quizapp) would read the '[id:' or '[tag:' in it "
                        "as one of its own (Moodle XML keeps it)")
            continue
        if any(c in tag for c in "<>`"):
            report.warn(q.line, f"question {q.id!r}: Moodle leaves out a tag holding '<', '>' "
                        f"or '`' (quizapp reads it back): {tag!r}")
        bits.append(f"[tag:{_bracketed(tag)}]")
    return "// " + " ".join(bits) if bits else ""
