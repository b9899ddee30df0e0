"""German analyst commentary: a named broker's view on one named stock without a rating grammar.

"ANALYSE/Goldman: Continental-Aktie nach Talfahrt günstig bewertet",
"ANALYSE: Vodafone kämpft mit Risiken - Merrill stuft Aktie ab". The broker must stand at the
start of a clause, at the end of the headline, or in the "ANALYSE/<Broker>:" prefix; the company
comes from the company table or a "<Name>-Aktie" compound. Sector and macro views name no
company and give no event.
"""

from __future__ import annotations

import re

from ..events import AnalystAction, RatingAction, TargetAction
from .aliases import BROKER_TABLE, RATING_WORDS, is_non_broker
from .companies import COMPANY_TABLE
from .names import broker_base, company_base
from .numbers import CURRENCY_AFTER, NUMBER, normalise_currency, parse_number

_CLAUSE_START_RE = re.compile(r"(?:^|\s[-–]\s|:\s)")
_FUNCTION_WORDS = (
    r"(?:Die|Der|Das|Den|Dem|Des|Eine?|Einer|Bei|Für|Mit|Nach|Auch|Trotz|Wegen|Und|Von|Vor|"
    r"Neue|Schwache|Starke|ANALYSE|Analyse)\s"
)
_COMPOUND_RE = re.compile(
    rf"(?<![\w-])(?P<name>(?:(?!{_FUNCTION_WORDS})[A-ZÄÖÜ][\w.&+]*\s)?"
    r"[A-ZÄÖÜ][\w.&+]*(?:-[A-ZÄÖÜ][\w.&+]*)?)-(?:Aktien?|Papiere?|Titel)\b"
)
_DOWN_RE = re.compile(
    r"\bstuft\b[^-–]*\b(?:ab|herab)\b|\babgestuft\b|\bAbstufung\b|nicht mehr für empfehlenswert"
)
_UP_RE = re.compile(
    r"\bstuft\b[^-–]*\b(?:hoch|herauf)\b|\bhochgestuft\b|\bHochstufung\b|"
    r"\bHoch auf\b|\bneu:\s*'"
)
_QUOTED_RE = re.compile(r"'([^']{1,60})'")
_BUY_RE = re.compile(r"\bKaufempfehlung\b|\bzum Kauf empfohlen\b|\bempfiehlt\b[^-–]*\bKauf\b")
_RAISE_RE = re.compile(r"\bZielerhöhung\b|\b(?:hebt|erhöht)\s(?:das\s)?(?:Kurs)?[Zz]iel\b")
_LOWER_RE = re.compile(r"\bZielsenkung\b|\b(?:senkt|kappt)\s(?:das\s)?(?:Kurs)?[Zz]iel\b")
_STATED_TARGET_RE = re.compile(
    rf"\b(?:(?:Kurs)?[Zz]iel|Potenzial bis|fairer Wert)\s(?:von\s)?(?P<target>{NUMBER})\s*"
    rf"(?P<cur>{CURRENCY_AFTER})"
)


def commentary_events(body: str, prefix_broker: str | None, flash: bool) -> list[AnalystAction]:
    broker_span = _broker(body, prefix_broker)
    if broker_span is None:
        return []
    broker, start, end = broker_span
    if flash and start > 0:
        # A flash that only credits a broker at its end reports news, not a stock view.
        return []
    company = _company(body, start, end)
    if not company:
        return []
    rating_action: RatingAction = "none"
    if _DOWN_RE.search(body):
        rating_action = "down"
    elif _UP_RE.search(body):
        rating_action = "up"
    rating = _rating(body)
    target_action: TargetAction = "none"
    target = None
    currency = None
    stated = _STATED_TARGET_RE.search(body)
    if _RAISE_RE.search(body):
        target_action = "raise"
    elif _LOWER_RE.search(body):
        target_action = "lower"
    if stated is not None:
        target = parse_number(stated.group("target"), "de")
        currency = normalise_currency(stated.group("cur"))
        if target_action == "none" and target is not None:
            target_action = "set"
    return [
        AnalystAction(
            broker=broker,
            company=company,
            rating_action=rating_action,
            rating=rating,
            target_action=target_action,
            target=target,
            currency=currency if target is not None else None,
        )
    ]


def _broker(body: str, prefix_broker: str | None) -> tuple[str, int, int] | None:
    if prefix_broker:
        if is_non_broker(prefix_broker) or prefix_broker not in BROKER_TABLE:
            return None
        return prefix_broker, -1, -1
    starts = {match.end() for match in _CLAUSE_START_RE.finditer(body)}
    stripped_end = len(body.rstrip(" .!"))
    for start, end, name in BROKER_TABLE.find(body):
        if start in starts or end == stripped_end:
            name = broker_base(name)
            if not is_non_broker(name):
                return name, start, end
    return None


def _company(body: str, broker_start: int, broker_end: int) -> str | None:
    """The first named company outside the broker; None when several are coordinated."""
    found: list[tuple[int, int, str]] = []
    for start, end, name in COMPANY_TABLE.find(body):
        if not (start >= broker_end or end <= broker_start):
            continue
        found.append((start, end, name))
    for match in _COMPOUND_RE.finditer(body):
        start, end = match.span("name")
        outside_broker = start >= broker_end or end <= broker_start
        if outside_broker and not any(s <= start < e for s, e, _ in found):
            found.append((start, end, match.group("name")))
    if not found:
        return None
    found.sort()
    start, end, name = found[0]
    if len(found) > 1 and body[end : found[1][0]].strip() in ("und", "&", ","):
        return None
    return company_base(name, "de") or None


def _rating(body: str) -> str | None:
    for quoted in _QUOTED_RE.findall(body):
        label = quoted.strip()
        if label.lower() in RATING_WORDS or label.endswith("List"):
            return label
    if _BUY_RE.search(body):
        return "Kauf"
    return None
