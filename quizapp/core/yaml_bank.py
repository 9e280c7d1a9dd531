"""Check a YAML node tree against the bank format and build the Bank from it.

Every problem is collected (never just the first), each at the line and
column of the value it is about, in words a teacher understands. Scalars are
read by what the field expects: a choice is text even when it looks like a
number or "yes", a numeric answer is a number even when it is quoted.

The keys every question shares are read here; each type's own keys are read
by its kind (quizapp/core/kinds/), found by the `type:` name in the registry.
The single-field readers are in quizapp/core/yaml_fields.py (the plain values in yaml_values.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from quizapp.core.category import CategoryNote, category_problem
from quizapp.core.kinds import KINDS, Kind, kind_named
from quizapp.core.learner_names import name_key
from quizapp.core.model import Bank, Problem, Question, SourceInfo
from quizapp.core.model_base import MAX_POINTS
from quizapp.core.text_limits import MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS
from quizapp.core.yaml_fields import (
    CHOICE_KEYS,
    GRADING_KEYS,
    MAX_PROBLEMS,
    NODE_KINDS,
    PAIR_KEYS,
    PERSON_KEYS,
    FieldReader,
    TooManyProblems,
)
from quizapp.core.yaml_nodes import Mapping, Node, Scalar, Sequence
from quizapp.core.yaml_values import (
    did_you_mean,
    image_path_problem,
    one_line,
    paragraphs_text,
    parse_bool,
    parse_number,
    shown,
    source_file_problem,
)

__all__ = [
    "BANK_KEYS",
    "CHOICE_KEYS",
    "COMMON_KEYS",
    "GRADING_KEYS",
    "MAX_PROBLEMS",
    "PAIR_KEYS",
    "PERSON_KEYS",
    "QUESTION_SOURCE_KEYS",
    "SOURCE_KEYS",
    "TYPE_KEYS",
    "BankChecker",
    "Checked",
    "TooManyProblems",
    "did_you_mean",
    "image_path_problem",
    "one_line",
    "paragraphs_text",
    "parse_bool",
    "parse_number",
    "shown",
    "source_file_problem",
]

BANK_KEYS = (
    "title",
    "id",
    "description",
    "language",
    "authors",
    "tags",
    "source",
    "categories",
    "questions",
)
SOURCE_KEYS = ("title", "publisher", "date", "url", "file")
# What a bank keeps of each Moodle category under `categories`.
CATEGORY_KEYS = ("description", "id_number")
# A question's source as a mapping: where (paragraph, or any other location) and the words.
QUESTION_SOURCE_KEYS = ("paragraph", "location", "quote")
QUOTE_WORDS = 30  # a quote is the few words an answer rests on
QUOTE_WORDS_WARNING = 40  # past this, "about 30" has become a passage
COMMON_KEYS = (
    "id", "type", "title", "id_number", "anki_guid", "anki_note_type", "prompt", "explanation", "tags", "source", "points", "image",
    "image_description", "hints", "category",
)
# Each built-in type's own keys (the schema is generated from these).
TYPE_KEYS: dict[str, tuple[str, ...]] = {name: kind.yaml_keys for name, kind in KINDS.items()}

# (relative path, line, column) of each image a bank names; checked against the disk later
ImageRef = tuple[str, int, int]
_KINDS = NODE_KINDS


class Checked:
    """A question already built from its nodes while the file was read (None: it had
    errors, reported); it stands in the questions list in place of those nodes."""

    __slots__ = ("question",)

    def __init__(self, question: Question | None):
        self.question = question


class BankChecker(FieldReader):
    def __init__(self, path: str):
        super().__init__(path)
        self.images: list[ImageRef] = []
        # the pictures Anki notes' own note types keep (anki_note_type's picture)
        self.kept_pictures: list[ImageRef] = []
        self._seen_ids: dict[str, int] = {}  # question id -> its line, for duplicates
        self._id_looks: dict[str, tuple[str, int]] = {}  # what an id looks like -> (id, line)

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
        if type(root) is not Mapping:  # the three node types are covered above
            return None
        self.unknown_keys(root, BANK_KEYS, "the bank")
        title = self.text(root, "title", "the bank", required=True, limit=MAX_NAME_CHARS)
        if "id" in root.items:  # given, so not empty
            bank_id = self.text(root, "id", "the bank", required=True, limit=MAX_NAME_CHARS)
        else:
            bank_id = default_id
        description = self.text(root, "description", "the bank", limit=MAX_DESCRIPTION_CHARS)
        language = self.text(root, "language", "the bank", limit=MAX_NAME_CHARS)
        authors = self.text_list(root, "authors", "the bank", limit=MAX_NAME_CHARS) or ()
        tags = self.tags(root)
        source = self.source(root)
        categories = self.categories(root)
        questions = self.questions(root)
        if any(p.severity == "error" for p in self.problems):
            return None
        if title is None or bank_id is None:  # reported as errors above
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
            categories=categories,
            path=self.path,
            content_hash=content_hash,
        )

    def source(self, root: Mapping) -> SourceInfo | None:
        node = self.optional_mapping(root, "source",
                                     "a mapping with title, publisher, date, url and file")
        if node is None:
            return None
        self.unknown_keys(node, SOURCE_KEYS, "the bank's source")
        info = SourceInfo(**{k: self.text(node, k, "the bank's source") for k in SOURCE_KEYS})
        if info.file is not None:
            why = source_file_problem(info.file)
            if why:
                self.error(node.items["file"][1], why)
        return info

    def categories(self, root: Mapping) -> tuple[CategoryNote, ...]:
        """`categories`: each Moodle category's path, with its description and ID number."""
        node = self.optional_mapping(root, "categories", "a mapping of each category's path "
                                     "to its description and id_number")
        if node is None:
            return ()
        found: list[CategoryNote] = []
        for path, (key, value) in node.items.items():
            why = category_problem(path)
            if why:
                self.error(key, why)
                continue
            what = f"the category {shown(path)!r}"
            if type(value) is not Mapping:
                self.kind_error(value, f"categories: {shown(path)}",
                                "a mapping with description and id_number")
                continue
            self.unknown_keys(value, CATEGORY_KEYS, what)
            description = self.text(value, "description", what)
            if description is not None:
                self.prose(value.items["description"][1])
            found.append((path.strip(), description, self.text(value, "id_number", what)))
        return tuple(found)

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

    def _lookalike_id(self, qid: str, id_node: Node, line: int) -> None:
        """Warn when the id looks the same as an earlier one but is written otherwise."""
        # An id of plain ASCII letters (nearly all) needs no Unicode normalising.
        looks = (" ".join(qid.lower().split()) if qid.isascii() and qid.isprintable()
                 else name_key(qid))
        first = self._id_looks.setdefault(looks, (qid, line))
        if first[0] != qid:
            self.warning(
                id_node,
                f"the id '{qid}' looks the same as the id '{first[0]}' of the question at "
                f"line {first[1]}, but is written with other characters (a letter and its "
                "accent apart, full-width letters, upper and lower case, or an invisible "
                "character); results and exports would show two questions of one name: "
                "give one of them another id",
            )

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
        qid = self.text(node, "id", "this question", required=True, limit=MAX_NAME_CHARS)
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
                self._lookalike_id(qid, items["id"][1], node.line)
        qtype = self.text(node, "type", what, required=True)
        kind = kind_named(qtype) if qtype is not None else None
        if qtype is not None and kind is None:
            self.error(
                items["type"][1],
                f"unknown question type '{shown(qtype)}'{did_you_mean(qtype, KINDS)}; "
                f"the types are {', '.join(KINDS)}",
            )
        if kind is None:
            every_key = (k for other in KINDS.values() for k in other.yaml_keys)
            self.unknown_keys(node, COMMON_KEYS + tuple(dict.fromkeys(every_key)), what)
            return None

        allowed, described, owners = _per_type_of(kind)
        self.unknown_keys(node, allowed, described, owners)

        common: dict[str, Any] = {"id": qid, "line": node.line}
        if kind.prompt_key != "prompt":
            common["prompt"] = self.text(node, kind.prompt_key, what, required=True)
        else:
            common["prompt"] = (
                self.text(node, "prompt", what, required=kind.prompt_required) or ""
            )
        common["explanation"] = self.text(node, "explanation", what)
        title = self.text(node, "title", what)
        if title is not None:
            common["title"] = title
        if "id_number" in items and self.boolean(items["id_number"][1], "id_number"):
            common["id_number"] = True
        anki_guid = self.text(node, "anki_guid", what)
        if anki_guid is not None:
            common["anki_guid"] = anki_guid
        note_type = self.optional_mapping(node, "anki_note_type", "a mapping")
        if note_type is not None:
            from quizapp.core.anki_note_type import AnkiNoteType

            made = AnkiNoteType.from_mapping(_plain(note_type))
            if isinstance(made, str):
                self.error(note_type, f"'anki_note_type' {made}")
            else:
                common["anki_note_type"] = made.text()
                # an image occlusion's own picture, which the export gives back to Anki:
                # a path as `image` is, looked at on disk (a missing one is a warning)
                if made.picture and (why := image_path_problem(made.picture)):
                    self.error(note_type, f"'anki_note_type' picture: {why}")
                elif made.picture:
                    self.kept_pictures.append((made.picture, note_type.line, note_type.column))
        for name in ("prompt", "front", "explanation", "back", "text"):
            pair = items.get(name)
            if pair is not None and type(pair[1]) is Scalar:
                self.prose(pair[1])
        common["tags"] = self.tags(node)
        common["source"], common["quotes"] = self.question_source(node, what)
        if "points" in items:
            points_node = items["points"][1]
            points = self.number(points_node, "points")
            if points is not None and points <= 0:
                self.error(points_node, "'points' should be more than 0")
            elif points is not None and points > MAX_POINTS and type(points_node) is Scalar:
                self.error(points_node, f"'points' should be at most {MAX_POINTS:,} (how much "
                           f"the question weighs in a score), not {shown(points_node.value)}")
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
        hints = self.text_list(node, "hints", what)
        if hints:
            listed = items["hints"][1]
            if type(listed) is Sequence:  # (text_list found a list of texts)
                for item in listed.items:
                    self.prose(item)
            common["hints"] = hints
        category = self.text(node, "category", what)
        if category is not None:
            why = category_problem(category)
            if why:
                self.error(items["category"][1], why)
            else:
                common["category"] = category.strip()
        description = self.text(node, "image_description", what)
        if description is not None:
            if image is None:
                self.warning(items["image_description"][1],
                             "'image_description' describes the question's picture, but the "
                             "question has no 'image': the description is not used")
            else:
                common["image_description"] = description

        specific = kind.read_yaml(self, node, what)
        if len(self.problems) != before and any(
            p.severity == "error" for p in self.problems[before:]
        ):
            return None
        common.update(specific)
        return kind.model(**common)


def _label(name: str) -> str:
    """A key is quoted ('answer'); a description (an item of 'tags') is not."""
    return name if " " in name else f"'{name}'"


PerType = tuple[frozenset[str], str, Callable[[str], str | None]]


def _per_type(kind: Kind[Any]) -> PerType:
    """(allowed keys, how messages name such a question, who else uses a key)."""
    qtype = kind.name
    allowed = tuple(
        k for k in COMMON_KEYS + kind.yaml_keys if k != "prompt" or kind.prompt_key == "prompt"
    )
    article = "an" if qtype[0] in "aeiou" else "a"
    return frozenset(allowed), f"{article} {qtype} question", lambda key: _owners(key, kind)


def _owners(key: str, kind: Kind[Any]) -> str | None:
    if key == "prompt" and kind.prompt_key != "prompt":
        keys = " and ".join(f"'{k}'" for k in kind.yaml_keys)
        return f"other types; a {kind.name} has {keys}"
    owners = [name for name, other in KINDS.items() if key in other.yaml_keys]
    if not owners:
        return None
    return ", ".join(f"{t} questions" for t in owners)


# Built once per kind (the allowed keys are checked for every question of a bank);
# rebuilt when a kind of that name is registered anew.
_PER_TYPE: dict[str, tuple[Kind[Any], PerType]] = {}


def keys_of(kind: Kind[Any]) -> frozenset[str]:
    """The keys a question of this kind may have (the shared ones and its own)."""
    return _per_type_of(kind)[0]


def _per_type_of(kind: Kind[Any]) -> PerType:
    got = _PER_TYPE.get(kind.name)
    if got is None or got[0] is not kind:
        got = _PER_TYPE[kind.name] = (kind, _per_type(kind))
    return got[1]


def _plain(node: Node) -> object:
    """A node as Python values: mappings, lists, whole numbers written plain, else text
    (for a small mapping read whole, such as a question's anki_note_type)."""
    if type(node) is Mapping:
        return {key: _plain(value) for key, (_, value) in node.items.items()}
    if type(node) is Sequence:
        return [_plain(item) for item in node.items]
    assert type(node) is Scalar
    if node.plain and node.value.isdecimal() and node.value.isascii():
        return int(node.value)
    return node.value
