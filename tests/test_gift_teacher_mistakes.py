"""A GIFT file typed by hand, with the mistakes teachers make, reads as Moodle reads it, and
each mistake is said in plain words naming its question; the other questions come in."""

from quizapp.cli import main
from quizapp.core.loader import load_bank

GIFT = """// typed by hand
$CATEGORY: $course$/top/Week 1

::Missing brace:: Who wrote Hamlet? {=Shakespeare ~Marlowe

::Mixed:: Capital of Spain? {=Madrid ~%50%Barcelona ~Seville}

::Time 10::30:: When does the bus leave? {=10\\:30 ~11\\:00}

::Unclosed title What is 3+3? {=6}

::Fine:: What is 2+2? {=4 ~3 ~5}
"""


def test_a_hand_written_gift_file_reads_as_moodle_reads_it(tmp_path, capsys):
    source = tmp_path / "week1.gift"
    source.write_text(GIFT, encoding="utf-8")
    bank = tmp_path / "week1.yaml"
    assert main(["import", str(source), "-o", str(bank)]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    qs = {q.id: q for q in load_bank(bank, use_cache=False).bank.questions}
    assert "missing-brace" not in qs
    assert (f"{source}:4: warning: question 'Missing brace': the answer block '{{' is never "
            "closed with '}'") in err
    assert ("question 'Mixed': partial credit for 'Barcelona' is not supported; only the "
            "100% answer counts as right") in err
    # Moodle ends the title at its first '::': so does quizapp, and says why the text reads so
    time = qs["time-10"]
    assert time.title == "Time 10" and time.prompt.startswith("30:: When does the bus leave?")
    assert (f"{source}:8: warning: question 'Time 10': the title 'Time 10' is followed by a "
            "'::' in the question's text: Moodle ends a title at its first '::'") in err
    # a title never closed: Moodle drops its '::' and reads the rest as the text
    [unclosed] = [q for q in qs.values() if "3+3" in q.prompt]
    assert unclosed.prompt == "Unclosed title What is 3+3?" and unclosed.title is None
    assert (f"{source}:10: warning: the question 'Unclosed title What is 3+3?' opens a title "
            "with '::' that no other '::' closes") in err
    assert qs["fine"].prompt == "What is 2+2?" and "'Fine'" not in err
