"""Why a file could not be written (or read again), in a teacher's or learner's words, by the
system's error number. The system's own text ("[Errno 28] No space left on device:
'/home/…/.quizapp-save-4711-….tmp'") names a temporary file nobody asked for and says
nothing a teacher can act on."""

from __future__ import annotations

import errno

_FULL = "the disk is full. Free some space, or choose another disk, and {again}."
_READ_ONLY = "the folder cannot be written to. Choose another folder."
_BAD_CHARACTER = ("the disk does not allow a character of its name (such as : ? * or \"). "
                  "Choose another name.")
_NOT_A_FOLDER = "a part of its folder's path is a file, not a folder. Choose another folder."
_WHY_NOT_WRITTEN = {
    errno.ENOSPC: _FULL,
    errno.EDQUOT: _FULL,
    errno.EFBIG: "the file would be larger than the disk allows. Choose another disk.",
    errno.EROFS: _READ_ONLY,
    errno.EACCES: _READ_ONLY,
    errno.EPERM: _READ_ONLY,
    errno.ENAMETOOLONG: "the name is too long. Choose a shorter name.",
    errno.EINVAL: _BAD_CHARACTER,
    errno.EILSEQ: _BAD_CHARACTER,
    errno.ENOTDIR: _NOT_A_FOLDER,
    # (what making its folder says when a file has the folder's name)
    errno.EEXIST: _NOT_A_FOLDER,
    errno.ENOENT: "its folder is gone (a disk taken out?). Choose another folder.",
}


def because(code: int | None, error: str, again: str) -> str:
    """The end of "… could not be written because …": why, from the system's error number
    `code` (its text `error` when the number says nothing more), and what to do; `again`
    names the step to take once there is room ("export again", "save again")."""
    why = _WHY_NOT_WRITTEN.get(code) if code is not None else None
    return why.format(again=again) if why else f"of an error on the disk ({error})."


def not_written(path: object, exc: OSError, again: str) -> str:
    """"PATH could not be written because …" for the OSError `exc` met writing it."""
    return f"{path} could not be written because {because(exc.errno, exc.strerror or str(exc), again)}"


_WHY_NOT_READ_AGAIN = {
    errno.ENOENT: "it was deleted or moved since it was chosen. Choose it again.",
    errno.EACCES: "you may no longer read it (its permissions changed?). Check the file, "
                  "and import again.",
    errno.EIO: "of an error on its disk (a disk taken out?). Check the disk, and import again.",
}
_WHY_NOT_READ_AGAIN[errno.EPERM] = _WHY_NOT_READ_AGAIN[errno.EACCES]


def not_read_again(path: object, exc: OSError) -> str:
    """"PATH could not be read again because …": a file read once (File > Import's source)
    that the system refused the second time, for the OSError `exc`."""
    why = _WHY_NOT_READ_AGAIN.get(exc.errno) if exc.errno is not None else None
    return f"{path} could not be read again because {why or f'of an error on the disk ({exc.strerror or exc}).'}"
