"""Who may talk to the bot: allow-list, admin commands, the per-user flood limit, forum topics,
and the error handler that never shows a traceback."""

from __future__ import annotations

from fakes.telegram_api import FakeTelegramAPI
from telegram_harness import ADMIN, ask_text, make_config, running_bot

from bot.store import Store, connect

CHAT = 2002


async def test_allowlist_admits_only_listed_chats_and_admins(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    config = make_config(telegram_api, access="allowlist", allow=[CHAT])
    async with running_bot(telegram_api, store, config=config):
        assert "Watching" in await ask_text(telegram_api, CHAT, "/watch BABA")
        refused = await ask_text(telegram_api, 3003, "/watch BABA")
        assert refused == "This bot is private; ask its owner to add this chat (3003)."
        assert await store.watched(3003) == []
        assert "privat" in await ask_text(telegram_api, 3003, "/help", lang="de")
        assert "Watching" in await ask_text(telegram_api, ADMIN, "/watch BABA")


async def test_admin_commands_are_for_admins_only(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    reloads: list[str] = []

    async def reload() -> None:
        reloads.append("done")

    async with running_bot(telegram_api, store, reload=reload):
        assert "Only admins" in await ask_text(telegram_api, CHAT, "/stats")
        assert "Nur Admins" in await ask_text(telegram_api, CHAT, "/reload", lang="de")
        assert reloads == []
        await ask_text(telegram_api, CHAT, "/watch BABA")
        stats = (await ask_text(telegram_api, ADMIN, "/stats")).splitlines()
        assert stats[:4] == [
            "<b>Stats</b>",
            "chats: 1",
            "subscribed chats: 1",
            "watched symbols: 1",
        ]
        assert await ask_text(telegram_api, ADMIN, "/reload") == "Configuration reloaded."
        assert reloads == ["done"]


async def test_reload_failure_and_absence(telegram_api: FakeTelegramAPI, store: Store) -> None:
    async def broken() -> None:
        raise ValueError("config.yaml:3: rules[0].low: must be below high")

    async with running_bot(telegram_api, store, reload=broken):
        text = await ask_text(telegram_api, ADMIN, "/reload")
        assert text.startswith("Reload failed; the old configuration stays active:")
        assert "rules[0].low: must be below high" in text
    async with running_bot(telegram_api, store):
        assert "not available" in await ask_text(telegram_api, ADMIN, "/reload")


async def test_flood_limit_answers_once_then_ignores(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    config = make_config(telegram_api, commands_per_minute=3)
    async with running_bot(telegram_api, store, config=config):
        for _ in range(3):
            assert "You watch nothing" in await ask_text(telegram_api, CHAT, "/list")
        assert "Too many commands" in await ask_text(telegram_api, CHAT, "/list")
        telegram_api.push_command(CHAT, "/list")  # over the limit: no answer at all
        assert "Watching" in await ask_text(telegram_api, 4004, "/watch BABA")  # others unaffected
        assert len(telegram_api.messages_to(CHAT)) == 4


async def test_watch_in_a_forum_topic_remembers_the_topic(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    group = -1001234
    telegram_api.set_chat_admins(group, [5])  # in groups only admins change the watchlist
    async with running_bot(telegram_api, store):
        telegram_api.push_update(
            {
                "message": {
                    "message_id": 50,
                    "date": 1_780_000_000,
                    "chat": {
                        "id": group,
                        "type": "supergroup",
                        "title": "Traders",
                        "is_forum": True,
                    },
                    "from": {"id": 5, "is_bot": False, "first_name": "Ann", "language_code": "en"},
                    "message_thread_id": 77,
                    "is_topic_message": True,
                    "text": "/watch BABA",
                    "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
                }
            }
        )
        [reply] = await telegram_api.wait_for_messages(1, chat_id=group)
        assert reply.message_thread_id == 77
        assert reply.text == "Watching <b>BABA</b>; alerts go to this topic."
        assert await store.topic_for(group, "BABA") == 77
        assert await store.topic_for(group, None) == 77


async def test_a_failing_store_gets_a_plain_apology_not_a_traceback(
    telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    dead = Store(connect("redis://127.0.0.1:1/0"))  # nothing listens on port 1
    try:
        async with running_bot(telegram_api, dead):
            text = await ask_text(telegram_api, CHAT, "/list")
            assert text == "My storage is not answering right now; please try again in a minute."
            german = await ask_text(telegram_api, CHAT, "/list", lang="de")
            assert "Speicher antwortet gerade nicht" in german
            assert all("Traceback" not in (t or "") for t in telegram_api.texts_to(CHAT))
    finally:
        await dead.close()
