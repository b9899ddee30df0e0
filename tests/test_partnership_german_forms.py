"""German forms of working together that name no partnership noun: a shared act of a
coordinated subject ("bauen gemeinsam"), a service done by another ("lässt ... von X
abwickeln"), and technology adoption after an adverbial with a possessive ("setzt bei ihrem
neuen Telefon auf ...")."""

from __future__ import annotations

from rules.extract.partnership import find_partnerships


def _parties(text: str) -> list[list[str]]:
    return sorted(sorted(event.parties) for event in find_partnerships(text, "de"))


def test_a_coordinated_subject_acting_together_are_partners() -> None:
    assert _parties("Die Telekom und SAP entwickeln gemeinsam eine Cloud für Kliniken.") == [
        ["SAP", "Telekom"]
    ]


def test_buying_together_is_no_partnership() -> None:
    assert _parties("Die Telekom und SAP übernehmen gemeinsam den Softwareanbieter Ionos.") == []


def test_a_service_done_by_another_names_the_provider() -> None:
    text = "Otto lässt seine Lagerlogistik künftig vom Dienstleister Fiege betreiben."
    assert _parties(text) == [["Fiege", "Otto"]]


def test_advice_taken_is_no_service() -> None:
    assert _parties("Otto lässt sich beim Börsengang von der Deutschen Bank beraten.") == []


def test_adoption_after_an_adverbial_with_a_possessive_and_an_adjective() -> None:
    text = "Die Lufthansa setzt bei ihrem neuen Buchungssystem auf die Software von Amadeus."
    assert _parties(text) == [["Amadeus", "Lufthansa"]]


def test_a_relative_clause_closed_by_the_verb_of_working_together() -> None:
    text = (
        "Der Autobauer Porsche, der seit 2019 mit dem Batteriehersteller Cellforce bei Zellen"
        " zusammenarbeitet, hat seine Prognose gesenkt."
    )
    assert _parties(text) == [["Cellforce", "Porsche"]]


def test_a_clause_closed_by_an_infinitive_tells_an_intention() -> None:
    text = (
        "Der Autobauer Porsche ist bereit, mit dem Batteriehersteller Cellforce bei Zellen"
        " zusammenzuarbeiten."
    )
    assert _parties(text) == []


def test_a_platform_named_by_what_it_is_is_no_part_of_its_name() -> None:
    text = "Die Commerzbank und die Handelsplattform Scalable haben eine Kooperation vereinbart."
    assert _parties(text) == [["Commerzbank", "Scalable"]]


def test_a_partnership_not_ruled_out_is_none() -> None:
    assert _parties("Siemens schließt eine Partnerschaft mit Microsoft nicht aus.") == []


def test_a_partnership_extended_with_a_closing_particle_counts() -> None:
    assert _parties("Siemens baut die Partnerschaft mit Microsoft aus.") == [
        ["Microsoft", "Siemens"]
    ]


def test_rights_licensed_to_a_partner_in_the_perfect() -> None:
    text = "Sanofi hat die Rechte an einem Impfstoff an den US-Konzern Novavax lizenziert."
    assert _parties(text) == [["Novavax", "Sanofi"]]


def test_an_airport_or_utility_named_with_its_city_is_an_organisation() -> None:
    text = "Die Stadtwerke Leipzig haben den Dienstleister Bilfinger mit der Wartung beauftragt."
    assert _parties(text) == [["Bilfinger", "Stadtwerke Leipzig"]]


def test_a_known_name_ending_in_s_is_no_genitive_before_an_article() -> None:
    # "Novartis eine Partnerschaft" reads like "Alibabas neue Plattform" but for the article
    text = "Der Chemiekonzern Lanxess gab bekannt, dass er mit Novartis eine Partnerschaft eingeht."
    assert _parties(text) == [["Lanxess", "Novartis"]]
    text = "Infineon teilte mit, dass Airbus den Liefervertrag mit Hensoldt unterzeichnet hat."
    assert _parties(text) == [["Airbus", "Hensoldt"]]


def test_a_genitive_name_before_an_adjective_is_still_the_maker() -> None:
    text = "Adesso baut seinen Assistenten auf Alibabas offenem Qwen-Modell auf."
    assert _parties(text) == [["Adesso", "Alibaba"]]


def test_the_maker_as_the_genitive_of_the_goods_drawn_on() -> None:
    assert _parties(
        "Der Bushersteller Solaris bezieht künftig Antriebe des schwedischen Zulieferers Kestra."
    ) == [["Kestra", "Solaris"]]
    # a genitive of a place the goods are for names no maker
    assert _parties("Solaris bezieht Strom für die Produktion des Werks in Posen aus Wind.") == []
