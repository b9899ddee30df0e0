"""A consensus paragraph in a news item, extracted, remembered and shown by /targets and
/summary through real python-telegram-bot and the fake Bot API, in English and German."""

from __future__ import annotations

from fakes.telegram_api import FakeTelegramAPI
from telegram_harness import NOW, ask_text, running_bot

from bot.models import NewsItem
from bot.pipeline.enrich import remember, resolve
from bot.pipeline.symbols import SymbolMatcher
from bot.store import Store
from rules.extract import extract

CHAT = 1002


def item(number: int, text: str, lang: str) -> NewsItem:
    title, _, summary = text.partition("\n")
    return NewsItem(
        id=f"c{number}",
        source="wire",
        title=title,
        summary=summary,
        link=f"https://news.example/c{number}",
        published=NOW,
        lang=lang,
        symbols=("BABA",),
    )


async def remember_text(store: Store, number: int, text: str, lang: str) -> None:
    news = item(number, text, lang)
    events = extract(text, lang)
    matcher = SymbolMatcher({"BABA": ["Alibaba"]})
    await remember(resolve([(news, events)], matcher), store)


async def test_english_counts_and_rating_are_shown(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    text = (
        "Analysts stay upbeat on Alibaba\n"
        "Alibaba carries a consensus rating of 'Moderate Buy'. Of the 40 analysts covering "
        "the company, 31 rate it buy, 8 hold and 1 sell, with an average price target of $150."
    )
    await remember_text(store, 1, text, "en")
    async with running_bot(telegram_api, store):
        english = (await ask_text(telegram_api, CHAT, "/targets BABA")).splitlines()
        assert english[-1] == (
            "Reported consensus: <b>Moderate Buy</b>, Ø 150.00 USD, "
            "buy 31 · hold 8 · sell 1 of 40 analysts"
        )
        summary = await ask_text(telegram_api, CHAT, "/summary BABA")
        assert "buy 31 · hold 8 · sell 1 of 40 analysts" in summary


async def test_german_counts_without_a_sell_side_leave_it_out(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    text = (
        "Alibaba-Aktie: Was die Analysten sagen\n"
        "Von den 25 Analysten, die Alibaba beobachten, raten 21 zum Kauf und 4 zum Halten. "
        "Das durchschnittliche Kursziel liegt bei 140 US-Dollar."
    )
    await remember_text(store, 2, text, "de")
    async with running_bot(telegram_api, store):
        german = await ask_text(telegram_api, CHAT, "/targets BABA", lang="de")
        assert german.splitlines()[-1] == (
            "Gemeldeter Konsens: Ø 140,00 USD, Kaufen 21 · Halten 4 von 25 Analysten"
        )
        summary = await ask_text(telegram_api, CHAT, "/summary BABA", lang="de")
        assert "Kaufen 21 · Halten 4 von 25 Analysten" in summary
        assert "Verkaufen" not in summary
