"""The Moodle XML writer does a cloze blank's work once: it worked out each gap's kind
twice (once for the text, once to know whether to warn that Moodle compares exactly) and
read the whole text again for each blank, so that a cloze of 500 blanks took 646 ms to
write against 86 ms for 500 short answers (benchmarks/bench_moodle_cloze_gaps.py). The
work is counted here, not timed."""

from quizapp.core.model import Bank, Cloze
from quizapp.interop import moodle_xml_writer
from quizapp.interop.safe_xml import parse_xml

# Names from the article the bundled bank is written from (Reuters, 1995).
NAMES = ("Kantor", "Hashimoto", "Brown", "Garten", "Shapiro")
BLANKS = 60


def _bank() -> Bank:
    text = " ".join(f"Official {n} is {{{{{NAMES[n % len(NAMES)]}}}}}." for n in range(BLANKS))
    return Bank(id="gaps", title="Gaps", questions=(Cloze(id="c", prompt="", text=text),))


def test_each_blank_is_listed_once_and_the_text_read_once(monkeypatch):
    listed: list[int] = []
    real_listing = moodle_xml_writer.gap_answers_for_moodle

    def counting_listing(q, n, answers):
        listed.append(n)
        return real_listing(q, n, answers)

    reads: list[None] = []
    real_blanks = Cloze.blanks

    def counting_blanks(self):
        reads.append(None)
        return real_blanks.fget(self)

    monkeypatch.setattr(moodle_xml_writer, "gap_answers_for_moodle", counting_listing)
    monkeypatch.setattr(Cloze, "blanks", property(counting_blanks))
    data, warnings, written = moodle_xml_writer.write_moodle_xml(_bank())
    assert written == 1
    assert sorted(listed) == list(range(BLANKS))
    assert len(reads) <= 2


def test_the_gaps_written_are_those_of_the_blanks():
    data, _warnings, _written = moodle_xml_writer.write_moodle_xml(_bank())
    text = parse_xml(data, "<test>").find("question/questiontext/text").text
    assert text.count("{1:SHORTANSWER:=") == BLANKS
    assert "Official 59 is {1:SHORTANSWER:=Shapiro}." in text


def test_the_yaml_writer_reads_a_clozes_text_once_too(monkeypatch):
    """Writing a cloze with tolerances to YAML (import, File > Import, export to .yaml)
    read the whole text again for each blank: 1.1-1.5 s for 1,000 blanks (review21a)."""
    from quizapp.interop.yaml_writer import bank_to_yaml

    text = " ".join(f"Round {n} ended at {{{{{n}}}}} cars." for n in range(BLANKS))
    q = Cloze(id="c", prompt="", text=text, blank_tolerances=(0.5,) * BLANKS)
    reads: list[None] = []
    real_blanks = Cloze.blanks

    def counting_blanks(self):
        reads.append(None)
        return real_blanks.fget(self)

    monkeypatch.setattr(Cloze, "blanks", property(counting_blanks))
    written = bank_to_yaml(Bank(id="gaps", title="Gaps", questions=(q,)))
    assert written.count("tolerance: 0.5") == BLANKS
    assert len(reads) <= 2
