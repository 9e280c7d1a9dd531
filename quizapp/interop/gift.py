"""Moodle GIFT: read every construct into the bank model, and write banks back.

GIFT reference: https://docs.moodle.org/en/GIFT_format. A question is a block
of lines ended by a blank line; its answers sit in one {...} block. Escapes
(\\~ \\= \\# \\{ \\} \\: \\\\ \\n) are swapped for private-use characters first so
that the parsing below never mistakes an escaped character for syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizapp.core.kinds.matching import one_right_side
from quizapp.core.model import (
    Choice,
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
from quizapp.core.yaml_values import shown

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
from .gift_blocks import Block, Codec, comment_id_and_tags, split_blocks
from .gift_numbers import number_spec

# Writing lives in gift_writer.py; these names stay importable from here.
from .gift_writer import BLANK as BLANK
from .gift_writer import FLASHCARD_MARK as FLASHCARD_MARK
from .gift_writer import escape as escape
from .gift_writer import write_gift as write_gift
from .gift_writer import write_gift_counting as write_gift_counting
from .moodle_breaks import HARD_BREAK, breaks_read_back, hard_breaks, mark_breaks
from .moodle_common import (
    WorthLess,
    graded_first_by,
    graded_first_note,
    moodle_category,
    moodle_exact,
    negative_marks_lost,
    partly_right_of,
    reachable_parts,
    several_fully_right,
    tag_also_category,
)
from .moodle_html import moodle_html_to_markdown, neutralize_markdown, plain_text_to_markdown
from .source_note import split_general_feedback


@dataclass
class _Answer:
    right: bool  # written with '='
    weight: float | None  # the %n% weight, if any
    text: str
    feedback: str | None

    @property
    def credit(self) -> float:
        if self.weight is not None:
            return self.weight
        return 100.0 if self.right else 0.0


_WEIGHT = re.compile(r"^\s*%(-?\d+(?:[.,]\d+)?)%")
_FORMAT_TAG = re.compile(r"^\s*\[(html|markdown|plain|moodle)\]", re.I)
_TITLE = re.compile(r"^\s*::(.*?)::", re.S)
# a newline inside a paragraph, before a line that starts no Markdown block of its own (a
# list item, heading, quote, table row, code fence), and not after a hard break already
_LINE_IN_PARAGRAPH = re.compile(r"(?<=[^\s\\])\n(?=[ \t]*[^\s\-*+#>|`\d])")
# a title at the start of a line further on: a question glued to the one before it
_LINE_TITLE = re.compile(r"^[ \t]*::(.*?)::", re.M | re.S)
# An HTML tag, by the names Moodle's editor writes: [moodle] text holding one is HTML, as
# Moodle shows it ('x<y' or 'a <b> c' with no tag name of these stays text).
_HTML_TAG = re.compile(
    r"</?(?:p|br|b|i|u|s|em|strong|span|div|sup|sub|a|img|ul|ol|li|table|thead|tbody|tr|td"
    r"|th|pre|code|tt|h[1-6]|blockquote|hr|font|strike|del|ins|small|big)(?:\s[^<>]*)?/?>",
    re.I,
)


class _Parser:
    def __init__(self, text: str, path: str) -> None:
        self.report = Report(path)
        self.ids = IdAllocator()
        self.tags: tuple[str, ...] = ()
        self.category: str | None = None  # from the last $CATEGORY: (core/category.py)
        self.questions: list[Question] = []
        self.text = text
        self.codec = Codec(text)
        self.pictures: list[str] = []  # <img> sources met in the current question
        self.html_notes: list[str] = []  # what its HTML's Markdown could not say
        self.title: str | None = None  # its ::title::, to name it in those notes
        self.flashcard_next = False
        # its Moodle ID number and tags, from its "// [id:...] [tag:...]" comment
        self.idnumber: str | None = None
        self.comment_tags: tuple[str, ...] = ()
        # the title of the bank quizapp wrote this file from (None: not written by quizapp);
        # its category, named after the bank, holds every question and is no tag
        self.bank_title = quizapp_gift_title(text)

    # -- text pieces ---------------------------------------------------------

    def _picture(self, src: str, alt: str) -> None:
        """GIFT carries no files: a picture is reported (at its question's line) and only
        its description is kept."""
        self.pictures.append(src)
        return None

    def _clean(self, text: str, fmt: str, *, prose: bool = True) -> str:
        """A piece of question text as safe Markdown, escapes resolved. [html], and
        [moodle] (GIFT's default, which Moodle shows as HTML) holding an HTML tag, have
        their HTML converted as Moodle XML's is (moodle_html.py); [plain] shows as written;
        [markdown], and [moodle] text without a tag, are Markdown. `prose`: a text shown to
        the learner (False: an accepted answer or a matching side, kept as typed)."""
        text = text.strip()
        tag = _FORMAT_TAG.match(text)
        if tag:  # answers and feedback may carry their own tag
            fmt = tag.group(1).lower()
            text = text[tag.end() :].strip()
        text = self.codec.restore(text)
        if fmt == "html" or (fmt == "moodle" and _HTML_TAG.search(text)):
            # Moodle's HTML: tables, <pre>, <sup>, TeX kept as moodle_xml does
            text, mark = mark_breaks(text)  # a <br>: a new line, as Moodle shows it
            markdown, notes = moodle_html_to_markdown(text, self._picture, escape=False)
            self.html_notes += notes
            return hard_breaks(markdown, mark, lines=prose)
        if fmt == "markdown":  # a line ending in two spaces: a break, kept as '\\'
            text = breaks_read_back(text)
        text = "\n".join(line.rstrip() for line in text.split("\n")).strip()
        if fmt == "markdown":  # as quizapp writes it: a '\\<' it escaped stays as it is
            return neutralize_markdown(text)
        if fmt == "plain" and prose:  # its '*', '<b>' and line breaks shown as written
            markdown, notes = plain_text_to_markdown(text)
            self.html_notes += notes
            return markdown
        if fmt == "moodle" and prose:  # Moodle shows each of its lines as a line
            text = _LINE_IN_PARAGRAPH.sub(HARD_BREAK, text)
        return neutralize_html(text)

    def _answers(self, body: str) -> tuple[str, list[_Answer]]:
        """Split an answer block into its '=' / '~' answers; returns text before the first."""
        parts = re.split(r"(?=[=~])", body)
        lead = parts[0]
        answers = []
        for part in parts[1:]:
            right = part[0] == "="
            rest = part[1:]
            weight = None
            m = _WEIGHT.match(rest)
            if m:
                weight = float(m.group(1).replace(",", "."))
                rest = rest[m.end() :]
            text, _, feedback = rest.partition("#")
            answers.append(_Answer(right, weight, text, feedback if _ else None))
        return lead, answers

    # -- blocks --------------------------------------------------------------

    def parse(self, should_stop: StopCheck = never_stop) -> list[Question]:
        for block in split_blocks(self.text, self.codec):
            stop_point(should_stop)
            self.pictures, self.html_notes, self.title = [], [], None
            self.idnumber, self.comment_tags = comment_id_and_tags(block.comments)
            said_before = len(self.report.warnings)
            try:
                self._block(block)
            except _Skip as skip:
                self.report.warn(skip.line or block.line, skip.message)
            for note in dict.fromkeys(self.html_notes):
                self.report.warn(block.line, note)
            for src in dict.fromkeys(self.pictures):
                self.report.warn(block.line, f"the picture {src!r} is not in the GIFT file "
                                 "(GIFT carries no pictures); only its description was kept")
            if self.title:
                self._name_question(said_before, self.title)
        return self.questions

    def _name_question(self, first: int, title: str) -> None:
        """Name the question `title` in the warnings said about it, from the `first` on."""
        warnings = self.report.warnings
        for i in range(first, len(warnings)):
            where, sep, message = warnings[i].partition(": warning: ")
            if sep and not message.startswith("question "):
                warnings[i] = f"{where}{sep}question {title!r}: {message}"

    def _block(self, block: Block) -> None:
        text = block.text
        line = block.line
        if text.lstrip().startswith("$CATEGORY:"):
            first, _, rest = text.lstrip().partition("\n")
            self._category(first[len("$CATEGORY:") :])
            if not rest.strip():
                return
            line += text.lstrip().count("\n", 0, len(first) + 1)
            text = rest
        title = None
        m = _TITLE.match(text)
        if m:
            title = self.codec.restore(m.group(1)).strip()
            text = text[m.end() :]
            self.title = title or None
            if "::" in text.split("{", 1)[0]:  # '::Time 10::30:: When?' is cut at '10'
                self.report.warn(line, f"the title {title!r} is followed by a '::' in the "
                                 "question's text: Moodle ends a title at its first '::', as "
                                 "quizapp does (write \\: for a ':' in a title)")
        elif text.lstrip().startswith("::"):
            # Moodle drops the '::' of a title never closed and reads the rest as the text
            text = text.lstrip()[2:]
            words = " ".join(self.codec.restore(text.split("{", 1)[0]).split())
            self.report.warn(line, f"the question {shown(words, 40)!r} opens a title with '::' "
                             "that no other '::' closes; Moodle reads it all as the question's "
                             "text, as quizapp does")
        fmt = "moodle"
        m = _FORMAT_TAG.match(text)
        if m:
            fmt = m.group(1).lower()
            text = text[m.end() :]
        start = text.find("{")
        if start < 0:
            if text.strip():
                raise _Skip(
                    line,
                    "a text without an answer block {...} (a Moodle "
                    "'description') is not a question; it was skipped",
                )
            raise _Skip(line, "a question title without any question; skipped")
        end = text.find("}", start)
        answer_line = line + text.count("\n", 0, start)
        if end < 0:
            raise _Skip(
                answer_line,
                "the answer block '{' is never closed with '}'; "
                "the question was skipped (write \\{ for a literal brace)",
            )
        if "{" in text[end + 1 :] or "{" in text[start + 1 : end]:
            glued = [self.codec.restore(t).strip() for t in _LINE_TITLE.findall(text[end + 1 :])]
            if glued:
                names = " and ".join(repr(t) for t in glued)
                raise _Skip(
                    answer_line,
                    f"no blank line separates it from {names}, so Moodle reads them as one "
                    "question; they were skipped (put a blank line between two questions)",
                )
            raise _Skip(
                answer_line,
                "a GIFT question has only one answer block {...}; the question was skipped "
                "(write \\{ for a literal brace; a blank line must separate two questions)",
            )
        before, body, after = text[:start], text[start + 1 : end], text[end + 1 :]
        if "}" in after:
            raise _Skip(
                answer_line,
                "an unmatched '}' follows the answer block; the "
                "question was skipped (write \\} for a literal brace)",
            )
        general = None
        if "####" in body:
            body, _, general = body.partition("####")
            general = self._clean(general, fmt) or None
        ctx = _Context(self, title, fmt, before, after, answer_line, general)
        ctx.card = block.flashcard
        question = ctx.build(body)
        if block.flashcard and isinstance(question, ShortAnswer) and len(question.answers) == 1:
            fields = {f: getattr(question, f) for f in ("id", "prompt", "explanation", "source",
                                                        "quotes", "tags", "line")}
            question = Flashcard(back=ctx.card_back or question.answers[0], **fields)
        if question is not None:
            self.questions.append(question)

    def _category(self, raw: str) -> None:
        # quizapp's category for the whole bank (gift_writer.py) is no category and no tag
        read = moodle_category(self.codec.restore(raw).strip(), bank_title=self.bank_title)
        self.tags, self.category = read.tags, read.category


def quizapp_gift_title(text: str) -> str | None:
    """The bank title that `quizapp export` writes as the first comment of a GIFT file."""
    lines = text.lstrip("\ufeff").splitlines()[:2]
    if len(lines) == 2 and lines[1].strip() == "// written by quizapp":
        title = lines[0].removeprefix("//").strip()
        return title or None
    return None


class _Skip(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _Context:
    """One question being built: its title, text around the answers, and feedback."""

    def __init__(self, parser, title, fmt, before, after, line, general):
        self.p = parser
        self.title = title
        self.fmt = fmt
        self.before = before
        self.after = after
        self.line = line
        self.general = general
        self.report = parser.report
        # A flashcard quizapp wrote: its answer's feedback, when there is one, is the
        # whole back (Markdown); the answer is the words it shows, for Moodle to compare
        self.card = False
        self.card_back: str | None = None

    @property
    def missing_word(self) -> bool:
        return bool(self.after.strip())

    def clean(self, text: str, *, prose: bool = True) -> str:
        return self.p._clean(text, self.fmt, prose=prose)

    def typed(self, text: str) -> str:
        """A short answer as the learner types it. Moodle keeps a GIFT short answer as its
        text in every format ('<b>' for the tag that makes text bold): escapes resolved,
        spaces at its ends left out, nothing read as HTML or Markdown."""
        text = _FORMAT_TAG.sub("", text.strip(), count=1)
        return self.p.codec.restore(text).strip()

    def prompt(self) -> str:
        before = self.before.rstrip()
        if self.missing_word:
            joined = f"{before} {BLANK}" if before else BLANK
            text = joined + _gap_after(self.after)
        else:
            text = before
        text = self.clean(text)
        if not text and self.title:
            text = neutralize_html(self.title)
        if not text:
            raise _Skip(self.line, "the question has no text; skipped")
        return text

    def common(self, prompt: str) -> dict:
        # quizapp writes a question's source and quotes after its explanation
        explanation, source, quotes = split_general_feedback(self.general)
        # Moodle's ID number is the teacher's own name for the question: its id
        idnumber = " ".join(self.p.idnumber.split()) if self.p.idnumber else None
        tags = (*self.p.tags, *(neutralize_html(t) for t in self.p.comment_tags))
        for tag in dict.fromkeys(tags[len(self.p.tags):]):
            if tag in self.p.tags:
                said = f"question {self.title!r}: " if self.title else ""
                self.report.warn(self.line, said + tag_also_category(tag))
        qid = self.p.ids.exact(idnumber) if idnumber else self.p.ids.allocate(self.title, prompt)
        if idnumber and qid != idnumber:
            said = f"question {self.title!r}: " if self.title else ""
            self.report.warn(self.line, f"{said}its ID number {idnumber!r} is another "
                             "question's too (Moodle keeps them apart by category); here, and "
                             f"in an export, it is {qid!r}")
        title = kept_title(self.title, qid)
        return {
            "id": qid,
            "title": title,
            **id_number_kept(idnumber or "", qid, title),
            "prompt": prompt,
            "explanation": explanation,
            "source": source,
            "quotes": quotes,
            "tags": tuple(dict.fromkeys(tags)),
            "category": self.p.category,
            "line": self.line,
        }

    def build(self, body: str) -> Question | None:
        stripped = body.strip()
        if not stripped:
            raise _Skip(
                self.line,
                "essay questions ({}) are not supported: quizapp cannot "
                "grade free text; the question was skipped",
            )
        if stripped.startswith("#"):
            return self.numeric(stripped[1:])
        lead, answers = self.p._answers(body)
        if "->" in body and answers and all(a.right for a in answers):
            return self.matching(lead, answers)
        tf = stripped.split("#", 1)[0].strip().upper()
        if tf in {"T", "F", "TRUE", "FALSE"} and not answers:
            return self.true_false(stripped)
        if any(not a.right for a in answers):
            return self.choice(lead, answers)
        return self.short_answer(lead, answers)

    # -- types ---------------------------------------------------------------

    def _no_feedback(self, answers: list[_Answer], kind: str) -> None:
        for a in answers:
            if a.feedback and a.feedback.strip():
                self.report.warn(
                    self.line,
                    f"feedback on {kind} answers is not supported; "
                    f"the feedback {self.clean(a.feedback)!r} was left out",
                )

    def _lead(self, lead: str) -> None:
        if lead.strip():
            self.report.warn(
                self.line,
                f"text {self.clean(lead)!r} before the first '=' or "
                "'~' in the answer block was ignored",
            )

    def true_false(self, body: str) -> Question:
        value, *feedbacks = body.split("#")
        prompt = self.prompt()
        # Moodle shows the first feedback after a wrong answer, the second after a right one.
        notes = [self.clean(f) for f in feedbacks[:2]] + [None, None]
        if len(feedbacks) > 2:
            self.report.warn(
                self.line, "a true/false question has at most two feedbacks; the rest was left out"
            )
        answer = value.strip().upper().startswith("T")
        wrong, right = notes[0] or None, notes[1] or None
        fields = self.common(prompt)
        # Each feedback goes to the learner who gives the answer it was written for.
        return TrueFalse(
            answer=answer,
            feedback_if_true=right if answer else wrong,
            feedback_if_false=wrong if answer else right,
            **fields,
        )

    def choice(self, lead: str, answers: list[_Answer]) -> Question | None:
        self._lead(lead)
        prompt = self.prompt()
        choices = [
            Choice(text=self.clean(a.text), feedback=self.clean(a.feedback or "") or None)
            for a in answers
        ]
        if any(not c.text for c in choices):
            raise _Skip(self.line, "a choice is empty; the question was skipped")
        if not unique_choices([c.text for c in choices], self.report, self.line, self.title):
            return None
        credits = [a.credit for a in answers]
        full = [i for i, c in enumerate(credits) if c >= 100]
        positive = [i for i, c in enumerate(credits) if c > 0]
        if not positive:
            raise _Skip(
                self.line,
                "no answer is marked right (with '=' or a positive "
                "%weight%); the question was skipped",
            )
        fields = self.common(prompt)
        if len(full) > 1 and any(a.right for a in answers):
            # Moodle reads a GIFT question with an '=' as one-answer (its 'single'), each
            # '=' fully right: as Moodle XML's single question, one of them is kept
            others = ", ".join(repr(choices[i].text) for i in full[1:])
            self.report.warn(self.line, several_fully_right(len(full), choices[full[0]].text,
                                                            others))
            full = full[:1]
        if len(full) == 1 or len(positive) == 1:  # one right answer: no negative marks
            for choice, credit in zip(choices, credits, strict=True):
                if credit < 0:
                    self.report.warn(self.line, negative_marks_lost(choice.text, credit))
        if len(full) == 1:
            partial = [choices[i].text for i in positive if credits[i] < 100]
            if partial:
                self.report.warn(
                    self.line,
                    "partial credit for "
                    + ", ".join(repr(t) for t in partial)
                    + " is not supported; only the 100% answer counts as right",
                )
            return MultipleChoice(choices=tuple(choices), correct=full[0], **fields)
        if len(positive) == 1:
            self.report.warn(
                self.line,
                f"the only right answer is worth {credits[positive[0]]:g}%;"
                " it is imported as the right answer",
            )
            return MultipleChoice(choices=tuple(choices), correct=positive[0], **fields)
        credits = [max(-100.0, min(100.0, c)) for c in credits]
        choices = author_weights(choices, credits)
        return MultipleSelect(choices=tuple(choices), correct=tuple(positive), **fields)

    def short_answer(self, lead: str, answers: list[_Answer]) -> Question | None:
        if lead.strip():  # {Paris} without '=': Moodle reads it as an accepted answer
            answers = [_Answer(True, None, *_split_feedback(lead))] + answers
        # Moodle's "any other answer" ('=%0%*#Try again'): its feedback is feedback_if_wrong
        other = next((a for a in answers if self.typed(a.text) == "*" and a.credit < 100
                      and a.feedback and a.feedback.strip()), None)
        otherwise = self.clean(other.feedback) if other and other.feedback else None
        card = self.card and len(answers) == 1 and bool(answers[0].feedback)
        if card:
            self.card_back = self.clean(answers[0].feedback or "")
        accepted = []
        worth_less = WorthLess()  # those so far that may take a right one's responses
        listed: list[tuple[str, float]] = []  # every answer so far, as Moodle tries them
        for a in answers:
            # kept as Moodle reads it: '*' any text, '\\*' an asterisk (moodle_exact)
            text = self.typed(a.text)
            shadow = graded_first_by(text, worth_less.listed(), False) if text else None
            if a.credit >= 100 and shadow is not None:
                self.report.warn(self.line, graded_first_note(text, shadow))
            elif a.credit >= 100 and text:
                accepted.append(text)
            worth_less.add(text, a.credit)
            listed.append((text, a.credit))
        accepted = list(dict.fromkeys(accepted))
        if not accepted:
            raise _Skip(self.line, "no accepted answer; the question was skipped")
        partly_right, notes = partly_right_of(listed, False)
        for note in notes:
            self.report.warn(self.line, note)
        kept = accepted + [text for text, _ in partly_right]
        # the feedback on an answer kept (right or worth part of the marks) or a wrong one
        # (worth 0%), the first of a text winning, as Moodle tries them in order ('*' is
        # feedback_if_wrong)
        said: dict[str, str] = {}
        for a in answers:
            text = self.typed(a.text)
            if (not card and a.feedback and a.feedback.strip() and text and text != "*"
                    and (a.credit <= 0 or text in kept)):
                said.setdefault(text, self.clean(a.feedback))
        feedback_for = tuple(said.items())
        # A missing word becomes a blank in the sentence when nothing is lost by it; one with
        # feedback or part marks, which a blank cannot hold, stays a short answer with the
        # blank shown in its prompt.
        if self.missing_word and not (otherwise or feedback_for or partly_right):
            before = self.clean(self.before.rstrip())
            after = self.clean(self.after.lstrip())
            gap = _gap_after(self.after)
            after = (" " if gap.startswith(" ") else "") + after
            text = f"{before} {{{{{'|'.join(accepted)}}}}}{after}".strip()
            # Braces or '|' in the text or answers would break the blank's syntax;
            # such a question stays a short answer with the blank shown in its prompt.
            probe = Cloze(id="probe", prompt="", text=text)
            if probe.blanks == (tuple(accepted),) and text.count("{{") == text.count("}}") == 1:
                fields = self.common(self.prompt())
                fields["prompt"] = ""
                return Cloze(text=text, policy=moodle_exact(False), **fields)
        # GIFT has no case setting: Moodle reads its short answers as case-blind
        return ShortAnswer(answers=tuple(accepted), policy=moodle_exact(False),
                           partly_right=reachable_parts(tuple(partly_right), tuple(accepted),
                                                        moodle_exact(False)),
                           feedback_if_wrong=otherwise,
                           feedback_for=feedback_for,
                           **self.common(self.prompt()))

    def matching(self, lead: str, answers: list[_Answer]) -> Question | None:
        self._lead(lead)
        self._no_feedback(answers, "matching")
        pairs: list[tuple[str, str]] = []
        lefts: set[str] = set()  # a set, not one made anew for each pair: 10,000 took 15 s
        for a in answers:
            text = a.text if a.feedback is None else f"{a.text}#{a.feedback}"
            left, arrow, right = text.partition("->")
            if self.fmt == "markdown":  # '-\>' is how a left side says '->' (gift_writer.py)
                left = left.replace("-\\>", "->")
            left = self.clean(left, prose=False)
            right = self.clean(right.split("#", 1)[0], prose=False)
            if not arrow or not right:
                self.report.warn(
                    self.line,
                    f"the pair {self.clean(text)!r} has no 'left -> right'; it was left out",
                )
            elif not left:
                self.report.warn(
                    self.line,
                    f"the extra right-hand answer {right!r} (with no "
                    "left side) is not supported; it was left out",
                )
            elif left in lefts:  # a right side may repeat (dog -> mammal)
                self.report.warn(
                    self.line,
                    f"the pair {left!r} -> {right!r} repeats a left side "
                    "already used; quizapp needs every left to differ, so it was left out",
                )
            else:
                pairs.append((left, right))
                lefts.add(left)
        if len(pairs) < 2:
            raise _Skip(self.line, "a matching question needs at least two pairs; skipped")
        if one_right_side(pairs):
            raise _Skip(self.line, "every pair has the same right side, so there is nothing "
                        "to choose between; skipped")
        return Matching(pairs=tuple(pairs), **self.common(self.prompt()))

    def numeric(self, body: str) -> Question | None:
        lead, answers = self.p._answers(body)
        otherwise = None  # Moodle's feedback for any other (wrong) answer: {#3:2~#Wrong}
        for a in answers:
            if not a.text.strip() and a.feedback and a.feedback.strip():
                otherwise = self.clean(a.feedback)
        answers = [a for a in answers if a.text.strip()]  # '~' alone held that feedback
        if lead.strip() and (not answers or number_spec(
                self.p.codec.restore(_split_feedback(lead)[0])) is not None):
            answers = [_Answer(True, None, *_split_feedback(lead)), *answers]
        elif lead.strip():
            self._lead(lead)
        self._no_feedback(answers, "numerical")
        parsed = []
        for a in answers:
            if not a.text.strip():
                continue
            spec = number_spec(self.p.codec.restore(a.text))
            if spec is None:
                raise _Skip(
                    self.line,
                    f"{self.p.codec.restore(a.text).strip()!r} is not a number, a "
                    "number:tolerance or a min..max range; the question was skipped",
                )
            parsed.append((a.credit, spec))
        full = [v for c, v in parsed if c >= 100]
        if not full:
            raise _Skip(self.line, "no numerical answer is worth 100%; the question was skipped")
        answer, tolerance = full[0]
        for credit, (value, tol) in parsed:
            if (value, tol) == (answer, tolerance):
                continue
            what = f"{value:g}" + (f" ± {tol:g}" if tol else "")
            why = (
                f"worth {credit:g}%: partial credit is not supported"
                if credit < 100
                else "quizapp accepts one number (with a tolerance) per question"
            )
            self.report.warn(self.line, f"the extra numerical answer {what} was left out ({why})")
        return Numeric(
            answer=answer,
            tolerance=tolerance,
            feedback_if_wrong=otherwise,
            **self.common(self.prompt()),
        )


def _gap_after(after: str) -> str:
    """The text after a missing word, spaced as the author wrote it: "is {=Paris}." is
    "is _____." with no space before the full stop; "{=Paris} and" keeps its space."""
    if not after.strip():
        return ""
    return " " + after.lstrip() if after[0].isspace() else after.rstrip()


def _split_feedback(text: str) -> tuple[str, str | None]:
    value, sep, feedback = text.partition("#")
    return value, feedback if sep else None


def parse_gift(text: str, path: str = "<gift>", *, should_stop: StopCheck = never_stop
               ) -> tuple[list[Question], list[str]]:
    """Questions from GIFT text, and a warning (FILE:LINE: warning: ...) for all left out."""
    parser = _Parser(text, path)
    questions = parser.parse(should_stop)
    return questions, parser.report.warnings


# -- writing -------------------------------------------------------------------

