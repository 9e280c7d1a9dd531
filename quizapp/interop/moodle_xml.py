"""Moodle XML, both ways: the format Moodle's question bank exports by default.

Format: https://docs.moodle.org/en/Moodle_XML_format. A <quiz> holds <question
type="..."> elements; a type="category" question sets the category (our tags)
of those after it. Texts are HTML (or Moodle's own formats) inside <text>;
images travel as base64 <file> elements beside the text and are referenced as
@@PLUGINFILE@@/name. What quizapp cannot hold is reported with its line.
"""

from __future__ import annotations

import html
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

from quizapp.core.kinds.matching import one_right_side
from quizapp.core.model import (
    CLOZE_BLANK,
    Choice,
    Cloze,
    Flashcard,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Numeric,
    Ordering,
    Question,
    ShortAnswer,
    TextPolicy,
    TrueFalse,
)
from quizapp.core.model_base import MAX_POINTS
from quizapp.core.moodle_match import shown_moodle_answer

from ._common import (
    IdAllocator,
    Report,
    StopCheck,
    author_weights,
    id_number_kept,
    kept_title,
    neutralize_html,
    never_stop,
    stop_point,
    unique_choices,
)
from .moodle_breaks import breaks_read_back, hard_breaks, mark_breaks
from .moodle_cloze import GAP, GapSkip, convert_gaps, one_number_gap
from .moodle_common import (
    BANK_CATEGORY_INFO,
    EXPORT_MOODLE_XML_HOW,
    FLASHCARD_TAG,
    ORDER_GRADING,
    PLUGINFILE,
    WorthLess,
    credit_of,
    graded_first_by,
    graded_first_note,
    moodle_exact,
    negative_marks_lost,
    read_units,
    several_fully_right,
)
from .moodle_html import (
    markdown_tex_as_code,
    moodle_html_to_markdown,
    neutralize_markdown,
    plain_text_to_markdown,
)
from .moodle_multilang import one_language
from .moodle_pictures import DATA_PICTURE, PictureReader

# Writing lives in moodle_xml_writer.py; these names stay importable from here.
from .moodle_xml_writer import choice_weight as choice_weight  # noqa: E402
from .moodle_xml_writer import write_moodle_xml as write_moodle_xml  # noqa: E402
from .safe_xml import line_of, parse_xml, utf8_as_declared
from .source_note import split_general_feedback

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


class _Skip(Exception):
    pass


class _Reader(PictureReader):
    def __init__(self, path: str, media_folder: str | None) -> None:
        self.report = Report(path)
        self.ids = IdAllocator()
        self.tags: tuple[str, ...] = ()
        self.bank_title: str | None = None  # from the category quizapp wrote for its bank
        self.media_folder = media_folder
        self.media: dict[str, bytes] = {}
        self.line = 0
        self.name = ""  # the current question's name in Moodle, for warnings
        # the language kept of texts written in several (Moodle's multi-language filters):
        # the first the file offers
        self.language: str | None = None

    # -- pieces ----------------------------------------------------------------------

    def warn(self, message: str) -> None:
        """A warning at the current line, naming the question read there (if it has a
        name and the message does not name it already)."""
        if self.name and not message.startswith("question "):
            message = f"question {self.name!r}: {message}"
        self.report.warn(self.line, message)

    def text(self, element: ET.Element | None, *, what: str = "text", prose: bool = True,
             quiet: bool = False, lines: bool = True) -> str:
        """The Markdown of a <questiontext>, <feedback>, <answer>... element. `prose`: the
        text is read as text, its own '*', '_'... shown as written (False: a value such as
        a typed answer, or a text whose characters are syntax, such as embedded answers)."""
        if element is None:
            return ""
        node = element.find("text")
        raw = self._one_language((node.text if node is not None else element.text) or "",
                                 quiet=quiet)
        fmt = (element.get("format") or "html").lower()
        files = self._files(element)

        def image(src: str, alt: str) -> str | None:
            src = html.unescape(src)
            pasted = DATA_PICTURE.fullmatch(src.strip())
            if src.startswith(PLUGINFILE):
                from urllib.parse import unquote

                stored = self._store_image(unquote(src[len(PLUGINFILE):]), files)
            elif pasted:
                stored = self._store_pasted(pasted, what)
            else:
                self.warn(f"the picture {src!r} in the {what} is not in the file (quizapp "
                          "never loads pictures from the web); only its description was kept")
                return None
            if not stored:
                return None
            label = alt.replace("[", "").replace("]", "") or "picture"
            return f"![{label}]({stored})"

        if fmt in ("html", "moodle_auto_format"):
            if fmt == "moodle_auto_format" and "<" not in raw:
                raw = html.escape(raw).replace("\n", "<br>")
            raw, mark = mark_breaks(raw)  # a <br>: a new line, as Moodle shows it
            text, notes = moodle_html_to_markdown(raw, image, escape=prose)
            text = hard_breaks(text, mark, lines=lines)
        elif fmt == "plain_text":  # shown as written, in Moodle and here
            text = "\n".join(line.rstrip() for line in raw.strip().splitlines())
            text, notes = plain_text_to_markdown(text) if prose else (text, [])
        else:  # markdown: kept as it is, with anything tag-like shown literally
            text = neutralize_markdown("\n".join(line.rstrip() for line in breaks_read_back(
                raw.strip().replace("\r\n", "\n")).splitlines()))
            # ![alt](@@PLUGINFILE@@/name): a picture in the file
            text = _MARKDOWN_PICTURE.sub(
                lambda m: image(m.group(2), m.group(1)) or (f"[{m.group(1)}]" if m.group(1)
                                                            else ""), text)
            text, notes = markdown_tex_as_code(text)
        for note in notes:
            self.changed(f"in the {what}, {note}")
        return text

    def changed(self, message: str) -> None:
        """Say what was changed of what the teacher wrote, naming the question (once)."""
        said = f"question {self.name!r}: {message}" if self.name else message
        where = f"{self.report.path}:{self.line}" if self.line else self.report.path
        if f"{where}: warning: {said}" not in self.report.warnings[-20:]:
            self.warn(said)

    def _one_language(self, raw: str, *, quiet: bool = False) -> str:
        """A text written in several languages for Moodle's multi-language filters, in the
        language kept (said, unless `quiet`: a question's name, read before its warnings)."""
        text, languages = one_language(raw, self.language)
        if languages:
            self.language = self.language or languages[0]
            if not quiet:
                self.changed("its texts are written in several languages for Moodle's "
                             f"multi-language filter; quizapp keeps one: {self.language!r}, "
                             "the file's first (a text without it, its own first)")
        return text

    def plain(self, element: ET.Element | None, tag: str = "text", *,
              quiet: bool = False) -> str:
        """A short value such as an answer's text: HTML read as text, on one line."""
        if element is None:
            return ""
        return " ".join(self.text(element, prose=False, quiet=quiet, lines=False).split())

    def typed(self, answer: ET.Element) -> str:
        """A short answer as the learner types it. Moodle keeps it as plain text, whatever
        it looks like ('<b>' for the tag that makes text bold), and exports it in
        moodle_auto_format: read as written (with no format too, as Moodle reads it). An
        answer marked HTML is read as HTML."""
        if (answer.get("format") or "plain_text").lower() not in ("moodle_auto_format",
                                                                  "plain_text"):
            return self.plain(answer)
        node = answer.find("text")
        return " ".join(((node.text if node is not None else answer.text) or "").split())

    def child_text(self, element: ET.Element, name: str) -> str:
        child = element.find(name)
        if child is None:
            return ""
        inner = child.find("text")
        return ((inner.text if inner is not None else child.text) or "").strip()

    def flag(self, element: ET.Element, name: str, default: bool = False) -> bool:
        value = self.child_text(element, name).lower()
        if not value:
            return default
        return value in ("1", "true", "yes")

    def fraction(self, answer: ET.Element) -> float:
        try:
            value = float(answer.get("fraction", "0"))
        except ValueError:
            self.warn(f"the fraction {answer.get('fraction')!r} is not a number; read as 0")
            return 0.0
        return value if math.isfinite(value) else 0.0

    # -- questions -------------------------------------------------------------------

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
            except _Skip as skip:
                self.changed(str(skip))  # the warning names the question left out
                continue
            if question is not None:
                questions.append(question)
        return questions

    def question(self, kind: str, element: ET.Element) -> Question | None:
        if kind == "category":
            self.category(self.child_text(element, "category"),
                          BANK_CATEGORY_INFO in self.child_text(element, "info"))
            return None
        if kind in UNSUPPORTED:
            raise _Skip(f"{UNSUPPORTED[kind]}; the question was skipped")
        read = MOODLE_READERS.get(kind)
        if read is None:
            raise _Skip(f"the Moodle question type {kind!r} is not supported; skipped")
        return read(self, element)

    def category(self, path: str, bank: bool = False) -> None:
        """The category's names become the tags of the questions after it; `bank`: the
        category quizapp wrote for the whole bank (BANK_CATEGORY_INFO), whose name is the
        bank's title and no tag."""
        # Moodle writes a '/' inside a category name as '//'.
        parts = [p.replace("\0", "/").strip() for p in path.replace("//", "\0").split("/")]
        parts = [p for p in parts if p and not (p.startswith("$") and p.endswith("$"))]
        if parts and parts[0].lower() == "top":
            parts = parts[1:]
        if bank:
            self.bank_title = self.bank_title or (parts[-1] if parts else None)
            parts = []
        self.tags = tuple(dict.fromkeys(neutralize_html(p) for p in parts))

    def common(self, element: ET.Element, prompt: str | None = None) -> dict:
        name = self.plain(element.find("name"), quiet=True)
        if prompt is None:
            prompt = self.text(element.find("questiontext"), what="question text")
        image = description = None
        picture = _LAST_PICTURE.search(prompt)
        if picture and self.media_folder and picture.group(2).startswith(self.media_folder):
            # A picture after the text is the question's picture, shown as quizapp shows one;
            # its alt text describes it (unless it is the word a label-less picture gets).
            image, prompt = picture.group(2), prompt[: picture.start()].rstrip()
            description = picture.group(1).strip() if picture.group(1) != "picture" else None
        if image is None:
            image = self._old_image(element)
        if not prompt and name:
            prompt = neutralize_html(name)
        if not prompt:
            raise _Skip("the question has no text; skipped")
        if self.child_text(element, "hidden").strip() == "1":
            self.changed("it was hidden in Moodle (kept out of new quizzes); quizapp has no "
                         "hidden questions, so it is imported as any other")
        own_tags = [self.plain(t) for t in element.findall("tags/tag")]
        tags = tuple(dict.fromkeys([*self.tags, *(t for t in own_tags if t)]))
        # quizapp writes a question's source and quotes after its explanation
        explanation, source, quotes = split_general_feedback(
            self.text(element.find("generalfeedback"), what="general feedback"))
        # Moodle's ID number is the teacher's own id for the question; its name is kept apart
        idnumber = " ".join(self.child_text(element, "idnumber").split())
        qid = self.ids.exact(idnumber) if idnumber else self.ids.allocate(name or None, prompt)
        if idnumber and qid != idnumber:
            self.changed(f"its ID number {idnumber!r} is another question's too (Moodle keeps "
                         f"them apart by category); here, and in an export, it is {qid!r}")
        # plain text in Moodle, but for the spans of its multi-language filter
        title = kept_title(self._one_language(self.child_text(element, "name"), quiet=True), qid)
        fields = {
            "id": qid,
            "title": title,
            **id_number_kept(idnumber, qid, title),
            "prompt": prompt,
            "explanation": explanation,
            "source": source,
            "quotes": quotes,
            "tags": tuple(t for t in tags if t != FLASHCARD_TAG),
            "line": self.line,
            "image": image,
            "image_description": description or None,
        }
        grade = self.child_text(element, "defaultgrade")
        try:
            points = float(grade) if grade else 1.0
        except ValueError:
            points = 1.0
        if math.isfinite(points) and points > MAX_POINTS:
            self.warn(f"its default grade {points:g} is more than a question can weigh in "
                      f"quizapp; it counts {MAX_POINTS:,} points")
            points = MAX_POINTS
        if math.isfinite(points) and points > 0:
            fields["points"] = points
        hints = [h for h in element.findall("hint") if self.text(h)]
        if hints:
            self.warn(f"{len(hints)} hint(s) for further tries are not supported; left out")
        for part in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
            said = self.text(element.find(part), what=part)
            if said and said not in _MOODLE_DEFAULT_FEEDBACK:
                self.warn(f"the {part} {said!r} is not supported (quizapp shows right or "
                          "wrong itself); it was left out")
        return fields

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
            raise _Skip("a multiple choice question needs at least two non-empty answers; "
                        "skipped")
        if not unique_choices([c.text for c in choices], self.report, self.line, self.name):
            return None
        shuffle = self.flag(element, "shuffleanswers", True)
        full = [i for i, c in enumerate(credits) if c >= 100]
        positive = [i for i, c in enumerate(credits) if c > 0]
        if not positive:
            raise _Skip("no answer has a positive fraction; the question was skipped")
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
                                  **fields)
        credits = [max(-100.0, min(100.0, c)) for c in credits]
        choices = author_weights(choices, credits)
        return MultipleSelect(choices=tuple(choices), correct=tuple(positive), shuffle=shuffle,
                              **fields)

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
            raise _Skip("neither 'true' nor 'false' is marked right; skipped")
        return TrueFalse(
            answer=value,
            feedback_if_true=notes.get(True) or None,
            feedback_if_false=notes.get(False) or None,
            **fields,
        )

    def _accepted(self, element: ET.Element) -> list[str]:
        """The answers worth 100% (their feedback: _feedback_for, or a card's back)."""
        accepted = []
        for a in element.findall("answer"):
            text = self.typed(a)
            if not text:
                continue
            if self.fraction(a) >= 100:
                accepted.append(text)
            elif self.fraction(a) > 0:  # one worth 0% is as wrong here as there
                feedback = self.text(a.find("feedback"))
                self.warn(f"the answer {text!r} worth {self.fraction(a):g}% was left out"
                          f"{', with its feedback' if feedback else ''}: partial credit is "
                          "not supported")
        return list(dict.fromkeys(accepted))

    def _feedback_for(self, element: ET.Element, kept: list[str]) -> tuple[tuple[str, str], ...]:
        """The feedback on a right answer kept or one worth 0%, the first of a text winning
        as in Moodle ('*' is any other answer's: _any_other_feedback)."""
        found: dict[str, str] = {}
        right = set(kept)
        for a in element.findall("answer"):
            text = self.typed(a)
            said = self.text(a.find("feedback"), what="feedback")
            if not text or not said or text == "*":
                continue
            if (text in right and self.fraction(a) >= 100) or self.fraction(a) <= 0:
                found.setdefault(text, said)
        return tuple(found.items())

    def _any_other_feedback(self, element: ET.Element) -> str | None:
        """The feedback of the first '*' worth less than 100%: Moodle's for any other answer."""
        return next((self.text(a.find("feedback"), what="feedback") or None
                     for a in element.findall("answer")
                     if self.typed(a) == "*" and self.fraction(a) < 100), None)

    def q_shortanswer(self, element: ET.Element) -> Question | None:
        own_tags = [self.plain(t) for t in element.findall("tags/tag")]
        card = FLASHCARD_TAG in own_tags
        accepted = self._accepted(element)
        if not accepted:
            raise _Skip("no accepted answer (worth 100%); the question was skipped")
        fields = self.common(element)
        if card and len(element.findall("answer")) == 1:
            # quizapp keeps the whole back, with its lines, as the answer's feedback
            answer = element.find("answer")
            back = self.text(answer.find("feedback")) if answer is not None else ""
            return Flashcard(back=back or shown_moodle_answer(accepted[0]), **fields)
        policy = moodle_exact(self.flag(element, "usecase"))
        # every answer in order, as Moodle tries them: a right answer after one worth less
        # that takes some of its responses is said
        shadows: dict[str, tuple[str, float] | None] = {}  # a right answer: what takes it
        worth_less = WorthLess()
        right = set(accepted)
        for a in element.findall("answer"):
            text, credit = self.typed(a), credit_of(a.get("fraction"))
            if text in right and text not in shadows:  # where Moodle first tries it
                shadows[text] = graded_first_by(text, worth_less.listed(),
                                                policy.case_sensitive)
            worth_less.add(text, credit)
        kept = []
        for written in accepted:
            shadow = shadows.get(written)
            if shadow is not None:
                self.changed(graded_first_note(written, shadow))
            else:
                kept.append(written)
        if not kept:
            raise _Skip("no accepted answer (worth 100%) that Moodle does not grade by an "
                        "answer worth less listed before it; the question was skipped")
        return ShortAnswer(answers=tuple(kept), policy=policy,
                           feedback_if_wrong=self._any_other_feedback(element),
                           feedback_for=self._feedback_for(element, kept), **fields)

    def q_numerical(self, element: ET.Element) -> Question | None:
        fields = self.common(element)
        found = []
        otherwise = None
        any_number_right = False  # '*' worth 100%: Moodle marks every number right
        other_numbers_credit = 0.0  # '*' worth part: Moodle gives it for any other number
        for a in element.findall("answer"):
            raw = self.plain(a)
            if raw == "*":  # Moodle's "any other answer", a holder for feedback
                otherwise = self.text(a.find("feedback"), what="feedback") or None
                credit = self.fraction(a)
                any_number_right = any_number_right or credit >= 100
                if 0 < credit < 100:
                    other_numbers_credit = max(other_numbers_credit, credit)
                continue
            try:
                value = float(raw.replace(",", "."))
                tolerance = abs(float(self.child_text(a, "tolerance") or 0))
            except ValueError:
                self.warn(f"the numerical answer {raw!r} is not a number; it was left out")
                continue
            if not (math.isfinite(value) and math.isfinite(tolerance)):
                continue
            found.append((self.fraction(a), value, tolerance, a))
        right = [f for f in found if f[0] >= 100]
        if not right and any_number_right:
            raise _Skip("its right answer is '*', any number (Moodle marks every number right); "
                        "a quizapp numerical question needs the number that is right, so the "
                        "question was skipped")
        if not right:
            raise _Skip("no numerical answer is worth 100%; the question was skipped")
        if any_number_right:
            self.warn("the answer '*' worth 100% (any number, in Moodle) was left out: here "
                      f"only {right[0][1]:g}" + (f" ± {right[0][2]:g}" if right[0][2] else "")
                      + " is right")
            otherwise = None  # the feedback of a right answer, not of a wrong one
        _, value, tolerance, _a = right[0]
        if other_numbers_credit and not any_number_right:
            self.warn(f"the answer '*' worth {other_numbers_credit:g}% (any other number, in "
                      "Moodle) was left out: here a number other than "
                      + f"{value:g}" + (f" ± {tolerance:g}" if tolerance else "")
                      + " scores nothing")
        for credit, v, t, _answer in found:
            if (v, t) != (value, tolerance):
                self.warn(f"the extra numerical answer {v:g}" + (f" ± {t:g}" if t else "")
                          + f" (worth {credit:g}%) was left out: quizapp accepts one number "
                          "with a tolerance")
        for *_value, a in found:
            if self.text(a.find("feedback")):
                self.warn("feedback on numerical answers is not supported; it was left out")
                break
        unit, others, unit_notes = read_units(
            [(self.child_text(u, "unit_name"), self.child_text(u, "multiplier") or "1")
             for u in element.findall("units/unit")])
        for note in unit_notes:
            self.warn(note)
        return Numeric(
            answer=value, tolerance=tolerance, unit=unit, feedback_if_wrong=otherwise,
            other_units=others, **fields
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
            raise _Skip("a matching question needs at least two pairs; skipped")
        if one_right_side(pairs):
            raise _Skip("every pair has the same right side, so there is nothing to choose "
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
            raise _Skip("an ordering question needs two or more different items; skipped")
        select = self.child_text(element, "selecttype").upper()
        if select and select not in ("ALL", "0"):
            self.warn("Moodle shows a subset of the items here; quizapp asks for all of them")
        grading = self.child_text(element, "gradingtype").upper()
        if grading and grading not in ("LONGEST_ORDERED_SUBSET", "5"):
            self.changed(f"Moodle grades this order by {ORDER_GRADING.get(grading, grading)}; "
                         "quizapp gives part marks for the longest run of items in the right "
                         "order, so a learner's marks may differ")
        return Ordering(items=tuple(items), **fields)

    def q_gapselect(self, element: ET.Element) -> Question | None:
        return self._gaps(element, "drop-down menus")

    def q_ddwtos(self, element: ET.Element) -> Question | None:
        return self._gaps(element, "dragged words")

    def _gaps(self, element: ET.Element, how: str) -> Question | None:
        options = [self.plain(o) for o in (element.findall("selectoption")
                                           or element.findall("dragbox"))]
        text = self.text(element.find("questiontext"), what="question text", prose=False)
        missing: list[str] = []

        def blank(m: re.Match) -> str:
            n = int(m.group(1))
            if not 1 <= n <= len(options) or not options[n - 1]:
                missing.append(m.group(0))
                return m.group(0)
            return "{{" + options[n - 1] + "}}"

        text = re.sub(r"\[\[(\d+)\]\]", blank, text.replace("\\[\\[", "[[").replace(
            "\\]\\]", "]]"))
        if missing or "{{" not in text:
            raise _Skip("the gaps of this question do not name its choices; skipped")
        self.warn(f"the gaps are filled by {how} in Moodle; in quizapp the learner types "
                  "each word")
        fields = self.common(element, prompt=text)
        fields["prompt"] = ""
        return Cloze(text=text, **fields)

    def q_multianswer(self, element: ET.Element) -> Question | None:
        text = self.text(element.find("questiontext"), what="question text", prose=False)
        # html_to_text escaped '<' only; the cloze syntax survives it as written.
        if (number := one_number_gap(text)) is not None:  # kept with its tolerance
            for note in number.warnings:
                self.changed(note)
            return Numeric(answer=number.value, tolerance=number.tolerance,
                           feedback_if_wrong=number.otherwise,
                           **self.common(element, prompt=number.prompt))
        try:
            cloze = convert_gaps(text)
        except GapSkip as skip:
            raise _Skip(str(skip)) from None
        if GAP.search(cloze.text) or not CLOZE_BLANK.search(cloze.text):
            raise _Skip("an embedded answer (cloze) question with no right answer in a gap, "
                        "or gaps quizapp cannot read; skipped")
        fields = self.common(element, prompt=cloze.text)
        fields["prompt"] = ""
        for note in [*cloze.warnings, *(f"{what} is not supported; it was left out"
                                        for what in sorted(cloze.left_out))]:
            self.changed(note)
        if len(cloze.case_sensitive) > 1:
            self.warn("some gaps are case-sensitive and some are not; quizapp ignores case "
                      "in all of them")
        case_sensitive = cloze.case_sensitive == {True}
        # a gap Moodle shows as a menu is typed here: only typed gaps keep Moodle's rule
        policy = moodle_exact(case_sensitive) if cloze.typed else TextPolicy(
            case_sensitive=case_sensitive)
        return Cloze(text=cloze.text, policy=policy, **fields)


_MARKDOWN_PICTURE = re.compile(r"!\[([^\]\n]*)\]\((@@PLUGINFILE@@/[^)\s]+)\)")
# a picture in a paragraph of its own at the end (as quizapp writes a question's `image`);
# one inside the text's last line stays in the text
_LAST_PICTURE = re.compile(r"(?:^|\n\n)!\[([^\]\n]*)\]\(([^)\s]+)\)\s*$")

# Moodle fills these in by itself; they say nothing a teacher wrote.
_MOODLE_DEFAULT_FEEDBACK = {
    "Your answer is correct.",
    "Your answer is partially correct.",
    "Your answer is incorrect.",
}


def parse_moodle_xml(
    data: bytes, path: str = "<xml>", media_folder: str | None = None, *,
    should_stop: StopCheck = never_stop,
) -> tuple[list[Question], list[str], dict[str, bytes]]:
    """Questions from Moodle XML, warnings (FILE:LINE: warning: ...) for all left out, and
    the pictures to save: {path relative to the bank's folder: bytes}, each under
    `media_folder` (None: pictures are reported, not kept)."""
    questions, warnings, media, _title = read_moodle_xml(data, path, media_folder,
                                                        should_stop=should_stop)
    return questions, warnings, media


def read_moodle_xml(
    data: bytes, path: str = "<xml>", media_folder: str | None = None, *,
    should_stop: StopCheck = never_stop,
) -> tuple[list[Question], list[str], dict[str, bytes], str | None]:
    """parse_moodle_xml, and the bank's title when quizapp wrote the file (else None)."""
    data, transcoded = utf8_as_declared(data)
    root = parse_xml(data, path)
    stop_point(should_stop)
    reader = _Reader(path, media_folder)
    if transcoded:
        reader.report.warn(0, "the file says it is UTF-8 but is not (saved again by another "
                           "program?); it was read as Windows-1252 (Western European)")
    questions = reader.read(root, should_stop)
    return questions, reader.report.warnings, reader.media, reader.bank_title


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
