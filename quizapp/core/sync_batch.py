"""The rows one learner's computer sends to (or gets from) the class server.

Plain tuples, in the server tables' column order (quizapp.server.schema), times as the
store's ISO 8601 UTC text, so nothing is converted on the way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Column order of each log, as sent and as pulled.
SESSION_COLUMNS = ("uuid", "bank_id", "content_hash", "mode", "started")
END_COLUMNS = ("session_uuid", "bank_id", "finished", "score", "outcome", "recall")
# `version`: the question's version as asked (core.question_version; None before the
# store's schema 12), last, as a server before its schema 13 has no such column.
ANSWER_COLUMNS = (
    "uuid", "session_uuid", "bank_id", "question_id", "response", "correct", "credit",
    "seconds", "answered", "shown", "version",
)
# `draw`: the review's fuzz draw (None before the store's schema 13), last, as a server
# before its schema 14 has no such column.
REVIEW_COLUMNS = (
    "answer_uuid", "n", "bank_id", "question_id", "rating", "reviewed", "duration_ms",
    "overrides", "draw",
)
# A retraction (the learner's undo) names its answer; sent after the answers.
RETRACTION_COLUMNS = ("answer_uuid", "retracted")
# A suspension (suspended True) or a card brought back (False) of the learner, with when
# (store schema 16, server step 16).
SUSPENSION_COLUMNS = ("uuid", "bank_id", "question_id", "suspended", "changed")


@dataclass(slots=True)
class SyncBatch:
    """One learner's rows; `marks` (for unpushed) is what mark_pushed records."""

    sessions: list[tuple] = field(default_factory=list)
    ends: list[tuple] = field(default_factory=list)
    answers: list[tuple] = field(default_factory=list)
    reviews: list[tuple] = field(default_factory=list)
    retractions: list[tuple] = field(default_factory=list)
    suspensions: list[tuple] = field(default_factory=list)
    marks: dict[str, int] = field(default_factory=dict)
    still_open: list[int] = field(default_factory=list)  # sent sessions not closed yet

    def bank_ids(self) -> frozenset[str] | None:
        """The banks these rows are of; None when some row does not say (a retraction
        names only its answer)."""
        if self.retractions:
            return None
        return frozenset(
            [row[1] for row in self.sessions] + [row[1] for row in self.ends]
            + [row[2] for row in self.answers] + [row[2] for row in self.reviews]
            + [row[1] for row in self.suspensions]
        )

    def __len__(self) -> int:
        return (
            len(self.sessions) + len(self.ends) + len(self.answers) + len(self.reviews)
            + len(self.retractions) + len(self.suspensions)
        )
