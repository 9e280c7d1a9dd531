"""Reading a bank's YAML fields: each reader checks one value and reports what is wrong.

FieldReader collects every problem (never just the first), each at the line
and column of the value it is about, in words a teacher understands. The
question kinds (quizapp/core/kinds/) read their own keys with these readers;
quizapp.core.yaml_bank.BankChecker adds the bank and the keys every question
shares.
"""

from __future__ import annotations

import re
import unicodedata

from quizapp.core.markup import markdown_images, without_code_spans
from quizapp.core.model_base import (
    WEIGHTS_FULL_MARGIN,
    Choice,
    PersonName,
    Problem,
    TextPolicy,
)
from quizapp.core.text_limits import (
    MARKDOWN_RENDER_LIMIT,
    MAX_CHOICE_CHARS,
    MAX_NAME_CHARS,
    MAX_PROSE_CHARS,
)
from quizapp.core.yaml_nodes import NULL_WORDS, Mapping, Node, Scalar, Sequence
from quizapp.core.yaml_values import (
    NUMBER,
    did_you_mean,
    imprecise_number,
    is_visible,
    look_key,
    one_line,
    parse_bool,
    parse_number,
    shown,
    text_image_path,
)

PERSON_KEYS = ("person", "family_name", "family_name_alone")
GRADING_KEYS = ("case_sensitive", "ignore_accents", "ignore_punctuation", "max_typos", "moodle")
CHOICE_KEYS = ("text", "feedback", "weight")
PAIR_KEYS = ("left", "right")
MAX_PROBLEMS = 1000  # per file; past this a teacher needs to fix the first ones anyway

# A tag as typed; one whose '<' is escaped (\<script>, as the importers write a tag that
# was text) shows as written, as meant. An escaped backslash before it (\\<b>) escapes nothing.
_HTML_TAG = re.compile(r"(?<!\\)(?:\\\\)*</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
NODE_KINDS = {Scalar: "text", Mapping: "a mapping (key: value lines)", Sequence: "a list"}

# (relative path, line, column) of each image a bank names; checked against the disk later
ImageRef = tuple[str, int, int]


# Bidirectional embeddings, overrides and isolates: they reorder what follows them on
# screen (Unicode's "Trojan Source" characters). Right-to-left text needs none of them.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


# Control characters other than tab and line breaks: nothing on screen shows them, and a
# Moodle XML file cannot hold them (its export leaves them out).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _number_hint(text: str, name: str) -> str:
    """What a teacher probably meant by a value that is not a number, or ''."""
    written = text.strip()
    if re.fullmatch(r"[-+]?\d{1,3}(?:,\d{3})+", written):  # 1,000 or 60,000,000: thousands,
        # as the app reads it from a learner (or a decimal comma: 1,000 for 1.0)
        return (f" (write it without separators, like {written.replace(',', '')}; "
                "decimals with a dot, like 3.5)")
    if re.fullmatch(r"[-+]?\d+,\d+", written):
        return " (write decimals with a dot, like 3.5)"
    if name == "answer" and re.match(r"[-+]?\d[\d.]*\s+\S", written):
        return " (put the unit in 'unit:', like unit: billion dollars)"
    if re.fullmatch(r"[-+]?0[xXoObB][0-9a-fA-F_]+", written):
        try:
            return f" (write it in decimal digits, like {int(written.replace('_', ''), 0)})"
        except ValueError:
            return ""
    if re.fullmatch(r"[-+]?\d+(?::\d+)+(?:\.\d*)?", written):
        return " (write one number, like 1.5 or 90, and its unit in 'unit:')"
    if NUMBER.fullmatch(written):  # a number, but past the largest the app keeps
        return " (it is too large: the app's numbers go up to about 1.8e308)"
    return ""


def _null_word_hint(value: str, node: Scalar) -> str:
    """Why a text the teacher wrote, such as Null or ~, is empty."""
    if not node.plain or not value:
        return ""
    return f": YAML reads {value} as no value; put it in quotes (\"{value}\") if you mean that text"


def _label(name: str) -> str:
    """A key is quoted ('answer'); a description (an item of 'tags') is not."""
    return name if " " in name else f"'{name}'"


class TooManyProblems(Exception):
    pass


# Moodle's ways of numbering a question's choices (its answernumbering: a., A., 1., i., I.,
# none), which a choice question keeps for the Moodle XML export. quizapp numbers choices
# 1., 2., 3. itself, the keys that pick them.
NUMBERINGS = ("abc", "ABCD", "123", "iii", "IIII", "none")


class FieldReader:
    """Reads and checks single fields, collecting problems for one file."""

    def __init__(self, path: str):
        self.path = path
        self.problems: list[Problem] = []
        # Pictures named inside texts (Markdown), checked against the disk with the
        # 'image' keys' (yaml_files.image_problems), as warnings: the app shows
        # "[image not shown]" in their place and the rest of the text.
        self.text_images: list[ImageRef] = []

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
                # 'answer' for 'answers': the key this type takes, not only whose it is
                # (a near miss only: 'items' is not a misspelt 'title')
                self.error(key, f"'{name}' is not used by {what} (it belongs to {owners})"
                                f"{did_you_mean(name, allowed, cutoff=0.85)}")
            else:
                self.error(
                    key, f"unknown key '{shown(name)}' in {what}{did_you_mean(name, allowed)}"
                )

    def prose(self, node: Node) -> None:
        """Warn about what the app will show differently from what the teacher meant."""
        if type(node) is not Scalar:  # a text field's reader has reported it already
            return
        self.long_text(node, MAX_PROSE_CHARS, "text")
        self.raw_html(node)
        self.pictures(node)

    def raw_html(self, node: Scalar) -> None:
        """Warn about HTML tags in a Markdown text: the app shows them as typed."""
        value = node.value
        if "<" not in value:
            return
        if "`" in value:  # code spans show their text as written, which is fine
            value = without_code_spans(value)
        if _HTML_TAG.search(value):
            self.warning(
                node,
                "HTML tags are shown as typed, not as formatting; use Markdown "
                "(**bold**, *italic*, line breaks) instead",
            )

    def pictures(self, node: Scalar) -> None:
        """Warn about Markdown images the app will not show (web, absolute, '..'), by the
        renderer's rule (rendering/markdown.safe_local_file); the rest are looked at on
        disk later (text_images)."""
        if "![" not in node.value:  # the usual text: no call (this runs for every text)
            return
        for ref in markdown_images(node.value):
            path, why = text_image_path(ref)
            if why:
                self.warning(node, f"the picture '{shown(ref)}' will not be shown: {why}")
            else:
                self.text_images.append((path, node.line, node.column))

    def long_text(self, node: Scalar, limit: int, what: str) -> None:
        """Warn about a text too long to read on screen (the app shows it, but slowly)."""
        if len(node.value) > limit:
            self.warning(
                node,
                f"this {what} is {len(node.value):,} characters long; keep it under "
                f"{limit:,} (past {MARKDOWN_RENDER_LIMIT:,} the app shows it as plain text)",
            )

    def choice_text(self, node: Node) -> None:
        """A choice's text: its HTML, its pictures and its length, like a prompt's."""
        if type(node) is Scalar:
            self.raw_html(node)
            self.pictures(node)
            self.long_text(node, MAX_CHOICE_CHARS, "choice")

    def require(self, m: Mapping, name: str, what: str) -> Node | None:
        pair = m.items.get(name)
        if pair is None:
            self.error(m, f"{what} has no '{name}'")
            return None
        return pair[1]

    def kind_error(self, node: Node, name: str, wanted: str) -> None:
        self.error(node, f"{_label(name)} should be {wanted}, not {NODE_KINDS[type(node)]}")

    def optional_mapping(self, m: Mapping, name: str, wanted: str) -> Mapping | None:
        """The mapping under `name`; None when the key is absent or empty, and when it holds
        something else, which is an error naming what was `wanted`."""
        pair = m.items.get(name)
        if pair is None:
            return None
        node = pair[1]
        if type(node) is Mapping:
            return node
        if not (type(node) is Scalar and node.is_null):
            self.kind_error(node, name, wanted)
        return None

    def text(self, m: Mapping, name: str, what: str, *, required: bool = False,
             limit: int | None = None) -> str | None:
        pair = m.items.get(name)
        if pair is None:
            if required:
                self.error(m, f"{what} has no '{name}'")
            return None
        return self.text_value(pair[1], name, required=required, limit=limit)

    def text_value(self, node: Node, name: str, *, required: bool = True,
                   limit: int | None = None) -> str | None:
        if type(node) is not Scalar:
            self.kind_error(node, name, "text")
            return None
        value = node.value
        if limit is not None and len(value) > limit:
            self.error(node, f"{_label(name)} is {len(value):,} characters long; it can be at "
                             f"most {limit:,} (lists and the library show it whole)")
        if not value or value.isspace() or (node.plain and value in NULL_WORDS):
            if required:
                self.error(node, f"{_label(name)} is empty{_null_word_hint(value, node)}")
            return None
        if not value.isprintable():  # the usual text is printable: nothing more to look at
            if not is_visible(value):
                if required:
                    self.error(node, f"{_label(name)} has only invisible characters in it")
                return None
            turned = _BIDI_CONTROLS.intersection(value)
            if turned:
                names = ", ".join(sorted(f"U+{ord(c):04X} {unicodedata.name(c, '?')}"
                                         for c in turned))
                self.warning(node, f"{_label(name)} holds characters that turn the text's "
                             f"direction ({names}): it may read otherwise than it is written")
            controls = set(_CONTROLS.findall(value))
            if controls:
                names = ", ".join(f"U+{ord(c):04X}" for c in sorted(controls))
                self.warning(node, f"{_label(name)} holds control characters that cannot be "
                             f"seen ({names}); delete them (a Moodle XML export leaves them "
                             "out)")
        return node.value

    def text_list(self, m: Mapping, name: str, what: str, *, required: bool = False,
                  limit: int | None = None):
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
            value = self.text_value(item, f"an item of '{name}'", limit=limit)
            if value is None:
                ok = False
            else:
                out.append(value)
        return tuple(out) if ok else None

    def tags(self, m: Mapping) -> tuple[str, ...]:
        tags = self.text_list(m, "tags", "", limit=MAX_NAME_CHARS)
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
            self.error(node, f"'{name}' should be a number, not '{shown(node.value)}'"
                       f"{_number_hint(node.value, name)}")
            return None
        why = imprecise_number(node.value, value)
        if why:
            self.warning(node, f"'{name}' {why}")
        elif "_" in node.value:  # YAML 1.1's digit groups (1_000); no learner types them
            written = node.value.strip()
            plain = written.replace("_", "")
            self.warning(node, f"'{name}' {shown(written, 24)} is read as {shown(plain, 24)} "
                         f"(YAML drops the '_'); write {shown(plain, 24)}, as a learner "
                         "would type it")
        return value

    def boolean(self, node: Node, name: str) -> bool | None:
        if type(node) is not Scalar:
            self.kind_error(node, name, "true or false")
            return None
        value = parse_bool(node.value)
        if value is None:
            self.error(node, f"'{name}' should be true or false, not '{shown(node.value)}'")
        return value

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
        repeated = False
        seen: dict[str, tuple[int, str]] = {}
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
            first = self.repeated(seen, text, item)
            if first is not None:
                # An error already, yet the answers are still checked against the other
                # choices, so that every mistake of the question is told at once.
                self.error(item, f"the choice '{text}' is listed twice{first}")
                repeated = True
                continue
            out.append(Choice(text=text, feedback=feedback, weight=weight))
        if ok and len(out) < 2:
            if not repeated:  # [x, x]: the repetition says it already
                hint = ""
                if len(out) == 1 and " - " in out[0].text:
                    # "- a" then "  - b" one column further right: YAML reads the second
                    # line as the first choice going on ("a - b")
                    hint = (f" (the one choice is '{shown(out[0].text)}': is a '- ' line "
                            "indented further than the one above it? Start each choice's "
                            "'-' in the same column)")
                self.error(node, f"a question needs at least two choices{hint}")
            ok = False
        return (tuple(out), node) if ok else None

    @staticmethod
    def repeated(seen: dict[str, tuple[int, str]], text: str, node: Node) -> str | None:
        """None if no text that looks like this one came before (and this one is noted
        in seen); else the end of the error message that tells where the first is, and
        whether it is written otherwise, as a learner could not see that."""
        key = look_key(text)
        first = seen.get(key)
        if first is None:
            seen[key] = (node.line, text)
            return None
        line, first_text = first
        how = "" if first_text == text else " (written with other, or invisible, characters)"
        return f"{how} (first at line {line})"

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
        if abs(total - 1) > WEIGHTS_FULL_MARGIN:
            self.warning(node, f"the right choices' weights add up to {total:g}, not 1: "
                         "picking all of them gives " + ("more than" if total > 1 else
                                                         "less than") + " full marks")

    def find_choice(self, choices, node: Node, text: str) -> int | None:
        for i, c in enumerate(choices):
            if c.text == text:
                return i
        texts = [c.text for c in choices]
        close = [t for t in texts if t.strip().casefold() == text.strip().casefold()]
        run_on = text.split(" - ")
        if close:
            hint = f" (did you mean '{close[0]}'?)"
        elif len(run_on) > 1 and all(part in texts for part in run_on):
            # "- b" one space right of "- a" above it: YAML reads it as more words of a
            hint = (" (two answers ran into one: the line of the second starts its '- ' "
                    "further right than the first's; start each '- ' in the same column)")
        else:
            hint = did_you_mean(text, texts)
        if not hint and text.strip().isdigit() and 0 < int(text) <= len(texts):
            hint = " (write the text of the right choice, not its number)"
        self.error(node, f"the answer '{shown(text)}' is not one of the choices{hint}")
        return None

    def feedback_texts(self, m: Mapping, what: str, names: tuple[str, ...]) -> dict:
        """The optional per-answer feedback texts among `names` (Markdown, like a choice's)."""
        out = {}
        for name in names:
            text = self.text(m, name, what)
            if text is not None:
                self.prose(m.items[name][1])
                out[name] = text
        return out

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
        node = self.optional_mapping(m, "grading", "a mapping like {case_sensitive: false}")
        if node is None:
            return TextPolicy()
        self.unknown_keys(node, GRADING_KEYS, "'grading'")
        values: dict = {}
        for name in ("case_sensitive", "ignore_accents", "ignore_punctuation", "moodle"):
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
        if values.get("moodle"):
            unused = [name for name in ("ignore_accents", "ignore_punctuation", "max_typos")
                      if name in node.items]
            if unused:
                self.warning(node.items[unused[0]][0], f"'{unused[0]}' does not apply with "
                             "'moodle: true', which compares the text as Moodle does (only "
                             "case_sensitive applies)")
        return TextPolicy(**values)

    def numbering(self, m: Mapping, what: str) -> dict:
        """{'numbering': ...} when the question keeps Moodle's numbering of its choices;
        else nothing."""
        value = self.text(m, "numbering", what)
        if value is None:
            return {}
        if value not in NUMBERINGS:
            self.error(m.items["numbering"][1], f"'numbering' is one of Moodle's ways of "
                       f"numbering choices: {', '.join(NUMBERINGS)} (not {shown(value)!r})")
            return {}
        return {"numbering": value}

    def shuffle_flag(self, m: Mapping) -> dict:
        """{'shuffle': False} when the author pins the written order; else nothing."""
        pair = m.items.get("shuffle")
        if pair is None:
            return {}
        value = self.boolean(pair[1], "shuffle")
        return {} if value is None else {"shuffle": value}
