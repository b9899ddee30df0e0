"""The config file as written: YAML with line numbers, ${ENV} interpolation, duplicate keys,
and problems phrased as 'file:line: key.path: what is wrong and how to fix it'."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from bot.config_env import EnvSyntaxError, expand
from bot.sources.providers import PROVIDERS
from rules.registry import RULE_TYPES

_LINE = re.compile(r"^.*?:(\d+): ")
MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 20  # the config's own structure is 5 levels deep
MAX_NUMBER_CHARS = 40
MAX_VALUES = 100_000  # after aliases are expanded; a shipped config holds a few hundred
_TOO_MANY = (
    f"aliases (*name) expand this to over {MAX_VALUES} values; write it out, or with fewer aliases"
)
_STR_TAG = "tag:yaml.org,2002:str"
_NUMBER_TAGS = {"tag:yaml.org,2002:int": "a number", "tag:yaml.org,2002:float": "a number"}
_TAG_KINDS = {
    **_NUMBER_TAGS,
    "tag:yaml.org,2002:bool": "true/false",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "a date",
}

Loc = tuple[Any, ...]


class ConfigError(Exception):
    """Every problem found in one config file, each as 'file:line: key.path: message'."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class _UniqueKeys:
    """Refuses a key written twice (PyYAML would keep the last silently)."""

    construct_object: Any

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
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc]


class _UniqueKeyLoader(_UniqueKeys, yaml.SafeLoader):
    pass


# libyaml's parser, when PyYAML was built with it, reads a config of 10,000 feeds in a tenth of
# the pure-Python parser's time and gives the same nodes and marks; its error messages are
# terser, so a file it refuses is read again by the pure-Python parser for the message.
_FAST: tuple[type[Any], ...] = ()
if hasattr(yaml, "CSafeLoader"):

    class _FastUniqueKeyLoader(_UniqueKeys, yaml.CSafeLoader):
        pass

    _FAST = (_FastUniqueKeyLoader,)


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
    text = _read_text(path)
    for loader_class in _FAST:
        try:
            return _parse(path, text, environ, loader_class)
        except yaml.YAMLError:
            break
    return _parse(path, text, environ, _UniqueKeyLoader)


def _parse(path: Path, text: str, environ: dict[str, str], loader_class: type[Any]) -> ConfigSource:
    try:
        aliases, values = _refuse_deep_nesting(path, text, loader_class)
        loader = loader_class(text)
        try:
            root = loader.get_single_node()
            # Without aliases every value is written out once and nesting was measured above:
            # only a file with aliases or very many values needs its expansion measured.
            if aliases or values > MAX_VALUES:
                _refuse_alias_bombs(path, root)
            key_problems = [_at(path, {}, loc, message, line) for loc, line, message in _keys(root)]
            if key_problems:
                raise ConfigError(key_problems)
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        if loader_class in _FAST:
            raise
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise ConfigError([f"{path}:{line}: invalid YAML: {exc.problem or exc.context}"]) from None
    except yaml.YAMLError as exc:
        if loader_class in _FAST:
            raise
        raise ConfigError([f"{path}: invalid YAML: {exc}"]) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(
            [f"{path}:1: the top level must be a mapping of keys such as watchlist: and rules:"]
        )
    lines = _line_index(root)
    problems: list[str] = []
    # A walk over every value: only for a file that can hold a ${ at all (written out, or made
    # by a backslash escape).
    if "$" in text or "\\" in text:
        data = _interpolate(data, (), environ, problems, path, lines)
    if problems:
        raise ConfigError(problems)
    return ConfigSource(path, data, lines)


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ConfigError(
                [f"{path}: the config file has {size} bytes; at most {MAX_FILE_BYTES} are read"]
            )
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError([f"{path}: cannot read the config file: {exc.strerror or exc}"]) from None
    except UnicodeDecodeError as exc:
        raise ConfigError([f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})"]) from None


@dataclass(slots=True)
class _Frame:
    """A mapping or sequence open in the event stream, and where in it the parser stands."""

    is_mapping: bool
    key: Any = None
    index: int = 0
    want_key: bool = True

    @property
    def part(self) -> Any:
        return self.key if self.is_mapping else self.index

    def advance(self) -> None:
        if self.is_mapping:
            self.want_key = not self.want_key
        else:
            self.index += 1


_OPENS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSES = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _refuse_deep_nesting(path: Path, text: str, loader_class: type[Any]) -> tuple[int, int]:
    """Before anything is composed: the YAML composer recurses once per level, so deep nesting
    would exhaust the recursion limit. Returns the number of aliases and of values written.

    A config of ten thousand feeds is eighty thousand events: they are only counted here, and
    read again for where the nesting goes too deep only when it does."""
    aliases = values = depth = 0
    mapping_start, sequence_start = _OPENS
    mapping_end, sequence_end = _CLOSES
    for event in yaml.parse(text, Loader=loader_class):
        kind = type(event)
        if kind is yaml.ScalarEvent:
            values += 1
        elif kind is mapping_start or kind is sequence_start:
            values += 1
            depth += 1
            if depth > MAX_DEPTH:
                return _refuse_deep_nesting_at(path, text, loader_class)
        elif kind is mapping_end or kind is sequence_end:
            depth -= 1
        elif kind is yaml.AliasEvent:
            values += 1
            aliases += 1
    return aliases, values


def _refuse_deep_nesting_at(path: Path, text: str, loader_class: type[Any]) -> tuple[int, int]:
    """_refuse_deep_nesting, keeping the key path of every level to name where it goes wrong."""
    stack: list[_Frame] = []
    aliases = values = 0
    for event in yaml.parse(text, Loader=loader_class):
        if not isinstance(event, yaml.NodeEvent | yaml.CollectionEndEvent):
            continue
        if isinstance(event, yaml.NodeEvent):
            values += 1
            aliases += isinstance(event, yaml.AliasEvent)
        is_key = bool(stack) and stack[-1].is_mapping and stack[-1].want_key
        if isinstance(event, yaml.CollectionStartEvent):
            if len(stack) >= MAX_DEPTH:
                # A key's own frame part is still the previous key; it stands in its mapping.
                loc = tuple(frame.part for frame in stack)[: -1 if is_key else None]
                line = event.start_mark.line + 1 if event.start_mark else 0
                message = f"nested more than {MAX_DEPTH} levels deep"
                raise ConfigError([_at(path, {}, loc, message, line)])
            stack.append(_Frame(is_mapping=isinstance(event, yaml.MappingStartEvent)))
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            stack.pop()
        elif is_key and isinstance(event, yaml.ScalarEvent):
            stack[-1].key = event.value
        if stack:
            stack[-1].advance()
    return aliases, values


def _refuse_alias_bombs(path: Path, root: yaml.Node | None) -> None:
    """An alias (*name) repeats its anchor's value without copying it in the file, so a few
    lines can stand for billions of values ('billion laughs'), or for a value that contains
    itself. Measured on the composed nodes, each shared node once, before anything is built."""
    measured: dict[int, tuple[int, int]] = {}  # id(node) -> (values, depth) once expanded
    open_nodes: set[int] = set()

    def refuse(node: yaml.Node, loc: Loc, message: str) -> ConfigError:
        return ConfigError([_at(path, {}, loc, message, node.start_mark.line + 1)])

    def measure(node: yaml.Node, loc: Loc, level: int) -> tuple[int, int]:
        if level > MAX_DEPTH + 1:
            raise refuse(node, loc, f"aliases (*name) nest this over {MAX_DEPTH} levels deep")
        key = id(node)
        if key in open_nodes:
            raise refuse(node, loc, "an alias (*name) refers to a value that contains it")
        if key not in measured:
            open_nodes.add(key)
            values, depth = 1, 1
            for part, child in _children(node):
                child_values, child_depth = measure(child, (*loc, part), level + 1)
                values, depth = values + child_values, max(depth, child_depth + 1)
                if values > MAX_VALUES:
                    raise refuse(node, loc, _TOO_MANY)
            open_nodes.discard(key)
            measured[key] = values, depth
        values, depth = measured[key]
        if level + depth - 2 > MAX_DEPTH:  # a scalar below MAX_DEPTH collections is fine
            raise refuse(node, loc, f"aliases (*name) nest this over {MAX_DEPTH} levels deep")
        return values, depth

    if root is not None:
        measure(root, (), 1)


def _children(node: yaml.Node) -> Iterator[tuple[Any, yaml.Node]]:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            part = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
            yield part, key_node
            yield part, value_node
    elif isinstance(node, yaml.SequenceNode):
        yield from enumerate(node.value)


def _keys(root: yaml.Node | None) -> Iterator[tuple[Loc, int, str]]:
    """Keys that are not text (a list, a number, true, a date) and numbers too long to be
    meant, each with where it stands; before construction, where they would raise."""
    if root is None:
        return

    def walk(node: yaml.Node, loc: Loc) -> Iterator[tuple[Loc, int, str]]:
        line = node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode):
            if node.tag in _NUMBER_TAGS and len(node.value) > MAX_NUMBER_CHARS:
                yield loc, line, f"a number of {len(node.value)} characters is not accepted"
        elif isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key_line = key_node.start_mark.line + 1
                if not isinstance(key_node, yaml.ScalarNode):
                    yield loc, key_line, "a key must be text, not a list or mapping"
                    continue
                if key_node.tag != _STR_TAG:
                    kind = _TAG_KINDS.get(key_node.tag, "not text")
                    yield (
                        loc,
                        key_line,
                        f"key {key_node.value[:40]!r} is read as {kind}, not text; "
                        f"put it in quotes: '{key_node.value[:40]}'",
                    )
                    continue
                yield from walk(value_node, (*loc, key_node.value))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                yield from walk(item, (*loc, index))

    yield from walk(root, ())


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
    try:
        expanded, missing = expand(value, environ)
    except EnvSyntaxError as exc:
        problems.append(_at(path, lines, loc, str(exc)))
        return value
    for name in missing:
        problems.append(
            _at(
                path,
                lines,
                loc,
                f"environment variable {name} is not set; set it or write ${{{name}:-default}}",
            )
        )
    return expanded


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


def _at(
    path: Path,
    lines: dict[tuple[Any, ...], int],
    loc: tuple[Any, ...],
    message: str,
    line: int | None = None,
) -> str:
    if line is not None:
        return f"{path}:{line}: {_dotted(loc)}: {message}"
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
    """Drop pydantic's union tags (e.g. 'price_band', 'stooq') and validator names that are not
    YAML keys."""
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
            and part not in PROVIDERS
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
        needed = _required_options(tuple(error["loc"]))
        if needed:
            message += f" with {', '.join(needed)}"
    elif kind == "finite_number":
        message = "must be a finite number, not .inf or .nan"
    elif kind in _EXPECTED:
        message = f"must be {_EXPECTED[kind]}, not {_shown(error.get('input'))}"
        if kind == "string_type" and isinstance(error.get("input"), int | float):
            message += "; put it in quotes"
    elif message.startswith("Input should be "):
        # pydantic's own wording for the other checks of a value (ranges, choices), made to
        # read like the messages above and to show what was written.
        message = f"must be {message.removeprefix('Input should be ')}"
        message += f", not {_shown(error.get('input'))}"
    elif kind == "union_tag_invalid" and _by_provider(error):
        known = ", ".join(sorted(PROVIDERS))
        message = f"unknown price provider {error['input'].get('provider')!r}; known: {known}"
        loc = (*loc, "provider")
    elif kind == "union_tag_not_found" and _by_provider(error):
        message = f"every price source needs a provider; known: {', '.join(sorted(PROVIDERS))}"
    elif kind == "union_tag_invalid":
        known = ", ".join(sorted(RULE_TYPES))
        message = f"unknown rule type {error['input'].get('type')!r}; known types: {known}"
        loc = (*loc, "type")
    elif kind == "union_tag_not_found":
        message = f"every rule needs a type; known types: {', '.join(sorted(RULE_TYPES))}"
    return _at(path, lines, loc, message)


# What a value of the wrong kind should have been, by pydantic's error type.
_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "dict_type": "a mapping of keys to values (key: value)",
    "list_type": "a list (- item lines or [a, b])",
}


def _shown(value: Any) -> str:
    """A wrong value as the YAML author would recognise it."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if value is None:
        return "empty"
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:37]}..."


def _required_options(loc: Loc) -> list[str]:
    """The keys a price provider's `options:` must hold, when `loc` is that missing key."""
    if len(loc) < 2 or loc[-1] != "options" or loc[-2] not in PROVIDERS:
        return []
    fields = PROVIDERS[loc[-2]].Options.model_fields
    return [name for name, field in fields.items() if field.is_required()]


def _by_provider(error: Any) -> bool:
    return "provider" in str((error.get("ctx") or {}).get("discriminator", ""))


def _model_keys(loc: Loc, root: type[BaseModel]) -> list[str]:
    """The keys the model at pydantic location `loc` accepts, for 'did you mean' hints."""
    model: Any = root
    provider: Any = None  # price sources share their keys but for each provider's options
    for part in loc:
        if isinstance(part, str) and part in RULE_TYPES:
            model = RULE_TYPES[part].Options
        elif isinstance(part, str) and part in PROVIDERS:
            provider = PROVIDERS[part]
        elif part == "options" and provider is not None:
            model = provider.Options
        elif isinstance(part, str) and isinstance(model, type) and issubclass(model, BaseModel):
            field = model.model_fields.get(part)
            model = _model_in(field.annotation) if field else None
    if isinstance(model, type) and issubclass(model, BaseModel):
        return [name for name in model.model_fields if name not in ("type", "provider")]
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
