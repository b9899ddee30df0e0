"""Importing this package registers every built-in rule type."""

from rules.types import keyword, price_band

__all__ = ["keyword", "price_band"]
