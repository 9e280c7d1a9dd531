"""`quizapp import FILE -o BANK.yaml`: GIFT, Moodle XML, Aiken, CSV/TSV or an Anki deck
to a YAML bank; pictures go in a folder beside it."""

from __future__ import annotations

import sys
from pathlib import Path

from quizapp.core.plural import counted

TYPE_CHECKING = False
if TYPE_CHECKING:
    from quizapp.interop import Imported


def add_arguments(parser) -> None:
    parser.add_argument(
        "file",
        help="a Moodle GIFT (.gift) or Moodle XML (.xml) file, Aiken (.txt), CSV/TSV, "
        "or an Anki deck (.apkg, .colpkg)",
    )
    parser.add_argument(
        "-o", "--output", metavar="BANK.yaml",
        help="where to write the bank (default: print it)",
    )
    parser.add_argument(
        "--format", choices=["gift", "moodle", "anki", "aiken", "csv", "tsv"],
        help="the input format (default: from the file name and content)",
    )
    parser.add_argument("--title", help="the bank's title (default: a Moodle category's or an "
                        "Anki deck's name, else from the file name)")
    parser.add_argument(
        "--id", dest="bank_id",
        help="the bank's id (default: from the name of the -o file, else of the input file)",
    )
    parser.add_argument(
        "--with-history", metavar="LEARNER",
        help="Anki decks: replay the deck's reviews as this learner's flashcard answers "
        "(the learner is created if needed), so their schedule carries over; needs -o",
    )
    parser.add_argument("--data-dir", metavar="DIR", help="where learner data is kept "
                        "(for --with-history)")
    parser.add_argument("--force", action="store_true",
                        help="replace the -o file if it exists, and pictures of the same name in its "
                        "pictures' folder (never the file imported)")
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print warnings")


def _fail(message: str) -> int:
    print(f"quizapp import: error: {message}", file=sys.stderr)
    return 1


def run(args) -> int:
    from dataclasses import replace

    from quizapp.core.store.connection import waits_for_long_writes
    from quizapp.core.store.errors import StoreError
    from quizapp.interop import InteropError, import_comment, import_with_media
    from quizapp.interop._common import slugify
    from quizapp.interop.bank_check import check_errors
    from quizapp.interop.yaml_writer import bank_to_yaml

    if args.with_history and not args.output:
        return _fail("--with-history needs -o BANK.yaml: the history belongs to the saved bank")
    if args.output:
        from quizapp.commands.output_file import refusal

        refused = refusal(args.output, args.file, force=args.force)
        if refused:
            return _fail(refused)
    output_id = slugify(Path(args.output).stem) if args.output else ""
    media_folder = f"{output_id or 'imported'}-files" if args.output else None
    try:
        imported = import_with_media(args.file, args.format, media_folder)
    except InteropError as exc:
        if args.quiet or not exc.warnings:
            return _fail(str(exc))
        for w in exc.warnings:
            print(w, file=sys.stderr)
        return _fail(f"{exc} ({len(exc.warnings)} warning(s) above)")
    bank, warnings, media = imported.bank, imported.warnings, imported.media
    if output_id:  # the bank is known by the name it is saved under
        bank = replace(bank, id=output_id)
    if args.title:
        bank = replace(bank, title=args.title.strip() or bank.title)
    if args.bank_id:
        bank_id = slugify(args.bank_id)
        if not bank_id:
            return _fail(f"{args.bank_id!r} cannot be used as a bank id")
        bank = replace(bank, id=bank_id)
    if not args.quiet:
        for w in warnings:
            print(w, file=sys.stderr)
    text = bank_to_yaml(bank, comment=import_comment(args.file, warnings))
    # The importers leave out what quizapp cannot hold; this is the last guard, and it names
    # the question at fault rather than a line of a file that is not written.
    # (The Anki importer checked its bank already, but not a title or id given here.)
    checked = imported.checked and not (args.title or args.bank_id)
    problems = [] if checked else check_errors(bank, args.file, text)
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        return _fail("the converted bank does not pass quizapp's check (see above); "
                     "nothing was written")

    if args.output and not args.force:
        from quizapp.interop import pictures_in_the_way, pictures_refusal

        clashes = pictures_in_the_way(Path(args.output).parent, media)
        if clashes:
            return _fail(pictures_refusal(Path(args.output).parent, clashes)
                         + "; nothing was written (use --force to replace them)")

    # The learner of --with-history is found (or made) before the bank is written: a name
    # that cannot be used, a data folder that cannot be written or a learner who already
    # has answers for this bank stops here, nothing written.
    history = None
    if args.with_history:
        try:
            # Another import's history being written meanwhile is waited for.
            with waits_for_long_writes():
                history = _history_learner(args, bank.id, bool(imported.reviews))
        except (OSError, ValueError, StoreError) as exc:
            return _fail(f"--with-history: {str(exc).rstrip('.')}; nothing was written")
    removed: list[str] = []
    if not args.output:
        sys.stdout.write(text)
    else:
        from quizapp.interop import _write_atomically, write_media

        out = Path(args.output)
        try:
            write_media(out.parent, media)
            _write_atomically(out, text.encode("utf-8"))
        except OSError as exc:
            if history is not None:
                history[0].close()
            return _fail(f"cannot write {out}: {exc.strerror or exc}")
        from quizapp.interop.import_record import pictures_replaced

        # an earlier import into this file: its pictures the bank no longer shows go
        removed = pictures_replaced(out.parent, out.name, media_folder or "", media)
    n = len(bank.questions)
    summary = f"imported {counted(n, 'question')}"
    if warnings:
        summary += f", {counted(len(warnings), 'warning')}"
    if media:
        summary += f", {counted(len(media), 'picture')}"
    if args.output and removed:
        summary += (f", {counted(len(removed), 'picture')} of the bank imported"
                    " before removed")
    if history is not None:
        store, learner = history
        try:
            with waits_for_long_writes():
                replayed, suspended = _replay(store, learner.id, Path(args.output),
                                              imported)
        except (OSError, ValueError, StoreError) as exc:
            return _fail(f"the bank was written, but the history was not: {exc}")
        except KeyboardInterrupt:  # Ctrl+C, or SIGTERM (quizapp.cli): nothing of it kept
            print(f"quizapp import: stopped; {args.output} was written, but none of the "
                  "deck's history was: run the same command again with --force to add it",
                  file=sys.stderr)
            return 130
        finally:
            store.close()
        summary += f", {counted(replayed, 'review')} for {learner.name}"
        if suspended:  # as Anki had them: out of their study until brought back
            summary += f" ({counted(suspended, 'card')} kept suspended, as in Anki)"
        if not imported.reviews:  # so the learner's schedule did not carry over: say why
            summary += (" (the deck holds no review history; if its cards were studied in "
                        "Anki, export it with 'Include scheduling information')")
    if args.output:
        summary += f" -> {args.output}"
    print(summary, file=sys.stderr)
    return 0


def _history_learner(args, bank_id: str, has_reviews: bool):
    """(the store, the learner named --with-history), made if new; the caller closes it.
    ValueError, before the store is opened or created, for a name that cannot be a
    learner's; and before the bank is written, for a learner who already has answers for
    this bank (replaying the deck again would count every review twice)."""
    from quizapp.core.learner_names import clean_name
    from quizapp.core.store import Store
    from quizapp.core.store.schema import MAX_NAME_LENGTH

    name = clean_name(args.with_history, MAX_NAME_LENGTH)
    store = Store.open(getattr(args, "data_dir", None))
    try:
        learner = store.learner_by_name(name)
        if learner is not None and has_reviews and store.seen_question_ids(learner.id, bank_id):
            raise ValueError(f"{learner.name} already has answers for this bank; the deck's "
                             "history was not added again")
        learner = learner or store.create_learner(name)
    except BaseException:
        store.close()
        raise
    return store, learner


def _replay(store, learner_id: int, bank_path: Path, imported: Imported) -> tuple[int, int]:
    """Record the deck's reviews as the learner's, against the bank as written (so its
    content hash is the one the app will load); the cards keep Anki's FSRS schedules, and
    those the learner suspended in Anki stay suspended. (reviews, cards suspended)."""
    from quizapp.core.loader import load_bank
    from quizapp.interop.anki_history import replay_history

    bank = load_bank(bank_path, use_cache=False).bank
    if bank is None:
        raise ValueError(f"{bank_path} cannot be loaded")
    ids = {q.id for q in bank.questions}
    suspended = [qid for qid in imported.suspended if qid in ids]
    replayed = replay_history(store, learner_id, bank, imported.reviews, imported.schedules,
                              suspended)
    return replayed, len(suspended)

