"""The status page's words in English and German; values are escaped by the caller."""

from __future__ import annotations

PAGE: dict[str, dict[str, str]] = {
    "title": {"en": "Tickerwatch status", "de": "Tickerwatch-Status"},
    "redis_up": {"en": "Redis answers.", "de": "Redis antwortet."},
    "redis_down": {"en": "Redis is not answering.", "de": "Redis antwortet nicht."},
    "role": {"en": "This process: {role}.", "de": "Dieser Prozess: {role}."},
    "processes": {
        "en": "Processes on this Redis: {roles}.",
        "de": "Prozesse an diesem Redis: {roles}.",
    },
    "sources": {"en": "Sources", "de": "Quellen"},
    "source": {"en": "source", "de": "Quelle"},
    "last_success": {"en": "last success", "de": "letzter Erfolg"},
    "failures": {"en": "failures (in a row)", "de": "Fehler (in Folge)"},
    "last_error": {"en": "last error", "de": "letzter Fehler"},
    "never": {"en": "never", "de": "nie"},
    "unknown": {"en": "unknown while Redis is away", "de": "unbekannt, solange Redis fehlt"},
    "alerts": {"en": "Latest alerts", "de": "Letzte Alerts"},
    "no_alerts": {"en": "No alerts yet.", "de": "Noch keine Alerts."},
    "rules": {"en": "Active rules", "de": "Aktive Regeln"},
    "no_rules": {"en": "No rules are enabled.", "de": "Keine Regel ist aktiv."},
    "dry_run": {"en": "Try a headline", "de": "Schlagzeile ausprobieren"},
    "dry_run_hint": {
        "en": "Shows the events read from it and the rules that would fire (before cooldowns "
        "and mutes); nothing is stored or sent.",
        "de": "Zeigt die erkannten Ereignisse und welche Regeln auslösen würden (vor Cooldowns "
        "und Stummschaltungen); nichts wird gespeichert oder gesendet.",
    },
    "headline": {"en": "Headline", "de": "Schlagzeile"},
    "language": {"en": "Language", "de": "Sprache"},
    "auto": {"en": "detect", "de": "erkennen"},
    "try": {"en": "Try", "de": "Ausprobieren"},
    "symbols": {"en": "Symbols named", "de": "Genannte Symbole"},
    "events": {"en": "Events", "de": "Ereignisse"},
    "no_events": {"en": "No events.", "de": "Keine Ereignisse."},
    "would_fire": {"en": "Rules that would fire", "de": "Regeln, die auslösen würden"},
    "none_fire": {"en": "No rule would fire.", "de": "Keine Regel würde auslösen."},
    "too_long": {
        "en": "The headline is too long; at most {limit} characters are read.",
        "de": "Die Schlagzeile ist zu lang; höchstens {limit} Zeichen werden gelesen.",
    },
}


def word(lang: str, key: str, **values: object) -> str:
    entry = PAGE[key]
    return (entry.get(lang) or entry["en"]).format(**values)
