"""An import's pictures kept on disk until the bank is written, not in memory.

An Anki deck's pictures, and the two an Image Occlusion card has drawn for it, can add up
to more than the deck (benchmarks/bench_occlusion_memory.py): each goes into a file of a
temporary folder as it is read or made, and is read back, one at a time, when the bank's
pictures are written (write_media) or compared (pictures_in_the_way). The folder is
named with the process id: one a killed import leaves is removed by the next (core/
leftovers); it goes when the mapping is closed or collected, or the program ends.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import weakref
from collections.abc import Iterator, Mapping, MutableMapping
from pathlib import Path

from quizapp.core.leftovers import remove_dead_folders

TEMP_PREFIX = "quizapp-pictures-"


class SpooledPictures(MutableMapping[str, bytes]):
    """Pictures by their path in the bank, each in a file of its own."""

    def __init__(self) -> None:
        self._folder: Path | None = None  # made with the first picture: most decks have none
        self._files: dict[str, Path] = {}
        self._made = 0  # files are numbered: a bank's path may not be a file name here
        self._remove: weakref.finalize | None = None

    def __setitem__(self, name: str, data: bytes) -> None:
        if self._folder is None:
            remove_dead_folders(TEMP_PREFIX)
            self._folder = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-"))
            self._remove = weakref.finalize(self, shutil.rmtree, self._folder, True)
        path = self._files.get(name)
        if path is None:
            self._made += 1
            path = self._files[name] = self._folder / str(self._made)
        path.write_bytes(data)

    def __getitem__(self, name: str) -> bytes:
        return self._files[name].read_bytes()

    def __delitem__(self, name: str) -> None:
        self._files.pop(name).unlink(missing_ok=True)

    def __contains__(self, name: object) -> bool:  # without reading the file
        return name in self._files

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)

    def close(self) -> None:
        """Remove the files now (they are also removed when this is collected)."""
        self._files.clear()
        if self._remove is not None:
            self._remove()


class RenamedPictures(Mapping[str, bytes]):
    """Pictures of `media` under other paths (new path -> old path), read from it only
    when asked: media_moved_to, without reading every picture into memory."""

    def __init__(self, media: Mapping[str, bytes], names: dict[str, str]) -> None:
        self._media = media
        self._names = names

    def __getitem__(self, name: str) -> bytes:
        return self._media[self._names[name]]

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)
