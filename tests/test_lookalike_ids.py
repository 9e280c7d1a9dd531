"""Question ids that look the same but are written with other characters get a warning:
'café' typed as one letter é and as e + a combining accent (what macOS writes), 'Ａ1' in
full-width letters beside 'A1', 'q1' with a zero-width space in it. Both were valid and
silent, while the results, the CSV and the exports showed two questions of one name."""

from __future__ import annotations

from quizapp.core.loader import load_bank_text


def bank(*ids: str) -> str:
    items = "".join(
        f"  - id: \"{qid}\"\n    type: true_false\n    prompt: Statement {n}\n    answer: true\n"
        for n, qid in enumerate(ids))
    return "title: Look-alikes\nquestions:\n" + items


def messages(text: str) -> list[str]:
    result = load_bank_text(text)
    assert result.bank is not None, [p.format() for p in result.problems]
    return [f"{p.line}:{p.column}: {p.severity}: {p.message}" for p in result.problems]


def test_an_id_written_with_a_separate_accent_is_told_from_the_same_id_with_one_letter():
    assert messages(bank("caf\u00e9", "cafe\u0301")) == [
        "7:9: warning: the id 'cafe\u0301' looks the same as the id 'caf\u00e9' of the "
        "question at line 3, but is written with other characters (a letter and its accent "
        "apart, full-width letters, upper and lower case, or an invisible character); "
        "results and exports would show two questions of one name: give one of them "
        "another id"]


def test_full_width_letters_and_invisible_characters_look_the_same_too():
    found = messages(bank("A1", "\uff211", "q1", "q\u200b1"))
    assert [m.split(" looks")[0] for m in found] == [
        "7:9: warning: the id '\uff211'", "15:9: warning: the id 'q\\u200b1'"]


def test_ids_that_look_different_are_not_warned_about():
    assert messages(bank("café", "cafe", "q1", "q-1", "A1", "Α1")) == []  # Greek Alpha
