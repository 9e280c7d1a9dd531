"""Connecting to the class server: libpq's conventions, no password in plain settings.

A computer keeps the server's address (a libpq URL or conninfo without a password, TLS
by `sslmode` as libpq defines it) in the store's settings, and each signed-in learner's
password in a libpq password file in the data folder (`class-server.pgpass`, mode 0600),
which libpq reads itself (the `passfile` parameter). psycopg 3 is optional: without it,
`require_psycopg` says how to enable the class server.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

PASSFILE_NAME = "class-server.pgpass"
CONNECT_TIMEOUT_S = 5
# A network gone silently (WiFi out of range, a cable pulled, a VPN down: packets dropped,
# nothing refused) is noticed by TCP itself only after ~15 minutes when this computer was
# sending, and never when it waits for a reply (the system's keepalive starts after 2
# hours): the sync hung that long and the app kept saying "synced". So every connection
# probes an idle link after 10 s (every 5 s, given up after 3 unanswered: ~25 s) and gives
# up on data the other end has not acknowledged for 30 s. A server busy with a long query
# still answers both from its kernel: only a dead link trips them. An address that sets
# one of these itself keeps its own value.
NETWORK_GONE_AFTER = {
    "keepalives": "1",
    "keepalives_idle": "10",
    "keepalives_interval": "5",
    "keepalives_count": "3",
    "tcp_user_timeout": "30000",  # milliseconds
}
INSTALL_HINT = (
    "The class server needs psycopg 3: install quizapp with  pip install 'quizapp[server]'"
    "  (or  pip install 'psycopg>=3.1')."
)


class ServerError(Exception):
    """A readable problem talking to the class server (shown as it is)."""


class ServerOffline(ServerError):
    """The server cannot be reached now; everything stays on this computer meanwhile."""


class SignInRefused(ServerError):
    """The server refused the person's password (changed on the server, or none given)."""


class NoPassword(SignInRefused):
    """The server wants a password and none was given (none stored, none typed)."""


class AccessRemoved(ServerError):
    """The server knows the person but no longer lets them in (their group role revoked,
    or their login turned off): only the school can change that."""


class ServerBusy(ServerError):
    """The server was reached but cannot take the work now (its disk is full, all its
    connections are in use): the school's problem, not this computer's nor the learner's,
    said once; nothing is lost, everything waits on this computer."""


DISK_FULL = ("The class server's disk is full ({detail}): the teacher must free space on"
             " the server. Nothing was lost: the answers stay on this computer and are sent"
             " once there is room.")
TOO_MANY_CONNECTIONS = ("The class server has all the connections it allows in use just now"
                        " (too many computers at once): try again in a few minutes. The"
                        " answers stay on this computer meanwhile.")
ANOTHER_PUSH = ("Another computer of this learner is sending the same bank's answers to the"
                " class server (or was cut off in the middle of it): this computer tries again"
                " at the next sync. The answers stay on this computer meanwhile.")
# The push's lock_timeout ran out on a lock no push of the learner holds: another program
# has the server's tables (an administrator's maintenance, VACUUM FULL, REINDEX, an update
# of the schema). It was blamed on "another computer of this learner".
SERVER_LOCKED = ("The class server is busy with other work (another program holds its tables:"
                 " maintenance, or an update of the server): this computer tries again at the"
                 " next sync. The answers stay on this computer meanwhile.")
# PostgreSQL's words for a connection refused for want of a slot (SQLSTATE 53300), as
# libpq gives them before psycopg has an error code: the server's max_connections, the
# slots kept for superusers, a database's or a role's CONNECTION LIMIT.
_NO_SLOT = ("too many clients already", "remaining connection slots are reserved",
            "too many connections for")


class NotThisLearner(ServerError):
    """The address and password are another person's account on the server: signing in
    with them would mix that person's history with this learner's."""


class BadAddress(ServerError):
    """The server's address is not one libpq accepts (a typo, an unknown sslmode)."""


class NotFromHere(ServerError):
    """The server's rules (pg_hba.conf) have no line letting the person in from where this
    computer connects (its network, or without encryption): reached, not offline."""


class CertificateRefused(ServerError):
    """The server was reached but its TLS certificate failed the check the address asks
    for (sslmode=verify-ca or verify-full): not offline (trying again will not help), and
    nothing was sent."""


class ServerTooNew(ServerError):
    """The server's schema is newer than this quizapp: it must not write there."""


def require_psycopg():
    try:
        import psycopg
    except ImportError:
        raise ServerError(INSTALL_HINT) from None
    _quiet(psycopg)
    return psycopg


def _quiet(psycopg) -> None:
    """psycopg's own notes (a COPY it could not end on a connection lost: "error ignored
    terminating <psycopg.Copy [BAD] at 0x…>: …") go to a log the program set up, never to
    the learner's terminal by Python's last-resort handler, above the error quizapp says
    in its own words (docs/classroom.md: messages never pass on libpq's text)."""
    import logging

    log = logging.getLogger(psycopg.__name__)
    if not any(isinstance(h, logging.NullHandler) for h in log.handlers):
        log.addHandler(logging.NullHandler())


def connect(conninfo: str, passfile: Path | None = None, **kwargs):
    """A psycopg connection; ServerOffline when the server is away, ServerError when it
    refuses (wrong password, no such database)."""
    psycopg = require_psycopg()
    params: dict[str, object] = {"connect_timeout": CONNECT_TIMEOUT_S,
                                 "application_name": "quizapp"}
    if passfile is not None:
        params["passfile"] = str(passfile)
    params.update(kwargs)
    try:
        given = psycopg.conninfo.conninfo_to_dict(conninfo)
        for option, value in NETWORK_GONE_AFTER.items():
            if option not in given and option not in params:
                params[option] = value
        return psycopg.connect(conninfo, **params)
    except psycopg.OperationalError as exc:
        raise _readable(exc) from exc
    except psycopg.ProgrammingError as exc:  # libpq could not parse the address
        raise BadAddress(
            f"{conninfo!r} is not a server address: write it as "
            "postgresql://USER@HOST:PORT/DATABASE (or host=HOST dbname=DATABASE)."
        ) from exc


# libpq's words for an option it cannot use: 'invalid sslmode value: "bogus"', 'invalid
# port number: "x"', 'invalid integer value "x" for connection option "connect_timeout"'.
_INVALID_OPTION = re.compile(r"\binvalid (\w+ )?(value|number|connection option)\b")


def _readable(exc: Exception) -> ServerError:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    lowered = str(exc).lower()
    if any(words in lowered for words in _NO_SLOT):
        return ServerBusy(TOO_MANY_CONNECTIONS)
    certificate = _certificate_problem(str(exc))
    if certificate is not None:
        return CertificateRefused(certificate)
    not_from_here = _NO_HBA_LINE.search(str(exc))
    if not_from_here is not None:
        return NotFromHere(_not_from_here(not_from_here, lowered))
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        # libpq's own words ("connection failed: … FATAL: password authentication failed
        # for user …") are for a server's administrator; the words a learner sees at
        # sign-in (sync.sign_in) say the same for every command.
        who = _quoted_user(str(exc))
        refused = NoPassword if "no password supplied" in lowered else SignInRefused
        return refused(
            ("The class server wants a password and none was given"
             if "no password supplied" in lowered else
             f"The class server refused the password{f' for {who}' if who else ''}")
            + ": check the address and type the password from the teacher again (if the"
            " school gave a new one, only that one works)."
        )
    if "permission denied for database" in lowered or "not permitted to log in" in lowered:
        return AccessRemoved("The class server no longer lets this person in: only the school"
                             " can change that (their sign-in was turned off or their classes"
                             " taken back).")
    if _INVALID_OPTION.search(text):  # libpq checks the options before it connects
        return BadAddress(f"This address is not valid: {text.removeprefix('connection is bad: ')}")
    if "does not exist" in lowered:
        return ServerError(f"The class server refused: {_fatal_words(str(exc))}: check the"
                           " address (the database's or the person's name in it).")
    if "server does not support ssl" in lowered:  # reached, but not set up as asked
        return BadAddress(
            f"The class server was reached, but it does not offer the encrypted connection"
            f" this address asks for (sslmode): {text}. Ask the teacher for the address to"
            " use, or set up TLS on the server."
        )
    return ServerOffline(f"The class server cannot be reached: {_why_unreachable(lowered)}."
                         " Check the network, or ask whether the server is running.")


# libpq's words when the server's certificate fails the check sslmode asks for: the name
# in it is not the address's host, no certificate to check it with, or OpenSSL's verdict
# (not signed by sslrootcert's certificate, expired, or not valid yet: a computer whose
# clock is years behind). They were said "offline" or "the class server refused".
_OTHER_NAME = re.compile(r'server certificate for "([^"]+)"(?: \(and \d+ other names?\))?'
                         r' does not match host name "([^"]+)"')
_NO_ROOT = re.compile(r'root certificate file "([^"]+)" does not exist')


def _certificate_problem(text: str) -> str | None:
    """What a learner can do about a certificate libpq refused (None: not that)."""
    from datetime import UTC, datetime

    other_name = _OTHER_NAME.search(text)
    if other_name:
        return (f"The class server's certificate is for \"{other_name.group(1)}\", not for"
                f" \"{other_name.group(2)}\" as in this address: write the server's name as"
                " the school gave it (the certificate proves that name only). Nothing was"
                " sent.")
    no_root = _NO_ROOT.search(text)
    if no_root:
        return ("This address asks to check the class server's certificate (sslmode), but"
                f" this computer has no certificate to check it with: {no_root.group(1)}"
                " does not exist. Put the school's certificate there, or name its file in"
                " the address (sslrootcert=FILE). Nothing was sent.")
    if "certificate verify failed" in text.lower():
        now = datetime.now(UTC)
        return ("The class server's certificate was not accepted: it is not signed by the"
                " certificate this address names (sslrootcert), it has expired, or this"
                " computer's date and time are wrong (here it is"
                f" {now:%Y-%m-%d %H:%M} UTC). Check the clock, then ask the teacher for the"
                " address and certificate to use. Nothing was sent.")
    return None


# PostgreSQL's words when no line of pg_hba.conf lets the connection in: a computer on a
# network the school did not list (docs/classroom.md lists only the school's, and only
# hostssl), or an address with sslmode=disable. They were said "offline: … cannot be
# reached", exit 3, which the school's network would never change.
_NO_HBA_LINE = re.compile(r'(?:no pg_hba\.conf entry|pg_hba\.conf rejects connection) for'
                          r' host "([^"]+)", user "([^"]+)"')


def _not_from_here(found: re.Match, lowered: str) -> str:
    who, where = found.group(2), found.group(1)
    plain = ("no encryption" in lowered and "ssl encryption" not in lowered
             and "gss encryption" not in lowered)
    return (f"The class server's rules do not let {who} in from {where} (this computer, as"
            " the server sees it)"
            + (", unencrypted" if plain else "")
            + ": the school lets in only its own network"
            + (", over TLS" if plain else "")
            + " (pg_hba.conf). Use the address as the school gave it"
            + (" (not sslmode=disable)" if plain else "")
            + " from the school's network, or ask the school to let this network in."
            " Nothing was sent.")


def _quoted_user(text: str) -> str | None:
    found = re.search(r'for user "([^"]+)"', text)
    return found.group(1) if found else None


def _fatal_words(text: str) -> str:
    """PostgreSQL's own sentence in a libpq message, without libpq's wrapping
    ('connection failed: connection to server at … failed: FATAL:  database "x" does not
    exist' -> 'database "x" does not exist')."""
    line = text.strip().splitlines()[0] if text.strip() else text
    return re.split(r"(?:FATAL|ERROR):\s*", line)[-1].strip()


# libpq's words for a server it did not reach, as a learner or teacher can act on them
# (the raw text, "consuming input failed: server closed the connection unexpectedly
# \n\tThis probably means the server terminated abnormally…", is for the administrator).
_UNREACHABLE = (
    ("connection refused", "nothing answers at that address (the server is not running, or"
     " the address or port is wrong)"),
    ("timeout expired", f"it did not answer within {CONNECT_TIMEOUT_S} seconds"),
    ("could not translate host name", "the server's name is not known on this network"),
    ("name or service not known", "the server's name is not known on this network"),
    ("no route to host", "there is no way to it from this network"),
    # TCP gave up (NETWORK_GONE_AFTER): "could not receive data from server: Connection
    # timed out".
    ("connection timed out", "the network stopped answering (this computer's connection"
     " or the server's was lost)"),
    ("network is unreachable", "this computer is not on a network"),
    ("server closed the connection", "the server closed the connection (it stopped or"
     " restarted)"),
    ("terminating connection", "the server closed the connection (it stopped or restarted)"),
    ("the database system is starting up", "the server is starting up; try again in a"
     " minute"),
    ("the database system is shutting down", "the server is shutting down"),
    ("no such file or directory", "no server is running at that address on this computer"),
)


def _why_unreachable(lowered: str) -> str:
    for words, meaning in _UNREACHABLE:
        if words in lowered:
            return meaning
    return "the connection failed"


def offline_error(exc: Exception) -> ServerError:
    """A psycopg error met after connecting, as a readable ServerError."""
    psycopg = require_psycopg()
    code = getattr(exc, "sqlstate", None) or ""
    if code == "53100":  # disk_full: "could not extend file …: No space left on device"
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else "disk full"
        return ServerBusy(DISK_FULL.format(detail=detail))
    if code == "53300":  # too_many_connections
        return ServerBusy(TOO_MANY_CONNECTIONS)
    if code == "55P03":  # lock_not_available: sync.LOCK_TIMEOUT_MS ran out
        # Another push of the learner and bank holds their summary's row: the wait was in
        # the trigger that keeps the summaries ("PL/pgSQL function quizapp.count_answers()"
        # in the error's context); a lock on a table itself has no context.
        diag = getattr(exc, "diag", None)
        context = (getattr(diag, "context", None) or "") if diag is not None else ""
        return ServerBusy(ANOTHER_PUSH if "PL/pgSQL function" in context else SERVER_LOCKED)
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):  # e.g. its group revoked
        return AccessRemoved("The class server no longer lets this person in: only the school"
                             " can change that (their group role was taken back).")
    if isinstance(exc, psycopg.OperationalError):
        return ServerOffline(
            f"The connection to the class server was lost: {_why_unreachable(str(exc).lower())}."
            " Nothing was lost: what was not sent waits on this computer.")
    return ServerError(f"The class server refused: {str(exc).strip().splitlines()[0]}")


def refused_words(action: str, exc: Exception) -> str:
    """A permission the server refused (a command run by someone it is not for), in words:
    what PostgreSQL said, without its wrapping, and whom to ask."""
    said = _fatal_words(str(exc)) or type(exc).__name__
    return (f"The class server does not let this account run `quizapp server {action}`"
            f" ({said}): it is for the school's server owner, or a class's teacher. Nothing"
            " was changed.")


def _escape(field: str) -> str:
    return field.replace("\\", "\\\\").replace(":", "\\:")


def _passfile_key(conninfo: str, user: str) -> str:
    """The start of `user`'s line on that server in a libpq password file."""
    info = require_psycopg().conninfo.conninfo_to_dict(conninfo)
    host = str(info.get("host") or "localhost")
    port = str(info.get("port") or "5432")
    dbname = str(info.get("dbname") or user)
    return ":".join(_escape(x) for x in (host, port, dbname, user)) + ":"


def _other_lines(path: Path, key: str) -> list[str]:
    if not path.exists():
        return []
    return [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith(key)]


def forget_password(data_dir: Path, conninfo: str, user: str) -> None:
    """Take the password of `user` on that server out of the data folder's password file
    (a learner deleted from this computer leaves no password behind)."""
    path = Path(data_dir) / PASSFILE_NAME
    if path.exists():
        _write_passfile(path, _other_lines(path, _passfile_key(conninfo, user)))


def save_password(data_dir: Path, conninfo: str, user: str, password: str) -> Path:
    """Add (or replace) the password of `user` on that server in the data folder's
    libpq password file, readable by this account only."""
    key = _passfile_key(conninfo, user)
    path = Path(data_dir) / PASSFILE_NAME
    lines = _other_lines(path, key)
    lines.append(key + _escape(password))
    return _write_passfile(path, lines)


def _write_passfile(path: Path, lines: list[str]) -> Path:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write("".join(line + "\n" for line in lines))
    os.chmod(path, 0o600)  # libpq ignores a password file others can read
    return path
