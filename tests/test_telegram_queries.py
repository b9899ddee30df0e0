"""Query commands through real python-telegram-bot and the fake Bot API: /start /help /watch
/unwatch /list /price /news /targets /summary /status, in English and German, with bad input."""

from __future__ import annotations

from datetime import timedelta

from fakes.telegram_api import FakeTelegramAPI
from fakes.telegram_html import html_to_plain_text
from telegram_harness import NOW, ask, ask_text, running_bot

from bot.models import NewsItem, Quote
from bot.store import Store
from handlers.common import SERVICES
from rules.events import AnalystAction, Consensus

CHAT = 1001


def news_item(number: int, title: str, minutes_ago: int = 0) -> NewsItem:
    return NewsItem(
        id=f"n{number}",
        source="wire",
        title=title,
        summary="",
        link=f"https://news.example/{number}",
        published=NOW - timedelta(minutes=minutes_ago),
        lang="en",
        symbols=("BABA",),
    )


async def seed_market(store: Store) -> None:
    await store.add_quote(Quote("BABA", 158.0, NOW - timedelta(minutes=1), "USD", 155.0))
    await store.add_headline("BABA", news_item(1, "Alibaba & partners sign a <5% deal", 30))
    await store.add_headline("BABA", news_item(2, "Alibaba cloud grows", 10))
    await store.record_analyst(
        "BABA",
        AnalystAction(
            broker="Citigroup",
            company="Alibaba",
            rating_action="main",
            rating="Buy",
            target_action="raise",
            target=225.0,
            prior_target=200.0,
            currency="USD",
        ),
        news_item(3, "Citigroup hebt Ziel für Alibaba auf 225 US-Dollar", 60),
    )
    await store.record_analyst(
        "BABA",
        AnalystAction(
            broker="Bernstein",
            company="Alibaba",
            rating_action="main",
            rating="Outperform",
            target_action="lower",
            target=190.0,
            prior_target=200.0,
            currency="USD",
        ),
        news_item(4, "Bernstein lowers Alibaba target to $190", 20),
    )


async def test_start_and_help_in_both_languages(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    async with running_bot(telegram_api, store):
        english = await ask_text(telegram_api, CHAT, "/start")
        assert "Watchlist: BABA, META" in english
        assert "/summary SYMBOL – price, band, analyst targets and headlines" in english
        assert "/stats" not in english  # admin commands only for admins
        german = await ask_text(telegram_api, CHAT, "/help", lang="de-AT")
        assert "/price SYMBOL – der letzte Kurs" in german
        admin_help = await ask_text(telegram_api, 777, "/help")
        assert "Admins:" in admin_help and "/reload" in admin_help
        # The menu is registered per language; admin commands stay out of it.
        english_menu = [c["command"] for c in telegram_api.commands_for("")]
        assert english_menu == [c["command"] for c in telegram_api.commands_for("en")]
        assert {"summary", "price", "news", "targets", "chart", "status"} <= set(english_menu)
        assert "stats" not in english_menu
        german_menu = telegram_api.commands_for("de")
        assert {"command": "price", "description": "der letzte Kurs"} in german_menu


async def test_watch_unwatch_list(telegram_api: FakeTelegramAPI, store: Store) -> None:
    async with running_bot(telegram_api, store):
        assert await ask_text(telegram_api, CHAT, "/watch alibaba") == "Watching <b>BABA</b>."
        assert "bereits" in await ask_text(telegram_api, CHAT, "/watch $baba", lang="de")
        assert await ask_text(telegram_api, CHAT, "/list") == "You watch: <b>BABA</b>"
        assert await store.watchers("BABA") == [CHAT]
        assert "Stopped watching" in await ask_text(telegram_api, CHAT, "/unwatch BABA")
        assert "You don't watch" in await ask_text(telegram_api, CHAT, "/unwatch BABA")
        assert "noch nichts" in await ask_text(telegram_api, CHAT, "/list", lang="de")

        usage = await ask_text(telegram_api, CHAT, "/watch")
        assert usage == "Usage: <code>/watch SYMBOL</code>\nExample: <code>/watch BABA</code>"
        assert "Aufruf: <code>/watch SYMBOL</code>" in await ask_text(
            telegram_api, CHAT, "/watch A B", lang="de"
        )
        unknown = await ask_text(telegram_api, CHAT, "/watch <TSLA>")
        assert (
            unknown == "I don't follow <b>&lt;TSLA&gt;</b>. Symbols on the watchlist: BABA, META."
        )
        assert "verfolge ich nicht" in await ask_text(telegram_api, CHAT, "/unwatch X", lang="de")


async def test_price(telegram_api: FakeTelegramAPI, store: Store) -> None:
    async with running_bot(telegram_api, store):
        assert "no quote yet" in await ask_text(telegram_api, CHAT, "/price BABA")
        await seed_market(store)
        text = await ask_text(telegram_api, CHAT, "/price baba")
        assert text.splitlines() == [
            "<b>BABA</b> · Alibaba",
            "Price: <b>158.00 USD</b> (+1.94%) at 03.08. 13:59",
            "Band alibaba-band 154–157: above",
        ]
        german = await ask_text(telegram_api, CHAT, "/price BABA", lang="de")
        assert "Kurs: <b>158,00 USD</b> (+1,94 %) um 03.08. 13:59" in german
        assert "Band alibaba-band 154–157: darüber" in german
        assert "Usage: <code>/price SYMBOL</code>" in await ask_text(telegram_api, CHAT, "/price")
        assert "I don't follow" in await ask_text(telegram_api, CHAT, "/price XYZ")


async def test_news(telegram_api: FakeTelegramAPI, store: Store) -> None:
    async with running_bot(telegram_api, store):
        assert "No headlines yet." in await ask_text(telegram_api, CHAT, "/news BABA")
        await seed_market(store)
        text = await ask_text(telegram_api, CHAT, "/news BABA 1")
        assert text.splitlines()[1:] == [
            "<b>Newest headlines</b>",
            '• 03.08. 13:50 <a href="https://news.example/2">Alibaba cloud grows</a> <i>(wire)</i>',
        ]
        both = await ask_text(telegram_api, CHAT, "/news BABA")
        assert "Alibaba &amp; partners sign a &lt;5% deal" in both
        for bad in ("/news BABA 0", "/news BABA many", "/news BABA 1e3", "/news"):
            answer = await ask_text(telegram_api, CHAT, bad)
            assert "Usage: <code>/news SYMBOL [N]</code>" in answer
            assert ("N must be a whole number from 1 to 20." in answer) == (bad != "/news")


async def test_long_news_is_split_into_valid_messages(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    for number in range(20):
        title = f"Alibaba headline {number} <&> " + "long words " * 30
        await store.add_headline("BABA", news_item(100 + number, title, number))
    async with running_bot(telegram_api, store):
        parts = await ask(telegram_api, CHAT, "/news BABA 20", replies=2)
        await telegram_api.wait_for_calls("sendMessage", 2)
        for part in parts:
            shown = html_to_plain_text(part.text or "")  # raises on broken HTML
            assert len(shown) <= 4096
        joined = "\n".join(part.text or "" for part in parts)
        assert all(f"Alibaba headline {number} &lt;&amp;&gt;" in joined for number in range(20))
        assert [call.status for call in telegram_api.calls_of("sendMessage")] == [200, 200]


async def test_targets(telegram_api: FakeTelegramAPI, store: Store) -> None:
    async with running_bot(telegram_api, store):
        assert "No analyst targets yet." in await ask_text(telegram_api, CHAT, "/targets BABA")
        await seed_market(store)
        lines = (await ask_text(telegram_api, CHAT, "/targets BABA")).splitlines()
        assert lines[1] == "<b>Analyst targets</b>"
        assert lines[2] == (
            '• 03.08. <a href="https://news.example/4"><b>Bernstein</b></a>: '
            "Outperform (maintained), 190.00 USD lowered ← 200"
        )
        assert lines[3].startswith('• 03.08. <a href="https://news.example/3"><b>Citigroup</b>')
        assert "225.00 USD raised ← 200" in lines[3]
        assert lines[4] == (
            "Consensus of 2: mean <b>207.50 USD</b>, median 207.50 USD, "
            "upside +31.33% vs 158.00 USD"
        )
        assert len(lines) == 5  # no consensus reported by the news yet
        await store.record_consensus(
            "BABA", Consensus(mean_target=210.5, buy=30, hold=4, sell=1, currency="USD"), NOW
        )
        reported = (await ask_text(telegram_api, CHAT, "/targets BABA")).splitlines()[-1]
        assert reported == "Reported consensus: Ø 210.50 USD, buy 30 · hold 4 · sell 1"
        german = await ask_text(telegram_api, CHAT, "/targets BABA", lang="de")
        assert "Konsens aus 2: Mittel <b>207,50 USD</b>" in german
        assert "Gemeldeter Konsens: Ø 210,50 USD, Kaufen 30 · Halten 4 · Verkaufen 1" in german
        assert "Usage" in await ask_text(telegram_api, CHAT, "/targets")


async def test_old_targets_and_consensus_say_how_old_they_are(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    await seed_market(store)
    old = news_item(5, "Jefferies hebt Ziel für Alibaba auf 240 US-Dollar", 60 * 24 * 130)
    note = AnalystAction(
        broker="Jefferies",
        company="Alibaba",
        rating_action="main",
        rating="Buy",
        target_action="raise",
        target=240.0,
        prior_target=None,
        currency="USD",
    )
    await store.record_analyst("BABA", note, old)
    await store.record_consensus(
        "BABA", Consensus(mean_target=210.5, currency="USD"), NOW - timedelta(days=45)
    )
    async with running_bot(telegram_api, store):
        lines = (await ask_text(telegram_api, CHAT, "/targets BABA")).splitlines()
        jefferies = next(line for line in lines if "Jefferies" in line)
        assert jefferies.startswith("• 26.03. ") and jefferies.endswith("<i>(4 months old)</i>")
        assert not any("old" in line for line in lines if "Citigroup" in line)
        assert lines[-2].startswith("Consensus of 3") and lines[-2].endswith("(4 months old)</i>")
        assert lines[-1].endswith("<i>(45 days old)</i>")
        german = await ask_text(telegram_api, CHAT, "/summary BABA", lang="de")
        assert "<i>(4 Monate alt)</i>" in german and "<i>(45 Tage alt)</i>" in german


async def test_summary(telegram_api: FakeTelegramAPI, store: Store) -> None:
    await seed_market(store)
    async with running_bot(telegram_api, store):
        text = await ask_text(telegram_api, CHAT, "/summary Alibaba")
        lines = text.splitlines()
        assert lines[:3] == [
            "<b>BABA</b> · Alibaba",
            "Price: <b>158.00 USD</b> (+1.94%) at 03.08. 13:59",
            "Band alibaba-band 154–157: above",
        ]
        assert "<b>Analyst targets</b>" in lines
        assert any(line.startswith("Consensus of 2: mean <b>207.50 USD</b>") for line in lines)
        assert "<b>Newest headlines</b>" in lines
        assert lines.index("<b>Analyst targets</b>") < lines.index("<b>Newest headlines</b>")
        assert 'href="https://news.example/1"' in text
        german = await ask_text(telegram_api, CHAT, "/summary BABA", lang="de")
        assert "<b>Neueste Meldungen</b>" in german and "<b>Kursziele der Analysten</b>" in german
        # Percentages as the German alerts write them, with the space before the sign.
        assert "Kurs: <b>158,00 USD</b> (+1,94 %) um 03.08. 13:59" in german
        assert "Potenzial +31,33 % zu 158,00 USD" in german
        assert "Usage: <code>/summary SYMBOL</code>" in await ask_text(
            telegram_api, CHAT, "/summary"
        )


async def test_status(telegram_api: FakeTelegramAPI, store: Store) -> None:
    await store.record_source("wire", NOW - timedelta(minutes=5), ok=True)
    await store.record_source("wire", NOW - timedelta(minutes=4), ok=False, error="HTTP 503 <x>")
    await store.record_source("wire", NOW - timedelta(minutes=3), ok=False, error="HTTP 503 <x>")
    async with running_bot(telegram_api, store) as application:
        lines = (await ask_text(telegram_api, CHAT, "/status")).splitlines()
        assert lines == [
            "🟢 Storage (Redis): up",
            "<b>Sources</b>",
            "🔴 wire: last success 03.08. 13:55; failures 2 (2 in a row)",
            "   last error: HTTP 503",
            "⚪ prices: last success never; failures 0 (0 in a row)",
        ]
        await store.record_source("prices", NOW, ok=True)
        german = await ask_text(telegram_api, CHAT, "/status", lang="de")
        assert "🟢 prices: zuletzt erfolgreich 03.08. 14:00; Fehler 0 (0 in Folge)" in german

        # What the Redis watch saw: an outage going on, then one that ended.
        health = application.bot_data[SERVICES].redis
        health.up, health.down_since, health.outages = False, NOW, 1
        down = await ask_text(telegram_api, CHAT, "/status")
        assert (
            down
            == "🔴 Storage (Redis): not answering since 03.08. 14:00; alerts wait until it is back"
        )
        health.up, health.last_outage = True, (NOW, NOW + timedelta(seconds=12))
        recovered = (await ask_text(telegram_api, CHAT, "/status")).splitlines()[0]
        assert recovered == "🟢 Storage (Redis): up; 1 outage, 12 s until 03.08. 14:00"
        health.out_of_memory = True
        full = (await ask_text(telegram_api, CHAT, "/status", lang="de")).splitlines()[0]
        assert full.startswith("🔴 Speicher (Redis): voll (maxmemory erreicht)")
