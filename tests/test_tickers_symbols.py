"""Tickers in news text name watchlist symbols in the forms wires write them: Reuters "<BABA.N>",
"(NYSE: BABA)", "$BABA", exchange suffixes ("NVDA.O", "9988.HK"), and a suffixed watchlist
symbol ("SAP.DE") by its base ("(XETRA: SAP)", "SAP")."""

from __future__ import annotations

import pytest

from bot.pipeline.symbols import EXCHANGE_PREFIXES, EXCHANGE_SUFFIXES, SymbolMatcher, ticker_base

WATCHLIST = {
    "BABA": ["Alibaba"],
    "META": ["Meta Platforms"],
    "NVDA": [],
    "SAP.DE": [],
    "9988.HK": [],
    "BRK.B": [],
    "T.TO": [],
}


@pytest.fixture(scope="module")
def matcher() -> SymbolMatcher:
    return SymbolMatcher(WATCHLIST)


@pytest.mark.parametrize(
    ("text", "symbols"),
    [
        ("Shares of <BABA.N> jump", ("BABA",)),
        ("Alibaba Group (NYSE: BABA) reports", ("BABA",)),
        ("Meta Platforms, Inc. (NASDAQ:META) said", ("META",)),
        ("Nvidia (Nasdaq: NVDA) and (NYSE Arca: BABA)", ("BABA", "NVDA")),
        ("traders pile into $BABA", ("BABA",)),
        ("BABA.N and NVDA.O rose", ("BABA", "NVDA")),
        ("SAP.DE fell", ("SAP.DE",)),
        ("SAP SE (XETRA: SAP) und (ETR:SAP)", ("SAP.DE",)),
        ("$SAP options", ("SAP.DE",)),
        ("<SAP.F> in Frankfurt, SAP.N in New York", ("SAP.DE",)),
        ("SAP raises its outlook", ("SAP.DE",)),
        ("SAP-Aktie steigt", ("SAP.DE",)),
        ("9988.HK opens higher", ("9988.HK",)),
        ("Alibaba (HKEX: 9988) in Hong Kong", ("9988.HK", "BABA")),
        ("(NYSE: BRK.B) gains", ("BRK.B",)),
        ("Telus (TSX: T) reports", ("T.TO",)),
        ("META jumps", ("META",)),
    ],
)
def test_ticker_forms_name_their_symbol(
    matcher: SymbolMatcher, text: str, symbols: tuple[str, ...]
) -> None:
    assert sorted(matcher.symbols_in(text)) == sorted(symbols)


@pytest.mark.parametrize(
    "text",
    [
        "SAPPHIRE mining and sapphires",  # a word that starts with a ticker
        "the metaverse and Meta as a word",  # tickers only in capitals
        "paid $9988 for it",  # money, not a cashtag
        "9988 jobs cut",  # a bare number is no ticker
        "BRK.A and BRK",  # another share class
        "T rises, AT&T too",  # a one-letter base alone is too weak
        "(NYSE: BABAX) and <BABAX.N>",  # a longer ticker
        "<b>bold</b> and <p>text</p>",  # markup, should any reach this stage
        "U.S. stocks",
    ],
)
def test_lookalikes_name_nothing(matcher: SymbolMatcher, text: str) -> None:
    assert matcher.symbols_in(text) == ()


def test_a_suffix_is_split_off_only_where_it_names_an_exchange() -> None:
    assert ticker_base("SAP.DE") == "SAP"
    assert ticker_base("BABA.N") == "BABA"
    assert ticker_base("9988.HK") == "9988"
    assert ticker_base("BRK.B") == "BRK.B"
    assert ticker_base("BABA") == "BABA"


def test_exchange_tables_are_loaded() -> None:
    assert {"NYSE", "NASDAQ", "Nasdaq", "XETRA", "ETR", "FRA", "LSE", "HKEX", "TSX"} <= set(
        EXCHANGE_PREFIXES
    )
    assert {"N", "O", "DE", "HK", "TO", "L", "PA"} <= EXCHANGE_SUFFIXES
    assert not {"A", "B", "C"} & EXCHANGE_SUFFIXES
