"""Reading Moodle XML: the pieces every question type shares (its texts, flags and
fractions; its name, category, tags, ID number, grade and general feedback), and how what
quizapp changes or leaves out is said, naming the question. The types: moodle_xml.py and
moodle_xml_typed.py."""

from __future__ import annotations

import html
import math
import re
import xml.etree.ElementTree as ET

from quizapp.core.category import from_moodle
from quizapp.core.model_base import MAX_POINTS

from ._common import (
    IdAllocator,
    Report,
    id_number_kept,
    kept_title,
    neutralize_html,
)
from .moodle_breaks import breaks_read_back, hard_breaks, mark_breaks
from .moodle_common import (
    BANK_CATEGORY_INFO,
    FLASHCARD_TAG,
    MOODLE_DEFAULT_CATEGORY_INFO,
    PLUGINFILE,
    moodle_category,
    tag_also_category,
)
from .moodle_html import (
    markdown_tex_as_code,
    moodle_html_to_markdown,
    neutralize_markdown,
    plain_text_to_markdown,
)
from .moodle_multilang import one_language
from .moodle_pictures import DATA_PICTURE, PictureReader
from .source_note import split_general_feedback


class SkipQuestion(Exception):
    """The question cannot be read into quizapp: it is left out, with this reason."""


class MoodleQuestionReader(PictureReader):
    """Reads one file's questions; each type's reader is in its subclasses."""

    def __init__(self, path: str, media_folder: str | None) -> None:
        self.report = Report(path)
        self.ids = IdAllocator()
        self.tags: tuple[str, ...] = ()
        self.bank_title: str | None = None  # from the category quizapp wrote for its bank
        self.category_path: str | None = None  # the questions' `category`: the last read
        # each category's description and ID number, by its path (the bank's `categories`)
        self.category_notes: dict[str, tuple[str | None, str | None]] = {}
        self.moodle_defaults: set[str] = set()  # the categories Moodle made itself: no tags
        self.media_folder = media_folder
        self.media: dict[str, bytes] = {}
        self.line = 0
        self.name = ""  # the current question's name in Moodle, for warnings
        # the language kept of texts written in several (Moodle's multi-language filters):
        # the first the file offers
        self.language: str | None = None

    # -- pieces ----------------------------------------------------------------------

    def warn(self, message: str) -> None:
        """A warning at the current line, naming the question read there (if it has a
        name and the message does not name it already)."""
        if self.name and not message.startswith("question "):
            message = f"question {self.name!r}: {message}"
        self.report.warn(self.line, message)

    def text(self, element: ET.Element | None, *, what: str = "text", prose: bool = True,
             quiet: bool = False, lines: bool = True) -> str:
        """The Markdown of a <questiontext>, <feedback>, <answer>... element. `prose`: the
        text is read as text, its own '*', '_'... shown as written (False: a value such as
        a typed answer, or a text whose characters are syntax, such as embedded answers)."""
        if element is None:
            return ""
        node = element.find("text")
        raw = self._one_language((node.text if node is not None else element.text) or "",
                                 quiet=quiet)
        fmt = (element.get("format") or "html").lower()
        files = self._files(element)

        def image(src: str, alt: str) -> str | None:
            src = html.unescape(src)
            pasted = DATA_PICTURE.fullmatch(src.strip())
            if src.startswith(PLUGINFILE):
                from urllib.parse import unquote

                stored = self._store_image(unquote(src[len(PLUGINFILE):]), files)
            elif pasted:
                stored = self._store_pasted(pasted, what)
            else:
                self.warn(f"the picture {src!r} in the {what} is not in the file (quizapp "
                          "never loads pictures from the web); only its description was kept")
                return None
            if not stored:
                return None
            label = alt.replace("[", "").replace("]", "") or "picture"
            return f"![{label}]({stored})"

        if fmt in ("html", "moodle_auto_format"):
            if fmt == "moodle_auto_format" and "<" not in raw:
                raw = html.escape(raw).replace("\n", "<br>")
            raw, mark = mark_breaks(raw)  # a <br>: a new line, as Moodle shows it
            text, notes = moodle_html_to_markdown(raw, image, escape=prose)
            text = hard_breaks(text, mark, lines=lines)
        elif fmt == "plain_text":  # shown as written, in Moodle and here
            text = "\n".join(line.rstrip() for line in raw.strip().splitlines())
            text, notes = plain_text_to_markdown(text) if prose else (text, [])
        else:  # markdown: kept as it is, with anything tag-like shown literally
            text = neutralize_markdown("\n".join(line.rstrip() for line in breaks_read_back(
                raw.strip().replace("\r\n", "\n")).splitlines()))
            # ![alt](@@PLUGINFILE@@/name): a picture in the file
            text = _MARKDOWN_PICTURE.sub(
                lambda m: image(m.group(2), m.group(1)) or (f"[{m.group(1)}]" if m.group(1)
                                                            else ""), text)
            text, notes = markdown_tex_as_code(text)
        for note in notes:
            self.changed(f"in the {what}, {note}")
        return text

    def changed(self, message: str) -> None:
        """Say what was changed of what the teacher wrote, naming the question (once)."""
        said = f"question {self.name!r}: {message}" if self.name else message
        where = f"{self.report.path}:{self.line}" if self.line else self.report.path
        if f"{where}: warning: {said}" not in self.report.warnings[-20:]:
            self.warn(said)

    def _one_language(self, raw: str, *, quiet: bool = False) -> str:
        """A text written in several languages for Moodle's multi-language filters, in the
        language kept (said, unless `quiet`: a question's name, read before its warnings)."""
        text, languages = one_language(raw, self.language)
        if languages:
            self.language = self.language or languages[0]
            if not quiet:
                self.changed("its texts are written in several languages for Moodle's "
                             f"multi-language filter; quizapp keeps one: {self.language!r}, "
                             "the file's first (a text without it, its own first)")
        return text

    def plain(self, element: ET.Element | None, tag: str = "text", *,
              quiet: bool = False) -> str:
        """A short value such as an answer's text: HTML read as text, on one line."""
        if element is None:
            return ""
        return " ".join(self.text(element, prose=False, quiet=quiet, lines=False).split())

    def typed(self, answer: ET.Element) -> str:
        """A short answer as the learner types it. Moodle keeps it as plain text, whatever
        it looks like ('<b>' for the tag that makes text bold), and exports it in
        moodle_auto_format: read as written (with no format too, as Moodle reads it). An
        answer marked HTML is read as HTML."""
        if (answer.get("format") or "plain_text").lower() not in ("moodle_auto_format",
                                                                  "plain_text"):
            return self.plain(answer)
        node = answer.find("text")
        return " ".join(((node.text if node is not None else answer.text) or "").split())

    def child_text(self, element: ET.Element, name: str) -> str:
        child = element.find(name)
        if child is None:
            return ""
        inner = child.find("text")
        return ((inner.text if inner is not None else child.text) or "").strip()

    def flag(self, element: ET.Element, name: str, default: bool = False) -> bool:
        value = self.child_text(element, name).lower()
        if not value:
            return default
        return value in ("1", "true", "yes")

    def fraction(self, answer: ET.Element) -> float:
        try:
            value = float(answer.get("fraction", "0"))
        except ValueError:
            self.warn(f"the fraction {answer.get('fraction')!r} is not a number; read as 0")
            return 0.0
        return value if math.isfinite(value) else 0.0


    def category(self, element: ET.Element) -> None:
        """A category sets the `category` of the questions after it, and its names are their
        tags; the category quizapp wrote for the whole bank (BANK_CATEGORY_INFO) gives its
        title, and neither. Its description and ID number are kept for the bank's
        `categories` (the first of each category's)."""
        info = self.child_text(element, "info")
        path = self.child_text(element, "category")
        if info.startswith(MOODLE_DEFAULT_CATEGORY_INFO) and (made := from_moodle(path)):
            self.moodle_defaults.add(made)  # Moodle's own 'Default for ...': no topic
        read = moodle_category(path, BANK_CATEGORY_INFO in info, untagged=self.moodle_defaults)
        if read.bank_title is not None:
            self.bank_title = self.bank_title or read.bank_title
        self.tags, self.category_path = read.tags, read.category
        if read.category is None or read.category in self.category_notes:
            return
        idnumber = " ".join(self.child_text(element, "idnumber").split())
        described = self.text(element.find("info"), what="category's description", quiet=True)
        if described.startswith(MOODLE_DEFAULT_CATEGORY_INFO):
            described = ""  # Moodle's words for a context's own category, not the teacher's
        if described or idnumber:
            self.category_notes[read.category] = (described or None, idnumber or None)

    def common(self, element: ET.Element, prompt: str | None = None) -> dict:
        name = self.plain(element.find("name"), quiet=True)
        if prompt is None:
            prompt = self.text(element.find("questiontext"), what="question text")
        image = description = None
        picture = _LAST_PICTURE.search(prompt)
        if picture and self.media_folder and picture.group(2).startswith(self.media_folder):
            # A picture after the text is the question's picture, shown as quizapp shows one;
            # its alt text describes it (unless it is the word a label-less picture gets).
            image, prompt = picture.group(2), prompt[: picture.start()].rstrip()
            description = picture.group(1).strip() if picture.group(1) != "picture" else None
        if image is None:
            image = self._old_image(element)
        if not prompt and name:
            prompt = neutralize_html(name)
        if not prompt:
            raise SkipQuestion("the question has no text; skipped")
        if self.child_text(element, "hidden").strip() == "1":
            self.changed("it was hidden in Moodle (kept out of new quizzes); quizapp has no "
                         "hidden questions, so it is imported as any other")
        own_tags = [self.plain(t) for t in element.findall("tags/tag")]
        for tag in dict.fromkeys(t for t in own_tags if t in self.tags):
            self.changed(tag_also_category(tag))
        tags = tuple(dict.fromkeys([*self.tags, *(t for t in own_tags if t)]))
        # quizapp writes a question's source and quotes after its explanation
        explanation, source, quotes = split_general_feedback(
            self.text(element.find("generalfeedback"), what="general feedback"))
        # Moodle's ID number is the teacher's own id for the question; its name is kept apart
        idnumber = " ".join(self.child_text(element, "idnumber").split())
        qid = self.ids.exact(idnumber) if idnumber else self.ids.allocate(name or None, prompt)
        if idnumber and qid != idnumber:
            self.changed(f"its ID number {idnumber!r} is another question's too (Moodle keeps "
                         f"them apart by category); here, and in an export, it is {qid!r}")
        # plain text in Moodle, but for the spans of its multi-language filter
        title = kept_title(self._one_language(self.child_text(element, "name"), quiet=True), qid)
        fields = {
            "id": qid,
            "title": title,
            **id_number_kept(idnumber, qid, title),
            "prompt": prompt,
            "explanation": explanation,
            "source": source,
            "quotes": quotes,
            "tags": tuple(t for t in tags if t != FLASHCARD_TAG),
            "category": self.category_path,
            "line": self.line,
            "image": image,
            "image_description": description or None,
        }
        grade = self.child_text(element, "defaultgrade")
        try:
            points = float(grade) if grade else 1.0
        except ValueError:
            points = 1.0
        if math.isfinite(points) and points > MAX_POINTS:
            self.warn(f"its default grade {points:g} is more than a question can weigh in "
                      f"quizapp; it counts {MAX_POINTS:,} points")
            points = MAX_POINTS
        if math.isfinite(points) and points > 0:
            fields["points"] = points
        penalty = self.child_text(element, "penalty")
        usual = _OWN_PENALTY.get(element.get("type") or "", _MOODLE_PENALTY)
        try:
            lost = float(penalty) if penalty else usual
        except ValueError:
            lost = usual
        if math.isfinite(lost) and abs(lost - usual) > 1e-4:
            self.changed(f"its penalty for each wrong try ({100 * lost:.4g}% of its marks, in "
                         "Moodle's modes with several tries) is not kept: quizapp scores the "
                         "first try only, and practice's later tries teach without scoring")
        # Moodle's hints for "interactive with multiple tries": shown in practice after a
        # mistake, before the question comes back; what Moodle does besides that practice
        # does not is said
        hints = [(h, said) for h in element.findall("hint")
                 if (said := self.text(h, what="hint"))]
        if hints:
            fields["hints"] = tuple(said for _, said in hints)
        options = sorted({_HINT_OPTIONS[name] for h, _ in hints for name in _HINT_OPTIONS
                          if h.find(name) is not None})
        if options:
            self.changed(f"its hints also {' and '.join(options)} in Moodle; quizapp shows "
                         "the hint's text only")
        for part in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
            said = self.text(element.find(part), what=part)
            if said and said not in _MOODLE_DEFAULT_FEEDBACK:
                self.warn(f"the {part} {said!r} is not supported (quizapp shows right or "
                          "wrong itself); it was left out")
        return fields



_MARKDOWN_PICTURE = re.compile(r"!\[([^\]\n]*)\]\((@@PLUGINFILE@@/[^)\s]+)\)")
# a picture in a paragraph of its own at the end (as quizapp writes a question's `image`);
# one inside the text's last line stays in the text
_LAST_PICTURE = re.compile(r"(?:^|\n\n)!\[([^\]\n]*)\]\(([^)\s]+)\)\s*$")

# The penalty Moodle's editor sets for each wrong try (a third of the marks); another is the
# teacher's own choice, said when it is left out.
_MOODLE_PENALTY = 1 / 3
# A type whose editor fixes the penalty itself (true/false: two answers, one try).
_OWN_PENALTY = {"truefalse": 1.0}

# What a Moodle hint may do besides showing its text that quizapp does not. Its other two
# settings are met by practice itself: 'shownumcorrect' (how many parts are right) by the
# marks on each part after every answer, and 'clearwrong' (the wrong parts emptied for the
# next try) by the question coming back with every part empty.
_HINT_OPTIONS = {
    "options": "show more (an option of its type)",
}

# Moodle fills these in by itself; they say nothing a teacher wrote.
_MOODLE_DEFAULT_FEEDBACK = {
    "Your answer is correct.",
    "Your answer is partially correct.",
    "Your answer is incorrect.",
}


