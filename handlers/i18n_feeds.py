"""Texts of the feed commands (/addfeed, /feeds, /delfeed, /import, /export) in English and
German; handlers.i18n serves them with the others."""

from __future__ import annotations

FEED_MESSAGES: dict[str, dict[str, str]] = {
    "feeds_unavailable": {
        "en": "Feeds cannot be added while the bot polls nothing.",
        "de": "Feeds lassen sich nicht hinzufügen, solange der Bot nichts abruft.",
    },
    "feed_added": {
        "en": "Added <b>{name}</b> ({language}). Its news from now on comes to this chat; "
        "what it holds today is only recorded.",
        "de": "<b>{name}</b> ({language}) hinzugefügt. Seine Meldungen kommen ab jetzt in diesen "
        "Chat; was er heute enthält, wird nur vermerkt.",
    },
    "feed_added_shared": {
        "en": "Added <b>{name}</b> ({language}) to the shared feeds: its news reaches every chat "
        "that watches a symbol it names or follows a rule it matches.",
        "de": "<b>{name}</b> ({language}) zu den gemeinsamen Feeds hinzugefügt: seine Meldungen "
        "erreichen jeden Chat, der ein genanntes Symbol beobachtet oder einer passenden Regel "
        "folgt.",
    },
    "feed_limit": {
        "en": "This chat has {limit} feeds already, the most it may have; remove one with "
        "/delfeed first.",
        "de": "Dieser Chat hat schon {limit} Feeds, mehr geht nicht; entferne zuerst einen mit "
        "/delfeed.",
    },
    "feed_duplicate": {
        "en": "This chat has that feed already, as <b>{name}</b>.",
        "de": "Diesen Feed hat der Chat schon, als <b>{name}</b>.",
    },
    "feed_bad_url": {
        "en": "That is not an http(s) address of a feed.",
        "de": "Das ist keine http(s)-Adresse eines Feeds.",
    },
    "feed_bad_lang": {
        "en": "<b>{language}</b> is not a language code; use one like en, de, fr or pt-BR.",
        "de": "<b>{language}</b> ist kein Sprachcode; einen wie en, de, fr oder pt-BR verwenden.",
    },
    "feed_web_page": {
        "en": "I could not add it: this is a web page, not a feed; its feed may be at {feeds}",
        "de": "Hinzufügen nicht möglich: Das ist eine Webseite, kein Feed; ihr Feed liegt "
        "vielleicht unter {feeds}",
    },
    "feed_web_page_unnamed": {
        "en": "I could not add it: this is a web page, not a feed, and it names no feed. Look "
        "on the page for an RSS, Atom or JSON Feed link and send me that one.",
        "de": "Hinzufügen nicht möglich: Das ist eine Webseite, kein Feed, und sie nennt keinen. "
        "Such auf der Seite nach einem RSS-, Atom- oder JSON-Feed-Link und schick mir den.",
    },
    "feed_followed": {
        "en": "That address is a web page; its feed is at {url}, and that is what I added.",
        "de": "Die Adresse ist eine Webseite; ihr Feed liegt unter {url}, und den habe ich "
        "hinzugefügt.",
    },
    "feed_unreadable": {
        "en": "I could not add it: {error}",
        "de": "Hinzufügen nicht möglich, {problem}: {error}",
    },
    # What went wrong, by the kind of failure; the failure's own text follows as it is.
    "feed_problem_refused": {"en": "", "de": "die Adresse ist nicht öffentlich"},
    "feed_problem_timeout": {"en": "", "de": "der Server antwortet nicht rechtzeitig"},
    "feed_problem_connect": {"en": "", "de": "keine Verbindung zum Server"},
    "feed_problem_http": {"en": "", "de": "der Server meldet einen Fehler"},
    "feed_problem_too_large": {"en": "", "de": "die Antwort ist zu groß"},
    "feed_problem_parse": {"en": "", "de": "kein lesbarer Feed"},
    "feed_problem_redirect": {"en": "", "de": "zu viele Weiterleitungen"},
    "feed_problem_other": {"en": "", "de": "der Feed ließ sich nicht laden"},
    "feed_shared_admins": {
        "en": "Only the bot's admins can add or remove shared feeds.",
        "de": "Nur die Admins des Bots können gemeinsame Feeds hinzufügen oder entfernen.",
    },
    "feed_removed": {
        "en": "Removed <b>{name}</b>; it is no longer polled.",
        "de": "<b>{name}</b> entfernt; er wird nicht mehr abgerufen.",
    },
    "feed_unknown": {
        "en": "No feed <b>{name}</b> here. This chat's feeds: {known}.",
        "de": "Keinen Feed <b>{name}</b> gefunden. Feeds dieses Chats: {known}.",
    },
    "feed_unknown_shared": {
        "en": "No shared feed <b>{name}</b>. Shared feeds: {known}.",
        "de": "Keinen gemeinsamen Feed <b>{name}</b> gefunden. Gemeinsame Feeds: {known}.",
    },
    "feed_url_too_long": {
        "en": "That address is too long: at most {limit} characters.",
        "de": "Die Adresse ist zu lang: höchstens {limit} Zeichen.",
    },
    "feeds_own_title": {
        "en": "<b>This chat's feeds</b> ({count} of {limit})",
        "de": "<b>Feeds dieses Chats</b> ({count} von {limit})",
    },
    "feeds_own_none": {
        "en": "This chat has no feeds of its own; add one with /addfeed URL.",
        "de": "Dieser Chat hat keine eigenen Feeds; füge einen mit /addfeed URL hinzu.",
    },
    "feeds_shared_title": {"en": "<b>Shared feeds</b>", "de": "<b>Gemeinsame Feeds</b>"},
    "feed_line": {
        "en": "{icon} {name} ({language}): last success {success}; failures {failures}",
        "de": "{icon} {name} ({language}): zuletzt erfolgreich {success}; Fehler {failures}",
    },
    "import_how": {
        "en": "Send the OPML file as a document with the caption /import (add <code>de</code> "
        "for German feeds, <code>shared</code> for the shared set).",
        "de": "Schicke die OPML-Datei als Dokument mit der Bildunterschrift /import (dazu "
        "<code>de</code> für deutsche Feeds, <code>shared</code> für die gemeinsamen).",
    },
    "import_bad": {
        "en": "I cannot read that file: {error}",
        "de": "Die Datei kann ich nicht lesen: {error}",
    },
    "import_empty": {
        "en": "That file names no feeds (no outline has an xmlUrl).",
        "de": "Die Datei nennt keine Feeds (kein outline hat eine xmlUrl).",
    },
    "import_done": {
        "en": "Imported {added} of {total} feeds.",
        "de": "{added} von {total} Feeds importiert.",
    },
    "import_skipped": {"en": "• {url}: {reason}", "de": "• {url}: {reason}"},
    "export_none": {
        "en": "This chat has no feeds of its own to export.",
        "de": "Dieser Chat hat keine eigenen Feeds zum Exportieren.",
    },
    "export_caption": {
        "en": "{count} feeds of this chat, as OPML.",
        "de": "{count} Feeds dieses Chats, als OPML.",
    },
    "export_caption_one": {
        "en": "1 feed of this chat, as OPML.",
        "de": "1 Feed dieses Chats, als OPML.",
    },
}
