"""The chart's drawing (markers, legend, dates in the chat's language), the provider's history
as parsed and cached, and the poller noting symbols the provider does not know."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from fakes.telegram_api import FakeTelegramAPI
from local_http import serve
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from telegram_harness import make_services
from test_chart_command import FakeYahoo, chart_config, yahoo_chart

from bot.charts import DOWN, FLAT, UP, EventMark, Labels, build_figure, direction_at
from bot.jobs import Poller
from bot.models import Quote
from bot.sources.history import History, history_from_result, merge_recorded
from bot.sources.http import HttpClient
from bot.store import Store

ZONE = ZoneInfo("Europe/Berlin")
START = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
QUARTER = timedelta(minutes=15)


def path(
    prices: list[float], start: datetime = START, step: timedelta = timedelta(minutes=5)
) -> list[Quote]:
    return [
        Quote("SAP.DE", price, start + step * index, "EUR") for index, price in enumerate(prices)
    ]


def drawn(figure: Figure) -> Figure:
    FigureCanvasAgg(figure).draw()
    return figure


def tick_texts(figure: Figure) -> list[str]:
    return [label.get_text() for label in drawn(figure).axes[0].get_xticklabels()]


def test_markers_point_the_way_the_price_went_and_the_legend_names_them() -> None:
    quotes = path([100, 101, 103, 102, 99, 99, 98, 98])
    events = [
        EventMark(quotes[2].time, "warning", "up"),  # 101 -> 103
        EventMark(quotes[4].time, "critical", "down"),  # 102 -> 99
        EventMark(quotes[5].time, "info", "still down"),  # 99 after 99: compares with 102
        EventMark(quotes[0].time, "info", "first"),  # nothing before it
    ]
    labels = Labels(rise="rising", fall="falling", alert="alert")
    figure = build_figure(quotes, title="SAP", bands=[], events=events, zone=ZONE, labels=labels)
    [axes] = figure.axes
    markers = [line.get_marker() for line in axes.lines if line.get_linestyle() == "None"]
    assert markers == ["^", "v", "v", "o"]
    legend = [text.get_text() for text in axes.get_legend().get_texts()]
    assert legend == ["price", "rising", "falling", "alert"]


def test_direction_at() -> None:
    stamps, prices = [1.0, 2.0, 3.0, 4.0], [10.0, 11.0, 11.0, 9.0]
    assert direction_at(stamps, prices, 2.0, 11.0) == UP
    assert direction_at(stamps, prices, 3.0, 11.0) == UP
    assert direction_at(stamps, prices, 4.0, 9.0) == DOWN
    assert direction_at(stamps, prices, 1.0, 10.0) == FLAT


def test_previous_close_line_is_dashed_in_the_legend_and_inside_the_axis() -> None:
    quotes = path([100, 101, 102])
    figure = build_figure(
        quotes,
        title="SAP",
        bands=[],
        events=[],
        zone=ZONE,
        previous_close=90.0,
        labels=Labels(previous_close="Vortagesschluss", axis="EUR"),
    )
    [axes] = figure.axes
    assert [text.get_text() for text in axes.get_legend().get_texts()] == [
        "price",
        "Vortagesschluss",
    ]
    low, _ = axes.get_ylim()
    assert low < 90.0
    assert axes.get_ylabel() == "EUR"


def test_month_names_and_dates_follow_the_chats_language() -> None:
    days = [START + timedelta(days=offset) for offset in range(-40, 0)]
    month = [Quote("SAP.DE", 100.0 + offset % 3, day, "EUR") for offset, day in enumerate(days)]
    german = tick_texts(
        build_figure(month, title="", bands=[], events=[], zone=ZONE, lang="de", gapless=True)
    )
    english = tick_texts(
        build_figure(month, title="", bands=[], events=[], zone=ZONE, gapless=True)
    )
    assert any("Okt." in text for text in german) and any("Nov." in text for text in german)
    assert any("Oct" in text for text in english) and not any("Okt" in text for text in english)

    # Five trading days of 34 quarter-hour bars each, from 09:00 CET.
    five = [
        Quote("SAP.DE", 100.0 + bar % 4, datetime(2027, 3, day, 8, tzinfo=UTC) + bar * QUARTER)
        for day in range(1, 6)
        for bar in range(34)
    ]
    ticks = tick_texts(
        build_figure(five, title="", bands=[], events=[], zone=ZONE, lang="de", gapless=True)
    )
    assert ticks == ["Mo., 1. März", "Di., 2. März", "Mi., 3. März", "Do., 4. März", "Fr., 5. März"]

    day = path([100.0, 101.0, 102.0] * 30, datetime(2026, 12, 3, 8, tzinfo=UTC))
    figure = drawn(build_figure(day, title="", bands=[], events=[], zone=ZONE, lang="de"))
    assert figure.axes[0].get_xlabel() == "Do., 3. Dez. 2026"
    assert "10:00" in [label.get_text() for label in figure.axes[0].get_xticklabels()]


def test_history_from_a_five_day_answer() -> None:
    closes: list[float | None] = [100.0, None, 101.0, 102.0]
    payload = yahoo_chart(
        "SAP.DE", closes, step=timedelta(hours=12), previous_close=None, data_range="5d"
    )
    history = history_from_result(payload["chart"]["result"][0])  # type: ignore[index]
    # 12-hour steps from 09:00 CEST: Aug 3 09:00 and 21:00, Aug 4 09:00 and 21:00.
    assert [price for _, price in history.points] == [100.0, 101.0, 102.0, 102.0]
    assert history.previous_close == 100.0  # the last close of the day before the newest
    assert history.currency == "EUR"
    assert history.session is not None and history.session[0] == datetime(2026, 8, 3, 7, tzinfo=UTC)
    assert History.from_json(history.to_json()) == history
    assert json.loads(history.to_json())["previous_close"] == 100.0

    recorded = [
        Quote("SAP.DE", 1.0, history.points[0][0], "EUR"),  # older than the provider's last
        Quote("SAP.DE", 2.0, history.points[-1][0] + timedelta(minutes=1), "EUR"),
    ]
    merged = merge_recorded(history.quotes("SAP.DE"), recorded)
    assert [quote.price for quote in merged] == [100.0, 101.0, 102.0, 102.0, 2.0]
    assert merge_recorded([], recorded) == recorded


async def test_poller_records_unknown_symbols_and_forgets_them_once_answered(
    telegram_api: FakeTelegramAPI, store: Store
) -> None:
    fake = FakeYahoo()
    fake.answers["SAP.DE"] = (200, yahoo_chart("SAP.DE", [100.0, 101.0]))
    now = [datetime(2026, 8, 3, 8, 0, tzinfo=UTC)]
    async with serve(fake.app) as url:
        services = make_services(chart_config(telegram_api, url), store, lambda: now[0])
        with ThreadPoolExecutor(1) as pool:
            async with HttpClient() as http:
                poller = Poller(services, http, pool)
                await poller.poll_prices()
                assert await store.is_unknown_symbol("XYZ")
                assert not await store.is_unknown_symbol("SAP.DE")

                fake.answers["XYZ"] = (200, yahoo_chart("XYZ", [5.0, 5.5]))
                now[0] += timedelta(hours=2)  # past the pause before asking again
                await poller.poll_prices()
                assert not await store.is_unknown_symbol("XYZ")
                assert (await store.latest_quote("XYZ")) is not None
