"""The config file as written: YAML with line numbers, ${ENV} interpolation, duplicate keys,
and problems phrased as 'file:line: key.path: what is wrong and how to fix it'."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from rules.registry import RULE_TYPES

_ENV_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")
_LINE = re.compile(r"^.*?:(\d+): ")

Loc = tuple[Any, ...]


class ConfigError(Exception):
    """Every problem found in one config file, each as 'file:line: key.path: message'."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class _UniqueKeyLoader(yaml.SafeLoader):
    """A SafeLoader that refuses a key written twice (PyYAML would keep the last silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        first_line: dict[Any, int] = {}
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in first_line:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"key {key!r} appears twice (first on line {first_line[key]}); keep one",
                    key_node.start_mark,
                )
            first_line[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


@dataclass(slots=True)
class ConfigSource:
    """A parsed, interpolated config file and where each key stands in it."""

    path: Path
    data: dict[str, Any]
    lines: dict[Loc, int]

    def at(self, loc: Loc, message: str) -> str:
        return _at(self.path, self.lines, loc, message)

    def describe(self, error: Any, root: type[BaseModel]) -> str:
        """One pydantic error, phrased for the person who wrote the file."""
        return _describe(error, self.path, self.lines, self.data, root)


def read_config_file(path: Path, environ: dict[str, str]) -> ConfigSource:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError([f"{path}: cannot read the config file: {exc.strerror or exc}"]) from None
    except UnicodeDecodeError as exc:
        raise ConfigError([f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})"]) from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise ConfigError([f"{path}:{line}: invalid YAML: {exc.problem or exc.context}"]) from None
    except yaml.YAMLError as exc:
        raise ConfigError([f"{path}: invalid YAML: {exc}"]) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(
            [f"{path}:1: the top level must be a mapping of keys such as watchlist: and rules:"]
        )
    lines = _line_index(root)
    problems: list[str] = []
    data = _interpolate(data, (), environ, problems, path, lines)
    if problems:
        raise ConfigError(problems)
    return ConfigSource(path, data, lines)


def by_line(problems: list[str]) -> list[str]:
    """Problems in file order; those without a line (none so far) first, each group stable."""

    def line(problem: str) -> int:
        match = _LINE.match(problem)
        return int(match.group(1)) if match else 0

    return sorted(problems, key=line)


def _interpolate(
    value: Any,
    loc: tuple[Any, ...],
    environ: dict[str, str],
    problems: list[str],
    path: Path,
    lines: dict[tuple[Any, ...], int],
) -> Any:
    if isinstance(value, dict):
        return {
            k: _interpolate(v, (*loc, k), environ, problems, path, lines) for k, v in value.items()
        }
    if isinstance(value, list):
        return [
            _interpolate(v, (*loc, i), environ, problems, path, lines) for i, v in enumerate(value)
        ]
    if not isinstance(value, str) or "${" not in value:
        return value

    def substitute(match: re.Match[str]) -> str:
        name, default = match.group(1), match.group(2)
        if name in environ and environ[name] != "":
            return environ[name]
        if default is not None:
            return default
        problems.append(
            _at(
                path,
                lines,
                loc,
                f"environment variable {name} is not set; set it or write ${{{name}:-default}}",
            )
        )
        return ""

    return _ENV_REFERENCE.sub(substitute, value)


def _line_index(root: yaml.Node | None) -> dict[tuple[Any, ...], int]:
    """Map each key path, e.g. ('rules', 0, 'low'), to its 1-based line in the file."""
    lines: dict[tuple[Any, ...], int] = {}

    def walk(node: yaml.Node, loc: tuple[Any, ...]) -> None:
        lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = key_node.value
                lines[(*loc, key)] = key_node.start_mark.line + 1
                walk(value_node, (*loc, key))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*loc, index))

    if root is not None:
        walk(root, ())
    return lines


def _at(path: Path, lines: dict[tuple[Any, ...], int], loc: tuple[Any, ...], message: str) -> str:
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return f"{path}:{lines[loc[:end]]}: {_dotted(loc)}: {message}"
    return f"{path}: {_dotted(loc)}: {message}"


def _dotted(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def _yaml_loc(loc: tuple[Any, ...], data: Any) -> tuple[Any, ...]:
    """Drop pydantic's union tags (e.g. 'price_band') and validator names that are not YAML keys."""
    kept: list[Any] = []
    node = data
    for part in loc:
        in_mapping = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and part < len(node)
        if in_mapping or in_list:
            node = node[part]
            kept.append(part)
        elif (
            isinstance(node, dict)
            and isinstance(part, str)
            and part not in RULE_TYPES
            and "[" not in part
        ):
            kept.append(part)  # a missing or unknown key: still worth naming
            node = None
    return tuple(kept)


def _describe(
    error: Any, path: Path, lines: dict[Loc, int], data: Any, root: type[BaseModel]
) -> str:
    loc = _yaml_loc(tuple(error["loc"]), data)
    kind = error["type"]
    message = error["msg"].removeprefix("Value error, ")
    if kind == "extra_forbidden":
        parent = _model_keys(tuple(error["loc"])[:-1], root)
        key = str(loc[-1]) if loc else ""
        hint = difflib.get_close_matches(key, parent, n=1)
        message = f"unknown key {key!r}"
        if hint:
            message += f"; did you mean {hint[0]!r}?"
        elif parent:
            message += f"; allowed here: {', '.join(parent)}"
    elif kind == "missing":
        message = "required key is missing; add it"
    elif kind == "union_tag_invalid":
        known = ", ".join(sorted(RULE_TYPES))
        message = f"unknown rule type {error['input'].get('type')!r}; known types: {known}"
        loc = (*loc, "type")
    elif kind == "union_tag_not_found":
        message = f"every rule needs a type; known types: {', '.join(sorted(RULE_TYPES))}"
    return _at(path, lines, loc, message)


def _model_keys(loc: Loc, root: type[BaseModel]) -> list[str]:
    """The keys the model at pydantic location `loc` accepts, for 'did you mean' hints."""
    model: Any = root
    for part in loc:
        if isinstance(part, str) and part in RULE_TYPES:
            model = RULE_TYPES[part].Options
        elif isinstance(part, str) and isinstance(model, type) and issubclass(model, BaseModel):
            field = model.model_fields.get(part)
            model = _model_in(field.annotation) if field else None
    if isinstance(model, type) and issubclass(model, BaseModel):
        return [name for name in model.model_fields if name != "type"]
    return []


def _model_in(annotation: Any) -> Any:
    """The BaseModel inside list[X], dict[str, X] or X | None; the annotation otherwise."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _model_in(argument)
        if isinstance(found, type) and issubclass(found, BaseModel):
            return found
    return annotation
