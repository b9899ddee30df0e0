"""Price providers by name: the one place a provider is listed. A new provider is one module
with a PriceProvider subclass and its Options, added to PROVIDERS."""

from __future__ import annotations

from bot.sources.providers.base import PriceProvider, ProviderOptions
from bot.sources.providers.binance import BinanceProvider
from bot.sources.providers.json_api import JsonProvider
from bot.sources.providers.stooq import StooqProvider
from bot.sources.providers.yahoo import YahooProvider

PROVIDERS: dict[str, type[PriceProvider]] = {
    provider.name: provider
    for provider in (YahooProvider, StooqProvider, BinanceProvider, JsonProvider)
}


def build_provider(name: str, options: ProviderOptions) -> PriceProvider:
    return PROVIDERS[name](options)


__all__ = ["PROVIDERS", "PriceProvider", "ProviderOptions", "build_provider"]
