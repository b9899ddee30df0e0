"""What cancels a partnership cue (en/de): M&A, orders and financing in a weak cue's sentence,
a person hired by an adopt cue, and for every cue talks, intentions, denials, endings and
disputes close to it."""

from __future__ import annotations

import re

from .org_words import word_table
from .partnership_cues import Cue

# Vetoes. "Near" ones apply within a window around the cue; "sentence" ones end any weak cue.
_VETO_NEAR = {
    "en": re.compile(
        r"\b(?:rumou?r\w*|speculat\w*|talks?|negotiat\w*|"
        # to explore for a metal is to prospect, no option weighed: "will jointly explore for"
        # "exploration" is a miner's work: "Sign Exploration Alliance"
        r"explor(?:e|es|ed|ing)(?!\s+for\b)|explorator\w*|consider\w*|mull\w*|"
        r"potential(?:ly)?|possib(?:le|ly)|likely|if|whether|den(?:y|ies|ied)|reject\w*|refut\w*|"
        # "No. 1" counts, it denies nothing
        r"no(?!\.\s*\d)|not|n't|"
        # a compound's "-end" ends nothing: "front-end engineering", "year-end"
        r"without|hopes?|seeks?|forward\s+to|weigh\w*|(?<!-)end(?:s|ed|ing)?|terminat\w*|cancel\w*|"
        r"exit\w*|scrap\w*|dissolv\w*|cut\s+ties|pull(?:s|ed)?\s+out|settle\w*|lawsuit|sue[sd]?|"
        r"discuss\w*|stop(?:s|ped|ping)?|expir\w*|"
        r"dispute\w*|litigation|infring\w*|union|labou?r(?!\s+department)|wages?|"
        r"collective\s+bargaining|may|might|could|said\s+to|stakes?\s+in|interests?\s+in|"
        # rivals for a deal: "compete for contracts with"
        r"compet\w*|"
        # an intention is no deal yet: "plans to partner with", "expected to announce"
        r"(?:plan(?:s|ned|ning)?|aim(?:s|ed|ing)?|intend(?:s|ed)?|expected|wants?|looking|"
        r"hoping|set|poised|eyes|eyeing)\s+to)\b",
        re.IGNORECASE,
    ),
    "de": re.compile(
        r"\b(?:prüf\w*|erwäg\w*|möglich\w*|Gespräch\w*|verhandel\w*|Verhandlung\w*|"
        r"sondier\w*|Sondierung\w*|Gerücht\w*|Spekulation\w*|spekulier\w*|angeblich|dementier\w*|beende\w*|"
        r"aufgekündigt|gescheitert|scheiter\w*|abgelehnt|lehnt\w*|nicht|kein\w*|ohne|"
        r"Klage\w*|Rechtsstreit\w*|Streit\w*|Vergleich\w*|Gewerkschaft\w*|Tarif\w*|"
        r"Koalition\w*|wünsch\w*|soll\w*|würde\w*|wollen|will|fordert\w*|Bereitschaft|Anteil\w*|"
        r"plan(?:t|en|te|ten)|strebt\w*|anstreb\w*|beabsichtig\w*|Absicht\w*|"
        r"konkurrier\w*)\b"
    ),
}
_VETO_AFTER = {
    "en": re.compile(
        r"\b(?:talks?|negotiat\w*|rumou?r\w*|speculat\w*|(?<!-)end(?:s|ed)?|terminat\w*|cancel\w*|"
        r"collaps\w*|dispute\w*|lawsuit|litigation|sources?\s+say|analysts?\s+say|if|unless)\b",
        re.IGNORECASE,
    ),
    "de": re.compile(
        r"\b(?:Gespräch\w*|Verhandlung\w*|beende\w*|aufgekündigt|gescheitert|geprüft|"
        r"Rechtsstreit\w*|erwogen|falls|sofern)\b"
    ),
}
# An adopt cue whose object is a person ("hires former X CEO Y", "wählt ... zum Vorstandschef")
# reports a staffing move, not a chosen partner.
_HIRED_PERSON = {
    "en": re.compile(
        r"\b(?:former|ex-\w+|ceos?|cfos?|coos?|ctos?|chief|executives?|execs?|president|"
        r"chair(?:man|woman)?|directors?|officers?|head\s+of|veterans?|vice\s+president|"
        r"analysts?|bankers?|engineers?|economists?|traders?|strategists?|scientists?|"
        r"researchers?|employees?|staff)\b",
        re.IGNORECASE,
    ),
    "de": re.compile(
        r"(?:\behemalig\w*|Vorstand\w*|Vorsitz\w*|chef\b|chefin\b|Chef\w*|Manager\w*|"
        r"Geschäftsführ\w*|Aufsichtsrat\w*|Direktor\w*)"
    ),
}
HIRED_PERSON_WINDOW = 40


def _not_bought_by_consumers() -> str:
    """Lookbehinds that leave out a purchase whose buyers are people: "lets shoppers buy",
    "allows customers to purchase"."""
    words = sorted(word_table("consumer_buyers_en.txt"))
    return "".join(rf"(?<!\b{word}\s)(?<!\b{word}\sto\s)" for word in words)


_CONSUMERS_BEFORE = _not_bought_by_consumers()
VETO_SENTENCE = {
    "en": re.compile(
        # a licence acquired is a licence, no takeover: "Acquires Exclusive License From X"
        r"\b(?:acqui\w+\b(?!\s+(?:an?\s+|the\s+)?(?:exclusive\s+|global\s+|worldwide\s+)?"
        r"(?:licen[cs]es?|rights)\b)|merg(?:e|er|ers|ed|ing)|takeover|buyout|"
        # the word first: the lookbehinds, one per buyer noun, are read only where it stands
        + r"(?=buy|bought)"
        + _CONSUMERS_BEFORE
        + r"(?:buy(?:s|ing)?|bought)|"
        r"(?=purchas)(?<!power\s)" + _CONSUMERS_BEFORE + r"purchas\w+|sell(?:s|ing)?|"
        # where goods are sold is a market, no sale of a company: "iPhones Sold in China"
        r"sold(?!\s+(?:in|across|throughout|worldwide|globally)\b)|sale|stake|bid|transaction|"
        r"invest\w*|order(?:s|ed)?|"
        r"lease[sd]?|leasing|loan\w*|"
        # "to run its finance and procurement operations": a department, no financing
        r"(?<!its\s)(?<!their\s)financ(?:e|es|ed|ing|ier|iers)|underwrit\w*|advis\w+|"
        r"credit\s+(?:lines?|facilit\w+)|funding|liquidity|"
        r"bond|permit\w*|export\s+licen[cs]e\w*|licen[cs]e\w*\s+to\s+(?:export|import)|"
        r"approv\w+|ban|penalt\w+|"
        # a penalty, not the adjective of what is made: "fine chemicals", "fine ceramics"
        r"fine[sd]|(?:a|the|million|billion|record|hefty|\d+m?)\s+fine|"
        r"royalty-free|per\s+share|a\s+share|dispute\w*|"
        r"lawsuit\w*|settle\w*|litigation|explor(?:e|es|ed|ing)(?!\s+for\b)|strategic\s+(?:options|"
        r"alternatives)|"
        # counted aircraft are an order, whatever the paper is called: "for eight 787-9s"
        r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|dozen|twenty|thirty|forty|"
        r"fifty|hundred)\s+(?:[\w-]+\s+){0,2}?(?:jets|aircraft|airliners|planes|\d{3}\s*-\s*\d+s))\b",
        re.IGNORECASE,
    ),
    "de": re.compile(
        r"(?:Übernahme|übernimm|übernahm|übernehm|\bkauf|gekauft|Fusion|fusion|Beteiligung|beteilig|"
        r"Anteil|Aktionär|Transaktion|verkauf|Verkauf|Bestellung|bestellt|Kredit|Anleihe|"
        r"Finanzierung|Leasing|Miet|Genehmigung|genehmig|Lizenzentzug|Exportlizenz|Berat|"
        r"\b\d+\s+(?:[\w-]+\s+){0,2}?(?:Jets|Flugzeuge|Maschinen|Flieger)\b)"
    ),
}
# The English vetoes without IGNORECASE, for the lower-cased sentence: near, after, sentence.
_VETO_FOLDED = tuple(
    re.compile(table["en"].pattern) for table in (_VETO_NEAR, _VETO_AFTER, VETO_SENTENCE)
)
NEAR_WINDOW = 45
_ORDER_CUE = re.compile(r"\border", re.IGNORECASE)
# German puts the verb last: "hatte die Zusammenarbeit mit Varta beendet" ends the cue's
# clause, however long the object before it.
_ENDED_LATER_DE = re.compile(
    r"\b(?:"
    + "|".join(sorted(word_table("partnership_late_vetoes_de.txt"), key=len, reverse=True))
    + r")\b"
)
# English says the end after the counterpart too: "its joint venture with X would be
# dissolved", "the deal with X was scrapped" (matched on the lower-cased sentence).
_ENDED_LATER = {
    "de": _ENDED_LATER_DE,
    "en": re.compile(
        r"\b(?:dissolv\w*|terminat\w*|wound\s+down|wind\s+down|scrapp\w*|cancel\w*|"
        r"(?:will|would|to)\s+end|(?:was|were|been|be)\s+ended|expire[sd]?|unwound|unwind)\b"
    ),
}
# "kündigt" gives notice, unless its separable "an" closes the clause: then it announces
_GIVES_NOTICE = re.compile(r"\bkündig(?:t|en|te|ten)\b")
_SEPARATED_AN = re.compile(r"\san\s*(?:[,.;:!?]|$)")


def _announced(text: str, cue: Cue) -> bool:
    stop = _CLAUSE_STOP_DE.search(text, cue.end)
    clause_end = len(text) if stop is None else stop.end()
    return _SEPARATED_AN.search(text, cue.end, clause_end) is not None


_CLAUSE_STOP_DE = re.compile(r"[,.;:!?]|$")
_RULED_OUT_DE = re.compile(r"\bnicht\s+aus\b")
# A clause opened by "whether" or "if" says nothing happened: "Ob X mit Y zusammenarbeiten
# wird, ist offen".
_OPEN_QUESTION = re.compile(r"[\s\"'„“]*(?:Ob|Falls|Sollte|Sollten|Whether|If|Should)\s")


def vetoed(sentence: str, cue: Cue, lang: str, lowered: str | None = None) -> bool:
    """A competing reading near the cue: M&A or financing for weak cues, talks, denials,
    endings and disputes for all. `lowered` is `sentence.lower()` when the caller has it."""
    text, near, after, whole = sentence, _VETO_NEAR[lang], _VETO_AFTER[lang], VETO_SENTENCE[lang]
    if lang == "en":
        if lowered is None:
            lowered = sentence.lower()
        if len(lowered) == len(sentence):  # the case-folded patterns need the same offsets
            text, near, after, whole = lowered, *_VETO_FOLDED
    if cue.kind == "joint":
        # a statement of both closes the clause it tells of: any competing reading there
        return bool(
            whole.search(text, 0, cue.start)
            or near.search(text, 0, cue.start)
            or after.search(text, cue.end)
        )
    # a consortium is formed as often to bid or lend as to work together, and what is agreed
    # to be shared may be a settlement's cost
    if (
        cue.kind in ("weak", "adopt")
        or "onsorti" in text[cue.start : cue.end]
        or text.startswith("agree", cue.start)
        or (cue.kind == "recip" and text.endswith(("deal", "deals"), cue.start, cue.end))
        # a shared act may be a joint purchase or loan: "übernimmt gemeinsam mit X"
        or text.startswith("gemeinsam", cue.start)
    ):
        lo = max(0, cue.start - 80)
        hi = min(len(text), cue.end + 50)
        if _ORDER_CUE.search(text, cue.start, cue.end):
            # an order cue names the order itself: only what stands around it vetoes
            if whole.search(text, lo, cue.start) or whole.search(text, cue.end, hi):
                return True
        elif whole.search(text, lo, hi):
            return True
    if cue.kind == "adopt" and not text.endswith("by", cue.start, cue.end):
        # "selected by", "awarded a contract by": who follows chose, no one was hired
        # a person after a comma is the one who speaks: "..., Chief Executive X said"
        # and what a purpose clause names is the work, not who was hired: "hired X to supply
        # engineers"
        hi = min(len(text), cue.end + HIRED_PERSON_WINDOW)
        for stop in (",", " to "):
            found = text.find(stop, cue.end, hi)
            hi = hi if found < 0 else found
        if _HIRED_PERSON[lang].search(text, cue.end, hi) is not None:
            return True
    lo = max(0, cue.start - NEAR_WINDOW)
    if near.search(text, lo, cue.start) is not None:
        return True
    if lang == "de" and _GIVES_NOTICE.search(text, lo, cue.start) and not _announced(text, cue):
        return True  # "kündigt die Partnerschaft mit X", not "kündigt eine Partnerschaft an"
    if lang == "de" and text.startswith("Tarif", cue.start):
        return True  # "Tarifvertrag", "Tarifvereinbarung": a labour agreement
    opening = _OPEN_QUESTION.match(sentence)
    if opening is not None and "," not in sentence[opening.end() : cue.start]:
        return True
    hi = min(len(text), cue.end + NEAR_WINDOW // 2)
    if after.search(text, cue.end, hi) is not None:
        return True
    comma = text.find(",", cue.end)
    clause_end = len(text) if comma < 0 else comma
    if lang == "de" and _RULED_OUT_DE.search(text, cue.end, clause_end):
        return True  # "schließt eine Partnerschaft mit X nicht aus": not ruled out, not made
    return _ENDED_LATER[lang].search(text, cue.end, clause_end) is not None


def ended_later(text: str, start: int, lang: str) -> bool:
    """An end said later in the sentence: "..., was cancelled last year"."""
    return _ENDED_LATER[lang].search(text.lower() if lang == "en" else text, start) is not None


def veto_classes(text: str, lang: str) -> list[str]:
    """Which kinds of competing reading occur in the text, as model features: the grammar
    cancels a cue only when they stand next to it, the model weighs them. English text comes
    lower-cased, so that the patterns without IGNORECASE serve."""
    found = []
    if lang == "en":
        patterns = _VETO_FOLDED
    else:
        patterns = (_VETO_NEAR[lang], _VETO_AFTER[lang], VETO_SENTENCE[lang])
    for name, pattern in zip(("near", "after", "deal"), patterns, strict=True):
        if pattern.search(text) is not None:
            found.append(f"veto:{name}")
    return found


# A deal whose object is a company or a part of one is M&A, whatever it is called: "agreed to
# buy Contoso's unit under a deal", "a merger", "sells its stake". Goods bought or sold ("buy
# cells from X", "sell groceries through X") are supply.
_COMPANY_CHANGES_HANDS = {
    "en": re.compile(
        # a spin-off named before its name describes the company: "its spinoff X" is no sale
        r"\b(?:merg(?:e|er|ers|ed|ing)|takeover|buyout|acquisition|spin-?off(?!\s+(?-i:[A-Z]))|"
        r"(?:acquir|buy|bought|purchas|sell|sold|tak)\w*\s+(?:over\s+)?"
        r"(?:(?:a|an|the|its|their|all|most|part|some)\s+(?:of\s+)?)*(?:[\w-]+\s+)?"
        r"(?:stakes?|units?|divisions?|business(?:es)?|assets|shares|subsidiar\w+|operations|"
        r"company|companies|firm|majority|minority|holding))\b",
        re.IGNORECASE,
    ),
    "de": re.compile(r"(?:Übernahme|übernimm|übernahm|Fusion|fusion|Beteiligung|Anteil)"),
}
_OWNER_OBJECT = re.compile(r"\b(?:acquir\w*|buy\w*|bought|purchas\w*|sell\w*|sold)\s+$", re.I)


def company_changes_hands(clause: str, lang: str) -> bool:
    """The clause reports M&A: a company or a part of one bought or sold, a merger."""
    return _COMPANY_CHANGES_HANDS[lang].search(clause) is not None


def buys_the_owner(before_object: str) -> bool:
    """ "to buy Contoso's ...": the verb right before a named owner is one of buying."""
    return _OWNER_OBJECT.search(before_object) is not None
