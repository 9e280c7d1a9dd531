"""Texts written in several languages for Moodle's multi-language filters, kept in one.

A bilingual Moodle site writes each language of a text side by side and lets a filter show
the learner's: `<span lang="en" class="multilang">Blue</span><span lang="fr"
class="multilang">Bleu</span>` (filter_multilang) or `{mlang en}Blue{mlang}{mlang
fr}Bleu{mlang}` (filter_multilang2). Read as plain HTML they ran together ("BlueBleu"); here
each group of such parts becomes the part in one language.
"""

from __future__ import annotations

import re

# one part: <span lang="fr" class="multilang">...</span>, its attributes in either order
_SPAN = re.compile(
    r"""<span\s+(?=[^>]*\bclass\s*=\s*["']multilang["'])[^>]*?\blang\s*=\s*["']([\w-]+)["']"""
    r"""[^>]*>(.*?)</span>""", re.S | re.I)
# one part: {mlang fr}...{mlang}, for one language or several ({mlang en,de})
_MLANG = re.compile(r"\{mlang\s+([\w\s,-]+?)\s*\}(.*?)\{mlang\}", re.S | re.I)


def _groups(pattern: re.Pattern[str], text: str) -> list[list[re.Match[str]]]:
    """The runs of parts standing next to each other (only spaces between them)."""
    runs: list[list[re.Match[str]]] = []
    for m in pattern.finditer(text):
        if runs and not text[runs[-1][-1].end():m.start()].strip():
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def one_language(text: str, preferred: str | None) -> tuple[str, list[str]]:
    """`text` with each group of language parts replaced by its part in `preferred` (else
    its first part), and the languages the text offered, in order (empty: none)."""
    languages: list[str] = []
    for pattern in (_SPAN, _MLANG):
        if pattern is _SPAN and "multilang" not in text.lower():
            continue
        if pattern is _MLANG and "{mlang" not in text.lower():
            continue
        pieces: list[str] = []
        at = 0
        for run in _groups(pattern, text):
            parts = [([lang.strip().lower() for lang in m.group(1).split(",")], m.group(2))
                     for m in run]
            for langs, _ in parts:
                languages += [lang for lang in langs if lang not in languages]
            chosen = next((body for langs, body in parts if preferred in langs), parts[0][1])
            pieces += [text[at:run[0].start()], chosen]
            at = run[-1].end()
        text = "".join(pieces) + text[at:]
    return text, languages
