"""What a new user meets, through real python-telegram-bot and the fake Bot API: German replies
of the preference commands, hints for unknown commands, plain text and stale buttons, one message
per mistake, what `off` removed, the /news cap, the flood notice's real wait, readable /rules, and
help texts that agree with the README."""

from __future__ import annotations

import re
from datetime import timedelta
from html import escape as esc
from pathlib import Path
from typing import Any

from fakes.telegram_api import FakeTelegramAPI
from telegram_harness import ADMIN, NOW, TOKEN, ask, ask_text, make_config, running_bot

from bot.config import Config
from bot.models import NewsItem
from bot.store import Store
from handlers.commands import COMMANDS

CHAT = 3003
GROUP = -100777
README = Path(__file__).resolve().parents[1] / "README.md"
LIST_AFTER_AT_MOST = 6
ENGLISH_WORDS = re.compile(r"\b(Muted|until|mutes?|ended|Quiet hours|Active rules|Digest)\b")


async def answered_in_turn(
    api: FakeTelegramAPI, chat_id: int, text: str, lang: str = "en"
) -> list[str]:
    """Every reply to `text`, however many: updates are handled one after another, so once the
    /list pushed after it is answered, nothing more comes for `text`."""
    before = len(api.messages_to(chat_id))
    chat_type = "private" if chat_id > 0 else "group"
    if text.startswith("/"):
        api.push_command(chat_id, text, language_code=lang, chat_type=chat_type)
    else:
        api.push_text(chat_id, text, language_code=lang, chat_type=chat_type)
    api.push_command(chat_id, "/list", chat_type=chat_type)
    for count in range(before + 1, before + LIST_AFTER_AT_MOST):
        records = await api.wait_for_messages(count, chat_id=chat_id)
        if (records[-1].text or "").startswith("You watch"):
            return [record.text or "" for record in records[before:-1]]
    raise AssertionError(f"no answer to the /list after {text!r}")


def config_with_rules(api: FakeTelegramAPI, rules: list[dict[str, Any]], **telegram: Any) -> Config:
    base = make_config(api, **telegram)
    options = Config.model_validate({"telegram": {"token": TOKEN}, "rules": rules}).rules
    return base.model_copy(update={"rules": options})


NEWS_RULES: list[dict[str, Any]] = [
    {"name": "alibaba-band", "type": "price_band", "symbol": "BABA", "low": 154, "high": 157},
    {"name": "capital-raise", "type": "keyword", "any": ["Kapitalerhöhung", "capital increase"]},
]


async def test_preference_commands_answer_in_german(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    config = config_with_rules(telegram_api, NEWS_RULES)
    async with running_bot(telegram_api, store, config=config):

        async def de(text: str) -> str:
            return await ask_text(telegram_api, CHAT, text, lang="de")

        # NOW is 14:00 in Berlin.
        assert await de("/mute baba 1h") == (
            "Stummgeschaltet für 1 Stunde: BABA, bis 03.08.2026 15:00 (Europe/Berlin)."
        )
        assert await de("/mute capital-raise 2d") == (
            "Stummgeschaltet für 2 Tage: Regel capital-raise, bis 05.08.2026 14:00 (Europe/Berlin)."
        )
        assert await de("/mute TSLA 1h") == (
            "Ein Symbol oder eine Regel <b>TSLA</b> kenne ich nicht.\n"
            "Symbole: BABA, META\nRegeln: alibaba-band, capital-raise"
        )
        listed = await de("/rules")
        assert listed.splitlines() == [
            "<b>Aktive Regeln</b> (2)",
            "• <b>alibaba-band</b>: Kursband BABA 154–157 [Warnung]",
            "• <b>capital-raise</b>: Stichwort: eines von Kapitalerhöhung, capital increase "
            "[Warnung]",
            "<b>Stummgeschaltet</b>",
            "• BABA bis 03.08.2026 15:00 (Europe/Berlin)",
            "• Regel capital-raise bis 05.08.2026 14:00 (Europe/Berlin)",
        ]
        assert await de("/unmute BABA") == "BABA ist nicht mehr stummgeschaltet."
        assert await de("/unmute BABA") == "BABA war nicht stummgeschaltet."
        assert await de("/unmute") == "Alle Stummschaltungen beendet (1)."
        assert await de("/unmute all") == "Es war nichts stummgeschaltet."

        assert await de("/quiet") == "Keine Ruhezeit eingestellt."
        assert (await de("/quiet 22:00-07:00")).startswith(
            "Ruhezeit 22:00-07:00 (Europe/Berlin): Alarme warten, bis sie endet;"
        )
        assert await de("/quiet") == "Ruhezeit: 22:00-07:00 (Europe/Berlin)."
        assert await de("/digest 08:30") == (
            "Tägliche Übersicht um 08:30 (Europe/Berlin); Info-Alarme warten darauf. "
            "Nächste: 04.08.2026 08:30 (Europe/Berlin)."
        )
        listed = await de("/rules")
        assert listed.splitlines()[-2:] == [
            "Ruhezeit: 22:00-07:00 (Europe/Berlin).",
            "Tägliche Übersicht um 08:30 (Europe/Berlin).",
        ]
        assert (await de("/digest 8:30")).startswith("Tägliche Übersicht um 08:30 (Europe/Berlin)")
        assert (await de("/quiet 7:05-8:00")).startswith("Ruhezeit 07:05-08:00 (Europe/Berlin)")
        assert await de("/quiet") == "Ruhezeit: 07:05-08:00 (Europe/Berlin)."
        assert await de("/digest off") == "Übersicht aus."
        assert (await de("/quiet off")).startswith("Ruhezeit aus.")
        assert await de("/digest") == "Keine Übersicht eingestellt."
        german = [record.text or "" for record in telegram_api.messages_to(CHAT)]
        assert [text for text in german if ENGLISH_WORDS.search(text)] == []


async def test_a_mistake_gets_one_message_with_the_problem_and_the_usage(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    async with running_bot(telegram_api, store):
        cases = [
            ("/mute BABA bald", "de", "Gib eine Dauer von 1m bis 365d an", "/mute SYMBOL"),
            ("/mute BABA soon", "en", "Give a duration from 1m to 365d", "/mute SYMBOL"),
            ("/mute BABA 1h extra", "en", "Too many arguments.", "/mute SYMBOL"),
            ("/quiet 7-8", "de", "<code>7</code> ist keine Uhrzeit", "/quiet HH:MM"),
            ("/quiet 22:00", "en", "<code>22:00</code> is not a period", "/quiet HH:MM"),
            ("/quiet 08:00-08:00", "de", "Die Ruhezeit darf nicht", "/quiet HH:MM"),
            ("/digest 25:00", "en", "<code>25:00</code> is not a time of day", "/digest HH:MM"),
            ("/digest 08:00 Mars/Base", "de", "Unbekannte Zeitzone <code>Mars/Base</code>", "/di"),
            ("/digest 08:00 UTC x", "de", "Zu viele Angaben.", "/digest HH:MM|off [ZONE]"),
            # Commands without arguments say so rather than ignore what follows them.
            ("/list BABA", "en", "Too many arguments.", "/list</code>"),
            ("/mine all", "de", "Zu viele Angaben.", "/mine</code>"),
            ("/rules BABA", "en", "Too many arguments.", "/rules</code>"),
            ("/feeds shared", "en", "Too many arguments.", "/feeds</code>"),
            ("/status BABA", "en", "Too many arguments.", "/status</code>"),
            ("/help watch", "en", "Too many arguments.", "/help</code>"),
        ]
        for command, lang, problem, usage in cases:
            replies = await answered_in_turn(telegram_api, CHAT, command, lang)
            assert len(replies) == 1, (command, replies)
            [text] = replies
            first, _, rest = text.partition("\n")
            assert first.startswith(problem), (command, text)
            label = "Aufruf" if lang == "de" else "Usage"
            assert rest.startswith(f"{label}: <code>{usage}"), (command, text)


async def test_unknown_commands_and_plain_text_get_a_hint_in_private_chats_only(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    async with running_bot(telegram_api, store):
        assert await answered_in_turn(telegram_api, CHAT, "/foo") == [
            "I don't know <code>/foo</code>. /help lists the commands."
        ]
        assert await answered_in_turn(telegram_api, CHAT, "/foo bar", "de") == [
            "Den Befehl <code>/foo</code> kenne ich nicht. /help zeigt alle Befehle."
        ]
        assert await answered_in_turn(telegram_api, CHAT, "hello there") == [
            "I only understand commands; /help lists them."
        ]
        assert await answered_in_turn(telegram_api, CHAT, "alibaba", "de") == [
            "Für <b>BABA</b> probier <code>/summary BABA</code>; /help zeigt alle Befehle."
        ]
        # A file is read only as an OPML import; in a group it is people sharing files.
        hint = "I only read files sent as an OPML import: send the file with the caption /import."
        for caption in (None, "my feeds"):
            before = len(telegram_api.messages_to(CHAT))
            telegram_api.push_document(CHAT, b"<opml/>", "feeds.opml", caption=caption)
            records = await telegram_api.wait_for_messages(before + 1, chat_id=CHAT)
            assert [record.text for record in records[before:]] == [hint]
        telegram_api.push_document(GROUP, b"<opml/>", "feeds.opml", chat_type="group")
        assert await answered_in_turn(telegram_api, GROUP, "/foo") == []
        # In a group people talk to each other, and other bots have their own commands.
        for quiet in ("hello there", "/foo", "/foo@other_bot", "/watch@other_bot BABA"):
            assert await answered_in_turn(telegram_api, GROUP, quiet) == [], quiet
        assert await answered_in_turn(telegram_api, GROUP, "/foo@tickerwatch_test_bot") == [
            "I don't know <code>/foo</code>. /help lists the commands."
        ]


async def test_every_button_press_is_answered(telegram_api: FakeTelegramAPI, store: Store) -> None:
    async with running_bot(telegram_api, store):
        await ask(telegram_api, CHAT, "/help")
        presses = [("garbage:data", "en"), ("tw:nope:BABA", "de"), ("", "en"), ("tw:sum:", "en")]
        for number, (data, lang) in enumerate(presses, start=1):
            telegram_api.push_callback_query(CHAT, data, language_code=lang)
            await telegram_api.wait_for_calls("answerCallbackQuery", number)
        assert [answer.text for answer in telegram_api.callback_answers] == [
            "Unknown or expired button.",
            "Unbekannte oder abgelaufene Schaltfläche.",
            "Unknown or expired button.",
            "This button no longer works.",
        ]


async def test_news_caps_a_large_count_at_twenty_and_says_so(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    for number in range(25):
        item = NewsItem(
            id=f"c{number}",
            source="wire",
            title=f"Alibaba note {number}",
            summary="",
            link=f"https://news.example/{number}",
            published=NOW - timedelta(minutes=number),
            lang="en",
            symbols=("BABA",),
        )
        await store.add_headline("BABA", item)
    async with running_bot(telegram_api, store):
        lines = (await ask_text(telegram_api, CHAT, "/news BABA 999")).splitlines()
        assert len([line for line in lines if line.startswith("• ")]) == 20
        assert lines[-1] == "<i>20 is the most I show at once.</i>"
        german = await ask_text(telegram_api, CHAT, "/news BABA 21", lang="de")
        assert german.endswith("<i>Mehr als 20 zeige ich nicht auf einmal.</i>")
        exact = await ask_text(telegram_api, CHAT, "/news BABA 20")
        assert "most I show" not in exact and exact.count("• ") == 20
        huge = await ask_text(telegram_api, CHAT, "/news BABA " + "9" * 5000)
        assert huge.startswith("N must be a whole number from 1 to 20.\nUsage:")


async def test_flood_notice_says_how_long_the_window_has_left(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    config = make_config(telegram_api, commands_per_minute=2)
    later = NOW + timedelta(seconds=25)  # NOW starts a flood window
    async with running_bot(telegram_api, store, config=config, clock=lambda: later):
        for _ in range(2):
            await ask(telegram_api, CHAT, "/list")
        assert await ask_text(telegram_api, CHAT, "/list") == (
            "Too many commands; please wait 35 s."
        )
        other = CHAT + 1
        for _ in range(2):
            await ask(telegram_api, other, "/list", lang="de")
        assert await ask_text(telegram_api, other, "/list", lang="de") == (
            "Zu viele Befehle; bitte 35 s warten."
        )


async def test_rules_read_as_words_in_both_languages(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    rules: list[dict[str, Any]] = [
        *NEWS_RULES,
        {
            "name": "big-targets",
            "type": "analyst",
            "rating_actions": ["up", "down"],
            "target_actions": ["raise"],
            "min_target_change_pct": 10,
        },
        {
            "name": "baba-move",
            "type": "price_move",
            "symbol": "BABA",
            "change_pct": 3,
            "window": "1h",
            "cooldown": "30m",
        },
        {"name": "meta-low", "type": "threshold", "symbol": "META", "below": 500.5},
        {
            "name": "both",
            "type": "combo",
            "all": ["big-targets", "baba-move"],
            "within": "1d",
            "severity": "critical",
        },
        {
            "name": "deals",
            "type": "partnership",
            "parties": ["Meta"],
            "symbols": ["BABA"],
            "severity": "info",
        },
    ]
    config = config_with_rules(telegram_api, rules)
    async with running_bot(telegram_api, store, config=config):
        english = (await ask_text(telegram_api, CHAT, "/rules")).splitlines()
        assert english == [
            "<b>Active rules</b> (7)",
            "• <b>alibaba-band</b>: price band BABA 154–157 [warning]",
            "• <b>capital-raise</b>: keyword any of Kapitalerhöhung, capital increase [warning]",
            "• <b>big-targets</b>: analyst actions (upgrades, downgrades; targets raised; "
            "target change ≥ 10%) [warning]",
            "• <b>baba-move</b>: price move BABA ±3% within 1h · cooldown 30m [warning]",
            "• <b>meta-low</b>: price META below 500.5 [warning]",
            "• <b>both</b>: together within 1d: all of big-targets, baba-move [critical]",
            "• <b>deals</b>: partnerships with Meta for BABA [info]",
        ]
        german = (await ask_text(telegram_api, CHAT, "/rules", lang="de")).splitlines()
        assert german[4:] == [
            "• <b>baba-move</b>: Kursbewegung BABA ±3 % innerhalb von 1 Stunde · "
            "Sperrzeit 30 Minuten [Warnung]",
            "• <b>meta-low</b>: Kurs META unter 500,5 [Warnung]",
            "• <b>both</b>: zusammen innerhalb von 1 Tag: alle von big-targets, baba-move "
            "[kritisch]",
            "• <b>deals</b>: Partnerschaften mit Meta für BABA [Info]",
        ]


async def test_help_and_the_readme_commands_table_agree(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    table = README.read_text(encoding="utf-8")
    for info in COMMANDS:
        row = "| `" + info.usage().replace("|", "\\|") + "` |"
        assert row in table, row
    async with running_bot(telegram_api, store):
        english = await ask_text(telegram_api, ADMIN, "/start")
        german = await ask_text(telegram_api, ADMIN, "/help", lang="de")
    for info in COMMANDS:
        if info.in_menu:
            assert f"{esc(info.usage())} – {esc(info.about['en'])}" in english
            assert f"{esc(info.usage())} – {esc(info.about['de'])}" in german
    assert "/quiet HH:MM-HH:MM|off [ZONE] – quiet hours: alerts wait until they end" in english
    assert "/mute SYMBOL|RULE|all DURATION – " in english
    assert "without sound" not in english and "ohne Ton" not in german


async def test_a_symbol_typed_in_full_width_or_pasted_with_invisible_characters_is_known(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    async with running_bot(telegram_api, store):
        # A Japanese or Chinese keyboard types full-width Latin letters; text copied from a web
        # page can carry zero-width spaces and joiners inside a ticker.
        assert await ask_text(telegram_api, CHAT, "/watch ＢＡＢＡ") == "Watching <b>BABA</b>."
        assert await ask_text(telegram_api, CHAT, "/unwatch ＄BA\u200bBA") == (
            "Stopped watching <b>BABA</b>."
        )
        summary = await ask_text(telegram_api, CHAT, "/summary \u2060META\ufeff")
        assert summary.startswith("<b>META</b> · Meta Platforms")


async def test_a_symbol_taken_off_the_watchlist_can_still_be_unwatched(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    await store.watch(CHAT, "BABA")
    await store.watch(CHAT, "TSLA")  # watched before a reload took it off the watchlist
    async with running_bot(telegram_api, store):
        assert await ask_text(telegram_api, CHAT, "/list") == (
            "You watch: <b>BABA</b>, <b>TSLA</b>"
        )
        assert await ask_text(telegram_api, CHAT, "/unwatch $tsla") == (
            "Stopped watching <b>TSLA</b>."
        )
        assert await store.watched(CHAT) == ["BABA"]
        unknown = await ask_text(telegram_api, CHAT, "/unwatch NFLX")
        assert unknown.startswith("I don't follow <b>NFLX</b>.")


async def test_lang_sets_the_chats_language_for_replies_and_alerts(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    telegram_api.set_chat_admins(GROUP, [4001])
    async with running_bot(telegram_api, store):
        shown = await ask_text(telegram_api, CHAT, "/lang")
        assert shown.startswith("This chat's language: English, from the Telegram setting.\n")
        assert "Usage: <code>/lang [en|de|auto]</code>" in shown
        assert await ask_text(telegram_api, CHAT, "/lang de") == (
            "Ich schreibe in diesem Chat jetzt auf Deutsch: Antworten, Alarme und Übersichten."
        )
        # The sender's Telegram is set to English; the chat's choice wins, for alerts too.
        assert await ask_text(telegram_api, CHAT, "/digest") == "Keine Übersicht eingestellt."
        assert (await ask_text(telegram_api, CHAT, "/lang")).startswith(
            "Sprache dieses Chats: Deutsch, gewählt mit /lang."
        )
        assert await store.chat_language(CHAT) == "de"
        wrong = await ask_text(telegram_api, CHAT, "/lang fr")
        assert wrong.startswith("<code>fr</code> ist keine Sprache, in der ich schreibe")
        assert "\nAufruf: <code>/lang [en|de|auto]</code>" in wrong
        assert (await ask_text(telegram_api, CHAT, "/lang de en")).startswith("Zu viele Angaben.")
        assert await ask_text(telegram_api, CHAT, "/lang auto") == (
            "The language follows the Telegram setting again (yours: English)."
        )
        assert await ask_text(telegram_api, CHAT, "/digest") == "No digest set."
        assert await store.chosen_language(CHAT) is None

        # In a group, only its admins choose; anyone may look.
        async def in_group(text: str, user: int) -> str:
            before = len(telegram_api.messages_to(GROUP))
            telegram_api.push_command(GROUP, text, user_id=user, chat_type="supergroup")
            records = await telegram_api.wait_for_messages(before + 1, chat_id=GROUP)
            return records[before].text or ""

        refused = await in_group("/lang de", 4002)
        assert refused.startswith("Only this group's admins can change its settings.")
        assert (await in_group("/lang", 4002)).startswith("This chat's language: English")
        assert (await in_group("/lang de", 4001)).startswith(
            "Ich schreibe in diesem Chat jetzt auf Deutsch"
        )
        assert await store.chat_language(GROUP) == "de"
        assert await store.chat_language(CHAT) == "en"
