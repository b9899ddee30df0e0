"""Texts of /channel in English and German; handlers.i18n serves them with the others."""

from __future__ import annotations

CHANNEL_MESSAGES: dict[str, dict[str, str]] = {
    "channel_none": {
        "en": "I publish to no channel yet. Link one with /channel link CHANNEL_ID SYMBOL|RULE…",
        "de": "Ich veröffentliche noch in keinem Kanal. Verknüpfe einen mit "
        "/channel link KANAL_ID SYMBOL|REGEL…",
    },
    "channel_list": {
        "en": "Channels I publish alerts to:\n{lines}",
        "de": "Kanäle, in denen ich Alarme veröffentliche:\n{lines}",
    },
    "channel_line": {
        "en": "<code>{channel}</code>: {what}",
        "de": "<code>{channel}</code>: {what}",
    },
    "channel_linked": {
        "en": "Alerts about {what} are now published once to channel <code>{channel}</code>; "
        "anyone who joins it gets them.",
        "de": "Alarme zu {what} erscheinen jetzt einmal im Kanal <code>{channel}</code>; wer "
        "ihm beitritt, bekommt sie.",
    },
    "channel_unlinked": {
        "en": "Channel <code>{channel}</code> gets no more alerts.",
        "de": "Der Kanal <code>{channel}</code> bekommt keine Alarme mehr.",
    },
    "channel_not_linked": {
        "en": "Channel <code>{channel}</code> is not linked.",
        "de": "Der Kanal <code>{channel}</code> ist nicht verknüpft.",
    },
    "channel_bad_id": {
        "en": "A channel id is a negative number such as -1001234567890 (forward a post of the "
        "channel to @userinfobot to see it).",
        "de": "Eine Kanal-ID ist eine negative Zahl wie -1001234567890 (leite einen Beitrag des "
        "Kanals an @userinfobot weiter, um sie zu sehen).",
    },
    "channel_unknown": {
        "en": "<b>{argument}</b> is neither a symbol on the watchlist ({symbols}) nor a rule "
        "({rules}).",
        "de": "<b>{argument}</b> ist weder ein Symbol der Watchlist ({symbols}) noch eine Regel "
        "({rules}).",
    },
    "channel_cannot_post": {
        "en": "I cannot post in channel <code>{channel}</code>: add me to it as an administrator "
        "who may post messages, then try again.",
        "de": "Ich kann im Kanal <code>{channel}</code> nicht posten: füge mich dort als "
        "Administrator hinzu, der Nachrichten veröffentlichen darf, und versuche es erneut.",
    },
    "channel_limit": {
        "en": "A channel gets at most {symbols} symbols and {rules} rules.",
        "de": "Ein Kanal bekommt höchstens {symbols} Symbole und {rules} Regeln.",
    },
}
