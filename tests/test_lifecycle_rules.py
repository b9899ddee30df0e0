"""Timelines for price_move, threshold, consensus and combo through the real pipeline and Redis."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from lifecycle_timeline import T0, Timeline, at, make_config, rules_of

from bot.config import ConfigError, load_config
from bot.models import NewsItem
from bot.store import Store
from rules.base import RuleContext
from rules.events import Consensus
from rules.types.consensus import ConsensusOptions, ConsensusRule

MOVE = {"name": "move", "type": "price_move", "symbol": "BABA", "change_pct": 3, "window": "15m"}


async def test_price_move_window_alerts_once_per_move_each_way(store: Store) -> None:
    line = Timeline(store, [MOVE])
    assert await line.quote(0, 100.0) == []
    assert await line.quote(5, 101.0) == []
    [up] = await line.quote(10, 103.5)
    assert up.headline == "BABA rose 3.5% within 15m: 103.50 USD"
    assert up.fields["direction"] == "up" and up.fields["reference"] == 100.0
    assert await line.quote(11, 104.0) == []  # the same move goes on: no second alert
    assert await line.quote(30, 104.0) == []  # the window moved on: calm again
    [down] = await line.quote(35, 100.5)
    assert down.fields["direction"] == "down"
    assert down.headline == "BABA fell 3.4% within 15m: 100.50 USD"


async def test_price_move_direction_and_previous_close(store: Store) -> None:
    rule = {**MOVE, "window": None, "since": "previous_close", "direction": "down"}
    line = Timeline(store, [rule])
    assert await line.quote(0, 110.0, previous_close=100.0) == []  # up 10%: not watched
    [alert] = await line.quote(1, 96.5, previous_close=100.0)
    assert alert.headline == "BABA fell 3.5% since the previous close: 96.50 USD"
    assert await line.quote(2, 96.0, previous_close=100.0) == []


def test_price_move_needs_one_reference() -> None:
    with pytest.raises(ValueError, match="exactly one of window"):
        make_config([{**MOVE, "since": "previous_close"}])
    with pytest.raises(ValueError, match="exactly one of window"):
        make_config([{**MOVE, "window": None}])


async def test_threshold_alerts_once_per_crossing_with_hysteresis(store: Store) -> None:
    rule = {"name": "over-160", "type": "threshold", "symbol": "BABA", "above": 160}
    line = Timeline(store, [{**rule, "hysteresis": 1}])
    assert await line.quote(0, 158.0) == []
    [alert] = await line.quote(1, 161.0)
    assert alert.headline == "BABA crossed above 160: 161.00 USD"
    assert await line.quote(2, 162.0) == []
    assert await line.quote(3, 159.5) == []  # back, but not by the margin
    assert await line.quote(4, 160.5) == []  # so this is no new crossing
    assert await line.quote(5, 158.9) == []  # re-armed
    assert rules_of(await line.quote(6, 161.0)) == ["over-160"]


async def test_threshold_below() -> None:
    with pytest.raises(ValueError, match="exactly one of above or below"):
        make_config([{"name": "t", "type": "threshold", "above": 1, "below": 2}])


def consensus(mean: float, buy: int, hold: int, sell: int) -> Consensus:
    return Consensus(
        company="Alibaba", mean_target=mean, buy=buy, hold=hold, sell=sell, symbols=("BABA",)
    )


async def test_consensus_alerts_on_target_or_split_change(store: Store) -> None:
    rule = ConsensusRule(
        ConsensusOptions(name="consensus", target_change_pct=5, split_change_pts=10)
    )
    item = NewsItem("c", "wire", "Alibaba consensus", "", "", T0, "en", ("BABA",))

    async def see(minute: int, event: Consensus) -> list[str]:
        context = RuleContext(now=at(minute), state=store, latest_quote=store.latest_quote)
        return [alert.headline for alert in await rule.on_item(item, [event], context)]

    assert await see(0, consensus(200, 30, 10, 2)) == []  # the first one is only remembered
    assert await see(1, consensus(204, 30, 10, 2)) == []  # +2%: below 5%
    assert await see(2, consensus(216, 30, 10, 2)) == [
        "BABA analyst consensus changed: target 204 → 216 (+5.9%)"
    ]
    [split] = await see(3, consensus(216, 20, 18, 4))
    assert "buy 71% → 48%" in split and "sell 5% → 10%" in split


COMBO_RULES: list[dict[str, Any]] = [
    {"name": "downgrade", "type": "keyword", "any": ["downgrade", "downgrades"]},
    {"name": "drop", "type": "price_move", "change_pct": 3, "window": "1d", "direction": "down"},
    {
        "name": "downgrade-and-drop",
        "type": "combo",
        "all": ["downgrade", "drop"],
        "within": "1d",
        "severity": "critical",
    },
]


async def test_combo_fires_when_all_parts_fire_within_the_window(store: Store) -> None:
    line = Timeline(store, COMBO_RULES)
    assert await line.quote(0, 150.0) == []
    assert rules_of(await line.item(10, "Broker downgrades Alibaba to Hold")) == ["downgrade"]
    alerts = await line.quote(120, 145.0)
    assert rules_of(alerts) == ["downgrade-and-drop", "drop"]
    combo = next(alert for alert in alerts if alert.type == "combo")
    assert combo.severity == "critical"
    assert combo.headline == "BABA: downgrade, drop within 1d"
    # A day and more later, a downgrade alone is no combo: the drop is out of the window.
    assert rules_of(await line.item(60 * 27, "Another broker downgrades Alibaba")) == ["downgrade"]


async def test_combo_not_and_any(store: Store) -> None:
    rules = [
        *COMBO_RULES[:2],
        {"name": "upgrade", "type": "keyword", "any": ["upgrade", "upgrades"]},
        {"name": "mixed", "type": "combo", "any": ["drop"], "not": ["upgrade"], "within": "2h"},
    ]
    line = Timeline(store, rules)
    await line.quote(0, 150.0)
    assert rules_of(await line.item(5, "Broker upgrades Alibaba to Buy")) == ["upgrade"]
    assert rules_of(await line.quote(30, 145.0)) == ["drop"]  # an upgrade within 2h: no combo
    await line.quote(300, 150.0)
    assert rules_of(await line.quote(310, 145.0)) == ["drop", "mixed"]


def test_combo_references_are_checked(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(
        "rules:\n"
        "  - {name: a, type: keyword, any: [x]}\n"
        "  - {name: c, type: combo, all: [a, b], within: 1h}\n"
    )
    with pytest.raises(ConfigError, match=r"config.yaml:3: rules\[1\]: .*unknown rule 'b'"):
        load_config(path)
    with pytest.raises(ValueError, match="between 1s and 7d"):
        make_config([{"name": "c", "type": "combo", "all": ["a"], "within": "8d"}])


def test_shared_options_validate() -> None:
    config = make_config([{**MOVE, "cooldown": "10m", "cooldown_max": "1h", "break_quiet": True}])
    assert config.rules[0].cooldown_max == timedelta(hours=1)
