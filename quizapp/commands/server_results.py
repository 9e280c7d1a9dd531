"""`quizapp server results URL`: the answers the class server holds, for a teacher's
spreadsheet, with `quizapp results`'s columns (docs/classroom.md).

A teacher's computer keeps only its own learners' answers, so `quizapp results` there
has none of the class's; this reads the server, through its row-level security: a
teacher gets the learners of the classes they teach, the owner everyone, a learner their
own. The columns are `quizapp results`'s, but for the session: its id on the server (a
uuid, the same on every computer of the learner) instead of a computer's number; the
learner is their name on the server. --class keeps the learners of one class, --bank one
bank. Read in one transaction (one snapshot), streamed, never held whole.
"""

from __future__ import annotations

import json
import sys

_ROWS = (
    "SELECT a.uuid::text, p.display_name, a.bank_id, a.session_uuid::text, s.mode,"
    " a.question_id, a.response, a.correct, a.credit, a.seconds, a.answered, e.score,"
    " s.started, e.finished, e.outcome, a.shown, {retracted}"
    " FROM quizapp.answers a"
    " JOIN quizapp.people p ON p.role = a.learner"
    " LEFT JOIN quizapp.sessions s ON s.uuid = a.session_uuid"
    " LEFT JOIN quizapp.session_ends e ON e.session_uuid = a.session_uuid"
    " {join_retractions}"
    " WHERE ({no_bank} OR a.bank_id = %(bank)s) AND ({no_class} OR a.learner IN"
    "  (SELECT n.learner FROM quizapp.enrolments n JOIN quizapp.classes c"
    "   ON c.id = n.class_id WHERE c.name = %(class)s))"
    " ORDER BY a.answered, a.seq"
)


def _query(conn, bank: str | None, class_name: str | None) -> str:
    with_retractions = conn.execute(
        "SELECT to_regclass('quizapp.retractions') IS NOT NULL").fetchone()[0]
    return _ROWS.format(
        retracted="r.retracted" if with_retractions else "NULL::text",
        join_retractions=("LEFT JOIN quizapp.retractions r ON r.answer_uuid = a.uuid"
                          if with_retractions else ""),
        no_bank="true" if bank is None else "false",
        no_class="true" if class_name is None else "false",
    )


def _check_class(conn, class_name: str) -> str | None:
    """Why --class cannot be read here, or None."""
    from quizapp.server.admin import caller

    who = caller(conn)
    if who.kind not in ("owner", "teacher"):
        # A learner never reads who is in a class, whatever the server's step: they were
        # told to have an up-to-date server upgraded.
        return ("Only a teacher of the class (or the school's server owner) can read a"
                f" class's answers: you are signed in as {who.describe()}. Leave out --class"
                " for your own answers.")
    if not conn.execute("SELECT has_table_privilege('quizapp.enrolments', 'SELECT')").fetchone()[0]:
        return ("this server does not let teachers read who is in a class yet: run"
                " `quizapp server init` on it (the owner) to upgrade it, or leave out --class")
    if conn.execute("SELECT 1 FROM quizapp.classes WHERE name = %s",
                    (class_name,)).fetchone() is None:
        return f"you teach no class {class_name!r} on this server (or there is none)"
    return None


def _json_rows(rows):
    """write_json writes the session id as a number (a computer's); here it is a uuid."""
    for row in rows:
        yield (*row[:3], json.dumps(row[3]), *row[4:])


def export(args, connect) -> int:
    from quizapp.commands.output_file import refusal
    from quizapp.commands.results import _write_to, output_path, write_csv, write_json

    args.output = output_path(args.output)
    if args.output:
        refused = refusal(args.output, force=args.force)
        if refused:
            print(f"quizapp server results: {refused}", file=sys.stderr)
            return 1
    with connect(args) as conn:
        if args.class_name is not None:
            problem = _check_class(conn, args.class_name)
            if problem:
                print(f"quizapp server results: {problem}", file=sys.stderr)
                return 1
        query = _query(conn, args.bank, args.class_name)
        with conn.transaction(), conn.cursor(name="quizapp_results") as cursor:
            cursor.itersize = 2000
            cursor.execute(query, {"bank": args.bank, "class": args.class_name})
            if args.format == "json":
                return _write_to(write_json, _json_rows(cursor), args.output)
            return _write_to(write_csv, cursor, args.output)
