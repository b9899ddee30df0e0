"""German sentences whose later clause names another company of the same broker: what that
clause tells of it is its own, read only from a verb of its own, and nothing where it tells of
an action before the one reported."""

from __future__ import annotations

from rules.extract.clauses import clause_events


def _read(sentence: str) -> list[tuple[str, str, float | None]]:
    return [
        (event.company, event.target_action, event.target)
        for event in clause_events(sentence, "de", lambda: None)
    ]


def test_a_later_clause_in_the_pluperfect_tells_of_an_earlier_action() -> None:
    sentence = (
        "Die UBS hat das Kursziel für Puma von 60 auf 50 Euro gesenkt, "
        "für Adidas hatte sie es bereits im Mai auf 200 Euro gekappt."
    )
    assert _read(sentence) == [("Puma", "lower", 50)]


def test_a_subordinate_clause_takes_no_verb_from_the_clause_before() -> None:
    sentence = (
        "Die Bank of America hat das Kursziel für SAP von 230 auf 260 Euro angehoben, "
        "während Oracle-Aktien bei 180 Dollar fair bewertet seien."
    )
    assert ("Oracle", "raise", 180) not in _read(sentence)


def test_a_target_lying_at_a_figure_is_stated_not_moved() -> None:
    sentence = (
        "Die UBS hat das Kursziel für Puma von 60 auf 50 Euro gesenkt, "
        "für Adidas liegt das Ziel weiter bei 200 Euro."
    )
    assert _read(sentence) == [("Puma", "lower", 50), ("Adidas", "set", 200)]


def test_a_subordinate_clause_with_its_own_action_is_still_read() -> None:
    sentence = (
        'Im Branchenvergleich hob die Deutsche Bank Aurubis auf "Buy" und senkte Salzgitter '
        'auf "Hold", während sie Thyssenkrupp bei "Sell" beließ.'
    )
    assert [company for company, _, _ in _read(sentence)] == [
        "Aurubis",
        "Salzgitter",
        "Thyssenkrupp",
    ]
