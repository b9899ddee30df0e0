"""A chat's own bands and price alerts, as the user sees them: /mine with remove buttons, the
same lines in /rules, a band set while the price is already outside, a fired one-shot alert, and
the Mute 1d button turning into Unmute. Real python-telegram-bot against the fake Bot API."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fakes.telegram_api import FakeTelegramAPI
from fakes.telegram_records import SentRecord
from telegram_harness import NOW, ask, ask_text, running_bot

from bot.delivery.telegram import TelegramDelivery
from bot.models import Quote
from bot.store import Store
from handlers.buttons import alert_keyboard
from rules.alert import Alert

CHAT = 3003


def buttons(record: SentRecord) -> list[tuple[str, str]]:
    markup: dict[str, Any] = record.reply_markup or {}
    return [
        (button["text"], button["callback_data"])
        for row in markup.get("inline_keyboard", [])
        for button in row
    ]


async def press(api: FakeTelegramAPI, data: str, message_id: int, **options: Any) -> str:
    answers = len(api.callback_answers)
    api.push_callback_query(CHAT, data, message_id=message_id, **options)
    await api.wait_for_calls("answerCallbackQuery", answers + 1)
    return api.callback_answers[-1].text or ""


async def wait_for_edits(api: FakeTelegramAPI, method: str, count: int) -> list[SentRecord]:
    await api.wait_for_calls(method, count)
    return [record for record in api.edits if record.method == method]


async def test_mine_lists_the_chats_rules_with_buttons_that_remove_them(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    await store.add_quote(Quote("BABA", 155.0, NOW - timedelta(minutes=2), "USD", 150.0))
    async with running_bot(telegram_api, store):
        assert "no bands or price alerts" in await ask_text(telegram_api, CHAT, "/mine")
        await ask(telegram_api, CHAT, "/band BABA 150 160")
        await ask(telegram_api, CHAT, "/alert META < 400,5")
        [listing] = await ask(telegram_api, CHAT, "/mine")
        assert listing.text == (
            "<b>Your bands and price alerts</b>\n"
            "• <b>BABA</b> band 150–160, now inside\n"
            "• <b>META</b> below 400.5"
        )
        assert buttons(listing) == [
            ("Remove BABA 150–160", "tw:rm:BABA:band"),
            ("Remove META < 400.5", "tw:rm:META:below"),
        ]
        german = await ask_text(telegram_api, CHAT, "/mine", lang="de")
        assert "• <b>META</b> unter 400,5" in german and "Kursbänder" in german

        removed = await press(telegram_api, "tw:rm:BABA:band", listing.message_id)
        assert removed == "Removed BABA 150–160."
        assert await store.personal_rules("BABA") == {}
        [edit] = await wait_for_edits(telegram_api, "editMessageText", 1)
        assert edit.message_id == listing.message_id
        assert "BABA" not in (edit.text or "") and "META" in (edit.text or "")
        assert buttons(edit) == [("Remove META < 400.5", "tw:rm:META:below")]

        # A second press of a stale button removes nothing and says so.
        assert await press(telegram_api, "tw:rm:BABA:band", listing.message_id) == (
            "Already removed."
        )
        await press(telegram_api, "tw:rm:META:below", listing.message_id)
        edits = await wait_for_edits(telegram_api, "editMessageText", 2)
        assert "no bands or price alerts" in (edits[-1].text or "")
        assert edits[-1].reply_markup is None
        assert await store.personal_rules("META") == {}


async def test_a_band_set_outside_the_price_says_so_at_once(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    await store.add_quote(Quote("BABA", 158.4, NOW - timedelta(minutes=2), "USD", 150.0))
    async with running_bot(telegram_api, store) as application:
        above = await ask_text(telegram_api, CHAT, "/band BABA 150 155")
        assert above == (
            "Your band for <b>BABA</b> is 150–155. You get a message when the price leaves it "
            "and when it comes back.\n<b>BABA</b> is already above your band: 158.40 USD."
        )
        below = await ask_text(telegram_api, CHAT, "/band BABA 160 170", lang="de")
        assert below.endswith("\n<b>BABA</b> liegt schon unter deinem Band: 158,40 USD.")
        inside = await ask_text(telegram_api, CHAT, "/band BABA 150 160")
        assert "already" not in inside
        await ask(telegram_api, CHAT, "/band BABA 150 155")
        # Having said it, the band does not alert again while the price stays outside.
        pipeline = application.bot_data["services"].pipeline
        later = NOW + timedelta(minutes=1)
        alerts = await pipeline.process_quotes([Quote("BABA", 159.0, later, "USD")], later)
        assert [alert for alert in alerts if alert.type == "personal"] == []
        assert "now above" in await ask_text(telegram_api, CHAT, "/mine")


async def test_a_fired_price_alert_is_shown_as_fired(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    async with running_bot(telegram_api, store) as application:
        pipeline = application.bot_data["services"].pipeline
        await ask(telegram_api, CHAT, "/alert BABA > 160")
        fired = await pipeline.process_quotes([Quote("BABA", 161.0, NOW, "USD")], NOW)
        assert [alert.rule for alert in fired if alert.type == "personal"] == ["your-alert"]

        [listing] = await ask(telegram_api, CHAT, "/mine")
        line = "• <b>BABA</b> above 160: fired at 161.00 USD, 03.08. 14:00"
        assert (listing.text or "").endswith(line)
        assert buttons(listing) == [("Remove BABA > 160", "tw:rm:BABA:above")]
        assert line in await ask_text(telegram_api, CHAT, "/rules")
        german = await ask_text(telegram_api, CHAT, "/mine", lang="de")
        assert "über 160: ausgelöst bei 161,00 USD, 03.08. 14:00" in german

        off = await ask_text(telegram_api, CHAT, "/alert BABA off")
        assert off == (
            "Your price alert for <b>BABA</b> had already fired (above 160: 161.00 USD, "
            "03.08. 14:00); it is off your list now."
        )
        assert "no bands or price alerts" in await ask_text(telegram_api, CHAT, "/mine")
        assert "no price alert" in await ask_text(telegram_api, CHAT, "/alert BABA off")

        # Setting the alert again replaces the fired one.
        await ask(telegram_api, CHAT, "/alert BABA > 160")
        later = NOW + timedelta(minutes=1)
        await pipeline.process_quotes([Quote("BABA", 162.0, later, "USD")], later)
        await ask(telegram_api, CHAT, "/alert BABA > 170")
        assert (await ask_text(telegram_api, CHAT, "/mine")).endswith("• <b>BABA</b> above 170")


async def test_the_mute_button_turns_into_unmute_and_back(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    await store.register_chat(CHAT, "de")
    await store.watch(CHAT, "BABA")
    alert = Alert(
        rule="alibaba-band",
        type="price_band",
        severity="warning",
        symbol="BABA",
        headline="BABA left its band 154–157, now above: 158.00 USD",
        time=NOW,
        dedup_key="m1",
    )
    async with running_bot(telegram_api, store) as application:
        await TelegramDelivery(application.bot, store, keyboard=alert_keyboard).deliver(alert)
        [sent] = await telegram_api.wait_for_messages(1, chat_id=CHAT)
        assert buttons(sent)[-1] == ("1 Tag stumm", "tw:mute:BABA")

        muted = await press(telegram_api, "tw:mute:BABA", sent.message_id, language_code="en")
        assert muted == "BABA muted for one day."
        assert list(await store.mutes(CHAT, NOW)) == ["symbol:BABA"]
        [edit] = await wait_for_edits(telegram_api, "editMessageReplyMarkup", 1)
        assert edit.message_id == sent.message_id
        # The alert is German, so are its buttons, whoever pressed.
        assert buttons(edit) == [
            ("Überblick", "tw:sum:BABA"),
            ("Chart", "tw:chart:BABA"),
            ("Stumm aufheben", "tw:unmute:BABA"),
        ]

        unmuted = await press(telegram_api, "tw:unmute:BABA", sent.message_id, language_code="de")
        assert unmuted == "BABA ist nicht mehr stummgeschaltet."
        assert await store.mutes(CHAT, NOW) == {}
        edits = await wait_for_edits(telegram_api, "editMessageReplyMarkup", 2)
        assert buttons(edits[-1]) == buttons(sent)


async def test_rules_on_a_symbol_taken_off_the_watchlist_are_listed_and_removable(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    # Set while TSLA was on the watchlist, before a reload took it off.
    await store.set_personal_rule(CHAT, "TSLA", "band", {"low": 200.0, "high": 250.0})
    await store.set_personal_rule(CHAT, "TSLA", "above", {"price": 300.0})
    await store.set_personal_rule(CHAT, "TSLA", "below", {"price": 100.0})
    async with running_bot(telegram_api, store):
        [listing] = await ask(telegram_api, CHAT, "/mine")
        unlisted = "(no longer on the watchlist: never fires; remove it)"
        assert listing.text == (
            "<b>Your bands and price alerts</b>\n"
            f"• <b>TSLA</b> band 200–250, now inside {unlisted}\n"
            f"• <b>TSLA</b> above 300 {unlisted}\n"
            f"• <b>TSLA</b> below 100 {unlisted}"
        )
        assert ("Remove TSLA < 100", "tw:rm:TSLA:below") in buttons(listing)
        assert "nicht mehr auf der Watchlist" in await ask_text(
            telegram_api, CHAT, "/rules", lang="de"
        )
        assert await press(telegram_api, "tw:rm:TSLA:below", listing.message_id) == (
            "Removed TSLA < 100."
        )
        assert await ask_text(telegram_api, CHAT, "/band TSLA off") == (
            "Removed your band for <b>TSLA</b> (200–250)."
        )
        assert (await ask_text(telegram_api, CHAT, "/alert $tsla off")).startswith(
            "Removed your price alert for <b>TSLA</b>"
        )
        assert await store.personal_rules("TSLA") == {}
        assert "no bands or price alerts" in await ask_text(telegram_api, CHAT, "/mine")
        unknown = await ask_text(telegram_api, CHAT, "/band TSLA off")
        assert unknown.startswith("I don't follow <b>TSLA</b>.")
