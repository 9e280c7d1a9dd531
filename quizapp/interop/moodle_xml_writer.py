"""Writing a bank as Moodle XML (reading it is quizapp/interop/moodle_xml.py).

Each question kind has an entry in MOODLE_WRITERS: the Moodle question type it
becomes and how its own elements are written, or NotSupported with the reason.
What Moodle cannot hold of a question it does write is said in a warning.
"""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from quizapp.core.bank_folder import inside_bank_folder, read_checked
from quizapp.core.category import category_names, to_moodle
from quizapp.core.model import (
    Bank,
    Cloze,
    Flashcard,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Numeric,
    Ordering,
    Question,
    ShortAnswer,
    TrueFalse,
)
from quizapp.core.model_base import WEIGHTS_FULL_MARGIN
from quizapp.core.yaml_values import text_image_path

from ._common import MAX_EXPORTED_PICTURE_BYTES, UNREADABLE_PICTURE, Report, moodle_idnumber
from .kind_tables import NotSupported, entry_for, left_out
from .markdown_text import EMPTY_BACK, card_answer
from .moodle_breaks import breaks_for_moodle
from .moodle_common import (
    BANK_CATEGORY_INFO,
    FLASHCARD_TAG,
    PLUGINFILE,
    answer_for_moodle,
    escape_wildcards,
    forgives_more_than_moodle,
    gap_answers_for_moodle,
    nearest_moodle_grade,
    part_marks_changed,
    safe_file_name,
    short_answers_for_moodle,
)
from .source_note import general_feedback


def _num(value: float) -> str:
    return repr(float(value)) if not float(value).is_integer() else str(int(value))



# What XML 1.0 cannot hold at all, not even as a character reference: the control
# characters other than tab, line feed and carriage return, lone surrogates, U+FFFE and
# U+FFFF. A file holding one is not well-formed, and Moodle (and quizapp) cannot read it.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# A vertical tab or form feed separates lines: it becomes a line break, not nothing.
_LINE_BREAKS = str.maketrans({"\v": "\n", "\f": "\n"})


def _xml_text(text: str, found: set[str]) -> str:
    """The text without what XML cannot hold; `found` collects what was taken out."""
    if not _NOT_XML.search(text):
        return text
    found.update(_NOT_XML.findall(text))
    return _NOT_XML.sub("", text.translate(_LINE_BREAKS))


def _char_names(chars: set[str]) -> str:
    return ", ".join(f"U+{ord(c):04X}" for c in sorted(chars))


# A Markdown picture in a text: ![description](address)
_TEXT_PICTURE = re.compile(r"!\[([^\]\n]*)\]\(([^)\s]+)\)")


def _markdown_alt(text: str) -> str:
    """Text as a Markdown picture's description: one line, square brackets made round (so
    a description cannot end the picture's markup early; the importer reads them so)."""
    return " ".join(text.split()).replace("[", "(").replace("]", ")")


class _Writer:
    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        self.report = Report(bank.path or bank.id)
        self.root = ET.Element("quiz")
        self.written = 0
        self.in_category: tuple[str | None] | None = None  # the category written last
        # the description and ID number of each category not written yet
        self.notes = {path: (description, idnumber)
                      for path, description, idnumber in bank.categories}

    def sub(self, parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
        element = ET.SubElement(parent, tag, {k: v for k, v in attrs.items() if v is not None})
        if text is not None:
            element.text = text
        return element

    def text_element(self, parent: ET.Element, tag: str, markdown: str) -> ET.Element:
        # Moodle renders Markdown itself (FORMAT_MARKDOWN): tables, lists and code come
        # through as written, and come back unchanged.
        element = self.sub(parent, tag, format="markdown")
        self.sub(element, "text", markdown.strip())
        return element

    def plain_element(self, parent: ET.Element, tag: str, text: str, **attrs) -> ET.Element:
        element = self.sub(parent, tag, **attrs)
        self.sub(element, "text", text)
        return element

    def category(self, category: str | None) -> None:
        """The category of the questions written next, when it is not the last one's: the
        question's own (core/category.py), or the bank's, named after its title (Moodle
        writes a '/' in a name as '//'), whose BANK_CATEGORY_INFO tells quizapp's reader it
        is no category and no tag."""
        if self.in_category == (category,):
            return
        self.in_category = (category,)
        q = self.sub(self.root, "question", type="category")
        if category is not None:
            self.plain_element(q, "category", to_moodle(category))
            note = self.notes.pop(category, None)  # said once, where Moodle makes it
            if note is not None:
                description, idnumber = note
                self.text_element(q, "info", description or "")
                if idnumber:
                    self.sub(q, "idnumber", idnumber)
        else:
            name = " ".join(self.bank.title.split()).replace("/", "//")
            self.plain_element(q, "category", f"$course$/top/{name}")
            self.plain_element(q, "info", BANK_CATEGORY_INFO, format="markdown")
        found: set[str] = set()
        for node in q.iter():
            if node.text is not None:
                node.text = _xml_text(node.text, found)
        if found:
            named = "the bank's title" if category is None else f"the category {category!r}"
            self.report.warn(0, f"{named} held control characters that a Moodle XML file "
                             f"cannot hold ({_char_names(found)}); they are left out")

    def make_xml_safe(self, element: ET.Element, q: Question, what: str) -> None:
        """Take out of the element's texts the characters XML cannot hold (the file could
        not be read back otherwise), and say so: a teacher cannot see them in the bank."""
        found: set[str] = set()
        for node in element.iter():
            if node.text is not None:
                node.text = _xml_text(node.text, found)
        if found:
            self.report.warn(q.line, f"question {q.id!r}: {what} held control characters "
                             f"that a Moodle XML file cannot hold ({_char_names(found)}); "
                             "they are left out (a vertical tab or form feed becomes a line "
                             "break)")

    def picture_bytes(self, q: Question, path: str) -> tuple[str, bytes] | None:
        """A picture in the bank's folder as a <file>'s name and bytes (an SVG made safe);
        None, said in a warning, when it cannot be read from there."""
        if not self.bank.path:
            self.report.warn(q.line, f"question {q.id!r}: the picture {path!r} is left out "
                             "(the bank has no folder to read it from)")
            return None
        from pathlib import Path

        source = inside_bank_folder(Path(self.bank.path).parent, path)
        if source is None:
            self.report.warn(q.line, f"question {q.id!r}: the picture {path!r} was not "
                             "found inside the bank's folder; it is left out")
            return None
        # Read through a checked handle: by its path, a picture swapped for a link after
        # the check put a file from outside the bank's folder in the export.
        data = read_checked(source, MAX_EXPORTED_PICTURE_BYTES)
        if data is None:
            self.report.warn(q.line, f"question {q.id!r}: the picture {path!r} is left out: "
                             f"{UNREADABLE_PICTURE}")
            return None
        if source.suffix.lower() in (".svg", ".svgz"):
            from quizapp.core.svg_safety import UnsafeSvg, safe_svg

            try:
                data = safe_svg(data)
            except UnsafeSvg as exc:
                self.report.warn(q.line, f"question {q.id!r}: the SVG picture is left out: "
                                 f"{exc}")
                return None
        return safe_file_name(source.name), data

    def add_file(self, parent: ET.Element, name: str, data: bytes) -> str:
        """`data` as a <file> of `parent` (the text element that shows it); the name it has
        there, another when the text already holds a different file of that name."""
        taken = {f.get("name"): f.text for f in parent.findall("file")}
        encoded = base64.b64encode(data).decode("ascii")
        stem, dot, suffix = name.rpartition(".") if "." in name else (name, "", "")
        n = 2
        while name in taken and taken[name] != encoded:
            name = f"{stem}-{n}{dot}{suffix}"
            n += 1
        if name not in taken:
            self.sub(parent, "file", encoded, name=name, path="/", encoding="base64")
        return name

    def image_file(self, q: Question, parent: ET.Element) -> str:
        """The <img> for the question's picture, its bytes added as a <file>; '' if none."""
        if not q.image:
            return ""
        found = self.picture_bytes(q, q.image)
        if found is None:
            return ""
        name = self.add_file(parent, *found)
        return f"\n\n![{_markdown_alt(q.image_description or 'picture')}]({PLUGINFILE}{name})"

    def embed_pictures(self, q: Question, element: ET.Element) -> None:
        """Markdown pictures in the question's texts (prompt, choices, feedback,
        explanation) as <file>s of the text that shows them, named @@PLUGINFILE@@/name, as
        Moodle keeps a text's pictures: a path in the bank's folder means nothing there."""
        holders = [h for h in element.iter()
                   if (node := h.find("text")) is not None and "![" in (node.text or "")]
        for holder in holders:
            if holder.get("format") != "markdown":  # a matching answer: plain text in Moodle
                self.report.warn(q.line, f"question {q.id!r}: Moodle shows a matching "
                                 "question's answers as plain text, so a picture in one "
                                 "shows there as its Markdown (quizapp reads it back)")
                continue
            node = holder.find("text")
            assert node is not None and node.text is not None  # found so just above

            def embed(m: re.Match, holder: ET.Element = holder) -> str:
                address = m.group(2)
                if address.startswith(PLUGINFILE):
                    return m.group(0)  # the question's own image, already a <file>
                path, why = text_image_path(address)
                found = None if why else self.picture_bytes(q, path)
                if found is None:
                    if why:
                        self.report.warn(q.line, f"question {q.id!r}: the picture "
                                         f"{address!r} is left out: {why}")
                    return f"[{m.group(1)}]" if m.group(1) else ""
                return f"![{m.group(1)}]({PLUGINFILE}{self.add_file(holder, *found)})"

            node.text = _TEXT_PICTURE.sub(embed, node.text)

    def question(self, q: Question) -> None:
        entry = entry_for(MOODLE_WRITERS, q, "Moodle XML")
        if isinstance(entry, NotSupported):
            self.report.warn(q.line, left_out(q, entry))
            return
        if isinstance(q, Flashcard) and not card_answer(q):
            self.report.warn(q.line, EMPTY_BACK.format(id=q.id))
            return
        self.category(q.category)
        element = self.sub(self.root, "question", type=entry.moodle_type)
        self.plain_element(element, "name", q.title or q.id)
        text = self.sub(element, "questiontext", format="markdown")
        body = self.sub(text, "text")
        body.text = entry.question_text(self, q)
        body.text += self.image_file(q, text)
        # the source and quotes too: Moodle has no place of their own for them
        self.text_element(element, "generalfeedback", general_feedback(q))
        self.sub(element, "defaultgrade", _num(q.points))
        # Moodle's editor's own: a third of the marks, all of them for a true/false
        self.sub(element, "penalty", "1.0000000" if q.type == "true_false" else "0.3333333")
        self.sub(element, "hidden", "0")
        if (idnumber := moodle_idnumber(q)) is not None:
            self.sub(element, "idnumber", idnumber)
        entry.write(self, q, element)
        for hint in q.hints:  # after the answers, as Moodle writes them
            written = self.text_element(element, "hint", hint)
            if q.type in _KINDS_OF_PARTS:
                # as practice does: each part marked after a try, and the next from empty
                self.sub(written, "shownumcorrect")
                self.sub(written, "clearwrong")
        self.embed_pictures(q, element)
        # a tag naming the question's category goes back as the category it came from
        own = [t.strip() for t in q.tags
               if t.strip() and t not in category_names(q.category)]
        if FLASHCARD_TAG in own and entry.tag != FLASHCARD_TAG:
            # Read back, the tag would make this question a flashcard.
            own = [t for t in own if t != FLASHCARD_TAG]
            self.report.warn(q.line, f"question {q.id!r}: its tag {FLASHCARD_TAG!r} is left "
                             "out: quizapp reads that tag back as 'this is a flashcard'")
        tags = [*own, *([entry.tag] if entry.tag else [])]
        if tags:  # Moodle's tags; entry.tag brings the kind back when read again
            holder = self.sub(element, "tags")
            for tag in tags:
                self.plain_element(holder, "tag", tag)
        self.make_xml_safe(element, q, "its text")
        self.written += 1

    def answer(self, parent: ET.Element, fraction: float, text: str, *, fmt: str = "markdown",
               feedback: str | None = None) -> ET.Element:
        a = self.sub(parent, "answer", fraction=_fraction(fraction), format=fmt)
        self.sub(a, "text", text.strip())
        self.text_element(a, "feedback", feedback or "")
        return a

    def choice_settings(self, q: MultipleChoice | MultipleSelect, e: ET.Element) -> None:
        """A choice question's order, numbering and instruction line, as Moodle keeps them
        (without showstandardinstruction Moodle would show "Select one:")."""
        self.sub(e, "shuffleanswers", "true" if q.shuffle else "false")
        self.sub(e, "answernumbering", q.numbering or "abc")
        self.sub(e, "showstandardinstruction", "1" if q.moodle_instruction else "0")

    def w_multiple_choice(self, q: MultipleChoice, e: ET.Element) -> None:
        self.sub(e, "single", "true")
        self.choice_settings(q, e)
        for i, c in enumerate(q.choices):
            self.answer(e, 100 if i == q.correct else 0, c.text, feedback=c.feedback)

    def w_multiple_select(self, q: MultipleSelect, e: ET.Element) -> None:
        self.sub(e, "single", "false")
        self.choice_settings(q, e)
        percents, warning = moodle_percents(q)
        if warning:
            self.report.warn(q.line, warning)
        for c, percent in zip(q.choices, percents, strict=True):
            self.answer(e, percent, c.text, feedback=c.feedback)

    def w_true_false(self, q: TrueFalse, e: ET.Element) -> None:
        self.answer(e, 100 if q.answer else 0, "true", fmt="moodle_auto_format",
                    feedback=q.feedback_if_true)
        self.answer(e, 0 if q.answer else 100, "false", fmt="moodle_auto_format",
                    feedback=q.feedback_if_false)

    def w_short_answer(self, q: ShortAnswer, e: ET.Element) -> None:
        self.sub(e, "usecase", "1" if q.policy.case_sensitive else "0")
        self.compared_exactly(q)
        if (moved := part_marks_changed(q)) is not None:
            self.report.warn(q.line, moved)
        for percent, text, feedback in short_answers_for_moodle(q):
            self.answer(e, percent, text, fmt="moodle_auto_format", feedback=feedback)

    def w_flashcard(self, q: Flashcard, e: ET.Element) -> None:
        self.report.warn(q.line, f"question {q.id!r}: Moodle has no flashcards; it becomes a "
                         "short answer whose answer is the back of the card (tagged "
                         f"{FLASHCARD_TAG!r}, so quizapp reads it back as a flashcard)")
        self.sub(e, "usecase", "0")
        # the answer Moodle grades is plain text, one line: the words the back shows, not
        # its Markdown ('\\*', a '\\' that breaks a line); the feedback shows the whole back
        self.answer(e, 100, escape_wildcards(card_answer(q)), fmt="moodle_auto_format",
                    feedback=q.back)

    def w_numeric(self, q: Numeric, e: ET.Element) -> None:
        a = self.answer(e, 100, _num(q.answer), fmt="moodle_auto_format")
        self.sub(a, "tolerance", _num(q.tolerance))
        if q.feedback_if_wrong:  # Moodle's "any other answer" carries it
            other = self.answer(e, 0, "*", fmt="moodle_auto_format", feedback=q.feedback_if_wrong)
            self.sub(other, "tolerance", "0")
        if q.unit:
            units = self.sub(e, "units")
            for name, factor in ((q.unit, 1.0), *q.other_units):
                unit = self.sub(units, "unit")
                self.sub(unit, "multiplier", _num(factor))
                self.sub(unit, "unit_name", name)
            # Moodle's "units are optional; a unit typed converts the number", as quizapp
            # takes them (3, "units are not used at all", made Moodle's form drop them)
            self.sub(e, "unitgradingtype", "0")
            self.sub(e, "showunits", "0")
            self.sub(e, "unitsleft", "0")

    def w_matching(self, q: Matching, e: ET.Element) -> None:
        self.sub(e, "shuffleanswers", "true" if q.shuffle else "false")
        for left, right in q.pairs:
            sub = self.sub(e, "subquestion", format="markdown")
            self.sub(sub, "text", left)
            holder = self.sub(sub, "answer")
            self.sub(holder, "text", right)

    def w_ordering(self, q: Ordering, e: ET.Element) -> None:
        self.sub(e, "layouttype", "VERTICAL")
        self.sub(e, "selecttype", "ALL")
        self.sub(e, "selectcount", "0")
        # quizapp's part marks go by the longest run of items in the right order, as these
        # do (Moodle counts the run over all items, quizapp its steps: 3 of 4 in order are
        # 75% there, 67% here); ABSOLUTE_POSITION gave a learner who moved the first item to
        # the end nothing
        self.sub(e, "gradingtype", "LONGEST_ORDERED_SUBSET")
        self.sub(e, "showgrading", "SHOW")
        self.sub(e, "numberingstyle", "none")
        for position, item in enumerate(q.items, start=1):
            self.answer(e, position, item)

    def t_cloze(self, q: Cloze) -> str:
        text, typed = _cloze_gaps(q)
        # the gaps themselves are in the question text; only a SHORTANSWER gap compares
        # text (a drop-down its choices, a NUMERICAL gap numbers)
        if typed:
            self.compared_exactly(q)
        return text

    def t_prompt(self, q: Question) -> str:
        return q.prompt.strip()

    def w_nothing(self, q: Question, e: ET.Element) -> None:
        """A kind with no elements of its own: a cloze's gaps are in its text."""

    def compared_exactly(self, q: ShortAnswer | Cloze) -> None:
        """Say so when quizapp forgives what Moodle, comparing exactly, marks wrong."""
        if forgives_more_than_moodle(q.policy):
            self.report.warn(q.line, f"question {q.id!r}: Moodle compares typed answers "
                             "exactly (only case is a setting): a typo, accent or punctuation "
                             "that quizapp forgives here is wrong there")


# The kinds whose answer has parts that are right or wrong apart (Moodle's hints may show
# how many are right, and clear the wrong ones).
_KINDS_OF_PARTS = frozenset({"multiple_select", "matching", "ordering", "cloze"})


def choice_weight(q: MultipleSelect, i: int) -> float:
    """A choice's share of the marks as quizapp grades it: its weight, else +1/n for a
    right choice and -1/n for a wrong one (n right choices)."""
    c = q.choices[i]
    if any(other.weight is not None for other in q.choices):
        return c.weight or 0.0
    even = 1 / len(q.correct)
    return even if i in q.correct else -even


# How far (in percent) a weight may be from a Moodle grade to be written as it without a
# word, when the right choices still add up to full marks: 0.34/0.33/0.33 as thirds.
_CLOSE_PERCENT = 1.0


def moodle_percents(q: MultipleSelect) -> tuple[list[float], str | None]:
    """Each choice's share of the marks as one of Moodle's grades, in percent, and a
    warning naming the question when that changes how it is graded: a weight further than
    a percentage point from any grade (1/11 as 10%), or right choices that add up to full
    marks only on one side (quizapp's WEIGHTS_FULL_MARGIN)."""
    wanted = [100 * choice_weight(q, i) for i in range(len(q.choices))]
    written = [nearest_moodle_grade(p) for p in wanted]
    full_wanted = sum(p for p in wanted if p > 0)
    full_written = sum(p for p in written if p > 0)
    if all(abs(w - p) <= _CLOSE_PERCENT for w, p in zip(written, wanted, strict=True)) and (
            abs(full_written - full_wanted) <= 100 * WEIGHTS_FULL_MARGIN):
        return written, None
    changed = ", ".join(f"{_fraction(p / 100)} as {_fraction(w)}%"
                        for p, w in zip(wanted, written, strict=True)
                        if abs(w - p) > 1e-5)
    return written, (
        f"question {q.id!r}: Moodle takes only the grades its editor offers (100%, 90%, "
        f"83.33333%, ... 5%); the choices' weights are written as the nearest ({changed}), "
        f"so the right ones add up to {_fraction(full_written)}%, and Moodle grades the "
        f"question differently from quizapp")


def _fraction(value: float) -> str:
    return f"{value:.7f}".rstrip("0").rstrip(".") if not float(value).is_integer() else str(
        int(value))


def _one_line(feedback: str) -> str:
    """A gap's feedback on one line, as it must be inside the gap: a line break (Markdown's
    '\\' ending a line) is a space, not a '\\' Moodle would show."""
    return " ".join(feedback.replace("\\\n", " ").split())


def _cloze_escape(text: str) -> str:
    return re.sub(r"([}#~/\"\\])", r"\\\1", text)


def _gap(q: Cloze, n: int, answers: tuple[str, ...], kind: str,
         listed: list[tuple[float, str, str | None]]) -> str:
    """Blank n (its right `answers`) as Moodle's embedded answer of `kind` (_gap_kind): its
    weight, then its answers in the order Moodle tries them (`listed`:
    gap_answers_for_moodle), each with its feedback."""
    literal = kind.startswith("MULTICHOICE")  # a choice is shown as written: no '*' to escape
    number = kind == "NUMERICAL"
    # each right number's tolerance (the same for all, unless each has its own)
    tolerances = (dict(zip(answers, q.tolerances_of(n, len(answers)), strict=True))
                  if number else {})
    # an answer with no mark is worth 0%, as Moodle writes one
    # a right number with its tolerance; another Moodle compares as written
    body = "~".join(("=" if percent == 100 else f"%{percent:.7g}%" if percent else "")
                    + (_cloze_escape(text) if literal else text if text == "*"
                       else f"{text}:{_num(tolerances.get(text, 0) if percent == 100 else 0)}"
                       if number else answer_for_moodle(_cloze_escape(text), q.policy))
                    + (f"#{_cloze_escape(_one_line(feedback))}" if feedback else "")
                    for percent, text, feedback in listed)
    return "{" + str(q.marks_of(n)[0]) + ":" + kind + ":" + body + "}"


def _gap_kind(q: Cloze, n: int, listed: list[tuple[float, str, str | None]], blanks: int,
              pinned: frozenset[int]) -> str:
    """Blank n's kind of Moodle gap (`listed`: its answers, gap_answers_for_moodle; the
    cloze has `blanks` blanks, those in `pinned` keep their choices' order). A blank
    to pick from is a drop-down, its choices shuffled (_S) or as written; a number blank
    (which reads numbers as a numeric question does) is NUMERICAL, as it came, unless it
    is the only one (read back, that is a numeric question) or it came as a typed gap
    (graded as Moodle grades: written back as one); a blank with a tolerance is NUMERICAL
    always, its tolerance kept; any other is typed, SHORTANSWER."""
    if q.choices_of(n):
        return "MULTICHOICE" + ("" if n in pinned else "_S")
    if q.has_tolerance(n):  # only a NUMERICAL gap has one (the bank's check: numbers only)
        return "NUMERICAL"
    if (not q.policy.moodle and blanks > 1
            and all(text == "*" or _is_number(text) for _, text, _ in listed)):
        return "NUMERICAL"
    return "SHORTANSWER_C" if q.policy.case_sensitive else "SHORTANSWER"


def _is_number(text: str) -> bool:
    """A blank's answer Moodle's NUMERICAL gap takes as its number: '60', '-2.5', '1e3'."""
    return _NUMBER.fullmatch(text) is not None


_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def _cloze_gaps(q: Cloze) -> tuple[str, bool]:
    """The cloze's text with Moodle's embedded answers in place of the blanks, and whether
    one of them is typed (SHORTANSWER: compared as text). Each blank's answers and kind
    are worked out once, and the text read once: a cloze of 500 blanks took 7.5 times as
    long as 500 short answers when each blank read it again."""
    blanks = q.blanks
    pinned = frozenset(q.pinned_choices)
    gaps: dict[int, str] = {}
    typed = False
    for n, answers in enumerate(blanks):
        listed = gap_answers_for_moodle(q, n, answers)
        kind = _gap_kind(q, n, listed, len(blanks), pinned)
        typed = typed or kind.startswith("SHORT")
        gaps[n] = _gap(q, n, answers, kind, listed)
    body = "".join(part if isinstance(part, str) else gaps[part] for part in q.segments())
    return (q.prompt.strip() + "\n\n" if q.prompt.strip() else "") + body.strip(), typed


@dataclass(frozen=True, slots=True)
class MoodleKind:
    """How one of quizapp's kinds is written as a Moodle question."""

    moodle_type: str
    write: Callable[[_Writer, Any, ET.Element], None]  # the type's own elements
    # the question's text, in Moodle's Markdown
    question_text: Callable[[_Writer, Any], str] = _Writer.t_prompt
    tag: str | None = None  # a tag that brings the kind back when read again


# Every kind in quizapp.core.kinds.KINDS has an entry (tests/test_kinds.py checks it).
MOODLE_WRITERS: dict[str, MoodleKind | NotSupported] = {
    "multiple_choice": MoodleKind("multichoice", _Writer.w_multiple_choice),
    "multiple_select": MoodleKind("multichoice", _Writer.w_multiple_select),
    "true_false": MoodleKind("truefalse", _Writer.w_true_false),
    "short_answer": MoodleKind("shortanswer", _Writer.w_short_answer),
    "flashcard": MoodleKind("shortanswer", _Writer.w_flashcard, tag=FLASHCARD_TAG),
    "numeric": MoodleKind("numerical", _Writer.w_numeric),
    "matching": MoodleKind("matching", _Writer.w_matching),
    "ordering": MoodleKind("ordering", _Writer.w_ordering),
    # Moodle's XML format names its embedded-answers qtype 'cloze' (its format.php maps
    # 'multianswer' to 'cloze' on export and reads only 'cloze' on import).
    "cloze": MoodleKind("cloze", _Writer.w_nothing, question_text=_Writer.t_cloze),
}


def write_moodle_xml(bank: Bank) -> tuple[bytes, list[str], int]:
    """Moodle XML for a bank, warnings for what Moodle cannot hold, and how many questions
    were written."""
    writer = _Writer(bank)
    # the categories with a description or ID number first, each above those under it:
    # Moodle gives a category both only when it makes it, and it makes a question's
    # category and those above it as it meets them
    for path in sorted(writer.notes, key=lambda path: len(category_names(path))):
        writer.category(path)
    for q in bank.questions:
        writer.question(q)
    if writer.in_category is None:  # no question written: the bank's category alone
        writer.category(None)
    for holder in writer.root.iter():
        text = holder.find("text")
        if holder.get("format") == "markdown" and text is not None and text.text:
            text.text = breaks_for_moodle(text.text)  # Moodle's Markdown: two spaces
    ET.indent(writer.root, space="  ")
    data = ET.tostring(writer.root, encoding="UTF-8", xml_declaration=True)
    return data + b"\n", writer.report.warnings, writer.written
