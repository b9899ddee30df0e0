"""Partnership forms from press releases, wire prose and German verb-second prose: legal forms,
German descriptors and compounds, the subject after the verb, separable verbs and participles,
supply relations phrased as selling, and the readings that are no partnership."""

from __future__ import annotations

import pytest

from rules.extract.partnership import find_partnerships


def _parties(text: str, lang: str) -> list[set[str]]:
    return [set(event.parties) for event in find_partnerships(text, lang)]


FOUND = [
    # a legal form after a name's head ends the name, and is left off the reported party
    (
        "en",
        "Contoso Bank AG has teamed up with Northwind Traders to build payment tools.",
        {"Contoso Bank", "Northwind Traders"},
    ),
    (
        "de",
        "Die Commerzbank AG kooperiert bei Firmenkrediten mit dem Fintech Proseware.",
        {"Commerzbank", "Proseware"},
    ),
    (
        "en",
        "Fabrikam Inc. signed a framework agreement with Tailspin Toys plc to make toy robots.",
        {"Fabrikam", "Tailspin Toys"},
    ),
    # a company that "said ... they" is no person
    (
        "en",
        "Litware Web Services and Contoso said on Monday they would expand their alliance.",
        {"Litware Web Services", "Contoso"},
    ),
    # German descriptors in any case, and compounds that say what a name is
    (
        "de",
        "Infineon und der koreanische Auftragsfertiger Proseware haben eine Absichtserklärung zur "
        "Zusammenarbeit unterzeichnet.",
        {"Infineon", "Proseware"},
    ),
    (
        "de",
        "Zwischen BMW und dem japanischen Toyota-Konzern besteht seit Jahren eine Kooperation bei "
        "Brennstoffzellen.",
        {"BMW", "Toyota"},
    ),
    # the head of a compound names the paper
    (
        "de",
        "Airbus hat von der Lufthansa einen Rahmenvertrag über Wartungsleistungen erhalten.",
        {"Airbus", "Lufthansa"},
    ),
    (
        "de",
        "Der Chemiekonzern BASF hat mit dem Münchner Autobauer BMW einen mehrjährigen "
        "Liefervertrag für Batteriematerial unterzeichnet.",
        {"BASF", "BMW"},
    ),
    # names German writes without a cue of their own, in the slots a contract gives them
    (
        "de",
        "Die Rheinbahn hat mit Alstom einen Rahmenvertrag über neue Stadtbahnwagen geschlossen.",
        {"Rheinbahn", "Alstom"},
    ),
    (
        "de",
        "Hensoldt hat von der Marine einen Rahmenvertrag über Radarsysteme erhalten.",
        {"Hensoldt", "Marine"},
    ),
    (
        "de",
        "Henkel setzt in der Forschung auf die Datenplattform von Nomad Labs.",
        {"Henkel", "Nomad Labs"},
    ),
    # the subject after the verb when something else opens the clause
    (
        "de",
        "Seit Mai liefert die Infineon AG Leistungshalbleiter an den Autobauer Volkswagen.",
        {"Infineon", "Volkswagen"},
    ),
    ("de", "Bei der Cloud setzt Lufthansa künftig auf Google.", {"Lufthansa", "Google"}),
    (
        "de",
        "Die Deutsche Post setzt für ihre neue Paket-App auf die Technik des Softwarekonzerns SAP.",
        {"Deutsche Post", "SAP"},
    ),
    # separable verbs and the participle that closes a German clause
    (
        "de",
        "Siemens baut seine Industriesoftware auf der Cloud-Plattform von Microsoft auf.",
        {"Siemens", "Microsoft"},
    ),
    (
        "de",
        "Der Versorger Eon bezieht Wasserstoff künftig vom norwegischen Konzern Equinor.",
        {"Eon", "Equinor"},
    ),
    (
        "de",
        "Die Allianz hat den Dienstleister Accenture mit der Modernisierung ihrer Schadenssysteme "
        "beauftragt.",
        {"Allianz", "Accenture"},
    ),
    # the one chosen or supplied follows the verb; "for" names the purpose
    (
        "en",
        "Contoso Logistics has selected Fabrikam as its preferred parcel carrier for Europe.",
        {"Contoso Logistics", "Fabrikam"},
    ),
    (
        "en",
        "Tailspin Energy will supply Northwind Utilities with panels under a framework agreement.",
        {"Tailspin Energy", "Northwind Utilities"},
    ),
    # a deal that frames what is sold or carried, with the counterpart named by its goods
    (
        "en",
        "Northwind Traders will sell its coffee through Litware under a deal announced on Monday.",
        {"Northwind Traders", "Litware"},
    ),
    (
        "en",
        "Tailspin Toys will carry Fabrikam's parcels under a new logistics agreement.",
        {"Tailspin Toys", "Fabrikam"},
    ),
]

NOT_FOUND = [
    ("en", "Fabrikam Inc. agreed to buy Contoso's cloud unit under a deal valued at $2 billion."),
    ("en", "Contoso and Fabrikam have discussed forming a joint venture for battery recycling."),
    (
        "en",
        "Litware said it would stop supplying chips to Contoso once the current contract expires.",
    ),
    ("en", "Contoso Bank Provides $500 Million Credit Line To Fabrikam"),
    ("de", "Ob BMW künftig mit Toyota bei Brennstoffzellen zusammenarbeiten wird, ist noch offen."),
    ("de", "Analysten halten eine Kooperation zwischen Henkel und Beiersdorf für denkbar."),
    ("de", "Bayer hat die Zusammenarbeit mit dem Biotechkonzern Evotec auslaufen lassen."),
]


@pytest.mark.parametrize(("lang", "text", "parties"), FOUND)
def test_partnership_form_is_read(lang: str, text: str, parties: set[str]) -> None:
    assert _parties(text, lang) == [parties]


@pytest.mark.parametrize(("lang", "text"), NOT_FOUND)
def test_no_partnership_in_other_readings(lang: str, text: str) -> None:
    assert _parties(text, lang) == []


def test_company_that_speaks_is_no_person() -> None:
    from rules.extract.orgs import find_orgs

    sentence = "Fabrikam and Contoso Web Services said on Tuesday they would widen their alliance."
    names = [org.name for org in find_orgs(sentence, "en")]
    assert "Contoso Web Services" in names


def test_a_german_genitive_party_is_named_without_its_s() -> None:
    text = (
        "Zudem baut der US-Konzern Oracle seine neue Suche auf Metas quelloffenem Llama-Modell auf."
    )
    assert _parties(text, "de") == [{"Oracle", "Meta"}]


@pytest.mark.parametrize(
    "text",
    [
        "Fabrikam and Northwind announced a partnership to combine payroll data with AI tools.",
        "Contoso and Litware signed an agreement to bring Azure services to hospitals.",
    ],
)
def test_a_name_in_the_purpose_of_a_pair_s_deal_is_no_third_party(text: str) -> None:
    assert _parties(text, "en") == [{text.split()[0], text.split()[2]}]
