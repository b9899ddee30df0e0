"""`replay --chats`: each alert names the chats it reaches, as `run` would route it; and the
shipped rules on the captured real feeds: every analyst note about a watched symbol alerts once,
to the chats that watch it."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.config import Config
from bot.pipeline.enrich import resolve_symbols
from bot.pipeline.symbols import SymbolMatcher
from bot.replay import records, replay
from bot.replay_input import Chat, ReplayInputError, read_chats
from bot.sources.rss import parse_feed
from rules.events import AnalystAction
from rules.extract import extract

REPO = Path(__file__).resolve().parents[1]
SCENARIO = REPO / "tests" / "data" / "replay"


def write_lines(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_each_alert_names_the_chats_it_reaches(tmp_path: Path) -> None:
    items = write_lines(
        tmp_path / "items.jsonl",
        [
            {
                "id": "p1",
                "title": "Meta Platforms and Alibaba sign a partnership on AI chips",
                "published": "2026-03-02T09:00:00Z",
            },
            {
                "id": "k1",
                "title": "Siemens plans a capital increase",
                "published": "2026-03-02T09:05:00Z",
            },
        ],
    )
    chats = write_lines(
        tmp_path / "chats.jsonl",
        [
            {"id": 1, "lang": "en", "watch": ["BABA"]},
            {"id": 2, "lang": "de", "watch": ["META"], "follow": ["raise"]},
            {"id": 3, "watch": []},
        ],
    )
    command = [sys.executable, "-m", "bot", "replay", "-c", str(SCENARIO / "config.yaml")]
    result = subprocess.run(
        [*command, "--items", str(items), "--chats", str(chats), "--json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found = [json.loads(line) for line in result.stdout.splitlines()]
    reached = {record["fields"]["item_id"]: record["chats"] for record in found}
    assert reached == {"k1": [2]}, "the partnership has no rule here; the keyword one follower"


def test_bad_chat_lines_are_named(tmp_path: Path) -> None:
    chats = tmp_path / "chats.jsonl"
    chats.write_text('{"id": "x"}\n{"id": 1, "lang": "fr"}\n{"id": 2, "color": 1}\n')
    with pytest.raises(ReplayInputError) as caught:
        read_chats(chats)
    assert [problem.split(": ", 1)[0] for problem in caught.value.problems] == [
        f"{chats}:1",
        f"{chats}:2",
        f"{chats}:3",
    ]


# -- the shipped rules on the captured real feeds ----------------------------------------------

# Companies the captured feeds write about, as a user would add them to the watchlist.
WATCHLIST = {
    "AIR.PA": ["Airbus"],
    "AD.AS": ["Ahold Delhaize"],
    "ADS.DE": ["Adidas"],
    "CFR.SW": ["Richemont"],
    "EL.PA": ["EssilorLuxottica"],
    "PUM.DE": ["Puma"],
    "RHM.DE": ["Rheinmetall"],
    "SAP.DE": ["SAP"],
    "SGO.PA": ["Saint-Gobain"],
    "TTE.PA": ["TotalEnergies"],
}


def shipped_with(watchlist: dict[str, list[str]]) -> Config:
    data = yaml.safe_load((REPO / "config.yaml").read_text(encoding="utf-8"))
    data["watchlist"] = {symbol: {"names": names} for symbol, names in watchlist.items()}
    data["rules"] = [rule for rule in data["rules"] if "symbol" not in rule]  # BABA's own rules
    data["rules"] = [rule for rule in data["rules"] if rule["type"] != "combo"]
    data["redis"] = {"url": ""}
    data["telegram"] = {"token": ""}
    data["http"] = {}
    return Config.model_validate(data)


async def test_shipped_rules_alert_once_on_every_real_analyst_note(shared_data: Path) -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    items = []
    for path in sorted((shared_data / "feeds").glob("*")):
        if path.suffix in (".xml", ".rss"):
            items += parse_feed(path.read_bytes(), source=path.stem, lang="de", now=now)
    symbols = list(WATCHLIST)
    chats = [Chat(1, "en", tuple(symbols[::2])), Chat(2, "de", tuple(symbols[1::2]))]
    config = shipped_with(WATCHLIST)
    sent = await replay(config, items, [], chats)
    found = list(records(sent))

    matcher = SymbolMatcher(WATCHLIST)
    notes: Counter[str] = Counter()
    for item in matcher.tag(items):
        for event in extract(item.text, None, item.lang):
            if isinstance(event, AnalystAction) and resolve_symbols(event, item, matcher).symbols:
                notes[item.id] += 1
    alerted = Counter(record["fields"]["item_id"] for record in found)
    assert notes, "the captured feeds hold analyst notes about these companies"
    assert alerted == notes, "every note alerts exactly once"
    watchers = {symbol: [chat.id for chat in chats if symbol in chat.watch] for symbol in symbols}
    for record in found:
        assert record["chats"] == watchers[record["symbol"]], record
