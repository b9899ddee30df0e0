"""Between the outbox and the sender: per chat, an alert is dropped (muted), sent now, or held
for its group, the end of quiet hours, or the digest. Held alerts live in Redis until due.

The outbox worker calls `admit` for each alert it reads and `due` on every turn; both return
the alerts to hand to the delivery now.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.delivery.router import own_chat, recipients, view_for
from bot.lifecycle import messages
from bot.lifecycle.clock import next_time_of_day, parse_zone, quiet_until
from bot.lifecycle.settings import AlertSettings
from bot.lifecycle.state import ChatPrefs, Kind, LifecycleState
from bot.store import Store
from rules.alert import Alert
from rules.base import PERSONAL_CHAT_FIELD, Rule, RuleOptions

log = logging.getLogger(__name__)

Recipients = Callable[[Alert], Awaitable[list[int]]]
View = Callable[[Alert, int], Awaitable[Alert | None]]  # what of an alert one chat gets
Clock = Callable[[], datetime]
Decision = tuple[Kind, datetime] | None  # None: send now


class Dispatcher:
    def __init__(
        self,
        store: Store,
        *,
        recipients: Recipients,
        clock: Clock,
        settings: AlertSettings,
        zone: ZoneInfo,
        rules: Iterable[Rule] = (),
        view: View | None = None,
    ) -> None:
        self.store = store
        self.state = LifecycleState(store)
        self.recipients = recipients
        self.view = view or _whole
        self.clock = clock
        self.settings = settings
        self.zone = zone
        self.rules: dict[str, RuleOptions] = {}
        self.set_rules(rules)
        self.muted = 0
        self.held = 0

    def set_rules(self, rules: Iterable[Rule]) -> None:
        self.rules = {rule.name: rule.options for rule in rules}

    def zone_of(self, prefs: ChatPrefs) -> ZoneInfo:
        if prefs.zone:
            try:
                return parse_zone(prefs.zone)
            except ValueError:
                log.warning("stored time zone %r is unknown; using %s", prefs.zone, self.zone)
        return self.zone

    def breaks_quiet(self, alert: Alert) -> bool:
        options = self.rules.get(alert.rule)
        return alert.severity == "critical" and options is not None and options.break_quiet

    async def decide(self, chat_id: int, alert: Alert, now: datetime) -> Decision:
        prefs = await self.state.prefs(chat_id)
        zone = self.zone_of(prefs)
        if prefs.digest and alert.severity == "info":
            return "digest", next_time_of_day(now, prefs.digest, zone)
        if prefs.quiet and not self.breaks_quiet(alert):
            until = quiet_until(now, prefs.quiet, zone)
            if until is not None:
                return "quiet", until
        wait = self.settings.group_wait.total_seconds()
        if wait > 0:
            return "group", await self.state.group_due(chat_id, now, wait)
        return None

    async def admit(self, alert: Alert) -> list[Alert]:
        now = self.clock()
        chats = await self.recipients(alert)
        send_now: list[tuple[int, Alert]] = []
        for chat in chats:
            view = await self.view(alert, chat)
            if view is not None:
                view = await self.state.unmuted(chat, view, now)
            if view is None:
                self.muted += 1
                continue
            decision = await self.decide(chat, view, now)
            if decision is None:
                send_now.append((chat, view))
            else:
                self.held += 1
                await self.state.hold(chat, decision[0], view, decision[1])
        if [chat for chat, _ in send_now] == chats and all(v is alert for _, v in send_now):
            return [alert]  # the common case: the delivery fans it out as usual
        if not own_chat(alert):
            # Copies for single chats are not recorded as alert events by the delivery.
            await self.store.record_alert_event(alert)
        return [messages.for_chat(view, chat) for chat, view in send_now]

    async def due(self) -> list[Alert]:
        now = self.clock()
        ready: list[Alert] = []
        for chat in await self.state.due_chats(now):
            others: list[Alert] = []
            digest: list[Alert] = []
            for entry in await self.state.take_due(chat, now):
                loud = await self.state.unmuted(chat, entry.alert, now)
                if loud is not None:
                    (digest if entry.kind == "digest" else others).append(loud)
            if others:
                ready.append(messages.group(others, chat, now))
            if digest:
                zone = self.zone_of(await self.state.prefs(chat))
                ready.append(messages.digest(digest, chat, now, zone))
        return ready

    async def next_due(self) -> datetime | None:
        return await self.state.next_due()

    async def hold_again(self, alert: Alert, after_s: float) -> bool:
        """A due alert of one chat that could not go out: held once more for `after_s`, as a
        group of one (sent as itself). False for an alert addressed to no one chat."""
        chat = alert.fields.get(PERSONAL_CHAT_FIELD)
        if not isinstance(chat, int):
            return False
        await self.state.hold(chat, "group", alert, self.clock() + timedelta(seconds=after_s))
        return True


async def _whole(alert: Alert, chat_id: int) -> Alert | None:
    return alert


CONSOLE_CHAT = 0  # without Telegram, the console is the one chat


def build_dispatcher(
    settings: AlertSettings,
    zone: ZoneInfo,
    store: Store,
    rules: Iterable[Rule],
    clock: Clock,
    *,
    console: bool,
) -> Dispatcher:
    async def console_only(alert: Alert) -> list[int]:
        return [CONSOLE_CHAT]

    async def watchers(alert: Alert) -> list[int]:
        return await recipients(alert, store)

    async def chat_view(alert: Alert, chat_id: int) -> Alert | None:
        return await view_for(alert, chat_id, store)

    return Dispatcher(
        store,
        recipients=console_only if console else watchers,
        view=None if console else chat_view,
        clock=clock,
        settings=settings,
        zone=zone,
        rules=rules,
    )
