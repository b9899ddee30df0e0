"""The pipeline as `run` and `replay` build it, with the lifecycle stages in place: the quote
guard before quotes are stored, and combos, cooldowns and one alert per item between the rules
and the outbox."""

from __future__ import annotations

from collections.abc import Sequence

from bot.config import Config
from bot.lifecycle.settings import AlertSettings
from bot.ops.metrics import Metrics
from bot.pipeline import Pipeline
from bot.pipeline.combos import ComboStage
from bot.pipeline.cooldown import CooldownStage
from bot.pipeline.engine import RulesEngine
from bot.pipeline.per_item import one_per_item
from bot.pipeline.quotes import QuoteGuard
from bot.pipeline.symbols import SymbolMatcher
from bot.store import Store
from rules.base import Rule
from rules.events import Event


def build_pipeline(
    config: Config, store: Store, rules: Sequence[Rule], metrics: Metrics | None = None
) -> Pipeline:
    pipeline = Pipeline(
        store=store,
        matcher=SymbolMatcher({s: item.names for s, item in config.watchlist.items()}),
        engine=RulesEngine(list(rules), store),
        extractor=extract_events,
        metrics=metrics,
    )
    install(pipeline, config.alerts, rules, store)
    return pipeline


def extract_events(text: str, lang: str | None, default: str, subject: str | None) -> list[Event]:
    """rules.extract.extract. Its grammars are compiled as it is imported, a good part of the
    start-up time: the bot starts polling without waiting for them (App loads them in a thread
    meanwhile), and the first item read takes them once they are there."""
    from rules.extract import extract

    return extract(text, lang, default, subject)


def install(
    pipeline: Pipeline, settings: AlertSettings, rules: Sequence[Rule], store: Store
) -> None:
    pipeline.quote_stages = [QuoteGuard(store, settings)]
    pipeline.max_age = settings.max_age
    install_rules(pipeline, rules, store)


def install_rules(pipeline: Pipeline, rules: Sequence[Rule], store: Store) -> None:
    """Also used on reload: stages that know the rules are rebuilt with the new ones."""
    pipeline.alert_stages = [ComboStage(rules, store), CooldownStage(rules, store), one_per_item]
