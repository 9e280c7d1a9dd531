"""How many values a big bank file holds, judged from parts of it, before it is read whole.

The limit of values in one file (yaml_nodes.MAX_NODES) is otherwise met only as the values
are read: an 82 MB file of 600,000 short true/false questions (5.4 million values) was
refused at its 5,000,001st value, after 555,555 questions had been built and checked, 41 s
for `quizapp validate` on an idle machine. Counting the values of a few slices of whole
questions spread through the file takes a fraction of a second, and tells a file well over
the limit. A file near it is read and counted as before: parts cannot tell 1 % over from
1 % under, and a bank under the limit must never be refused.
"""

from __future__ import annotations

import re

import yaml
from yaml.events import MappingStartEvent, ScalarEvent, SequenceStartEvent

from quizapp.core import yaml_nodes

SLICES = 16
SLICE_BYTES = 32 * 1024
# How far over the limit the parts must show a file to refuse it unread. Slices spread
# through a bank judge it within a few percent; a file nearer the limit is counted.
MARGIN = 1.05

_QUESTIONS_KEY = re.compile(rb"^questions:[ \t]*(?:#[^\n]*)?\r?\n", re.MULTILINE)
_FIRST_ITEM = re.compile(rb"(?:[ \t]*(?:#[^\n]*)?\r?\n)*( *- )")
_HEADER_BYTES = 1024 * 1024  # where 'questions:' is looked for


def too_many_values(data: bytes) -> tuple[int, int, str] | None:
    """(line, column, message) for a file whose parts show it well over the limit of
    values; None for a file that must be read to be judged (small enough never to cost
    much, under or near the limit, or not a block list of questions)."""
    limit = yaml_nodes.MAX_NODES
    if len(data) <= 2 * limit:  # read whole in about the time sampling takes
        return None
    estimate = _estimated_values(data)
    if estimate is None or estimate <= limit * MARGIN:
        return None
    about = float(f"{estimate:.2g}")
    return (1, 1, f"the file holds too many values (about {about:,.0f}, judged from parts "
            f"spread through it; the limit is {limit:,}); a bank that big should be split "
            "into several files")


def _estimated_values(data: bytes) -> int | None:
    """The values of the file's questions judged from SLICES slices of whole questions
    spread through them; None when there is no block list of questions to cut."""
    key = _QUESTIONS_KEY.search(data, 0, _HEADER_BYTES)
    if key is None:
        return None
    item = _FIRST_ITEM.match(data, key.end())
    if item is None:
        return None
    start = item.start(1)
    # A question starts on a line of its own with the first question's indentation and '- '.
    boundary = b"\n" + item.group(1)
    span = len(data) - start
    values = sampled = 0
    for k in range(SLICES):
        begin = start if k == 0 else data.find(boundary, start + span * k // SLICES) + 1
        if begin <= 0:
            continue
        end = data.find(boundary, begin + SLICE_BYTES)
        if end < 0:
            continue  # the last question may run into the file's other keys
        counted = _values_in(data[begin:end + 1])
        if counted is not None:
            values += counted
            sampled += end + 1 - begin
    if not sampled:
        return None
    return values * span // sampled


def _values_in(text: bytes) -> int | None:
    """How many values compose would count in this slice (aliases add none), or None when
    it does not read on its own (it began inside a text that holds a line like a question's
    start)."""
    loader = yaml_nodes.yaml_loader(text)
    counted = (ScalarEvent, MappingStartEvent, SequenceStartEvent)
    values = 0
    try:
        while loader.check_event():
            if type(loader.get_event()) in counted:
                values += 1
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return values
