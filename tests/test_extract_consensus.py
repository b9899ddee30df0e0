"""Consensus figures with their parts: rating counts in the forms wires and newsletters write
them, the consensus rating, the analysts counted, the average target, as one event per
document; and sentences that look alike but state no consensus."""

from __future__ import annotations

import pytest

from rules.events import Consensus
from rules.extract import extract
from rules.extract.rating_counts import RatingSplit, consensus_rating, rating_split


def consensus_of(text: str, lang: str) -> list[Consensus]:
    return [event for event in extract(text, lang) if isinstance(event, Consensus)]


@pytest.mark.parametrize(
    ("sentence", "split"),
    [
        ("Hermes has 14 buy ratings and 6 hold ratings.", RatingSplit(14, 6, None, None)),
        ("Analysts are split: 3 buy, 9 hold, 2 sell.", RatingSplit(3, 9, 2, None)),
        (
            "Of the 33 analysts following Vinci, 25 rate the stock a buy, 7 a hold and one a sell.",
            RatingSplit(25, 7, 1, 33),
        ),
        (
            "Among the 19 brokers covering Ryanair, 11 rate it outperform and 8 neutral.",
            RatingSplit(11, 8, None, 19),
        ),
        (
            "12 of the 17 analysts tracking Ferrari recommend buying.",
            RatingSplit(12, None, None, 17),
        ),
        ("Ahold gets 4 strong buy, 5 buy and 6 hold ratings.", RatingSplit(9, 6, None, None)),
        (
            "Sixt kommt auf 6 Kaufempfehlungen, 3 Halten und 2 Verkaufen.",
            RatingSplit(6, 3, 2, None),
        ),
        (
            "Von 18 Analysten raten 10 zum Kauf, 6 zum Halten und zwei zum Verkauf.",
            RatingSplit(10, 6, 2, 18),
        ),
        ("9 von 11 Analysten raten zum Kauf der Brenntag-Aktie.", RatingSplit(9, None, None, 11)),
        (
            "Für Aurubis gibt es 5 Kaufempfehlungen und 4 Halteempfehlungen, "
            "Verkaufsempfehlungen gibt es keine.",
            RatingSplit(5, 4, 0, None),
        ),
    ],
)
def test_rating_counts(sentence: str, split: RatingSplit) -> None:
    assert rating_split(sentence) == split


@pytest.mark.parametrize(
    "sentence",
    [
        "Jefferies hebt Ziel für Sixt von 90 auf 110 Euro - 'Buy'",
        "Top 5 Buy-rated stocks for 2027",
        "Barclays Maintains Overweight on Linde, Raises Price Target to $520",
        "The fund sold 3 million shares and bought 2 million more.",
        "Anleger sollten 5 Aktien kaufen und 3 halten, rät der Börsenbrief.",
    ],
)
def test_no_counts_where_none_are_stated(sentence: str) -> None:
    assert rating_split(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "rating"),
    [
        ("Snowflake has a consensus rating of 'Moderate Buy' on TipRanks.", "Moderate Buy"),
        ("Analysts rate Intuit a consensus strong buy.", "strong buy"),
        ("Unilever holds an average rating of 'hold' among analysts.", "hold"),
        ("Zscaler earns a Strong Buy consensus rating.", "Strong Buy"),
        ("Die Konsensempfehlung für Henkel lautet 'Halten'.", "Halten"),
        ("The consensus price target of $50 implies an upside for buyers.", None),
    ],
)
def test_consensus_rating(sentence: str, rating: str | None) -> None:
    assert consensus_rating(sentence) == rating


def test_english_paragraph_is_one_event_with_its_parts() -> None:
    text = (
        "Vertex holds near record\n"
        "Vertex shares were flat on Monday. Of the 28 analysts covering the drugmaker, 22 rate "
        "it buy, 5 hold and 1 sell, according to LSEG data. Their median price target is $505."
    )
    assert [event.to_dict() for event in consensus_of(text, "en")] == [
        {
            "type": "consensus",
            "company": "Vertex",
            "mean_target": None,
            "median_target": 505,
            "buy": 22,
            "hold": 5,
            "sell": 1,
            "currency": "USD",
            "rating": None,
            "analysts": 28,
        }
    ]


def test_german_newsletter_takes_the_subject_from_a_greeting_line() -> None:
    text = (
        "Liebe Aktionärinnen und Aktionäre, heute schauen wir auf Beiersdorf.\n"
        "Von den 21 Analysten, die den Konsumgüterkonzern beobachten, raten 13 zum Kauf, "
        "7 zum Halten und 1 zum Verkauf. Im Mittel sehen sie das Kursziel bei 150 Euro."
    )
    [event] = consensus_of(text, "de")
    assert (event.company, event.mean_target, event.currency) == ("Beiersdorf", 150, "EUR")
    assert (event.buy, event.hold, event.sell, event.analysts) == (13, 7, 1, 21)


def test_rating_in_the_title_joins_the_counts_in_the_body() -> None:
    text = (
        "Analysts rate Nike a consensus 'Moderate Buy'\n"
        "Of 30 brokerages covering Nike, 18 rate it buy and 12 hold; the average price target "
        "is $95."
    )
    [event] = consensus_of(text, "en")
    assert (event.company, event.rating, event.buy, event.hold, event.mean_target) == (
        "Nike",
        "Moderate Buy",
        18,
        12,
        95,
    )


def test_average_of_another_figure_is_no_target() -> None:
    text = "Im Schnitt erwarten Analysten für Brenntag einen Umsatz von 4,1 Milliarden Euro."
    assert consensus_of(text, "de") == []
    text = "Im Durchschnitt rechnen Analysten bei Symrise mit einer Dividende von 1,20 Euro."
    assert consensus_of(text, "de") == []


def test_rating_words_spelled_with_letters_that_only_case_rules_equate_are_read() -> None:
    # Case-insensitive matching takes "ſ" for "s" and "ı" for "i"; the side tables must too.
    for odd, plain in (("ſ", "s"), ("ı", "i"), ("İ", "I")):
        for words in (("buy", "holds"), ("Kaufen", "Halten"), ("buy", "sell"), ("six", "five")):
            spelled = [
                word.replace(plain.lower(), odd).replace(plain.upper(), odd) for word in words
            ]
            text = f"12 {spelled[0]}, 3 {spelled[1]}, keine Verkaufſempfehlungen, none ſell"
            for lang in ("en", "de"):
                extract(text, lang)  # no KeyError, whatever it reads
    assert rating_split("12 buy, 3 holdſ") == rating_split("12 buy, 3 holds")


@pytest.mark.parametrize(
    ("sentence", "split"),
    [
        (
            "Three analysts have rated the stock with a buy rating, twelve have given a hold "
            "rating and two have issued a sell rating.",
            RatingSplit(3, 12, 2, None),
        ),
        (
            "Two research analysts have rated the stock with a hold rating and six have given "
            "a buy rating to the company.",
            RatingSplit(6, 2, None, None),
        ),
        ("It is based on one hold rating and five sell ratings.", RatingSplit(None, 1, 5, None)),
        (
            "Neun davon empfehlen die Aktie zum Kauf, vier raten zum Halten und einer zum Verkauf.",
            RatingSplit(9, 4, 1, None),
        ),
    ],
)
def test_rating_counts_written_in_words(sentence: str, split: RatingSplit) -> None:
    assert rating_split(sentence) == split


def test_a_side_nobody_takes_counts_none() -> None:
    sentence = "Laut Factset raten 11 Analysten zum Kauf und 2 zum Halten, zum Verkauf rät niemand."
    assert rating_split(sentence) == RatingSplit(11, 2, 0, None)


def test_a_target_moved_from_one_figure_to_another_counts_no_analysts() -> None:
    text = (
        "Die Bank hob das Kursziel von 60 auf 66 Euro an. "
        "12 Analysten raten zum Kauf und 8 zum Halten."
    )
    assert rating_split(text) == RatingSplit(12, 8, None, None)


def test_english_average_target_taken_among_the_brokers() -> None:
    text = (
        'Shares of Acme Foods have received a consensus rating of "Hold" from the nine '
        "brokerages covering the company. Six analysts have rated the stock with a hold rating "
        "and three have assigned a buy rating. The average twelve-month target price among "
        "brokerages that have updated their coverage on the stock in the last year is $61.20."
    )
    (event,) = consensus_of(text, "en")
    assert (event.company, event.buy, event.hold, event.mean_target, event.currency) == (
        "Acme Foods",
        3,
        6,
        61.2,
        "USD",
    )


@pytest.mark.parametrize(
    "text",
    [
        # a price per unit is no target
        "Die Experten der Bank erwarten für Brent im Schnitt 71 Dollar je Barrel.",
        # an average of something other than a target
        "Die Experten der Bank haben ihre Prognosen angehoben. Brent dürfte im Schnitt 84 "
        "Dollar kosten.",
        # the shares of several companies: whose figures?
        "Die Aktien von Hornbach und Ceconomy gaben nach. Die Analysten sind gespalten: "
        "11 raten zum Kauf, 7 zum Halten.",
    ],
)
def test_no_consensus_without_a_target_or_one_company(text: str) -> None:
    assert consensus_of(text, "de") == []


@pytest.mark.parametrize(
    ("sentence", "split"),
    [
        # the compound's end given by the next word
        (
            "Für Beiersdorf liegen 20 Stimmen vor: 11 Kaufempfehlungen, 7 Halte- und zwei "
            "Verkaufsempfehlungen.",
            RatingSplit(11, 7, 2, None),
        ),
        # "der" between a part and its whole
        ("22 der 27 Experten raten zum Kauf.", RatingSplit(22, None, None, 27)),
        # a rating before its count belongs to that count, not to the one before
        ("Kaufen empfehlen 9, halten 12 und verkaufen 2.", None),
    ],
)
def test_rating_counts_in_german_lists(sentence: str, split: RatingSplit | None) -> None:
    assert rating_split(sentence) == split


def test_a_target_word_just_before_the_average_and_a_compound_consensus() -> None:
    text = (
        "Henkel-Aktie: Was Analysten sagen\n"
        "Die Analysten sind bei Henkel gespalten: 6 raten zum Kauf, 11 zum Halten und 2 zum "
        "Verkauf. Das Kursziel liegt im Schnitt bei 81 Euro."
    )
    (event,) = consensus_of(text, "de")
    assert (event.company, event.buy, event.hold, event.sell, event.mean_target) == (
        "Henkel",
        6,
        11,
        2,
        81,
    )
    assert consensus_rating('Der Analystenkonsens für Merck liegt bei "Halten".') == "Halten"


@pytest.mark.parametrize(
    ("text", "lang", "split"),
    [
        (
            "Of the 20 analysts covering Ahold Delhaize, 12 rate the stock a buy, 6 a hold "
            "and 2 a sell.",
            "en",
            (12, 6, 2),
        ),
        (
            "Für Ahold Delhaize raten 8 Analysten zum Kauf, 3 zum Halten und 1 zum Verkauf.",
            "de",
            (8, 3, 1),
        ),
    ],
)
def test_a_name_holding_a_rating_word_keeps_the_consensus_beside_it(
    text: str, lang: str, split: tuple[int, int, int]
) -> None:
    (found,) = consensus_of(text, lang)
    assert (found.company, found.buy, found.hold, found.sell) == ("Ahold Delhaize", *split)


@pytest.mark.parametrize(
    ("text", "plain", "lang"),
    [
        (
            "Ahold Delhaize: 12 analysts rate the shares overweight and 3 underweight",
            "Unilever: 12 analysts rate the shares overweight and 3 underweight",
            "en",
        ),
        (
            "Meanwhile, 9 analysts rate Unilever outperform and 2 underperform.",
            "Since then, 9 analysts rate Unilever outperform and 2 underperform.",
            "en",
        ),
    ],
)
def test_a_rating_word_inside_another_word_does_not_decide_whether_a_consensus_is_read(
    text: str, plain: str, lang: str
) -> None:
    # "Ahold" and "Meanwhile" hold "hold" and "mean" only as letters: the reading is that of
    # the same sentence without them
    assert len(consensus_of(text, lang)) == len(consensus_of(plain, lang))


def test_an_average_target_told_after_a_long_account_of_whose_it_is() -> None:
    text = (
        "Das mittlere Kursziel der im Datendienst von Factset erfassten Analysten für Beiersdorf"
        " liegt bei 142 Euro."
    )
    (consensus,) = consensus_of(text, "de")
    assert (consensus.company, consensus.mean_target, consensus.currency) == (
        "Beiersdorf",
        142,
        "EUR",
    )


@pytest.mark.parametrize(
    ("sentence", "rating"),
    [
        ("Costco has a Moderate Buy consensus from 31 analysts.", "Moderate Buy"),
        ("The consensus among the 17 analysts covering Ørsted is Hold.", "Hold"),
        ("The consensus rating on Diageo is Outperform, according to LSEG.", "Outperform"),
    ],
)
def test_a_consensus_rating_named_after_its_analysts_or_company(sentence: str, rating: str) -> None:
    assert consensus_rating(sentence) == rating
