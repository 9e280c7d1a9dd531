"""A question's source with a quote, and `quizapp validate` finding each quote
in the source text that the bank names (`source: {file: article.txt}`)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from quizapp.core.loader import load_bank, load_bank_text
from quizapp.core.quotes import find_quote, normalise, shown_quotes

ARTICLE = (
    "“We look forward to making progress in the . . . discussions on auto and auto parts,” "
    "Secretary of Commerce Ronald H. Brown said in a television interview from Washington.\n\n"
    "“It’s critical that we do it. We’ll stand up to them,” Kantor told the\n"
    "National Assn. of Farm Broadcasters — the group’s    annual meeting.\n"
)


def bank_text(*sources: str, head: str = "source: {file: article.txt}\n") -> str:
    questions = "".join(
        f"  - id: q{n}\n    type: true_false\n    prompt: p\n    answer: true\n"
        f"    source: {source}\n"
        for n, source in enumerate(sources)
    )
    return "title: Quotes\n" + head + "questions:\n" + questions


def write(folder, *sources: str, head: str = "source: {file: article.txt}\n", article=ARTICLE):
    if article is not None:
        (folder / "article.txt").write_text(article, encoding="utf-8")
    path = folder / "bank.yaml"
    path.write_text(bank_text(*sources, head=head), encoding="utf-8")
    return path


# ------------------------------------------------------------ the source field


def test_text_source_still_works_and_has_no_quotes():
    result = load_bank_text(bank_text('"paragraph 5"', head=""))
    (q,) = result.raise_for_errors().questions
    assert (q.source, q.quotes) == ("paragraph 5", ())


@pytest.mark.parametrize(
    ("written", "where", "quotes"),
    [
        ("{paragraph: 8, quote: It is so.}", "paragraph 8", ("It is so.",)),
        ("{paragraph: [2, 6, 8], quote: [a b, c d]}", "paragraphs 2, 6 and 8", ("a b", "c d")),
        ("{paragraph: [3, 1]}", "paragraphs 3 and 1", ()),
        ('{location: "chapter 2, p. 31", quote: x}', "chapter 2, p. 31", ("x",)),
        ('{quote: "words alone"}', None, ("words alone",)),
    ],
)
def test_source_mapping_gives_where_and_quotes(written, where, quotes):
    result = load_bank_text(bank_text(written, head=""))
    (q,) = result.raise_for_errors().questions
    assert (q.source, q.quotes) == (where, quotes)


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("{paragraph: 2, location: here}", "either 'paragraph'"),
        ("{paragraph: two}", "paragraph number such as 5"),
        ("{paragraph: 2.5}", "paragraph number such as 5"),
        ("{paragraph: 0}", "counted from 1"),
        ("{paragraph: 2, qoute: x}", "did you mean 'quote'"),
        ("{paragraph: 2, quote: []}", "'quote' is an empty list"),
        ("{paragraph: 2, quote: ''}", "a quote is empty"),
        ("{}", "the source is empty"),
        ("[paragraph 2]", "'source' should be text"),
    ],
)
def test_a_wrong_source_is_explained(written, words):
    result = load_bank_text(bank_text(written, head=""))
    assert result.bank is None
    assert any(words in p.message for p in result.problems), [p.message for p in result.problems]
    assert all(p.line == 7 for p in result.problems)


def test_a_long_quote_is_a_warning_not_an_error():
    long = " ".join(["word"] * 41)
    result = load_bank_text(bank_text(f"{{paragraph: 1, quote: {long}}}", head=""))
    assert result.bank is not None
    (problem,) = result.problems
    assert problem.severity == "warning" and "41 words" in problem.message


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("../article.txt", "no '..'"),
        ("/etc/passwd", "not absolute"),
        ("https://example.org/a.txt", "not a web address"),
    ],
)
def test_the_source_text_must_be_a_file_in_the_banks_folder(tmp_path, name, words):
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    path = write(tmp_path, "{paragraph: 1, quote: x}", head=f"source: {{file: '{name}'}}\n")
    result = load_bank(path, use_cache=False)
    assert result.bank is None
    assert [(p.line, words in p.message) for p in result.problems] == [(2, True)]


# ------------------------------------------------------- quotes in the source text


def test_quotes_found_despite_typography_and_whitespace(tmp_path):
    path = write(
        tmp_path,
        # straight quotes and apostrophes for the article's curly ones, a line break
        "{paragraph: 1, quote: '\"It''s critical that we do it. We''ll stand up to them,\" "
        "Kantor told the National Assn. of Farm Broadcasters'}",
        # "..." for the article's spaced ". . .", "--" for its dash, collapsed spaces
        "{paragraph: 1, quote: 'progress in the ... discussions on auto'}",
        "{paragraph: 2, quote: 'Farm Broadcasters -- the group’s annual meeting'}",
        # an ellipsis marks words left out
        "{paragraph: 2, quote: [We look forward … auto parts, Ronald H. Brown said]}",
    )
    result = load_bank(path, use_cache=False)
    assert result.problems == []
    assert result.bank.source.file == "article.txt"


def test_a_quote_not_in_the_text_is_an_error_at_its_line_and_column(tmp_path):
    path = write(
        tmp_path,
        "{paragraph: 1, quote: We certainly need progress}",
        "{paragraph: 1, quote: [Ronald H. Brown said, Secretary of Commerce Ronald Brown]}",
    )
    result = load_bank(path, use_cache=False)
    assert result.bank is None
    assert [(p.line, p.column, p.severity) for p in result.problems] == [
        (8, 35, "error"),
        (13, 58, "error"),
    ]
    first, second = (p.message for p in result.problems)
    assert first == (
        "the quote 'We certainly need progress' cannot be found in the source text 'article.txt'"
    )
    assert second.endswith("they are the same as far as 'Secretary of Commerce Ronald ', then the "
                           "quote has 'Brown' where the text has 'H. Brown said in a television...'")


def test_a_long_quote_not_found_shows_where_it_parts_from_the_text(tmp_path):
    # Both start with the same 60 characters: cut at the same length, they looked the same.
    source = ("Japanese auto makers have agreed to buy more American-made parts, "
              "officials said on Tuesday")
    path = write(tmp_path, f"{{paragraph: 1, quote: '{source.replace('Tuesday', 'Monday')}'}}",
                 article=source + "\n")
    (problem,) = load_bank(path, use_cache=False).problems
    assert problem.message.endswith(
        "they are the same as far as '...parts, officials said on ', then the quote has 'Monday' "
        "where the text has 'Tuesday'")


def test_a_quote_must_keep_its_order_around_an_ellipsis(tmp_path):
    path = write(tmp_path, "{paragraph: 1, quote: 'auto parts ... We look forward'}")
    result = load_bank(path, use_cache=False)
    (problem,) = result.problems
    assert problem.message.startswith("the words 'We look forward' cannot be found")


@pytest.mark.parametrize(
    ("article", "words"),
    [
        (None, "does not exist in the bank's folder"),
        (b"caf\xe9", "is not UTF-8 text"),
    ],
)
def test_a_missing_or_unreadable_source_text_is_an_error_on_its_line(tmp_path, article, words):
    if isinstance(article, bytes):
        (tmp_path / "article.txt").write_bytes(article)
        article = None
    path = write(tmp_path, "{paragraph: 1, quote: x}", article=article)
    result = load_bank(path, use_cache=False)
    assert result.bank is None
    (problem,) = result.problems
    assert (problem.line, problem.column) == (2, 16) and words in problem.message


def test_a_symlink_out_of_the_folder_is_refused(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text(ARTICLE, encoding="utf-8")
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "article.txt").symlink_to(outside)
    path = write(folder, "{paragraph: 1, quote: Brown said}", article=None)
    (problem,) = load_bank(path, use_cache=False).problems
    assert "points outside the bank's folder" in problem.message


def test_editing_the_source_text_is_noticed_although_the_bank_is_cached(tmp_path):
    path = write(tmp_path, "{paragraph: 1, quote: Ronald H. Brown said}")
    assert load_bank(path).problems == []
    assert load_bank(path).problems == []  # from the cache
    (tmp_path / "article.txt").write_text(ARTICLE.replace("Ronald H. Brown", "Brown"))
    (problem,) = load_bank(path).problems
    assert "cannot be found" in problem.message


def test_normalise_and_find_quote():
    assert normalise("“It’s”\u00a0 a—b . . . c…") == '"It\'s" a-b ... c ...'
    assert find_quote("a ... c", normalise("a b c")) is None
    assert find_quote("c ... a", normalise("a b c")) == "a"


def test_shown_quotes_puts_each_in_quotation_marks_on_its_own_line():
    (q,) = load_bank_text(bank_text("{quote: [one, two]}", head="")).raise_for_errors().questions
    assert shown_quotes(q) == "\u201cone\u201d\n\u201ctwo\u201d"
    # the article's own quotation marks, inside ours, become single ones
    text = bank_text("{quote: ['\u201cWe\u2019ll go,\u201d he said', 'a \"b\" c']}", head="")
    (q,) = load_bank_text(text).raise_for_errors().questions
    assert shown_quotes(q) == (
        "\u201c\u2018We\u2019ll go,\u2019 he said\u201d\n\u201ca 'b' c\u201d"
    )


# ------------------------------------------------------------ quizapp validate


def validate(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "quizapp", "validate", *map(str, args)],
        capture_output=True, text=True, env=dict(os.environ), timeout=120,
    )


def test_validate_reports_a_misquote_and_rechecks_after_the_text_changes(tmp_path):
    path = write(tmp_path, "{paragraph: 1, quote: Ronald H. Brown said}")
    assert validate(path).stdout == "checked 1 bank: all valid\n"
    assert validate(path).returncode == 0  # the cache knows the bank, not the text
    (tmp_path / "article.txt").write_text("Someone else said it.", encoding="utf-8")
    proc = validate(path)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        f"{path}:8:35: error: the quote 'Ronald H. Brown said' cannot be found in the "
        "source text 'article.txt'",
        "checked 1 bank: 1 error in 1 bank",
    ]


# ------------------------------------------------------------ writing YAML back


def test_quotes_survive_writing_the_bank_as_yaml(tmp_path):
    from quizapp.interop.yaml_writer import bank_to_yaml

    text = bank_text(
        "{paragraph: [2, 8], quote: [It’s critical, “so”]}", '{quote: "alone"}', head=""
    )
    bank = load_bank_text(text).raise_for_errors()
    again = load_bank_text(bank_to_yaml(bank)).raise_for_errors()
    assert [(q.source, q.quotes) for q in again.questions] == [
        ("paragraphs 2 and 8", ("It’s critical", "“so”")),
        (None, ("alone",)),
    ]


def test_yaml_export_elsewhere_mentions_the_source_text(tmp_path):
    from quizapp.interop import export_with_warnings

    path = write(tmp_path, "{paragraph: 1, quote: Ronald H. Brown said}")
    bank = load_bank(path, use_cache=False).raise_for_errors()
    (tmp_path / "copy").mkdir()
    warnings = export_with_warnings(bank, tmp_path / "copy" / "bank.yaml")
    assert len(warnings) == 1 and "'article.txt'" in warnings[0] and "copy it" in warnings[0]
    assert export_with_warnings(bank, tmp_path / "same-folder.yaml") == []


@pytest.mark.parametrize("fmt", ["moodle.xml", "bank.gift"])
def test_paragraph_numbers_come_back_as_paragraphs_after_moodle_and_gift(tmp_path, fmt):
    """Exported to Moodle XML or GIFT (the source goes into the general feedback as
    'Source: paragraphs 2 and 8') and imported again, the bank written as YAML says
    `paragraph: [2, 8]` as the teacher wrote it, not `location: paragraphs 2 and 8`; other
    places stay `location:`."""
    import yaml

    from quizapp.interop import export_with_warnings, import_bank
    from quizapp.interop.yaml_writer import bank_to_yaml

    text = bank_text("{paragraph: [2, 8], quote: so}", '{location: "chapter 2", quote: x}',
                     head="")
    bank = load_bank_text(text).raise_for_errors()
    out = tmp_path / fmt
    export_with_warnings(bank, out)
    back, _warnings = import_bank(out)
    written = yaml.safe_load(bank_to_yaml(back))
    assert [q["source"] for q in written["questions"]] == [
        {"paragraph": [2, 8], "quote": "so"}, {"location": "chapter 2", "quote": "x"}]
