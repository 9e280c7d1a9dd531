"""Moodle XML, both ways: the format Moodle's question bank exports by default.

Format: https://docs.moodle.org/en/Moodle_XML_format. A <quiz> holds <question
type="..."> elements; a type="category" question sets the category (our tags)
of those after it. Texts are HTML (or Moodle's own formats) inside <text>;
images travel as base64 <file> elements beside the text and are referenced as
@@PLUGINFILE@@/name. What quizapp cannot hold is reported with its line.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass

from quizapp.core.category import CategoryNote
from quizapp.core.kinds.matching import one_right_side
from quizapp.core.model import (
    Choice,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Ordering,
    Question,
    TrueFalse,
)
from quizapp.core.yaml_fields import NUMBERINGS

from ._common import (
    StopCheck,
    author_weights,
    never_stop,
    stop_point,
    unique_choices,
)
from .moodle_common import (
    EXPORT_MOODLE_XML_HOW,
    ORDER_GRADING,
    negative_marks_lost,
    several_fully_right,
)
from .moodle_xml_reader import SkipQuestion
from .moodle_xml_typed import TypedAnswerReader

# Writing lives in moodle_xml_writer.py; these names stay importable from here.
from .moodle_xml_writer import choice_weight as choice_weight  # noqa: E402
from .moodle_xml_writer import write_moodle_xml as write_moodle_xml  # noqa: E402
from .safe_xml import line_of, parse_xml, utf8_as_declared

UNSUPPORTED = {
    "description": "a Moodle 'description' is text without a question",
    "essay": "essay questions are not supported: quizapp cannot grade free text",
    "random": "a 'random' question is a placeholder for questions of a category",
    "calculated": "calculated questions (formulas with random values) are not supported",
    "calculatedsimple": "calculated questions (formulas with random values) are not supported",
    "calculatedmulti": "calculated questions (formulas with random values) are not supported",
    "randomsamatch": "random short-answer matching is not supported",
    "ddimageortext": "drag-and-drop onto an image is not supported",
    "ddmarker": "drag-and-drop markers are not supported",
}




class _Reader(TypedAnswerReader):
    """A file's questions, each read by its type's reader (MOODLE_READERS)."""

    def read(self, root: ET.Element, should_stop: StopCheck = never_stop) -> list[Question]:
        if root.tag != "quiz":
            self.line = line_of(root)
            from ._common import InteropError

            message = (f"{self.report.path}:{self.line}: this XML file is not Moodle XML (it "
                       f"starts with <{root.tag}>, not <quiz>)")
            if root.tag == "question_categories":  # questions.xml of a course backup (.mbz)
                message += ("; it is the questions.xml of a Moodle backup, which quizapp "
                            f"cannot read: {EXPORT_MOODLE_XML_HOW}")
            raise InteropError(message)
        questions: list[Question] = []
        for element in root:
            stop_point(should_stop)
            self.line = line_of(element)
            self.name = ""
            if element.tag != "question":
                self.warn(f"<{element.tag}> is not a question; it was skipped")
                continue
            kind = (element.get("type") or "").lower()
            self.name = self.plain(element.find("name"), quiet=True)
            try:
                question = self.question(kind, element)
            except SkipQuestion as skip:
                self.changed(str(skip))  # the warning names the question left out
                continue
            if question is not None:
                questions.append(question)
        return questions

    def question(self, kind: str, element: ET.Element) -> Question | None:
        if kind == "category":
            self.category(element)
            return None
        if kind in UNSUPPORTED:
            raise SkipQuestion(f"{UNSUPPORTED[kind]}; the question was skipped")
        read = MOODLE_READERS.get(kind)
        if read is None:
            raise SkipQuestion(f"the Moodle question type {kind!r} is not supported; skipped")
        return read(self, element)

    def q_multichoice(self, element: ET.Element) -> Question | None:
        fields = self.common(element)
        answers = element.findall("answer")
        choices, credits = [], []
        for n, a in enumerate(answers, start=1):
            text = self.text(a, what="answer")
            if not text:  # nothing to show ('<p>&nbsp;</p>'): a choice no one can pick
                worth = f", worth {self.fraction(a):g}% in Moodle," if self.fraction(a) else ""
                self.changed(f"answer {n} has no text{worth} and was left out")
                continue
            choices.append(Choice(text=text,
                                  feedback=self.text(a.find("feedback"), what="feedback") or None))
            credits.append(self.fraction(a))
        if len(choices) < 2:
            raise SkipQuestion("a multiple choice question needs at least two non-empty answers; "
                               "skipped")
        if not unique_choices([c.text for c in choices], self.report, self.line, self.name):
            return None
        shuffle = self.flag(element, "shuffleanswers", True)
        # Moodle's numbering of the choices, kept for the export ('abc', its default: none)
        numbering = self.child_text(element, "answernumbering")
        kept = numbering if numbering in NUMBERINGS[1:] else None
        # "Select one:" above the choices: Moodle reads a file without it (before 3.9) as 1
        instruction = self.flag(element, "showstandardinstruction", True)
        full = [i for i, c in enumerate(credits) if c >= 100]
        positive = [i for i, c in enumerate(credits) if c > 0]
        if not positive:
            raise SkipQuestion("no answer has a positive fraction; the question was skipped")
        single = self.flag(element, "single", True)
        if single:
            for choice, credit in zip(choices, credits, strict=True):
                if credit < 0:
                    self.changed(negative_marks_lost(choice.text, credit))
            best = full[0] if full else max(range(len(credits)), key=credits.__getitem__)
            if not full:
                self.changed(f"no answer is worth 100% (Moodle refuses such a question); the "
                             f"best, {choices[best].text!r} ({credits[best]:.4g}%), is the "
                             "right answer here, with full marks")
            if len(full) > 1:
                others = ", ".join(repr(choices[i].text) for i in full[1:])
                self.changed(several_fully_right(len(full), choices[best].text, others))
            for i in positive:
                if i not in full and i != best:
                    self.changed(f"choosing {choices[i].text!r} earns {credits[i]:.4g}% of "
                                 "the marks in Moodle; a quizapp multiple choice question has "
                                 "no partial credit, so here it is marked wrong")
            return MultipleChoice(choices=tuple(choices), correct=best, shuffle=shuffle,
                                  numbering=kept, moodle_instruction=instruction, **fields)
        credits = [max(-100.0, min(100.0, c)) for c in credits]
        choices = author_weights(choices, credits)
        return MultipleSelect(choices=tuple(choices), correct=tuple(positive), shuffle=shuffle,
                              numbering=kept, moodle_instruction=instruction, **fields)

    def q_truefalse(self, element: ET.Element) -> Question | None:
        fields = self.common(element)
        value, notes = None, {}
        for a in element.findall("answer"):
            said = self.plain(a).lower()
            if said not in ("true", "false"):
                continue
            if self.fraction(a) >= 100:
                value = said == "true"
            notes[said == "true"] = self.text(a.find("feedback"), what="feedback")
        if value is None:
            raise SkipQuestion("neither 'true' nor 'false' is marked right; skipped")
        return TrueFalse(
            answer=value,
            feedback_if_true=notes.get(True) or None,
            feedback_if_false=notes.get(False) or None,
            **fields,
        )

    def q_matching(self, element: ET.Element) -> Question | None:
        fields = self.common(element)
        pairs: list[tuple[str, str]] = []
        lefts: set[str] = set()  # a set, not one made anew for each pair
        for sub in element.findall("subquestion"):
            left = self.plain(sub)
            right = " ".join(self.child_text(sub, "answer").split())
            if not left:
                if right:
                    self.warn(f"the extra right-hand answer {right!r} (a distractor) is not "
                              "supported; it was left out")
                continue
            # a right side may repeat (cat -> mammal, dog -> mammal), a left may not
            if not right or left in lefts:
                self.warn(f"the pair {left!r} -> {right!r} is empty or repeats a left side; "
                          "it was left out")
                continue
            pairs.append((left, right))
            lefts.add(left)
        if len(pairs) < 2:
            raise SkipQuestion("a matching question needs at least two pairs; skipped")
        if one_right_side(pairs):
            raise SkipQuestion("every pair has the same right side, so there is nothing to choose "
                               "between; skipped")
        return Matching(pairs=tuple(pairs), shuffle=self.flag(element, "shuffleanswers", True),
                        **fields)

    def q_ordering(self, element: ET.Element) -> Question | None:
        fields = self.common(element)
        # qtype_ordering writes the items in the right order, each fraction its position.
        answers = list(enumerate(element.findall("answer")))
        answers.sort(key=lambda pair: (self.fraction(pair[1]), pair[0]))
        items = [self.plain(a) for _, a in answers]
        items = [i for i in items if i]
        if len(items) < 2 or len(set(items)) != len(items):
            raise SkipQuestion("an ordering question needs two or more different items; skipped")
        select = self.child_text(element, "selecttype").upper()
        if select and select not in ("ALL", "0"):
            self.warn("Moodle shows a subset of the items here; quizapp asks for all of them")
        grading = self.child_text(element, "gradingtype").upper()
        if grading and grading not in ("LONGEST_ORDERED_SUBSET", "5"):
            self.changed(f"Moodle grades this order by {ORDER_GRADING.get(grading, grading)}; "
                         "quizapp gives part marks for the longest run of items in the right "
                         "order, so a learner's marks may differ")
        return Ordering(items=tuple(items), **fields)


def parse_moodle_xml(
    data: bytes, path: str = "<xml>", media_folder: str | None = None, *,
    should_stop: StopCheck = never_stop,
) -> tuple[list[Question], list[str], dict[str, bytes]]:
    """Questions from Moodle XML, warnings (FILE:LINE: warning: ...) for all left out, and
    the pictures to save: {path relative to the bank's folder: bytes}, each under
    `media_folder` (None: pictures are reported, not kept)."""
    read = read_moodle_xml(data, path, media_folder, should_stop=should_stop)
    return read.questions, read.warnings, read.media


@dataclass(frozen=True)
class ReadMoodleXml:
    """parse_moodle_xml's questions, warnings and pictures, and what the bank keeps of the
    file besides: its title when quizapp wrote the file (else None), and its categories'
    descriptions and ID numbers (Bank.categories)."""

    questions: list[Question]
    warnings: list[str]
    media: dict[str, bytes]
    title: str | None
    categories: tuple[CategoryNote, ...]


def read_moodle_xml(
    data: bytes, path: str = "<xml>", media_folder: str | None = None, *,
    should_stop: StopCheck = never_stop,
) -> ReadMoodleXml:
    """parse_moodle_xml, and the bank's own facts (ReadMoodleXml)."""
    data, transcoded = utf8_as_declared(data)
    root = parse_xml(data, path)
    stop_point(should_stop)
    reader = _Reader(path, media_folder)
    if transcoded:
        reader.report.warn(0, "the file says it is UTF-8 but is not (saved again by another "
                           "program?); it was read as Windows-1252 (Western European)")
    questions = reader.read(root, should_stop)
    return ReadMoodleXml(questions, reader.report.warnings, reader.media, reader.bank_title,
                         tuple((path, *note) for path, note in reader.category_notes.items()))


# Moodle's question types -> how each is read into one of quizapp's kinds (a type
# named in UNSUPPORTED, or in neither table, is skipped with a warning).
MOODLE_READERS: dict[str, Callable[[_Reader, ET.Element], Question | None]] = {
    "multichoice": _Reader.q_multichoice,
    "truefalse": _Reader.q_truefalse,
    "shortanswer": _Reader.q_shortanswer,
    "numerical": _Reader.q_numerical,
    "matching": _Reader.q_matching,
    "ordering": _Reader.q_ordering,
    "gapselect": _Reader.q_gapselect,
    "ddwtos": _Reader.q_ddwtos,
    # Moodle's own export writes its embedded-answers qtype ('multianswer') as type="cloze"
    # and reads it back only under that name; quizapp before 2026-11 wrote 'multianswer'.
    "cloze": _Reader.q_multianswer,
    "multianswer": _Reader.q_multianswer,
}
