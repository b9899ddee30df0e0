"""`python -m bot demo`: an offline scenario on local feeds and prices, printed as it would be sent.

Each step changes the local market and then runs the same poll jobs the scheduler runs."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TextIO

from bot.app import App
from bot.config import Config
from bot.market_server import FeedEntry, LocalMarket, Price


@dataclass(slots=True)
class Step:
    narration: str
    prices: dict[str, float]
    news: list[tuple[str, str, str]]  # (feed, title, summary)


SCENARIO = [
    Step(
        "Market opens; a German wire reports a capital increase",
        {"BABA": 155.80, "META": 590.10},
        [
            (
                "wire-de",
                "Alibaba plant Kapitalerhöhung über fünf Milliarden US-Dollar",
                "Der Konzern will mit dem Geld den Ausbau seiner Rechenzentren finanzieren.",
            ),
            (
                "wire-en",
                "Quarterly results season starts with banks",
                "Nothing here concerns the watchlist.",
            ),
        ],
    ),
    Step("BABA jumps out of its band", {"BABA": 158.40, "META": 591.00}, []),
    Step("BABA keeps rising; the band alert does not repeat", {"BABA": 158.90}, []),
    Step(
        "An English wire reports a planned share offering, a new story",
        {"BABA": 157.60},
        [
            (
                "wire-en",
                "Alibaba weighs share offering to fund data centres",
                "The company could raise up to $5 billion, people familiar said.",
            )
        ],
    ),
    Step(
        "Two wires report the same analyst action (one alert); Meta teams up with Alibaba",
        {"BABA": 157.20},
        [
            ("wire-de", "Jefferies hebt Ziel für Alibaba auf 212 US-Dollar - 'Buy'", ""),
            (
                "wire-en",
                "Jefferies Maintains Buy on Alibaba Group, Raises Price Target to $212",
                "",
            ),
            (
                "wire-en",
                "Meta Platforms teams up with Alibaba on AI chips for data centres",
                "The companies will co-design inference hardware.",
            ),
        ],
    ),
    Step("BABA falls back into its band", {"BABA": 156.10}, []),
]

BACKLOG = ("Alibaba weighs a capital increase, a paper says", "Yesterday's news: it never alerts.")

PREVIOUS_CLOSE = {"BABA": 154.90, "META": 585.00}


def demo_config(market: LocalMarket, data_dir: Path) -> Config:
    return Config.model_validate(
        {
            "timezone": "Europe/Berlin",
            "redis": {"url": "", "data_dir": str(data_dir)},
            "watchlist": {
                "BABA": {"names": ["Alibaba", "Alibaba Group"], "currency": "USD"},
                "META": {"names": ["Meta Platforms", "Meta"], "currency": "USD"},
            },
            "sources": {
                "feeds": [
                    {
                        "name": "wire-de",
                        "url": market.feed_url("wire-de"),
                        "every": "1s",
                        "lang": "de",
                    },
                    {
                        "name": "wire-en",
                        "url": market.feed_url("wire-en"),
                        "every": "1s",
                        "lang": "en",
                    },
                ],
                "prices": {"base_url": market.base_url, "every": "1s"},
            },
            "rules": [
                {
                    "name": "alibaba-band",
                    "type": "price_band",
                    "symbol": "BABA",
                    "low": 154,
                    "high": 157,
                },
                {
                    "name": "capital-raise",
                    "type": "keyword",
                    "any": ["Kapitalerhöhung", "capital increase", "share offering"],
                },
                {"name": "analyst-actions", "type": "analyst"},
                {"name": "partnerships", "type": "partnership", "severity": "info"},
            ],
        }
    )


class ScenarioClock:
    """The wall clock, moved forward with the scenario's steps: each step's news and quotes are
    dated at its own minute, and the bot meets them then, not minutes before they happen."""

    def __init__(self) -> None:
        self.ahead = timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.ahead


async def run_demo(out: TextIO, *, as_json: bool = False) -> int:
    market = LocalMarket()
    await market.start()
    try:
        with tempfile.TemporaryDirectory(prefix="tickerwatch-demo-") as data_dir:
            config = demo_config(market, Path(data_dir))
            clock = ScenarioClock()
            app = App(config, clock=clock, console=out, console_json=as_json, schedule=False)
            await app.start()
            try:
                await _play(market, app, config, clock, out, as_json)
            finally:
                await app.stop()
    finally:
        await market.stop()
    return 0


async def _play(
    market: LocalMarket,
    app: App,
    config: Config,
    clock: ScenarioClock,
    out: TextIO,
    as_json: bool,
) -> None:
    assert app.poller is not None and app.worker is not None
    start = datetime.now(UTC).replace(microsecond=0)
    for source in config.sources.feeds:
        market.feeds.setdefault(source.name, [])
    # What a feed already holds when the bot first meets it is recorded for /news, not alerted.
    yesterday = start - timedelta(days=1)
    title, summary = BACKLOG
    market.publish(
        "wire-en", FeedEntry("demo-0", title, summary, "https://example.com/0", yesterday)
    )
    for source in config.sources.feeds:
        await app.poller.poll_feed(source)
    for number, step in enumerate(SCENARIO, start=1):
        moment = start + timedelta(minutes=number)
        clock.ahead = timedelta(minutes=number)
        if not as_json:
            out.write(f"── step {number}: {step.narration}\n\n")
        for symbol, price in step.prices.items():
            market.set_price(symbol, Price(price, moment, PREVIOUS_CLOSE[symbol]))
        for index, (feed, title, summary) in enumerate(step.news):
            guid = f"demo-{number}-{index}"
            market.publish(
                feed, FeedEntry(guid, title, summary, f"https://example.com/{guid}", moment)
            )
        await app.poller.poll_prices()
        for source in config.sources.feeds:
            await app.poller.poll_feed(source)
        await app.worker.drained()
