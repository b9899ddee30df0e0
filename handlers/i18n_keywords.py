"""Texts of /keyword in English and German; handlers.i18n serves them with the others."""

from __future__ import annotations

KEYWORD_MESSAGES: dict[str, dict[str, str]] = {
    "keyword_added": {
        "en": "Added <code>{spec}</code>: news of this chat's feeds and watched symbols that "
        "matches it now comes here as <b>your-keywords</b> alerts.",
        "de": "<code>{spec}</code> hinzugefügt: Meldungen der Feeds und beobachteten Symbole "
        "dieses Chats, die darauf passen, kommen jetzt als <b>deine-Stichwörter</b>-Alarme.",
    },
    "keyword_added_exclude": {
        "en": "Added <code>{spec}</code>: alerts about news that matches it no longer come to "
        "this chat.",
        "de": "<code>{spec}</code> hinzugefügt: Alarme zu Meldungen, die darauf passen, kommen "
        "nicht mehr in diesen Chat.",
    },
    "keyword_exists": {
        "en": "This chat has <code>{spec}</code> already.",
        "de": "Diesen Filter hat der Chat schon: <code>{spec}</code>.",
    },
    "keyword_limit": {
        "en": "This chat has {limit} keyword filters already, the most it may have; remove one "
        "with /keyword del first.",
        "de": "Dieser Chat hat schon {limit} Stichwortfilter, mehr geht nicht; entferne zuerst "
        "einen mit /keyword del.",
    },
    "keyword_removed": {
        "en": "Removed <code>{spec}</code>.",
        "de": "<code>{spec}</code> entfernt.",
    },
    "keyword_unknown": {
        "en": "This chat has no filter <code>{spec}</code>; /keyword list shows its filters.",
        "de": "Einen Filter <code>{spec}</code> hat dieser Chat nicht; /keyword list zeigt "
        "seine Filter.",
    },
    "keyword_list_title": {
        "en": "<b>This chat's keyword filters</b> ({count} of {limit}):",
        "de": "<b>Stichwortfilter dieses Chats</b> ({count} von {limit}):",
    },
    "keyword_list_include": {
        "en": "{number}. ➕ <code>{spec}</code>",
        "de": "{number}. ➕ <code>{spec}</code>",
    },
    "keyword_list_exclude": {
        "en": "{number}. ➖ <code>{spec}</code> (excluded)",
        "de": "{number}. ➖ <code>{spec}</code> (ausgeschlossen)",
    },
    "keyword_list_none": {
        "en": "This chat has no keyword filters. <code>/keyword add Kapitalerhöhung</code> brings "
        "news with that word, <code>/keyword add -rumour</code> keeps it away, and "
        "<code>/keyword add /kurs ?ziel/</code> takes a regular expression.",
        "de": "Dieser Chat hat keine Stichwortfilter. <code>/keyword add Kapitalerhöhung</code> "
        "bringt Meldungen mit diesem Wort, <code>/keyword add -Gerücht</code> hält sie fern, "
        "und <code>/keyword add /kurs ?ziel/</code> nimmt einen regulären Ausdruck.",
    },
    "keyword_rules_line": {
        "en": "Your keyword filters (/keyword): {filters}",
        "de": "Deine Stichwortfilter (/keyword): {filters}",
    },
    "keyword_missing": {"en": "Which word?", "de": "Welches Wort?"},
    "keyword_bad_action": {
        "en": "<b>{action}</b>? Use add, del or list.",
        "de": "<b>{action}</b>? add, del oder list verwenden.",
    },
    "keyword_empty": {"en": "Which word?", "de": "Welches Wort?"},
    "keyword_too_long": {
        "en": "A filter has at most {limit} characters.",
        "de": "Ein Filter hat höchstens {limit} Zeichen.",
    },
    "keyword_no_word": {
        "en": "A word needs a letter or digit; without one it would match every headline.",
        "de": "Ein Wort braucht einen Buchstaben oder eine Ziffer; sonst passte es auf jede "
        "Schlagzeile.",
    },
    "keyword_bad_regex": {
        "en": "That expression cannot be used ({detail}). Expressions run on RE2, which never "
        "backtracks: it has no back-references (\\1) and no look-around ((?=, (?&lt;!, …).",
        "de": "Dieser Ausdruck geht nicht ({detail}). Ausdrücke laufen mit RE2, das nie "
        "zurückspringt: ohne Rückverweise (\\1) und ohne Lookaround ((?=, (?&lt;!, …).",
    },
    "keyword_empty_match": {
        "en": "That expression also matches an empty text, so it would match every headline.",
        "de": "Dieser Ausdruck passt auch auf einen leeren Text, also auf jede Schlagzeile.",
    },
}
