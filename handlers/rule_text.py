"""A configured rule as a user reads it in /rules: "price band BABA 154–157", in their language.

Rule.describe() stays the terse operator's line of check-config; this is the chat's version.
"""

from __future__ import annotations

from collections.abc import Iterable

from handlers.common import esc
from handlers.i18n import compact, t
from rules.base import Rule, RuleOptions
from rules.language import span
from rules.types.analyst import AnalystOptions
from rules.types.combo import ComboOptions
from rules.types.consensus import ConsensusOptions
from rules.types.keyword import KeywordOptions
from rules.types.partnership import PartnershipOptions
from rules.types.price_band import PriceBandOptions
from rules.types.price_move import PriceMoveOptions
from rules.types.threshold import ThresholdOptions

MOVE_SIGN = {"up": "+", "down": "−", "both": "±"}
RATING_WORDS = {action: f"rule_rating_{action}" for action in ("up", "down", "init", "main")}
TARGET_WORDS = {action: f"target_{action}" for action in ("raise", "lower", "init", "set")}


def rule_line(rule: Rule, lang: str) -> str:
    """One bullet of /rules, HTML: "• <b>name</b>: what it watches · cooldown [severity]"."""
    options = rule.options
    parts = [describe_rule(rule, lang)]
    if options.cooldown:
        parts.append(t(lang, "rule_cooldown", span=esc(span(options.cooldown, lang))))
    severity = t(lang, f"severity_{options.severity}")
    return f"• <b>{esc(rule.name)}</b>: {' · '.join(parts)} [{severity}]"


def describe_rule(rule: Rule, lang: str) -> str:
    """What the rule watches, escaped; the operator's describe() for types unknown here."""
    options = rule.options
    symbols = _symbols(options, lang)
    if isinstance(options, PriceBandOptions):
        low, high = compact(options.low, lang), compact(options.high, lang)
        return t(lang, "rule_band", symbols=symbols, low=low, high=high)
    if isinstance(options, ThresholdOptions):
        levels = [
            f"{t(lang, key)} {compact(level, lang)}"
            for key, level in (("dir_above", options.above), ("dir_below", options.below))
            if level is not None
        ]
        return t(lang, "rule_threshold", symbols=symbols, levels=f" {t(lang, 'or')} ".join(levels))
    if isinstance(options, PriceMoveOptions):
        return _price_move(options, symbols, lang)
    if isinstance(options, KeywordOptions):
        return _scoped(t(lang, "rule_keyword", conditions=_keyword(options, lang)), options, lang)
    if isinstance(options, AnalystOptions):
        return _scoped(_analyst(options, lang), options, lang)
    if isinstance(options, PartnershipOptions):
        text = t(lang, "rule_partnership")
        if options.parties:
            text += " " + t(lang, "rule_parties", items=_items(options.parties))
        return _scoped(text, options, lang)
    if isinstance(options, ConsensusOptions):
        return _scoped(_consensus(options, lang), options, lang)
    if isinstance(options, ComboOptions):
        conditions = _conditions(options.all, options.any, options.none, lang)
        window = esc(span(options.within, lang))
        return _scoped(t(lang, "rule_combo", window=window, conditions=conditions), options, lang)
    return esc(rule.describe())


def _items(values: Iterable[object]) -> str:
    return esc(", ".join(str(value) for value in values))


def _symbols(options: RuleOptions, lang: str) -> str:
    return _items(options.symbols) if options.symbols else t(lang, "all_symbols")


def _scoped(text: str, options: RuleOptions, lang: str) -> str:
    """News rules watch every symbol unless limited; say so only when they are."""
    if not options.symbols:
        return text
    return f"{text} {t(lang, 'rule_for', symbols=_items(options.symbols))}"


def _conditions(every: list[str], some: list[str], none: list[str], lang: str) -> str:
    found = [
        t(lang, key, items=_items(values))
        for key, values in (("any_of", some), ("all_of", every), ("none_of", none))
        if values
    ]
    return "; ".join(found)


def _keyword(options: KeywordOptions, lang: str) -> str:
    conditions = _conditions(options.all, options.any, options.none, lang)
    if options.regex:
        pattern = t(lang, "pattern", pattern=f"<code>{esc(options.regex)}</code>")
        conditions = f"{conditions}; {pattern}" if conditions else pattern
    return conditions


def _price_move(options: PriceMoveOptions, symbols: str, lang: str) -> str:
    change = MOVE_SIGN[options.direction] + _plain_pct(options.change_pct, lang)
    if options.window is not None:
        window = esc(span(options.window, lang))
        return t(lang, "rule_move_window", symbols=symbols, change=change, window=window)
    return t(lang, "rule_move_close", symbols=symbols, change=change)


def _analyst(options: AnalystOptions, lang: str) -> str:
    filters = []
    if options.rating_actions:
        words = [t(lang, RATING_WORDS[a]) for a in options.rating_actions if a in RATING_WORDS]
        filters.append(", ".join(words))
    if options.target_actions:
        words = [t(lang, TARGET_WORDS[a]) for a in options.target_actions if a in TARGET_WORDS]
        filters.append(t(lang, "rule_targets", items=", ".join(words)))
    if options.brokers:
        filters.append(t(lang, "rule_brokers", items=_items(options.brokers)))
    if options.min_target_change_pct is not None:
        change = _plain_pct(options.min_target_change_pct, lang)
        filters.append(t(lang, "rule_min_change", pct=change))
    if options.min_upside_pct is not None:
        filters.append(t(lang, "rule_min_upside", pct=_plain_pct(options.min_upside_pct, lang)))
    if options.include_commentary:
        filters.append(t(lang, "rule_commentary"))
    text = t(lang, "rule_analyst")
    return f"{text} ({'; '.join(filters)})" if filters else text


def _consensus(options: ConsensusOptions, lang: str) -> str:
    filters = []
    if options.target_change_pct is not None:
        change = _plain_pct(options.target_change_pct, lang)
        filters.append(t(lang, "rule_consensus_target", pct=change))
    if options.split_change_pts is not None:
        points = compact(options.split_change_pts, lang)
        filters.append(t(lang, "rule_consensus_split", points=points))
    text = t(lang, "rule_consensus")
    return f"{text} ({'; '.join(filters)})" if filters else text


def _plain_pct(value: float, lang: str) -> str:
    """10 -> '10%' (en) or '10 %' (de); decimals only when there are any."""
    return f"{compact(value, lang)}{' %' if lang == 'de' else '%'}"
