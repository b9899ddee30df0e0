"""Telegram away for longer than a send's retries (connection refused), against the real
process: the alerts decided meanwhile wait in the outbox and reach every chat once when the Bot
API answers again; none is given up."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import subprocess
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import yaml
from bot_process import start_run
from delivery_setup import subscribe
from fakes.telegram_api import FakeTelegramAPI, running_fake_telegram

from bot.market_server import FeedEntry, LocalMarket
from bot.store import Store

CHATS = (31, 32, 33)
TOKEN = "123456:OUTAGETEST"
OUTAGE_S = 22.0  # longer than the five attempts of one send (1 + 2 + 4 + 8 s of back-off)
WAIT_S = 60.0


class Gate:
    """A TCP relay in front of the fake Bot API on a port of its own: closed, that port refuses
    connections, as a host whose network is down; opened again on the same port."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = 0
        self.server: asyncio.Server | None = None
        self.writers: list[asyncio.StreamWriter] = []

    async def open(self) -> None:
        self.server = await asyncio.start_server(
            self._relay, "127.0.0.1", self.port, reuse_address=True
        )
        self.port = self.server.sockets[0].getsockname()[1]

    async def close(self) -> None:
        assert self.server is not None
        self.server.close()
        for writer in self.writers:
            writer.transport.abort()
        self.writers.clear()
        await self.server.wait_closed()

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(
                "127.0.0.1", self.target_port
            )
        except OSError:
            writer.transport.abort()
            return
        self.writers += [writer, upstream_writer]
        await asyncio.gather(
            _pipe(reader, upstream_writer), _pipe(upstream_reader, writer), return_exceptions=True
        )


async def _pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
    try:
        while data := await source.read(65536):
            sink.write(data)
            await sink.drain()
    finally:
        with contextlib.suppress(Exception):
            sink.close()


def write_config(tmp_path: Path, redis_url: str, gate: Gate, market: LocalMarket) -> Path:
    config = {
        "redis": {"url": redis_url},
        "telegram": {"token": TOKEN, "base_url": f"http://127.0.0.1:{gate.port}/bot"},
        "watchlist": {"BABA": {"names": ["Alibaba"]}},
        "sources": {"feeds": [{"name": "wire", "url": market.feed_url("wire"), "every": "1s"}]},
        "rules": [{"name": "raise", "type": "keyword", "any": ["capital increase"]}],
    }
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def publish(market: LocalMarket, tag: str) -> None:
    title = f"Alibaba plans a capital increase ({tag})"
    market.publish(
        "wire", FeedEntry(tag, title, "", f"https://news.example/{tag}", datetime.now(UTC))
    )


def received(api: FakeTelegramAPI, tag: str) -> Counter[int]:
    return Counter(record.chat_id for record in api.sent if f"({tag})" in (record.text or ""))


async def reaches_every_chat(api: FakeTelegramAPI, tag: str) -> None:
    deadline = asyncio.get_running_loop().time() + WAIT_S
    while set(received(api, tag)) < set(CHATS):
        remaining = deadline - asyncio.get_running_loop().time()
        if remaining <= 0:
            raise AssertionError(f"({tag}) reached only {dict(received(api, tag))}")
        await api.records_changed.wait(remaining)


async def test_alerts_decided_while_telegram_is_unreachable_arrive_once_it_is_back(
    tmp_path: Path, store: Store, redis_url: str, market: LocalMarket
) -> None:
    for chat in CHATS:
        await subscribe(store, chat, "BABA")
    market.feeds["wire"] = []
    async with running_fake_telegram() as api:
        gate = Gate(api.port)
        await gate.open()
        process = await start_run(
            write_config(tmp_path, redis_url, gate, market),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        assert process.stderr is not None
        logged: list[bytes] = []
        log: asyncio.Future[bytes] | None = None
        try:
            # The feed's first fetch records its backlog quietly: the news must come after it.
            async with asyncio.timeout(WAIT_S):
                while b"feed wire: first fetch" not in b"".join(logged):
                    line = await process.stderr.readline()
                    assert line, b"".join(logged).decode(errors="replace")
                    logged.append(line)
            log = asyncio.ensure_future(process.stderr.read())
            publish(market, "before")
            await reaches_every_chat(api, "before")

            await gate.close()
            publish(market, "during")
            await asyncio.sleep(OUTAGE_S)
            await gate.open()
            await reaches_every_chat(api, "during")
            publish(market, "after")
            await reaches_every_chat(api, "after")
        finally:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
            async with asyncio.timeout(WAIT_S):
                code = await process.wait()
            text = (b"".join(logged) + (await log if log else b"")).decode(errors="replace")
    assert code == 0, text
    for tag in ("before", "during", "after"):
        assert received(api, tag) == Counter(CHATS), (tag, received(api, tag))
    assert "giving up" not in text
    assert await store.failed_deliveries() == []
