"""`quizapp results`: every recorded answer as CSV or JSON, for a teacher's spreadsheet.

Columns: uuid, learner, bank_id, session_id, mode, question_id, response (the
learner's answer: typed text as it is, choices, pairs and orders as JSON), correct (true/false), credit (0..1),
seconds, answered (ISO 8601 UTC), then the answer's session: session_score (0..1,
empty or null while the session is not finished and for a session that is not an
attempt: left by the learner, or flashcards), session_started, session_finished
(ISO 8601 UTC), session_outcome (finished, timed_out or abandoned; empty or null
for a session that never ended: still open, or stopped with the app) and shown (the options' texts in the order the learner saw
them, as JSON; empty or null where nothing was shuffled), and retracted (when the learner
took the answer back with Ctrl+Z, ISO 8601 UTC; empty or null for an answer that stands).
The numbers the app shows are computed from the same answers and sessions, leaving out
retracted answers: the teacher's attempts, best and last
score per learner and bank are the sessions in the export with a session_score (a
session left before any answer has no row, and is no attempt either).
In CSV, a text starting with =, +, -, @, a tab or a carriage return gets a leading
quote so a spreadsheet shows it instead of running it; JSON keeps the exact text.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import sys

from quizapp.core.csv_cells import safe_row
from quizapp.core.store import EXPORT_FIELDS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--learner", metavar="NAME", help="only this learner's answers")
    parser.add_argument("--bank", metavar="ID", help="only answers in this bank (its id)")
    parser.add_argument(
        "--format", choices=("csv", "json"), default="csv", help="output format (default: csv)"
    )
    parser.add_argument("--data-dir", metavar="DIR", help="where learner data is kept")
    parser.add_argument("--output", "-o", metavar="FILE",
                        help="write to FILE instead of stdout (- is stdout)")
    parser.add_argument("--force", action="store_true",
                        help="replace the -o file if it exists (never the results file, its "
                        "journals or a backup)")


def write_csv(records, out) -> int:
    """records: Store.export_records tuples (response already JSON text). Texts a
    spreadsheet would run as formulas get a leading quote (core/csv_cells.py)."""
    # RFC 4180 line ends: with "\n" alone, csv leaves a cell holding "\r" unquoted, and
    # a reader then splits the row there.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_FIELDS)
    n = 0
    for r in records:
        # None (a session not finished yet) is written as an empty cell.
        seconds = round(r[9], 3) if r[9] is not None else None  # milliseconds are plenty
        writer.writerow(
            safe_row(
                (*r[:6], _cell(r[6]), "true" if r[7] else "false", r[8], seconds, *r[10:])
            )
        )
        n += 1
    return n


def write_csv_cells(cells, out) -> None:
    """cells: Store.export_cells tuples, already safe and unwrapped: written by the csv
    module alone (write_csv's output, without a Python step per row)."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_FIELDS)
    writer.writerows(cells)


def _cell(response_json: str) -> str:
    """A response for a spreadsheet cell: a typed answer as plain text (no JSON
    quotes around it), anything structured as its JSON."""
    if response_json.startswith('"'):
        try:
            text = json.loads(response_json)
        except ValueError:
            return response_json
        if isinstance(text, str):
            return text
    return response_json


def write_json(records, out) -> int:
    """records: Store.export_records tuples; streamed, one object a line, no big list."""
    dumps = json.dumps
    out.write("[")
    n = 0
    for (
        uid,
        learner,
        bank,
        session,
        mode,
        qid,
        response,
        correct,
        credit,
        seconds,
        when,
        score,
        started,
        finished,
        outcome,
        shown,
        retracted,
    ) in records:
        try:
            json.loads(response)  # stored by the store as JSON; anything else becomes a string
        except ValueError:
            response = dumps(response, ensure_ascii=False)
        out.write("\n  " if n == 0 else ",\n  ")
        out.write(
            f'{{"uuid": {dumps(uid)}, "learner": {dumps(learner, ensure_ascii=False)}, '
            f'"bank_id": {dumps(bank, ensure_ascii=False)}, "session_id": {session}, '
            f'"mode": {dumps(mode)}, "question_id": {dumps(qid, ensure_ascii=False)}, '
            f'"response": {response}, "correct": {"true" if correct else "false"}, '
            f'"credit": {dumps(credit)}, "seconds": {dumps(seconds)}, "answered": {dumps(when)}, '
            f'"session_score": {dumps(score)}, "session_started": {dumps(started)}, '
            f'"session_finished": {dumps(finished)}, "session_outcome": {dumps(outcome)}, '
            f'"shown": {"null" if shown is None else shown}, "retracted": {dumps(retracted)}}}'
        )
        n += 1
    out.write("\n]\n" if n else "]\n")
    return n


def run(args: argparse.Namespace) -> int:
    from quizapp.core import paths
    from quizapp.core.store import DB_NAME, StoreError, StoreReader
    from quizapp.core.store.facade import data_folder_problem

    writer = write_json if args.format == "json" else write_csv_cells
    path = paths.data_dir(getattr(args, "data_dir", None)) / DB_NAME
    problem = data_folder_problem(path.parent, writing=False)
    if problem is not None:  # (a file where the folder should be: no answers to export)
        print(f"quizapp results: {problem}", file=sys.stderr)
        return 1
    args.output = output_path(args.output)
    if args.output:
        refused = _refusal(path, args.output, force=getattr(args, "force", False))
        if refused:
            print(f"quizapp results: {refused}", file=sys.stderr)
            return 1
    if not path.exists():
        if args.learner is not None:
            print(
                f"quizapp results: there is no learner called {args.learner!r} yet.",
                file=sys.stderr,
            )
            return 1
        return _write_to(writer, [], args.output)  # nothing recorded yet; no database made
    try:
        # The export only reads, and never changes the file: a damaged, foreign or newer
        # file is reported, not set aside (the app does that at its next start), and an
        # older one is read through a copy brought up to date in memory. Nor does it run the
        # full integrity check (it reads every page of the file, about 2 ms a MiB: 6% of an
        # export of 20,000 answers): damage the export meets is reported (StoreError) and
        # makes the next start of the app check the file.
        store = StoreReader.open_read_only(path)
    except StoreError as exc:
        print(f"quizapp results: {exc}", file=sys.stderr)
        return 1
    try:
        return _export(store, writer, args)
    except StoreError as exc:  # damage met on the way
        print(f"quizapp results: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()


STDOUT = "-"


def output_path(output: str | None) -> str | None:
    """The file -o names, or None for standard output: "-" is standard output, as for
    most command-line tools (it wrote a file named "-"); ./- names that file."""
    return None if output in (None, "", STDOUT) else output


def _refusal(store_path, output: str, *, force: bool) -> str | None:
    """Why `output` must not be written (commands/output_file.py): never the results file,
    its journals or anything in the backups folder, even with --force."""
    from quizapp.commands.output_file import refusal
    from quizapp.core.backup import backups_dir

    journals = (store_path.with_name(store_path.name + s) for s in ("-wal", "-shm", "-journal"))
    return refusal(output, store_path, *journals, force=force,
                   kept_folders={backups_dir(store_path.parent): "quizapp's backups"})


def _export(store, writer, args: argparse.Namespace) -> int:
    learner = None
    if args.learner is not None:
        found = store.learner_by_name(args.learner)
        if found is None:
            names = ", ".join(x.name for x in store.learners()) or "none yet"
            print(
                f"quizapp results: there is no learner called {args.learner!r} "
                f"(learners: {names}).",
                file=sys.stderr,
            )
            return 1
        learner = found.id
    if args.format == "json":
        rows = store.export_records(learner, args.bank)
    else:
        rows = store.export_cells(learner, args.bank)
    _say_where_the_class_is(store)
    return _write(writer, rows, args.output)


def _say_where_the_class_is(store) -> None:
    """On a teacher's computer the class's answers are on the class server, not here."""
    from quizapp.server.roles import teacher_addresses

    for url in teacher_addresses(store)[:1]:
        print("quizapp results: this computer keeps only the answers given on it; the"
              " class's answers are on the class server:  quizapp server results"
              f" {_as_given(url)} -o FILE", file=sys.stderr)


def _as_given(conninfo: str) -> str:
    """The address in the form the teacher was given (postgresql://ROLE@HOST/DB), not the
    `user=… host=…` form the sign-in keeps, quoted for the shell."""
    from quizapp.server.admin import shell_quote, url_form
    from quizapp.server.connection import ServerError

    try:
        return shell_quote(url_form(conninfo))
    except ServerError:  # psycopg gone since the sign-in: the address as it was kept
        return shell_quote(conninfo)


def _write(writer, rows, output: str | None) -> int:
    # The rows are tuples of texts and numbers, in no reference cycle, yet each batch of
    # 2,000 held at once set off the cycle collector again and again (3% of the CSV
    # export's extra instructions over a plain dump): it waits until the export is written.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _write_to(writer, rows, output)
    finally:
        if collecting:
            gc.enable()


def _write_to(writer, rows, output: str | None) -> int:
    if not output:
        writer(rows, sys.stdout)
        sys.stdout.flush()
        return 0
    from quizapp.core.atomic import atomic_open

    try:  # (atomic_open removes what an earlier `results -o` killed half way left)
        # Written to a temporary file in the same folder, renamed over `output` when
        # complete: a kill or a full disk leaves an earlier file as it was, never a
        # truncated one. Not fsynced: the export can be made again from the store, and
        # flushing 200,000 answers' file to disk made it 1.2-1.3x a plain dump's wall time,
        # from 1.07x (bench_results.py).
        with atomic_open(output, "w", encoding="utf-8", newline="", durable=False) as out:
            writer(rows, out)
    except OSError as exc:
        print(f"quizapp results: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0
