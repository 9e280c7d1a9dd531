"""GIFT export of what a GIFT file cannot hold as written: a NUL in a question's title is
left out with a warning (the file stays text that imports), and an ID number or tag holding
'[tag:' or '[id:' is left out of the "// [id:] [tag:]" comment with a warning, so that the
file read back gains no tag and no id it did not have."""

from __future__ import annotations

from quizapp.core.loader import load_bank_text
from quizapp.interop import export_with_warnings, import_bank

BANK = r'''title: Safety
id: safety
questions:
  - id: nul-title
    title: "Before\0after"
    type: true_false
    prompt: Is the sky blue?
    answer: true
    tags: [plain]
  - id: "x ] [tag:evil]"
    type: true_false
    prompt: Is grass green?
    answer: true
    tags: [kept]
  - id: tagged
    type: true_false
    prompt: Is snow white?
    answer: true
    tags: ["a ] [id:taken", ok]
'''


def test_a_gift_file_keeps_no_nul_and_no_smuggled_id_or_tag(tmp_path):
    bank = load_bank_text(BANK, str(tmp_path / "safety.yaml")).raise_for_errors()
    out = tmp_path / "safety.gift"
    warnings = export_with_warnings(bank, out)
    assert "\0" not in out.read_text("utf-8")
    assert any("'nul-title': its title held NUL characters" in w for w in warnings)
    assert any("ID number 'x ] [tag:evil]' is left out" in w for w in warnings)
    assert any("tag 'a ] [id:taken' is left out" in w for w in warnings)

    again, read_warnings = import_bank(out)
    assert not [w for w in read_warnings if "binary" in w.lower()]
    assert [(q.prompt, q.title, q.tags) for q in again.questions] == [
        ("Is the sky blue?", "Beforeafter", ("plain",)),
        ("Is grass green?", "x ] [tag:evil]", ("kept",)),
        ("Is snow white?", None, ("ok",)),
    ]
    assert [q.id for q in again.questions][2] == "tagged"  # its own id, not "taken"
