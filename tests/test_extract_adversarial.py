"""Hostile input: no exception, bounded time, no invented events.

Catastrophic backtracking cannot be interrupted from Python (the regex engine holds the
interpreter), so the time bound is checked in a child process with a generous timeout.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from rules.events import AnalystAction
from rules.extract import extract

REPO = Path(__file__).resolve().parents[1]

PIECES = [
    " ",
    "1",
    ".",
    ",",
    "'",
    '"',
    "-",
    "$",
    "%",
    "(",
    "auf ",
    "auf auf ",
    "Ziel ",
    "hebt ",
    "Goldman ",
    "Maintains ",
    "Buy ",
    "on ",
    "to ",
    "$1 ",
    "1.",
    "1,",
    "A ",
    "Aa ",
    "AAA, ",
    "zwischen 1 und ",
    "Prozent ",
    "Deutsche ",
    "stufte ",
    "PT ",
    "from $1 ",
    "von 1 auf ",
    "'Buy' ",
    "Kursziel ",
    "ANALYSE/",
    "ä",
    "😀",
    "<b>",
    "&amp;",
    "\t",
    "\n",
]

CHILD = textwrap.dedent(
    """
    import logging, re, sys
    logging.disable(logging.CRITICAL)
    sys.path.insert(0, sys.argv[1])
    import rules.extract as rx
    from rules.extract import (aliases, analyst_de, analyst_en, commentary_de, consensus,
                               cues, grammar_en, lang, moves, name_table, names, narrative_en,
                               numbers, orgs, partnership, partnership_cues, plain_en,
                               prose_de, sentences, slots_de, targets_en)
    pieces = PIECES
    prefixes = ["", "ANALYSE-FLASH: Berenberg hebt Ziel für ", "UBS Maintains Buy on ",
                "Goldman Sachs Upgrades ", "Quellberg raises Acme price target to $",
                "Die Aktie von Bayer ", "Acme shares rose ",
                "Zalando und Klarna vereinbaren eine Partnerschaft mit ",
                "Das Analysehaus Quellberg Research hat das Kursziel für "]
    modules = (aliases, analyst_de, analyst_en, commentary_de, consensus, cues, grammar_en,
               lang, moves, name_table, names, narrative_en, numbers, orgs, partnership,
               partnership_cues, plain_en, prose_de, sentences, slots_de, targets_en)

    def found(value):
        if isinstance(value, re.Pattern):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from found(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                yield from found(item)

    patterns = [p for m in modules for v in vars(m).values() for p in found(v)]
    assert len(patterns) > 150, len(patterns)
    checked = 0
    for piece in pieces:
        for prefix in prefixes:
            # Every regex at the largest size the pipeline feeds it.
            chunk = (prefix + piece * 1000)[:1000]
            for pattern in patterns:
                pattern.search(chunk)
                pattern.match(chunk)
                checked += 1
            for lang in ("de", "en", None):
                rx.extract(prefix + piece * 100_000, lang)
                rx.extract((prefix + piece * 400 + ". ") * 200, lang)
    rx.extract("Goldman hebt Ziel für Adidas auf 5 Euro - 'Buy'\\n" * 25_000)
    rx.extract("x" * 1_000_000)
    print("checked", checked)
    """
).replace("PIECES", repr(PIECES))


def test_every_regex_and_extract_finish_on_hostile_input() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(REPO)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("checked ")


@pytest.mark.parametrize(
    "text",
    [
        "",
        " " * 10_000,
        "." * 5000,
        "1" * 5000,
        "'" * 3000,
        "auf " * 3000,
        "😀" * 1000,
        "<html><body><p>Goldman</p><script>hebt</script></body></html>",
        "\x00\x01\x02 Ziel \ufeff",
        "Goldman hebt Ziel für für für für auf auf auf auf Euro Euro",
        "Maintains Maintains on on to to $ $ PT PT",
        "1.2.3.4.5 Prozent zwischen und Euro",
        "JPMorgan ¯\\_(ツ)_/¯ hebt",
    ],
)
def test_junk_gives_no_events_and_no_exception(text: str) -> None:
    for lang in ("de", "en", None):
        assert extract(text, lang) == []


def test_html_is_read_as_text() -> None:
    events = extract("<p><b>Berenberg</b> hebt Ziel f&uuml;r Beispielwerke auf 20 Euro - 'Buy'</p>")
    assert [e.type for e in events] == ["analyst"]


def test_mixed_language_lines_are_each_read() -> None:
    text = (
        "Cowen Maintains Buy on Widgetworks, Raises Price Target to $5\n"
        "Berenberg hebt Ziel für Beispielwerke auf 20 Euro - 'Buy'"
    )
    companies = [e.company for e in extract(text) if isinstance(e, AnalystAction)]
    assert companies == ["Widgetworks", "Beispielwerke"]


def test_non_string_input_is_refused_quietly() -> None:
    assert extract(None) == []  # type: ignore[arg-type]
    assert extract(b"Goldman hebt") == []  # type: ignore[arg-type]


def test_same_input_same_output() -> None:
    text = "ANALYSE-FLASH: UBS senkt Beispielwerke auf 'Sell' und Ziel auf 3,10 Euro"
    assert [e.to_dict() for e in extract(text)] == [e.to_dict() for e in extract(text)]
