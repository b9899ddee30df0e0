"""Price moves, trading ranges and analyst consensus, on sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from rules.extract import extract


def of_type(text: str, lang: str, kind: str) -> list[dict[str, Any]]:
    return [e.to_dict() for e in extract(text, lang) if e.type == kind]


@pytest.mark.parametrize(
    ("text", "lang", "company", "change", "price", "currency"),
    [
        ("Die Aktie von Bayer gab um 2,1 Prozent nach.", "de", "Bayer", -2.1, None, None),
        (
            "Papiere von Siemens legten um 3 Prozent auf 181,50 Euro zu.",
            "de",
            "Siemens",
            3.0,
            181.5,
            "EUR",
        ),
        (
            "Die Lufthansa-Aktie verlor zeitweise 4,25 Prozent.",
            "de",
            "Lufthansa",
            -4.25,
            None,
            None,
        ),
        (
            "Für Rheinmetall ging es mit einem Plus von 1,8 Prozent aufwärts.",
            "de",
            "Rheinmetall",
            1.8,
            None,
            None,
        ),
        ("Nike shares rose 4.8% to $47.08 in early trading.", "en", "Nike", 4.8, 47.08, "USD"),
        (
            "Widgetworks shares fell 12 percent after the report.",
            "en",
            "Widgetworks",
            -12.0,
            None,
            None,
        ),
        (
            "Sparrow Systems Shares Down 3.5% After Guidance Cut",
            "en",
            "Sparrow Systems",
            -3.5,
            None,
            None,
        ),
    ],
)
def test_price_moves(
    text: str, lang: str, company: str, change: float, price: float | None, currency: str | None
) -> None:
    moves = of_type(text, lang, "price_move")
    assert len(moves) == 1, moves
    move = moves[0]
    assert (move["company"], move["change_pct"], move["price"], move["currency"]) == (
        company,
        pytest.approx(change),
        price,
        currency,
    )


@pytest.mark.parametrize(
    ("text", "lang", "low", "high", "currency"),
    [
        ("Die Siemens-Aktie pendelt seit Wochen zwischen 48 und 51 Euro.", "de", 48, 51, "EUR"),
        (
            "Der Titel bewegte sich in einer Spanne von 10,50 bis 11,20 Euro.",
            "de",
            10.5,
            11.2,
            "EUR",
        ),
        ("Apple traded between $180 and $195 last week.", "en", 180, 195, "USD"),
    ],
)
def test_price_ranges(text: str, lang: str, low: float, high: float, currency: str) -> None:
    ranges = of_type(text, lang, "price_range")
    assert len(ranges) == 1, ranges
    assert (ranges[0]["low"], ranges[0]["high"], ranges[0]["currency"]) == (low, high, currency)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Analysten trauen der Adidas-Aktie im Schnitt 75 Euro zu.",
            "de",
            {"company": "Adidas", "mean_target": 75, "currency": "EUR"},
        ),
        (
            "Das durchschnittliche Kursziel der Analysten liegt bei 120,50 Euro.",
            "de",
            {"mean_target": 120.5, "currency": "EUR"},
        ),
        (
            "Für SAP gibt es 12 Kaufempfehlungen, 3 Halten, 1 Verkaufen.",
            "de",
            {"company": "SAP", "buy": 12, "hold": 3, "sell": 1},
        ),
        (
            "Analysts have a consensus price target of $194 on Apple.",
            "en",
            {"company": "Apple", "mean_target": 194, "currency": "USD"},
        ),
        ("The median price target is $180.", "en", {"median_target": 180, "currency": "USD"}),
        (
            "Tesla has 12 Buy ratings, 3 Hold and 1 Sell.",
            "en",
            {"company": "Tesla", "buy": 12, "hold": 3, "sell": 1},
        ),
    ],
)
def test_consensus(text: str, lang: str, expected: dict[str, Any]) -> None:
    found = of_type(text, lang, "consensus")
    assert len(found) == 1, found
    for key, value in expected.items():
        assert found[0][key] == value, (key, found[0])


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Die Gesellschaft gab 3 Prozent ihres Gewinns als Dividende bekannt.", "de"),
        ("Zwischen 2018 und 2020 stieg der Umsatz deutlich.", "de"),
        ("Der Zins liegt zwischen 3 und 4 Prozent.", "de"),
        ("Revenue was up year over year.", "en"),
        ("The company has between 500 and 600 employees.", "en"),
        ("12 analysts cover the stock.", "en"),
        # a business figure moved, not the price
        ("Der Fabrikam-Umsatz stieg im Quartal um 16 Prozent auf 9 Milliarden Euro.", "de"),
        ("Der Quartalsgewinn von Contoso fiel um 27 Prozent.", "de"),
        ("Litware said organic sales rose 4.2 percent in the quarter.", "en"),
    ],
)
def test_no_invented_moves_ranges_or_consensus(text: str, lang: str) -> None:
    kinds = {e.type for e in extract(text, lang)}
    assert not kinds & {"price_move", "price_range", "consensus"}


def test_a_price_word_keeps_the_move_beside_a_figure() -> None:
    for text, lang in (
        ("Nach dem Umsatzbericht stieg die Aktie von Fabrikam um 4 Prozent.", "de"),
        ("Trotz des Gewinns fiel die Fabrikam-Aktie um 2 Prozent.", "de"),
        ("Litware shares rose 4.2% after sales beat estimates.", "en"),
    ):
        assert [e.type for e in extract(text, lang)] == ["price_move"], text


def test_name_before_shares_matches_as_the_backtracking_pattern() -> None:
    """The pattern that takes words whole finds what the plain one finds, at the same places."""
    import random
    import re

    from rules.extract import moves

    determiner = moves._DETERMINER
    plain = re.compile(
        rf"(?<![\w.&'-])(?!{determiner})(?=\d*[A-Z])(?P<company>[A-Z0-9][\w.&'-]*"
        rf"(?:\s(?!{determiner})[A-Z0-9&][\w.&'-]*){{0,4}}?)(?:'s)?$"
    )
    words = ["Tesla's", "The", "ARK", "3M", "Co.", "its", "and", "A&B", "x-Y", "'s", "9", "\n"]
    rnd = random.Random(3)
    for _ in range(2000):
        text = " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 9)))
        end = rnd.randint(0, len(text))
        start = rnd.randint(0, end)
        got = moves._NAME_BEFORE_SHARES_RE.search(text, start, end)
        want = plain.search(text, start, end)
        assert (got and (got.span(), got.group("company"))) == (
            want and (want.span(), want.group("company"))
        ), (text, start, end)
