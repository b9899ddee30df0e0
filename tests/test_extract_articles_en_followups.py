"""English article bodies whose later sentences finish an action of an earlier one ("They
issued ...", "The brokerage cut ..."), and MarketBeat forms with an exchange before the ticker.
The texts are written for the tests."""

from __future__ import annotations

from analyst_rows import analyst_rows

from rules.extract import extract


def _analyst(text: str) -> set[tuple]:
    return set(analyst_rows(text, "en"))


def test_research_analysts_at_a_broker_and_an_exchange_ticker() -> None:
    text = (
        "Equities research analysts at Raymond James raised their price target on shares of "
        "Okta (NASDAQ:OKTA) from $95.00 to $110.00 in a research note issued on Monday. The "
        'brokerage presently has a "strong-buy" rating on the software maker\'s stock.'
    )
    assert _analyst(text) == {
        ("Raymond James", "Okta", "none", "strong-buy", "raise", 110, 95, "USD")
    }


def test_they_completes_the_action_of_the_broker_of_the_sentence_before() -> None:
    text = (
        "Deere (NYSE:DE) has been the topic of several research reports. Baird raised their "
        'target price on Deere from $480.00 to $510.00 and gave the company an "outperform" '
        "rating in a report on Tuesday. Evercore ISI initiated coverage on Deere in a research "
        'note on Friday. They issued an "in-line" rating and a $495.00 price target for the '
        "company."
    )
    assert _analyst(text) == {
        ("Baird", "Deere", "none", "outperform", "raise", 510, 480, "USD"),
        ("Evercore ISI", "Deere", "init", "in-line", "init", 495, None, "USD"),
    }


def test_the_brokerage_goes_on_with_the_action_of_the_sentence_before() -> None:
    text = (
        "Shares of Ericsson fell 3% in Stockholm after Citi downgraded the network gear maker to "
        "sell from neutral. The brokerage cut its price target to 62 Swedish crowns from 80 "
        "crowns."
    )
    rows = _analyst(text)
    assert ("Citi", "Ericsson", "down", "sell", "lower", 62, 80) in {row[:7] for row in rows}


def test_a_rating_with_a_letter_grade_in_quotes() -> None:
    text = (
        'Weiss Ratings reaffirmed a "hold (c+)" rating on shares of Kellanova in a report on '
        "Thursday."
    )
    assert _analyst(text) == {
        ("Weiss Ratings", "Kellanova", "main", "hold (c+)", "none", None, None, None)
    }
    text = (
        'Hasbro (NASDAQ:HAS) was downgraded by analysts at Weiss Ratings from a "buy (b-)" '
        'rating to a "hold (c+)" rating in a research note issued on Friday.'
    )
    assert _analyst(text) == {
        ("Weiss Ratings", "Hasbro", "down", "hold (c+)", "none", None, None, None)
    }


def test_a_broker_named_again_in_the_next_sentence_adds_to_its_action() -> None:
    text = (
        "Shares of Kohl's fell 6% after Barclays cut the retailer to underweight from equal "
        "weight. Barclays also lowered its price target to $8 from $12."
    )
    assert _analyst(text) == {("Barclays", "Kohl's", "down", "underweight", "lower", 8, 12, "USD")}


def test_a_consensus_rating_on_a_company() -> None:
    text = (
        'Analysts have a consensus "Buy" rating on Lowe\'s, with 21 buy ratings and 9 holds, '
        "and an average price target of $275, according to LSEG."
    )
    (event,) = [e for e in extract(text, "en") if e.type == "consensus"]
    assert (event.company, event.buy, event.hold, event.mean_target) == ("Lowe's", 21, 9, 275)


def test_a_target_received_up_from_an_earlier_one_is_raised() -> None:
    text = (
        "Chevron (NYSE:CVX) received a new $180 price target from analysts at Mizuho, up from "
        '$172. The brokerage has a "buy" rating.'
    )
    assert _analyst(text) == {("Mizuho", "Chevron", "none", "buy", "raise", 180, 172, "USD")}


def test_ratings_kept_respectively_by_listed_brokers() -> None:
    text = (
        "RBC and TD Securities both cut their targets on Cenovus to $24 and $25, respectively, "
        "keeping outperform and buy ratings."
    )
    assert _analyst(text) == {
        ("RBC", "Cenovus", "main", "outperform", "lower", 24, None, "USD"),
        ("TD Securities", "Cenovus", "main", "buy", "lower", 25, None, "USD"),
    }
