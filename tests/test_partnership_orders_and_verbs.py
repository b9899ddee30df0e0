"""Partnership forms of wire headlines and news sentences the cues used to miss: "Partners X
On" headlines, framework orders, a market where goods are sold, German goods named before the
customer and a German subject that only describes the company named before a colon. Every
text is written for these tests; most names are invented."""

from __future__ import annotations

import pytest

from rules.extract.partnership import find_partnerships


def _parties(text: str, lang: str = "en") -> list[set[str]]:
    return [set(event.parties) for event in find_partnerships(text, lang)]


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("Brightmere Partners Kestra Labs On Battery Recycling", {"Brightmere", "Kestra Labs"}),
        ("3M Partners Halvik On Lightweight Cabin Materials", {"3M", "Halvik"}),
    ],
)
def test_partners_with_its_object_straight_after(text: str, parties: set[str]) -> None:
    assert _parties(text) == [parties]


@pytest.mark.parametrize(
    "text",
    [
        "Avondale Partners Upgrades Corvane to Outperform",
        "Avondale Partners Initiates Coverage on Corvane at Outperform",
        "Partners Group Raises Record Fund for Infrastructure",
        "Alliance Resource Partners Reports Higher Coal Sales in Quarter",
    ],
)
def test_partners_as_a_names_tail_is_no_verb(text: str) -> None:
    assert _parties(text) == []


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "Halvik Wins Framework Order From Deutsche Bahn for Rail Sensors",
            {"Halvik", "Deutsche Bahn"},
        ),
        (
            "Corvane Mobility said it had received a framework order from Brightmere Logistics "
            "for electric vans.",
            {"Corvane Mobility", "Brightmere Logistics"},
        ),
    ],
)
def test_framework_orders(text: str, parties: set[str]) -> None:
    assert _parties(text) == [parties]


@pytest.mark.parametrize(
    "text",
    [
        "Halvik Wins Order From Brightmere Airlines for 20 Jets",
        "Halvik Wins Framework Order From Brightmere Airlines for 20 Jets",
    ],
)
def test_a_purchase_order_is_no_partnership(text: str) -> None:
    assert _parties(text) == []


def test_where_goods_are_sold_is_no_sale() -> None:
    text = "Apple Taps Kestra for Voice Features on iPhones Sold in Europe"
    assert _parties(text) == [{"Apple", "Kestra"}]


def test_a_sale_still_vetoes_a_choice() -> None:
    assert _parties("Halvik Taps Kestra Bank After It Sold Its Chip Unit") == []


def test_german_goods_before_the_customer() -> None:
    text = (
        "Der Zulieferer Halvik liefert ab 2027 elektrische Achsantriebe an den Autobauer "
        "Kestra, wie beide Seiten mitteilten."
    )
    assert _parties(text, "de") == [{"Halvik", "Kestra"}]


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "Aktien von Evotec legten zu: Das Hamburger Unternehmen hat mit dem US-Konzern "
            "Bristol Myers Squibb eine Forschungspartnerschaft vereinbart.",
            {"Evotec", "Bristol Myers Squibb"},
        ),
        (
            "Aktien von Halvik Systems legten zu: Der Konzern hat mit dem Zulieferer Kestra einen "
            "Liefervertrag geschlossen.",
            {"Halvik Systems", "Kestra"},
        ),
    ],
)
def test_german_subject_that_describes_the_company_before_the_colon(
    text: str, parties: set[str]
) -> None:
    assert _parties(text, "de") == [parties]


def test_german_perfect_with_the_auxiliary_before_the_subject() -> None:
    text = (
        "Laut einer Mitteilung hat der Autobauer BMW das Münchner Start-up Kestra Robotics mit "
        "der Automatisierung von zwei Werken beauftragt."
    )
    assert _parties(text, "de") == [{"BMW", "Kestra Robotics"}]


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "Morgan Advanced Supplies Fine Ceramics To Lam Research Under Five-Year Pact",
            [{"Morgan Advanced", "Lam Research"}],
        ),
        (
            "Saltigo supplies fine chemicals to Bayer under a new multi-year agreement.",
            [{"Saltigo", "Bayer"}],
        ),
        # a fine paid is a penalty, and one near a weak or adopt cue leaves it no partnership
        ("Regulators fined Halvik, which supplies brake parts to Ostrava Motors.", []),
    ],
)
def test_fine_as_the_adjective_of_the_goods_is_no_penalty(
    text: str, parties: list[set[str]]
) -> None:
    assert _parties(text) == parties


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "Kestrel will buy cells from Korea's Halvik Energy under a new supply deal.",
            [{"Kestrel", "Halvik Energy"}],
        ),
        (
            "Ostrava Motors said its electric spinoff Voltra will buy motors from Japan's Nidec"
            " under a long-term supply deal.",
            [{"Voltra", "Nidec"}],
        ),
        # a spin-off done is a company changing hands
        (
            "Ostrava Motors completed the spinoff of its motor unit and will buy cells from"
            " Halvik under a supply deal.",
            [],
        ),
    ],
)
def test_the_seller_owned_by_its_country_and_a_spinoff_named_by_its_name(
    text: str, parties: list[set[str]]
) -> None:
    assert _parties(text) == parties


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        # a design win: the maker's part built into the customer's product
        (
            "Kestra Micro said its Volta power ICs were designed into Halvik's new laptop charger.",
            [{"Kestra Micro", "Halvik"}],
        ),
        (
            "Brightmere Semiconductor today announced that its radar chips have been designed"
            " into Ostrava's next driver-assistance system.",
            [{"Brightmere Semiconductor", "Ostrava"}],
        ),
        # counted things in capitals are no company
        ("Kestra will use Halvik's GPUs in its data centres.", [{"Kestra", "Halvik"}]),
    ],
)
def test_a_part_designed_into_the_customer_s_product(text: str, parties: list[set[str]]) -> None:
    assert _parties(text) == parties
