"""Split a message into parts Telegram accepts (<= 4096 UTF-16 units of visible text each).

Parts break at a line end when one is near, else at a space, else anywhere between characters;
never inside an HTML tag or an entity. Tags open at a break are closed at the end of the part
and opened again at the start of the next one, so every part is valid HTML on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

TELEGRAM_LIMIT = 4096

_HTML_ATOMS = re.compile(r"<[^<>]*>|&#?\w+;|\n|[^\S\n]+|[^\s<&]+|[<&]")
_PLAIN_ATOMS = re.compile(r"\n|[^\S\n]+|\S+")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z][\w-]*)")


def utf16_len(text: str) -> int:
    """Telegram counts message length in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


@dataclass(slots=True)
class _Atom:
    text: str
    size: int
    kind: str  # "open", "close", "newline", "space", "text"
    name: str = ""


def _atoms(text: str, *, html: bool, longest: int) -> list[_Atom]:
    found: list[_Atom] = []
    for match in (_HTML_ATOMS if html else _PLAIN_ATOMS).finditer(text):
        piece = match.group()
        if html and piece.startswith("<") and len(piece) > 1:
            name_match = _TAG_NAME.match(piece)
            name = name_match.group(1).lower() if name_match else ""
            kind = "close" if piece.startswith("</") else "open"
            found.append(_Atom(piece, 0, kind, name))  # tags take no room in what is shown
        elif piece == "\n":
            found.append(_Atom(piece, 1, "newline"))
        elif html and piece.startswith("&") and len(piece) > 1:
            found.append(_Atom(piece, utf16_len(unescape(piece)), "text"))
        elif piece.isspace():
            found.append(_Atom(piece, utf16_len(piece), "space"))
        else:
            # A word longer than a part can hold is cut between characters.
            for start in range(0, len(piece), longest):
                chunk = piece[start : start + longest]
                found.append(_Atom(chunk, utf16_len(chunk), "text"))
    return found


def visible_len(text: str, *, html: bool = True) -> int:
    """The length Telegram checks: of the text a client shows."""
    return sum(atom.size for atom in _atoms(text, html=html, longest=len(text) or 1))


def _closers(stack: list[_Atom]) -> str:
    return "".join(f"</{atom.name}>" for atom in reversed(stack))


def split_message(text: str, limit: int = TELEGRAM_LIMIT, *, html: bool = True) -> list[str]:
    """Parts of at most `limit` UTF-16 units; one part when `text` fits already."""
    if utf16_len(text) <= limit or visible_len(text, html=html) <= limit:
        return [text]
    atoms = _atoms(text, html=html, longest=max(1, min(64, limit // 4)))
    parts: list[str] = []
    stack: list[_Atom] = []  # tags open at the start of the current part
    index = 0
    while index < len(atoms):
        end, stack_at_end = _part_end(atoms, index, stack, limit)
        body = "".join(atom.text for atom in stack) + "".join(
            atom.text for atom in atoms[index:end]
        )
        body += _closers(stack_at_end)
        if body.strip() and not _only_tags(atoms[index:end]):
            parts.append(body.strip("\n "))
        index = end
        while index < len(atoms) and atoms[index].kind in ("newline", "space"):
            index += 1
        stack = stack_at_end
    return parts or [text[:limit]]


def _only_tags(atoms: list[_Atom]) -> bool:
    return all(atom.kind in ("open", "close", "newline", "space") for atom in atoms)


def _part_end(
    atoms: list[_Atom], start: int, opened: list[_Atom], limit: int
) -> tuple[int, list[_Atom]]:
    """Where the part starting at `start` ends, and the tags still open there."""
    stack = list(opened)
    size = 0
    best_line: tuple[int, list[_Atom]] | None = None
    best_space: tuple[int, list[_Atom]] | None = None
    index = start
    while index < len(atoms):
        atom = atoms[index]
        next_stack = _after(stack, atom)
        if size + atom.size > limit and index > start:
            break
        size += atom.size
        stack = next_stack
        index += 1
        if atom.kind == "newline":
            best_line = (index - 1, list(stack))
        elif atom.kind == "space":
            best_space = (index - 1, list(stack))
    else:
        return index, stack
    # Prefer a line end in the second half of the part, then any space, then the hard cut.
    if best_line is not None and best_line[0] - start > (index - start) // 2:
        return best_line
    if best_space is not None:
        return best_space
    if best_line is not None:
        return best_line
    return index, stack


def _after(stack: list[_Atom], atom: _Atom) -> list[_Atom]:
    if atom.kind == "open":
        return [*stack, atom]
    if atom.kind == "close":
        for position in range(len(stack) - 1, -1, -1):
            if stack[position].name == atom.name:
                return stack[:position] + stack[position + 1 :]
    return stack
