"""What makes a partnership party an organisation, and what cancels a cue, in forms the dev
sets hardly hold: descriptions, people and groups, nationalities and deal kinds in Title Case;
German adverbs, adjectives, abstract nouns, genitives and compounds; intentions, conditions,
disputes, rivalry and endings; the counterpart of paid licences and supply."""

from __future__ import annotations

import pytest

from rules.extract.orgs import find_orgs
from rules.extract.partnership import find_partnerships


def _parties(text: str, lang: str) -> list[set[str]]:
    return [set(event.parties) for event in find_partnerships(text, lang)]


def _names(sentence: str, lang: str) -> list[str]:
    return [org.name for org in find_orgs(sentence, lang)]


FOUND = [
    # a headline's verb, a deal's kind and an amount end a name or make none
    (
        "en",
        "Litware Achieves Milestone Under Research Collaboration With Contoso",
        {"Litware", "Contoso"},
    ),
    ("en", "Contoso And Fabrikam Announce Multi-Year Content Deal", {"Contoso", "Fabrikam"}),
    ("en", "Northwind Stock Soars On Tailspin Supply Deal", {"Northwind", "Tailspin"}),
    ("en", "Tailspin Awards Litware Multi-Million Dollar Contract", {"Tailspin", "Litware"}),
    # an abstract noun after the relation's word names no company
    (
        "en",
        "Northwind Shares Rise After Fabrikam Partnership Announcement",
        {"Northwind", "Fabrikam"},
    ),
    # "Service" continues a name as "Services" does
    (
        "en",
        "Britain's Forest Service has hired Litware to map woodland under a contract worth "
        "20 million pounds.",
        {"Forest Service", "Litware"},
    ),
    # a nationality before an organisation's head may still open a name (a guard)
    (
        "en",
        "American Airlines Signs Codeshare Agreement With Contoso Air",
        {"American Airlines", "Contoso Air"},
    ),
    # the one paid under a licence, the one a clause's subject makes things for
    (
        "en",
        "Northwind To Pay Tailspin $30 Million Upfront Under Licensing Pact",
        {"Northwind", "Tailspin"},
    ),
    (
        "en",
        "Fabrikam will manufacture the vaccine for Contoso under a multi-year supply agreement.",
        {"Fabrikam", "Contoso"},
    ),
    # the customer inside "supply X with", in a headline too
    (
        "en",
        "Contoso Lands Deal To Supply Northwind With Solar Panels",
        {"Contoso", "Northwind"},
    ),
    # a headline's comma list of counterparts
    (
        "en",
        "Tailspin Partners With Fabrikam, Litware On Smart Grid",
        {"Tailspin", "Fabrikam", "Litware"},
    ),
    # German: a compound headed by an organisation, a genitive before an adjective
    (
        "de",
        "Die Contoso-Bankengruppe setzt bei Zahlungen auf die Technik des Dienstleisters Fabrikam.",
        {"Contoso-Bankengruppe", "Fabrikam"},
    ),
    (
        "de",
        "Litware baut seinen neuen Assistenten auf Contosos offenem Sprachmodell auf.",
        {"Litware", "Contoso"},
    ),
    # German: two words joined to a name by "und", the subject after an adverb or a source
    (
        "de",
        "Die Österreichische Post und die Telekom haben einen Rahmenvertrag über Paketstationen "
        "geschlossen.",
        {"Österreichische Post", "Telekom"},
    ),
    (
        "de",
        "Zudem arbeitet Litware mit der Universität Stuttgart zusammen.",
        {"Litware", "Universität Stuttgart"},
    ),
    ("de", "Laut Reuters kooperiert Contoso bei Chips mit Fabrikam.", {"Contoso", "Fabrikam"}),
    # an opening phrase set off by a comma, a German clause opened by a time
    (
        "en",
        "On Thursday, Northwind and Tailspin announced a joint venture in Brazil.",
        {"Northwind", "Tailspin"},
    ),
    ("de", "Seit 2022 kooperiert Litware mit Fabrikam.", {"Litware", "Fabrikam"}),
    (
        "de",
        "Bereits im März hatte Contoso eine Partnerschaft mit Tailspin angekündigt.",
        {"Contoso", "Tailspin"},
    ),
    (
        "de",
        "Anleger begrüßten die Partnerschaft von Litware und Northwind.",
        {"Litware", "Northwind"},
    ),
    # German: a licence granted, the customer a supplier delivers to, a town as a party
    ("de", "Contoso lizenziert seine Batterietechnik an Fabrikam.", {"Contoso", "Fabrikam"}),
    ("de", "Fabrikam liefert künftig Batteriezellen an Contoso.", {"Fabrikam", "Contoso"}),
    (
        "de",
        "Die Zusammenarbeit zwischen Litware und der Stadt Leipzig läuft seit 2019.",
        {"Litware", "Stadt Leipzig"},
    ),
    # German: a listed company named by its share, a partner taken on board, a signed paper
    ("de", "Contoso holt sich Fabrikam als Partner an Bord.", {"Contoso", "Fabrikam"}),
    ("de", "Litware und Tailspin unterzeichnen Absichtserklärung", {"Litware", "Tailspin"}),
]

NOT_FOUND = [
    # descriptions, people and groups are no parties
    ("en", "Contoso Partners With German Automaker On Battery Recycling"),
    ("en", "Japanese Carmaker Teams Up With Fabrikam On Solid-State Batteries"),
    ("en", "Contoso Announces Partnership With Leading Global Bank"),
    ("en", "Fabrikam Partners With Small Businesses To Boost Local Economy"),
    ("en", "Litware Partners With Farmers To Cut Emissions"),
    ("en", "Contoso Collaborates With Artists On Limited Edition Sneakers"),
    # the topic after the counterpart is no subject
    ("en", "Elon Musk Partners With Contoso On Satellite Internet"),
    # labour agreements, conditions, intentions, rivalry and endings
    ("en", "Contoso Airlines Signs Labor Agreement With Air Line Pilots Association"),
    ("en", "Contoso would partner with Litware if regulators approve the plan."),
    ("en", "Contoso plans to partner with Fabrikam on electric trucks."),
    ("en", "Northwind expected to announce partnership with Tailspin next week"),
    ("en", "Contoso and Fabrikam compete for contracts with the Pentagon."),
    (
        "en",
        "Contoso said its joint venture with Fabrikam would be dissolved by the end of the year.",
    ),
    ("de", "Contoso strebt eine Partnerschaft mit Fabrikam an."),
    ("de", "Contoso kooperiert mit Fabrikam, falls das Kartellamt zustimmt."),
    ("de", "Contoso und Fabrikam legen Streit um Lizenzvertrag bei"),
    ("de", "Contoso schließt Tarifvertrag mit der IG Metall"),
    # a place is no party; a German clause that says the deal may end (a guard for the slot
    # "Partnerschaft von X und Y")
    ("en", "Wall Street analysts expect the Tailspin partnership to lift Litware's margins."),
    ("de", "Die Partnerschaft von Contoso und Fabrikam könnte bald enden."),
    # speculation is no deal
    ("de", "Contoso profitiert von Spekulationen über eine Partnerschaft mit Fabrikam."),
    # German adjectives and abstract nouns in the counterpart's slot
    ("de", "Contoso setzt auf Künstliche Intelligenz"),
    ("de", "Fabrikam setzt auf Wachstum in Asien"),
]


@pytest.mark.parametrize(("lang", "text", "parties"), FOUND)
def test_party_is_found(lang: str, text: str, parties: set[str]) -> None:
    assert _parties(text, lang) == [parties]


@pytest.mark.parametrize(("lang", "text"), NOT_FOUND)
def test_no_partnership_without_two_organisations(lang: str, text: str) -> None:
    assert _parties(text, lang) == []


def test_german_adverb_and_noun_after_a_name_are_no_names() -> None:
    sentence = (
        "Hinzu kommt eine Liefervereinbarung mit Fabrikam, die BASF Lizenzzahlungen bis 2030 "
        "einbringt."
    )
    assert _names(sentence, "de") == ["Fabrikam", "BASF"]


def test_a_share_names_its_company() -> None:
    names = _names("Die Contoso-Aktie legt nach der Kooperation mit Fabrikam zu.", "de")
    assert names == ["Contoso", "Fabrikam"]


def test_nationality_alone_or_before_a_plural_is_no_name() -> None:
    names = _names("Korean And European Regulators Approve Contoso Deal", "en")
    assert names == ["Contoso"]


def test_person_named_before_a_title_is_no_party() -> None:
    sentence = '"We are glad to partner with Fabrikam," said Jane Roe, CEO of Contoso.'
    assert "Jane Roe" not in _names(sentence, "en")
    assert _parties(sentence, "en") != [{"Fabrikam", "Jane Roe"}]


def test_an_approval_names_no_party() -> None:
    parties = _parties("Contoso Wins Renewal For Fabrikam Joint Venture In China", "en")
    assert all("Renewal" not in found for found in parties)
