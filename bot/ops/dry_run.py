"""A headline run through extraction and the rules as a feed item would be, with nothing
written: rule state goes to a scratch overlay, and no alert is queued."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from bot.models import NewsItem
from bot.pipeline.enrich import resolve
from bot.pipeline.lifecycle import extract_events
from bot.services import Services
from rules.alert import Alert
from rules.base import RuleContext, RuleState
from rules.events import Event

SOURCE = "dry-run"
TEXT_MAX = 2000


class ScratchState:
    """Reads the rules' real memory; keeps what they write to itself."""

    def __init__(self, real: RuleState) -> None:
        self.real = real
        self.written: dict[tuple[str, str], str] = {}

    async def get(self, rule: str, key: str) -> str | None:
        if (rule, key) in self.written:
            return self.written[(rule, key)]
        return await self.real.get(rule, key)

    async def set(self, rule: str, key: str, value: str) -> None:
        self.written[(rule, key)] = value


@dataclass(slots=True)
class DryRun:
    symbols: tuple[str, ...]
    events: list[Event]
    alerts: list[Alert]
    failed: list[str]  # rules that raised


async def dry_run(services: Services, text: str, lang: str | None, now: datetime) -> DryRun:
    text = text[:TEXT_MAX]
    fallback = lang or "en"
    digest = hashlib.sha1(text.encode()).hexdigest()[:12]
    item = NewsItem(
        id=f"{SOURCE}:{digest}",
        source=SOURCE,
        title=text,
        summary="",
        link="",
        published=now,
        lang=fallback,
    )
    pipeline = services.pipeline
    [item] = pipeline.matcher.tag([item])
    events = extract_events(item.text, lang, fallback, None)
    [(item, events)] = resolve([(item, events)], pipeline.matcher)
    store = services.store
    context = RuleContext(
        now=now,
        state=ScratchState(store),
        latest_quote=store.latest_quote,
        quotes_since=store.quotes_since,
    )
    alerts: list[Alert] = []
    failed: list[str] = []
    for rule in pipeline.engine.rules:
        try:
            alerts.extend(await rule.on_item(item, events, context))
        except Exception:
            failed.append(rule.name)
    return DryRun(item.symbols, events, alerts, failed)
