"""Partnership extraction on texts written for these tests: each positive and negative class."""

from __future__ import annotations

import random
import signal
from collections.abc import Iterator

import pytest

from rules.events import Partnership
from rules.extract.orgs import find_orgs
from rules.extract.partnership import find_partnerships


def parties(text: str, lang: str) -> list[set[str]]:
    return [set(event.parties) for event in find_partnerships(text, lang)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Samsung teams up with Google on a new XR headset", [{"Samsung", "Google"}]),
        (
            "Northwind Robotics and Contoso Systems announce strategic partnership to automate "
            "warehouses",
            [{"Northwind Robotics", "Contoso Systems"}],
        ),
        (
            "Fabrikam Inc. signs multi-year supply agreement with Tailspin Toys Corp.",
            [{"Fabrikam", "Tailspin Toys"}],
        ),
        ("Globex selects Initech as its cloud provider", [{"Globex", "Initech"}]),
        # an adopted product named after a maker the company table knows stands for the maker
        ("Globex selects Microsoft Azure as its cloud provider", [{"Globex", "Microsoft"}]),
        ("Globex adopts Initech Cloud Suite for its stores", [{"Globex", "Initech Cloud Suite"}]),
        ("Proseware licenses its cancer drug to Fabrikam", [{"Proseware", "Fabrikam"}]),
        (
            "Woodgrove Bank, Adatum join forces to launch a payments platform",
            [{"Woodgrove Bank", "Adatum"}],
        ),
        (
            "The vaccine is part of a collaboration between Proseware and Fourth Coffee.",
            [{"Proseware", "Fourth Coffee"}],
        ),
        (
            "Litware previously ran delivery pilots through partnerships with Uber, Lyft and "
            "Postmates.",
            [{"Litware", "Uber"}, {"Litware", "Lyft"}, {"Litware", "Postmates"}],
        ),
        (
            "Margie's Travel, teaming up with Sir Reginald Hale's Blue Yonder Airlines?",
            [{"Margie's Travel", "Blue Yonder Airlines"}],
        ),
        (
            "In a licensing deal with Wide World Importers, Coho Winery rebranded its labels.",
            [{"Wide World Importers", "Coho Winery"}],
        ),
        (
            "Trey Research has tapped Chicago-based Lucerne Publishing to design its new campus.",
            [{"Trey Research", "Lucerne Publishing"}],
        ),
    ],
)
def test_english_partnerships(text: str, expected: list[set[str]]) -> None:
    assert parties(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Volkswagen nutzt künftig Chips von Nvidia", [{"Volkswagen", "Nvidia"}]),
        ("Meta setzt auf Alibabas Qwen-Modell", [{"Meta", "Alibaba"}]),
        (
            "Siemens vereinbart Kooperation mit Microsoft bei Industrie-KI",
            [{"Siemens", "Microsoft"}],
        ),
        (
            "Die Deutsche Telekom und SAP arbeiten bei Cloud-Diensten künftig enger zusammen.",
            [{"Deutsche Telekom", "SAP"}],
        ),
        ("Bayer schließt Liefervertrag mit dem Chemiekonzern Lanxess", [{"Bayer", "Lanxess"}]),
        (
            "ANALYSE-FLASH: Berenberg lobt Kooperation von Infineon mit Continental",
            [{"Infineon", "Continental"}],
        ),
    ],
)
def test_german_partnerships(text: str, expected: list[set[str]]) -> None:
    assert parties(text, "de") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Acme agrees to acquire Globex in $2 billion deal",  # M&A
        "Globex buys 10% stake in Initech to deepen ties",  # stake
        "Acme hires Goldman Sachs to advise on the sale of its chemicals unit",  # advisory
        "Emirates orders 40 jets from Boeing in a $15 billion deal",  # purchase order
        "Acme signs lease with Globex Properties for new headquarters",  # lease
        "American Airlines reaches agreement with pilots union on holiday pay",  # union
        "Acme receives permit from the Environmental Protection Agency for its new plant",
        "Acme settles patent dispute with Globex, signs license agreement",  # settlement
        "Acme in talks over a possible partnership with Globex",  # talks
        "Acme's chief said he looks forward to partnering with Globex",  # an intention
        "Apple denies partnership with Baidu on AI features",  # denial
        "Contoso ends its collaboration with Fabrikam after five years",  # termination
        "Acme counts Apple and Google among its customers",  # customer list
        "Partnership with Microsoft lifts shares",  # one organisation only
        "Bank of America hires law firm to help probe loss",
        "Shares of Walgreens Boots Alliance rose 2% on Friday",  # cue word inside a name
        "Portfolio manager Thomas Reed of Lakeside Partners expects more volatility",
    ],
)
def test_english_negatives(text: str) -> None:
    assert find_partnerships(text, "en") == []


@pytest.mark.parametrize(
    "text",
    [
        "Siemens prüft Kooperation mit Alstom",  # exploring
        "Daimler beendet Zusammenarbeit mit Tesla",  # termination
        "Gespräche über eine mögliche Partnerschaft von BMW mit Toyota",  # talks
        "Vonovia kauft Deutsche Wohnen",  # M&A
        "Commerzbank übernimmt Comdirect - Vereinbarung mit Minderheitsaktionären",
        "Die Gewerkschaft Verdi erzielt Einigung mit der Lufthansa",  # union
        "Die Zusammenarbeit mit der Stadt läuft sehr gut, sagt Bürgermeister Huber.",
        "China und die Türkei wollen wirtschaftlich enger zusammenarbeiten.",  # countries
        "Mit der Zusammenarbeit mit der ÖVP ist der SPÖ-Chef zufrieden.",  # politics
        "HD Austria setzt auf ein hybrides System mit Streaming.",  # no second organisation
    ],
)
def test_german_negatives(text: str) -> None:
    assert find_partnerships(text, "de") == []


def test_parties_are_short_forms_as_written() -> None:
    [event] = find_partnerships("Tailspin Toys Ltd signs distribution deal with Contoso AG", "en")
    assert isinstance(event, Partnership)
    assert event.parties == ("Tailspin Toys", "Contoso")
    assert event.to_dict() == {"type": "partnership", "parties": ["Tailspin Toys", "Contoso"]}


def test_tokenised_text_and_possessives() -> None:
    text = (
        "Nokia ' s ( NOK ) ` ` strategic collaboration ' ' with Fabrikam ( FAB ) , announced today"
    )
    assert parties(text, "en") == [{"Nokia", "Fabrikam"}]


def test_same_event_twice_in_a_text_is_reported_once() -> None:
    text = (
        "Contoso and Fabrikam announce a partnership. "
        "The partnership between Contoso and Fabrikam starts in May."
    )
    assert len(find_partnerships(text, "en")) == 1


def test_people_and_places_are_not_organisations() -> None:
    names = [
        org.name for org in find_orgs("CEO Jane Porter met Globex in Chicago, Jeff said", "en")
    ]
    assert "Globex" in names
    assert "Jane Porter" not in names
    assert "Chicago" not in names


def test_texts_without_cues_and_odd_languages() -> None:
    assert find_partnerships("Goldman Sachs raises Adidas target to $250", "en") == []
    assert find_partnerships("", "en") == []
    assert find_partnerships("Samsung teams up with Google", "fr") == [
        Partnership(parties=("Samsung", "Google"))
    ]


def test_deterministic() -> None:
    text = "Voyager Therapeutics And AbbVie Announce Collaboration To Develop Antibodies"
    first = find_partnerships(text, "en")
    assert first == find_partnerships(text, "en")
    assert [set(e.parties) for e in first] == [{"Voyager Therapeutics", "AbbVie"}]


@pytest.fixture
def alarm() -> Iterator[None]:
    """Fail instead of hanging if some input made a regex backtrack catastrophically."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError("partnership extraction took longer than 5 s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(5)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _adversarial_inputs() -> list[str]:
    rnd = random.Random(7)
    alphabet = "Aa ,.;:'()-&`\"Partnership with Kooperation mit \n\t"
    return [
        "Apple partnership with Google and " * 500,
        "A" * 100_000,
        "(" * 50_000,
        "Kooperation von " * 3_000,
        "Acme Inc. " * 3_000 + " collaboration with Globex",
        ", a " * 20_000 + "partnership",
        "with " * 20_000 + "partnership",
        "Partner" * 10_000,
        "Alpha Beta Gamma Delta " * 500 + "partner",
        "\x00\ud800 partner \uffff mit",
        "".join(rnd.choice(alphabet) for _ in range(30_000)),
    ]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_adversarial_inputs_finish_and_never_raise(alarm: None, lang: str) -> None:
    for text in _adversarial_inputs():
        events = find_partnerships(text, lang)
        assert all(len(event.parties) >= 2 for event in events)
