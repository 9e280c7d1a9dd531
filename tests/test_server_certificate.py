"""A class server whose TLS certificate fails the check the address asks for
(sslmode=verify-full, as docs/classroom.md recommends) is said as what it is: not
"offline" (exit 3, trying again will not help) nor "the class server refused" with libpq's
own text, but what to check: the name in the address, the certificate file, the
computer's clock. libpq does the real handshake with a TLS endpoint that answers
PostgreSQL's SSLRequest as a server with `ssl = on` does."""

from __future__ import annotations

import shutil
import socket
import ssl
import struct
import subprocess
import threading
from pathlib import Path

import pytest

pytest.importorskip("psycopg")

from quizapp.cli import main  # noqa: E402
from quizapp.core.store import Store  # noqa: E402
from quizapp.server import sync  # noqa: E402
from quizapp.server.roles import role_key  # noqa: E402
from quizapp.server.sync import URL_KEY  # noqa: E402

SSL_REQUEST = struct.pack("!II", 8, 80877103)


def _certificate(folder: Path, name: str) -> tuple[Path, Path]:
    """A self-signed certificate for the address 127.0.0.1 (its key beside it)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.fail("openssl is needed to make the test's certificates (apt-get install openssl)")
    folder.mkdir(parents=True, exist_ok=True)
    cert, key = folder / f"{name}.crt", folder / f"{name}.key"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )
    return cert, key


@pytest.fixture
def tls_server(tmp_path):
    """A TLS endpoint on 127.0.0.1 presenting the certificate 'server': (its port, the
    certificate's file)."""
    cert, key = _certificate(tmp_path / "server", "server")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(5)
                if conn.recv(8) != SSL_REQUEST:
                    continue
                conn.sendall(b"S")
                try:  # the client ends the handshake when it rejects the certificate
                    with context.wrap_socket(conn, server_side=True) as tls:
                        tls.recv(1)
                except (OSError, ssl.SSLError):
                    pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1], cert
    finally:
        stop.set()
        listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() waiting
        listener.close()
        thread.join(5)


def _sign_in(tmp_path, capsys, url: str) -> tuple[int, str]:
    code = main(["server", "sign-in", url, "--learner", "Ann", "--data-dir",
                 str(tmp_path / "lab"), "--password-stdin"])
    return code, capsys.readouterr().err


@pytest.fixture
def password(monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("secret\n"))


def test_a_certificate_signed_by_another_is_not_accepted(tls_server, tmp_path, capsys,
                                                          password):
    port, _ = tls_server
    other, _ = _certificate(tmp_path / "other", "other")
    code, err = _sign_in(tmp_path, capsys, f"postgresql://school_ann@127.0.0.1:{port}/school"
                         f"?sslmode=verify-full&sslrootcert={other}")
    assert code == 1, err  # not 3: offline
    assert "The class server's certificate was not accepted" in err
    assert "this computer's date and time are wrong (here it is " in err
    assert "cannot be reached" not in err and "connection failed" not in err


def test_a_certificate_for_another_name_says_both(tls_server, tmp_path, capsys, password):
    port, cert = tls_server
    code, err = _sign_in(tmp_path, capsys, f"postgresql://school_ann@localhost:{port}/school"
                         f"?sslmode=verify-full&sslrootcert={cert}")
    assert code == 1, err
    assert ('The class server\'s certificate is for "127.0.0.1", not for "localhost" as in'
            " this address") in err
    assert "connection failed" not in err


def test_no_certificate_to_check_with_names_the_file(tls_server, tmp_path, capsys, password):
    port, _ = tls_server
    missing = tmp_path / "nowhere" / "root.crt"
    code, err = _sign_in(tmp_path, capsys, f"postgresql://school_ann@127.0.0.1:{port}/school"
                         f"?sslmode=verify-full&sslrootcert={missing}")
    assert code == 1, err
    assert (f"this computer has no certificate to check it with: {missing} does not exist"
            in err)
    assert "The class server refused" not in err and "connection failed" not in err


def test_quizapp_sync_says_it_is_the_certificate_not_offline(tls_server, tmp_path, capsys):
    """A learner signed in before (the address kept), whose server's certificate no longer
    passes: the sync names the learner and the certificate, exit 1."""
    port, _ = tls_server
    other, _ = _certificate(tmp_path / "other", "other")
    with Store.open(tmp_path / "lab") as store:
        ann = store.create_learner("Ann")
        store.set_setting(role_key(ann.id), "school_ann")
        store.set_setting(f"{URL_KEY}.{ann.id}",
                          f"host=127.0.0.1 port={port} dbname=school user=school_ann"
                          f" sslmode=verify-full sslrootcert={other}")
        result = sync.sync(store)
    assert not result.offline
    assert result.short_errors == ["the class server's certificate was not accepted for Ann"]
    code = main(["sync", "--data-dir", str(tmp_path / "lab")])
    captured = capsys.readouterr()
    assert code == 1
    assert "Ann: The class server's certificate was not accepted" in captured.err
    assert "offline" not in captured.out + captured.err
