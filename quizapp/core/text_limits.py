"""How long bank texts and typed answers may sensibly be (shared by validate and the GUI).

`quizapp validate` warns past MAX_PROSE_CHARS / MAX_CHOICE_CHARS: such texts are hard to
read in a quiz. The app renders Markdown up to MARKDOWN_RENDER_LIMIT characters and plain
text beyond (quizapp/rendering/markdown.py): laying out Markdown costs about 5 ms per 1,000
characters, so a 1 MB prompt took 5 s and now never blocks the window for 100 ms.
"""

from __future__ import annotations

MAX_PROSE_CHARS = 5_000
MAX_CHOICE_CHARS = 500
MARKDOWN_RENDER_LIMIT = 10_000

# What a learner can type: an answer field and a cloze blank stop there, and say so
# (quizapp/gui/length_note.py). Both are far below grading.MAX_TEXT, past which an
# answer is not graded at all.
MAX_ANSWER_CHARS = 500
MAX_BLANK_CHARS = 200
