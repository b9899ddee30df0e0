"""Any JSON price API: a URL template with {symbol} and dotted paths to the price and,
optionally, its time, currency and previous close. It keeps no history: charts show the
quotes recorded here."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Annotated, Any, ClassVar
from urllib.parse import quote as url_quote

from pydantic import AfterValidator, Field

from bot.models import Quote, decimal_price
from bot.sources.http import HttpClient, SourceError
from bot.sources.prices import QuoteBatch, epoch_time
from bot.sources.providers.base import PriceProvider, ProviderOptions, each_symbol
from bot.sources.providers.checks import require_http

PLACEHOLDER = "{symbol}"
PATH_MAX = 200
_PATH = re.compile(r"^[^.\s]+(\.[^.\s]+)*$")
# Epoch numbers above this are milliseconds: as seconds they would lie after the year 5000.
MILLISECONDS_FROM = 1e11


def _require_template(value: str) -> str:
    if PLACEHOLDER not in value:
        raise ValueError(
            f"{value[:200]!r} has no {PLACEHOLDER}; write where the symbol goes, e.g. "
            "https://api.example.com/quote/{symbol}"
        )
    require_http(value.replace(PLACEHOLDER, "X"))
    return value


def _require_path(value: str | None) -> str | None:
    if value is not None and not _PATH.match(value):
        raise ValueError(
            f"{value[:PATH_MAX]!r} is not a dotted path; write keys and list positions "
            "joined by dots, e.g. data.0.price"
        )
    return value


Path = Annotated[str | None, Field(max_length=PATH_MAX), AfterValidator(_require_path)]


class JsonOptions(ProviderOptions):
    url: Annotated[str, AfterValidator(_require_template)]
    price_path: Annotated[str, Field(max_length=PATH_MAX), AfterValidator(_require_path)]
    time_path: Path = None  # none: the time of the poll
    currency_path: Path = None
    previous_close_path: Path = None


class JsonProvider(PriceProvider):
    name: ClassVar[str] = "json"
    Options: ClassVar[type[ProviderOptions]] = JsonOptions
    options: JsonOptions

    async def quotes(
        self, http: HttpClient, symbols: Mapping[str, str], now: datetime
    ) -> QuoteBatch:
        async def one(ticker: str, symbol: str) -> Quote:
            return await self._quote(http, ticker, symbol, now)

        return await each_symbol(symbols, one)

    async def _quote(self, http: HttpClient, ticker: str, symbol: str, now: datetime) -> Quote:
        url = self.options.url.replace(PLACEHOLDER, url_quote(symbol, safe=""))
        response = await http.get(url, accept_statuses=(404,))
        if response.status == 404:
            raise SourceError("not_found", f"{ticker}: {url}: HTTP 404", status=404)
        try:
            payload = json.loads(response.body)
        except (ValueError, RecursionError) as exc:
            raise SourceError("parse", f"{ticker}: {url}: response is not JSON ({exc})") from exc
        return self.parse(payload, ticker, now)

    def parse(self, payload: Any, ticker: str, now: datetime) -> Quote:
        options = self.options
        found = _at(payload, options.price_path, ticker)
        price = decimal_price(found)
        if price is None:
            raise SourceError(
                "parse", f"{ticker}: {options.price_path} is {found!r}, not a positive price"
            )
        when = now.astimezone(UTC)
        if options.time_path is not None:
            stamp = _at(payload, options.time_path, ticker)
            read = _moment(stamp)
            if read is None:
                raise SourceError(
                    "parse",
                    f"{ticker}: {options.time_path} is {stamp!r}; expected epoch seconds or "
                    "milliseconds, or an ISO 8601 time",
                )
            when = read
        currency = None
        if options.currency_path is not None:
            stated = _at(payload, options.currency_path, ticker)
            currency = stated if isinstance(stated, str) and stated else None
        previous = None
        if options.previous_close_path is not None:
            previous = decimal_price(_at(payload, options.previous_close_path, ticker))
        return Quote(ticker, price, when, currency, previous)


def _at(payload: Any, path: str, ticker: str) -> Any:
    """The value at a dotted path; a number steps into a list."""
    node = payload
    walked: list[str] = []
    for part in path.split("."):
        walked.append(part)
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            raise SourceError(
                "parse", f"{ticker}: the answer has nothing at {'.'.join(walked)} (of {path})"
            )
    return node


def _moment(value: object) -> datetime | None:
    if isinstance(value, str):
        text = value.strip()
        try:
            number = float(text)
        except ValueError:
            try:
                parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                return None
            # A time without a zone is read as UTC, the zone APIs mostly mean.
            return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)
        value = number
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return epoch_time(value / 1000 if value >= MILLISECONDS_FROM else value)
