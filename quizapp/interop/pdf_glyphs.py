"""Characters a printed paper cannot draw: no font on this computer has them, so the PDF
holds an empty box in their place (emoji, or Chinese, on a computer with no font for
them) and the teacher is told which.

Needs a QGuiApplication (pdf.ensure_gui_app), as the PDF does.
"""

from __future__ import annotations

import unicodedata

# Not drawn as a shape of their own: controls, format marks (direction, joiners), spaces,
# and marks drawn on the letter before.
_NOT_SHAPES = {"Cc", "Cf", "Cs", "Zs", "Zl", "Zp", "Mn", "Me", "Mc"}
_NAMED = 8  # the most characters a warning names


def undrawable(doc, font, device) -> list[str]:
    """The characters of `doc`'s text that neither `font` nor any font Qt falls back to
    draws on `device`, by code point: Qt lays each out alone and gives the missing one
    glyph 0, the empty box."""
    from PySide6.QtGui import QTextLayout

    seen: set[str] = set()
    block = doc.begin()
    while block.isValid():
        text = block.text()
        if not text.isascii():
            seen.update(text)
        block = block.next()
    missing = []
    for character in sorted(seen):
        if character.isascii() or unicodedata.category(character) in _NOT_SHAPES:
            continue
        layout = QTextLayout(character, font, device)
        layout.beginLayout()
        layout.createLine()
        layout.endLayout()
        if any(0 in run.glyphIndexes() for run in layout.glyphRuns()):
            missing.append(character)
    return missing


def undrawable_warning(missing: list[str]) -> str:
    named = ", ".join(f"{c} (U+{ord(c):04X})" for c in missing[:_NAMED])
    more = f" and {len(missing) - _NAMED} more" if len(missing) > _NAMED else ""
    return (f"no font on this computer draws {named}{more}: the PDF prints an empty box in "
            "place of each; install a font that has them (an emoji or a Chinese font, say) "
            "and export again")
