"""A cache entry is a cache, never an authority: forged or mutated entries are misses."""

from __future__ import annotations

import hashlib
import hmac
import marshal
import os
import stat
import subprocess
import sys
import textwrap

from bank_samples import EVERY_TYPE
from helpers import assemble_cache_entry, cache_entry, split_cache_entry

from quizapp.core import cache
from quizapp.core.loader import load_bank

BROKEN = "title: T\nquestions:\n  - {id: a, type: numeric, prompt: p, answer: x}\n"


def _run_validate(path) -> int:
    from quizapp.cli import main

    return main(["validate", str(path)])


def _forge_clean_summary(path, sign) -> None:
    """Rewrite the entry of a broken bank to say it has no problem."""
    header, content_hash, summary, bank_blob = split_cache_entry(cache_entry().read_bytes())
    bank_id, problems, images, source_file, listing = marshal.loads(summary)
    assert problems  # the real entry records the mistake
    forged = marshal.dumps(("t", (), images, source_file, listing), 4)
    cache_entry().write_bytes(assemble_cache_entry(header, content_hash, forged, bank_blob, sign))


def test_forged_entry_with_recomputed_checksums_does_not_make_a_broken_bank_valid(tmp_path, capsys):
    path = tmp_path / "bad.yaml"
    path.write_text(BROKEN)
    assert _run_validate(path) == 1  # fills the cache
    _forge_clean_summary(path, lambda part: hashlib.sha256(part).hexdigest().encode())
    capsys.readouterr()
    assert _run_validate(path) == 1
    assert "bad.yaml:3" in capsys.readouterr().out


def test_entry_signed_with_another_key_is_a_miss(tmp_path, capsys):
    path = tmp_path / "bad.yaml"
    path.write_text(BROKEN)
    assert _run_validate(path) == 1
    guess = os.urandom(32)
    _forge_clean_summary(path, lambda part: hmac.new(guess, part, "sha256").hexdigest().encode())
    assert _run_validate(path) == 1


def test_the_key_is_private_to_the_user_and_replaced_when_it_is_not(tmp_path):
    path = tmp_path / "talks.yaml"
    path.write_text(EVERY_TYPE, encoding="utf-8")
    load_bank(path)
    key_file = cache.key_path()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    old_key = key_file.read_bytes()
    # A key others could read may be known to them: it is not used, a new one is made
    # (and the entries it signed become misses, rebuilt at once).
    key_file.chmod(0o644)
    cache._keys.clear()
    again = load_bank(path)
    assert again.bank.title
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert key_file.read_bytes() != old_key


# A bank entry whose first group of questions claims 10**12 questions: building them
# one by one grew the app by hundreds of MB a second until the system killed it.
MUTATED_DECODE = textwrap.dedent(
    """
    import marshal, resource, sys
    sys.path.insert(0, sys.argv[1])
    from bank_samples import load_text as load
    from quizapp.core import cache
    bank = load(sys.argv[2]).bank
    summary, blob = cache.encode((bank, (), ()))
    plain = list(marshal.loads(blob))
    names = cache._codec().bank_names
    order, groups = plain[names.index("questions")]
    type_name, count, columns = groups[0]
    groups = ((type_name, 10**12, columns),) + groups[1:]
    plain[names.index("questions")] = (order, groups)
    mutated = marshal.dumps(tuple(plain), 4)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))
    try:
        cache.decode(summary, mutated)
        outcome = "decoded"
    except ValueError:
        outcome = "refused"
    except MemoryError:
        outcome = "out-of-memory"
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    print(outcome, round(grown_mb))
    """
)


def test_a_mutated_count_is_refused_before_anything_is_built(tmp_path):
    tests_dir = os.path.dirname(os.path.abspath(__file__))
    out = subprocess.run(
        [sys.executable, "-c", MUTATED_DECODE, tests_dir, EVERY_TYPE],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    outcome, grown_mb = out.stdout.split()
    assert outcome == "refused"
    assert int(grown_mb) < 20


def test_a_mutated_entry_with_a_valid_signature_is_only_a_miss(tmp_path):
    # Even an entry that passes authentication (say, a bug in an older writer) cannot
    # make decoding build what its sizes do not allow: it is a miss, rebuilt from the file.
    path = tmp_path / "talks.yaml"
    path.write_text(EVERY_TYPE, encoding="utf-8")
    fresh = load_bank(path).bank
    entry = cache_entry()
    header, content_hash, summary, bank_blob = split_cache_entry(entry.read_bytes())
    plain = list(marshal.loads(bank_blob))
    index = cache._codec().bank_names.index("questions")
    order, ((type_name, count, columns), *rest) = plain[index]
    plain[index] = (order, ((type_name, 10**12, columns), *rest))
    mutated = marshal.dumps(tuple(plain), 4)
    key, digest = entry.stem, content_hash.decode()
    entry.write_bytes(
        b"".join(
            (header, content_hash, b"\n", b"%010d\n" % len(summary))
            + (cache.sign(key, digest, b"summary", summary), b"\n")
            + (cache.sign(key, digest, b"bank", mutated), b"\n", summary, mutated)
        )
    )
    assert load_bank(path).bank == fresh
