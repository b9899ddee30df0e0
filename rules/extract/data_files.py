"""The word lists shipped beside the grammars: one entry a line, '#' lines are comments."""

from __future__ import annotations

from pathlib import Path


def data_lines(name: str) -> list[str]:
    """The lines of the data file `name` next to this module, stripped, without blank and
    comment lines."""
    text = Path(__file__).with_name(name).read_text(encoding="utf-8")
    return [line for line in map(str.strip, text.splitlines()) if line and line[0] != "#"]


def word_sections(name: str) -> dict[str, tuple[str, ...]]:
    """A data file's "[section]" word lists, '#' lines left out."""
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in data_lines(name):
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        else:
            current.append(line)
    return {section: tuple(words) for section, words in sections.items()}
