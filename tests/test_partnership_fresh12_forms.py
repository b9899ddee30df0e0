"""Partnership forms from the fresh12 study texts, each checked with other company names: a
press release's customer with a legal form or taking "the company", names written with an
initial, a lower-case first letter or a legal form after a listed name, adoption phrases whose
object names its maker, supply relations named as nouns, German supply, choice and consortium
verbs, referents after a time or a long fronted phrase, announced zu-infinitives."""

from __future__ import annotations

import pytest

from rules.extract.orgs import find_orgs
from rules.extract.partnership import find_partnerships
from rules.extract.partnership_announcer import announcer_parties_de
from rules.extract.partnership_parties import loose_parties


def _parties(text: str, lang: str) -> list[list[str]]:
    return sorted(sorted(event.parties) for event in find_partnerships(text, lang))


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the customer's legal form before its verb; the announcer's product taken with "its"
        (
            "AUSTIN, Texas--(BUSINESS WIRE)--Sensirion, Inc. today announced that Withings"
            " Ltd. has selected its STC31 sensor for its next air monitor.",
            "en",
            [["Sensirion", "Withings"]],
        ),
        # the announcer called "the company" as the customer's choice
        (
            "STOCKHOLM--(BUSINESS WIRE)--Klarna today announced that Zara has selected the"
            " company as its payments partner for online stores in Europe.",
            "en",
            [["Klarna", "Zara"]],
        ),
        (
            "Stripe is teaming with Shopify on checkout for merchants in Japan.",
            "en",
            [["Shopify", "Stripe"]],
        ),
        # a single initial opening a name after a describing noun
        (
            "Der Spielwarenhersteller F. Schuster hat Lego als Partner für den Vertrieb in"
            " Skandinavien ausgewählt.",
            "de",
            [["F. Schuster", "Lego"]],
        ),
        # a brand written with a small first letter
        (
            "eToro Signs Multi-Year Market Data Deal With Refinitiv",
            "en",
            [["Refinitiv", "eToro"]],
        ),
        # a listed name keeps its legal form; moving onto another's network under a deal
        (
            "3M Co. is moving its plant data onto Oracle's cloud under a hosting deal"
            " that runs for seven years, the company said.",
            "en",
            [["3M", "Oracle"]],
        ),
        # adoption phrases whose object is named by its maker
        (
            "Sweetgreen Rolls Out Presto's Drive-Thru Voice Assistant In 500 Stores",
            "en",
            [["Presto", "Sweetgreen"]],
        ),
        (
            "Carlsberg posted flat volumes in the first half. The brewer said it would rely on"
            " Oracle's cloud software to run its ordering systems in Asia.",
            "en",
            [["Carlsberg", "Oracle"]],
        ),
        (
            "Nvidia beat revenue estimates on Wednesday. The chipmaker also said Hyundai would"
            " use its Drive Thor platform in cars from 2027.",
            "en",
            [["Hyundai", "Nvidia"]],
        ),
        # a referent after a time opener; the licensor after what the licensed rights cover
        (
            "Bayer shares rose 2% in early trading. Later on Monday the German drugmaker said"
            " it had licensed the rights to an experimental heart drug from Kumquat Bio.",
            "en",
            [["Bayer", "Kumquat Bio"]],
        ),
        # a licence paid for, the licensor named as the owner of what the rights cover
        (
            "Gilead paid $75 million upfront for the rights to Hansoh's experimental hepatitis"
            " drug.",
            "en",
            [["Gilead", "Hansoh"]],
        ),
        # the customer described between commas, the announcer's product taken with "its"
        (
            "Imagination said Pulsar, a chip startup backed by Samsung, will license its GPU"
            " designs.",
            "en",
            [["Imagination", "Pulsar"]],
        ),
        # a partner's role as the predicate; a genitive referent; a service kind as descriptor
        (
            "Der Streamingdienst Joyn hat mehr Nutzer gewonnen. Die Plattform Magenta ist seit"
            " Mai Vertriebspartner des Unternehmens in Österreich.",
            "de",
            [["Joyn", "Magenta"]],
        ),
        (
            "Der Versandhändler Otto ist seit Jahren Logistikpartner des Paketdienstes GLS.",
            "de",
            [["GLS", "Otto"]],
        ),
        # a German announcement whose dass-clause names the licensee only
        (
            "Zudem gab Morphosys bekannt, dass Roche die Lizenz für einen Antikörper aus der"
            " eigenen Forschung erworben hat.",
            "de",
            [["Morphosys", "Roche"]],
        ),
        # a health insurer and a coast guard are organisations
        (
            "Der Softwarehersteller Nexus erhält von der Barmer Krankenkasse einen Auftrag über"
            " den Betrieb ihrer Apps.",
            "de",
            [["Barmer Krankenkasse", "Nexus"]],
        ),
        (
            "Saronic Technologies today announced that it has been awarded a contract by the"
            " U.S. Coast Guard to supply autonomous patrol boats.",
            "en",
            [["Saronic Technologies", "U.S. Coast Guard"]],
        ),
        # a supply relation named as a noun
        (
            "Shares of Murata, the largest supplier of ceramic capacitors to Apple, fell 2% in"
            " Tokyo.",
            "en",
            [["Apple", "Murata"]],
        ),
        (
            "Der Zulieferer Mahle, seit Jahren Lieferant von Kolben für den Autobauer Toyota,"
            " hat seine Prognose gesenkt.",
            "de",
            [["Mahle", "Toyota"]],
        ),
        # German supply with the customer as object, choice in the perfect, consortia
        (
            "Der Medizintechnikkonzern Fresenius beliefert den Klinikbetreiber Helios künftig"
            " mit Dialysegeräten.",
            "de",
            [["Fresenius", "Helios"]],
        ),
        (
            "Die Deutsche Post hat sich für die Cloud-Software des US-Anbieters Salesforce"
            " entschieden.",
            "de",
            [["Deutsche Post", "Salesforce"]],
        ),
        (
            "Die Stadtwerke Köln haben Siemens Energy als Lieferanten für ihre Turbinen"
            " ausgewählt.",
            "de",
            [["Siemens Energy", "Stadtwerke Köln"]],
        ),
        (
            "Vossloh, Knorr und Voith haben sich zu einem Konsortium zusammengeschlossen, um"
            " Güterwagen zu digitalisieren.",
            "de",
            [["Knorr", "Voith", "Vossloh"]],
        ),
        # a licence taken, in the perfect: the licensor named by what it is, in the genitive
        (
            "Die Deutsche Bank hat die Banking-Software des Berliner Anbieters Finleap lizenziert.",
            "de",
            [["Deutsche Bank", "Finleap"]],
        ),
        # a referent after a long fronted phrase; an announced zu-infinitive
        (
            "Der Logistiker Duisport hat mehr Container umgeschlagen. Für die Steuerung seiner"
            " Kräne setzt das Unternehmen auf Technik des Herstellers Kalmar.",
            "de",
            [["Duisport", "Kalmar"]],
        ),
        (
            "Der Autobauer BMW hat weniger Autos verkauft. Zugleich kündigte der Konzern an,"
            " bei Wasserstoff mit dem Energiekonzern Uniper zusammenzuarbeiten.",
            "de",
            [["BMW", "Uniper"]],
        ),
    ],
)
def test_fresh12_forms(text: str, lang: str, expected: list[list[str]]) -> None:
    assert _parties(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # an unnamed customer described by its country and kind is no party
        (
            "Dräger hat von einem großen US-Klinikkonzern einen Auftrag über Monitore erhalten.",
            "de",
        ),
        # the rights to a kind of product: no maker named after them
        (
            "Biogen agreed to pay $90 million upfront for rights to RNA medicines for kidney"
            " disease.",
            "en",
        ),
        # the customer's own product: no product of the speaker's
        ("Apple said Samsung will use its own chips in the next phones.", "en"),
        # a plan to work together, no announcement
        ("Bosch will künftig mit dem Chipkonzern Infineon zusammenarbeiten.", "de"),
        # a relation of goods, no named customer
        (
            "Der Zulieferer Mahle, seit Jahren Lieferant von Kolben für Lastwagen, hat seine"
            " Prognose gesenkt.",
            "de",
        ),
    ],
)
def test_fresh12_non_partnerships(text: str, lang: str) -> None:
    assert _parties(text, lang) == []


@pytest.mark.parametrize(
    ("sentence", "lang", "names"),
    [
        ("Acme works with B. Braun on pumps.", "en", ["Acme", "B. Braun"]),
        ("John B. Smith of Acme said.", "en", []),
        ("Plan B. Apple said it would.", "en", ["Apple"]),
        ("Ryanair competes with easyJet on short routes.", "en", ["Ryanair", "easyJet"]),
        ("Apple sold more iPhone units.", "en", ["Apple"]),
        ("Acme and 1&1 AG agreed.", "en", ["Acme", "1&1 AG"]),
        ("Bosch hat mit einem EU-Autobauer einen Vertrag.", "de", ["Bosch"]),
        (
            "Anduril won a contract from the U.S. Coast Guard.",
            "en",
            ["Anduril", "U.S. Coast Guard"],
        ),
        ("Bosch hat mit dem US-Pharmakonzern Pfizer einen Vertrag.", "de", ["Bosch", "Pfizer"]),
    ],
)
def test_name_forms(sentence: str, lang: str, names: list[str]) -> None:
    assert [org.name for org in find_orgs(sentence, lang)] == names


def test_loose_parties_take_no_german_plural_noun() -> None:
    sentence = (
        "Der Chipkonzern Infineon, seit Jahren Lieferant von Leistungshalbleitern für Hyundai,"
        " hat seine Prognose bestätigt."
    )
    start = sentence.index("Lieferant")
    parties = loose_parties(sentence, "de", [(start, start + len("Lieferant"))])
    assert "Leistungshalbleitern" not in parties


def test_a_german_announcer_is_the_other_side_of_what_its_dass_clause_tells() -> None:
    sentence = "Zudem gab Evotec bekannt, dass Sanofi die Lizenz für einen Wirkstoff erworben hat."
    orgs = find_orgs(sentence, "de")
    cue = sentence.index("Lizenz")
    assert [org.name for org in announcer_parties_de(sentence, cue, orgs)] == ["Evotec", "Sanofi"]
    plain = "Evotec teilte mit, Sanofi habe die Lizenz erworben."
    assert announcer_parties_de(plain, plain.index("Lizenz"), find_orgs(plain, "de")) == []
