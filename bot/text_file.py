"""Input files given on the command line: UTF-8 text, read whole, with errors that name the
file and, for bad bytes, the line."""

from __future__ import annotations

from pathlib import Path


class InputFileError(Exception):
    """An input file that cannot be used at all: missing, unreadable, or not UTF-8 text."""


def read_text_file(path: str | Path) -> list[str]:
    """The lines of a UTF-8 text file, with their line ends; InputFileError names the file and
    what is wrong."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputFileError(
            f"{path}:{line}: not UTF-8 text ({exc.reason} at byte {exc.start}); "
            "is this a binary file?"
        ) from None
    return text.splitlines(keepends=True)
