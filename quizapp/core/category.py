"""A question's category: where it lives in a Moodle question bank, kept so that a bank
imported from Moodle goes back into the same categories.

A bank writes it as a path of names separated by '/', from the top of the course's
questions down: 'Week 1/Trade'. A '/' inside a name is written '//', as Moodle writes it
('Trade // tariffs' is the one name 'Trade / tariffs'). A category in another Moodle context
than the course starts with that context: '$system$/Shared'. Moodle's own 'top' of a
context is left out (Moodle adds it back), so '$course$/top/Week 1' is 'Week 1'.
"""

from __future__ import annotations

import re

# Moodle's question contexts, as its XML and GIFT files name them; the course's is the
# one a bank's category means when it names none.
COURSE_CONTEXT = "$course$"
_CONTEXT = re.compile(r"\$[a-z]+\$")
_ESCAPED_SLASH = "\0"

# What a bank keeps of a Moodle category besides its name (the bank's `categories`): its
# path, its description (Markdown) and its Moodle ID number. A plain tuple, as the bank
# cache (marshal) keeps it.
CategoryNote = tuple[str, str | None, str | None]


def split_path(path: str) -> list[str]:
    """The names of a category path, '//' read as a '/' inside a name, each stripped."""
    return [part.replace(_ESCAPED_SLASH, "/").strip()
            for part in path.replace("//", _ESCAPED_SLASH).split("/")]


def join_names(names: list[str]) -> str:
    """A path of these names, a '/' in one written '//'."""
    return "/".join(name.replace("/", "//") for name in names)


def context_and_names(category: str) -> tuple[str, list[str]]:
    """A category path as Moodle's context and the names under its top: ('$course$',
    ['Week 1', 'Trade']) for 'Week 1/Trade', '$course$/top/Week 1/Trade' (Moodle's own
    path) and '$course$/Week 1/Trade' (an older Moodle's) alike."""
    parts = [p for p in split_path(category) if p]
    context = COURSE_CONTEXT
    if parts and _CONTEXT.fullmatch(parts[0].lower()):
        context, parts = parts[0].lower(), parts[1:]
    if parts and parts[0].lower() == "top":
        parts = parts[1:]
    return context, parts


def category_names(category: str | None) -> tuple[str, ...]:
    """The names of a question's category, as tags would name them ('Week 1', 'Trade')."""
    return tuple(context_and_names(category)[1]) if category else ()


def from_moodle(path: str) -> str | None:
    """A Moodle category path ('$course$/top/Week 1/Trade', or GIFT's bare 'Week 1/Trade')
    as a bank's category ('Week 1/Trade'); None for the top of the course, which holds no
    named category."""
    context, names = context_and_names(path)
    if not names:
        return None
    return join_names(names) if context == COURSE_CONTEXT else f"{context}/{join_names(names)}"


def to_moodle(category: str) -> str:
    """A bank's category as Moodle's path: '$course$/top/Week 1/Trade'."""
    context, names = context_and_names(category)
    return "/".join([context, "top", *([join_names(names)] if names else [])])


def category_problem(category: str) -> str | None:
    """What is wrong with a category a bank gives, in words; None when nothing is."""
    if any(ord(c) < 0x20 or c == "\x7f" for c in category.strip()):
        return (f"the category {category!r} holds a line break or another control "
                "character; a category's path is one line")
    parts = split_path(category.strip())
    if not any(parts):
        return "the category is empty; leave it out for a question in no category"
    if not all(parts):
        return (f"the category {category!r} has an empty name between two '/' (a '/' "
                "inside a name is written '//')")
    contexts = [p for p in parts[1:] if p.startswith("$") and p.endswith("$")]
    if contexts:
        return (f"the category {category!r}: a Moodle context such as {contexts[0]!r} can "
                "only come first")
    context, names = context_and_names(category)
    if not names:
        return (f"the category {category!r} is the top of a Moodle context, which holds no "
                f"questions of its own; name the category under it ('{context}/Shared')")
    return None
