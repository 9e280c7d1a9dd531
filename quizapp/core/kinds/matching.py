"""matching: left items to be paired with right items."""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from quizapp.core.grades import Grade, clamp, is_index, jsonable, wrong
from quizapp.core.kinds import form_fields as ff
from quizapp.core.kinds.base import SECONDS_PER_WORD, Kind, listed_words, words
from quizapp.core.kinds.text_forms import PAIR_SEPARATOR, AnswerFormError, parts, pick
from quizapp.core.model_base import Question
from quizapp.core.yaml_fields import PAIR_KEYS, FieldReader
from quizapp.core.yaml_nodes import Mapping
from quizapp.core.yaml_nodes import Sequence as SequenceNode
from quizapp.core.yaml_values import look_key


@dataclass(frozen=True, slots=True, kw_only=True)
class Matching(Question):
    """Left items to be paired with right items."""

    TYPE: ClassVar[str] = "matching"
    pairs: tuple[tuple[str, str], ...]  # (left, right), in authored order
    shuffle: bool = True  # False shows the right-hand column in the written order


def read_yaml(r: FieldReader, m: Mapping, what: str) -> dict[str, Any]:
    node = r.require(m, "pairs", what)
    if node is None:
        return {}
    if type(node) is not SequenceNode:
        r.kind_error(node, "pairs", "a list of {left: ..., right: ...}")
        return {}
    pairs = []
    # each side's texts by what they look like: 'x' and 'x' with a zero-width space are one
    lefts: dict[str, tuple[int, str]] = {}
    rights: dict[str, tuple[int, str]] = {}
    for item in node.items:
        if type(item) is not Mapping:
            r.error(item, "each pair should be a mapping like {left: ..., right: ...}")
            continue
        r.unknown_keys(item, PAIR_KEYS, "a pair")
        left = r.text(item, "left", "this pair", required=True)
        right = r.text(item, "right", "this pair", required=True)
        if left is not None:
            first = r.repeated(lefts, left, item)
            if first is not None:
                r.error(item.items["left"][1], f"'{left}' appears on the left twice{first}; "
                        "each left side must be different")
        if right is not None:
            # One right side may answer several lefts (cat -> mammal, dog -> mammal): it is
            # offered once and graded by its text. Only one written otherwise (an invisible
            # character) is refused: it would be offered twice, looking the same.
            first = r.repeated(rights, right, item)
            if first is not None and rights[look_key(right)][1] != right:
                r.error(item.items["right"][1], f"'{right}' appears on the right twice{first}; "
                        "write a repeated right side the same way each time")
        pairs.append((left, right))
    if len(node.items) < 2:
        r.error(node, "a matching question needs at least two pairs")
    elif one_right_side(pairs):
        r.error(node, "every pair has the same right side; a matching question needs at "
                "least two different right sides to choose from")
    return {"pairs": tuple(pairs), **r.shuffle_flag(m)}


def one_right_side(pairs: Sequence[tuple[str | None, str | None]]) -> bool:
    """Whether every pair (two or more) has the one right side: nothing to choose."""
    rights = {right for left, right in pairs if left is not None and right is not None}
    return len(rights) == 1 and len(pairs) > 1


_RIGHT_SIDE = operator.itemgetter(1)  # a pair's right side, for map() (as CHOICE_TEXT)


def offered(q: Matching, order: Sequence[int]) -> tuple[int, ...]:
    """The pairs, of those in `order` (the right-hand column as shown), whose right
    sides a learner picks among: each right side once, where it first comes in `order`
    (cat -> mammal and dog -> mammal offer 'mammal' once)."""
    seen: set[str] = set()
    out = []
    for j in order:
        right = q.pairs[j][1]
        if right not in seen:
            seen.add(right)
            out.append(j)
    return tuple(out)


def offered_for(q: Matching, offer: Sequence[int], chosen: object) -> int | None:
    """The pair of `offer` with the right side of pair `chosen` (a stored response may
    name another pair with the same right side), or None."""
    if not is_index(chosen, len(q.pairs)):
        return None
    right = q.pairs[int(chosen)][1]  # type: ignore[call-overload]
    return next((j for j in offer if q.pairs[j][1] == right), None)


def grade_matching(q: Matching, response: object) -> Grade:
    """Credit is the share of left items given the right right-hand side.
    Two lefts with the same right-hand text are interchangeable. None means a
    left left unanswered (wrong); a shorter list leaves the rest unanswered;
    an entry that is no index of a pair makes the whole response invalid."""
    pairs = q.pairs
    expected = "; ".join(f"{left} → {right}" for left, right in pairs)
    if not pairs or response is None or isinstance(response, str | bytes | dict):
        return wrong(expected)
    if not isinstance(response, Sequence) or len(response) > len(pairs):
        return wrong(expected)
    right = 0
    for i, chosen in enumerate(response):
        if chosen is None:
            continue
        if not is_index(chosen, len(pairs)):
            return wrong(expected)
        if pairs[int(chosen)][1] == pairs[i][1]:
            right += 1
    correct = right == len(pairs)
    return Grade(correct, 1.0 if correct else clamp(right / len(pairs)), expected)


def readable(q: Matching, response: object) -> object:
    if not isinstance(response, Sequence) or isinstance(response, str):
        return jsonable(response)
    pairs = q.pairs
    out = []
    for i, (left, _right) in enumerate(pairs):
        chosen = response[i] if i < len(response) else None
        right = pairs[int(chosen)][1] if is_index(chosen, len(pairs)) else None  # type: ignore[arg-type]
        out.append([left, right])
    return out


def parse_answer(q: Matching, text: str) -> list[int | None]:
    lefts = [left for left, _ in q.pairs]
    rights = [right for _, right in q.pairs]
    response: list[int | None] = [None] * len(lefts)
    for part in parts(text, PAIR_SEPARATOR):
        left, sep, right = part.partition("=")
        if not sep:
            raise AnswerFormError("write each pair as left=right, like 1=c, 2=a")
        response[pick(left, lefts, "left item")] = pick(right, rights, "right-hand side")
    return response


BASE_SECONDS = 3.0
SECONDS_PER_PAIR = 3.0


def expected_seconds(q: Matching) -> float:
    count = words(q.prompt) + sum(words(a) + words(b) for a, b in q.pairs)
    return BASE_SECONDS + SECONDS_PER_PAIR * len(q.pairs) + SECONDS_PER_WORD * count


def response_words(q: Matching, readable: object) -> str:
    """"France → Paris; Italy → (none)": each item with the side the learner matched."""
    if not isinstance(readable, list):
        return listed_words(q, readable)
    return "; ".join(
        f"{pair[0]} → {pair[1] if pair[1] is not None else '(none)'}"
        if isinstance(pair, list) and len(pair) == 2
        else str(pair)
        for pair in readable
    )


KIND: Kind[Matching] = Kind(
    name=Matching.TYPE,
    model=Matching,
    required_keys=("pairs",),
    yaml_keys=("pairs", "shuffle"),
    read_yaml=read_yaml,
    grade=grade_matching,
    expected_response=lambda q: list(range(len(q.pairs))),
    parse_answer=parse_answer,
    expected_seconds=expected_seconds,
    base_seconds=BASE_SECONDS,
    readable=readable,
    arranged_texts=lambda q: tuple(map(_RIGHT_SIDE, q.pairs)),
    may_shuffle=lambda q: q.shuffle,
    new_question_body={"prompt": "Match each item.",
                       "pairs": [{"left": "Left 1", "right": "Right 1"},
                                 {"left": "Left 2", "right": "Right 2"}]},
    form_fields=(
        ff.text_box("pairs", "Pairs (one a line: left => right, or {left: ..., right: ...})", "pairs"),
        ff.SHUFFLE,
    ),
    response_words=response_words,
)
