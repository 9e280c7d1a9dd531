"""Push a computer's new answers to the class server and pull the learner's own rows
from it (quizapp sync, and the app's background sync).

Push: each batch is COPYed into temporary staging tables and moved into the logs with
INSERT … ON CONFLICT DO NOTHING in one transaction; the store marks it pushed only after
the server committed. A push cut off halfway (server stopped, network gone, app killed)
is simply sent again: the rows the server already has are skipped, so nothing is lost or
doubled. Pull (pull.py): the learner's rows pushed by other computers that the last pull's
snapshot did not see (by commit, not by the logs' `seq`), imported by Store.import_pulled,
which replays the touched cards in time order.
"""

from __future__ import annotations

import weakref
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from quizapp.core.store.schema import SUSPENSION_LOG
from quizapp.core.sync_batch import SyncBatch
from quizapp.server.connection import (
    ANOTHER_PUSH,
    PASSFILE_NAME,
    AccessRemoved,
    BadAddress,
    CertificateRefused,
    NotFromHere,
    NotThisLearner,
    ServerBusy,
    ServerError,
    ServerOffline,
    ServerTooNew,
    SignInRefused,
    connect,
    offline_error,
    require_psycopg,
)
from quizapp.server.logs import _BATCH_FIELD, _logs, _origin, has_suspensions, staging
from quizapp.server.pull import pull
from quizapp.server.roles import role_key, signed_in
from quizapp.server.schema_steps_16 import settled_times
from quizapp.server.sync_result import TOO_NEW, SyncResult
from quizapp.server.waiting import Waiting, all_waiting

URL_KEY = "server.url"
KIND_KEY = "server.kind"  # "learner" or "teacher", per local learner
PERSON_KEY = "server.person"  # the server's name of the account, per local learner
TEACHER_STUDY = ("a teacher's own answers stay on this computer: the class server keeps"
                 " only the learners' answers")
BATCH_ANSWERS = 5000


def passfile(store) -> Path:
    return Path(store.path).parent / PASSFILE_NAME


def sign_in(store, url: str, learner_name: str, password: str) -> int:
    """Sign a learner in on this computer: check the password on the server and that the
    account is this learner's, keep the password in the password file and remember the
    address. Returns the local learner's id (created when this computer does not know them
    yet). NotThisLearner when the account is someone else's (their history would be pulled
    into this learner's, and this learner's answers sent as theirs)."""
    from quizapp.core.learner_names import name_key
    from quizapp.server.connection import save_password

    psycopg = require_psycopg()
    try:
        info = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.Error:
        # Not libpq's words ('missing "=" after "htp://school" in connection info
        # string', and a line break before the parenthesis closed): what it should be.
        raise BadAddress(f"{url!r} is not a server address: write it as the teacher gave it,"
                          " postgresql://NAME@SERVER/SCHOOL") from None
    role = info.get("user")
    if not role:
        raise BadAddress("The address must name the person (postgresql://NAME@HOST/DB).")
    info.pop("password", None)
    url = psycopg.conninfo.make_conninfo(**info)
    try:
        with connect(url, password=password) as conn:
            row = conn.execute(
                "SELECT kind, display_name FROM quizapp.people WHERE role = current_user"
            ).fetchone()
    except SignInRefused:
        raise SignInRefused(
            f"The password for {role} was refused: check the address and type the password"
            " from the teacher again (if the teacher gave a new one, only that one works)."
        ) from None
    if row is None:
        raise ServerError(f"{role} is not a learner or teacher of this class server.")
    kind, server_name = row
    # The learner here whose name looks the same (`--learner 'ann lee'` is Ann Lee).
    learner = store.learner_by_name(learner_name) or next(
        (known for known in store.learners() if name_key(known.name) == name_key(learner_name)),
        None)
    before = ((store.get_setting(URL_KEY + "." + str(learner.id)),
               store.get_setting(role_key(learner.id))) if learner is not None else None)
    # The same account again (a new password) is theirs even if renamed here since: when
    # an earlier sign-in checked the name (a sign-in before that check proves nothing).
    same_account = (learner is not None and before is not None and before[1] == role
                    and store.get_setting(PERSON_KEY + "." + str(learner.id)) is not None)
    if name_key(server_name) != name_key(learner_name) and not same_account:
        raise NotThisLearner(_not_this_learner(learner_name, server_name, role))
    save_password(Path(store.path).parent, url, role, password)
    if learner is None:
        learner = store.create_learner(learner_name)
    if before is not None and before[0] and before != (url, role):
        # Another account (or server): the pull and push marks were kept with the old
        # one, and would make the new one skip rows (as `quizapp sync --resend` does).
        store.forget_pushed(learner.id)
    store.set_setting(URL_KEY + "." + str(learner.id), url)
    store.set_setting(role_key(learner.id), role)
    store.set_setting(KIND_KEY + "." + str(learner.id), kind)
    store.set_setting(PERSON_KEY + "." + str(learner.id), server_name)
    return learner.id


def _not_this_learner(learner_name: str, server_name: str, role: str) -> str:
    return (f"This address and password are {server_name}'s account on the class server"
            f" ({role}), not {learner_name}'s: nothing was changed. {learner_name} signs in"
            f" with the address and password the teacher gave {learner_name}. If you are"
            f" {server_name} under another name on this computer, rename the learner to"
            f" \"{server_name}\" (Learner > Switch learner…, Rename…) and sign in again.")


def signed_in_as(store, learner_id: int) -> str | None:
    """Which account this learner is signed in with: 'NAME (ROLE on HOST)', or None."""
    role = store.get_setting(role_key(learner_id))
    if not role:
        return None
    name = store.get_setting(PERSON_KEY + "." + str(int(learner_id))) or role
    url = store.get_setting(URL_KEY + "." + str(int(learner_id))) or ""
    try:
        host = require_psycopg().conninfo.conninfo_to_dict(url).get("host") or "localhost"
    except Exception:  # only a label: the role alone
        return f"{name} ({role})"
    return f"{name} ({role} on {host})"


@dataclass(slots=True)
class ClassOverview:
    """The teacher overview read from the class server (rows: stats.LearnerBankRow, items:
    stats.ItemStat), or, with `offline` (why), nothing: the server could not be read."""

    rows: list = field(default_factory=list)
    items: list = field(default_factory=list)
    offline: str | None = None
    # The server answered but refused (a password changed, the teacher removed, a newer
    # schema, no connection free): not offline, and waiting for the network fixes nothing.
    refused: bool = False
    # Of those, the server's own trouble for now (a table held, its disk full, every
    # connection in use): nothing was refused to this teacher.
    busy: bool = False


def delete_learner(store, learner_id: int) -> None:
    """Delete a learner signed in to a class server from this computer (store.delete_learner:
    their answers here, their sign-in), and their password from the data folder's password
    file, unless another learner here signs in as the same person (a tester deleted a
    learner; the password stayed behind in class-server.pgpass). Their rows on the server
    stay."""
    from quizapp.server.connection import forget_password

    role = store.get_setting(role_key(learner_id))
    url = store.get_setting(f"{URL_KEY}.{int(learner_id)}")
    store.delete_learner(learner_id)
    if role and url and all(other != role for _id, other in signed_in(store)):
        forget_password(Path(store.path).parent, url, role)


def class_overview(store, items_for=None,
                   teachers: Collection[int] | None = None) -> ClassOverview | None:
    """The teacher overview from the class server, when a teacher is signed in on this
    computer (read through row-level security: the classes they teach): learner x bank
    rows and the item analysis of the bank `items_for(rows)` gives as (bank id, question
    ids or None, the bank as loaded here or None: overview.item_stats), or [] without it. None when no teacher is signed in here (of
    `teachers`, the local learners who may read the class: the app passes the learner
    using it, so that a learner of a computer where a teacher once signed in does not read
    the class's results with the teacher's password); offline set when the server cannot be
    reached (the overview then shows this computer's store, and says so)."""
    from quizapp.server import overview

    for learner_id, _role in signed_in(store):
        if store.get_setting(KIND_KEY + "." + str(learner_id)) != "teacher":
            continue
        if teachers is not None and learner_id not in teachers:
            continue
        try:
            with open_connection(store, learner_id) as conn:
                rows = overview.learner_bank_rows(conn)
                chosen = items_for(rows) if items_for is not None else None
                items = overview.item_stats(conn, *chosen) if chosen else []
                return ClassOverview(rows, items)
        except Exception as exc:  # away, refused, or lost mid-read: this computer's rows
            said = _said(exc)
            # A lock given up on mid-read (LOCK_TIMEOUT_MS) is the server's trouble, not
            # the network's: refused, as a server with no connection free.
            refused = isinstance(said, ServerError) and not isinstance(said, ServerOffline)
            return ClassOverview(offline=str(said) or type(exc).__name__, refused=refused,
                                 busy=isinstance(said, ServerBusy))
    return None


def _said(exc: Exception) -> Exception:
    """A problem met reading the server, in the words the app uses (never libpq's own)."""
    if isinstance(exc, require_psycopg().Error):
        return offline_error(exc)
    return exc


# How long a statement of a sync, or of the teacher overview's read, waits for a lock.
# Another push of the learner's rows of the same bank holds their summary's row until it
# ends (one cut off mid-way, a laptop put to sleep, until the server drops its connection,
# hours later), and another program holding a table (a teacher's maintenance in psql,
# VACUUM FULL, an update of the server) holds it as long as it runs: a pull, or the
# overview, waited that long and said nothing. Given up after this and said
# (connection.offline_error: ANOTHER_PUSH or SERVER_LOCKED), tried again at the next sync.
LOCK_TIMEOUT_MS = 15_000


def open_connection(store, learner_id: int):
    """A connection to the server this learner signed in to, with the learner's password
    from the data folder's password file, waiting for a lock LOCK_TIMEOUT_MS at most."""
    conn = connect(_url(store, learner_id), passfile(store), autocommit=True)
    try:
        conn.execute(f"SET lock_timeout = {int(LOCK_TIMEOUT_MS)}")
    except require_psycopg().Error as exc:  # lost at once: said as any loss
        conn.close()
        raise offline_error(exc) from exc
    return conn


def _url(store, learner_id: int) -> str:
    url = store.get_setting(URL_KEY + "." + str(int(learner_id)))
    if not url:
        raise ServerError("This learner is not signed in to a class server.")
    return url


def _prepare(conn) -> None:
    for table, columns, types in _logs(conn):
        conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {staging(table, columns)} ({types})"
                     " ON COMMIT DELETE ROWS")




def push_batch(conn, batch: SyncBatch, origin: str | None, counts: Pushed | None = None) -> int:
    """Send one batch in one transaction (COPY into staging, then INSERT … ON CONFLICT
    DO NOTHING); sessions first, so every answer's session is there. The batch's answers
    the server took: those it already had are skipped. `counts`, when given, adds the
    retractions the server took to its `retracted`."""
    taken = 0
    with conn.transaction():
        # Waits for a lock LOCK_TIMEOUT_MS at most (open_connection).
        for table, columns, _types in _logs(conn):
            rows = getattr(batch, _BATCH_FIELD[table])
            if not rows:
                continue
            cols = ", ".join(columns)
            stage = staging(table, columns)
            if len(rows[0]) > len(columns):  # a column a server before it has not (logs.py)
                rows = [row[:len(columns)] for row in rows]
            with conn.cursor().copy(f"COPY {stage} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            inserted = conn.execute(
                f"INSERT INTO quizapp.{table} ({cols}, origin)"
                # in the order they were copied, which is the computer's order of its
                # actions: the server's seq keeps it, and a tie at one time is settled by
                # it (store/suspensions.py); a scan of the staging table gives that order
                # in practice, ORDER BY ctid says so
                f" SELECT {cols}, %s FROM {stage} ORDER BY ctid ON CONFLICT DO NOTHING",
                (origin,),
            ).rowcount
            if table == "answers":
                taken = inserted
            elif table == "retractions" and counts is not None:
                counts.retracted += inserted
    return taken


@dataclass(slots=True)
class Pushed:
    """What a push sent: `sent` answers, of which the server took `taken` (it skips
    those it already has), and `retracted`: the undos the server took."""

    sent: int = 0
    taken: int = 0
    retracted: int = 0


def push(store, learner_id: int, conn, limit: int = BATCH_ANSWERS) -> Pushed:
    """Push everything of this learner not pushed yet; the answers sent and taken."""
    # From reading what is unpushed to marking it pushed: a finished review's end read
    # here must not be reopened on this computer meanwhile (Store.retract_answer(reopen=)).
    with store.push_lock:
        return _push_batches(store, learner_id, conn, limit)


def _push_batches(store, learner_id: int, conn, limit: int) -> Pushed:
    pushed = Pushed()
    origin = _origin(store)
    prepared = False
    while True:
        batch = store.unpushed(learner_id, limit)
        if not len(batch) and not store.open_sessions_changed(learner_id, batch):
            return pushed  # nothing new: no write here, no staging tables there
        if batch.retractions and all(log[0] != "retractions" for log in _logs(conn)):
            batch.retractions = []  # kept for a server that has the table
            batch.marks["retractions"] = store.sync_mark(learner_id, "retractions")
        if batch.suspensions and not has_suspensions(conn):
            batch.suspensions = []  # kept for a server that carries them (schema 16)
            batch.marks[SUSPENSION_LOG] = store.sync_mark(learner_id, SUSPENSION_LOG)
        if len(batch):
            if not prepared:
                _prepare(conn)
                prepared = True
            pushed.taken += push_batch(conn, batch, origin, pushed)
        if batch.suspensions:
            # Their times as the server counts them (a clock ahead here does not win),
            # before they are marked pushed: a connection lost between the two leaves
            # them to push again (the server skips them) and settle then, not stamped
            # ahead here for good.
            store.settle_pushed(learner_id, settled_times(
                conn, [str(row[0]) for row in batch.suspensions]))
        store.mark_pushed(learner_id, batch)
        pushed.sent += len(batch.answers)
        if len(batch.answers) < limit:
            return pushed


def sync_learner(
    store, learner_id: int, result: SyncResult, connections: dict | None = None
) -> None:
    """Push then pull one signed-in learner, counting into `result` the answers pushed
    (as soon as the push is committed, so a pull that fails after it still reports them)
    and then those pulled.

    connections: kept open between calls (the app's background sync passes one dict for
    its life), so an idle sync costs no new sign-in (SCRAM is most of a fresh connect)."""
    psycopg = require_psycopg()
    url = _url(store, learner_id)
    kept = (connections or {}).get(url)
    if kept is not None and (kept.closed or kept.broken):
        kept = None
    conn = kept if kept is not None else open_connection(store, learner_id)
    if kept is None and connections is not None:
        connections[url] = conn
    try:
        try:
            check_schema(conn)
        except psycopg.OperationalError:
            if kept is None:
                raise
            # The kept connection died with the server's restart since the last sync (the
            # app left open overnight): nothing was sent yet, so once more on a new one
            # before saying offline (it said so till the sync after, 5 minutes later).
            conn.close()
            conn = open_connection(store, learner_id)
            if connections is not None:
                connections[url] = conn
            check_schema(conn)
        if is_teacher(store, learner_id):
            # The server keeps learners' answers only (a teacher may not add sessions): a
            # teacher's own study stays here, said once in the notes, not a refusal.
            if TEACHER_STUDY not in result.notes and store.unpushed_count(learner_id):
                result.notes.append(TEACHER_STUDY)
            return
        store.server_changed(learner_id, server_identity(conn))
        pushed = push(store, learner_id, conn)
        result.pushed += pushed.taken
        result.already_there += pushed.sent - pushed.taken
        result.retractions_pushed += pushed.retracted
        pull(store, learner_id, conn, result.touched, result=result)  # counted as it goes
    except (psycopg.Error, ServerTooNew) as exc:
        conn.close()
        if connections is not None:
            connections.pop(url, None)
        if isinstance(exc, ServerTooNew):
            raise
        raise offline_error(exc) from exc
    finally:
        if connections is None:
            conn.close()


# Each open connection's server_identity (a kept connection stays on its server).
_IDENTITY: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def server_identity(conn) -> str:
    """Which server this is: its cluster's system identifier and the database's oid. A
    restore from a dump goes into a new database (a new oid) or a new cluster (a new
    identifier), where seq and transaction ids start again from lower values than this
    computer's marks; the marks are then forgotten (Store.server_changed)."""
    known = _IDENTITY.get(conn)
    if known is None:
        known = _IDENTITY[conn] = conn.execute(
            "SELECT (SELECT system_identifier FROM pg_control_system())::text || ':'"
            " || (SELECT oid FROM pg_database WHERE datname = current_database())::text"
        ).fetchone()[0]
    return known


def check_schema(conn) -> None:
    """ServerTooNew when the server's schema is newer than this quizapp knows: a newer
    schema may mean what this computer would write differently, so it writes nothing
    (nor takes anything) until quizapp is updated here. The 'version' read is the last
    step older computers may not ignore (schema.COMPATIBLE_STEPS)."""
    from quizapp.server.schema import SCHEMA_VERSION

    psycopg = require_psycopg()
    try:
        row = conn.execute("SELECT value FROM quizapp.meta WHERE key = 'version'").fetchone()
    except psycopg.errors.InsufficientPrivilege:
        return  # a server before schema 5 kept its version from learners: not newer
    if row is not None and int(row[0]) > SCHEMA_VERSION:
        raise ServerTooNew(TOO_NEW)


def _learner_name(store, learner_id: int) -> str:
    learner = store.learner(learner_id)
    return learner.name if learner is not None else f"learner {learner_id}"


def _short_problem(store, learner_id: int, exc: ServerError) -> str:
    """_problem's key part: who, and what happened (what to do is in the long text)."""
    name = _learner_name(store, learner_id)
    if isinstance(exc, SignInRefused):
        return f"{name}'s password was refused"
    if isinstance(exc, AccessRemoved):
        return f"the class server no longer lets {name} in"
    if isinstance(exc, BadAddress):
        return f"{name}'s server address is not valid"
    if isinstance(exc, CertificateRefused):
        return f"the class server's certificate was not accepted for {name}"
    if isinstance(exc, NotFromHere):
        return f"the class server does not let {name} in from this network"
    return f"the class server refused {name}'s answers"


def _problem(store, learner_id: int, exc: ServerError) -> str:
    """The trouble of one learner, in words they can act on."""
    name = _learner_name(store, learner_id)
    # A teacher's password and account come from the school, not from "the teacher".
    giver = ("the school" if store.get_setting(f"{KIND_KEY}.{int(learner_id)}") == "teacher"
             else "the teacher")
    if isinstance(exc, SignInRefused):
        # The server says the same of a password changed there and of a person removed
        # from it (it never tells who exists): what to do in either case.
        return (f"{name}'s password was refused: sign in again with the password from"
                f" {giver} (if {giver} removed {name} from the class server, they must"
                " add them again)")
    if isinstance(exc, AccessRemoved):
        return (f"the class server no longer lets {name} in: ask {giver} (the school"
                f" removed {name}, or took back their right to send answers; {name}'s"
                " answers stay on this computer)")
    if isinstance(exc, BadAddress):
        return f"{name}'s server address: {exc}"
    return f"{name}: {exc}"


def sync(store, connections: dict | None = None) -> SyncResult:
    """Sync every learner signed in on this computer; never raises for the server."""
    result = SyncResult()
    for learner_id, _role in signed_in(store):
        try:
            sync_learner(store, learner_id, result, connections)
        except ServerOffline as exc:
            result.offline = True
            result.errors.append(str(exc))
            break
        except ServerTooNew as exc:
            result.too_new = True
            result.errors.append(str(exc))
            break
        except ServerBusy as exc:  # the server's trouble, the same for every learner
            result.errors.append(str(exc))
            result.short_errors.append(
                f"another computer of {_learner_name(store, learner_id)} is sending the same"
                " answers: tried again at the next sync" if str(exc) == ANOTHER_PUSH
                else str(exc).split(" (")[0].split(":")[0])
            break
        except ServerError as exc:
            result.errors.append(_problem(store, learner_id, exc))
            result.short_errors.append(_short_problem(store, learner_id, exc))
            continue
        result.learners += 1
    return result


def close_all(connections: dict) -> None:
    for conn in connections.values():
        conn.close()
    connections.clear()


def waiting(store) -> int:
    """Answers of the signed-in learners not pushed yet."""
    return all_waiting(waiting_by_learner(store).values()).answers


def waiting_by_learner(store) -> dict[int, Waiting]:
    """What each signed-in learner has not pushed yet (a teacher's study stays here: none)."""
    return {learner_id: Waiting(0, 0) if is_teacher(store, learner_id) else Waiting(
                store.unpushed_count(learner_id), store.unpushed_cards(learner_id))
            for learner_id, _ in signed_in(store)}


def is_teacher(store, learner_id: int) -> bool:
    """Whether this local learner is signed in with a teacher's account."""
    return store.get_setting(KIND_KEY + "." + str(int(learner_id))) == "teacher"
