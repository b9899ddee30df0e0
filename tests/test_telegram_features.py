"""/chart (a real PNG with the band drawn), /band and /alert personal rules, the inline buttons
under alerts, and webhook mode."""

from __future__ import annotations

import io
from datetime import timedelta
from zoneinfo import ZoneInfo

import aiohttp
import numpy as np
from delivery_setup import subscribe
from fakes.telegram_api import FakeTelegramAPI
from matplotlib.image import imread
from matplotlib.patches import Polygon, Rectangle
from telegram_harness import NOW, ask, ask_text, make_config, running_bot

from bot.charts import BAND_ALPHA, BAND_COLOUR, Band, EventMark, build_figure, render_chart
from bot.delivery.telegram import TelegramDelivery
from bot.models import Quote
from bot.store import Store
from bot.telegram_app import WEBHOOK
from handlers.buttons import alert_keyboard
from rules.alert import Alert

CHAT = 3003
ZONE = ZoneInfo("Europe/Berlin")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def series(count: int = 60, start: float = 150.0) -> list[Quote]:
    return [
        Quote("BABA", start + (n % 12), NOW - timedelta(minutes=5 * (count - n)), "USD", 150.0)
        for n in range(count)
    ]


def band_pixels(png: bytes) -> int:
    """Pixels showing the band's fill over the white background."""
    image = imread(io.BytesIO(png))[:, :, :3]
    colour = np.array([int(BAND_COLOUR[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    blended = 1.0 - BAND_ALPHA * (1.0 - colour)
    return int((np.abs(image - blended).max(axis=2) < 0.02).sum())


# -- charts -----------------------------------------------------------------------------------


def test_chart_is_a_png_with_the_band_drawn() -> None:
    quotes = series()
    band = Band(154, 157, "alibaba-band")
    figure = build_figure(
        quotes, title="BABA", bands=[band], events=[EventMark(NOW, "warning", "x")], zone=ZONE
    )
    [axes] = figure.axes
    spans = [patch for patch in axes.patches if isinstance(patch, Polygon | Rectangle)]
    assert len(spans) == 1
    ys = spans[0].get_path().vertices[:, 1] if isinstance(spans[0], Polygon) else None
    if ys is None:
        ys = np.array([spans[0].get_y(), spans[0].get_y() + spans[0].get_height()])
    assert (float(ys.min()), float(ys.max())) == (154.0, 157.0)
    labels = [text.get_text() for text in axes.get_legend().get_texts()]
    assert labels == ["alibaba-band", "price"]
    german = build_figure(
        quotes, title="BABA", bands=[band], events=[], zone=ZONE, price_label="Kurs"
    )
    assert [text.get_text() for text in german.axes[0].get_legend().get_texts()][-1] == "Kurs"

    with_band = render_chart(quotes, title="BABA", bands=[band], events=[], zone=ZONE)
    without = render_chart(quotes, title="BABA", bands=[], events=[], zone=ZONE)
    assert with_band.startswith(PNG_SIGNATURE) and without.startswith(PNG_SIGNATURE)
    assert imread(io.BytesIO(with_band)).shape[:2] == (400, 800)
    assert band_pixels(with_band) > 5000
    assert band_pixels(without) == 0


def test_chart_needs_two_prices() -> None:
    try:
        build_figure(series(1), title="x", bands=[], events=[], zone=ZONE)
    except ValueError as exc:
        assert "at least 2 prices" in str(exc)
    else:
        raise AssertionError("a one-point chart was drawn")


async def test_chart_command(telegram_api: FakeTelegramAPI, store: Store) -> None:
    async with running_bot(telegram_api, store):
        # The harness's price provider does not answer: the recorded quotes are drawn.
        none_yet = await ask_text(telegram_api, CHAT, "/chart BABA")
        assert none_yet.startswith(
            "Not enough prices for <b>BABA</b> to draw a chart of the last day.\n"
        )
        german = await ask_text(telegram_api, CHAT, "/chart BABA 5d", lang="de")
        assert german.startswith(
            "Für <b>BABA</b> gibt es zu wenige Kurse für ein Chart über die letzten 5 Tage.\n"
        )
        for quote in series():
            await store.add_quote(quote)
        [photo] = await ask(telegram_api, CHAT, "/chart baba 5d")
        assert photo.method == "sendPhoto"
        assert photo.photo is not None and photo.photo.startswith(PNG_SIGNATURE)
        assert band_pixels(photo.photo) > 5000
        assert (photo.text or "").startswith("<b>BABA</b> · Alibaba · 5 days\nPrice: ")
        assert "only the 60 prices recorded here" in (photo.text or "")
        assert "Aufruf: <code>/chart SYMBOL [1d|5d|1m]</code>" in await ask_text(
            telegram_api, CHAT, "/chart BABA 2y", lang="de"
        )
        assert "I don't follow" in await ask_text(telegram_api, CHAT, "/chart NOPE")


# -- personal rules ---------------------------------------------------------------------------


async def test_personal_band_alerts_only_its_chat(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    other = 4004
    await store.add_quote(Quote("BABA", 155.0, NOW - timedelta(minutes=2), "USD", 150.0))
    async with running_bot(telegram_api, store) as application:
        services = application.bot_data["services"]
        await ask_text(telegram_api, other, "/watch BABA")
        text = await ask_text(telegram_api, CHAT, "/band BABA 150 160")
        assert text.startswith("Your band for <b>BABA</b> is 150–160.")
        assert "LOW must be below HIGH" in await ask_text(telegram_api, CHAT, "/band BABA 160 150")
        for bad in ("/band BABA x 5", "/band BABA 150", "/band BABA -1 5"):
            assert "Usage: <code>/band SYMBOL LOW HIGH</code>" in await ask_text(
                telegram_api, CHAT, bad
            )

        delivery = TelegramDelivery(application.bot, store)
        inside = await services.pipeline.process_quotes([Quote("BABA", 156.0, NOW, "USD")], NOW)
        assert [a for a in inside if a.type == "personal"] == []
        later = NOW + timedelta(minutes=1)
        alerts = await services.pipeline.process_quotes([Quote("BABA", 161.5, later, "USD")], later)
        [personal] = [a for a in alerts if a.type == "personal"]
        for alert in alerts:
            await delivery.deliver(alert)
        [message] = telegram_api.messages_to(CHAT)[-1:]
        assert "BABA left your band 150–160, now above: 161.50 USD" in (message.text or "")
        assert all("your band" not in (t or "") for t in telegram_api.texts_to(other))
        assert personal.fields["chat"] == CHAT
        removed = await ask_text(telegram_api, CHAT, "/band BABA off")
        assert removed == "Removed your band for <b>BABA</b> (150–160)."
        assert await store.personal_rules("BABA") == {}
        nothing = await ask_text(telegram_api, CHAT, "/band BABA off", lang="de")
        assert nothing == "Du hast kein Band für <b>BABA</b>; es gibt nichts zu löschen."


async def test_personal_price_alert_fires_once(telegram_api: FakeTelegramAPI, store: Store) -> None:
    async with running_bot(telegram_api, store) as application:
        services = application.bot_data["services"]
        text = await ask_text(telegram_api, CHAT, "/alert BABA > 160,5", lang="de")
        assert text == "Du bekommst eine Nachricht, wenn <b>BABA</b> über 160,5 geht."
        assert "unter" in await ask_text(telegram_api, CHAT, "/alert BABA <140", lang="de")
        for bad in ("/alert BABA", "/alert BABA = 5", "/alert BABA >> 5", "/alert BABA > x"):
            assert "Usage: <code>/alert SYMBOL &gt;|&lt; PRICE</code>" in await ask_text(
                telegram_api, CHAT, bad
            )
        first = await services.pipeline.process_quotes([Quote("BABA", 161.0, NOW, "USD")], NOW)
        assert [a.headline for a in first if a.type == "personal"] == [
            "BABA is above your alert level 160.5: 161.00 USD"
        ]
        later = NOW + timedelta(minutes=1)
        again = await services.pipeline.process_quotes([Quote("BABA", 162.0, later, "USD")], later)
        assert [a for a in again if a.type == "personal"] == []
        assert list(await store.personal_rules("BABA")) == [(CHAT, "below")]
        removed = await ask_text(telegram_api, CHAT, "/alert BABA off")
        assert removed == "Removed your price alert for <b>BABA</b>: below 140."
        assert await store.personal_rules("BABA") == {}
        nothing = await ask_text(telegram_api, CHAT, "/alert BABA off")
        assert nothing == "You have no price alert for <b>BABA</b>; nothing to remove."


# -- inline buttons ---------------------------------------------------------------------------


async def test_alert_buttons(telegram_api: FakeTelegramAPI, store: Store) -> None:
    for quote in series():
        await store.add_quote(quote)
    await subscribe(store, CHAT, "BABA")
    alert = Alert(
        rule="alibaba-band",
        type="price_band",
        severity="warning",
        symbol="BABA",
        headline="BABA left its band 154–157, now above: 158.00 USD",
        time=NOW,
        dedup_key="b1",
    )
    async with running_bot(telegram_api, store) as application:
        await TelegramDelivery(application.bot, store, keyboard=alert_keyboard).deliver(alert)
        await telegram_api.wait_for_messages(1, chat_id=CHAT)

        telegram_api.push_callback_query(CHAT, "tw:sum:BABA")
        [_, summary] = await telegram_api.wait_for_messages(2, chat_id=CHAT)
        assert (summary.text or "").startswith("<b>BABA</b> · Alibaba\nPrice:")

        telegram_api.push_callback_query(CHAT, "tw:chart:BABA", message_id=1)
        [*_, chart] = await telegram_api.wait_for_messages(3, chat_id=CHAT)
        assert chart.photo is not None and chart.photo.startswith(PNG_SIGNATURE)

        telegram_api.push_callback_query(CHAT, "tw:mute:BABA", message_id=1, language_code="de")
        await telegram_api.wait_for_calls("answerCallbackQuery", 3)
        assert telegram_api.callback_answers[-1].text == "BABA für einen Tag stummgeschaltet."
        mutes = await store.mutes(CHAT, NOW)
        assert mutes == {"symbol:BABA": NOW + timedelta(days=1)}

        telegram_api.push_callback_query(CHAT, "tw:sum:GONE", message_id=1)
        await telegram_api.wait_for_calls("answerCallbackQuery", 4)
        assert telegram_api.callback_answers[-1].text == "This button no longer works."


# -- webhook ----------------------------------------------------------------------------------


def command_update(update_id: int, chat_id: int, text: str) -> dict[str, object]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1_780_000_000,
            "chat": {"id": chat_id, "type": "private", "first_name": "Ann"},
            "from": {"id": chat_id, "is_bot": False, "first_name": "Ann", "language_code": "en"},
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}],
        },
    }


async def test_webhook_mode(telegram_api: FakeTelegramAPI, store: Store) -> None:
    webhook = {
        "url": "https://bot.example/telegram/hook",
        "listen": "127.0.0.1",
        "port": 0,
        "secret_token": "s3cret-token",
    }
    config = make_config(telegram_api, webhook=webhook)
    async with running_bot(telegram_api, store, config=config) as application:
        [call] = telegram_api.calls_of("setWebhook")
        assert call.params["url"] == webhook["url"]
        assert call.params["secret_token"] == "s3cret-token"
        assert telegram_api.webhook_url == webhook["url"]
        assert telegram_api.calls_of("getUpdates") == []
        url = f"http://127.0.0.1:{application.bot_data[WEBHOOK].port}/telegram/hook"
        timeout = aiohttp.ClientTimeout(total=10)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            wrong = {"X-Telegram-Bot-Api-Secret-Token": "guess"}
            async with session.post(url, json=command_update(1, CHAT, "/list"), headers=wrong) as r:
                assert r.status == 403
            right = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"}
            async with session.post(url, data=b"{not json", headers=right) as r:
                assert r.status == 400
            async with session.post(
                url, json=command_update(2, CHAT, "/watch BABA"), headers=right
            ) as r:
                assert r.status == 200
            [reply] = await telegram_api.wait_for_messages(1, chat_id=CHAT)
            assert reply.text == "Watching <b>BABA</b>."
        assert await store.watched(CHAT) == ["BABA"]
