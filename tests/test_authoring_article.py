"""Paragraphs of an article counted as a reader (and the bundled bank's header) counts them."""

from quizapp.authoring.article import paragraph_at, paragraphs, questions_per_paragraph

ARTICLE = """Advertisement

AUTOS : Talks Go On

Share via
From Reuters

Negotiators hope for a breakthrough this week.

“We certainly need progress,” Brown said.

# A Markdown heading

Kantor will meet Hashimoto on Wednesday.
It is the third meeting.
"""


def test_body_paragraphs_are_numbered_and_bylines_and_headings_skipped():
    found = paragraphs(ARTICLE)
    assert [p.number for p in found] == [1, 2, 3]
    assert found[1].text == "“We certainly need progress,” Brown said."
    assert found[2].text == "Kantor will meet Hashimoto on Wednesday.\nIt is the third meeting."
    assert ARTICLE[found[2].start:found[2].end] == found[2].text
    assert paragraph_at(found, ARTICLE.index("Hashimoto")).number == 3


def test_questions_per_paragraph_reads_mappings_lists_and_text_sources():
    blocks = [
        "  - id: a\n    source:\n      paragraph: 2\n      quote: x\n",
        "  - id: b\n    source: {paragraph: [1, 3]}\n",
        "  - id: c\n    source:\n      paragraph: [2, 3]\n",
        "  - id: d\n    source: \"paragraph 3\"\n",
        "  - id: e\n    prompt: no source\n",
    ]
    counts = questions_per_paragraph(blocks)
    assert (counts[1], counts[2], counts[3]) == (1, 2, 3)
