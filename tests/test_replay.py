"""`python -m bot replay` on the recorded scenario in tests/data/replay gives exactly the expected
alerts: the glitch fires nothing, the first burst is one grouped message, cooldowns hold back the
second move and combo, the resolve notice passes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import load_config
from bot.replay import records, replay
from bot.replay_input import ReplayInputError, read_items, read_quotes

SCENARIO = Path(__file__).resolve().parent / "data" / "replay"
REPO = Path(__file__).resolve().parents[1]
COMPARED = ["message", "sent", "time", "via", "rule", "type", "symbol", "severity", "headline"]


def expected() -> list[dict[str, object]]:
    lines = (SCENARIO / "expected.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


async def test_replay_gives_exactly_the_expected_alerts() -> None:
    sent = await replay(
        load_config(SCENARIO / "config.yaml"),
        read_items(SCENARIO / "items.jsonl"),
        read_quotes(SCENARIO / "quotes.csv"),
    )
    found = list(records(sent))
    assert [{key: record[key] for key in COMPARED} for record in found] == expected()
    combo = next(record for record in found if record["type"] == "combo")
    assert combo["fields"]["components"] == {
        "downgrade": "2026-03-02T14:20:00+00:00",
        "move": "2026-03-02T14:21:00+00:00",
    }
    back = next(record for record in found if "back inside" in str(record["headline"]))
    assert back["fields"]["resolved"] is True
    assert all(record["text"] for record in found)


def run_cli(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "replay", *arguments],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_cli_json_matches_and_text_lists_messages() -> None:
    common = [
        "--config",
        str(SCENARIO / "config.yaml"),
        "--items",
        str(SCENARIO / "items.jsonl"),
        "--quotes",
        str(SCENARIO / "quotes.csv"),
    ]
    result = run_cli(*common, "--json")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [{key: line[key] for key in COMPARED} for line in lines] == expected()
    text = run_cli(*common)
    assert text.returncode == 0, text.stderr
    assert "CRITICAL [BABA] grouped: 4 alerts for BABA" in text.stdout
    assert text.stdout.rstrip().endswith("6 message(s)")


def test_cli_reports_bad_input_with_file_and_line(tmp_path: Path) -> None:
    quotes = tmp_path / "quotes.csv"
    quotes.write_text("time,symbol,price\n2026-03-02T14:00:00Z,BABA,abc\n")
    result = run_cli("--config", str(SCENARIO / "config.yaml"), "--quotes", str(quotes))
    assert result.returncode == 2
    assert f"{quotes}:2: price 'abc' is not a number" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", ":1: not JSON"),
        ('{"id": "a", "title": "t"}', ":1: published is missing"),
        ('{"id": "a", "title": "t", "published": "yesterday"}', "not an ISO 8601 time"),
        ('{"id": "a", "title": "t", "published": "2026-03-02T14:00:00"}', "has no time zone"),
        ('{"id": "a", "title": "t", "published": "2026-03-02T14:00:00Z", "x": 1}', "unknown key"),
    ],
)
def test_bad_items_are_named(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "items.jsonl"
    path.write_text(line + "\n")
    with pytest.raises(ReplayInputError, match=message):
        read_items(path)


def test_quotes_need_the_header(tmp_path: Path) -> None:
    path = tmp_path / "quotes.csv"
    path.write_text("2026-03-02T14:00:00Z,BABA,1\n")
    with pytest.raises(ReplayInputError, match="time,symbol,price"):
        read_quotes(path)
