"""Word lists for the organisation finder: what breaks a name, what heads one, who is a person.

English and German function words, months, titles and common nouns end a run of capitalised
words; legal forms and organisation heads ("Group", "Gruppe") mark one; places, first names and
public figures are not organisations.
"""

from __future__ import annotations

from .companies import COMPANIES
from .data_files import data_lines


def word_table(name: str) -> frozenset[str]:
    """The words of a data file next to this module, '#' lines left out, lower-cased."""
    return frozenset(word.lower() for line in data_lines(name) for word in line.split())


# Headline verbs end a name in Title Case ("Proseware Picks Litware As Partner").
HEADLINE_VERBS_EN = word_table("headline_verbs_en.txt")
# Headline verbs of entering a deal: the word before them opens the headline as its subject.
HEADLINE_DEAL_VERBS_EN = word_table("deal_verbs_en.txt")
# Particles that close a phrasal headline verb ("Rolls Out", "Sets Up").
HEADLINE_PARTICLES_EN = word_table("headline_particles_en.txt")
# Products and their describing words end a maker's name ("Litware's Chips", "OpenAI Models").
PRODUCT_WORDS_EN = word_table("product_words_en.txt")
# Words that name the kind of a deal ("Supply", "Content", "Research"): no name on their own.
DEAL_KINDS_EN = word_table("deal_kinds_en.txt")
# Nouns that name a deal ("agreement", "pact"): the word after "<noun> with" is the partner.
DEAL_NOUNS_EN = word_table("deal_nouns_en.txt")
# Verbs by which a subject wins a contract named after its awarder ("Wins NASA Contract").
AWARD_VERBS = word_table("award_verbs.txt")
# Names the capitalisation reading would cut ("3M", "SK On"), as written.
IRREGULAR_NAMES = tuple(data_lines("irregular_names.txt"))
LOWERCASE_PRODUCTS = frozenset(
    word for line in data_lines("lowercase_products.txt") for word in line.split()
)
# Companies named after their parent's possessive that are parties of their own ("Alphabet's
# Waymo"), case-folded.
COMPANY_UNITS = frozenset(line.casefold() for line in data_lines("company_units.txt"))

LEGAL = frozenset(
    "inc incorporated corp corporation co ltd llc lp plc ag se gmbh sa nv kgaa ab asa oyj spa "
    "bv limited holdings holding".split()
)

ORG_HEADS = frozenset(
    "group bank association institute institut universität university uni airlines airways "
    "technologies technology systems pharma pharmaceuticals therapeutics biosciences partners "
    "capital motors energy networks aerospace semiconductor semi software industries labs "
    "laboratories foods entertainment communications media services solutions hosting "
    "payments mobile games studios insurance konzern gruppe verein stiftung zeitung agency "
    "agentur associates council administration department ministry stadt gemeinde freistaat "
    "kanton landkreis klinikum klinik hochschule flughafen airport stadtwerke bundesagentur "
    "bundesamt krankenkasse".split()
)

KNOWN = frozenset(name.casefold() for name in COMPANIES) | frozenset(
    "apple microsoft amazon google alphabet meta facebook nvidia intel amd samsung ibm oracle "
    "alibaba tencent baidu huawei sony toyota tesla ford gm boeing netflix disney uber lyft "
    "spotify openai anthropic qualcomm cisco walmart nasa darpa espn abbvie celgene pfizer "
    "moderna biontech sky aws whatsapp instagram youtube twitter xiaomi honda nissan".split()
)

# Places and the political bodies that speak for them; NATO and the central banks, which sign
# contracts and pick suppliers, are organisations ("NATO Selects Palantir").
PLACES = frozenset(
    "us usa u.s uk eu china chinas japan germany deutschland frankreich france india indien "
    "russia russland ukraine iran irak iraq israel syria syrien turkey türkei griechenland "
    "greece italy italien spain spanien austria österreich canada kanada mexico mexiko brazil "
    "brasilien saudi arabia korea taiwan europe europa asia asien africa afrika america "
    "amerika wien vienna berlin london paris washington new york chicago tokyo moskau moscow "
    "peking beijing brüssel brussels salzburg graz linz athen athens ankara madrid rom rome "
    "un uno opec fed bundesregierung regierung kommission commission "
    "spö övp fpö grüne neos cdu csu spd fdp afd linke psoe podemos ciudadanos pp "
    "republicans democrats congress senate white house kreml kremlin britain great south north "
    "wall street "
    "hong kong singapore australia switzerland schweiz netherlands niederlande sweden norway "
    "denmark poland polen".split()
) | word_table("countries_en.txt")

# Word endings, compared case-insensitively: "CEO", "Vorstandschef", "Chiphersteller".
ROLE_ENDINGS = tuple(
    "ceo cfo coo cto chief chairman chairwoman president founder co-founder analyst analystin "
    "host director head spokesman spokeswoman sir mr mrs ms dr herr frau chef chefin manager "
    "managerin minister ministerin präsident präsidentin sprecher sprecherin vorsitzender "
    "vorsitzende direktor direktorin portfoliomanager genetiker senator governor secretary vp "
    "executive officer boss colleague kollege kollegen pres".split()
)

DESCRIPTOR_ENDINGS = tuple(
    "provider partner supplier maker firm company champion konzern hersteller sender riese "
    "bauer institut zeitung anbieter dienstleister unternehmen firma tochter spezialist "
    "händler versicherer zulieferer agentur rivalen rivale bank entwickler betreiber developer "
    "operator retailer fertiger versorger fintech start-up startup kette gesellschaft "
    "softwarehaus beratungshaus reederei airline fluglinie logistiker ausrüster carrier "
    "insurer lender plattform dienst brauerei produzent insurtech".split()
)

# The roles a German text gives a company "as" ("als Partner", "als Lieferant des Jahres"), as a
# pattern: the organisation finder and the partnership cue read the same ones.
AS_PARTNER_ROLES_DE = r"(?:Partner|(?:Zu)?[Ll]ieferant(?:en)?|Ausrüster)"

# Compound tails that name a part of the company, not the company: "Nvidia-Chef", "VW-Aktie".
COMPOUND_HEADS = tuple(
    "-" + head
    for head in (
        "Aktie Aktien Konzern Konzerns Tochter Chef Chefin Manager Managerin Sprecher "
        "Sprecherin Gruppe Vorstand Vorstandsvorsitzender Mutter Papiere Titel Werk Werke "
        "Fahrzeugen based owned Unternehmen"
    ).split()
)

BREAK_COMMON = (
    "the a an and or but if of to in on at by for from with as into onto over under after "
    "before while during than then so that this these those there their its it his her our "
    "we you they he she i me us them who which what when where why how not no yes all any "
    "some many more most new old first last next other another each every both either such "
    "is are was were be been being has have had do does did will would can could may might "
    "must should shall up down out off about above below again also just only even still "
    "very now here today yesterday tomorrow per via vs amid despite following since until "
    "earlier later previously already soon early late through across against toward towards "
    "within without beyond among alongside"
)

BREAK_EN = (
    frozenset(
        (
            BREAK_COMMON + " announce announces announced report reports reported say says said "
            "sign signs signed enter enters entered into select selects selected choose chooses "
            "chose adopt adopts adopted win wins won join joins joined forces team teams up "
            "partnership partnerships collaboration collaborations cooperation alliance joint "
            "venture deal "
            "deals agreement agreements contract contracts supply license licensing licence "
            "provider partner partners provide provides co-fund share shares stock stocks "
            "analyst analysts update brief breaking exclusive option options call put hearing "
            "sees expects raises lowers cuts boosts maintains reiterates initiates upgrades "
            "downgrades price target pt rating buy sell hold neutral outperform underperform "
            "overweight underweight launch launches launched develop develops developing "
            "deliver delivers advance advances advancing receive will eligible exercised has its "
            "their your exclusive strategic commercial manufacturing global next-generation "
            "platform services service technology technologies software solutions new phase "
            "clinical development application drug trial data results quarter q1 q2 q3 q4 fy "
            "eps revenue sales guidance dividend buyback program plan plans terms not disclosed "
            "period begin begins begun royalties pay pays patents patent validity acknowledges "
            "open opens after following higher lower rises falls jumps surges drops trading "
            "trades traded volume shows form filing 8-k 10-k 10-q sec otc otcbb nyse nasdaq "
            "january february march april may june july august september october november "
            "december monday tuesday wednesday thursday friday saturday sunday christmas "
            "mr mrs ms dr sir ceo cfo coo cto vp chief president chairman founder director "
            "inc corp co ltd llc plc company companies firm group unit division parent "
            "neither nor yet another however meanwhile additionally furthermore moreover indeed "
            "would-be one two three four five six seven eight nine ten its tapping hires hired "
            "taps tapped working works work sourcing using uses use based government federal "
            "state city county states american german chinese japanese european british french "
            "build design produce make create offer expand support bring help streamline shed "
            "affect manufacture commercialize market sell buy acquire improve enable power "
            "pres tweet u.s us usa eu year years month months week weeks day days firm pact pacts "
            "distribution reseller sponsorship codeshare offtake stake stakes million millions "
            "billion billions mln bln multi-million multi-billion multimillion multibillion "
            "rights upfront"
        ).split()
    )
    | HEADLINE_VERBS_EN
    | word_table("common_nouns_en.txt")
    # "Signs Memorandum Of Understanding With X": the deal, not a name ("Accord" opens names:
    # "Accord Healthcare")
    | (DEAL_NOUNS_EN - {"accord"})
    # "Receives Task Order From X", "Wind JV", "Expands Relationship With X"
    | {"order", "orders", "task", "jv", "jvs", "relationship", "relationships"}
)

# Adverbs that open a German clause before its verb ("Hinzu kommt", "Zudem arbeitet").
ADVERBS_DE = word_table("adverbs_de.txt")

_BREAK_DE_WORDS = frozenset(
    (
        "der die das den dem des ein eine einer eines einem einen und oder aber mit von vom "
        "für auf aus in im an am bei nach über unter vor zu zum zur zwischen durch gegen ohne "
        "um als wie auch noch nur schon sehr so dass wenn weil ob nicht kein keine keinen "
        "er sie es wir ihr man sich sein seine ihre ihr unser dieser diese dieses jener "
        "hat haben ist sind war waren wird werden wurde wurden kann können soll sollen will "
        "wollen muss müssen darf heute gestern morgen nun jetzt bereits zudem außerdem "
        "analyse analyse-flash analysten aktie aktien euro prozent dollar us-dollar ziel "
        "kursziel kooperation partnerschaft zusammenarbeit partner vereinbarung vereinbarungen "
        "vertrag auftrag januar februar märz april mai juni juli august september oktober "
        "november dezember montag dienstag mittwoch donnerstag freitag samstag sonntag "
        "woche jahr jahres monat tag diese dieser mehr viele alle neue neuen erste ersten "
        "herr frau dr chef ceo update dpa-afx überblick frage antwort interview "
        "wachstum umsatz gewinn"
    ).split()
)
BREAK_DE = _BREAK_DE_WORDS | ADVERBS_DE

BREAK = {"en": BREAK_EN, "de": BREAK_DE}

FIRST_NAMES = frozenset(
    "john james robert michael william david richard joseph thomas charles mark paul steven "
    "jeff jeffrey tim timothy elon satya sundar marc lisa mary jennifer susan karen sarah "
    "anna maria peter hans klaus jürgen stefan andreas christian markus martin michael "
    "alexander alice ed edward bill kevin brian jim jack tom dan daniel frank george harald "
    "wolfgang werner helmut angela olaf sebastian matthias tobias julia laura sandra "
    "donald barack joe kamala xi vladimir emmanuel theresa boris rishi greg rodney tyler "
    "dmitry dennis kimball jessie ryan warren philip margrethe deepa kevin tara".split()
)

CAPS_BREAK = frozenset(
    "UPDATE BRIEF CEO CFO COO CTO US USA EU UK PT EPS FY IPO ETF OTC OTCBB NYSE NASDAQ SEC PR "
    "VP ANALYSE FLASH DPA AFX AG SE INC LTD LLC PLC CORP CO AND THE OF FOR TO IN ON WITH "
    "Q1 Q2 Q3 Q4 GDP EUR USD JV JVS MOU".split()
)

# Nationalities: before a kind of company they describe it ("German Automaker").
NATIONALITIES_EN = word_table("nationalities_en.txt")
# Words that make any run they open a description ("Leading Global Bank").
DESCRIBING_EN = word_table("describing_words_en.txt")
DESCRIPTIVE_EN = NATIONALITIES_EN | DESCRIBING_EN

_SOFT_WORDS = frozenset(
    "first new american general united global national international royal pacific western "
    "eastern northern southern central capital buy sell hold canadian british german "
    "chinese japanese european french state city federal".split()
)
SOFT = _SOFT_WORDS | DESCRIPTIVE_EN

PUBLIC_FIGURES = frozenset("trump biden obama putin merkel scholz macron xi".split())

# Endings of English abstract nouns: a Title-Case headline capitalises "Deployment" as it does a
# name, but one such word alone names no company.
ABSTRACT_NOUN_ENDINGS_EN = (
    "ment",
    "ments",
    "tion",
    "tions",
    "sion",
    "sions",
    "ness",
    "oval",
    "ewal",
)

# The last word of a government body a country's abbreviation belongs to: "U.S. Air Force".
GOVERNMENT_HEADS = frozenset(
    "force army navy department agency administration ministry government military marines "
    "corps command commission office postal guard".split()
)

# Common words that end many company names ("Meta Platforms", "Fabrikam Technologies"): right
# after a name word they continue it, elsewhere they stay ordinary words.
NAME_TAILS = frozenset(
    "platforms technologies group solutions systems holdings software services service power pay "
    "data cloud logistics foundry".split()
)

# Heads of public bodies that continue a name ("Allegheny County").
PUBLIC_BODY_HEADS = word_table("public_body_heads_en.txt")
# Singular tails that end a name where it ends its phrase ("Amkor Technology Expands").
CLOSING_NAME_TAILS = word_table("closing_name_tails_en.txt")
# Groups of people whose possessive stands inside a name ("Boston Children's Hospital").
GROUP_POSSESSIVES = word_table("group_possessives_en.txt")
# Words in -ing that name an industry and end company names ("Sumitomo Metal Mining").
INDUSTRY_GERUNDS_EN = word_table("industry_gerunds_en.txt")
# Number words, which prose capitalises only inside a name ("Formula One").
NUMBER_WORDS_EN = word_table("number_words_en.txt")
# Places where work is done ("Battery Lab"): with no name word before them, no organisation.
FACILITY_NOUNS_EN = word_table("facility_nouns_en.txt")
