"""German article and newsletter prose, and English wire bodies: forms of analyst actions the
clause reader and the consensus reader take as written (verb-final rating verbs in a
subordinate clause, a rating move told by its labels, a target before the broker, a pronoun
starting coverage, a keeping verb of its own, a relative clause between a count and its
rating, the company the counted analysts cover)."""

from __future__ import annotations

from analyst_rows import analyst_rows

from rules.events import Consensus
from rules.extract import extract
from rules.extract.clauses import rank_direction


def consensus_rows(text: str, lang: str) -> list[tuple[object, ...]]:
    return [
        (e.company, e.buy, e.hold, e.sell, e.mean_target, e.median_target, e.currency)
        for e in extract(text, lang)
        if isinstance(e, Consensus)
    ]


def test_verb_final_upgrade_in_a_subordinate_clause() -> None:
    text = (
        "Beim Messtechniker Jungheinrich zeigt sich ein gemischtes Bild. Während die Analysten "
        'von Stifel die Aktie auf "Buy" hochstuften und ein Kursziel von 41 Euro nannten, '
        "senkte die DZ Bank ihr Ziel von 39 auf 35 Euro."
    )
    rows = analyst_rows(text, "de")
    assert ("Stifel", "Jungheinrich", "up", "Buy", "set", 41, None, "EUR") in rows
    assert ("DZ Bank", "Jungheinrich", "none", None, "lower", 35, 39, "EUR") in rows


def test_verb_final_downgrade_in_a_subordinate_clause() -> None:
    text = 'Die Aktie von Krones fiel, nachdem die Experten von Metzler sie auf "Hold" abstuften.'
    assert analyst_rows(text, "de") == [
        ("Metzler", "Krones", "down", "Hold", "none", None, None, None)
    ]


def test_english_cut_their_rating_is_a_downgrade() -> None:
    text = (
        "Shares of Whitbread fell after Peel Hunt analysts cut their rating on the hotel "
        "group to hold and lowered their price target to 3,000 pence."
    )
    assert ("Peel Hunt", "Whitbread", "down", "hold", "lower", 3000, None, "GBX") in (
        analyst_rows(text, "en")
    )


def test_rating_move_direction_comes_from_the_labels() -> None:
    assert rank_direction('nahmen ihr Votum von "Buy" auf "Hold" zurück') == "down"
    assert rank_direction('von "Reduce" auf "Add" gehoben') == "up"
    assert rank_direction('von "Buy" auf "Overweight"') is None
    assert rank_direction('auf "Hold"') is None


def test_rating_taken_back_while_the_target_rises() -> None:
    text = (
        "FRANKFURT (dpa-AFX) - Die Papiere von Hensoldt sind nach einer Abstufung durch "
        'Jefferies gefallen. Die Analysten nahmen ihr Votum von "Buy" auf "Hold" zurück, '
        "hoben das Kursziel aber von 40 auf 45 Euro an."
    )
    assert analyst_rows(text, "de") == [
        ("Jefferies", "Hensoldt", "down", "Hold", "raise", 45, 40, "EUR")
    ]


def test_target_before_the_broker_in_an_inverted_clause() -> None:
    text = (
        "Auf 61 Euro senkte die DZ Bank das Kursziel für Gerresheimer, nach zuvor 70 Euro, "
        'und bestätigte die Einstufung "Kaufen".'
    )
    assert analyst_rows(text, "de") == [
        ("DZ Bank", "Gerresheimer", "main", "Kaufen", "lower", 61, 70, "EUR")
    ]


def test_price_before_the_broker_is_not_a_target() -> None:
    text = 'Bei 30 Euro bestätigte die DZ Bank die Einstufung "Kaufen" für Gerresheimer.'
    assert analyst_rows(text, "de") == [
        ("DZ Bank", "Gerresheimer", "main", "Kaufen", "none", None, None, None)
    ]


def test_pronoun_starting_coverage_goes_on_with_the_stated_target() -> None:
    text = (
        "Einen fairen Wert von 23 Euro sehen die Analysten von Berenberg für Nordex. "
        'Sie starten die Bewertung des Windanlagenbauers mit "Buy".'
    )
    assert analyst_rows(text, "de") == [
        ("Berenberg", "Nordex", "init", "Buy", "init", 23, None, "EUR")
    ]


def test_own_keeping_verb_takes_no_direction_from_the_clause_before() -> None:
    text = (
        'Die Analysten von UBS bekräftigten ihr Votum "Buy" und hoben das Kursziel für Puma '
        'auf 40 Euro, Jefferies beließ es bei "Hold" und 31 Euro.'
    )
    rows = analyst_rows(text, "de")
    assert ("UBS", "Puma", "main", "Buy", "raise", 40, None, "EUR") in rows
    assert ("Jefferies", "Puma", "main", "Hold", "set", 31, None, "EUR") in rows


def test_relative_clause_between_counts_and_ratings() -> None:
    text = (
        "Knorr-Bremse im Blick\n"
        "12 der 15 Analysten, die den Bremsenhersteller beobachten, raten zum Kauf, drei zum "
        "Halten. Das durchschnittliche Kursziel liegt bei 98 Euro."
    )
    assert consensus_rows(text, "de") == [("Knorr-Bremse", 12, 3, None, 98, None, "EUR")]


def test_consensus_company_is_the_one_the_analysts_cover() -> None:
    text = (
        "Of the 27 analysts covering Dutch Bros, 21 rate the stock 'buy' or higher and six "
        "'hold'. Their median price target is $80."
    )
    assert consensus_rows(text, "en") == [("Dutch Bros", 21, 6, None, None, 80, "USD")]


def test_respective_ratings_go_one_to_each_broker() -> None:
    text = (
        "Stifel and Wedbush both downgraded Nike to hold and neutral, respectively, after "
        "the sportswear maker's sales slowed."
    )
    rows = analyst_rows(text, "en")
    assert ("Stifel", "Nike", "down", "hold", "none", None, None, None) in rows
    assert ("Wedbush", "Nike", "down", "neutral", "none", None, None, None) in rows


def test_sentences_about_actions_long_past_yield_nothing() -> None:
    assert analyst_rows("A year ago, Morgan Stanley downgraded Tesla to underweight.", "en") == []
    assert (
        analyst_rows(
            'Vor zwei Jahren hatte Goldman Sachs die Aktie von SAP auf "Sell" abgestuft.', "de"
        )
        == []
    )
    text = "Die UBS senkte das Kursziel für BASF auf 40 Euro. Vor zwei Jahren lag es bei 70 Euro."
    assert analyst_rows(text, "de") == [("UBS", "BASF", "none", None, "lower", 40, None, "EUR")]


def test_a_later_broker_acts_on_the_company_the_grammar_read() -> None:
    text = (
        "Citi cut Kenvue to neutral from buy, and Jefferies lowered its target on the "
        "consumer health company to $19 from $23."
    )
    rows = analyst_rows(text, "en")
    assert ("Jefferies", "Kenvue", "none", None, "lower", 19, 23, "USD") in rows


def test_one_broker_acting_on_several_companies_clause_by_clause() -> None:
    text = (
        "In ihrer Studie zur Chemiebranche hob die Deutsche Bank Symrise auf "
        '"Buy" und senkte Evonik auf "Hold", während sie Wacker Chemie bei "Sell" beließ.'
    )
    rows = analyst_rows(text, "de")
    assert ("Deutsche Bank", "Symrise", "up", "Buy", "none", None, None, None) in rows
    assert ("Deutsche Bank", "Evonik", "down", "Hold", "none", None, None, None) in rows
    assert ("Deutsche Bank", "Wacker Chemie", "main", "Sell", "none", None, None, None) in rows


def test_english_broker_acting_on_a_second_company_in_a_while_clause() -> None:
    text = "Jefferies raised Danone to buy, while it downgraded Carrefour to hold."
    rows = analyst_rows(text, "en")
    assert ("Jefferies", "Danone", "up", "buy", "none", None, None, None) in rows
    assert ("Jefferies", "Carrefour", "down", "hold", "none", None, None, None) in rows


def test_a_later_clause_on_the_same_company_keeps_the_segment_whole() -> None:
    text = (
        'Die UBS hat BASF auf "Buy" hochgestuft und das Kursziel für BASF von 44 auf 52 '
        "Euro angehoben."
    )
    assert analyst_rows(text, "de") == [("UBS", "BASF", "up", "Buy", "raise", 52, 44, "EUR")]


def test_company_named_in_full_as_the_text_writes_it() -> None:
    text = (
        "Goldman Sachs and UBS both upgraded Ford Motor on Monday, to buy and neutral "
        "respectively, citing cost cuts."
    )
    rows = analyst_rows(text, "en")
    assert ("Goldman Sachs", "Ford Motor", "up", "buy", "none", None, None, None) in rows
    assert ("UBS", "Ford Motor", "up", "neutral", "none", None, None, None) in rows


def test_title_names_the_company_of_a_single_event_in_full() -> None:
    text = (
        "Alibaba Group: Abstufung durch Jefferies\n"
        'Die US-Investmentbank Jefferies hat Alibaba von "Buy" auf "Hold" abgestuft und das '
        "Kursziel von 150 auf 120 US-Dollar gesenkt."
    )
    assert analyst_rows(text, "de") == [
        ("Jefferies", "Alibaba Group", "down", "Hold", "lower", 120, 150, "USD")
    ]


def test_a_target_verb_as_a_noun_moves_no_target() -> None:
    text = (
        "Barclays and HSBC both downgraded Nike on Friday, to equal weight and hold "
        "respectively, citing price cuts."
    )
    rows = analyst_rows(text, "en")
    assert ("Barclays", "Nike", "down", "equal weight", "none", None, None, None) in rows
    assert ("HSBC", "Nike", "down", "hold", "none", None, None, None) in rows


def test_group_clause_after_a_semicolon_deals_the_ratings() -> None:
    text = (
        "Nemetschek: Ziele steigen\n"
        "Der Softwarekonzern hat seine Prognose angehoben. Die UBS erhöhte daraufhin das "
        "Kursziel für die Aktie auf 140 Euro, Jefferies auf 135 Euro; beide bleiben bei "
        '"Buy" beziehungsweise "Hold".'
    )
    rows = analyst_rows(text, "de")
    assert ("UBS", "Nemetschek", "main", "Buy", "raise", 140, None, "EUR") in rows
    assert ("Jefferies", "Nemetschek", "main", "Hold", "raise", 135, None, "EUR") in rows


def test_a_broker_named_in_full_by_the_grammar_is_not_read_again_short() -> None:
    text = (
        "Citizens JMP reiterated its market outperform rating on Hims & Hers with a $60 price "
        "target, calling the telehealth company's growth durable."
    )
    assert [row[0] for row in analyst_rows(text, "en")] == ["Citizens JMP"]


def test_coverage_of_a_company_no_table_knows_and_the_ratings_given_after() -> None:
    text = (
        "Die Experten von Jefferies und Kepler Cheuvreux haben die Coverage von Stadler Rail "
        'aufgenommen. Beide vergeben das Votum "Hold", die Kursziele liegen bei 24 '
        "beziehungsweise 23 Franken."
    )
    rows = analyst_rows(text, "de")
    assert ("Jefferies", "Stadler Rail", "init", "Hold", "init", 24, None, "CHF") in rows
    assert ("Kepler Cheuvreux", "Stadler Rail", "init", "Hold", "init", 23, None, "CHF") in rows


def test_a_rating_given_before_its_noun_is_the_rating() -> None:
    text = (
        "Die Analysten der DZ Bank erhöhten das Kursziel für Nordex auf 20 Euro und vergeben "
        'weiterhin das Votum "Kaufen".'
    )
    assert analyst_rows(text, "de") == [
        ("DZ Bank", "Nordex", "none", "Kaufen", "raise", 20, None, "EUR")
    ]


def test_research_house_no_table_knows_named_after_its_analysts() -> None:
    text = (
        "Die Analysten von Alster Research haben die Aktie von Cenit von "
        '"Hold" auf "Buy" hochgestuft und ihr Kursziel von 11 auf 14 Euro angehoben.'
    )
    assert analyst_rows(text, "de") == [
        ("Alster Research", "Cenit", "up", "Buy", "raise", 14, 11, "EUR")
    ]
