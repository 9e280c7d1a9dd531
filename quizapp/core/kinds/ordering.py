"""ordering: items to be put in the right order."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from quizapp.core.grades import Grade, clamp, is_index, jsonable, wrong
from quizapp.core.kinds import form_fields as ff
from quizapp.core.kinds.base import SECONDS_PER_WORD, Kind, listed_words, words
from quizapp.core.kinds.text_forms import LIST_SEPARATOR, parts, pick
from quizapp.core.model_base import Question
from quizapp.core.yaml_fields import FieldReader
from quizapp.core.yaml_nodes import Mapping
from quizapp.core.yaml_nodes import Sequence as SequenceNode


@dataclass(frozen=True, slots=True, kw_only=True)
class Ordering(Question):
    """Items to be put in the right order."""

    TYPE: ClassVar[str] = "ordering"
    items: tuple[str, ...]  # in the right order


def read_yaml(r: FieldReader, m: Mapping, what: str) -> dict[str, Any]:
    items = r.text_list(m, "items", what, required=True)
    if items is not None:
        node = m.items["items"][1]
        if len(items) < 2:
            r.error(node, "an ordering question needs at least two items")
        elif type(node) is SequenceNode:  # always, as the items were read
            seen: dict[str, tuple[int, str]] = {}
            for item_node, item in zip(node.items, items, strict=True):
                first = r.repeated(seen, item, item_node)
                if first is not None:
                    r.error(item_node, f"'items' lists the item '{item}' twice{first}; "
                            "each must be different")
    return {"items": items}


def _longest_non_decreasing(seq: list[int]) -> int:
    tails: list[int] = []
    for x in seq:
        k = bisect.bisect_right(tails, x)
        if k == len(tails):
            tails.append(x)
        else:
            tails[k] = x
    return len(tails)


def grade_ordering(q: Ordering, response: object) -> Grade:
    """Credit from the longest run of items already in the right relative
    order (longest increasing subsequence, L): (L - 1) / (n - 1). So one item
    dragged to the wrong end still earns most of the credit, and the reversed
    order earns 0. Items with the same text are interchangeable. The response
    must be a permutation of the item indexes, otherwise it is invalid."""
    items = q.items
    expected = " → ".join(items)
    n = len(items)
    if n == 0 or response is None or isinstance(response, str | bytes | dict):
        return wrong(expected)
    if not isinstance(response, Sequence) or len(response) != n:
        return wrong(expected)
    if not all(is_index(i, n) for i in response) or len({int(i) for i in response}) != n:
        return wrong(expected)
    rank: dict[str, int] = {}
    for pos, text in enumerate(items):
        rank.setdefault(text, pos)
    if [items[int(i)] for i in response] == list(items):
        return Grade(True, 1.0, expected)
    ranks = [rank[items[int(i)]] for i in response]
    longest = _longest_non_decreasing(ranks)
    return Grade(False, clamp((longest - 1) / (n - 1)), expected)


def readable(q: Ordering, response: object) -> object:
    if not isinstance(response, Sequence) or isinstance(response, str):
        return jsonable(response)
    items = q.items
    return [items[int(i)] if is_index(i, len(items)) else jsonable(i) for i in response]


def parse_answer(q: Ordering, text: str) -> list[int]:
    items = list(q.items)
    return [pick(part, items, "item") for part in parts(text, LIST_SEPARATOR)]


BASE_SECONDS = 3.0
SECONDS_PER_ITEM = 2.0


def expected_seconds(q: Ordering) -> float:
    count = words(q.prompt) + sum(words(i) for i in q.items)
    return BASE_SECONDS + SECONDS_PER_ITEM * len(q.items) + SECONDS_PER_WORD * count


KIND: Kind[Ordering] = Kind(
    name=Ordering.TYPE,
    model=Ordering,
    required_keys=("items",),
    yaml_keys=("items",),
    read_yaml=read_yaml,
    grade=grade_ordering,
    expected_response=lambda q: list(range(len(q.items))),
    parse_answer=parse_answer,
    expected_seconds=expected_seconds,
    base_seconds=BASE_SECONDS,
    readable=readable,
    arranged_texts=lambda q: q.items,
    starts_out_of_order=True,
    new_question_body={"prompt": "Put these in order.", "items": ["First", "Second"]},
    form_fields=(ff.text_box("items", "Items in the right order (one a line)", "lines"),),
    response_words=lambda q, readable: (
        " → ".join(str(v) for v in readable) if isinstance(readable, list)
        else listed_words(q, readable)
    ),
)
