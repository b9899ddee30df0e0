"""What /metrics exposes. One registry per App, so two Apps in one process (tests) keep their
counts apart; counters are incremented where things happen, gauges are read at scrape time."""

from __future__ import annotations

from collections.abc import Iterable

from prometheus_client import CollectorRegistry, Counter, Gauge, generate_latest

PREFIX = "tickerwatch"


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        registry = self.registry

        def counter(name: str, text: str, labels: Iterable[str] = ()) -> Counter:
            return Counter(f"{PREFIX}_{name}", text, list(labels), registry=registry)

        def gauge(name: str, text: str, labels: Iterable[str] = ()) -> Gauge:
            return Gauge(f"{PREFIX}_{name}", text, list(labels), registry=registry)

        self.polls = counter("polls", "Fetches of a source (feed or prices)", ["source"])
        self.poll_failures = counter(
            "poll_failures", "Fetches that failed, by source and kind of error", ["source", "kind"]
        )
        self.items = counter("items", "News items read from a feed", ["source"])
        self.events = counter("events", "Events extracted from new items", ["type"])
        self.alerts = counter(
            "alerts", "Alerts queued for delivery, by rule and severity", ["rule", "severity"]
        )
        self.sends = counter("sends", "Messages Telegram accepted")
        self.rate_limited = counter("telegram_429", "Sends answered with 429 (retry after)")
        self.send_retries = counter("send_retries", "Sends tried again after a failed attempt")
        self.failed_deliveries = counter(
            "failed_deliveries", "Alerts given up on for a chat after every retry"
        )
        self.outbox_length = gauge("outbox_length", "Alerts in the outbox not yet handled")
        self.outbox_oldest_age = gauge(
            "outbox_oldest_age_seconds", "Age of the oldest alert in the outbox (0 when empty)"
        )
        self.redis_up = gauge("redis_up", "1 while Redis answers, 0 while it does not")
        self.source_last_success = gauge(
            "source_last_success_timestamp_seconds",
            "When a source was last fetched successfully (Unix time)",
            ["source"],
        )

    def poll_failed(self, source: str, kind: str) -> None:
        self.poll_failures.labels(source=source, kind=kind).inc()

    def text(self) -> bytes:
        return generate_latest(self.registry)
