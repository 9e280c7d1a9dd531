"""How long bank texts and typed answers may sensibly be (shared by validate and the GUI).

`quizapp validate` warns past MAX_PROSE_CHARS / MAX_CHOICE_CHARS: such texts are hard to
read in a quiz. The app renders Markdown up to MARKDOWN_RENDER_LIMIT characters and plain
text beyond (quizapp/gui/markdown.py): laying out Markdown costs about 5 ms per 1,000
characters, so a 1 MB prompt took 5 s and now never blocks the window for 100 ms.
"""

from __future__ import annotations

MAX_PROSE_CHARS = 5_000
MAX_CHOICE_CHARS = 500
MARKDOWN_RENDER_LIMIT = 10_000
