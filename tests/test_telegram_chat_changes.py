"""What happens to chats on a real day, with the real python-telegram-bot against the fake Bot
API on a real Redis: a group upgraded to a supergroup (the failed send and the service messages,
in either order), a group that removed the bot, a command fixed by editing it, and channels
added to the config file and reloaded."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from fakes.telegram_api import FakeTelegramAPI
from telegram import Bot
from telegram_harness import ADMIN, NOW, TOKEN, make_config, running_app, running_bot

from bot import keys
from bot.config import Config, StoredFeed
from bot.delivery.telegram import TelegramDelivery
from bot.lifecycle.state import LifecycleState
from bot.store import Store
from rules.alert import Alert

OLD, NEW = -4001, -1004001
PRIVATE = 31
WATCHLIST = ["BABA", "META"]
WAIT_S = 10.0  # a bound for waits on real I/O, never a timing assertion


def alert(key: str = "a1") -> Alert:
    return Alert(
        rule="capital-raise",
        type="keyword",
        severity="warning",
        symbol="BABA",
        headline=f"Alibaba plans a capital increase ({key})",
        time=datetime(2026, 8, 3, 9, 0, tzinfo=UTC),
        dedup_key=key,
        link="https://news.example/1",
    )


def delivery(bot: Bot, store: Store) -> TelegramDelivery:
    return TelegramDelivery(bot, store, watchlist=lambda: WATCHLIST)


def sends(api: FakeTelegramAPI) -> list[tuple[int | None, int]]:
    return [(call.chat_id, call.status) for call in api.calls_of("sendMessage")]


async def group_with_settings(store: Store, chat: int) -> None:
    await store.register_chat(chat, "de")
    await store.watch(chat, "BABA")
    await LifecycleState(store).set_pref(chat, "quiet", "22:00-07:00")
    feed = StoredFeed(name="mine", url="https://feeds.example/a.xml", every="5m", chat=chat)
    assert await store.add_stored_feed(feed, limit=5)


async def eventually(check: Any) -> None:
    async with asyncio.timeout(WAIT_S):
        while not await check():  # noqa: ASYNC110
            await asyncio.sleep(0.02)


# -- a group upgraded to a supergroup -----------------------------------------------------------


async def test_an_alert_refused_for_an_upgraded_group_reaches_the_supergroup_once(
    bot: Bot, store: Store, telegram_api: FakeTelegramAPI
) -> None:
    await group_with_settings(store, OLD)
    telegram_api.upgrade_group(OLD, NEW, announce=False)
    sender = delivery(bot, store)
    await sender.deliver(alert())
    assert sends(telegram_api) == [(OLD, 400), (NEW, 200)]
    [record] = telegram_api.messages_to(NEW)
    assert "Kapitalerhöhung" in (record.text or "") or "capital increase" in (record.text or "")
    assert await store.watchers("BABA") == [NEW]
    assert (await LifecycleState(store).prefs(NEW)).quiet == "22:00-07:00"
    assert [feed.chat for feed in await store.all_stored_feeds()] == [NEW]
    assert await store.failed_deliveries() == []

    # Redelivered (e.g. reclaimed from the outbox): marked sent for the new id, not sent again;
    # the next alert goes to the new id straight away.
    await sender.deliver(alert())
    await sender.deliver(alert("a2"))
    assert sends(telegram_api) == [(OLD, 400), (NEW, 200), (NEW, 200)]


async def test_a_half_moved_group_gets_the_alert_once(
    bot: Bot, store: Store, telegram_api: FakeTelegramAPI
) -> None:
    """A move cut short: both ids watch the symbol, so the alert goes to both at once; the old
    id's refusal is redirected to the new one, which the alert reached already."""
    await group_with_settings(store, OLD)
    await store.watch(NEW, "BABA")
    telegram_api.upgrade_group(OLD, NEW, announce=False)
    # The new id's own send is still in flight when the old id's refusal is redirected.
    telegram_api.delay_answers("sendMessage", 1.0)
    await delivery(bot, store).deliver(alert())
    assert len(telegram_api.messages_to(NEW)) == 1
    assert await store.watchers("BABA") == [NEW]


async def test_the_upgrade_messages_move_the_group_before_any_alert(
    store: Store, telegram_api: FakeTelegramAPI
) -> None:
    async with running_bot(telegram_api, store) as application:
        telegram_api.push_command(OLD, "/watch BABA", user_id=ADMIN, chat_type="group")
        await telegram_api.wait_for_messages(1, chat_id=OLD)
        await store.set_personal_rule(OLD, "META", "above", {"price": 700.0})
        telegram_api.upgrade_group(OLD, NEW)  # the old group's and the new one's service message
        # Updates are handled in order: once /list is answered, both were handled.
        telegram_api.push_command(NEW, "/list", user_id=ADMIN, chat_type="supergroup")
        [listing] = await telegram_api.wait_for_messages(1, chat_id=NEW)
        assert "BABA" in (listing.text or "")
        assert await store.watchers("BABA") == [NEW]
        assert (NEW, "above") in await store.personal_rules("META")
        assert await store.watched(OLD) == []

        await delivery(application.bot, store).deliver(alert())
    assert [chat for chat, _ in sends(telegram_api)].count(OLD) == 1  # only the /watch answer
    assert len(telegram_api.messages_to(NEW)) == 2  # the listing and the alert


async def test_an_allow_list_naming_the_group_admits_its_supergroup(
    store: Store, telegram_api: FakeTelegramAPI
) -> None:
    member = 5150  # no bot admin: the allow-list decides
    config = make_config(telegram_api, access="allowlist", allow=[OLD])
    await store.watch(OLD, "BABA")
    async with running_bot(telegram_api, store, config=config):
        telegram_api.push_command(OLD, "/list", user_id=member, chat_type="group")
        [before] = await telegram_api.wait_for_messages(1, chat_id=OLD)
        assert "BABA" in (before.text or "")
        telegram_api.upgrade_group(OLD, NEW)
        telegram_api.push_command(NEW, "/list", user_id=member, chat_type="supergroup")
        [after] = await telegram_api.wait_for_messages(1, chat_id=NEW)
        assert "BABA" in (after.text or "")
        stranger = -1009999  # a supergroup that was never the listed group
        telegram_api.push_command(stranger, "/list", user_id=member, chat_type="supergroup")
        [refused] = await telegram_api.wait_for_messages(1, chat_id=stranger)
        assert "private" in (refused.text or "")


async def test_the_failed_send_then_the_upgrade_messages_move_the_group_once(
    store: Store, telegram_api: FakeTelegramAPI
) -> None:
    await group_with_settings(store, OLD)
    async with running_bot(telegram_api, store) as application:
        telegram_api.upgrade_group(OLD, NEW, announce=False)
        await delivery(application.bot, store).deliver(alert())
        # The service messages arrive after the failed send moved the group already.
        telegram_api.upgrade_group(OLD, NEW)
        telegram_api.push_command(NEW, "/list", user_id=ADMIN, chat_type="supergroup")
        [_, listing] = await telegram_api.wait_for_messages(2, chat_id=NEW)
        assert "BABA" in (listing.text or "")
    assert await store.watchers("BABA") == [NEW]
    assert await store.watched(NEW) == ["BABA"]
    assert [feed.chat for feed in await store.all_stored_feeds()] == [NEW]
    assert await store.chat_language(NEW) == "de"
    assert sends(telegram_api)[:2] == [(OLD, 400), (NEW, 200)]


# -- a group that removed the bot, a user who blocked it -----------------------------------------


async def test_a_group_that_removed_the_bot_is_forgotten_and_the_failure_recorded(
    bot: Bot, store: Store, telegram_api: FakeTelegramAPI
) -> None:
    await group_with_settings(store, OLD)
    await store.mute(OLD, "symbol:META", NOW + timedelta(days=1))
    await LifecycleState(store).hold(OLD, "quiet", alert("held"), NOW + timedelta(hours=1))
    await group_with_settings(store, PRIVATE)
    telegram_api.kick_bot(OLD)
    sender = delivery(bot, store)
    await sender.deliver(alert())
    [failure] = await store.failed_deliveries()
    assert failure["chat"] == OLD and "kicked" in failure["error"]
    assert await store.watchers("BABA") == [PRIVATE]
    assert [feed.chat for feed in await store.all_stored_feeds()] == [PRIVATE]  # not polled
    assert await LifecycleState(store).held(OLD) == []
    assert await store.redis.exists(keys.chat_prefs(OLD), keys.chat_mutes(OLD)) == 0

    await sender.deliver(alert("a2"))  # no second try, no second record
    assert sends(telegram_api) == [(OLD, 403), (PRIVATE, 200), (PRIVATE, 200)]
    assert len(await store.failed_deliveries()) == 1


# -- edited commands ---------------------------------------------------------------------------


async def test_a_command_fixed_by_editing_it_is_answered_and_counted(
    store: Store, telegram_api: FakeTelegramAPI
) -> None:
    async with running_bot(telegram_api, store):
        sent = telegram_api.push_command(PRIVATE, "/watch BAAB")
        [refusal] = await telegram_api.wait_for_messages(1, chat_id=PRIVATE)
        assert "BAAB" in (refusal.text or "")
        telegram_api.push_edit(PRIVATE, sent["message"]["message_id"], "/watch BABA")
        [_, fixed] = await telegram_api.wait_for_messages(2, chat_id=PRIVATE)
        assert "BABA" in (fixed.text or "")
        assert await store.watched(PRIVATE) == ["BABA"]
        window = int(NOW.timestamp()) // keys.FLOOD_WINDOW_S
        assert await store.redis.get(keys.command_flood(PRIVATE, window)) == "2"

        # Not answered: an edited text (answered once already) and a command edited long after
        # it was sent. Updates are handled in order: /list's answer comes after any of theirs.
        text = telegram_api.push_text(PRIVATE, "hello")
        await telegram_api.wait_for_messages(3, chat_id=PRIVATE)
        telegram_api.push_edit(PRIVATE, text["message"]["message_id"], "hello Alibaba")
        telegram_api.push_edit(PRIVATE, sent["message"]["message_id"], "/unwatch BABA", 3600)
        telegram_api.push_command(PRIVATE, "/list")
        records = await telegram_api.wait_for_messages(4, chat_id=PRIVATE)
        assert "BABA" in (records[3].text or "")
        assert await store.watched(PRIVATE) == ["BABA"]
    assert len(telegram_api.messages_to(PRIVATE)) == 4


async def test_an_edited_command_in_a_group_needs_an_admin_as_a_new_one_does(
    store: Store, telegram_api: FakeTelegramAPI
) -> None:
    member = 5150
    telegram_api.set_chat_admins(OLD, [ADMIN + 1])
    async with running_bot(telegram_api, store):
        sent = telegram_api.push_command(OLD, "/help", user_id=member, chat_type="group")
        await telegram_api.wait_for_messages(1, chat_id=OLD)
        telegram_api.push_edit(OLD, sent["message"]["message_id"], "/watch BABA")
        [_, refusal] = await telegram_api.wait_for_messages(2, chat_id=OLD)
        assert "admin" in (refusal.text or "").lower()
    assert await store.watched(OLD) == []


# -- channels from the config at a reload --------------------------------------------------------


async def test_a_reload_links_the_channels_the_config_names_now(
    tmp_path: Path, telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    channel = -1009001
    path = tmp_path / "config.yaml"
    data: dict[str, Any] = {
        "redis": {"url": redis_url},
        "telegram": {"token": TOKEN, "base_url": telegram_api.base_url, "admins": [ADMIN]},
        "watchlist": {"BABA": {"names": ["Alibaba"], "currency": "USD"}},
        "rules": [{"name": "capital-raise", "type": "keyword", "any": ["capital increase"]}],
    }
    path.write_text(yaml.safe_dump(data))
    async with running_app(Config.model_validate(data), path) as app:
        assert await store.channels() == []
        data["channels"] = {str(channel): {"symbols": ["BABA"], "rules": ["capital-raise"]}}
        path.write_text(yaml.safe_dump(data))
        await app.reload()
        assert await store.channels() == [channel]
        assert await store.watchers("BABA") == [channel]
        assert await store.followers("capital-raise") == [channel]
