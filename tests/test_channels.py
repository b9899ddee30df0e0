"""Channel mode: alerts about a symbol or of a rule are published once to a Telegram channel,
linked in the config or by the bot's admins with /channel; real python-telegram-bot against the
fake Bot API, on a real Redis."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from fakes.telegram_api import FakeTelegramAPI
from telegram_harness import ADMIN, TOKEN, ask_text, running_app, running_bot

from bot.config import Config, ConfigError, load_config
from bot.delivery.telegram import TelegramDelivery
from bot.market_server import FeedEntry, LocalMarket
from bot.store import Store
from handlers.buttons import alert_keyboard
from rules.alert import Alert

CHANNEL = -1009001
READER = 5101
BOT_ID = int(TOKEN.split(":")[0])
WAIT_S = 10.0


def band_alert(price: float) -> Alert:
    return Alert(
        rule="alibaba-band",
        type="price_band",
        severity="warning",
        symbol="BABA",
        headline=f"BABA left its band 154–157, now above: {price} USD",
        time=datetime(2026, 8, 3, 12, 0, tzinfo=UTC),
        dedup_key=f"band-{price}",
    )


async def test_an_admin_links_a_channel_and_it_gets_each_alert_once(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    async with running_bot(telegram_api, store) as application:
        # The bot is not an administrator of the channel yet: nothing is linked.
        refused = await ask_text(telegram_api, ADMIN, f"/channel link {CHANNEL} BABA")
        assert "I cannot post in channel" in refused
        assert await store.channels() == []

        telegram_api.set_chat_admins(CHANNEL, [ADMIN, BOT_ID])
        linked = await ask_text(telegram_api, ADMIN, f"/channel link {CHANNEL} baba")
        assert "Alerts about <b>BABA</b> are now published once to channel" in linked
        listing = await ask_text(telegram_api, ADMIN, "/channel")
        assert f"<code>{CHANNEL}</code>: <b>BABA</b>" in listing
        await ask_text(telegram_api, READER, "/watch BABA")

        delivery = TelegramDelivery(application.bot, store, keyboard=alert_keyboard)
        await delivery.deliver(band_alert(158.2))
        [published] = telegram_api.messages_to(CHANNEL)
        assert "158.2" in (published.text or "")
        # Buttons in a channel would let any reader mute it for everyone.
        assert published.reply_markup is None
        private = telegram_api.messages_to(READER)[-1]
        assert "158.2" in (private.text or "") and private.reply_markup is not None

        unlinked = await ask_text(telegram_api, ADMIN, f"/channel unlink {CHANNEL}")
        assert "gets no more alerts" in unlinked
        await delivery.deliver(band_alert(159.0))
        assert len(telegram_api.messages_to(CHANNEL)) == 1
        assert "is not linked" in await ask_text(telegram_api, ADMIN, f"/channel unlink {CHANNEL}")


async def test_channel_is_for_the_bots_admins_and_explains_bad_arguments(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    telegram_api.set_chat_admins(CHANNEL, [ADMIN, BOT_ID])
    async with running_bot(telegram_api, store):
        refused = await ask_text(telegram_api, READER, f"/channel link {CHANNEL} BABA")
        assert "Only admins" in refused
        assert "no channel yet" in await ask_text(telegram_api, ADMIN, "/channel")
        usage = await ask_text(telegram_api, ADMIN, "/channel link 12345 BABA")
        assert "negative number" in usage and "Usage:" in usage
        assert "Usage:" in await ask_text(telegram_api, ADMIN, f"/channel link {CHANNEL}")
        assert "Usage:" in await ask_text(telegram_api, ADMIN, "/channel publish")
        unknown = await ask_text(telegram_api, ADMIN, f"/channel link {CHANNEL} BABA NOPE")
        assert "<b>NOPE</b> is neither a symbol" in unknown
        german = await ask_text(telegram_api, ADMIN, f"/channel link {CHANNEL} XYZ", lang="de")
        assert "ist weder ein Symbol" in german
        assert await store.channels() == []


async def test_a_channel_in_the_config_gets_the_news_once_on_the_whole_app(
    market: LocalMarket, telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    market.feeds["wire"] = []
    data = {
        "redis": {"url": redis_url},
        "telegram": {"token": TOKEN, "base_url": telegram_api.base_url, "admins": [ADMIN]},
        "watchlist": {"BABA": {"names": ["Alibaba"], "currency": "USD"}},
        "sources": {"feeds": [{"name": "wire", "url": market.feed_url("wire"), "every": "1s"}]},
        "rules": [{"name": "capital-raise", "type": "keyword", "any": ["capital increase"]}],
        "channels": {CHANNEL: {"rules": ["capital-raise"], "lang": "de"}},
    }
    async with running_app(Config.model_validate(data)):
        assert await store.channels() == [CHANNEL]
        async with asyncio.timeout(WAIT_S):
            while "url" not in await store.feed_state("wire"):  # noqa: ASYNC110
                await asyncio.sleep(0.05)
        published_at = datetime.now(UTC)
        market.publish(
            "wire",
            FeedEntry(
                "n1", "Alibaba plans a capital increase", "", "https://n.example/1", published_at
            ),
        )
        [published] = await telegram_api.wait_for_messages(1, chat_id=CHANNEL, timeout=WAIT_S)
    assert "Alibaba plans a capital increase" in (published.text or "")
    assert published.reply_markup is None
    assert len(telegram_api.messages_to(CHANNEL)) == 1


def test_the_config_names_channel_ids_symbols_and_rules_it_knows(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    base = {
        "watchlist": {"BABA": {"names": ["Alibaba"]}},
        "rules": [{"name": "capital-raise", "type": "keyword", "any": ["capital increase"]}],
    }
    path.write_text(yaml.safe_dump({**base, "channels": {str(CHANNEL): {"symbols": ["BABA"]}}}))
    assert load_config(path).channels[CHANNEL].symbols == ["BABA"]
    bad = {str(CHANNEL): {"symbols": ["META"], "rules": ["nope"]}, "42": {"symbols": ["BABA"]}}
    path.write_text(yaml.safe_dump({**base, "channels": bad}))
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert "channels.42: a channel's chat id is negative" in str(raised.value)
    path.write_text(yaml.safe_dump({**base, "channels": {str(CHANNEL): {"symbols": ["META"]}}}))
    with pytest.raises(ConfigError, match="'META' is not in the watchlist"):
        load_config(path)
    path.write_text(yaml.safe_dump({**base, "channels": {str(CHANNEL): {"rules": ["nope"]}}}))
    with pytest.raises(ConfigError, match="no rule 'nope'"):
        load_config(path)
    path.write_text(yaml.safe_dump({**base, "channels": {str(CHANNEL): {}}}))
    with pytest.raises(ConfigError, match="at least one of symbols"):
        load_config(path)
