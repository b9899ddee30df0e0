"""Fetching news feeds and prices into normalised records."""

from bot.sources.http import FetchResponse, HttpClient, SourceError, Validators
from bot.sources.prices import QuoteBatch, fetch_quotes, parse_chart
from bot.sources.rss import FeedResult, fetch_feed, parse_feed

__all__ = [
    "FeedResult",
    "FetchResponse",
    "HttpClient",
    "QuoteBatch",
    "SourceError",
    "Validators",
    "fetch_feed",
    "fetch_quotes",
    "parse_chart",
    "parse_feed",
]
