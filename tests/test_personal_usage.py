"""Usage replies say what was wrong before the usage line, in one message, in English and
German: /band, /alert, one symbol at a time, and what a /mute duration looks like."""

from __future__ import annotations

from fakes.telegram_api import FakeTelegramAPI
from telegram_harness import ask_text, running_bot

from bot.store import Store

CHAT = 3003

CASES = [
    ("/band BABA 150", "en", "Missing HIGH.", "/band SYMBOL LOW HIGH"),
    ("/band BABA", "de", "Es fehlen LOW und HIGH.", "/band SYMBOL LOW HIGH"),
    ("/band BABA 160 150", "en", "LOW must be below HIGH (got 160 and 150).", "/band SYMBOL"),
    ("/band BABA 150 abc", "en", "<code>abc</code> is not a price", "/band SYMBOL"),
    ("/band BABA 1 2 3", "de", "Zu viele Angaben.", "/band SYMBOL"),
    ("/alert BABA 160", "en", "Missing &gt; or &lt; before the price.", "/alert SYMBOL"),
    ("/alert BABA 160", "de", "Es fehlt &gt; oder &lt; vor dem Kurs.", "/alert SYMBOL"),
    ("/alert BABA", "en", "Missing &gt; or &lt; and PRICE.", "/alert SYMBOL"),
    ("/alert BABA >", "en", "Missing PRICE.", "/alert SYMBOL"),
    ("/alert BABA > x", "en", "<code>x</code> is not a price", "/alert SYMBOL"),
    ("/alert BABA = 5", "en", "Start with &gt; (above) or &lt; (below)", "/alert SYMBOL"),
    ("/price BABA SAP", "en", "One symbol at a time.", "/price SYMBOL"),
    ("/summary BABA META", "de", "Bitte nur ein Symbol auf einmal.", "/summary SYMBOL"),
    ("/mute BABA", "en", "Missing DURATION, e.g. <code>2h</code>", "/mute SYMBOL"),
    ("/mute BABA 5x", "en", "Give a duration from 1m to 365d, e.g. <code>30m</code>", "/mute"),
    ("/mute BABA 5x", "de", "Gib eine Dauer von 1m bis 365d an, z. B. <code>30m</code>", "/mute"),
]


async def test_usage_replies_say_what_was_wrong(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    async with running_bot(telegram_api, store):
        for command, lang, problem, usage in CASES:
            text = await ask_text(telegram_api, CHAT, command, lang=lang)
            first, _, rest = text.partition("\n")
            assert first.startswith(problem), (command, text)
            label = "Aufruf" if lang == "de" else "Usage"
            assert rest.startswith(f"{label}: <code>{usage}"), (command, text)
        assert await store.personal_rules("BABA") == {}
        assert "Your band" in await ask_text(telegram_api, CHAT, "/band BABA 150 160")
