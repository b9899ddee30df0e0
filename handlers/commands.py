"""Every command: its arguments, an example call and what it does, in English and German.

Help, usage hints, the command menu and who may use a command in a group are all built from
this one list.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CommandInfo:
    name: str
    arguments: str
    example: str  # arguments of an example call
    about: dict[str, str]
    admin: bool = False
    in_menu: bool = True
    changes: bool = False  # changes the chat's settings: in groups only its admins may
    uses_store: bool = True  # while Redis is away, answered at once that it is unavailable
    reads_when_bare: bool = False  # without arguments it only shows the setting: anyone may
    # waits on another server (a feed, the price provider): handled beside the updates that
    # follow, so that a slow server holds up no other chat
    fetches: bool = False
    # words after a command that takes no arguments: a deep link's payload (/start), an
    # import's options in a caption (/import de); for any other such command, too many
    words_ignored: bool = False

    def usage(self) -> str:
        return f"/{self.name} {self.arguments}".rstrip()

    def example_call(self) -> str:
        return f"/{self.name} {self.example}".rstrip()


COMMANDS = [
    CommandInfo(
        "watch",
        "SYMBOL",
        "BABA",
        {"en": "get alerts for a symbol", "de": "Alarme für ein Symbol"},
        changes=True,
    ),
    CommandInfo(
        "unwatch",
        "SYMBOL",
        "BABA",
        {"en": "stop alerts for a symbol", "de": "Alarme beenden"},
        changes=True,
    ),
    CommandInfo("list", "", "", {"en": "the symbols you watch", "de": "deine Symbole"}),
    CommandInfo(
        "follow",
        "RULE",
        "capital-raise",
        {
            "en": "every alert of a rule, any symbol",
            "de": "jeden Alarm einer Regel, jedes Symbol",
        },
        changes=True,
    ),
    CommandInfo(
        "unfollow",
        "RULE",
        "capital-raise",
        {"en": "stop following a rule", "de": "Regel entfolgen"},
        changes=True,
    ),
    CommandInfo(
        "summary",
        "SYMBOL",
        "BABA",
        {
            "en": "price, band, analyst targets and headlines",
            "de": "Kurs, Band, Kursziele und Schlagzeilen",
        },
    ),
    CommandInfo("price", "SYMBOL", "BABA", {"en": "the last price", "de": "der letzte Kurs"}),
    CommandInfo(
        "news",
        "SYMBOL [N]",
        "BABA 5",
        {"en": "the newest headlines", "de": "die neuesten Meldungen"},
    ),
    CommandInfo(
        "targets",
        "SYMBOL",
        "BABA",
        {"en": "analyst price targets", "de": "Kursziele der Analysten"},
    ),
    CommandInfo(
        "chart",
        "SYMBOL [1d|5d|1m]",
        "BABA 5d",
        {"en": "a price chart with the band", "de": "ein Kurschart mit Band"},
        fetches=True,
    ),
    CommandInfo(
        "band",
        "SYMBOL LOW HIGH",
        "BABA 150 160",
        {"en": "your own price band alert", "de": "dein eigenes Kursband"},
        changes=True,
    ),
    CommandInfo(
        "alert",
        "SYMBOL >|< PRICE",
        "BABA > 160",
        {"en": "alert once at a price", "de": "einmaliger Alarm bei einem Kurs"},
        changes=True,
    ),
    CommandInfo(
        "mine",
        "",
        "",
        {
            "en": "your bands and price alerts, with remove buttons",
            "de": "deine Kursbänder und Kursalarme, mit Löschknöpfen",
        },
    ),
    CommandInfo(
        "status",
        "",
        "",
        {"en": "health of the news sources", "de": "Zustand der Quellen"},
        uses_store=False,
    ),
    CommandInfo(
        "mute",
        "SYMBOL|RULE|all DURATION",
        "BABA 1d",
        {"en": "pause alerts for a while", "de": "Alarme eine Weile pausieren"},
        changes=True,
    ),
    CommandInfo(
        "unmute",
        "[SYMBOL|RULE|all]",
        "BABA",
        {"en": "end one mute, or all of them", "de": "eine oder alle Pausen beenden"},
        changes=True,
    ),
    CommandInfo(
        "quiet",
        "HH:MM-HH:MM|off [ZONE]",
        "22:00-07:00",
        {
            "en": "quiet hours: alerts wait until they end",
            "de": "Ruhezeit: Alarme warten, bis sie endet",
        },
        changes=True,
        reads_when_bare=True,
    ),
    CommandInfo(
        "digest",
        "HH:MM|off [ZONE]",
        "08:00",
        {
            "en": "a daily digest; info alerts wait for it",
            "de": "eine tägliche Übersicht; Info-Alarme warten darauf",
        },
        changes=True,
        reads_when_bare=True,
    ),
    CommandInfo(
        "lang",
        "[en|de|auto]",
        "de",
        {
            "en": "the chat's language; auto: the Telegram setting",
            "de": "Sprache des Chats; auto: die Telegram-Einstellung",
        },
        changes=True,
        reads_when_bare=True,
    ),
    CommandInfo(
        "rules",
        "",
        "",
        {
            "en": "the active rules and this chat's mutes, quiet hours, digest, bands and alerts",
            "de": "die aktiven Regeln und Pausen, Ruhezeit, Übersicht, Bänder und Alarme des Chats",
        },
    ),
    CommandInfo(
        "keyword",
        "add|del|list [WORD|-WORD|/REGEX/|N]",
        "add Kapitalerhöhung",
        {
            "en": "your own words: include or exclude news of your feeds and symbols",
            "de": "eigene Stichwörter: Meldungen deiner Feeds und Symbole holen oder fernhalten",
        },
    ),
    CommandInfo(
        "addfeed",
        "URL [LANGUAGE] [shared]",
        "https://www.heise.de/rss/heise.rdf de",
        {
            "en": "add a news feed; its news alerts this chat only",
            "de": "einen Newsfeed hinzufügen; seine Meldungen nur für diesen Chat",
        },
        changes=True,
        fetches=True,
    ),
    CommandInfo(
        "feeds",
        "",
        "",
        {"en": "this chat's feeds and the shared ones", "de": "Feeds dieses Chats und gemeinsame"},
    ),
    CommandInfo(
        "delfeed",
        "NAME [shared]",
        "heise.de",
        {"en": "remove one of this chat's feeds", "de": "einen Feed dieses Chats entfernen"},
        changes=True,
    ),
    CommandInfo(
        "import",
        "",
        "",
        {"en": "add the feeds of an OPML file", "de": "Feeds aus einer OPML-Datei hinzufügen"},
        changes=True,
        fetches=True,
        words_ignored=True,
    ),
    CommandInfo(
        "export",
        "",
        "",
        {"en": "this chat's feeds as an OPML file", "de": "Feeds dieses Chats als OPML-Datei"},
    ),
    CommandInfo("help", "", "", {"en": "this list", "de": "diese Liste"}, uses_store=False),
    CommandInfo("start", "", "", {"en": "start", "de": "Start"}, in_menu=False, words_ignored=True),
    CommandInfo(
        "channel",
        "[link|unlink] CHANNEL_ID [SYMBOL|RULE...]",
        "link -1001234567890 BABA",
        {
            "en": "publish alerts once to a channel anyone can join",
            "de": "Alarme einmal in einem Kanal veröffentlichen, dem jeder beitreten kann",
        },
        admin=True,
    ),
    CommandInfo(
        "stats", "", "", {"en": "delivery statistics", "de": "Zustellstatistik"}, admin=True
    ),
    CommandInfo(
        "reload", "", "", {"en": "reload the configuration", "de": "Konfiguration neu laden"}, True
    ),
]
COMMANDS_BY_NAME = {command.name: command for command in COMMANDS}
SETTINGS_COMMANDS = frozenset(command.name for command in COMMANDS if command.changes)
READ_WHEN_BARE = frozenset(command.name for command in COMMANDS if command.reads_when_bare)
WITHOUT_ARGUMENTS = frozenset(
    command.name for command in COMMANDS if not command.arguments and not command.words_ignored
)
FETCHING_COMMANDS = frozenset(command.name for command in COMMANDS if command.fetches)
STORE_COMMANDS = frozenset(command.name for command in COMMANDS if command.uses_store)
