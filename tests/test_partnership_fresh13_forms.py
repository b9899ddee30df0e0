"""Partnership forms from the fresh13 study texts, each checked with other company names: a
German press release's place and date before its dash, a town's capitalised adjective before
the second of two coordinated names, a supplier named by its customer ("von X als Lieferant
ausgezeichnet"), a paper renewed by both sides, a shared product made by coordinated names, a
licence paid for with the licensor as the dative object, a producer named by its kind in the
sentence after its name, a distributor of another's goods, a supplier's role as the predicate;
in English a country's initials or a description before the counterpart, an announcer's
appositive with a comma, a numbered product after its owner, a quantity before the maker."""

from __future__ import annotations

import pytest

from rules.extract.datelines import dateline_end
from rules.extract.partnership import find_partnerships, partnership_candidates


def _parties(text: str, lang: str) -> list[list[str]]:
    return sorted(sorted(event.parties) for event in find_partnerships(text, lang))


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a town's adjective before what the second name is
        (
            "Die Commerzbank und die Münchner Softwarefirma Celonis kooperieren bei der"
            " Prozessanalyse.",
            "de",
            [["Celonis", "Commerzbank"]],
        ),
        # the press release's place and date stand before the subject
        (
            "Ulm, 4. Februar 2026 – Die Voith GmbH und der Hamburger Logistiker Hapag-Lloyd"
            " haben eine strategische Partnerschaft vereinbart.",
            "de",
            [["Hapag-Lloyd", "Voith"]],
        ),
        # the customer names its supplier
        (
            "Der Pumpenhersteller Wilo ist von Vinci als bester Lieferant des Jahres"
            " ausgezeichnet worden.",
            "de",
            [["Vinci", "Wilo"]],
        ),
        # a paper both sides renew
        (
            "Krones und Carlsberg verlängern Rahmenvertrag für Abfüllanlagen",
            "de",
            [["Carlsberg", "Krones"]],
        ),
        # a shared product of coordinated names
        (
            "Der Versicherer Signal Iduna und das Fintech Finanzguru haben ein gemeinsames"
            " Sparprodukt entwickelt.",
            "de",
            [["Finanzguru", "Signal Iduna"]],
        ),
        (
            "Der Werkzeughersteller Hilti, das Fraunhofer IPA und der Roboterbauer Kuka haben"
            " ein gemeinsames Forschungsprojekt gestartet.",
            "de",
            [["Fraunhofer IPA", "Hilti", "Kuka"]],
        ),
        # a licence paid for: the licensor is whom it is paid to
        (
            "Der Generikahersteller Stada zahlt dem Biotechunternehmen Affimed 15 Millionen Euro"
            " für die Vermarktungsrechte an einem Antikörper.",
            "de",
            [["Affimed", "Stada"]],
        ),
        # a producer named by its kind in the sentence after its name
        (
            "Die Aktie von Südzucker hat zugelegt. Der Zuckerproduzent hat mit dem Händler"
            " Metro einen Liefervertrag über Bio-Zucker unterzeichnet.",
            "de",
            [["Metro", "Südzucker"]],
        ),
        # a distributor of another's goods, named by its maker or its maker's genitive
        (
            "Der Händler Conrad vertreibt künftig die Drucker von Epson in Österreich.",
            "de",
            [["Conrad", "Epson"]],
        ),
        (
            "Der Händler Bechtle vertreibt künftig die Server des Münchner Herstellers Fujitsu"
            " in Polen.",
            "de",
            [["Bechtle", "Fujitsu"]],
        ),
        # a supplier's role as the predicate
        (
            "Der Zulieferer Hella ist seit Jahren Lieferant von Porsche.",
            "de",
            [["Hella", "Porsche"]],
        ),
        # the partner fronted before the auxiliary, the subject after it
        (
            "Mit dem Chemiehändler Brenntag hat der Lackhersteller Brillux einen"
            " Vertriebsvertrag für Skandinavien geschlossen.",
            "de",
            [["Brenntag", "Brillux"]],
        ),
        # the partner between the auxiliary and the paper, no capital after the paper
        (
            "Wacker Chemie hat mit dem Energieversorger Uniper einen langfristigen"
            " Stromliefervertrag abgeschlossen.",
            "de",
            [["Uniper", "Wacker Chemie"]],
        ),
        # a headline's subject named by a place's adjective, no article
        ("Schweizerische Post kooperiert mit DHL", "de", [["DHL", "Schweizerische Post"]]),
        # the company described after a colon, named before it
        (
            "Beim Versandhändler Zalando kommt die Software künftig aus Walldorf: Das"
            " Unternehmen nutzt die Plattform von SAP für seinen Einkauf.",
            "de",
            [["SAP", "Zalando"]],
        ),
        # a country's initials before what the counterpart is
        (
            "Acme said it signed a supply agreement with U.S. retailer Kroger.",
            "en",
            [["Acme", "Kroger"]],
        ),
        # the announcer's product taken by a customer described before its name, or agreed
        (
            "MILAN (Reuters) - Shares of Brembo rose 2%. The Italian brake maker said Chinese"
            " automaker Geely would use its calipers in its new sedan.",
            "en",
            [["Brembo", "Geely"]],
        ),
        # an appositive that lists with a comma before the announcer's verb
        (
            "BOSTON--(BUSINESS WIRE)--Akamai (NASDAQ: AKAM), the cloud company that powers,"
            " protects and delivers life online, today announced that Zalando has selected its"
            " edge platform.",
            "en",
            [["Akamai", "Zalando"]],
        ),
        (
            "Arm said Tenstorrent had agreed to license its compute designs.",
            "en",
            [["Arm", "Tenstorrent"]],
        ),
        # a Title-Case counterpart described by its country and kind
        (
            "Accenture Wins Consulting Deal From German Carmaker Audi",
            "en",
            [["Accenture", "Audi"]],
        ),
        # a numbered product after its owner's possessive
        ("Xiaomi Builds Its Assistant On Alibaba's Qwen 3 Model", "en", [["Alibaba", "Xiaomi"]]),
        # how much is used, before the maker
        ("Lyft will use 500 of Mobileye's robotaxis in Atlanta.", "en", [["Lyft", "Mobileye"]]),
        # a department named "finance" is no financing
        (
            "Walmart has picked Infosys to run its finance and payroll operations under a"
            " five-year contract.",
            "en",
            [["Infosys", "Walmart"]],
        ),
    ],
)
def test_fresh13_forms(text: str, lang: str, expected: list[list[str]]) -> None:
    assert _parties(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # payment for a thing bought, no licence
        ("Der Konzern Stada zahlt dem Finanzinvestor Bain 2 Milliarden Euro für die Sparte.", "de"),
        # financing is still financing
        ("Acme has picked Barclays to finance its new plant under a loan agreement.", "en"),
        # plural firms of a country are no name
        ("Deutsche Autobauer setzen auf Batterien von CATL", "de"),
        # goods sold through dealers, no maker named
        ("Der Konzern vertreibt seine Produkte in Asien über Händler.", "de"),
        # a joint statement, nothing made together
        (
            "Siemens und Alstom haben in einer gemeinsamen Erklärung die Gespräche für beendet"
            " erklärt.",
            "de",
        ),
    ],
)
def test_fresh13_non_partnerships(text: str, lang: str) -> None:
    assert _parties(text, lang) == []


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("Ulm, 4. Februar 2026 – Die Voith GmbH", 23),
        ("Bad Homburg v. d. Höhe, 12. März 2025 - Fresenius", 40),
        ("Siemens, Bosch und VW, 3. Fall", 0),
    ],
)
def test_press_release_place_and_date_de(text: str, end: int) -> None:
    assert dateline_end(text) == end


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Wacker Chemie hat mit dem Energieversorger Uniper einen langfristigen"
            " Stromliefervertrag abgeschlossen.",
            "de",
            ["Uniper", "Wacker Chemie"],
        ),
        (
            "Beim Versandhändler Zalando kommt die Software künftig aus Walldorf: Das"
            " Unternehmen nutzt die Plattform von SAP für seinen Einkauf.",
            "de",
            ["SAP", "Zalando"],
        ),
        (
            "Nio Builds Cockpit On Black Sesame Technologies' Huashan 2 Chips",
            "en",
            ["Black Sesame Technologies", "Nio"],
        ),
        ("Uber will use up to 20,000 of Lucid's vehicles under a deal.", "en", ["Lucid", "Uber"]),
        (
            "Walmart has picked Infosys to run its finance and payroll operations under a"
            " five-year contract.",
            "en",
            ["Infosys", "Walmart"],
        ),
        # an opening phrase and what the first name is, both before the subject
        (
            "On Tuesday, state utility Eskom and China's Sinohydro signed an agreement to"
            " jointly build a dam.",
            "en",
            ["Eskom", "Sinohydro"],
        ),
    ],
)
def test_fresh13_grammar_reads(text: str, lang: str, expected: list[str]) -> None:
    """The grammar itself names the parties, not only the model's loose finder."""
    groups = [sorted(group) for c in partnership_candidates(text, lang) for group in c.grammar]
    assert expected in groups
