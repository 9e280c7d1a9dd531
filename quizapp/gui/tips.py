"""Tooltips that show bank text as the very text it is.

Qt draws a tooltip as HTML whenever its text merely looks like HTML (Qt::mightBeRichText:
a tag before the first line break), so a bank's title, description, picture description or
prompt holding "<b>" or "<img src=...>" as text would be drawn as HTML, and a picture named
there loaded from anywhere. Bank text is data: it is escaped into rich text of its own."""

from __future__ import annotations


def plain_tip(text: str) -> str:
    """`text` as a tooltip that shows exactly it; text without '<' is left as it is."""
    if "<" not in text:
        return text
    # Imported here: `html` builds its table of 2,231 named character references when
    # imported, ~1 ms of the library screen's startup, which shows no tooltip yet.
    import html

    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"
