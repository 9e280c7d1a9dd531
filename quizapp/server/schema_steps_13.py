"""The class server's schema steps 13 to 15 (schema.py runs every step; these live here to
keep schema.py a readable size): each answer carries its question's version (13), each
review its fuzz draw (14), each row of the logs the time the server took it (15).

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


def step_14() -> list[str]:
    """quizapp.reviews.draw: the review's fuzz draw, as the local store records it since its
    schema 13 (NULL: pushed by an older quizapp, or recorded before, and replayed with the
    draw seeded by the review). Older computers ignore it (a compatible step: they name
    the columns they send and pull). One of them that pulls a review with a draw replays
    it with the seeded draw: there the card's due date can differ by the fuzz (a few days
    at most) until that computer runs this quizapp, which replays it with the draw."""
    return ["ALTER TABLE quizapp.reviews ADD COLUMN draw float8"]


# The logs whose rows carry a time of the computer that recorded them (all of them).
TIMED_LOGS = ("sessions", "session_ends", "answers", "reviews", "retractions")


def utc_text(timestamp: str) -> str:
    """A timestamptz expression as the store writes times: fixed-width ISO 8601 UTC text,
    so that text order is time order."""
    return f"""to_char({timestamp} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"')"""


SERVER_NOW = utc_text("now()")


def taken_text(of: str = "") -> str:
    """A row's `taken` (of the table or alias `of`) as the store writes times."""
    return utc_text(f"{of}.taken" if of else "taken")


def answered_by_server(of: str) -> str:
    """An answer's time (alias `of`) as at most when the server took it."""
    return f'least({of}.answered COLLATE "C", {taken_text(of)})'


def step_15_columns() -> list[str]:
    """`taken`: when the server took each row of the logs (its push's transaction). A
    computer whose clock was ahead (a wrong date) stamps its rows in the future; the
    learner's other computers pull each row's times as at most `taken` (pull.py), so that
    its attempt is not their "Last" until that date comes, nor its reviews replayed after
    the ones given since on a right clock. The rows there already take the time of the
    update (their times up to it stand; one in the future counts as at the update, as
    step 12 counts the attempts). Older computers ignore it: they name the columns they
    send, and the default fills it."""
    return [f"ALTER TABLE quizapp.{log} ADD COLUMN taken timestamptz NOT NULL DEFAULT now()"
            for log in TIMED_LOGS]


def step_15_last_answered() -> list[str]:
    """The bank's last answer (learner_banks.last_answered, the overview's "Last studied")
    by the server's clock too, as answers come (count_answers; uncount_retracted is
    schema.py's) and for those there (one in the future counts as at the update)."""
    answered = answered_by_server("a")
    return [
        count_answers(BY_ANSWER_VERSION, answered=answered),
        f"""UPDATE quizapp.learner_banks s SET last_answered = c.last_answered
            FROM (SELECT a.learner, a.bank_id, max({answered}) AS last_answered
                  FROM quizapp.answers a
                  JOIN quizapp.learner_banks f ON f.learner = a.learner
                    AND f.bank_id = a.bank_id AND f.last_answered COLLATE "C" > {SERVER_NOW}
                  WHERE NOT EXISTS (SELECT 1 FROM quizapp.retractions x
                                    WHERE x.answer_uuid = a.uuid)
                  GROUP BY a.learner, a.bank_id) c
            WHERE s.learner = c.learner AND s.bank_id = c.bank_id""",
    ]
