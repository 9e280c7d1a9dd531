"""A journal (-wal) damaged in its middle: answers committed after the damage, dropped.

After a kill or a crash the newest answers may be only in the -wal. The first connection
to open the file again reads the -wal's frames in order and keeps them up to the last
commit before the first frame whose checksum fails; every frame after it is ignored, and
the next checkpoint and restart of the -wal overwrite them. One damaged byte in the middle
of a -wal therefore took every answer saved after it, without a word (a tester's killed
store: 4 of 20 answers read back, nothing said).

dropped_commits() compares what the -wal holds with what SQLite recovered from it: the
frame headers give the last commit frame of the -wal's current generation (its salts),
and the -shm's index header, written by the recovery, gives the frames kept (mxFrame).
Fewer frames kept than committed means committed frames were dropped, unless the frames
after the kept ones pass their checksums: then they are a commit another window is making
right now (its frames written and being synced, the -shm's header not moved on yet), not
damage, since SQLite stops only at a frame that fails. A window still writing is not
taken for damage either: its frames after the kept ones are not committed yet, a commit
made meanwhile moves mxFrame on too, and a restart of the -wal changes its salts (no
verdict then). Linux, macOS and Windows keep the -shm's index header in their byte
order as SQLite does; it is read in this machine's order.
"""

from __future__ import annotations

import os
import struct
import sys
from collections.abc import Callable
from pathlib import Path

from quizapp.core.store.errors import StoreNotice

_WAL_MAGICS = (0x377F0682, 0x377F0683)
_WAL_HEADER_BYTES = 32
_FRAME_HEADER_BYTES = 24
_SHM_VERSION = 3007000  # WALINDEX_MAX_VERSION


def _committed_frames(wal: Path) -> tuple[int, bytes] | None:
    """(frames up to the -wal's last commit frame of its current generation, its salts),
    from the frame headers alone; None when there is no such -wal."""
    try:
        with open(wal, "rb") as f:
            header = f.read(_WAL_HEADER_BYTES)
            if len(header) < _WAL_HEADER_BYTES:
                return None
            magic = int.from_bytes(header[0:4], "big")
            page_size = int.from_bytes(header[8:12], "big")
            if magic not in _WAL_MAGICS or page_size < 512 or page_size & (page_size - 1):
                return None
            salts = header[16:24]
            last_commit = frames = 0
            while True:
                frame = f.read(_FRAME_HEADER_BYTES)
                if len(frame) < _FRAME_HEADER_BYTES:
                    break
                frames += 1
                if frame[8:16] == salts and frame[4:8] != b"\0\0\0\0":
                    last_commit = frames  # its database size: a commit frame
                f.seek(page_size, os.SEEK_CUR)
    except OSError:
        return None
    return last_commit, salts


def _recovered_frames(shm: Path) -> tuple[int, bytes] | None:
    """(frames SQLite kept of the -wal, the salts it kept them under), from the -shm's
    index header; None when there is no index SQLite finished (or none at all)."""
    try:
        with open(shm, "rb") as f:
            header = f.read(48)
    except OSError:
        return None
    if len(header) < 48:
        return None
    version = int.from_bytes(header[0:4], sys.byteorder)
    if version != _SHM_VERSION or header[12] != 1:  # isInit
        return None
    return int.from_bytes(header[16:20], sys.byteorder), header[32:40]


def scan(path: Path) -> tuple[int, bytes] | None:
    """What the -wal beside the results file at path holds, read before anything opens it
    (see dropped_commits). The store calls it only when a -wal holding pages is there."""
    return _committed_frames(path.with_name(path.name + "-wal"))


def dropped_commits(path: Path, held: tuple[int, bytes] | None) -> bool:
    """Whether SQLite, having read the file since `scan` gave `held`, kept fewer of the
    -wal's frames than it held committed, and one of those it did not keep fails its
    checksum: the -wal is damaged before its last commit."""
    if held is None or held[0] == 0:
        return False
    kept = _recovered_frames(path.with_name(path.name + "-shm"))
    if kept is None or kept[1] != held[1]:
        return False  # no index to read, or the -wal began again meanwhile
    if kept[0] >= held[0]:
        return False
    # frames all sound: another window's commit under way, the -shm not moved on yet
    return not _frames_sound(path.with_name(path.name + "-wal"), kept[0], held[0], held[1])


def _frames_sound(wal: Path, after: int, upto: int, salts: bytes) -> bool:
    """Whether frames after+1 .. upto of the -wal (counted from 1) carry its salts and pass
    SQLite's checksums, chained from frame `after`'s (from the -wal header's for 0): what
    SQLite's own recovery would read of them."""
    try:
        with open(wal, "rb") as f:
            header = f.read(_WAL_HEADER_BYTES)
            page_size = int.from_bytes(header[8:12], "big")
            # the page's words are summed in the byte order the -wal's magic names
            words = struct.Struct((">" if header[3] & 1 else "<") + f"{(8 + page_size) // 4}I")
            frame_bytes = _FRAME_HEADER_BYTES + page_size
            if after == 0:
                sums = header[24:32]
            else:
                f.seek(_WAL_HEADER_BYTES + (after - 1) * frame_bytes)
                sums = f.read(_FRAME_HEADER_BYTES)[16:24]
            s0, s1 = int.from_bytes(sums[:4], "big"), int.from_bytes(sums[4:], "big")
            f.seek(_WAL_HEADER_BYTES + after * frame_bytes)
            for _ in range(after, upto):
                frame = f.read(frame_bytes)
                if len(frame) < frame_bytes or frame[8:16] != salts:
                    return False
                summed = words.unpack(frame[:8] + frame[_FRAME_HEADER_BYTES:])
                for i in range(0, len(summed), 2):
                    s0 = (s0 + summed[i] + s1) & 0xFFFFFFFF
                    s1 = (s1 + summed[i + 1] + s0) & 0xFFFFFFFF
                if frame[16:24] != s0.to_bytes(4, "big") + s1.to_bytes(4, "big"):
                    return False
    except OSError:
        return False
    return True


def keep_copy(path: Path, target: Path) -> Path:
    """Copy the -wal beside path to target (untouched, before a checkpoint overwrites
    what SQLite could not read of it)."""
    import shutil  # (7 ms to import: only on this rare path)

    shutil.copyfile(path.with_name(path.name + "-wal"), target)
    return target


def notice_if_dropped(
    path: Path, held: tuple[int, bytes] | None, aside: Callable[[], Path]
) -> StoreNotice | None:
    """When SQLite dropped committed frames of the -wal (dropped_commits): a copy of the
    -wal kept at aside() + "-wal", and what to tell the learner; else None."""
    if not dropped_commits(path, held):
        return None
    copy = aside()
    copy = copy.with_name(copy.name + "-wal")
    try:
        keep_copy(path, copy)
        kept = f"A copy of the journal, untouched, was kept as {copy.name} in {path.parent}."
    except OSError as exc:
        kept = f"A copy of the journal could not be kept ({exc.strerror or exc})."
    return StoreNotice(
        title="Some of your newest answers could not be read",
        text=(
            f"The journal of your results file ({path.name}-wal), which held your newest "
            "answers when quizapp last stopped, was damaged. quizapp kept everything up to "
            "the damage; what was saved after it could not be read and is not in the app. "
            f"{kept} Your other answers are all there."
        ),
        details=f"Frames committed in the journal: {held[0] if held else 0}; read back: fewer.",
    )
