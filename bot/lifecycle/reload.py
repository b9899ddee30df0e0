"""Swap a running bot's rules for those of a freshly loaded config (SIGHUP, /reload).

Rules, the watchlist, the `alerts:` settings, the time zone and the sources change at once (the
App then brings the scheduler's jobs in step); Redis and Telegram keep running as they are (they
take effect after a restart)."""

from __future__ import annotations

import logging

from bot.config import Config
from bot.lifecycle.dispatch import Dispatcher
from bot.pipeline.engine import RulesEngine
from bot.pipeline.lifecycle import install
from bot.pipeline.symbols import SymbolMatcher
from bot.services import Services
from rules.base import Rule
from rules.registry import build_rule

log = logging.getLogger(__name__)

KEPT = ("redis", "telegram")  # parts that a running bot cannot swap


def swap_rules(new: Config, services: Services, dispatcher: Dispatcher | None) -> Config:
    """Put the new rules in place and return the config now in effect."""
    old = services.config
    for part in KEPT:
        if getattr(new, part) != getattr(old, part):
            log.warning("reload: changes under %s take effect after a restart", part)
    if new.sources.allow_private != old.sources.allow_private:
        # The HTTP client of the chats' feeds was made with it.
        log.warning("reload: sources.allow_private takes effect after a restart")
    effective = new.model_copy(update={part: getattr(old, part) for part in KEPT})
    rules: list[Rule] = [build_rule(options) for options in effective.rules]
    pipeline = services.pipeline
    pipeline.engine = RulesEngine(rules, services.store)
    pipeline.matcher = SymbolMatcher({s: item.names for s, item in effective.watchlist.items()})
    install(pipeline, effective.alerts, rules, services.store)
    services.rules = rules
    services.config = effective
    if dispatcher is not None:
        dispatcher.set_rules(rules)
        dispatcher.settings = effective.alerts
        dispatcher.zone = effective.zone
    log.info("reload: %d rules in effect", len(rules))
    return effective
