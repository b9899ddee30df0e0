"""Language votes: function words counted as whole runs of the letters a-z, ä, ö, ü and ß."""

from __future__ import annotations

import random
import re

from rules.extract import lang

WORD = re.compile(r"[a-zäöüß]+")


def reference(lowered: str) -> lang.Votes:
    words = WORD.findall(lowered)
    lead = sum(word in lang._GERMAN for word in words) - sum(
        word in lang._ENGLISH for word in words
    )
    return lead, bool(re.search("[äöüß]", lowered))


def test_votes_count_the_words_a_letter_pattern_finds() -> None:
    rnd = random.Random(5)
    function_words = sorted(lang._GERMAN | lang._ENGLISH)
    glue = ["", " ", ",", "-", "é", "1", "ä", "\u00a0", "\ud800", "İ".lower(), "\n", "ñ"]
    for _ in range(3000):
        text = "".join(
            rnd.choice(function_words) + rnd.choice(glue) for _ in range(rnd.randint(0, 8))
        ).lower()
        assert lang.votes(text) == reference(text), repr(text)


def test_words_glued_to_other_letters_do_not_count() -> None:
    assert lang.votes("dieé theñ über") == (1, True)  # "die", "über" German; "the" English
    assert lang.votes("thereby oder") == (1, False)  # "thereby" is no "the"
    assert lang.decide(lang.votes("the und")) == "en"  # a tie goes to the default
    assert lang.decide(lang.votes("für the")) == "de"  # ... unless German letters occur


def test_english_partnership_words_in_a_german_text_make_no_partnership() -> None:
    """Without a given language, partnership cue words of one language are read only when the
    text is in that language: an English phrase quoted in German prose is not."""
    from rules.events import Partnership
    from rules.extract import extract

    quoted = "Contoso teams up with Fabrikam"
    german = (
        f"Die Zeitung schreibt in ihrer Ausgabe: {quoted}, und der Sprecher der Firma hat das "
        "für die nächsten Jahre bei einer Konferenz von Anlegern in Wien nicht bestätigt."
    )
    english = f"{quoted}, the company said on Tuesday in a statement to its investors."
    assert not [event for event in extract(german) if isinstance(event, Partnership)]
    assert [event.parties for event in extract(english) if isinstance(event, Partnership)] == [
        ("Contoso", "Fabrikam")
    ]
    # the German text read as English has the partnership: only its language keeps it out
    assert [event.parties for event in extract(german, "en") if isinstance(event, Partnership)]
