"""Reading Moodle XML's typed answers: short answers, numbers, and gaps in a text
(embedded answers, drop-down menus and dragged words, all typed in quizapp)."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import replace

from quizapp.core.kinds.cloze import EXACT, PLAIN_BLANK
from quizapp.core.model import (
    CLOZE_BLANK,
    Choice,
    Cloze,
    Flashcard,
    MultipleSelect,
    Numeric,
    Question,
    ShortAnswer,
    TextPolicy,
)
from quizapp.core.moodle_match import shown_moodle_answer

from ._common import author_weights, unique_choices
from .moodle_cloze import (
    GAP,
    GapSkip,
    convert_gaps,
    literal_line_starts,
    one_choice_gap,
    one_number_gap,
)
from .moodle_common import (
    FLASHCARD_TAG,
    WorthLess,
    credit_of,
    graded_first_by,
    graded_first_note,
    moodle_exact,
    partly_right_of,
    reachable_parts,
    read_units,
)
from .moodle_xml_reader import MoodleQuestionReader, SkipQuestion


class TypedAnswerReader(MoodleQuestionReader):
    """The question types whose answers quizapp's learner types."""

    def _accepted(self, element: ET.Element) -> list[str]:
        """The answers worth 100% (their feedback: _feedback_for, or a card's back)."""
        return list(dict.fromkeys(text for a in element.findall("answer")
                                  if (text := self.typed(a)) and self.fraction(a) >= 100))

    def _feedback_for(self, element: ET.Element, kept: list[str]) -> tuple[tuple[str, str], ...]:
        """The feedback on an answer kept (right or worth part of the marks) or one worth 0%,
        the first of a text winning as in Moodle ('*' is any other answer's:
        _any_other_feedback)."""
        found: dict[str, str] = {}
        kept_set = set(kept)
        for a in element.findall("answer"):
            text = self.typed(a)
            said = self.text(a.find("feedback"), what="feedback")
            if not text or not said or text == "*":
                continue
            if (text in kept_set and self.fraction(a) > 0) or self.fraction(a) <= 0:
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
            raise SkipQuestion("no accepted answer (worth 100%); the question was skipped")
        fields = self.common(element)
        if card and len(element.findall("answer")) == 1:
            # quizapp keeps the whole back, with its lines, as the answer's feedback
            answer = element.find("answer")
            back = self.text(answer.find("feedback")) if answer is not None else ""
            return Flashcard(back=back or shown_moodle_answer(accepted[0]), **fields)
        policy = moodle_exact(self.flag(element, "usecase"))
        # every answer in order, as Moodle tries them: a right answer after one worth less
        # that takes some of its responses is said
        listed = [(self.typed(a), credit_of(a.get("fraction"))) for a in element.findall("answer")]
        shadows: dict[str, tuple[str, float] | None] = {}  # a right answer: what takes it
        worth_less = WorthLess()
        right = set(accepted)
        for text, credit in listed:
            if text in right and text not in shadows:  # where Moodle first tries it
                shadows[text] = graded_first_by(text, worth_less.listed(), policy.case_sensitive)
            worth_less.add(text, credit)
        kept = []
        for written in accepted:
            shadow = shadows.get(written)
            if shadow is not None:
                self.changed(graded_first_note(written, shadow))
            else:
                kept.append(written)
        if not kept:
            raise SkipQuestion("no accepted answer (worth 100%) that Moodle does not grade by an "
                               "answer worth less listed before it; the question was skipped")
        partly_right, notes = partly_right_of(listed, policy.case_sensitive)
        for note in notes:
            self.changed(note)
        return ShortAnswer(answers=tuple(kept), policy=policy,
                           partly_right=reachable_parts(tuple(partly_right), tuple(kept), policy),
                           feedback_if_wrong=self._any_other_feedback(element),
                           feedback_for=self._feedback_for(
                               element, kept + [text for text, _ in partly_right]),
                           **fields)

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
            raise SkipQuestion("its right answer is '*', any number (Moodle marks every number "
                               "right); a quizapp numerical question needs the number that is "
                               "right, so the question was skipped")
        if not right:
            raise SkipQuestion("no numerical answer is worth 100%; the question was skipped")
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
        for note in unit_notes + self._unit_options(element, unit):
            self.warn(note)
        return Numeric(
            answer=value, tolerance=tolerance, unit=unit, feedback_if_wrong=otherwise,
            other_units=others, **fields
        )


    def _unit_options(self, element: ET.Element, unit: str | None) -> list[str]:
        """What a numerical question's unit settings ask that quizapp, whose unit is
        optional as Moodle's "units are optional" (a unit typed converts the number), does
        not: the unit graded, written before the number, instructions on it."""
        if unit is None:
            return []
        notes = []
        if self.child_text(element, "unitgradingtype") in ("1", "2"):
            try:
                penalty = float(self.child_text(element, "unitpenalty") or 0.1)
            except ValueError:
                penalty = 0.1
            notes.append(f"Moodle takes {100 * penalty:.4g}% of the marks off an answer "
                         "without its unit or with a wrong one; quizapp accepts the number "
                         "without a unit (a unit typed must be one of its own)")
        if self.flag(element, "unitsleft"):
            notes.append(f"Moodle reads its unit before the number ('{unit} 1.5'); quizapp "
                         f"reads it after the number ('1.5 {unit}')")
        said = self.plain(element.find("instructions"))
        if said:
            notes.append(f"its instructions on units ({said!r}) were left out")
        return notes

    def q_gapselect(self, element: ET.Element) -> Question | None:
        return self._gaps(element, "drop-down menus")

    def q_ddwtos(self, element: ET.Element) -> Question | None:
        return self._gaps(element, "dragged words")

    def _gaps(self, element: ET.Element, how: str) -> Question | None:
        """A gapselect or ddwtos question as a cloze whose blanks are picked from: each gap
        [[n]] offers the options of option n's group, option n right."""
        boxes = element.findall("selectoption") or element.findall("dragbox")
        options = [self.plain(o) for o in boxes]
        groups = [self.child_text(o, "group") or "1" for o in boxes]
        text = self.text(element.find("questiontext"), what="question text", prose=False)
        missing: list[str] = []
        offered: list[tuple[str, ...]] = []

        def blank(m: re.Match) -> str:
            n = int(m.group(1))
            if not 1 <= n <= len(options) or not options[n - 1]:
                missing.append(m.group(0))
                return m.group(0)
            if "|" in options[n - 1] or "{{" in options[n - 1] or "}}" in options[n - 1]:
                missing.append(m.group(0))
                return m.group(0)
            group = tuple(dict.fromkeys(
                option for option, group in zip(options, groups, strict=True)
                if group == groups[n - 1] and option))
            offered.append(group if len(group) > 1 else ())  # one word alone: typed
            return "{{" + options[n - 1] + "}}"

        text = re.sub(r"\[\[(\d+)\]\]", blank, text.replace("\\[\\[", "[[").replace(
            "\\]\\]", "]]"))
        if missing or "{{" not in text:
            raise SkipQuestion("the gaps of this question do not name its choices (or a "
                               "choice has '|', '{{' or '}}', which a quizapp blank cannot "
                               "hold); skipped")
        if how == "dragged words":
            self.warn("the words are dragged into the gaps in Moodle; in quizapp each gap "
                      "offers its group's words in a drop-down"
                      + ("" if all(o.find("infinite") is not None for o in boxes) else
                         ", and a word may fill more than one gap"))
        fields = self.common(element, prompt=text)
        fields["prompt"] = ""
        question = Cloze(text=text, **fields)
        if len(offered) != len(question.blanks):  # '{{' in the text itself
            self.warn(f"its text has '{{{{...}}}}' of its own, which quizapp reads as blanks; "
                      f"the gaps are typed here, not filled by {how}")
            return question
        shuffled = self.child_text(element, "shuffleanswers") not in ("0", "false")
        return replace(question, blank_choices=tuple(offered) if any(offered) else (),
                       pinned_choices=() if shuffled
                       else tuple(n for n, group in enumerate(offered) if group))

    def q_multianswer(self, element: ET.Element) -> Question | None:
        text = literal_line_starts(self.text(element.find("questiontext"),
                                             what="question text", prose=False))
        # html_to_text escaped '<' only; the cloze syntax survives it as written.
        if (number := one_number_gap(text)) is not None:  # kept with its tolerance
            for note in number.warnings:
                self.changed(note)
            return Numeric(answer=number.value, tolerance=number.tolerance,
                           feedback_if_wrong=number.otherwise,
                           **self.common(element, prompt=number.prompt))
        if (ticks := one_choice_gap(text)) is not None:  # several ticks: a question of choices
            fields = self.common(element, prompt=ticks.prompt)
            if not unique_choices([c for c, _, _ in ticks.choices], self.report, self.line,
                                  self.name):
                return None
            credits = [max(-100.0, min(100.0, credit)) for _, credit, _ in ticks.choices]
            choices = author_weights([Choice(text=c, feedback=f) for c, _, f in ticks.choices],
                                     credits)
            self.changed("its one gap is a multiple response gap; it is a multiple_select "
                         "question here, with the gap's choices and weights")
            return MultipleSelect(choices=tuple(choices),
                                  correct=tuple(i for i, c in enumerate(credits) if c > 0),
                                  shuffle=ticks.shuffle, **fields)
        try:
            cloze = convert_gaps(text)
        except GapSkip as skip:
            raise SkipQuestion(str(skip)) from None
        if GAP.search(cloze.text) or not CLOZE_BLANK.search(cloze.text):
            raise SkipQuestion("an embedded answer (cloze) question with no right answer in a gap, "
                               "or gaps quizapp cannot read; skipped")
        fields = self.common(element, prompt=cloze.text)
        fields["prompt"] = ""
        for note in cloze.warnings:
            self.changed(note)
        if len(cloze.case_sensitive) > 1:
            self.warn("some gaps are case-sensitive and some are not; quizapp ignores case "
                      "in all of them")
        case_sensitive = cloze.case_sensitive == {True}
        # only typed gaps keep Moodle's rule ('*' any text); a choice is compared as picked
        policy = moodle_exact(case_sensitive) if cloze.typed else TextPolicy(
            case_sensitive=case_sensitive)
        question = Cloze(text=cloze.text, policy=policy, **fields)
        # each blank's weight, part marks and feedback; a part answer a right one takes
        # first never counts (in Moodle either), and a bank may not list it
        marks = tuple((weight, reachable_parts(parts, accepted, EXACT if offered else policy),
                       said, otherwise)
                      for (weight, parts, said, otherwise), accepted, offered
                      in zip(cloze.marks, question.blanks, cloze.choices, strict=False))
        if len(marks) != len(question.blanks):  # '{{' in the text itself: blanks of its own
            self.changed("its text has '{{...}}' of its own, which quizapp reads as blanks; "
                         "the gaps' weights, part marks, feedback and choices were left out"
                         + ("; its choice gaps are typed here" if any(cloze.choices) else ""))
            return question
        if any(m != PLAIN_BLANK for m in marks):
            question = replace(question, blank_marks=marks)
        if any(cloze.choices):
            question = replace(question, blank_choices=tuple(cloze.choices),
                               pinned_choices=tuple(cloze.pinned))
        if any(cloze.tolerances) or any(cloze.answer_tolerances):
            question = replace(question, blank_tolerances=tuple(cloze.tolerances))
        if any(cloze.answer_tolerances):
            question = replace(question, answer_tolerances=tuple(cloze.answer_tolerances))
        return question


