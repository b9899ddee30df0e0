"""Stage: alert -> message text. HTML with every external string escaped, always <= 4096 chars,
in the language of the chat (rules.messages); without a language, the alert's English texts."""

from __future__ import annotations

import html

from rules.alert import Alert
from rules.messages import Message, label, localise, rule_name

TELEGRAM_LIMIT = 4096
_HEADLINE_MAX = 600
_DETAIL_MAX = 300
_DETAILS_MAX = 8
_LINK_MAX = 1000

SEVERITY_ICON = {"info": "ℹ️", "warning": "⚠️", "critical": "🚨"}


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _texts(alert: Alert, lang: str | None) -> Message:
    return localise(alert, lang) if lang else Message(alert.headline, alert.details)


def render_html(alert: Alert, lang: str | None = None) -> str:
    headline, details = _texts(alert, lang)
    icon = SEVERITY_ICON.get(alert.severity, "")
    tag = f"<b>{html.escape(alert.symbol)}</b> · " if alert.symbol else ""
    lines = [
        f"{icon} {tag}{html.escape(rule_name(alert, lang or 'en'))}",
        html.escape(_clip(headline, _HEADLINE_MAX)),
    ]
    lines += [
        f"<i>{html.escape(_clip(detail, _DETAIL_MAX))}</i>" for detail in details[:_DETAILS_MAX]
    ]
    if (
        alert.link
        and len(alert.link) <= _LINK_MAX
        and alert.link.startswith(("http://", "https://"))
    ):
        source = html.escape(label("source_link", lang or "en"))
        lines.append(f'<a href="{html.escape(alert.link, quote=True)}">{source}</a>')
    return "\n".join(lines)


def render_plain(alert: Alert, lang: str | None = None) -> str:
    headline, details = _texts(alert, lang)
    symbol = f"[{alert.symbol}] " if alert.symbol else ""
    rule = rule_name(alert, lang or "en")
    lines = [f"{alert.severity.upper()} {symbol}{rule}: {_clip(headline, _HEADLINE_MAX)}"]
    lines += [f"  {_clip(detail, _DETAIL_MAX)}" for detail in details[:_DETAILS_MAX]]
    if alert.link:
        lines.append(f"  {_clip(alert.link, _LINK_MAX)}")
    return "\n".join(lines)
