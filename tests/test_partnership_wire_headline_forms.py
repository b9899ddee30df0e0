"""Forms of Title-Case wire headlines and release sentences: a memorandum of understanding
(written out or as "MoU"), a deal kept on ("Extends ... Deal With"), a platform gone live on,
a deal of a coordinated subject with what it is for before it, a pilot run with a partner, what
a company runs on or standardizes on, a task order from a customer, a relationship, a tie-up,
an engagement, a licence acquired. And what they are not: a merger deal, talks, a report
rejected, a cost programme carried out, an advisory mandate, a takeover. Every text is written
for these tests; the names are invented."""

from __future__ import annotations

import pytest

from rules.extract.partnership import find_partnerships


def _parties(text: str) -> list[set[str]]:
    return [set(event.parties) for event in find_partnerships(text, "en")]


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("Norwind Signs MoU With Halvik On Green Ammonia", {"Norwind", "Halvik"}),
        (
            "Brightmere Signs Memorandum Of Understanding With Tellin On Grid Storage",
            {"Brightmere", "Tellin"},
        ),
        ("Corvane Extends Jersey Sponsorship Deal With Halvik", {"Corvane", "Halvik"}),
        ("Quorra Bank Goes Live On Tellin's Core Banking Platform", {"Quorra Bank", "Tellin"}),
        ("Brightmere went live on Halvik's payments cloud last week", {"Brightmere", "Halvik"}),
        (
            "Corvane, Halvik Sign Voice-Assistant Deal For Electric Sedans",
            {"Corvane", "Halvik"},
        ),
        (
            "Corvane, Halvik And Norwind Sign Three-Way Exploration Alliance In Nevada",
            {"Corvane", "Halvik", "Norwind"},
        ),
        (
            "Brightmere Health Pilots Ambient Notes With Tellin Across Its Clinics",
            {"Brightmere Health", "Tellin"},
        ),
        ("Fabrikam Runs Claims Platform On Contoso", {"Fabrikam", "Contoso"}),
        (
            "Corvane Defense Receives $40M Task Order From Halvik Command",
            {"Corvane Defense", "Halvik Command"},
        ),
        ("Corvane And Halvik Set Up Battery JV In Ohio", {"Corvane", "Halvik"}),
        # the customer an announcement names keeps its article
        (
            "Tellin Software today announced that the Quorra Ministry of Health has chosen its "
            "scheduling platform.",
            {"Tellin Software", "Quorra Ministry of Health"},
        ),
        (
            "Corvane and the Halvik Ministry of Health signed an agreement to share patient data.",
            {"Corvane", "Halvik Ministry of Health"},
        ),
        # "and the" before a nationality adds no third party
        (
            "Corvane is sourcing it from Halvik and the South Korean company has been shipping it.",
            {"Corvane", "Halvik"},
        ),
        ("Corvane Expands Strategic Relationship With Halvik", {"Corvane", "Halvik"}),
        ("Corvane Forges Alliance With Halvik", {"Corvane", "Halvik"}),
        ("Corvane Ties Up With Halvik For EV Charging", {"Corvane", "Halvik"}),
        ("Corvane Engages Halvik To Modernize Its Data Centers", {"Corvane", "Halvik"}),
        ("Corvane Standardizes On Halvik For Payroll", {"Corvane", "Halvik"}),
        ("Corvane Acquires Exclusive License From Halvik", {"Corvane", "Halvik"}),
        # each of a coordinated subject wins
        (
            "Corvane And Halvik Win Rail Contract From Tellin",
            {"Corvane", "Halvik", "Tellin"},
        ),
    ],
)
def test_wire_headline_form(text: str, parties: set[str]) -> None:
    assert _parties(text) == [parties]


@pytest.mark.parametrize(
    "text",
    [
        "Corvane, Halvik Sign Merger Deal",
        "Corvane And Halvik In Exploratory Talks On Alliance",
        "Corvane Rejects Report It Will Partner With Halvik",
        "Corvane Implements Cost Cuts Across Plants",
        "Corvane To Exit Halvik JV",
        "Corvane Acquires Interest In The Halvik Jv Property",
        "Corvane Acquires Halvik From Norwind",
        "Corvane Engages Halvik As Financial Advisor",
        "Corvane's relationship with Halvik soured after the lawsuit",
        "Corvane runs on fumes, its chief executive said",
    ],
)
def test_not_a_partnership(text: str) -> None:
    assert _parties(text) == []


def test_german_shared_offer_with_its_verb_before() -> None:
    text = "Tellin und Norwind bauen gemeinsame Ladeparks in Bayern"
    assert [set(event.parties) for event in find_partnerships(text, "de")] == [
        {"Tellin", "Norwind"}
    ]
