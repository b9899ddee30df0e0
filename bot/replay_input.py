"""Replay input: items as JSON Lines, quotes as CSV time,symbol,price; errors name file and line."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

from bot.models import NewsItem, Quote, positive_price
from bot.sources.language import language_code
from bot.text_file import InputFileError, read_text_file

ITEM_KEYS = {"id", "source", "title", "summary", "link", "published", "lang"}
QUOTE_COLUMNS = ("time", "symbol", "price")
LANGUAGES = ("en", "de")
T = TypeVar("T")
MAX_PROBLEMS = 20  # enough to fix a file in one go without flooding the terminal


class ReplayInputError(ValueError):
    """Every problem found in the replay input (up to MAX_PROBLEMS), one 'file:line: ...' each."""

    def __init__(self, problems: str | list[str]) -> None:
        self.problems = [problems] if isinstance(problems, str) else problems
        super().__init__("\n".join(self.problems))


class _Problems:
    """Collects one problem per bad line, so a file is reported whole rather than line by line."""

    def __init__(self) -> None:
        self.found: list[str] = []
        self.more = 0

    def add(self, error: ReplayInputError) -> None:
        for problem in error.problems:
            if len(self.found) < MAX_PROBLEMS:
                self.found.append(problem)
            else:
                self.more += 1

    def raise_any(self) -> None:
        if self.more:
            self.found.append(f"... and {self.more} more problem(s)")
        if self.found:
            raise ReplayInputError(self.found)


@dataclass(frozen=True, slots=True)
class Event:
    time: datetime
    kind: Literal["item", "quote"]
    value: NewsItem | Quote


def _time(text: Any, where: str, key: str) -> datetime:
    try:
        moment = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        raise ReplayInputError(
            f"{where}: {key}: {text!r} is not an ISO 8601 time (e.g. 2026-03-02T14:30:00Z)"
        ) from None
    if moment.tzinfo is None:
        raise ReplayInputError(f"{where}: {key}: {text!r} has no time zone; add Z or +01:00")
    return moment.astimezone(UTC)


def _item(data: Any, where: str) -> NewsItem:
    if not isinstance(data, dict):
        raise ReplayInputError(f"{where}: expected a JSON object")
    unknown = set(data) - ITEM_KEYS
    if unknown:
        raise ReplayInputError(
            f"{where}: unknown key(s) {', '.join(sorted(unknown))}; "
            f"allowed: {', '.join(sorted(ITEM_KEYS))}"
        )
    for key in ("id", "title", "published"):
        if not data.get(key):
            raise ReplayInputError(f"{where}: {key} is missing")
    lang = language_code(str(data.get("lang") or "en"))
    if lang is None:
        raise ReplayInputError(
            f"{where}: lang {str(data['lang'])[:40]!r} is not a language code; write one like "
            "en, de, fr or pt-BR"
        )
    return NewsItem(
        id=str(data["id"]),
        source=str(data.get("source") or "replay"),
        title=str(data["title"]),
        summary=str(data.get("summary") or ""),
        link=str(data.get("link") or ""),
        published=_time(data["published"], where, "published"),
        lang=lang,
    )


@dataclass(frozen=True, slots=True)
class Chat:
    """A subscriber of a replay: its language, the symbols it watches, the rules it follows."""

    id: int
    lang: str
    watch: tuple[str, ...]
    follow: tuple[str, ...] = ()


CHAT_KEYS = {"id", "lang", "watch", "follow"}


def _names(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(name, str) and name for name in value):
        raise ReplayInputError(f"{where}: {key} must be a list of names")
    return tuple(value)


def _chat(data: Any, where: str) -> Chat:
    if not isinstance(data, dict):
        raise ReplayInputError(f"{where}: expected a JSON object")
    unknown = set(data) - CHAT_KEYS
    if unknown:
        raise ReplayInputError(
            f"{where}: unknown key(s) {', '.join(sorted(unknown))}; "
            f"allowed: {', '.join(sorted(CHAT_KEYS))}"
        )
    chat_id = data.get("id")
    if isinstance(chat_id, bool) or not isinstance(chat_id, int):
        raise ReplayInputError(f"{where}: id must be a whole number (a Telegram chat id)")
    lang = data.get("lang") or "en"
    if lang not in LANGUAGES:
        raise ReplayInputError(f"{where}: lang {lang!r}: use one of {', '.join(LANGUAGES)}")
    return Chat(chat_id, lang, _names(data, "watch", where), _names(data, "follow", where))


def read_items(path: Path) -> list[NewsItem]:
    return _read_json_lines(path, _item)


def read_chats(path: Path) -> list[Chat]:
    return _read_json_lines(path, _chat)


def _read_json_lines(path: Path, read: Callable[[Any, str], T]) -> list[T]:
    found = []
    problems = _Problems()
    for number, line in enumerate(_lines(path), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ReplayInputError(f"{where}: not JSON ({exc.msg})") from None
            found.append(read(data, where))
        except ReplayInputError as error:
            problems.add(error)
    problems.raise_any()
    return found


def read_quotes(path: Path) -> list[Quote]:
    rows = csv.DictReader(_lines(path))
    if rows.fieldnames is None or not set(QUOTE_COLUMNS) <= set(rows.fieldnames):
        raise ReplayInputError(f"{path}:1: the header must name the columns time,symbol,price")
    quotes = []
    problems = _Problems()
    for row in rows:
        where = f"{path}:{rows.line_num}"
        try:
            quotes.append(_quote(row, where))
        except ReplayInputError as error:
            problems.add(error)
    problems.raise_any()
    return quotes


def _quote(row: dict[str | Any, str | Any], where: str) -> Quote:
    symbol = (row.get("symbol") or "").strip()
    if not symbol:
        raise ReplayInputError(f"{where}: symbol is missing")
    return Quote(symbol, _price(row.get("price"), where), _time(row.get("time"), where, "time"))


def _price(text: str | None, where: str) -> float:
    if text is None or not text.strip():
        raise ReplayInputError(f"{where}: missing price")
    try:
        price = float(text)
    except ValueError:
        raise ReplayInputError(f"{where}: price {text!r} is not a number") from None
    # float() accepts "nan" and "inf"; no rule can do anything sensible with them.
    if positive_price(price) is None:
        raise ReplayInputError(f"{where}: price {text!r} must be a positive number")
    return price


def _lines(path: Path) -> list[str]:
    try:
        return read_text_file(path)
    except InputFileError as exc:
        raise ReplayInputError(str(exc)) from None


def timeline(items: Iterable[NewsItem], quotes: Iterable[Quote]) -> list[Event]:
    """Everything in time order; at one moment quotes come before items (stable otherwise)."""
    events = [Event(quote.time, "quote", quote) for quote in quotes]
    events += [Event(item.published, "item", item) for item in items]
    return sorted(events, key=lambda event: (event.time, event.kind != "quote"))
