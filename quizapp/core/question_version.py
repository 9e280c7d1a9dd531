"""A question's version: a short digest of what a learner answers and how it is graded.

Stored with each answer (answers.version, schema version 12), so that the item analysis
counts the answers to the question as it stands now apart from those given to an earlier
version of it (a right answer or an option changed after learners answered). The digest
covers the prompt, the picture and the type's own fields (choices, the right answer,
accepted answers, typing rules, pairs, order, blanks, a flashcard's back), except
feedback; not the explanation, tags, source, quotes, points or title, which change
neither the question asked nor its grading. A field at its default is left out, so that
the fields later versions of quizapp add change no version (see _is_default).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import MISSING, Field, fields, is_dataclass

from quizapp.core.model_base import Question

# The fields every question has that leave the question asked and its grading alone.
_NOT_VERSIONED = frozenset(f.name for f in fields(Question)) - {"prompt", "image"}
# Recently versioned questions by identity (a Question is immutable): an answer costs no
# second digest of the same question. Cleared when full.
_CACHE: dict[int, tuple[Question, str]] = {}
_CACHE_SIZE = 4096


def _is_default(f: Field, value: object) -> bool:
    """Whether a field holds its default: left out of the digest, so that a field a later
    quizapp adds (with a default: grading's `moodle`, numeric's `other_units`) leaves the
    versions of the questions that do not use it alone. Counted in, it would make every
    question answered before the upgrade an earlier version: the item analysis would set
    all their answers apart as given to another question."""
    if f.default is not MISSING:
        return bool(value == f.default)
    if f.default_factory is not MISSING:
        return bool(value == f.default_factory())
    return False


def _versioned(value: object, leave_out: frozenset[str] = frozenset()) -> dict[str, object]:
    """A dataclass's fields that make its version: not feedback, not `leave_out`, not one
    holding its default."""
    return {
        f.name: _plain(v)
        for f in fields(value)  # type: ignore[arg-type]  # a dataclass: the callers check
        if f.name not in leave_out and not f.name.startswith("feedback")
        and not _is_default(f, v := getattr(value, f.name))
    }


def _plain(value: object) -> object:
    """`value` as JSON-able data, dataclasses as their versioned fields."""
    if is_dataclass(value) and not isinstance(value, type):
        return _versioned(value)
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def question_version(question: Question) -> str:
    """The question's version: 16 hex digits, the same for every load of the same text."""
    cached = _CACHE.get(id(question))
    if cached is not None and cached[0] is question:
        return cached[1]
    body = _versioned(question, _NOT_VERSIONED)
    text = json.dumps([question.TYPE, body], sort_keys=True, ensure_ascii=False)
    version = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.clear()
    _CACHE[id(question)] = (question, version)
    return version
