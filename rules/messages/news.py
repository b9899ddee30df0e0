"""Texts for alerts about news items: keyword, analyst, partnership and consensus."""

from __future__ import annotations

from typing import Any

from rules.alert import Alert
from rules.language import compact, money, pct, price
from rules.messages.catalogue import Message, Texts, composer, say

_KEYWORD: Texts = {"en": "matched: {words} · {source}", "de": "Treffer: {words} · {source}"}

_RATING: dict[str, Texts] = {
    "up": {"en": "upgrades {company} to {rating}", "de": "stuft {company} hoch auf {rating}"},
    "down": {"en": "downgrades {company} to {rating}", "de": "stuft {company} ab auf {rating}"},
    "init": {"en": "starts {company} at {rating}", "de": "nimmt {company} mit {rating} auf"},
    "main": {"en": "keeps {company} at {rating}", "de": "bestätigt {company} mit {rating}"},
}
# {company} is empty when the rating phrase already named the company.
_TARGET: dict[str, Texts] = {
    "raise": {
        "en": "raises its {company}target to {target}",
        "de": "hebt das Kursziel{company} auf {target}",
    },
    "lower": {
        "en": "cuts its {company}target to {target}",
        "de": "senkt das Kursziel{company} auf {target}",
    },
    "init": {
        "en": "sets a first {company}target of {target}",
        "de": "setzt ein erstes Kursziel{company} von {target}",
    },
}
_TARGET_COMPANY: Texts = {"en": "{company} ", "de": " für {company}"}
_ANALYST: dict[str, Texts] = {
    "prior": {"en": " (from {prior})", "de": " (von {prior})"},
    "and": {"en": " and ", "de": " und "},
    "on": {"en": "on {company}", "de": "zu {company}"},
    "target": {"en": ", target {target}", "de": ", Kursziel {target}"},
    "rating": {"en": ", rating {rating}", "de": ", Einstufung {rating}"},
    "upside": {
        "en": "implied upside {upside} vs {price}",
        "de": "Kurspotenzial {upside} zum Kurs von {price}",
    },
}
_PARTNERSHIP: Texts = {"en": "Partnership: {parties}", "de": "Partnerschaft: {parties}"}
_CONSENSUS: dict[str, Texts] = {
    "headline": {
        "en": "{symbol} analyst consensus changed: {reasons}",
        "de": "{symbol}: Analystenkonsens geändert: {reasons}",
    },
    "target": {
        "en": "target {before} → {after} ({change})",
        "de": "Kursziel {before} → {after} ({change})",
    },
    "split": {
        "en": "buy {buy_before} → {buy_after}, sell {sell_before} → {sell_after}",
        "de": "Kaufen {buy_before} → {buy_after}, Verkaufen {sell_before} → {sell_after}",
    },
}


def _title_line(fields: dict[str, Any]) -> str:
    return f"{fields['title']} · {fields['source']}"


@composer("keyword")
def keyword(alert: Alert, lang: str) -> Message:
    fields = alert.fields
    words = ", ".join(dict.fromkeys(map(str, fields["matched"])))
    return Message(fields["title"], [say(_KEYWORD, lang, words=words, source=fields["source"])])


def analyst_sentence(fields: dict[str, Any], lang: str) -> str:
    """'Citigroup raises its Alibaba target to 225 USD (from 200), rating Buy'"""
    company, rating = fields["company"], fields["rating"]
    rating_action, target_action = fields["rating_action"], fields["target_action"]
    value = fields["target"]
    target = money(float(value), fields["currency"], lang) if value is not None else None
    rated = rating_action in _RATING and rating is not None
    phrases = []
    if rated:
        phrases.append(say(_RATING[rating_action], lang, company=company, rating=rating))
    if target is not None and target_action in _TARGET:
        named = "" if rated else say(_TARGET_COMPANY, lang, company=company)
        phrase = say(_TARGET[target_action], lang, company=named, target=target)
        if fields["prior_target"] is not None:
            prior = money(float(fields["prior_target"]), None, lang)
            phrase += say(_ANALYST["prior"], lang, prior=prior)
        phrases.append(phrase)
    joined = say(_ANALYST["and"], lang).join(phrases)
    sentence = f"{fields['broker']} " + (joined or say(_ANALYST["on"], lang, company=company))
    if target is not None and target_action not in _TARGET:
        sentence += say(_ANALYST["target"], lang, target=target)
    if rating and not rated:
        sentence += say(_ANALYST["rating"], lang, rating=rating)
    return sentence


@composer("analyst")
def analyst(alert: Alert, lang: str) -> Message:
    fields = alert.fields
    details = []
    if fields.get("upside_pct") is not None and fields.get("price") is not None:
        quoted = price(float(fields["price"]), fields.get("price_currency"), lang)
        upside = pct(float(fields["upside_pct"]), lang)
        details.append(say(_ANALYST["upside"], lang, upside=upside, price=quoted))
    details.append(_title_line(fields))
    return Message(analyst_sentence(fields, lang), details)


@composer("partnership")
def partnership(alert: Alert, lang: str) -> Message:
    parties = " · ".join(map(str, alert.fields["parties"]))
    return Message(say(_PARTNERSHIP, lang, parties=parties), [_title_line(alert.fields)])


def consensus_reasons(fields: dict[str, Any], lang: str) -> list[str]:
    reasons = []
    target = fields.get("target_change")
    if target:
        reasons.append(
            say(
                _CONSENSUS["target"],
                lang,
                before=compact(float(target["before"]), lang),
                after=compact(float(target["after"]), lang),
                change=pct(float(target["pct"]), lang),
            )
        )
    split = fields.get("split_change")
    if split:
        shares = {
            f"{side}_{when}": pct(float(split[side][index]), lang, 0, signed=False)
            for side in ("buy", "sell")
            for index, when in enumerate(("before", "after"))
        }
        reasons.append(say(_CONSENSUS["split"], lang, **shares))
    if not reasons:
        raise ValueError("a consensus alert without a change")
    return reasons


@composer("consensus")
def consensus(alert: Alert, lang: str) -> Message:
    reasons = "; ".join(consensus_reasons(alert.fields, lang))
    headline = say(_CONSENSUS["headline"], lang, symbol=alert.symbol, reasons=reasons)
    return Message(headline, [str(alert.fields["title"])])
