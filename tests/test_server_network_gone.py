"""A network gone silently (WiFi out of range, a cable pulled: packets dropped, nothing
refused) must end a sync within seconds, said offline, not after TCP's own timers (15
minutes while sending, hours while waiting for a reply: the app said "synced" all along).
The connections a computer makes to the class server carry TCP keepalives and a user
timeout; these tests read them off the real socket of a real connection. (By hand, with
the computer in a network namespace and its link taken down mid-pull: `quizapp sync`
said offline after 31 s, where it hung until the link came back.)"""

from __future__ import annotations

import socket

import pytest

pytest.importorskip("psycopg")

from quizapp.core.store import Store  # noqa: E402
from quizapp.server import sync  # noqa: E402
from quizapp.server.connection import connect  # noqa: E402
from tests.server_helpers import make_school  # noqa: E402

pytestmark = pytest.mark.skipif(not hasattr(socket, "TCP_USER_TIMEOUT"),
                                reason="TCP_USER_TIMEOUT is Linux's")


def _tcp_options(conn) -> dict[str, int]:
    sock = socket.socket(fileno=socket.dup(conn.fileno()))
    try:
        return {
            "keepalive": sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE),
            "idle": sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE),
            "interval": sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL),
            "count": sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT),
            "user_timeout_ms": sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_USER_TIMEOUT),
        }
    finally:
        sock.close()


def test_the_connection_the_app_keeps_gives_up_on_a_silent_network(pg_server, pg_database,
                                                                    tmp_path):
    school = make_school(pg_server, pg_database)
    school.add("Ann")
    kept: dict = {}
    with Store.open(tmp_path / "lab") as store:
        sync.sign_in(store, school.people["Ann"].url, "Ann", school.people["Ann"].password)
        result = sync.sync(store, kept)
        assert result.errors == [] and not result.offline
        (conn,) = kept.values()
        try:
            options = _tcp_options(conn)
        finally:
            conn.close()
    # An idle link is probed after 10 s, every 5 s, given up after 3: ~25 s; data not
    # acknowledged for 30 s ends the connection. (Without them: no keepalive, the
    # system's 2 hours, no user timeout.)
    assert options == {"keepalive": 1, "idle": 10, "interval": 5, "count": 3,
                       "user_timeout_ms": 30000}


def test_an_address_that_sets_its_own_keepalive_keeps_it(pg_server, pg_database):
    school = make_school(pg_server, pg_database)
    ann = school.add("Ann")
    with connect(ann.url + "?keepalives_idle=60&tcp_user_timeout=90000",
                 password=ann.password) as conn:
        options = _tcp_options(conn)
    assert options["idle"] == 60 and options["user_timeout_ms"] == 90000
    assert options["keepalive"] == 1 and options["count"] == 3
