"""Stage: alert -> message text. HTML with every external string escaped, always <= 4096 chars."""

from __future__ import annotations

import html

from rules.alert import Alert

TELEGRAM_LIMIT = 4096
_HEADLINE_MAX = 600
_DETAIL_MAX = 300
_DETAILS_MAX = 8
_LINK_MAX = 1000

SEVERITY_ICON = {"info": "ℹ️", "warning": "⚠️", "critical": "🚨"}


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_html(alert: Alert) -> str:
    icon = SEVERITY_ICON.get(alert.severity, "")
    tag = f"<b>{html.escape(alert.symbol)}</b> · " if alert.symbol else ""
    lines = [
        f"{icon} {tag}{html.escape(alert.rule)}",
        html.escape(_clip(alert.headline, _HEADLINE_MAX)),
    ]
    lines += [
        f"<i>{html.escape(_clip(detail, _DETAIL_MAX))}</i>"
        for detail in alert.details[:_DETAILS_MAX]
    ]
    if (
        alert.link
        and len(alert.link) <= _LINK_MAX
        and alert.link.startswith(("http://", "https://"))
    ):
        lines.append(f'<a href="{html.escape(alert.link, quote=True)}">Source</a>')
    return "\n".join(lines)


def render_plain(alert: Alert) -> str:
    symbol = f"[{alert.symbol}] " if alert.symbol else ""
    lines = [
        f"{alert.severity.upper()} {symbol}{alert.rule}: {_clip(alert.headline, _HEADLINE_MAX)}"
    ]
    lines += [f"  {_clip(detail, _DETAIL_MAX)}" for detail in alert.details[:_DETAILS_MAX]]
    if alert.link:
        lines.append(f"  {_clip(alert.link, _LINK_MAX)}")
    return "\n".join(lines)
