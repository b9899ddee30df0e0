"""In groups only the group's administrators (and the bot's admins) change settings; everyone
may read. Driven through real python-telegram-bot against the fake Bot API, whose
getChatAdministrators answers from what the test sets."""

from __future__ import annotations

from datetime import datetime, timedelta

from fakes.telegram_api import FakeTelegramAPI
from fakes.telegram_records import SentRecord
from telegram_harness import ADMIN, NOW, ask_text, running_bot

from bot import keys
from bot.store import Store
from rules.alert import Alert

GROUP = -100555
OWNER, MODERATOR, MEMBER = 501, 502, 503
PRIVATE = 3003
REFUSAL = "Only this group's admins can change its settings."


async def say(
    api: FakeTelegramAPI, text: str, user: int, *, lang: str = "en", chat: int = GROUP
) -> str:
    """A command from `user` in the supergroup; the bot's one reply."""
    before = len(api.messages_to(chat))
    api.push_command(chat, text, user_id=user, language_code=lang, chat_type="supergroup")
    records: list[SentRecord] = await api.wait_for_messages(before + 1, chat_id=chat)
    return records[before].text or ""


async def test_members_read_and_only_admins_change_settings(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    telegram_api.set_chat_admins(GROUP, [OWNER, MODERATOR])
    async with running_bot(telegram_api, store):
        refused = await say(telegram_api, "/watch BABA", MEMBER)
        assert refused.startswith(REFUSAL)
        assert "Everyone can use /list, /summary, /price" in refused
        assert "/watch" not in refused and "/mute" not in refused
        assert await store.watched(GROUP) == []

        german = await say(telegram_api, "/mute all 1d", MEMBER, lang="de")
        assert german.startswith("Nur die Admins dieser Gruppe können ihre Einstellungen ändern.")
        assert await store.mutes(GROUP, NOW) == {}
        for command in ("/band BABA 150 160", "/alert BABA > 160", "/quiet 22:00-07:00"):
            assert (await say(telegram_api, command, MEMBER)).startswith(REFUSAL), command
        assert await store.personal_rules("BABA") == {}

        assert await say(telegram_api, "/watch BABA", OWNER) == "Watching <b>BABA</b>."
        assert (await say(telegram_api, "/mute BABA 1h", MODERATOR)).startswith("Muted BABA")
        assert await say(telegram_api, "/list", MEMBER) == "You watch: <b>BABA</b>"
        assert "Active rules" in await say(telegram_api, "/rules", MEMBER)
        addressed = await say(telegram_api, "/unwatch@tickerwatch_test_bot BABA", MEMBER)
        assert addressed.startswith(REFUSAL)
        # The bot's own admins need not administer the group.
        assert "Stopped watching" in await say(telegram_api, "/unwatch BABA", ADMIN)

        # Private chats are the user's own: nothing is asked of Telegram there.
        calls = len(telegram_api.calls_of("getChatAdministrators"))
        assert await ask_text(telegram_api, PRIVATE, "/watch BABA") == "Watching <b>BABA</b>."
        assert len(telegram_api.calls_of("getChatAdministrators")) == calls


async def test_the_admin_list_is_asked_once_and_again_after_five_minutes(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    now = [NOW]
    telegram_api.set_chat_admins(GROUP, [OWNER])
    async with running_bot(telegram_api, store, clock=lambda: now[0]):
        assert (await say(telegram_api, "/watch BABA", MEMBER)).startswith(REFUSAL)
        telegram_api.set_chat_admins(GROUP, [OWNER, MEMBER])  # promoted in Telegram
        now[0] = NOW + timedelta(seconds=keys.CHAT_ADMINS_TTL - 1)
        assert (await say(telegram_api, "/watch BABA", MEMBER)).startswith(REFUSAL)
        assert await say(telegram_api, "/watch META", OWNER) == "Watching <b>META</b>."
        assert len(telegram_api.calls_of("getChatAdministrators")) == 1

        now[0] = NOW + timedelta(seconds=keys.CHAT_ADMINS_TTL)
        assert await say(telegram_api, "/watch BABA", MEMBER) == "Watching <b>BABA</b>."
        assert len(telegram_api.calls_of("getChatAdministrators")) == 2
        assert await store.watched(GROUP) == ["BABA", "META"]


async def test_when_telegram_cannot_say_who_the_admins_are_nothing_changes(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    telegram_api.set_chat_admins(GROUP, [OWNER])
    async with running_bot(telegram_api, store):
        telegram_api.fail_next("getChatAdministrators", 502, count=2)
        refused = await say(telegram_api, "/watch BABA", OWNER)
        assert refused.startswith("I could not check who this group's admins are")
        german = await say(telegram_api, "/watch BABA", OWNER, lang="de")
        assert german.startswith("Ich konnte nicht prüfen, wer in dieser Gruppe Admin ist")
        assert await store.watched(GROUP) == []
        # Reading needs no one's permission.
        assert "You watch nothing yet" in await say(telegram_api, "/list", MEMBER)
        assert await say(telegram_api, "/watch BABA", OWNER) == "Watching <b>BABA</b>."


def band_alert() -> Alert:
    return Alert(
        rule="alibaba-band",
        type="price_band",
        severity="warning",
        symbol="BABA",
        headline="BABA left its band 154–157, now above: 158.00 USD",
        time=NOW,
        dedup_key="g1",
    )


async def press(api: FakeTelegramAPI, data: str, user: int, answers: int) -> str:
    api.push_callback_query(GROUP, data, message_id=1, user_id=user)
    await api.wait_for_calls("answerCallbackQuery", answers)
    return api.callback_answers[-1].text or ""


async def test_buttons_that_change_settings_follow_the_same_rule(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    from bot.delivery.telegram import TelegramDelivery
    from handlers.buttons import alert_keyboard

    telegram_api.set_chat_admins(GROUP, [OWNER])
    await store.register_chat(GROUP, "en")
    await store.watch(GROUP, "BABA")
    telegram_api.chats.remember_chat_type(GROUP, "supergroup")
    async with running_bot(telegram_api, store) as application:
        await TelegramDelivery(application.bot, store, keyboard=alert_keyboard).deliver(
            band_alert()
        )
        await telegram_api.wait_for_messages(1, chat_id=GROUP)

        assert await press(telegram_api, "tw:mute:BABA", MEMBER, 1) == REFUSAL
        assert await store.mutes(GROUP, NOW) == {}
        assert telegram_api.calls_of("editMessageReplyMarkup") == []
        assert await press(telegram_api, "tw:mute:BABA", OWNER, 2) == "BABA muted for one day."
        assert list(await store.mutes(GROUP, NOW)) == ["symbol:BABA"]
        # Reading buttons stay open to everyone.
        telegram_api.push_callback_query(GROUP, "tw:sum:BABA", message_id=1, user_id=MEMBER)
        [_, summary] = await telegram_api.wait_for_messages(2, chat_id=GROUP)
        assert (summary.text or "").startswith("<b>BABA</b> · Alibaba")
    assert isinstance(NOW, datetime)


async def test_a_member_importing_a_file_in_a_group_is_told_why_not(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    telegram_api.set_chat_admins(GROUP, [OWNER])
    opml = b'<opml version="2.0"><body><outline xmlUrl="https://news.example/rss"/></body></opml>'
    async with running_bot(telegram_api, store):
        telegram_api.push_document(
            GROUP, opml, "feeds.opml", caption="/import", user_id=MEMBER, chat_type="supergroup"
        )
        [refused] = await telegram_api.wait_for_messages(1, chat_id=GROUP)
        assert (refused.text or "").startswith(REFUSAL)
        assert await store.stored_feeds(GROUP) == []


async def test_members_may_see_the_quiet_hours_and_digest_without_changing_them(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    telegram_api.set_chat_admins(GROUP, [OWNER])
    async with running_bot(telegram_api, store):
        assert (await say(telegram_api, "/digest 08:00", OWNER)).startswith("Daily digest at 08:00")
        assert (
            await say(telegram_api, "/digest", MEMBER) == "Daily digest at 08:00 (Europe/Berlin)."
        )
        assert await say(telegram_api, "/quiet", MEMBER) == "No quiet hours set."
        assert (await say(telegram_api, "/digest off", MEMBER)).startswith(REFUSAL)
        assert (await say(telegram_api, "/quiet 22:00-07:00", MEMBER)).startswith(REFUSAL)
        assert (await say(telegram_api, "/unmute", MEMBER)).startswith(REFUSAL)
