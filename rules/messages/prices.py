"""Texts for alerts about prices: bands, moves, thresholds and each chat's own /band and /alert."""

from __future__ import annotations

from datetime import timedelta

from rules.alert import Alert
from rules.language import compact, number, pct, price, span
from rules.messages.catalogue import Message, Texts, composer, say

_SIDE: dict[str, Texts] = {
    "above": {"en": "above", "de": "darüber"},
    "below": {"en": "below", "de": "darunter"},
}
_BAND: dict[str, Texts] = {
    "back": {
        "en": "{symbol} is back inside its band {band}: {price}",
        "de": "{symbol} ist zurück in seinem Band {band}: {price}",
    },
    "left": {
        "en": "{symbol} left its band {band}, now {side}: {price}",
        "de": "{symbol} hat sein Band {band} verlassen, jetzt {side}: {price}",
    },
    "day": {"en": "day change {change}", "de": "Tagesveränderung {change}"},
}
_MOVE: dict[str, Texts] = {
    "up": {
        "en": "{symbol} rose {change} {span}: {price}",
        "de": "{symbol} stieg {span} um {change}: {price}",
    },
    "down": {
        "en": "{symbol} fell {change} {span}: {price}",
        "de": "{symbol} fiel {span} um {change}: {price}",
    },
    "window": {"en": "within {window}", "de": "innerhalb von {window}"},
    "close": {"en": "since the previous close", "de": "seit dem letzten Schlusskurs"},
    "from": {"en": "from {reference}", "de": "von {reference}"},
}
_THRESHOLD: dict[str, Texts] = {
    "above": {
        "en": "{symbol} crossed above {level}: {price}",
        "de": "{symbol} hat {level} überschritten: {price}",
    },
    "below": {
        "en": "{symbol} crossed below {level}: {price}",
        "de": "{symbol} hat {level} unterschritten: {price}",
    },
}
_PERSONAL: dict[str, Texts] = {
    "back": {
        "en": "{symbol} is back inside your band {band}: {price}",
        "de": "{symbol} ist zurück in deinem Band {band}: {price}",
    },
    "left": {
        "en": "{symbol} left your band {band}, now {side}: {price}",
        "de": "{symbol} hat dein Band {band} verlassen, jetzt {side}: {price}",
    },
    "above": {
        "en": "{symbol} is above your alert level {level}: {price}",
        "de": "{symbol} liegt über deiner Alarmschwelle {level}: {price}",
    },
    "below": {
        "en": "{symbol} is below your alert level {level}: {price}",
        "de": "{symbol} liegt unter deiner Alarmschwelle {level}: {price}",
    },
}


def _quoted(alert: Alert, lang: str) -> str:
    return price(float(alert.fields["price"]), alert.fields.get("currency"), lang)


def _band(alert: Alert, lang: str) -> str:
    low, high = float(alert.fields["low"]), float(alert.fields["high"])
    return f"{compact(low, lang)}–{compact(high, lang)}"


def _band_headline(texts: dict[str, Texts], alert: Alert, lang: str) -> str:
    position = alert.fields["position"]
    values = {"symbol": alert.symbol, "band": _band(alert, lang), "price": _quoted(alert, lang)}
    if position == "inside":
        return say(texts["back"], lang, **values)
    return say(texts["left"], lang, side=say(_SIDE[position], lang), **values)


@composer("price_band")
def price_band(alert: Alert, lang: str) -> Message:
    details = []
    change = alert.fields.get("change_pct")
    if change is not None:
        details.append(say(_BAND["day"], lang, change=pct(float(change), lang, 2)))
    return Message(_band_headline(_BAND, alert, lang), details)


@composer("price_move")
def price_move(alert: Alert, lang: str) -> Message:
    fields = alert.fields
    window = fields.get("window_s")
    if window:
        over = say(_MOVE["window"], lang, window=span(timedelta(seconds=float(window)), lang))
    else:
        over = say(_MOVE["close"], lang)
    headline = say(
        _MOVE[fields["direction"]],
        lang,
        symbol=alert.symbol,
        change=pct(abs(float(fields["change_pct"])), lang, signed=False),
        span=over,
        price=_quoted(alert, lang),
    )
    reference = number(float(fields["reference"]), lang)
    return Message(headline, [say(_MOVE["from"], lang, reference=reference)])


@composer("threshold")
def threshold(alert: Alert, lang: str) -> Message:
    level = compact(float(alert.fields["level"]), lang)
    headline = say(
        _THRESHOLD[alert.fields["side"]],
        lang,
        symbol=alert.symbol,
        level=level,
        price=_quoted(alert, lang),
    )
    return Message(headline, [])


@composer("personal")
def personal(alert: Alert, lang: str) -> Message:
    kind = alert.fields["kind"]
    if kind == "band":
        return Message(_band_headline(_PERSONAL, alert, lang), [])
    level = compact(float(alert.fields["level"]), lang)
    headline = say(
        _PERSONAL[kind], lang, symbol=alert.symbol, level=level, price=_quoted(alert, lang)
    )
    return Message(headline, [])
