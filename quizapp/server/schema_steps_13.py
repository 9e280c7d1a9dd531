"""The class server's schema step 13 (schema.py runs every step; this one lives here to keep
schema.py a readable size): each answer carries its question's version.

The local store keeps each answer's question version (its schema 12, answers.version: the
prompt, picture, choices, right answer and grading rules as asked), but the answers went
to the server without it: a learner's history pulled on another computer came in with
none there (every answer counted as the question as it is now), and the teacher's item
analysis told versions apart only by the bank text of each answer's session, which the
server has only when the bank was published (a learner's own bank, the bundled one:
every answer counted as the current version).

quizapp.answers.version (NULL: pushed by a computer of an earlier quizapp, or recorded
before the store's schema 12), and learner_question_versions counted by it too (its key
gains `version`, '' for none; the rows already there keep ''), by the same triggers.
Older computers ignore it (a compatible step: they name the columns they send, and the
version stays NULL; their teacher's analysis sums the rows of a text as before).
"""

from __future__ import annotations

from quizapp.server.schema_steps_11 import (
    BY_ANSWER_VERSION,
    count_answers,
    uncount_retracted_versions,
)


def step_13() -> list[str]:
    return [
        "ALTER TABLE quizapp.answers ADD COLUMN version text",
        "ALTER TABLE quizapp.learner_question_versions"
        " ADD COLUMN version text NOT NULL DEFAULT ''",
        "ALTER TABLE quizapp.learner_question_versions"
        " DROP CONSTRAINT learner_question_versions_pkey,"
        " ADD PRIMARY KEY (bank_id, question_id, learner, content_hash, version)",
        count_answers(BY_ANSWER_VERSION),
        uncount_retracted_versions(BY_ANSWER_VERSION, replace=True),
    ]
