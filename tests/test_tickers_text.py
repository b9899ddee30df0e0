"""Feed text keeps what only looks like markup: Reuters tickers ("<BABA.N>"), escaped tags, and
loses real markup and the control characters that reorder text."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.pipeline.symbols import SymbolMatcher
from bot.sources.rss import HTML_ELEMENTS, html_to_text, parse_feed

NOW = datetime(2026, 8, 3, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        # Not elements: tickers and words in angle brackets are text.
        ("Shares of <BABA.N> jump", "Shares of <BABA.N> jump"),
        ("<SAP.DE>, <9988.HK> and <.SPX> move", "<SAP.DE>, <9988.HK> and <.SPX> move"),
        ("<STYLE.N> rallies", "<STYLE.N> rallies"),
        ("as <Reuters> reported", "as <Reuters> reported"),
        ("<NVDA.O> <b>rises</b>", "<NVDA.O> rises"),
        # Elements of every kind are removed, in any case, with attributes.
        ("<b>bold</b> <P>para</P>", "bold para"),
        ("<p class='x'>a</p><br/>b<hr>c", "a b c"),
        ("<o:p></o:p>Word<my-widget>x</my-widget>", "Word x"),
        ("<!DOCTYPE html><html><body>x</body></html>", "x"),
        # Escaped once in the HTML: shown as the characters, and decoded once only.
        ("&lt;script&gt;alert(1)", "<script>alert(1)"),
        ("a literal &lt;/b&gt; in a title", "a literal </b> in a title"),
        ("&amp;lt;b&amp;gt;", "&lt;b&gt;"),
        ("Shares of &lt;BABA.N&gt; jump", "Shares of <BABA.N> jump"),
        # Escaped twice around real markup: decoding reveals it, and it goes.
        ("Line one&lt;br /&gt;line two", "Line one line two"),
        ("&lt;p&gt;&lt;b&gt;Alibaba&lt;/b&gt; rises&lt;/p&gt;", "Alibaba rises"),
        # Bidirectional controls, raw or as references, are dropped.
        ("\u202eevil\u202c title\u200f \u2066x\u2069\u061c", "evil title x"),
        ("&#x202E;reversed&#8207;", "reversed"),
    ],
)
def test_only_real_markup_is_removed(markup: str, text: str) -> None:
    assert html_to_text(markup) == text


def test_the_element_table_holds_html_names_only() -> None:
    assert {"a", "b", "p", "br", "script", "style", "font", "center"} <= HTML_ELEMENTS
    assert all(name.isalnum() and name == name.lower() for name in HTML_ELEMENTS)
    assert not {"baba", "sap", "nvda"} & HTML_ELEMENTS


def feed(title: str, description: str = "") -> bytes:
    return (
        '<rss version="2.0"><channel><item><guid>1</guid>'
        f"<title>{title}</title><description>{description}</description>"
        "</item></channel></rss>"
    ).encode()


def test_a_reuters_ticker_in_a_feed_title_tags_its_symbol() -> None:
    summary = "&lt;p&gt;Alibaba &lt;b&gt;beats&lt;/b&gt;&lt;/p&gt;"
    (item,) = parse_feed(
        feed("Shares of &lt;BABA.N&gt; jump", summary),
        source="wire",
        lang="en",
        now=NOW,
    )
    assert item.title == "Shares of <BABA.N> jump"
    assert item.summary == "Alibaba beats"
    matcher = SymbolMatcher({"BABA": [], "SAP.DE": ["SAP"]})
    assert matcher.tag([item])[0].symbols == ("BABA",)


def test_text_the_feed_escaped_stays_text() -> None:
    (item,) = parse_feed(
        feed("Why &amp;lt;/b&amp;gt; stays", "&amp;lt;script&amp;gt;alert(1)"),
        source="wire",
        lang="en",
        now=NOW,
    )
    assert (item.title, item.summary) == ("Why </b> stays", "<script>alert(1)")


def test_bidirectional_controls_leave_titles_and_summaries() -> None:
    (item,) = parse_feed(
        feed("Alibaba &#x202E;raises&#x202C; outlook", "\u2067Kursziel\u2069 \u200ebestätigt"),
        source="wire",
        lang="de",
        now=NOW,
    )
    assert (item.title, item.summary) == ("Alibaba raises outlook", "Kursziel bestätigt")
