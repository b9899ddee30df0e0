"""German long-form articles whose later sentences finish the actions of earlier ones: a word
for all the brokers before ("Beide Häuser ..."), a pronoun after its verb, a bank named by what
it is ("Die Genossenschaftsbank"), a keeping verb with "festhalten", a resumed coverage, and a
verb that moves the rating without a target word. The texts are written for the tests."""

from __future__ import annotations

from analyst_rows import analyst_rows

from rules.extract.subject import document_subject


def _analyst(text: str) -> set[tuple]:
    return set(analyst_rows(text, "de"))


def test_both_brokers_of_the_sentence_before_share_out_their_ratings() -> None:
    text = (
        "Stabilus: Kursziele sinken\n"
        "Die Analysten von Warburg Research und Metzler senkten ihre Ziele für die Aktie auf "
        '41 beziehungsweise 38 Euro. Beide Häuser bleiben bei ihren Voten "Buy" '
        'beziehungsweise "Hold".'
    )
    assert _analyst(text) == {
        ("Warburg Research", "Stabilus", "main", "Buy", "lower", 41, None, "EUR"),
        ("Metzler", "Stabilus", "main", "Hold", "lower", 38, None, "EUR"),
    }


def test_a_group_word_counting_other_brokers_names_none() -> None:
    text = (
        "Stabilus: Kursziele sinken\n"
        "Die Analysten von Warburg Research und Metzler senkten ihre Ziele für die Aktie auf "
        '41 beziehungsweise 38 Euro. Alle drei Häuser bleiben bei ihren Voten "Buy" '
        'beziehungsweise "Hold".'
    )
    assert {row[2] for row in _analyst(text)} == {"none"}


def test_a_pronoun_after_its_verb_goes_on_with_the_broker_before() -> None:
    text = (
        "Die Analysten von Oddo BHF haben den fairen Wert für Norma von 22 auf 19 Euro "
        'gesenkt. An der Einstufung "Neutral" halten sie fest.'
    )
    assert _analyst(text) == {("Oddo BHF", "Norma", "main", "Neutral", "lower", 19, 22, "EUR")}


def test_holding_on_to_a_rating_keeps_it() -> None:
    text = (
        "Wacker Neuson: Meinungen gehen auseinander\n"
        "Die Aktie des Baumaschinenherstellers Wacker Neuson bleibt umstritten. Die Analysten "
        'von Hauck Aufhäuser Lampe halten an ihrem Votum "Buy" fest und sehen das Ziel weiter '
        "bei 27 Euro."
    )
    assert _analyst(text) == {
        ("Hauck Aufhäuser Lampe", "Wacker Neuson", "main", "Buy", "set", 27, None, "EUR")
    }


def test_a_bank_named_by_what_it_is_is_the_broker_before() -> None:
    text = (
        "Microsoft: Frankfurter Analysten ziehen nach\n"
        "Auch die DZ Bank traut dem Softwarekonzern Microsoft mehr zu. Die Genossenschaftsbank "
        "hob den fairen Wert für die Aktie von 480 auf 540 US-Dollar an und bestätigte die "
        'Einstufung "Kaufen".'
    )
    assert _analyst(text) == {("DZ Bank", "Microsoft", "main", "Kaufen", "raise", 540, 480, "USD")}


def test_coverage_taken_up_again_starts_it() -> None:
    text = (
        "Gerresheimer im Analystenfokus\n"
        "Der Verpackungsspezialist hat seine Prognose bestätigt. Die Analysten von Berenberg "
        'nahmen die Bewertung der Aktie mit "Hold" und einem Kursziel von 52 Euro wieder auf.'
    )
    assert _analyst(text) == {
        ("Berenberg", "Gerresheimer", "init", "Hold", "init", 52, None, "EUR")
    }


def test_a_target_verb_moving_the_rating_is_read_without_a_target_word() -> None:
    text = (
        "Continental: Zwei Häuser, zwei Meinungen\n"
        "Die Aktie des Zulieferers schloss am Freitag kaum verändert. Die UBS hob das Papier "
        'auf "Buy", Exane BNP Paribas dagegen senkte es auf "Underperform".'
    )
    assert _analyst(text) == {
        ("UBS", "Continental", "up", "Buy", "none", None, None, None),
        ("Exane BNP Paribas", "Continental", "down", "Underperform", "none", None, None, None),
    }


def test_a_figure_is_no_company() -> None:
    text = (
        "Rheinmetall: Kursziele klettern\n"
        "Der Rüstungskonzern bleibt gefragt. Die Privatbank Metzler hob ihr Kursziel für die "
        'Aktie von 1.750 auf 2.050 Euro an und bestätigte die Einstufung "Buy".'
    )
    assert _analyst(text) == {("Metzler", "Rheinmetall", "main", "Buy", "raise", 2050, 1750, "EUR")}


def test_a_title_names_its_company_in_full_before_its_noun() -> None:
    text = "Siemens Healthineers-Aktie: Kursziel gesenkt\nDie Aktie gab nach."
    assert document_subject(text, "de") == "Siemens Healthineers"
    text = "Daimler Truck Holding-Aktie: Kursziel gesenkt\nDie Aktie gab nach."
    assert document_subject(text, "de") == "Daimler Truck Holding"


def test_the_shares_of_several_companies_give_no_subject() -> None:
    assert document_subject("Die Aktien von Hornbach und Ceconomy gaben nach.", "de") is None
    assert document_subject("Shares of Alcoa and Nucor fell on Monday.", "en") is None


def test_a_headline_naming_several_brokers_gives_each_its_action() -> None:
    text = "Vonovia: Berenberg und Kepler Cheuvreux senken Ziele auf 30 beziehungsweise 28 Euro"
    assert _analyst(text) == {
        ("Berenberg", "Vonovia", "none", None, "lower", 30, None, "EUR"),
        ("Kepler Cheuvreux", "Vonovia", "none", None, "lower", 28, None, "EUR"),
    }
    text = "Jefferies senkt Ziel für Puma auf 24 Euro, Bernstein auf 26 Euro"
    assert _analyst(text) == {
        ("Jefferies", "Puma", "none", None, "lower", 24, None, "EUR"),
        ("Bernstein", "Puma", "none", None, "lower", 26, None, "EUR"),
    }
    # a bank the headline's grammar reads as the company is no second broker
    text = "ANALYSE-FLASH: Barclays belässt Commerzbank auf 'Overweight' - Ziel 19 Euro"
    assert _analyst(text) == {
        ("Barclays", "Commerzbank", "main", "Overweight", "set", 19, None, "EUR")
    }


def test_the_earlier_target_in_parentheses_is_the_prior() -> None:
    text = (
        "Die Commerzbank hat das Kursziel für Krones auf 150 (138) Euro angehoben und die "
        'Einstufung "Buy" bestätigt.'
    )
    assert _analyst(text) == {("Commerzbank", "Krones", "main", "Buy", "raise", 150, 138, "EUR")}
    text = (
        "Stratec: Metzler senkt Ziel\n"
        "Die Analysten von Metzler sehen das faire Kursziel für Stratec nun bei 31 (zuvor 36) "
        'Euro. Die Einstufung "Hold" bleibt.'
    )
    assert _analyst(text) == {("Metzler", "Stratec", "main", "Hold", "lower", 31, 36, "EUR")}


def test_a_rating_noun_stating_or_keeping_the_rating_after_the_action() -> None:
    text = (
        "Mit einem Kursziel von 58 Euro hat die Investmentbank Stifel die Bewertung von Kion "
        'aufgenommen. Die Einstufung lautet "Hold".'
    )
    assert _analyst(text) == {("Stifel", "Kion", "init", "Hold", "init", 58, None, "EUR")}
    text = (
        "Das Kursziel für Puma senkte die Schweizer Bank UBS von 28 auf 25 Euro. Die Einstufung "
        '"Neutral" blieb unverändert.'
    )
    assert _analyst(text) == {("UBS", "Puma", "main", "Neutral", "lower", 25, 28, "EUR")}


def test_staying_with_a_recommendation_keeps_the_rating() -> None:
    text = (
        "Continental-Aktie: Bernstein bleibt skeptisch\n"
        "Bernstein bleibt bei seiner Verkaufsempfehlung für Continental und senkt das Ziel auf "
        "55 Euro."
    )
    assert _analyst(text) == {("Bernstein", "Continental", "main", None, "lower", 55, None, "EUR")}


def test_a_bank_raising_its_own_goal_has_no_company_in_the_slot() -> None:
    text = (
        "Die UBS hat ihr Ziel für Kosteneinsparungen auf 13 Milliarden Dollar angehoben. Die "
        "Aktie der Großbank stieg um zwei Prozent."
    )
    assert _analyst(text) == set()


def test_a_noun_after_an_article_in_the_company_slot_is_no_name() -> None:
    text = (
        "Die Commerzbank hat im dritten Quartal mehr verdient als erwartet. Die Citigroup hob "
        "daraufhin das Kursziel für das Institut auf 31 Euro an."
    )
    assert all(row[1] != "Institut" for row in _analyst(text))


def test_guillemets_quote_a_rating_and_a_pronoun_goes_on_with_the_broker() -> None:
    text = (
        "Lanxess\n"
        "Nach den Zahlen von Lanxess senkten die Analysten der Citigroup ihr Kursziel für den "
        "Chemiekonzern auf 21 Euro. Das Papier stuften sie zudem auf »Sell« ab."
    )
    assert _analyst(text) == {("Citigroup", "Lanxess", "down", "Sell", "lower", 21, None, "EUR")}


def test_setting_a_target_up_or_down_moves_it() -> None:
    text = (
        "Gea-Aktie: Zwei Häuser optimistischer\n"
        'Die Deutsche Bank hat Gea von "Hold" auf "Buy" hochgestuft. Auch die Commerzbank '
        "ist optimistischer und setzte ihr Ziel auf 66 Euro herauf."
    )
    assert ("Commerzbank", "Gea", "none", None, "raise", 66, None, "EUR") in _analyst(text)
    text = "Die Privatbank Metzler hat das Kursziel für Krones auf 118 Euro herabgesetzt."
    assert _analyst(text) == {("Metzler", "Krones", "none", None, "lower", 118, None, "EUR")}


def test_a_rubric_before_the_title_colon_is_no_company() -> None:
    text = (
        "Im Blick: Hochtief\n"
        'Der Baukonzern überzeugt. Die Citigroup stufte die Aktie von "Neutral" auf "Buy" hoch.'
    )
    assert _analyst(text) == {("Citigroup", "Hochtief", "up", "Buy", "none", None, None, None)}


def test_the_share_price_of_a_bank_names_the_subject() -> None:
    text = (
        "Der Aktienkurs von Deutsche Bank stieg. Barclays hob das Ziel für den Titel auf 30 "
        'Euro an und bestätigte "Overweight".'
    )
    assert _analyst(text) == {
        ("Barclays", "Deutsche Bank", "main", "Overweight", "raise", 30, None, "EUR")
    }


def test_a_bank_named_by_its_country_is_the_broker_before() -> None:
    text = (
        "FRANKFURT (dpa-AFX) - Nach einem Kommentar von Barclays haben Anleger am Dienstag bei "
        'Symrise zugegriffen. Die britische Bank bestätigte das Votum "Overweight" und das Ziel '
        "von 125 Euro."
    )
    assert _analyst(text) == {
        ("Barclays", "Symrise", "main", "Overweight", "set", 125, None, "EUR")
    }


def test_brokers_named_by_where_they_are_from_get_their_figures() -> None:
    text = (
        "Covestro: Kursziele runter\n"
        "Die Citigroup und Oddo BHF haben nach den Zahlen ihre Ziele für den Kunststoffkonzern "
        "gesenkt. Die Amerikaner sehen das Papier nun bei 58 Euro, die Franzosen bei 55 Euro."
    )
    assert _analyst(text) == {
        ("Citigroup", "Covestro", "none", None, "lower", 58, None, "EUR"),
        ("Oddo BHF", "Covestro", "none", None, "lower", 55, None, "EUR"),
    }
    # a word of origin fitting two brokers names neither
    text = (
        "Covestro: Kursziele runter\n"
        "Die Citigroup und JPMorgan haben nach den Zahlen ihre Ziele für den Kunststoffkonzern "
        "gesenkt. Die Amerikaner sehen das Papier nun bei 58 Euro."
    )
    assert {row[5] for row in _analyst(text)} == {None}


def test_a_headline_dealing_targets_to_listed_companies() -> None:
    text = "UBS senkt Ziele für Bayer und BASF auf 24 bzw. 41 Euro"
    assert _analyst(text) == {
        ("UBS", "Bayer", "none", None, "lower", 24, None, "EUR"),
        ("UBS", "BASF", "none", None, "lower", 41, None, "EUR"),
    }
