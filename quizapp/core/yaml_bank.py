"""Check a YAML node tree against the bank format and build the Bank from it.

Every problem is collected (never just the first), each at the line and
column of the value it is about, in words a teacher understands. Scalars are
read by what the field expects: a choice is text even when it looks like a
number or "yes", a numeric answer is a number even when it is quoted.
"""

from __future__ import annotations

import difflib
import math
import re
from pathlib import PurePosixPath, PureWindowsPath

from quizapp.core.markup import without_code_spans
from quizapp.core.model import (
    CLOZE_BLANK,
    Bank,
    Choice,
    Cloze,
    Flashcard,
    Matching,
    MultipleChoice,
    MultipleSelect,
    Numeric,
    Ordering,
    PersonName,
    Problem,
    Question,
    ShortAnswer,
    SourceInfo,
    TextPolicy,
    TrueFalse,
)
from quizapp.core.text_limits import MARKDOWN_RENDER_LIMIT, MAX_CHOICE_CHARS, MAX_PROSE_CHARS
from quizapp.core.yaml_nodes import NULL_WORDS, Mapping, Node, Scalar, Sequence

BANK_KEYS = (
    "title",
    "id",
    "description",
    "language",
    "authors",
    "tags",
    "source",
    "questions",
)
SOURCE_KEYS = ("title", "publisher", "date", "url", "file")
# A question's source as a mapping: where (paragraph, or any other location) and the words.
QUESTION_SOURCE_KEYS = ("paragraph", "location", "quote")
QUOTE_WORDS = 30  # a quote is the few words an answer rests on
QUOTE_WORDS_WARNING = 40  # past this, "about 30" has become a passage
COMMON_KEYS = ("id", "type", "prompt", "explanation", "tags", "source", "points", "image")
TYPE_KEYS: dict[str, tuple[str, ...]] = {
    "multiple_choice": ("choices", "answer", "shuffle"),
    "multiple_select": ("choices", "answers", "shuffle"),
    "true_false": ("answer", "feedback_if_true", "feedback_if_false"),
    "short_answer": ("answers", "answer", "grading"),
    "numeric": ("answer", "tolerance", "unit", "feedback_if_wrong"),
    "matching": ("pairs", "shuffle"),
    "ordering": ("items",),
    "cloze": ("text", "grading"),
    "flashcard": ("front", "back"),
}
PERSON_KEYS = ("person", "family_name", "family_name_alone")
GRADING_KEYS = ("case_sensitive", "ignore_accents", "ignore_punctuation", "max_typos")
CHOICE_KEYS = ("text", "feedback", "weight")
PAIR_KEYS = ("left", "right")

_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
_TRUE = frozenset({"true", "yes", "on"})
_FALSE = frozenset({"false", "no", "off"})
_NUMBER = re.compile(r"[-+]?(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][-+]?\d+)?")
_KINDS = {Scalar: "text", Mapping: "a mapping (key: value lines)", Sequence: "a list"}

# (relative path, line, column) of each image a bank names; checked against the disk later
ImageRef = tuple[str, int, int]


def one_line(message: str) -> str:
    """A message quotes the teacher's text; keep it one printable line for linters."""
    if message.isprintable():
        return message
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in message)


def shown(text: str, limit: int = 60) -> str:
    """Text from the bank as quoted in a message: shortened when very long."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def did_you_mean(word: str, options) -> str:
    close = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def parse_number(text: str) -> float | None:
    text = text.strip()
    if not _NUMBER.fullmatch(text):
        return None
    value = float(text.replace("_", ""))
    return value if math.isfinite(value) else None


def parse_bool(text: str) -> bool | None:
    low = text.strip().lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    return None


def source_file_problem(name: str) -> str | None:
    """Why the bank's source text cannot be a file inside the bank's folder, or None."""
    if "://" in name or name.startswith("data:"):
        return "the source text must be a file in the bank's folder, not a web address"
    if PurePosixPath(name).is_absolute() or PureWindowsPath(name).is_absolute():
        return "the source text's path must be relative to the bank's folder, not absolute"
    if ".." in PureWindowsPath(name).parts or ".." in PurePosixPath(name).parts:
        return "the source text must stay inside the bank's folder (no '..')"
    return None


def paragraphs_text(numbers: list[int]) -> str:
    """[8] -> 'paragraph 8'; [2, 6, 8] -> 'paragraphs 2, 6 and 8'."""
    if len(numbers) == 1:
        return f"paragraph {numbers[0]}"
    head = ", ".join(str(n) for n in numbers[:-1])
    return f"paragraphs {head} and {numbers[-1]}"


def image_path_problem(image: str) -> str | None:
    """Why an image path cannot be inside the bank's folder, or None."""
    if "://" in image or image.startswith("data:"):
        return "an image must be a file in the bank's folder, not a web address"
    if PurePosixPath(image).is_absolute() or PureWindowsPath(image).is_absolute():
        return "an image path must be relative to the bank's folder, not absolute"
    if ".." in PureWindowsPath(image).parts or ".." in PurePosixPath(image).parts:
        return "an image path must stay inside the bank's folder (no '..')"
    return None


MAX_PROBLEMS = 1000  # per file; past this a teacher needs to fix the first ones anyway


class TooManyProblems(Exception):
    pass


class Checked:
    """A question already built from its nodes while the file was read (None: it had
    errors, reported); it stands in the questions list in place of those nodes."""

    __slots__ = ("question",)

    def __init__(self, question: Question | None):
        self.question = question


class BankChecker:
    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []
        self.images: list[ImageRef] = []
        self._seen_ids: dict[str, int] = {}  # question id -> its line, for duplicates

    # -- reporting -------------------------------------------------------
    def error(self, node: Node | None, message: str) -> None:
        self._add(node, message, "error")

    def warning(self, node: Node | None, message: str) -> None:
        self._add(node, message, "warning")

    def _add(self, node: Node | None, message: str, severity) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            raise TooManyProblems
        line, column = (node.line, node.column) if node is not None else (0, 0)
        self.problems.append(Problem(self.path, line, column, one_line(message), severity))

    # -- field readers: None means missing or wrong (and then reported) ---
    def unknown_keys(self, m: Mapping, allowed, what: str, elsewhere=None) -> None:
        known = allowed if type(allowed) is frozenset else frozenset(allowed)
        if known.issuperset(m.items):
            return  # the usual case, checked in C without building messages
        for name, (key, _) in m.items.items():
            if name in allowed:
                continue
            owners = elsewhere(name) if elsewhere else None
            if owners:
                self.error(key, f"'{name}' is not used by {what} (it belongs to {owners})")
            else:
                self.error(
                    key, f"unknown key '{shown(name)}' in {what}{did_you_mean(name, allowed)}"
                )

    def prose(self, node: Scalar) -> None:
        """Warn about what the app will show differently from what the teacher meant."""
        value = node.value
        self.long_text(node, MAX_PROSE_CHARS, "text")
        if "`" in value:  # code spans show their text as written, which is fine
            value = without_code_spans(value)
        if "<" in value and _HTML_TAG.search(value):
            self.warning(
                node,
                "HTML tags are shown as typed, not as formatting; use Markdown "
                "(**bold**, *italic*, line breaks) instead",
            )
        self.pictures(node)

    def pictures(self, node: Scalar) -> None:
        """Warn about Markdown images the app will not show (web, absolute, '..')."""
        value = node.value
        if "![" in value:
            for ref in _MD_IMAGE.findall(value):
                why = image_path_problem(ref)
                if why:
                    self.warning(node, f"the picture '{shown(ref)}' will not be shown: {why}")

    def long_text(self, node: Scalar, limit: int, what: str) -> None:
        """Warn about a text too long to read on screen (the app shows it, but slowly)."""
        if len(node.value) > limit:
            self.warning(
                node,
                f"this {what} is {len(node.value):,} characters long; keep it under "
                f"{limit:,} (past {MARKDOWN_RENDER_LIMIT:,} the app shows it as plain text)",
            )

    def choice_text(self, node: Node) -> None:
        """A choice's text: its pictures and its length, like a prompt's."""
        if type(node) is Scalar:
            self.pictures(node)
            self.long_text(node, MAX_CHOICE_CHARS, "choice")

    def require(self, m: Mapping, name: str, what: str) -> Node | None:
        pair = m.items.get(name)
        if pair is None:
            self.error(m, f"{what} has no '{name}'")
            return None
        return pair[1]

    def kind_error(self, node: Node, name: str, wanted: str) -> None:
        self.error(node, f"{_label(name)} should be {wanted}, not {_KINDS[type(node)]}")

    def text(self, m: Mapping, name: str, what: str, *, required: bool = False) -> str | None:
        pair = m.items.get(name)
        if pair is None:
            if required:
                self.error(m, f"{what} has no '{name}'")
            return None
        return self.text_value(pair[1], name, required=required)

    def text_value(self, node: Node, name: str, *, required: bool = True) -> str | None:
        if type(node) is not Scalar:
            self.kind_error(node, name, "text")
            return None
        value = node.value
        if not value or value.isspace() or (node.plain and value in NULL_WORDS):
            if required:
                self.error(node, f"{_label(name)} is empty")
            return None
        return node.value

    def text_list(self, m: Mapping, name: str, what: str, *, required: bool = False):
        pair = m.items.get(name)
        if pair is None:
            if required:
                self.error(m, f"{what} has no '{name}'")
            return None
        node = pair[1]
        if type(node) is not Sequence:
            if type(node) is Scalar and node.is_null:
                if required:
                    self.error(node, f"'{name}' is empty")
                return () if not required else None
            self.kind_error(node, name, "a list, like [a, b]")
            return None
        out = []
        ok = True
        for item in node.items:
            value = self.text_value(item, f"an item of '{name}'")
            if value is None:
                ok = False
            else:
                out.append(value)
        return tuple(out) if ok else None

    def tags(self, m: Mapping) -> tuple[str, ...]:
        tags = self.text_list(m, "tags", "")
        if not tags:
            return ()
        if len(set(tags)) != len(tags):
            self.warning(m.items["tags"][1], "'tags' lists the same tag more than once")
            tags = tuple(dict.fromkeys(tags))
        return tags

    def number(self, node: Node, name: str) -> float | None:
        if type(node) is not Scalar:
            self.kind_error(node, name, "a number")
            return None
        value = parse_number(node.value)
        if value is None:
            hint = ""
            if re.fullmatch(r"\s*[-+]?\d+,\d+\s*", node.value):
                hint = " (write decimals with a dot, like 3.5)"
            elif name == "answer" and re.match(r"\s*[-+]?\d[\d.]*\s+\S", node.value):
                hint = " (put the unit in 'unit:', like unit: billion dollars)"
            self.error(node, f"'{name}' should be a number, not '{shown(node.value)}'{hint}")
        return value

    def boolean(self, node: Node, name: str) -> bool | None:
        if type(node) is not Scalar:
            self.kind_error(node, name, "true or false")
            return None
        value = parse_bool(node.value)
        if value is None:
            self.error(node, f"'{name}' should be true or false, not '{shown(node.value)}'")
        return value

    # -- the bank ------------------------------------------------------------
    def check_bank(self, root: Node | None, default_id: str, content_hash: str) -> Bank | None:
        """The Bank, or None when there is any error; problems collect in self.problems."""
        try:
            return self._check_bank(root, default_id, content_hash)
        except TooManyProblems:
            self.stopped()
            return None

    def stopped(self) -> None:
        """Say that checking stopped at MAX_PROBLEMS (after TooManyProblems)."""
        last = self.problems[-1]
        self.problems.append(
            Problem(
                self.path,
                last.line,
                last.column,
                f"stopped after {MAX_PROBLEMS} problems; fix these and check again",
            )
        )

    def _check_bank(self, root: Node | None, default_id: str, content_hash: str) -> Bank | None:
        if root is None:
            self.error(None, "the file is empty; a bank needs a 'title' and 'questions'")
            return None
        if type(root) is Sequence:
            self.error(
                root,
                "the file is a list, but a bank is a mapping: start with 'title:' and put "
                "the questions under 'questions:'",
            )
            return None
        if type(root) is Scalar:
            self.error(
                root,
                "the file holds only a line of text, not a bank: it needs 'title:' and "
                "'questions:'",
            )
            return None
        self.unknown_keys(root, BANK_KEYS, "the bank")
        title = self.text(root, "title", "the bank", required=True)
        if "id" in root.items:
            bank_id = self.text(root, "id", "the bank", required=True)  # given, so not empty
        else:
            bank_id = default_id
        description = self.text(root, "description", "the bank")
        language = self.text(root, "language", "the bank")
        authors = self.text_list(root, "authors", "the bank") or ()
        tags = self.tags(root)
        source = self.source(root)
        questions = self.questions(root)
        if any(p.severity == "error" for p in self.problems):
            return None
        return Bank(
            id=bank_id,
            title=title,
            questions=questions,
            description=description,
            language=language,
            authors=authors,
            tags=tags,
            source=source,
            path=self.path,
            content_hash=content_hash,
        )

    def source(self, root: Mapping) -> SourceInfo | None:
        pair = root.items.get("source")
        if pair is None:
            return None
        node = pair[1]
        if type(node) is not Mapping:
            if type(node) is Scalar and node.is_null:
                return None
            self.kind_error(node, "source", "a mapping with title, publisher, date, url and file")
            return None
        self.unknown_keys(node, SOURCE_KEYS, "the bank's source")
        info = SourceInfo(**{k: self.text(node, k, "the bank's source") for k in SOURCE_KEYS})
        if info.file is not None:
            why = source_file_problem(info.file)
            if why:
                self.error(node.items["file"][1], why)
        return info

    # -- a question's source -------------------------------------------------
    def question_source(self, m: Mapping, what: str) -> tuple[str | None, tuple[str, ...]]:
        """(where, quotes): text as written, or a mapping of paragraph/location and quote."""
        pair = m.items.get("source")
        if pair is None:
            return None, ()
        node = pair[1]
        if type(node) is Scalar:
            return self.text_value(node, "source", required=False), ()
        if type(node) is not Mapping:
            self.kind_error(
                node,
                "source",
                'text such as "paragraph 5", or a mapping with paragraph (or location) and quote',
            )
            return None, ()
        self.unknown_keys(node, QUESTION_SOURCE_KEYS, "a question's source")
        items = node.items
        where = None
        if "paragraph" in items and "location" in items:
            self.error(
                items["location"][0],
                "a source has either 'paragraph' (a number) or 'location' (any text), not both",
            )
        elif "paragraph" in items:
            where = self.paragraphs(items["paragraph"][1])
        else:
            where = self.text(node, "location", "a question's source")
        quotes = self.quotes(node)
        if where is None and not quotes and not items:
            self.error(node, "the source is empty; give a paragraph (or location) and a quote")
        return where, quotes

    def paragraphs(self, node: Node) -> str | None:
        wanted = (
            "'paragraph' should be a paragraph number such as 5, or a list such as [2, 8]; "
            'write any other place as location: "chapter 2, p. 31"'
        )
        values = node.items if type(node) is Sequence else [node]
        numbers: list[int] = []
        for item in values:
            if type(item) is not Scalar or not re.fullmatch(r"\s*\d+\s*", item.value):
                self.error(item, wanted)
                return None
            number = int(item.value)
            if number < 1:
                self.error(item, "paragraphs are counted from 1")
                return None
            if number in numbers:
                self.warning(item, f"paragraph {number} is listed twice")
                continue
            numbers.append(number)
        if not numbers:
            self.error(node, wanted)
            return None
        return paragraphs_text(numbers)

    def quotes(self, m: Mapping) -> tuple[str, ...]:
        pair = m.items.get("quote")
        if pair is None:
            return ()
        node = pair[1]
        values = node.items if type(node) is Sequence else [node]
        if not values:
            self.error(node, "'quote' is an empty list; give the source's own words")
        out = []
        for item in values:
            text = self.text_value(item, "a quote")
            if text is None:
                continue
            words = len(text.split())
            if words > QUOTE_WORDS_WARNING:
                self.warning(
                    item,
                    f"this quote has {words} words; quote only the words the answer rests on "
                    f"(about {QUOTE_WORDS} at most), or split it into a list of quotes",
                )
            out.append(text)
        return tuple(out)

    def questions(self, root: Mapping) -> tuple[Question, ...]:
        node = self.require(root, "questions", "the bank")
        if node is None:
            return ()
        if type(node) is not Sequence:
            if type(node) is Scalar and node.is_null:
                self.error(node, "'questions' is empty; a bank needs at least one question")
            else:
                self.kind_error(node, "questions", "a list of questions, each starting with '- '")
            return ()
        if not node.items:
            self.error(node, "'questions' is empty; a bank needs at least one question")
            return ()
        out = []
        for item in node.items:
            if type(item) is Checked:  # built while the file was read (compose's on_question)
                q = item.question
            else:
                q = self.question(item, self._seen_ids)
            if q is not None:
                out.append(q)
        return tuple(out)

    def check_streamed(self, node: Node) -> Checked:
        """compose()'s on_question: build one question as soon as it is read, so its
        nodes can go. Too many problems stop the reading (caught by check_bytes)."""
        return Checked(self.question(node, self._seen_ids))

    # -- one question --------------------------------------------------------
    def question(self, node: Node, seen: dict[str, int]) -> Question | None:
        if type(node) is not Mapping:
            self.error(
                node,
                f"each question should be a mapping (id:, type:, ...), not {_KINDS[type(node)]}",
            )
            return None
        before = len(self.problems)
        items = node.items
        qid = self.text(node, "id", "this question", required=True)
        what = f"question '{qid}'" if qid else "this question"
        if qid is not None:
            first = seen.get(qid)
            if first is not None:
                self.error(
                    items["id"][1],
                    f"the id '{qid}' is already used by the question at line {first}; "
                    "ids must be unique in a bank",
                )
            else:
                seen[qid] = node.line
        qtype = self.text(node, "type", what, required=True)
        if qtype is not None and qtype not in TYPE_KEYS:
            self.error(
                items["type"][1],
                f"unknown question type '{shown(qtype)}'{did_you_mean(qtype, TYPE_KEYS)}; "
                f"the types are {', '.join(TYPE_KEYS)}",
            )
            qtype = None
        if qtype is None:
            self.unknown_keys(node, COMMON_KEYS + _ALL_TYPE_KEYS, what)
            return None

        allowed, described, owners = _PER_TYPE[qtype]
        self.unknown_keys(node, allowed, described, owners)

        common: dict = {"id": qid, "line": node.line}
        if qtype == "flashcard":
            common["prompt"] = self.text(node, "front", what, required=True)
        else:
            common["prompt"] = self.text(node, "prompt", what, required=qtype != "cloze") or ""
        common["explanation"] = self.text(node, "explanation", what)
        for name in ("prompt", "front", "explanation", "back", "text"):
            pair = items.get(name)
            if pair is not None and type(pair[1]) is Scalar:
                self.prose(pair[1])
        common["tags"] = self.tags(node)
        common["source"], common["quotes"] = self.question_source(node, what)
        if "points" in items:
            points = self.number(items["points"][1], "points")
            if points is not None and points <= 0:
                self.error(items["points"][1], "'points' should be more than 0")
            common["points"] = points
        image = self.text(node, "image", what)
        if image is not None:
            image_node = items["image"][1]
            why = image_path_problem(image)
            if why:
                self.error(image_node, why)
            else:
                self.images.append((image, image_node.line, image_node.column))
            common["image"] = image

        specific = getattr(self, "q_" + qtype)(node, what)
        if len(self.problems) != before and any(
            p.severity == "error" for p in self.problems[before:]
        ):
            return None
        common.update(specific)
        return _CLASSES[qtype](**common)

    def choices(self, m: Mapping, what: str) -> tuple[tuple[Choice, ...], Sequence] | None:
        node = self.require(m, "choices", what)
        if node is None:
            return None
        if type(node) is not Sequence:
            if type(node) is Scalar and node.is_null:
                self.error(node, "'choices' is empty; give at least two choices")
            else:
                self.kind_error(node, "choices", "a list of choices")
            return None
        if not node.items:
            self.error(node, "'choices' is empty; give at least two choices")
            return None
        out = []
        ok = True
        seen: dict[str, int] = {}
        for item in node.items:
            if type(item) is Mapping:
                self.unknown_keys(item, CHOICE_KEYS, "a choice")
                text = self.text(item, "text", "this choice", required=True)
                if text is not None:
                    self.choice_text(item.items["text"][1])
                feedback = self.text(item, "feedback", "this choice")
                if feedback is not None:
                    self.prose(item.items["feedback"][1])
                weight = self.choice_weight(item)
            else:
                text = self.text_value(item, "a choice")
                if text is not None:
                    self.choice_text(item)
                feedback = None
                weight = None
            if text is None:
                ok = False
                continue
            if text in seen:
                self.error(
                    item, f"the choice '{text}' is listed twice (first at line {seen[text]})"
                )
                ok = False
                continue
            seen[text] = item.line
            out.append(Choice(text=text, feedback=feedback, weight=weight))
        if ok and len(out) < 2:
            self.error(node, "a question needs at least two choices")
            ok = False
        return (tuple(out), node) if ok else None

    def choice_weight(self, item: Mapping) -> float | None:
        if "weight" not in item.items:
            return None
        node = item.items["weight"][1]
        value = self.number(node, "weight")
        if value is not None and not -1 <= value <= 1:
            self.error(node, f"'weight' is a share of the marks from -1 to 1 (0.5 is half), "
                       f"not {value:g}")
            return None
        return value

    def check_weights(self, m: Mapping, choices, correct: set) -> None:
        """Weights belong to multiple_select; right choices weigh more than 0, others
        at most 0, and the right ones add up to the full marks."""
        weighted = [i for i, c in enumerate(choices) if c.weight is not None]
        if not weighted:
            return
        node = m.items["choices"][1]
        for i in weighted:
            c = choices[i]
            if i in correct and c.weight <= 0:
                self.error(node, f"the right choice '{shown(c.text)}' has weight {c.weight:g}; "
                           "a right choice weighs more than 0")
            elif i not in correct and c.weight > 0:
                self.error(node, f"the choice '{shown(c.text)}' is not among 'answers' but has "
                           f"weight {c.weight:g}; list it in 'answers' or give it 0 or less")
        total = sum(choices[i].weight or 0.0 for i in correct)
        if abs(total - 1) > 0.001:
            self.warning(node, f"the right choices' weights add up to {total:g}, not 1: "
                         "picking all of them gives " + ("more than" if total > 1 else
                                                         "less than") + " full marks")

    def find_choice(self, choices, node: Node, text: str) -> int | None:
        for i, c in enumerate(choices):
            if c.text == text:
                return i
        texts = [c.text for c in choices]
        close = [t for t in texts if t.strip().casefold() == text.strip().casefold()]
        hint = f" (did you mean '{close[0]}'?)" if close else did_you_mean(text, texts)
        if not hint and text.strip().isdigit() and 0 < int(text) <= len(texts):
            hint = " (write the text of the right choice, not its number)"
        self.error(node, f"the answer '{shown(text)}' is not one of the choices{hint}")
        return None

    def q_multiple_choice(self, m: Mapping, what: str) -> dict:
        got = self.choices(m, what)
        node = self.require(m, "answer", what)
        if node is None:
            return {}
        text = self.text_value(node, "answer")
        if got is None or text is None:
            return {}
        correct = self.find_choice(got[0], node, text)
        if any(c.weight is not None for c in got[0]):
            self.error(got[1], "'weight' is for multiple_select choices; a multiple_choice "
                       "question has one right answer")
        return {"choices": got[0], "correct": correct, **self.shuffle_flag(m)}

    def q_multiple_select(self, m: Mapping, what: str) -> dict:
        got = self.choices(m, what)
        node = self.require(m, "answers", what)
        if node is None:
            return {}
        if type(node) is not Sequence:
            self.kind_error(node, "answers", "a list of the right choices, like [a, b]")
            return {}
        if not node.items:
            self.error(node, "'answers' is empty; list at least one right choice")
            return {}
        if got is None:
            return {}
        correct = set()
        for item in node.items:
            text = self.text_value(item, "an answer")
            if text is not None:
                index = self.find_choice(got[0], item, text)
                if index in correct:
                    self.error(item, f"the answer '{text}' is listed twice")
                correct.add(index)
        self.check_weights(m, got[0], correct)
        return {
            "choices": got[0],
            "correct": tuple(sorted(i for i in correct if i is not None)),
            **self.shuffle_flag(m),
        }

    def q_true_false(self, m: Mapping, what: str) -> dict:
        node = self.require(m, "answer", what)
        if node is None:
            return {}
        return {
            "answer": self.boolean(node, "answer"),
            **self.feedback_texts(m, what, ("feedback_if_true", "feedback_if_false")),
        }

    def feedback_texts(self, m: Mapping, what: str, names: tuple[str, ...]) -> dict:
        """The optional per-answer feedback texts among `names` (Markdown, like a choice's)."""
        out = {}
        for name in names:
            text = self.text(m, name, what)
            if text is not None:
                self.prose(m.items[name][1])
                out[name] = text
        return out

    def q_short_answer(self, m: Mapping, what: str) -> dict:
        items = m.items
        if "answers" in items and "answer" in items:
            self.error(items["answer"][0], "give either 'answer' or 'answers', not both")
            return {}
        names: list[PersonName] = []
        if "answer" in items:
            one = self.answer_item(items["answer"][1], "answer", names)
            answers = (one,) if one is not None else None
        elif "answers" in items and type(items["answers"][1]) is Scalar:
            node = items["answers"][1]
            answers = None
            if node.is_null:
                self.error(node, "'answers' is empty; give at least one answer")
            else:
                self.error(
                    node,
                    "'answers' should be a list, like [a, b]; for a single answer write "
                    f"answer: {shown(node.value)}",
                )
        elif "answers" in items:
            node = items["answers"][1]
            answers = None
            if type(node) is not Sequence:
                self.kind_error(node, "answers", "a list, like [a, b]")
            elif not node.items:
                self.error(node, "'answers' is empty; give at least one answer")
            else:
                found = [self.answer_item(item, "an item of 'answers'", names) for item in node.items]
                if all(text is not None for text in found):
                    answers = tuple(found)  # type: ignore[arg-type]
        else:
            self.error(m, f"{what} has no 'answers'")
            answers = None
        return {"answers": answers, "policy": self.grading(m), "names": tuple(names)}

    def answer_item(self, node: Node, name: str, names: list[PersonName]) -> str | None:
        """One accepted answer: text, or a person's name as
        {person: Ryutaro Hashimoto, family_name: Hashimoto, family_name_alone: true}."""
        if type(node) is not Mapping:
            return self.text_value(node, name)
        self.unknown_keys(node, PERSON_KEYS, "a person's name")
        person = self.text(node, "person", "a person's name (an answer written as a mapping)",
                           required=True)
        if person is None:
            return None
        words = person.split()
        family_words = 1
        family = self.text(node, "family_name", "a person's name")
        if family is not None:
            family_list = family.split()
            if len(family_list) >= len(words) or words[-len(family_list):] != family_list:
                self.error(
                    node.items["family_name"][1],
                    f"'family_name' should be the last word(s) of '{shown(person)}', "
                    "with a given name before it (write the name given name first)",
                )
                return None
            family_words = len(family_list)
        elif len(words) < 2:
            self.error(
                node.items["person"][1],
                f"'{shown(person)}' is a single word; write a person's name with the given "
                "name first and the family name last, like Ryutaro Hashimoto",
            )
            return None
        alone = False
        if "family_name_alone" in node.items:
            value = self.boolean(node.items["family_name_alone"][1], "family_name_alone")
            if value is None:
                return None
            alone = value
        names.append((person, family_words, alone))
        return person

    def grading(self, m: Mapping) -> TextPolicy:
        pair = m.items.get("grading")
        if pair is None:
            return TextPolicy()
        node = pair[1]
        if type(node) is not Mapping:
            if type(node) is Scalar and node.is_null:
                return TextPolicy()
            self.kind_error(node, "grading", "a mapping like {case_sensitive: false}")
            return TextPolicy()
        self.unknown_keys(node, GRADING_KEYS, "'grading'")
        values: dict = {}
        for name in ("case_sensitive", "ignore_accents", "ignore_punctuation"):
            if name in node.items:
                value = self.boolean(node.items[name][1], name)
                if value is not None:
                    values[name] = value
        if "max_typos" in node.items:
            typo = node.items["max_typos"][1]
            if type(typo) is Scalar and typo.value.strip().lower() == "auto":
                values["max_typos"] = None
            else:
                count = self.number(typo, "max_typos")
                if count is not None:
                    if count < 0 or count != int(count):
                        self.error(typo, "'max_typos' should be a whole number (0 or more) or auto")
                    else:
                        values["max_typos"] = int(count)
        return TextPolicy(**values)

    def q_numeric(self, m: Mapping, what: str) -> dict:
        out: dict = {}
        node = self.require(m, "answer", what)
        if node is not None:
            out["answer"] = self.number(node, "answer")
        if "tolerance" in m.items:
            tnode = m.items["tolerance"][1]
            tolerance = self.number(tnode, "tolerance")
            if tolerance is not None and tolerance < 0:
                self.error(tnode, "'tolerance' cannot be negative")
            out["tolerance"] = tolerance
        unit = self.text(m, "unit", what)
        out["unit"] = unit
        out.update(self.feedback_texts(m, what, ("feedback_if_wrong",)))
        return out

    def q_matching(self, m: Mapping, what: str) -> dict:
        node = self.require(m, "pairs", what)
        if node is None:
            return {}
        if type(node) is not Sequence:
            self.kind_error(node, "pairs", "a list of {left: ..., right: ...}")
            return {}
        pairs = []
        lefts: dict[str, int] = {}
        rights: dict[str, int] = {}
        for item in node.items:
            if type(item) is not Mapping:
                self.error(item, "each pair should be a mapping like {left: ..., right: ...}")
                continue
            self.unknown_keys(item, PAIR_KEYS, "a pair")
            left = self.text(item, "left", "this pair", required=True)
            right = self.text(item, "right", "this pair", required=True)
            for side, text, seen in (("left", left, lefts), ("right", right, rights)):
                if text is None:
                    continue
                if text in seen:
                    self.error(
                        item.items[side][1],
                        f"'{text}' appears on the {side} twice (first at line {seen[text]}); "
                        "each side of a pair must be different",
                    )
                seen[text] = item.line
            pairs.append((left, right))
        if len(node.items) < 2:
            self.error(node, "a matching question needs at least two pairs")
        return {"pairs": tuple(pairs), **self.shuffle_flag(m)}

    def shuffle_flag(self, m: Mapping) -> dict:
        """{'shuffle': False} when the author pins the written order; else nothing."""
        pair = m.items.get("shuffle")
        if pair is None:
            return {}
        value = self.boolean(pair[1], "shuffle")
        return {} if value is None else {"shuffle": value}

    def q_ordering(self, m: Mapping, what: str) -> dict:
        items = self.text_list(m, "items", what, required=True)
        if items is not None:
            node = m.items["items"][1]
            if len(items) < 2:
                self.error(node, "an ordering question needs at least two items")
            elif len(set(items)) != len(items):
                self.error(node, "'items' lists the same item twice; each must be different")
        return {"items": items}

    def q_cloze(self, m: Mapping, what: str) -> dict:
        text = self.text(m, "text", what, required=True)
        if text is not None:
            node = m.items["text"][1]
            blanks = [b.group(1) for b in CLOZE_BLANK.finditer(text)]
            if not blanks:
                self.error(
                    node,
                    "the cloze text has no blanks; mark each blank as {{answer}} "
                    "or {{answer|other accepted answer}}",
                )
            for blank in blanks:
                if not all(part.strip() for part in blank.split("|")):
                    self.error(node, f"the blank '{{{{{blank}}}}}' has an empty answer")
            rest = CLOZE_BLANK.sub("", text)
            if "{{" in rest or "}}" in rest:
                self.error(node, "the cloze text has a '{{' or '}}' that does not close a blank")
        return {"text": text, "policy": self.grading(m)}

    def q_flashcard(self, m: Mapping, what: str) -> dict:
        return {"back": self.text(m, "back", what, required=True)}


_ALL_TYPE_KEYS = tuple(dict.fromkeys(k for keys in TYPE_KEYS.values() for k in keys))
_CLASSES = {
    "multiple_choice": MultipleChoice,
    "multiple_select": MultipleSelect,
    "true_false": TrueFalse,
    "short_answer": ShortAnswer,
    "numeric": Numeric,
    "matching": Matching,
    "ordering": Ordering,
    "cloze": Cloze,
    "flashcard": Flashcard,
}


def _label(name: str) -> str:
    """A key is quoted ('answer'); a description (an item of 'tags') is not."""
    return name if " " in name else f"'{name}'"


def _per_type(qtype: str):
    """(allowed keys, how messages name such a question, who else uses a key)."""
    allowed = tuple(
        k for k in COMMON_KEYS + TYPE_KEYS[qtype] if (k, qtype) != ("prompt", "flashcard")
    )
    article = "an" if qtype[0] in "aeiou" else "a"
    return frozenset(allowed), f"{article} {qtype} question", lambda key: _owners(key, qtype)


def _owners(key: str, qtype: str) -> str | None:
    if key == "prompt" and qtype == "flashcard":
        return "other types; a flashcard has 'front' and 'back'"
    owners = [t for t, keys in TYPE_KEYS.items() if key in keys]
    if not owners:
        return None
    return ", ".join(f"{t} questions" for t in owners)


_PER_TYPE = {qtype: _per_type(qtype) for qtype in TYPE_KEYS}
