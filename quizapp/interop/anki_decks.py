"""Anki's subdecks, both ways: a bank is one deck, so a card in a subdeck of the deck imported
(Teacher::Biology::Cells under Teacher) gets the tag 'Anki deck: Biology::Cells', and a
question with such a tag is written into that subdeck again by the .apkg export.

The prefix holds a space, which no Anki tag can (Anki separates its tags with spaces): a
note's own tags, 'deck::Java' or 'exam::2026' among them, are never taken for a subdeck and
go back to Anki as the tags they were.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable

from quizapp.core.plural import counted

SUBDECK_TAG_PREFIX = "Anki deck: "


def deck_paths(db: sqlite3.Connection) -> dict[int, tuple[str, ...]]:
    """deck id -> its name's parts ('Teacher', 'Biology'), from either schema: the current
    one's decks table (parts separated by U+001F) or the older col row's JSON ('::')."""
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "decks" in tables:
        return {int(did): tuple(p for p in str(name).split("\x1f") if p)
                for did, name in db.execute("SELECT id, name FROM decks")}
    row = db.execute("SELECT decks FROM col").fetchone()
    try:
        decks = json.loads(row[0] if row and row[0] else "{}")
    except (TypeError, json.JSONDecodeError):
        return {}
    if not isinstance(decks, dict):
        return {}
    out: dict[int, tuple[str, ...]] = {}
    for key, deck in decks.items():
        if isinstance(deck, dict) and str(key).lstrip("-").isdigit():
            out[int(key)] = tuple(p for p in str(deck.get("name", "")).split("::") if p)
    return out


def _shared_start(paths: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    paths = list(paths)
    if not paths:
        return ()
    start = paths[0]
    for path in paths[1:]:
        n = 0
        while n < min(len(start), len(path)) and start[n] == path[n]:
            n += 1
        start = start[:n]
    return start


def subdeck_tags(note_decks: dict[int, tuple[str, ...]]) -> dict[int, str]:
    """note id -> the tag of its subdeck under the deck all the notes share (none for a
    note in that deck itself)."""
    top = _shared_start(note_decks.values())
    return {nid: SUBDECK_TAG_PREFIX + "::".join(path[len(top):])
            for nid, path in note_decks.items() if len(path) > len(top)}


def deck_title(paths: Iterable[tuple[str, ...]]) -> str | None:
    """The name of the deck every card is in ('Spanish::Verbs'), the bank's title; None when
    the cards share none, or only Anki's 'Default' (the file's name says more)."""
    top = _shared_start(paths)
    name = "::".join(p.strip() for p in top if p.strip())
    return name if name and top != ("Default",) else None


def subdecks_said(tags: dict[int, str]) -> str | None:
    """The warning that says which subdecks became tags (None: there were none)."""
    if not tags:
        return None
    counts = Counter(tags.values())
    listed = ", ".join(f"{tag!r} ({counted(n, 'note')})"
                       for tag, n in sorted(counts.items()))
    return (f"a bank is one deck: the cards of the deck's subdecks are tagged with their "
            f"subdeck ({listed}); exported to Anki again, each tag is a subdeck again")


def subdecks_of(tags: Iterable[str]) -> list[str]:
    """The subdecks a question's tags put it in ('Biology::Cells'), in their order: one, as
    the import tags it, or more when a teacher added another."""
    out = []
    for tag in tags:
        if tag.startswith(SUBDECK_TAG_PREFIX):
            name = "::".join(p.strip() for p in tag[len(SUBDECK_TAG_PREFIX):].split("::")
                             if p.strip())
            if name and name not in out:
                out.append(name)
    return out
