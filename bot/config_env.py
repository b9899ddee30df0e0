"""`${VAR}` and `${VAR:-default}` in config values, with one exact grammar.

In a value that contains `${`:

- `${NAME}` is the variable's value; unset or empty is an error.
- `${NAME:-DEFAULT}` is the value, or DEFAULT when the variable is unset or empty. DEFAULT runs
  to the `}` that closes it: braces inside it must pair up (`${X:-{a}}` gives `{a}`), and it
  may hold references itself (`${X:-${Y}}`).
- `\\{`, `\\}`, `\\$` and `\\\\` stand for the character itself, also inside a default;
  `$${` is a literal `${` (its `}` is literal too).
- Anything else is an error: a `${` without a name, a name followed by something other than `}`
  or `:-`, an unclosed reference, and a `}` that closes nothing (`${X:-a}}`).

A variable's value is used as it is, never expanded again. Values without `${` are not touched,
so regular expressions keep their backslashes and braces.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ESCAPABLE = "{}$\\"
MAX_NESTING = 5
_SHOWN_MAX = 60
HINT = "write ${NAME} or ${NAME:-default}, and $${ for a literal ${"


class EnvSyntaxError(ValueError):
    pass


def expand(text: str, environ: Mapping[str, str]) -> tuple[str, list[str]]:
    """`text` with its references replaced, and the names of required variables that are unset
    (their references become empty). EnvSyntaxError when `text` breaks the grammar."""
    if "${" not in text:
        return text, []
    missing: list[str] = []
    value, end = _scan(text, 0, environ, missing, nesting=0)
    if end < len(text):  # only a `}` that closes nothing stops the top level early
        raise EnvSyntaxError(
            f"a '}}' closes nothing at {_shown(text[: end + 1])}; "
            "a default ends at its first unpaired '}', write \\} for a literal '}'"
        )
    return value, missing


def _shown(text: str) -> str:
    return repr(text if len(text) <= _SHOWN_MAX else f"...{text[-_SHOWN_MAX:]}")


def _scan(
    text: str, start: int, environ: Mapping[str, str], missing: list[str], *, nesting: int
) -> tuple[str, int]:
    """Read from `start` up to an unpaired `}` (returned position) or the end of `text`."""
    out: list[str] = []
    depth, index = 0, start
    while index < len(text):
        character = text[index]
        if character == "\\" and index + 1 < len(text) and text[index + 1] in _ESCAPABLE:
            out.append(text[index + 1])
            index += 2
        elif text.startswith("$${", index):
            out.append("${")
            depth += 1  # its `}` is literal too
            index += 3
        elif text.startswith("${", index):
            value, index = _reference(text, index, environ, missing, nesting=nesting + 1)
            out.append(value)
        elif character == "{":
            depth += 1
            out.append(character)
            index += 1
        elif character == "}":
            if depth == 0:
                return "".join(out), index
            depth -= 1
            out.append(character)
            index += 1
        else:
            out.append(character)
            index += 1
    return "".join(out), index


def _reference(
    text: str, start: int, environ: Mapping[str, str], missing: list[str], *, nesting: int
) -> tuple[str, int]:
    """The value of the reference at `start` (which holds `${`) and the position after it."""
    if nesting > MAX_NESTING:
        raise EnvSyntaxError(f"references nest more than {MAX_NESTING} deep")
    name_match = _NAME.match(text, start + 2)
    if name_match is None:
        raise EnvSyntaxError(f"'${{' is not followed by a variable name in {_shown(text)}; {HINT}")
    name, index = name_match.group(0), name_match.end()
    if text.startswith("}", index):
        default: str | None = None
        end = index
    elif text.startswith(":-", index):
        default_missing: list[str] = []
        default, end = _scan(text, index + 2, environ, default_missing, nesting=nesting)
        if end >= len(text):
            raise EnvSyntaxError(f"${{{name}:-... is not closed with '}}'; {HINT}")
        if not environ.get(name):
            missing.extend(default_missing)
    else:
        raise EnvSyntaxError(f"${{{name} must be followed by '}}' or ':-default}}'; {HINT}")
    found = environ.get(name)
    if found:
        return found, end + 1
    if default is None:
        missing.append(name)
        return "", end + 1
    return default, end + 1
