"""The pictures of a Moodle XML file, saved beside the bank: <file> elements of a text
(in its folders too), pictures pasted into Moodle's editor (data: URIs) and Moodle 1.9's
<image_base64>."""

from __future__ import annotations

import base64
import binascii
import re
import xml.etree.ElementTree as ET

from .moodle_common import IMAGE_SUFFIXES, MAX_MEDIA_BYTES, safe_file_name

# a picture pasted into Moodle's editor stays in the text: src="data:image/png;base64,..."
DATA_PICTURE = re.compile(r"data:image/(png|jpe?g|gif|webp|bmp|svg\+xml);base64,(.*)",
                          re.S | re.I)


class PictureReader:
    """The Moodle XML reader's part that keeps pictures: `media` maps a picture's path
    relative to the bank's folder (under `media_folder`) to its bytes."""

    media_folder: str | None
    media: dict[str, bytes]

    def warn(self, message: str) -> None:
        raise NotImplementedError

    def changed(self, message: str) -> None:
        raise NotImplementedError

    def _files(self, element: ET.Element | None) -> dict[str, bytes]:
        """The base64 <file> elements of a text, by name."""
        files: dict[str, bytes] = {}
        if element is None:
            return files
        for f in element.findall("file"):
            name = f.get("name") or ""
            if (f.get("encoding") or "base64") != "base64":
                self.warn(f"the file {name!r} is not base64-encoded; it was left out")
                continue
            try:
                data = base64.b64decode("".join((f.text or "").split()), validate=True)
            except (binascii.Error, ValueError):
                self.warn(f"the file {name!r} is not valid base64; it was left out")
                continue
            # a picture in a folder of the text's files (path="/sub dir/") is referred to
            # with its folder: @@PLUGINFILE@@/sub%20dir/pic.png
            folder = (f.get("path") or "/").strip("/")
            files[f"{folder}/{name}" if folder else name] = data
        return files

    def _store_image(self, name: str, files: dict[str, bytes]) -> str | None:
        """Save an embedded picture into the bank's folder; its path relative to the folder."""
        data = files.get(name)
        if data is None:
            self.warn(f"the picture {name!r} is referenced but not included in the file; "
                      "it was left out")
            return None
        if not name.lower().endswith(IMAGE_SUFFIXES):
            self.warn(f"the file {name!r} is not a picture quizapp shows; it was left out")
            return None
        if len(data) > MAX_MEDIA_BYTES:
            self.warn(f"the picture {name!r} is over {MAX_MEDIA_BYTES // 2**20} MB; left out")
            return None
        if self.media_folder is None:
            self.warn(f"the picture {name!r} was not saved (write the bank to a file with -o "
                      "to keep its pictures)")
            return None
        safe = safe_file_name(name)
        relative = f"{self.media_folder}/{safe}"
        n = 2
        while relative in self.media and self.media[relative] != data:
            stem, dot, suffix = safe.rpartition(".")
            relative = f"{self.media_folder}/{stem}-{n}{dot}{suffix}"
            n += 1
        self.media[relative] = data
        return relative

    def _store_pasted(self, pasted: re.Match[str], what: str) -> str | None:
        """A picture pasted into Moodle's editor, kept in the text as a data: URI."""
        try:
            data = base64.b64decode("".join(pasted.group(2).split()), validate=True)
        except (binascii.Error, ValueError):
            self.warn(f"a picture pasted into the {what} is not valid base64; it was left out")
            return None
        kind = pasted.group(1).lower()
        suffix = {"jpeg": "jpg", "svg+xml": "svg"}.get(kind, kind)
        return self._store_image(f"pasted.{suffix}", {f"pasted.{suffix}": data})

    def _old_image(self, element: ET.Element) -> str | None:
        """The picture of a question in Moodle 1.9's XML (<image>name</image> and its
        <image_base64>), which Moodle still reads, as the question's picture."""
        encoded = element.findtext("image_base64") or ""
        if not encoded.strip():
            if (element.findtext("image") or "").strip():
                self.changed(f"the picture {element.findtext('image')!r} is not in the file; "
                             "it was left out")
            return None
        name = (element.findtext("image") or "").strip() or "image.png"
        try:
            data = base64.b64decode("".join(encoded.split()), validate=True)
        except (binascii.Error, ValueError):
            self.changed(f"the picture {name!r} is not valid base64; it was left out")
            return None
        return self._store_image(name, {name: data})
