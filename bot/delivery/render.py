"""Stage: alert -> message text. HTML with every external string escaped, always <= 4096 chars,
in the language of the chat (rules.messages); without a language, the alert's English texts."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo

from rules.alert import Alert
from rules.language import ago
from rules.merged import symbols_of
from rules.messages import Message, label, localise, rule_name
from rules.messages.groups import LINES_MAX, grouped

TELEGRAM_LIMIT = 4096
_HEADLINE_MAX = 600
_DETAIL_MAX = 300
_DETAILS_MAX = 8
_LINK_MAX = 1000

_GROUPS = ("group", "digest")

SEVERITY_ICON = {"info": "ℹ️", "warning": "⚠️", "critical": "🚨"}


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class Moment:
    """When and where a message is read: news alerts say how old their news is."""

    now: datetime
    zone: ZoneInfo


def _texts(alert: Alert, lang: str | None, moment: Moment | None) -> Message:
    headline, details = localise(alert, lang) if lang else Message(alert.headline, alert.details)
    published = alert.fields.get("published")
    if moment is not None and isinstance(published, str):
        try:
            when = datetime.fromisoformat(published)
        except ValueError:
            return Message(headline, details)
        age = ago(when, moment.now, moment.zone, lang or "en")
        details = [label("published", lang or "en", when=age), *details]
    return Message(headline, details)


def render_html(alert: Alert, lang: str | None = None, moment: Moment | None = None) -> str:
    headline, details = _texts(alert, lang, moment)
    icon = SEVERITY_ICON.get(alert.severity, "")
    symbols = ", ".join(symbols_of(alert))
    tag = f"<b>{html.escape(symbols)}</b> · " if symbols else ""
    lines = [
        f"{icon} {tag}{html.escape(rule_name(alert, lang or 'en'))}",
        html.escape(_clip(headline, _HEADLINE_MAX)),
    ]
    # A grouped message links each of its lines to the news the line is about.
    links = [member.link for member in grouped(alert)] if alert.type in _GROUPS else []
    if len(links) > LINES_MAX:
        links = links[: LINES_MAX - 1]  # the last line says how many more there are
    for index, detail in enumerate(details[:_DETAILS_MAX]):
        text = html.escape(_clip(detail, _DETAIL_MAX))
        link = links[index] if index < len(links) else None
        link = shortened(link)
        lines.append(_linked(text, link) if link else f"<i>{text}</i>")
    if link := shortened(alert.link):
        source = html.escape(label("source_link", lang or "en"))
        lines.append(_linked(source, link))
    return "\n".join(lines)


def shortened(link: str | None) -> str | None:
    """A web link that fits a message: tracking parameters and fragments go first, then the
    path; None for anything that is not http(s)."""
    if not link or not link.startswith(("http://", "https://")):
        return None
    if len(link) <= _LINK_MAX:
        return link
    parts = urlsplit(link)
    for shorter in (
        urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, "")),
        urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")),
        urlunsplit((parts.scheme, parts.netloc, "/", "", "")),
    ):
        if len(shorter) <= _LINK_MAX:
            return shorter
    return None


def _linked(text: str, link: str | None) -> str:
    return f'<a href="{html.escape(link or "", quote=True)}">{text}</a>'


def render_plain(alert: Alert, lang: str | None = None, moment: Moment | None = None) -> str:
    headline, details = _texts(alert, lang, moment)
    symbols = ", ".join(symbols_of(alert))
    symbol = f"[{symbols}] " if symbols else ""
    rule = rule_name(alert, lang or "en")
    lines = [f"{alert.severity.upper()} {symbol}{rule}: {_clip(headline, _HEADLINE_MAX)}"]
    lines += [f"  {_clip(detail, _DETAIL_MAX)}" for detail in details[:_DETAILS_MAX]]
    if link := shortened(alert.link) or alert.link:
        lines.append(f"  {_clip(link, _LINK_MAX)}")
    return "\n".join(lines)
