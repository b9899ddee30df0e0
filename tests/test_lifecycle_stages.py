"""Cooldowns, exponential re-alert, resolve notices and the quote guard, as timelines."""

from __future__ import annotations

import csv
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from lifecycle_timeline import Timeline, at, rules_of

from bot.models import Quote
from bot.store import Store

KEYWORD = {"name": "raise", "type": "keyword", "any": ["capital increase"], "cooldown": "10m"}
BAND = {"name": "band", "type": "price_band", "symbol": "BABA", "low": 154, "high": 157}


async def test_cooldown_per_rule_and_symbol(store: Store) -> None:
    line = Timeline(store, [KEYWORD])
    assert rules_of(await line.item(0, "Alibaba plans a capital increase")) == ["raise"]
    assert await line.item(1, "Alibaba capital increase priced at $5bn") == []
    # Another symbol has its own cooldown.
    assert rules_of(await line.item(2, "SAP weighs a capital increase")) == ["raise"]
    assert rules_of(await line.item(11, "Alibaba capital increase completed")) == ["raise"]


async def test_exponential_re_alert_doubles_up_to_the_maximum(store: Store) -> None:
    line = Timeline(store, [{**KEYWORD, "cooldown_max": "40m"}])
    sent = []
    for minute in (0, 11, 25, 31, 60, 71, 105, 111, 300, 311):
        if await line.item(minute, f"Alibaba capital increase, update {minute}"):
            sent.append(minute)
    # 10m, then 20m after a quick re-alert, then 40m (the maximum) and it stays there;
    # after a quiet spell (more than twice the cooldown) it starts again at 10m.
    assert sent == [0, 11, 31, 71, 111, 300, 311]


async def test_resolve_notice_follows_the_alert_it_resolves(store: Store) -> None:
    line = Timeline(store, [{**BAND, "cooldown": "1h"}])
    assert await line.quote(0, 155.0) == []
    [left] = await line.quote(1, 158.0)
    assert "left its band" in left.headline
    [back] = await line.quote(5, 156.0)  # within the cooldown, still sent: it resolves `left`
    assert "back inside" in back.headline and back.fields["resolved"] is True
    assert await line.quote(10, 158.5) == []  # cooldown
    assert await line.quote(15, 156.0) == []  # resolves an alert nobody got: not sent either
    assert len(await line.quote(70, 158.0)) == 1


async def test_glitch_that_reverts_never_fires(store: Store) -> None:
    line = Timeline(store, [BAND])
    assert await line.quote(0, 155.5) == []
    assert await line.quote(1, 15550.0) == []  # 100x: held back
    assert await line.quote(2, 15551.0) == []
    assert await line.quote(3, 155.6) == []  # reverted: it never happened
    latest = await store.latest_quote("BABA")
    assert latest is not None and latest.price == 155.6
    assert [q.price for q in await store.quotes_since("BABA", at(-1))] == [155.5, 155.6]


async def test_a_jump_that_persists_is_accepted_after_the_confirm_time(store: Store) -> None:
    line = Timeline(store, [BAND], glitch_confirm="30m")
    await line.quote(0, 155.5)
    assert await line.quote(1, 1.555) == []
    assert await line.quote(20, 1.56) == []
    [alert] = await line.quote(31, 1.57)  # a reverse split, say: real after 30 minutes
    assert "now below" in alert.headline


async def test_stale_and_repeated_quotes_are_not_evaluated(store: Store) -> None:
    line = Timeline(store, [BAND])
    assert await line.quote(0, 155.0) == []
    old = at(0) - timedelta(days=5)
    assert await line.quote(1, 170.0, quoted_at=old) == []  # older than stale_after (4d)
    assert await line.quote(2, 170.0, quoted_at=at(0)) == []  # same time as the last one
    assert len(await line.quote(3, 170.0)) == 1


def _closes(path: Path) -> list[tuple[datetime, float]]:
    with path.open(newline="") as source:
        rows = [
            (datetime.fromisoformat(row["Date"]), float(row["Close"]))
            for row in csv.DictReader(source)
        ]
    return sorted(rows)


@pytest.mark.parametrize("name", ["AET-L", "SSW-JO"])
async def test_real_100x_glitches_never_fire(store: Store, shared_data: Path, name: str) -> None:
    prices = shared_data / "prices"
    glitched = _closes(prices / f"yfinance_{name}-1d-100x-error.csv")
    fixed = dict(_closes(prices / f"yfinance_{name}-1d-100x-error-fixed.csv"))
    rule = {"name": "move", "type": "price_move", "change_pct": 20, "window": "3d"}
    # Daily bars: a glitch lasted three weeks, so the confirm time must be longer than that.
    guarded = Timeline(store, [rule], glitch_confirm="30d", stale_after="400d")
    first_day = glitched[0][0]
    start = (first_day - timedelta(days=1), fixed[first_day])  # the true price the day before
    fired = []
    for day, close in [start, *glitched]:
        fired += await guarded.pipeline.process_quotes([Quote(name, close, day)], day)
    assert fired == []
    accepted = await store.quotes_since(name, start[0])
    assert len(accepted) >= 5
    for quote in accepted[1:]:  # every price the rules saw is the corrected one
        assert quote.price == pytest.approx(fixed[quote.time], rel=1e-3)

    await store.redis.flushdb()
    unguarded = Timeline(store, [rule], glitch_factor=1e9, stale_after="400d")
    raw = []
    for day, close in [start, *glitched]:
        raw += await unguarded.pipeline.process_quotes([Quote(name, close, day)], day)
    assert raw, "without the guard the glitch fires"
