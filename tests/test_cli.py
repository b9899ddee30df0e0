"""`python -m bot` as a user runs it: real subprocesses, a local market, an embedded Redis."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bot_process import REPO, bot_command, read_until, start_run

from bot.config import load_config
from bot.market_server import FeedEntry, LocalMarket, Price

STOP_TIMEOUT_S = 10.0
SUBCOMMANDS = ["run", "demo", "check-config", "extract", "eval", "parse-feeds"]


# -- help and check-config --------------------------------------------------------------------


def test_help_lists_every_subcommand() -> None:
    result = bot_command("--help")
    assert result.returncode == 0, result.stderr
    for name in SUBCOMMANDS:
        assert name in result.stdout


@pytest.mark.parametrize("subcommand", SUBCOMMANDS)
def test_subcommand_help(subcommand: str) -> None:
    result = bot_command(subcommand, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"usage: python -m bot {subcommand}")


def test_no_subcommand_is_a_usage_error() -> None:
    result = bot_command()
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_check_config_summarises_the_shipped_file() -> None:
    result = bot_command("check-config", "-c", "config.yaml")
    assert result.returncode == 0, result.stderr
    shipped = load_config(REPO / "config.yaml", environ={})
    lines = result.stdout.splitlines()
    assert lines[0] == "config.yaml: valid"
    watchlist = ", ".join(shipped.watchlist)
    assert f"  watchlist  {len(shipped.watchlist)}: {watchlist}" in lines
    assert f"  feeds      {len(shipped.sources.feeds)}" in lines
    assert f"  rules      {len(shipped.rules)}" in lines
    described = [line.strip() for line in lines]
    for rule in shipped.rules:
        assert any(line.startswith(f"{rule.name} ({rule.type}, ") for line in described)
    assert "alibaba-band (price_band, BABA) high=157.0 low=154.0" in described


def test_check_config_reports_file_and_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "watchlist:\n  BABA: {names: [Alibaba]}\nrules:\n"
        "  - name: band\n    type: price_band\n    low: 154\n    high: 150\n",
        encoding="utf-8",
    )
    result = bot_command("check-config", "-c", str(broken))
    assert result.returncode == 2
    assert f"{broken}:6: rules[0].low: must be below high (154 >= 150)" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_config_on_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "absent.yaml"
    result = bot_command("check-config", "-c", str(missing))
    assert result.returncode == 2
    assert f"{missing}: cannot read the config file" in result.stderr


# -- demo -------------------------------------------------------------------------------------


def test_demo_json_prints_the_scenario() -> None:
    result = bot_command("demo", "--json")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    for record in records:
        assert {"time", "rule", "type", "symbol", "text"} <= set(record), record
        datetime.fromisoformat(record["time"])
    keyword = [r for r in records if r["type"] == "keyword"]
    band = [r for r in records if r["type"] == "price_band"]
    assert any("Kapitalerhöhung" in r["text"] for r in keyword)
    assert [r["fields"]["position"] for r in band] == ["above", "inside"]
    assert all(r["symbol"] == "BABA" for r in band)
    assert len({r["id"] for r in records}) == len(records)


def test_demo_narrates_without_the_log_lines_of_a_running_bot() -> None:
    """In a terminal stderr and stdout interleave: INFO lines between the steps drown them."""
    result = bot_command("demo")
    assert result.returncode == 0, result.stderr
    assert " INFO " not in result.stderr, result.stderr
    assert "── step 1: Market opens" in result.stdout
    assert "WARNING [BABA] alibaba-band: BABA left its band 154–157" in result.stdout


# -- run, then SIGTERM ------------------------------------------------------------------------


def run_config(market: LocalMarket, data_dir: Path) -> str:
    return json.dumps(
        {
            "timezone": "UTC",
            "redis": {"url": "", "data_dir": str(data_dir)},
            "telegram": {"token": ""},
            "watchlist": {"BABA": {"names": ["Alibaba"], "currency": "USD"}},
            "sources": {
                "feeds": [
                    # What the feed holds at the first fetch alerts only through backfill.
                    {"name": "wire", "url": market.feed_url("wire"), "every": "1s", "backfill": 1}
                ],
                "prices": {"base_url": market.base_url, "every": "1s"},
            },
            "rules": [
                {"name": "capital-raise", "type": "keyword", "any": ["capital increase"]},
                {"name": "band", "type": "price_band", "symbol": "BABA", "low": 154, "high": 157},
            ],
        }
    )


def redis_servers_using(data_dir: Path) -> list[int]:
    """Pids of live redis-server processes working in `data_dir`.

    redis-server rewrites its command line, so it is found by name and by its working directory
    (it changes into --dir)."""
    wanted = data_dir.resolve()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            name = (entry / "comm").read_text().strip()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            cwd = (entry / "cwd").readlink()
        except OSError:
            continue
        if name == "redis-server" and state != "Z" and cwd == wanted:
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc")
async def test_run_alerts_then_stops_cleanly_on_sigterm(
    tmp_path: Path, market: LocalMarket
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    market.publish(
        "wire",
        FeedEntry("g1", "Alibaba plans a capital increase", "", "https://news.example/1", now),
    )
    market.set_price("BABA", Price(160.0, now, 150.0))
    data_dir = tmp_path / "redis"
    config = tmp_path / "config.yaml"
    config.write_text(run_config(market, data_dir), encoding="utf-8")

    with (tmp_path / "stderr.log").open("wb") as stderr:
        process = await start_run(config, stdout=subprocess.PIPE, stderr=stderr)
        try:
            assert process.stdout is not None
            printed: list[str] = []
            try:
                await asyncio.wait_for(read_until(process.stdout, "capital-raise", printed), 60)
                await asyncio.wait_for(read_until(process.stdout, "left its band", printed), 60)
            except (AssertionError, TimeoutError):
                log = (tmp_path / "stderr.log").read_text(errors="replace")
                raise AssertionError(f"no alerts; stdout {printed}, stderr:\n{log}") from None
            assert redis_servers_using(data_dir), "the embedded redis-server should be running"

            process.send_signal(signal.SIGTERM)
            returncode = await asyncio.wait_for(process.wait(), STOP_TIMEOUT_S)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
    log = (tmp_path / "stderr.log").read_text(errors="replace")
    assert returncode == 0, log
    assert "Traceback" not in log
    assert redis_servers_using(data_dir) == []
    assert (data_dir / "appendonly.aof").exists() or (data_dir / "appendonlydir").exists()
    output = "".join(printed) + (await process.stdout.read()).decode()
    assert output.count("Alibaba plans a capital increase") == 1
