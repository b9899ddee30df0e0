"""A chat's own keyword filters (/keyword), through the real python-telegram-bot against the
fake Bot API on a real Redis: include words bring a chat the news of its symbols and feeds that
no rule alerts on, exclude words keep alerts away, in that chat only; the command answers in
English and German, refuses what it cannot use, and in groups only admins change the filters."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fakes.telegram_api import FakeTelegramAPI
from telegram_harness import ask_text, running_app, running_bot
from test_chat_feeds import eventually, first_fetch_done, polls_pass

from bot import keys
from bot.config import Config
from bot.market_server import FeedEntry, LocalMarket
from bot.store import Store

TOKEN = "123456:KEYWORDS-TEST"
FILTERING = 6001
PLAIN = 6002
GROUP = -100600
GROUP_ADMIN = 6003
MEMBER = 6004


def config_data(market: LocalMarket, api: FakeTelegramAPI, redis_url: str) -> dict[str, Any]:
    return {
        "redis": {"url": redis_url},
        "telegram": {"token": TOKEN, "base_url": api.base_url},
        "watchlist": {"BABA": {"names": ["Alibaba"], "currency": "USD"}},
        "sources": {
            "allow_private": True,
            "chat_feeds_every": "1s",
            "feeds": [{"name": "wire", "url": market.feed_url("wire"), "every": "1s"}],
        },
        "rules": [{"name": "capital-raise", "type": "keyword", "any": ["capital increase"]}],
    }


def entry(guid: str, title: str) -> FeedEntry:
    return FeedEntry(guid, title, "", f"https://news.example/{guid}", datetime.now(UTC))


def texts(api: FakeTelegramAPI, chat: int) -> list[str]:
    return [record.text or "" for record in api.messages_to(chat)]


async def test_include_words_bring_news_and_exclude_words_keep_alerts_away(
    market: LocalMarket, telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    market.feeds["wire"] = []
    async with running_app(Config.model_validate(config_data(market, telegram_api, redis_url))):
        await first_fetch_done(store, "wire")
        for chat in (FILTERING, PLAIN):
            assert "Watching" in await ask_text(telegram_api, chat, "/watch BABA")
        added = await ask_text(telegram_api, FILTERING, "/keyword add cloud")
        assert added.startswith("Added <code>cloud</code>: news of this chat's feeds")
        excluded = await ask_text(telegram_api, FILTERING, "/keyword add -rumour")
        assert "alerts about news that matches it no longer come" in excluded

        market.publish("wire", entry("c1", "Alibaba expands its clouds abroad"))
        market.publish("wire", entry("c2", "Alibaba capital increase rumour"))
        market.publish("wire", entry("c3", "Alibaba capital increase to fund cloud growth"))
        market.publish("wire", entry("c4", "Tencent wins a cloud contract"))

        async def both_served() -> bool:
            return len(texts(telegram_api, FILTERING)) >= 5 and len(texts(telegram_api, PLAIN)) >= 3

        await eventually(both_served, "the alerts of both chats")
        await polls_pass(market)
        [*_, first, second] = texts(telegram_api, FILTERING)
        # The word brings the item no rule alerts on, as the chat's own keyword alert; the item
        # the rule alerts on comes once, as the rule's; the rumour and the item about no
        # watched symbol do not come.
        alerts = sorted([first, second], key=lambda text: "your-keywords" not in text)
        assert "your-keywords" in alerts[0] and "Alibaba expands its clouds abroad" in alerts[0]
        assert "matched: clouds" in alerts[0]
        assert "capital-raise" in alerts[1] and "fund cloud growth" in alerts[1]
        assert len(texts(telegram_api, FILTERING)) == 5
        plain = texts(telegram_api, PLAIN)[1:]
        assert len(plain) == 2
        assert any("capital increase rumour" in text for text in plain)
        assert not any("your-keywords" in text or "clouds abroad" in text for text in plain)


async def test_a_chats_words_apply_to_its_own_feed(
    market: LocalMarket, telegram_api: FakeTelegramAPI, store: Store, redis_url: str
) -> None:
    market.feeds["wire"] = []
    market.feeds["mine"] = []
    async with running_app(Config.model_validate(config_data(market, telegram_api, redis_url))):
        added = await ask_text(telegram_api, FILTERING, f"/addfeed {market.feed_url('mine')}")
        assert "Added" in added
        await first_fetch_done(store, f"chat:{FILTERING}:127.0.0.1")
        await ask_text(telegram_api, FILTERING, "/keyword add /dividend (cut|raise)/")
        await ask_text(telegram_api, FILTERING, "/keyword add -capital increase")
        market.publish("mine", entry("m1", "Muster AG announces a dividend raise"))
        market.publish("mine", entry("m2", "Muster AG plans a capital increase"))
        market.publish("mine", entry("m3", "Muster AG names a new CFO"))

        async def alerted() -> bool:
            return len(texts(telegram_api, FILTERING)) >= 4

        await eventually(alerted, "the keyword alert of the chat's feed")
        await polls_pass(market)
        [*_, alert] = texts(telegram_api, FILTERING)
        assert "dividend raise" in alert and "matched: dividend raise" in alert
        # The capital increase matched the config rule but the chat excluded it.
        assert len(texts(telegram_api, FILTERING)) == 4


async def test_keyword_command_lists_adds_removes_and_refuses_in_both_languages(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    chat = FILTERING
    async with running_bot(telegram_api, store):
        none = await ask_text(telegram_api, chat, "/keyword")
        assert none.startswith("This chat has no keyword filters.")
        await ask_text(telegram_api, chat, "/keyword add Kapitalerhöhung")
        await ask_text(telegram_api, chat, "/keyword add   capital    increase ")
        await ask_text(telegram_api, chat, "/keyword add -/penny ?stock/")
        again = await ask_text(telegram_api, chat, "/keyword add  Kapitalerhöhung")
        assert again == "This chat has <code>Kapitalerhöhung</code> already."
        listing = await ask_text(telegram_api, chat, "/keyword list")
        assert "<b>This chat's keyword filters</b> (" in listing
        assert "1. ➕ <code>Kapitalerhöhung</code>" in listing
        assert "2. ➕ <code>capital increase</code>" in listing
        assert "3. ➖ <code>-/penny ?stock/</code> (excluded)" in listing
        assert await store.keyword_filters(chat) == [
            "Kapitalerhöhung",
            "capital increase",
            "-/penny ?stock/",
        ]

        refused = await ask_text(telegram_api, chat, "/keyword add /(a)\\1/")
        assert "That expression cannot be used (invalid escape sequence: \\1)" in refused
        assert "Usage: <code>/keyword" in refused
        lookaround = await ask_text(telegram_api, chat, "/keyword add /(?<!x)y/")
        assert "cannot be used (invalid perl operator: (?&lt;!)" in lookaround
        empty = await ask_text(telegram_api, chat, "/keyword add /x*/")
        assert "also matches an empty text" in empty
        long = await ask_text(telegram_api, chat, "/keyword add " + "x" * 101)
        assert "at most 100 characters" in long
        no_word = await ask_text(telegram_api, chat, "/keyword add -...")
        assert "needs a letter or digit" in no_word
        assert "Which word?" in await ask_text(telegram_api, chat, "/keyword add")
        assert "<b>drop</b>? Use add, del or list." in await ask_text(
            telegram_api, chat, "/keyword drop x"
        )
        cut = await ask_text(telegram_api, chat, "/keyword " + "z" * 60)
        assert "<b>" + "z" * 39 + "…</b>?" in cut, "a long argument is cut with a mark"
        extra = await ask_text(telegram_api, chat, "/keyword list 2")
        assert extra.startswith("Too many arguments.") and "Usage: <code>/keyword" in extra

        rules = await ask_text(telegram_api, chat, "/rules")
        assert "Your keyword filters (/keyword): <code>Kapitalerhöhung</code>, " in rules
        by_number = await ask_text(telegram_api, chat, "/keyword del 2")
        assert by_number == "Removed <code>capital increase</code>."
        removed = await ask_text(telegram_api, chat, "/keyword del -/penny ?stock/")
        assert removed == "Removed <code>-/penny ?stock/</code>."
        unknown = await ask_text(telegram_api, chat, "/keyword del rumour")
        assert unknown.startswith("This chat has no filter <code>rumour</code>")

        german = await ask_text(telegram_api, chat, "/keyword add -Gerücht", lang="de")
        assert german.startswith("<code>-Gerücht</code> hinzugefügt: Alarme zu Meldungen")
        listing = await ask_text(telegram_api, chat, "/keyword list", lang="de")
        assert "<b>Stichwortfilter dieses Chats</b>" in listing
        assert "➖ <code>-Gerücht</code> (ausgeschlossen)" in listing
        refused = await ask_text(telegram_api, chat, "/keyword add /(a)\\1/", lang="de")
        assert "Dieser Ausdruck geht nicht" in refused and "Aufruf: <code>/keyword" in refused


async def test_a_chat_has_at_most_the_limit_of_filters(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    for number in range(keys.KEYWORDS_MAX):
        await store.add_keyword_filter(PLAIN, f"word{number}", keys.KEYWORDS_MAX)
    async with running_bot(telegram_api, store):
        full = await ask_text(telegram_api, PLAIN, "/keyword add one-more")
        assert full.startswith(f"This chat has {keys.KEYWORDS_MAX} keyword filters already")
        assert len(await store.keyword_filters(PLAIN)) == keys.KEYWORDS_MAX


async def test_in_groups_members_list_and_only_admins_change_filters(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    telegram_api.set_chat_admins(GROUP, [GROUP_ADMIN])

    async def in_group(text: str, user: int) -> str:
        before = len(telegram_api.messages_to(GROUP))
        telegram_api.push_command(GROUP, text, user_id=user, chat_type="supergroup")
        records = await telegram_api.wait_for_messages(before + 1, chat_id=GROUP)
        return records[before].text or ""

    async with running_bot(telegram_api, store):
        refused = await in_group("/keyword add cloud", MEMBER)
        assert refused.startswith("Only this group's admins can change its settings.")
        assert await store.keyword_filters(GROUP) == []
        assert "Added <code>cloud</code>" in await in_group("/keyword add cloud", GROUP_ADMIN)
        assert "1. ➕ <code>cloud</code>" in await in_group("/keyword list", MEMBER)
        refused = await in_group("/keyword del 1", MEMBER)
        assert refused.startswith("Only this group's admins")
        assert await store.keyword_filters(GROUP) == ["cloud"]


async def test_a_chat_that_is_gone_loses_its_filters(store: Store) -> None:
    await store.add_keyword_filter(PLAIN, "cloud", keys.KEYWORDS_MAX)
    await store.add_keyword_filter(FILTERING, "cloud", keys.KEYWORDS_MAX)
    await store.forget_chat(PLAIN)
    assert await store.keyword_filters(PLAIN) == []
    assert await store.keyword_filters(FILTERING) == ["cloud"]
