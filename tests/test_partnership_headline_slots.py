"""Parties in Title-Case wire headlines and German news: where a name ends before the verb, who
wins a contract named after its awarder, the counterpart past a licensed object, adoption verbs,
and readings that cancel a cue (an ending at the end of a German clause, an advisory mandate).

Every text here is written for these tests, with invented company names.
"""

from __future__ import annotations

import pytest

from rules.extract import extract


def _parties(text: str, lang: str) -> list[set[str]]:
    return [set(event.parties) for event in extract(text, lang) if event.type == "partnership"]


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        # a common ending of company names continues the name; a preposition ends it
        (
            "Quillon Software Extends Hosting Contract With Fabrikam Through 2030",
            {"Quillon Software", "Fabrikam"},
        ),
        # the winner of a contract named after its awarder
        ("Tailspin Robotics Wins $12 Million NASA Contract", {"Tailspin Robotics", "NASA"}),
        # a one-word awarder ending in -ed after "By" is a name, not a verb
        (
            "Litware Marine Awarded Cable Maintenance Contract By Kjelsted",
            {"Litware Marine", "Kjelsted"},
        ),
        # the licensed object's capitals stand before the preposition that names the licensor
        (
            "Proseware Bio Licenses Cardiac Antibody From Kalora Therapeutics",
            {"Proseware Bio", "Kalora Therapeutics"},
        ),
        (
            "Veltrix Pharma Out-Licenses Oral Kinase Program To Adatum",
            {"Veltrix Pharma", "Adatum"},
        ),
        # adoption verbs
        (
            "Fourth Coffee Leverages Litware Platform To Forecast Demand",
            {"Fourth Coffee", "Litware"},
        ),
        ("Contoso To Power Fabrikam Group's Payment Terminals", {"Contoso", "Fabrikam Group"}),
        # parties listed before the verb "Partner"
        (
            "Contoso, Fabrikam And Litware Partner To Build Hydrogen Hub",
            {"Contoso", "Fabrikam", "Litware"},
        ),
        # the words between the verb and the deal noun describe the deal
        (
            "Adatum Renews Podcast Hosting Agreement With Tailspin Studios",
            {"Adatum", "Tailspin Studios"},
        ),
        # an adopted product named after a known company stays whole when it ends like a name
        (
            "Wingtip Freight Selects Amazon Web Services As Cloud Provider",
            {"Wingtip Freight", "Amazon Web Services"},
        ),
        ("Contoso Teams With Litware On Retail Analytics", {"Contoso", "Litware"}),
        # a name tail after a capitalised adjective inside a name
        (
            "Fabrikam Federal Services Wins Contract From U.S. Army",
            {"Fabrikam Federal Services", "U.S. Army"},
        ),
        # a country's abbreviation belongs to the name of its government body
        (
            "Proseware Awarded $48 Million Contract By U.S. Navy",
            {"Proseware", "U.S. Navy"},
        ),
        # a counted thing is no name: "$40 Million Upfront"
        (
            "Adatum Pays $40 Million Upfront To License Eye Drug From Kalora Bio",
            {"Adatum", "Kalora Bio"},
        ),
        # a one-word abstract noun is no name: "Rollout"-like words after the counterpart
        ("Contoso, Litware Expand Cloud Alliance With X200 Deployment", {"Contoso", "Litware"}),
        # "Hers" is a word of a name, not a possessive of "her"
        ("Bread & Hers Signs Supply Agreement With Fabrikam", {"Bread & Hers", "Fabrikam"}),
        # an acronym after an organisation's head word starts what follows the name
        (
            "Kalora Bio Granted Exclusive License To Northbridge University RNA Patents",
            {"Kalora Bio", "Northbridge University"},
        ),
        ("Horizon Telecom Picks Litware For 5G Core Network", {"Horizon Telecom", "Litware"}),
        # "Financial" names a business, it does not finance one
        (
            "Ridgeway Bank Deploys Litware Financial Services Suite",
            {"Ridgeway Bank", "Litware Financial Services Suite"},
        ),
        # "Pay" and "Data" end names as "Software" does
        (
            "Stellar Pay Signs Processing Agreement With Vantage Data",
            {"Stellar Pay", "Vantage Data"},
        ),
        # a several-word awarder after an amount
        (
            "Aperture Labs Wins $30 Million Department Of Energy Contract",
            {"Aperture Labs", "Department Of Energy"},
        ),
        # the verb's capitalised object is no party; the headline's subject is
        (
            "Vega Logistics Launches Drone Delivery Pilot In Partnership With Litware",
            {"Vega Logistics", "Litware"},
        ),
        # chosen for a role: provider, supplier, partner
        (
            "Northwind Traders Selected As Exclusive Provider For Contoso Hotels",
            {"Northwind Traders", "Contoso Hotels"},
        ),
        # a product of both: "Co-Branded" is a joint act, not a name's first word
        (
            "Contoso Bank, Fabrikam Payments Launch Co-Branded Credit Card",
            {"Contoso Bank", "Fabrikam Payments"},
        ),
        # a word of any kind before the deal's qualifier
        ("Contoso And Fabrikam Sign Crude Offtake Agreement", {"Contoso", "Fabrikam"}),
    ],
)
def test_title_case_headline_parties(text: str, parties: set[str]) -> None:
    assert _parties(text, "en") == [parties]


@pytest.mark.parametrize(
    "text",
    [
        "Adatum Hires Morgan Stanley To Explore Strategic Options",
        "Fabrikam Sells Its Stake In Litware Joint Venture",
        # a conjunction straight after the verb: "Picks And Pans" is a column, not a choice
        "Fabrikam's Picks And Pans: Bank Stocks And More",
        # counted things and a verb after a pronoun look like names in Title Case
        "Contoso To Cut 2,500 Jobs As It Restructures Collaboration Unit",
    ],
)
def test_title_case_headlines_without_partnership(text: str) -> None:
    assert _parties(text, "en") == []


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("Fabrikam erhält Großauftrag von Litware", {"Fabrikam", "Litware"}),
        # an inflected adjective of a known name, named in its base form
        ("Litware erhält Auftrag von der Deutschen Telekom", {"Litware", "Deutsche Telekom"}),
        # two bare names joined by "und" before the verb
        ("Fabrikam und Contoso gründen Joint Venture für Wasserstoff", {"Fabrikam", "Contoso"}),
        ("Fabrikam setzt bei Cloud-Diensten künftig auf Litware", {"Fabrikam", "Litware"}),
        (
            "Fabrikam liefert Leistungshalbleiter an den Autobauer Contoso, teilten beide mit.",
            {"Fabrikam", "Contoso"},
        ),
    ],
)
def test_german_contract_compounds_and_adoption(text: str, parties: set[str]) -> None:
    assert _parties(text, "de") == [parties]


def test_german_ending_at_the_end_of_the_clause_cancels_the_cue() -> None:
    text = (
        "Zuvor hatte Siemens die langjährige Kooperation mit dem Zulieferer Bosch im Sommer "
        "beendet."
    )
    assert _parties(text, "de") == []


def test_a_deal_after_the_clause_joins_its_subject_and_its_prepositional_object() -> None:
    text = (
        "Japan's Fabrikam Motor will buy cathode materials from Litware Chemical under a "
        "long-term supply deal, the companies said."
    )
    assert _parties(text, "en") == [{"Fabrikam Motor", "Litware Chemical"}]


def test_two_names_before_a_deal_without_a_preposition_are_no_parties() -> None:
    text = "Fabrikam said Litware would keep its plants running under a long-term supply deal."
    assert _parties(text, "en") == []


@pytest.mark.parametrize(
    ("text", "lang", "parties"),
    [
        (
            "Contoso and Litware said they had agreed to jointly develop a satellite network.",
            "en",
            {"Contoso", "Litware"},
        ),
        (
            "Fabrikam hat mit Contoso eine Vereinbarung über die Lieferung von Wasserstoff "
            "geschlossen.",
            "de",
            {"Fabrikam", "Contoso"},
        ),
    ],
)
def test_news_sentences_shared_projects_and_partner_before_the_noun(
    text: str, lang: str, parties: set[str]
) -> None:
    assert _parties(text, lang) == [parties]
