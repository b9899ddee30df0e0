"""The read-only status page at /status (http.token or http.basic_auth): sources and their
health, the latest alerts, the rules in words, and a headline dry run. Plain HTML: no script
runs, none may."""

from __future__ import annotations

import asyncio
import base64
import binascii
import functools
import hashlib
import hmac
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import TypeVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from aiohttp import web
from redis.exceptions import RedisError

from bot.ops.dry_run import TEXT_MAX, dry_run
from bot.ops.page_text import word
from bot.ops.probe import REDIS_READ_TIMEOUT_S, Probe
from bot.redact import redact
from bot.roles import roles_line
from handlers.rule_text import rule_line
from rules.language import LANGUAGES

ERROR_SHOWN_MAX = 300
REALM = "Tickerwatch status"
TIME_FORMAT = "%Y-%m-%d %H:%M:%S %Z"
T = TypeVar("T")
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    "Referrer-Policy": "no-referrer",  # the token may be in the URL
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
}
STYLE = (
    "body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse}"
    "td,th{border-bottom:1px solid #ccc;padding:.3em .6em;text-align:left}"
    ".bad{color:#b00}.ok{color:#070}input[type=text]{width:40em}"
)


def given_token(request: web.Request) -> str:
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return header.removeprefix("Bearer ").strip()
    return request.query.get("token", "")


def given_basic(request: web.Request) -> tuple[str, str] | None:
    """(user, password) from an `Authorization: Basic …` header; None when there is none or
    it cannot be read (not base64, no colon)."""
    scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        raw = base64.b64decode(credentials.strip(), validate=True)
    except binascii.Error:
        return None
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError:
        decoded = raw.decode("latin-1")  # clients that ignore the charset the challenge names
    user, colon, password = decoded.partition(":")
    return (user, password) if colon else None


def _same(given: str, expected: str) -> bool:
    # Digests of equal length: the comparison takes the same time whatever the lengths.
    return hmac.compare_digest(
        hashlib.sha256(given.encode()).digest(), hashlib.sha256(expected.encode()).digest()
    )


@dataclass(frozen=True, slots=True)
class Credentials:
    """What opens the page: the token, a user and password, or both (empty: not that way)."""

    token: str = ""
    user: str = ""
    password: str = ""

    def challenges(self) -> list[str]:
        offered = []
        if self.user:
            offered.append(f'Basic realm="{REALM}", charset="UTF-8"')
        if self.token:
            offered.append("Bearer")
        return offered


def allowed(request: web.Request, credentials: Credentials) -> bool:
    if credentials.token and _same(given_token(request), credentials.token):
        return True
    basic = given_basic(request)
    if not credentials.user or basic is None:
        return False
    # Both compared, always: which of the two was wrong takes no other time.
    user_ok = _same(basic[0], credentials.user)
    password_ok = _same(basic[1], credentials.password)
    return user_ok and password_ok


def page_language(request: web.Request) -> str:
    chosen = request.query.get("ui", "")
    if chosen in LANGUAGES:
        return chosen
    accepted = request.headers.get("Accept-Language", "")
    first = accepted.split(",")[0].split(";")[0].strip().lower()[:2]
    return first if first in LANGUAGES else "en"


def safe_link(url: str | None) -> str | None:
    """Only web links become links: a feed's javascript: or data: URL stays text."""
    if url and urlsplit(url).scheme in ("http", "https"):
        return url
    return None


class StatusPage:
    def __init__(self, probe: Probe, credentials: Credentials) -> None:
        self.probe = probe
        self.credentials = credentials

    async def handle(self, request: web.Request) -> web.Response:
        if not allowed(request, self.credentials):
            response = web.Response(status=401, text="401: a token or a password is needed\n")
            for challenge in self.credentials.challenges():
                response.headers.add("WWW-Authenticate", challenge)
            return response
        lang = page_language(request)
        body = "\n".join(
            [
                await self._sources(lang),
                await self._alerts(lang),
                self._rules(lang),
                await self._dry_run(request, lang),
            ]
        )
        html = (
            f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{word(lang, 'title')}</title><style>{STYLE}</style></head>"
            f"<body><h1>{word(lang, 'title')}</h1>{body}</body></html>"
        )
        return web.Response(text=html, content_type="text/html", headers=HEADERS)

    async def _read(self, reading: Callable[[], Awaitable[T]]) -> T | None:
        """None while Redis is away or slow: the page still shows what it knows."""
        if not self.probe.services.redis.up:
            return None
        try:
            return await asyncio.wait_for(reading(), REDIS_READ_TIMEOUT_S)
        except (RedisError, OSError, TimeoutError):
            return None

    async def _sources(self, lang: str) -> str:
        services = self.probe.services
        zone = services.config.zone
        up = services.redis.up
        state = (
            f'<p class="ok">{word(lang, "redis_up")}</p>'
            if up
            else f'<p class="bad">{word(lang, "redis_down")}</p>'
        )
        head = "".join(
            f"<th>{word(lang, key)}</th>"
            for key in ("source", "last_success", "failures", "last_error")
        )
        rows = []
        for name in self.probe.sources():
            health = await self._read(functools.partial(services.store.source_health, name))
            if health is None:
                cells = f'<td colspan="3">{word(lang, "unknown")}</td>'
            else:
                cells = _health_cells(health, lang, zone)
            rows.append(f"<tr><td>{escape(name)}</td>{cells}</tr>")
        table = f"<table><tr>{head}</tr>{''.join(rows)}</table>"
        processes = await self._processes(lang)
        return f"{state}{processes}<h2>{word(lang, 'sources')}</h2>{table}"

    async def _processes(self, lang: str) -> str:
        """This process's role, and the processes that share the Redis when there are several."""
        role = self.probe.running.role
        line = f"<p>{escape(word(lang, 'role', role=role))}"
        running = await self._read(
            functools.partial(self.probe.services.store.running_processes, self.probe.now())
        )
        roles = roles_line([info.role for info in running or []])
        if roles:
            line += f" {escape(word(lang, 'processes', roles=roles))}"
        return f"{line}</p>"

    async def _alerts(self, lang: str) -> str:
        services = self.probe.services
        alerts = await self._read(services.store.recent_alerts)
        title = f"<h2>{word(lang, 'alerts')}</h2>"
        if not alerts:
            return f"{title}<p>{word(lang, 'no_alerts')}</p>"
        items = []
        for alert in alerts:
            text = escape(alert.headline)
            link = safe_link(alert.link)
            if link is not None:
                text = f'<a href="{escape(link)}" rel="noopener noreferrer">{text}</a>'
            when = escape(alert.time.astimezone(services.config.zone).strftime(TIME_FORMAT))
            symbol = f" · {escape(alert.symbol)}" if alert.symbol else ""
            items.append(
                f"<li>{when} <b>{escape(alert.rule)}</b> [{escape(alert.severity)}]{symbol}: "
                f"{text}</li>"
            )
        return f"{title}<ol>{''.join(items)}</ol>"

    def _rules(self, lang: str) -> str:
        rules = [rule for rule in self.probe.services.rules if rule.options.enabled]
        title = f"<h2>{word(lang, 'rules')}</h2>"
        if not rules:
            return f"{title}<p>{word(lang, 'no_rules')}</p>"
        # rule_line gives escaped HTML with <b> around the name, as /rules shows it.
        lines = "".join(f"<li>{rule_line(rule, lang).removeprefix('• ')}</li>" for rule in rules)
        return f"{title}<ul>{lines}</ul>"

    async def _dry_run(self, request: web.Request, lang: str) -> str:
        text = request.query.get("text", "").strip()
        chosen = request.query.get("lang", "")
        token = request.query.get("token", "")
        hidden = f'<input type="hidden" name="token" value="{escape(token)}">' if token else ""
        options = "".join(
            f'<option value="{value}"{" selected" if value == chosen else ""}>{label}</option>'
            for value, label in [("", word(lang, "auto")), ("en", "English"), ("de", "Deutsch")]
        )
        form = (
            f"<h2>{word(lang, 'dry_run')}</h2><p>{word(lang, 'dry_run_hint')}</p>"
            f'<form method="get" action="/status">{hidden}'
            f'<input type="hidden" name="ui" value="{lang}">'
            f'<label>{word(lang, "headline")} <input type="text" name="text" '
            f'maxlength="{TEXT_MAX}" value="{escape(text)}"></label> '
            f'<label>{word(lang, "language")} <select name="lang">{options}</select></label> '
            f'<button type="submit">{word(lang, "try")}</button></form>'
        )
        if not text:
            return form
        return form + await self._dry_run_result(
            text, chosen if chosen in LANGUAGES else None, lang
        )

    async def _dry_run_result(self, text: str, text_lang: str | None, lang: str) -> str:
        services = self.probe.services
        parts = []
        if len(text) > TEXT_MAX:
            parts.append(f'<p class="bad">{word(lang, "too_long", limit=TEXT_MAX)}</p>')
        try:
            result = await asyncio.wait_for(
                dry_run(services, text, text_lang, services.clock()), REDIS_READ_TIMEOUT_S * 3
            )
        except (RedisError, OSError, TimeoutError):
            return f'<p class="bad">{word(lang, "redis_down")}</p>'
        symbols = ", ".join(result.symbols) or "–"
        parts.append(f"<h3>{word(lang, 'symbols')}</h3><p>{escape(symbols)}</p>")
        parts.append(f"<h3>{word(lang, 'events')}</h3>")
        if result.events:
            shown = [json.dumps(event.to_dict(), ensure_ascii=False) for event in result.events]
            parts.append("<ul>" + "".join(f"<li><code>{escape(e)}</code></li>" for e in shown))
            parts.append("</ul>")
        else:
            parts.append(f"<p>{word(lang, 'no_events')}</p>")
        parts.append(f"<h3>{word(lang, 'would_fire')}</h3>")
        fired = [
            f"<li><b>{escape(alert.rule)}</b> [{escape(alert.severity)}]: "
            f"{escape(alert.headline)}</li>"
            for alert in result.alerts
        ] + [f'<li class="bad"><b>{escape(name)}</b>: error</li>' for name in result.failed]
        parts.append(f"<ul>{''.join(fired)}</ul>" if fired else f"<p>{word(lang, 'none_fire')}</p>")
        return "".join(parts)


def _health_cells(health: dict[str, str], lang: str, zone: ZoneInfo) -> str:
    success = health.get("last_success")
    when = (
        datetime.fromisoformat(success).astimezone(zone).strftime(TIME_FORMAT)
        if success
        else word(lang, "never")
    )
    streak = int(health.get("consecutive_failures", 0) or 0)
    failures = int(health.get("failures", 0) or 0)
    css = "bad" if streak else "ok"
    error = redact(health.get("last_error", ""))[:ERROR_SHOWN_MAX]
    return (
        f'<td class="{css}">{escape(when)}</td><td>{failures} ({streak})</td>'
        f"<td>{escape(error)}</td>"
    )
