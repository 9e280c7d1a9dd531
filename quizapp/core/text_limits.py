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

# A name (a bank's title, an id, a tag, an author, a language) and a bank's description
# are shown whole in lists and the library's detail pane, as one line of plain text: a
# line of 100,000 characters took a second to lay out there and one of 2,000,000 froze
# the window for minutes, so `quizapp validate` refuses longer ones (an error).
MAX_NAME_CHARS = 1_000
MAX_DESCRIPTION_CHARS = MARKDOWN_RENDER_LIMIT

# What a learner can type: an answer field and a cloze blank stop there, and say so
# (quizapp/gui/length_note.py). Both are far below grading.MAX_TEXT, past which an
# answer is not graded at all.
MAX_ANSWER_CHARS = 500
MAX_BLANK_CHARS = 200
