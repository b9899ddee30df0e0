"""What /metrics exposes. One registry per App, so two Apps in one process (tests) keep their
counts apart; counters are incremented where things happen, gauges are read at scrape time."""

from __future__ import annotations

from collections import Counter as Tally
from collections.abc import Iterable, Iterator

from prometheus_client import CollectorRegistry, Counter, Gauge, generate_latest
from prometheus_client.core import CounterMetricFamily, Metric
from prometheus_client.registry import Collector

PREFIX = "tickerwatch"


class PerSource(Collector):
    """A counter with one value per source, kept as a plain number per source and shown as a
    labelled counter when scraped: ten thousand feeds polled every few minutes would otherwise
    hold twenty thousand labelled counters, each with its own lock, and pay a label lookup per
    poll."""

    def __init__(self, name: str, text: str, registry: CollectorRegistry) -> None:
        self.name, self.text = name, text
        self.counts: Tally[str] = Tally()
        registry.register(self)

    def inc(self, source: str, amount: int = 1) -> None:
        self.counts[source] += amount

    def collect(self) -> Iterator[Metric]:
        family = CounterMetricFamily(self.name, self.text, labels=["source"])
        for source, count in list(self.counts.items()):
            family.add_metric([source], count)
        yield family

    def describe(self) -> Iterator[Metric]:
        yield CounterMetricFamily(self.name, self.text, labels=["source"])


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        registry = self.registry

        def counter(name: str, text: str, labels: Iterable[str] = ()) -> Counter:
            return Counter(f"{PREFIX}_{name}", text, list(labels), registry=registry)

        def gauge(name: str, text: str, labels: Iterable[str] = ()) -> Gauge:
            return Gauge(f"{PREFIX}_{name}", text, list(labels), registry=registry)

        self.polls = PerSource(f"{PREFIX}_polls", "Fetches of a source (feed or prices)", registry)
        self.poll_failures = counter(
            "poll_failures", "Fetches that failed, by source and kind of error", ["source", "kind"]
        )
        self.items = PerSource(f"{PREFIX}_items", "News items read from a feed", registry)
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
