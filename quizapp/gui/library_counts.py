"""The library's numbers per bank (the learner's scores, and New / Learning / Due), read on
the reader thread as a QueryOp (gui/operations.py), never on the GUI thread.

`load_counts` runs there: ~6 queries a bank, and the writes they may start (the statistics
catching up with new answers, the catalog of a new bank version) go through the writer's
connection from that thread too. The library screen keeps what it loaded per bank
(`BankValues`) and asks again only for the banks a change concerns (Changes.bank_ids),
unless another connection to the file (another window, `quizapp sync`) wrote since the
last full count: then every bank is counted again, as every refresh did before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizapp.core.bank_counts import StudyCounts
    from quizapp.core.model import Bank
    from quizapp.core.stats import BankSummary
    from quizapp.core.store import Store, StoreQueries


@dataclass(frozen=True, slots=True)
class BankValues:
    """What the library shows of one bank for the learner; a field is None when it could
    not be read (why, in `problem`)."""

    bank: Bank  # the version counted: a reloaded bank (a new object) is counted again
    summary: BankSummary | None
    counts: StudyCounts | None
    problem: str | None = None


def same_numbers(shown: BankValues | None, counted: BankValues) -> bool:
    """Whether a bank's row, showing `shown`, would show the same with `counted`."""
    return (shown is not None and shown.summary == counted.summary
            and shown.counts == counted.counts and shown.problem == counted.problem)


@dataclass(slots=True)
class LoadedCounts:
    """One count's answer: the banks counted (every bank when `everything`)."""

    learner_id: int
    values: dict[str, BankValues] = field(default_factory=dict)
    everything: bool = False
    uncounted: int = 0  # answers the statistics leave out (a full disk): the note says so
    data_version: int | None = None  # the writer's, when read: others' writes change it


def load_counts(reader: StoreQueries, writer: Store | None, learner_id: int,
                banks: list[Bank], all_banks: list[Bank],
                seen_version: int | None) -> LoadedCounts:
    """Count `banks` for the learner (on the reader thread), or `all_banks` when another
    connection wrote to the file since `seen_version` (the writer's data_version at the
    last full count; None: count everything)."""
    version = _data_version(writer)
    everything = seen_version is None or version is None or version != seen_version
    loaded = LoadedCounts(learner_id, everything=everything, data_version=version)
    for bank in all_banks if everything else banks:
        problems: list[str] = []
        summary = bank_summary(reader, learner_id, bank, problems)
        counts = bank_counts(reader, learner_id, bank, problems)
        loaded.values[bank.id] = BankValues(bank, summary, counts,
                                            problems[0] if problems else None)
    try:
        loaded.uncounted = reader.uncounted_answers()
    except Exception:  # only a note: the counts themselves were read
        loaded.uncounted = 0
    return loaded


def _data_version(writer: Store | None) -> int | None:
    if writer is None:
        return None
    try:
        return writer.data_version()
    except Exception:  # cannot tell: count everything
        return None


def bank_counts(
    store: StoreQueries, learner_id: int, bank: Bank, problems: list[str] | None = None
) -> StudyCounts | None:
    """New, learning and due counts of `bank` for the learner, or None (why, in `problems`)."""
    from quizapp.core.bank_counts import study_counts

    try:
        return study_counts(store, learner_id, bank)
    except Exception as exc:  # a statistics failure must not hide the bank
        _count_failed(exc, problems)
        return None


def bank_summary(
    store: StoreQueries, learner_id: int, bank: Bank, problems: list[str] | None = None
) -> BankSummary | None:
    """The learner's BankSummary for `bank`, or None when it could not be read (why, in
    `problems`)."""
    try:
        return store.bank_summary(learner_id, bank)
    except Exception as exc:  # a statistics failure must not hide the bank
        _count_failed(exc, problems)
        return None


def _count_failed(exc: Exception, problems: list[str] | None) -> None:
    from quizapp.core.store import StoreError

    if isinstance(exc, StoreError):
        reason = str(exc)
    else:
        import logging

        logging.getLogger(__name__).exception("the library's counts could not be read")
        reason = f"an unexpected error ({type(exc).__name__}; the log has the details)."
    if problems is not None:
        problems.append(reason)


def counts_note(problems: list[str], uncounted: int) -> str:
    """Why the library's counts show "–" or are behind, or ""."""
    if problems:
        return f"Some counts could not be read (shown as –): {problems[0]}"
    from quizapp.gui.notices import behind_note

    return behind_note(uncounted)
