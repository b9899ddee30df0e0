"""Every user-visible text in English and German, chosen by the user's Telegram language.

Templates are HTML: values passed in must already be escaped (handlers.common.esc).
"""

from __future__ import annotations

from dataclasses import dataclass

from rules.language import DEFAULT_LANGUAGE as DEFAULT_LANGUAGE
from rules.language import LANGUAGES as LANGUAGES
from rules.language import compact as compact
from rules.language import language_of as language_of
from rules.language import number as number
from rules.language import percent as percent


@dataclass(frozen=True, slots=True)
class CommandInfo:
    name: str
    arguments: str
    example: str  # arguments of an example call
    about: dict[str, str]
    admin: bool = False
    in_menu: bool = True

    def usage(self) -> str:
        return f"/{self.name} {self.arguments}".rstrip()

    def example_call(self) -> str:
        return f"/{self.name} {self.example}".rstrip()


COMMANDS = [
    CommandInfo(
        "watch", "SYMBOL", "BABA", {"en": "get alerts for a symbol", "de": "Alarme für ein Symbol"}
    ),
    CommandInfo(
        "unwatch", "SYMBOL", "BABA", {"en": "stop alerts for a symbol", "de": "Alarme beenden"}
    ),
    CommandInfo("list", "", "", {"en": "the symbols you watch", "de": "deine Symbole"}),
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
    ),
    CommandInfo(
        "band",
        "SYMBOL LOW HIGH",
        "BABA 150 160",
        {"en": "your own price band alert", "de": "dein eigenes Kursband"},
    ),
    CommandInfo(
        "alert",
        "SYMBOL >|< PRICE",
        "BABA > 160",
        {"en": "alert once at a price", "de": "einmaliger Alarm bei einem Kurs"},
    ),
    CommandInfo(
        "status", "", "", {"en": "health of the news sources", "de": "Zustand der Quellen"}
    ),
    CommandInfo(
        "mute",
        "SYMBOL|all DURATION",
        "BABA 1d",
        {"en": "pause alerts for a while", "de": "Alarme eine Weile pausieren"},
    ),
    CommandInfo(
        "unmute", "[SYMBOL|all]", "BABA", {"en": "resume alerts", "de": "Alarme fortsetzen"}
    ),
    CommandInfo(
        "quiet",
        "HH:MM-HH:MM",
        "22:00-07:00",
        {"en": "quiet hours without sound", "de": "Ruhezeit ohne Ton"},
    ),
    CommandInfo(
        "digest", "HH:MM|off", "08:00", {"en": "a daily digest", "de": "eine tägliche Übersicht"}
    ),
    CommandInfo("rules", "", "", {"en": "the alert rules", "de": "die Alarmregeln"}),
    CommandInfo("help", "", "", {"en": "this list", "de": "diese Liste"}),
    CommandInfo("start", "", "", {"en": "start", "de": "Start"}, in_menu=False),
    CommandInfo(
        "stats", "", "", {"en": "delivery statistics", "de": "Zustellstatistik"}, admin=True
    ),
    CommandInfo(
        "reload", "", "", {"en": "reload the configuration", "de": "Konfiguration neu laden"}, True
    ),
]
COMMANDS_BY_NAME = {command.name: command for command in COMMANDS}


MESSAGES: dict[str, dict[str, str]] = {
    "usage": {
        "en": "Usage: <code>{usage}</code>\nExample: <code>{example}</code>",
        "de": "Aufruf: <code>{usage}</code>\nBeispiel: <code>{example}</code>",
    },
    "unknown_symbol": {
        "en": "I don't follow <b>{argument}</b>. Symbols on the watchlist: {known}.",
        "de": "<b>{argument}</b> verfolge ich nicht. Symbole auf der Watchlist: {known}.",
    },
    "none": {"en": "none", "de": "keine"},
    "never": {"en": "never", "de": "nie"},
    "not_allowed": {
        "en": "This bot is private; ask its owner to add this chat ({chat}).",
        "de": "Dieser Bot ist privat; bitte den Betreiber, diesen Chat ({chat}) freizuschalten.",
    },
    "admin_only": {
        "en": "Only admins can use this command.",
        "de": "Nur Admins dürfen diesen Befehl verwenden.",
    },
    "flood": {
        "en": "Too many commands; please wait {seconds} s.",
        "de": "Zu viele Befehle; bitte {seconds} s warten.",
    },
    "error": {
        "en": "Something went wrong on my side; please try again later.",
        "de": "Bei mir ist etwas schiefgegangen; bitte später noch einmal versuchen.",
    },
    "intro": {
        "en": "<b>Tickerwatch</b> sends alerts on analyst actions, partnerships, price bands and "
        "news for the symbols you watch.\nWatchlist: {known}",
        "de": "<b>Tickerwatch</b> meldet Analystenurteile, Partnerschaften, Kursbänder und "
        "Nachrichten zu deinen Symbolen.\nWatchlist: {known}",
    },
    "help_admin": {"en": "Admins:", "de": "Für Admins:"},
    "watching": {"en": "Watching <b>{symbol}</b>.", "de": "Du beobachtest jetzt <b>{symbol}</b>."},
    "watching_topic": {
        "en": "Watching <b>{symbol}</b>; alerts go to this topic.",
        "de": "Du beobachtest jetzt <b>{symbol}</b>; Alarme kommen in dieses Thema.",
    },
    "already_watching": {
        "en": "You already watch <b>{symbol}</b>.",
        "de": "Du beobachtest <b>{symbol}</b> bereits.",
    },
    "watch_limit": {
        "en": "A chat can watch at most {limit} symbols.",
        "de": "Ein Chat kann höchstens {limit} Symbole beobachten.",
    },
    "unwatched": {
        "en": "Stopped watching <b>{symbol}</b>.",
        "de": "Du beobachtest <b>{symbol}</b> nicht mehr.",
    },
    "not_watching": {
        "en": "You don't watch <b>{symbol}</b>.",
        "de": "Du beobachtest <b>{symbol}</b> nicht.",
    },
    "list_empty": {
        "en": "You watch nothing yet. Try <code>/watch BABA</code>.",
        "de": "Du beobachtest noch nichts. Probier <code>/watch BABA</code>.",
    },
    "list": {"en": "You watch: {symbols}", "de": "Du beobachtest: {symbols}"},
    "price_line": {
        "en": "Price: <b>{price}</b>{change} at {time}",
        "de": "Kurs: <b>{price}</b>{change} um {time}",
    },
    "no_quote": {"en": "Price: no quote yet", "de": "Kurs: noch kein Kurs"},
    "band_line": {"en": "Band {name} {band}: {status}", "de": "Band {name} {band}: {status}"},
    "band_inside": {"en": "inside", "de": "innerhalb"},
    "band_above": {"en": "above", "de": "darüber"},
    "band_below": {"en": "below", "de": "darunter"},
    "band_unknown": {"en": "unknown", "de": "unbekannt"},
    "headlines": {"en": "<b>Newest headlines</b>", "de": "<b>Neueste Meldungen</b>"},
    "no_headlines": {"en": "No headlines yet.", "de": "Noch keine Meldungen."},
    "targets_title": {"en": "<b>Analyst targets</b>", "de": "<b>Kursziele der Analysten</b>"},
    "no_targets": {"en": "No analyst targets yet.", "de": "Noch keine Kursziele."},
    "consensus": {
        "en": "Consensus of {count}: mean <b>{mean}</b>, median {median}{upside}",
        "de": "Konsens aus {count}: Mittel <b>{mean}</b>, Median {median}{upside}",
    },
    "reported_consensus": {
        "en": "Reported consensus: {figures}",
        "de": "Gemeldeter Konsens: {figures}",
    },
    "ratings_split": {
        "en": "buy {buy} · hold {hold} · sell {sell}",
        "de": "Kaufen {buy} · Halten {hold} · Verkaufen {sell}",
    },
    "upside": {"en": "upside {pct} vs {price}", "de": "Potenzial {pct} zu {price}"},
    "rating_up": {"en": "upgrade", "de": "hochgestuft"},
    "rating_down": {"en": "downgrade", "de": "abgestuft"},
    "rating_init": {"en": "initiated", "de": "neu aufgenommen"},
    "rating_main": {"en": "maintained", "de": "bestätigt"},
    "target_raise": {"en": "raised", "de": "erhöht"},
    "target_lower": {"en": "lowered", "de": "gesenkt"},
    "target_init": {"en": "new", "de": "neu"},
    "target_set": {"en": "set", "de": "gesetzt"},
    "status_title": {"en": "<b>Sources</b>", "de": "<b>Quellen</b>"},
    "status_line": {
        "en": "{icon} {name}: last success {success}; failures {failures} ({streak} in a row)",
        "de": "{icon} {name}: zuletzt erfolgreich {success}; Fehler {failures} ({streak} in Folge)",
    },
    "status_error": {"en": "   last error: {error}", "de": "   letzter Fehler: {error}"},
    "status_none": {"en": "No sources configured.", "de": "Keine Quellen konfiguriert."},
    "stats": {
        "en": "<b>Stats</b>\nchats: {chats}\nsubscribed chats: {subscribers}\n"
        "watched symbols: {symbols}\npersonal rules: {personal}\noutbox: {outbox}\n"
        "failed deliveries: {failed}",
        "de": "<b>Statistik</b>\nChats: {chats}\nChats mit Abos: {subscribers}\n"
        "beobachtete Symbole: {symbols}\neigene Regeln: {personal}\nAusgang: {outbox}\n"
        "gescheiterte Zustellungen: {failed}",
    },
    "reload_done": {"en": "Configuration reloaded.", "de": "Konfiguration neu geladen."},
    "reload_unavailable": {
        "en": "Reload is not available in this version; restart the bot instead.",
        "de": "Neu laden ist in dieser Version nicht möglich; bitte den Bot neu starten.",
    },
    "reload_failed": {
        "en": "Reload failed; the old configuration stays active:\n<code>{error}</code>",
        "de": "Neu laden fehlgeschlagen; die alte Konfiguration bleibt aktiv:\n"
        "<code>{error}</code>",
    },
    "chart_caption": {
        "en": "<b>{symbol}</b> · {span} · {count} prices",
        "de": "<b>{symbol}</b> · {span} · {count} Kurse",
    },
    "chart_no_data": {
        "en": "Not enough prices for <b>{symbol}</b> in the last {span} to draw a chart.",
        "de": "Für <b>{symbol}</b> gibt es in den letzten {span} zu wenige Kurse für ein Chart.",
    },
    "band_set": {
        "en": "Your band for <b>{symbol}</b> is {low}–{high}. You get a message when the price "
        "leaves it and when it comes back.",
        "de": "Dein Band für <b>{symbol}</b> ist {low}–{high}. Du bekommst eine Nachricht, wenn "
        "der Kurs es verlässt und wenn er zurückkehrt.",
    },
    "band_order": {
        "en": "LOW must be below HIGH (got {low} and {high}).",
        "de": "LOW muss unter HIGH liegen ({low} und {high} angegeben).",
    },
    "alert_set": {
        "en": "You get one message when <b>{symbol}</b> goes {direction} {price}.",
        "de": "Du bekommst eine Nachricht, wenn <b>{symbol}</b> {direction} {price} geht.",
    },
    "dir_above": {"en": "above", "de": "über"},
    "dir_below": {"en": "below", "de": "unter"},
    "personal_limit": {
        "en": "A chat can have at most {limit} personal rules.",
        "de": "Ein Chat kann höchstens {limit} eigene Regeln haben.",
    },
    "button_summary": {"en": "Summary", "de": "Überblick"},
    "button_chart": {"en": "Chart", "de": "Chart"},
    "button_mute": {"en": "Mute 1d", "de": "1 Tag stumm"},
    "muted": {
        "en": "{symbol} muted for one day.",
        "de": "{symbol} für einen Tag stummgeschaltet.",
    },
    "button_expired": {
        "en": "This button no longer works.",
        "de": "Diese Schaltfläche funktioniert nicht mehr.",
    },
}


def t(lang: str, key: str, **values: object) -> str:
    """The message `key` in `lang` (English when missing), with `values` filled in."""
    template = MESSAGES[key].get(lang) or MESSAGES[key][DEFAULT_LANGUAGE]
    return template.format(**values)
