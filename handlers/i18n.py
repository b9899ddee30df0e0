"""Every user-visible text in English and German, chosen by the user's Telegram language.

Templates are HTML: values passed in must already be escaped (handlers.common.esc).
"""

from __future__ import annotations

from handlers.i18n_channels import CHANNEL_MESSAGES
from handlers.i18n_feeds import FEED_MESSAGES
from handlers.i18n_keywords import KEYWORD_MESSAGES
from rules.language import DEFAULT_LANGUAGE as DEFAULT_LANGUAGE
from rules.language import LANGUAGES as LANGUAGES
from rules.language import compact as compact
from rules.language import language_of as language_of
from rules.language import number as number
from rules.language import percent as percent
from rules.language import price as price

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
    "group_admins_only": {
        "en": "Only this group's admins can change its settings.",
        "de": "Nur die Admins dieser Gruppe können ihre Einstellungen ändern.",
    },
    "group_readers": {
        "en": "Everyone can use {commands}.",
        "de": "Alle können {commands} verwenden.",
    },
    "group_admins_unknown": {
        "en": "I could not check who this group's admins are, so I changed nothing; please try "
        "again in a minute.",
        "de": "Ich konnte nicht prüfen, wer in dieser Gruppe Admin ist, und habe nichts geändert; "
        "bitte in einer Minute noch einmal versuchen.",
    },
    "flood": {
        "en": "Too many commands; please wait {seconds} s.",
        "de": "Zu viele Befehle; bitte {seconds} s warten.",
    },
    "error": {
        "en": "Something went wrong on my side; please try again later.",
        "de": "Bei mir ist etwas schiefgegangen; bitte später noch einmal versuchen.",
    },
    "store_down": {
        "en": "My storage is not answering right now; please try again in a minute.",
        "de": "Mein Speicher antwortet gerade nicht; bitte in einer Minute noch einmal versuchen.",
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
    "following": {
        "en": "You now get every alert of <b>{rule}</b>, whatever symbol it is about.",
        "de": "Du bekommst jetzt jeden Alarm von <b>{rule}</b>, zu welchem Symbol auch immer.",
    },
    "already_following": {
        "en": "You already follow <b>{rule}</b>.",
        "de": "Du folgst <b>{rule}</b> schon.",
    },
    "unfollowed": {
        "en": "You no longer follow <b>{rule}</b>; its alerts about your symbols still come.",
        "de": "Du folgst <b>{rule}</b> nicht mehr; Alarme zu deinen Symbolen kommen weiter.",
    },
    "not_following": {
        "en": "You don't follow <b>{rule}</b>.",
        "de": "Du folgst <b>{rule}</b> nicht.",
    },
    "unknown_rule": {
        "en": "There is no rule <b>{rule}</b>. Rules: {known}.",
        "de": "Es gibt keine Regel <b>{rule}</b>. Regeln: {known}.",
    },
    "follow_missing_rule": {"en": "Which rule?", "de": "Welche Regel?"},
    "follow_one_rule": {"en": "One rule at a time.", "de": "Eine Regel auf einmal."},
    "follow_limit": {
        "en": "A chat can follow at most {limit} rules.",
        "de": "Ein Chat kann höchstens {limit} Regeln folgen.",
    },
    "followed_rules": {"en": "Rules you follow: {rules}", "de": "Regeln, denen du folgst: {rules}"},
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
    "split_buy": {"en": "buy {count}", "de": "Kaufen {count}"},
    "split_hold": {"en": "hold {count}", "de": "Halten {count}"},
    "split_sell": {"en": "sell {count}", "de": "Verkaufen {count}"},
    "split_of": {"en": "of {count} analysts", "de": "von {count} Analysten"},
    "upside": {"en": "upside {pct} vs {price}", "de": "Potenzial {pct} zu {price}"},
    "age_days": {"en": "<i>({count} days old)</i>", "de": "<i>({count} Tage alt)</i>"},
    "age_months": {"en": "<i>({count} months old)</i>", "de": "<i>({count} Monate alt)</i>"},
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
    "status_redis_up": {"en": "🟢 Storage (Redis): up", "de": "🟢 Speicher (Redis): läuft"},
    "status_redis_down": {
        "en": "🔴 Storage (Redis): not answering since {since}; alerts wait until it is back",
        "de": "🔴 Speicher (Redis): antwortet nicht seit {since}; Alarme warten, bis er zurück ist",
    },
    "status_redis_full": {
        "en": "🔴 Storage (Redis): full (maxmemory reached), it refuses writes; news is fetched "
        "again once it has room",
        "de": "🔴 Speicher (Redis): voll (maxmemory erreicht), er nimmt nichts mehr an; "
        "Nachrichten werden erneut geholt, sobald er Platz hat",
    },
    "status_redis_recovered": {
        "en": "🟢 Storage (Redis): up; {count} outages, the last {lasted} s until {ended}",
        "de": "🟢 Speicher (Redis): läuft; Ausfälle: {count}, zuletzt {lasted} s bis {ended}",
    },
    "status_redis_recovered_one": {
        "en": "🟢 Storage (Redis): up; 1 outage, {lasted} s until {ended}",
        "de": "🟢 Speicher (Redis): läuft; 1 Ausfall, {lasted} s bis {ended}",
    },
    "status_none": {"en": "No sources configured.", "de": "Keine Quellen konfiguriert."},
    "status_processes": {
        "en": "⚙️ Processes on this Redis: {roles}",
        "de": "⚙️ Prozesse an diesem Redis: {roles}",
    },
    "error_kind_timeout": {"en": "timeout", "de": "Zeitüberschreitung"},
    "error_kind_connect": {"en": "no connection", "de": "keine Verbindung"},
    "error_kind_http": {"en": "HTTP error", "de": "HTTP-Fehler"},
    "error_kind_too_large": {"en": "answer too large", "de": "Antwort zu groß"},
    "error_kind_not_a_feed": {"en": "not a feed", "de": "kein Feed"},
    "error_kind_parse": {"en": "unreadable answer", "de": "unlesbare Antwort"},
    "error_kind_not_found": {"en": "not found", "de": "nicht gefunden"},
    "error_kind_api": {"en": "API error", "de": "API-Fehler"},
    "error_kind_redirect": {"en": "redirect loop", "de": "Weiterleitungsschleife"},
    "error_kind_other": {"en": "error", "de": "Fehler"},
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
    "chart_period_1d": {"en": "1 day", "de": "1 Tag"},
    "chart_period_5d": {"en": "5 days", "de": "5 Tage"},
    "chart_period_1m": {"en": "1 month", "de": "1 Monat"},
    # The period as the object of a sentence (German needs its article in the accusative).
    "chart_last_1d": {"en": "the last day", "de": "den letzten Tag"},
    "chart_last_5d": {"en": "the last 5 days", "de": "die letzten 5 Tage"},
    "chart_last_1m": {"en": "the last month", "de": "den letzten Monat"},
    "chart_no_data": {
        "en": "Not enough prices for <b>{symbol}</b> to draw a chart of {span}.",
        "de": "Für <b>{symbol}</b> gibt es zu wenige Kurse für ein Chart über {span}.",
    },
    "provider_down": {
        "en": "<i>The price provider did not answer.</i>",
        "de": "<i>Der Kursanbieter hat nicht geantwortet.</i>",
    },
    "chart_recorded_only": {
        "en": "<i>The price provider did not answer; this chart shows only the {count} prices "
        "recorded here.</i>",
        "de": "<i>Der Kursanbieter hat nicht geantwortet; das Chart zeigt nur die {count} hier "
        "aufgezeichneten Kurse.</i>",
    },
    "chart_no_history": {
        "en": "<i>The price provider keeps no history for this period; this chart shows only "
        "the {count} prices recorded here.</i>",
        "de": "<i>Der Kursanbieter liefert für diesen Zeitraum keinen Verlauf; das Chart zeigt "
        "nur die {count} hier aufgezeichneten Kurse.</i>",
    },
    "unknown_at_provider_suffixed": {
        "en": "The price provider does not know <b>{symbol}</b>; check the ticker and its "
        "exchange suffix.",
        "de": "Der Kursanbieter kennt <b>{symbol}</b> nicht; prüfe das Tickersymbol und sein "
        "Börsenkürzel.",
    },
    "unknown_at_provider": {
        "en": "The price provider does not know <b>{symbol}</b>; check the ticker, e.g. SAP.DE "
        "for Xetra.",
        "de": "Der Kursanbieter kennt <b>{symbol}</b> nicht; prüfe das Tickersymbol, z. B. "
        "SAP.DE für Xetra.",
    },
    "chart_one_symbol": {
        "en": "One symbol at a time.",
        "de": "Bitte nur ein Symbol auf einmal.",
    },
    "chart_bad_period": {
        "en": "Unknown period <code>{period}</code>; use 1d, 5d or 1m.",
        "de": "Unbekannter Zeitraum <code>{period}</code>; nimm 1d, 5d oder 1m.",
    },
    "chart_prev_close": {"en": "previous close", "de": "Vortagesschluss"},
    "chart_rise": {"en": "alert, price rising", "de": "Alarm, Kurs steigend"},
    "chart_fall": {"en": "alert, price falling", "de": "Alarm, Kurs fallend"},
    "chart_alert": {"en": "alert", "de": "Alarm"},
    "chart_your_band": {"en": "your band", "de": "dein Band"},
    "chart_price": {"en": "price", "de": "Kurs"},
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
    "button_unmute": {"en": "Unmute", "de": "Stumm aufheben"},
    "muted": {
        "en": "{symbol} muted for one day.",
        "de": "{symbol} für einen Tag stummgeschaltet.",
    },
    "button_expired": {
        "en": "This button no longer works.",
        "de": "Diese Schaltfläche funktioniert nicht mehr.",
    },
    "button_unknown": {
        "en": "Unknown or expired button.",
        "de": "Unbekannte oder abgelaufene Schaltfläche.",
    },
    # -- hints for what the bot does not understand --
    "unknown_command": {
        "en": "I don't know <code>/{command}</code>. /help lists the commands.",
        "de": "Den Befehl <code>/{command}</code> kenne ich nicht. /help zeigt alle Befehle.",
    },
    "text_hint": {
        "en": "I only understand commands; /help lists them.",
        "de": "Ich verstehe nur Befehle; /help zeigt sie.",
    },
    "text_hint_symbol": {
        "en": "For <b>{symbol}</b> try <code>/summary {symbol}</code>; /help lists all commands.",
        "de": "Für <b>{symbol}</b> probier <code>/summary {symbol}</code>; /help zeigt alle "
        "Befehle.",
    },
    "too_many_arguments": {"en": "Too many arguments.", "de": "Zu viele Angaben."},
    "news_count": {
        "en": "N must be a whole number from 1 to {limit}.",
        "de": "N muss eine ganze Zahl von 1 bis {limit} sein.",
    },
    "news_capped": {
        "en": "<i>{limit} is the most I show at once.</i>",
        "de": "<i>Mehr als {limit} zeige ich nicht auf einmal.</i>",
    },
    # -- removing personal rules --
    "band_removed": {
        "en": "Removed your band for <b>{symbol}</b> ({low}–{high}).",
        "de": "Dein Band für <b>{symbol}</b> ({low}–{high}) ist gelöscht.",
    },
    "band_none": {
        "en": "You have no band for <b>{symbol}</b>; nothing to remove.",
        "de": "Du hast kein Band für <b>{symbol}</b>; es gibt nichts zu löschen.",
    },
    "alert_removed": {
        "en": "Removed your price alert for <b>{symbol}</b>: {levels}.",
        "de": "Dein Kursalarm für <b>{symbol}</b> ist gelöscht: {levels}.",
    },
    "alert_none": {
        "en": "You have no price alert for <b>{symbol}</b>; nothing to remove.",
        "de": "Du hast keinen Kursalarm für <b>{symbol}</b>; es gibt nichts zu löschen.",
    },
    "or": {"en": "or", "de": "oder"},
    "alert_had_fired": {
        "en": "Your price alert for <b>{symbol}</b> had already fired ({fired}); it is off "
        "your list now.",
        "de": "Dein Kursalarm für <b>{symbol}</b> hatte schon ausgelöst ({fired}); er steht "
        "jetzt nicht mehr in deiner Liste.",
    },
    "band_already_above": {
        "en": "<b>{symbol}</b> is already above your band: {price}.",
        "de": "<b>{symbol}</b> liegt schon über deinem Band: {price}.",
    },
    "band_already_below": {
        "en": "<b>{symbol}</b> is already below your band: {price}.",
        "de": "<b>{symbol}</b> liegt schon unter deinem Band: {price}.",
    },
    # -- what is wrong with a command's arguments (before its usage) --
    "missing_high": {"en": "Missing HIGH.", "de": "Es fehlt HIGH."},
    "missing_low_high": {"en": "Missing LOW and HIGH.", "de": "Es fehlen LOW und HIGH."},
    "missing_sign": {
        "en": "Missing &gt; or &lt; before the price.",
        "de": "Es fehlt &gt; oder &lt; vor dem Kurs.",
    },
    "missing_price": {"en": "Missing PRICE.", "de": "Es fehlt PRICE."},
    "missing_sign_price": {
        "en": "Missing &gt; or &lt; and PRICE.",
        "de": "Es fehlen &gt; oder &lt; und PRICE.",
    },
    "alert_sign": {
        "en": "Start with &gt; (above) or &lt; (below), then the price.",
        "de": "Beginne mit &gt; (über) oder &lt; (unter), dann der Kurs.",
    },
    "bad_price": {
        "en": "<code>{text}</code> is not a price; write it like 150 or 150.5.",
        "de": "<code>{text}</code> ist kein Kurs; schreib ihn wie 150 oder 150,5.",
    },
    "one_symbol": {"en": "One symbol at a time.", "de": "Bitte nur ein Symbol auf einmal."},
    "missing_duration": {
        "en": "Missing DURATION, e.g. <code>2h</code> or <code>1d</code>.",
        "de": "Es fehlt DURATION, z. B. <code>2h</code> oder <code>1d</code>.",
    },
    # -- /mine --
    "mine_title": {
        "en": "<b>Your bands and price alerts</b>",
        "de": "<b>Deine Kursbänder und Kursalarme</b>",
    },
    "mine_empty": {
        "en": "You have no bands or price alerts. Set one with <code>/band BABA 150 160</code> "
        "or <code>/alert BABA &gt; 160</code>.",
        "de": "Du hast keine Kursbänder oder Kursalarme. Setz eines mit "
        "<code>/band BABA 150 160</code> oder <code>/alert BABA &gt; 160</code>.",
    },
    "mine_band": {
        "en": "• <b>{symbol}</b> band {low}–{high}, now {position}",
        "de": "• <b>{symbol}</b> Band {low}–{high}, jetzt {position}",
    },
    "mine_alert": {
        "en": "• <b>{symbol}</b> {direction} {level}",
        "de": "• <b>{symbol}</b> {direction} {level}",
    },
    "mine_fired": {
        "en": "• <b>{symbol}</b> {direction} {level}: fired at {fired}",
        "de": "• <b>{symbol}</b> {direction} {level}: ausgelöst bei {fired}",
    },
    "mine_unlisted": {
        "en": "(no longer on the watchlist: never fires; remove it)",
        "de": "(nicht mehr auf der Watchlist: löst nie aus; lösch es)",
    },
    "mine_removed": {"en": "Removed {what}.", "de": "{what} gelöscht."},
    "mine_gone": {"en": "Already removed.", "de": "Schon gelöscht."},
    "button_remove": {"en": "Remove {what}", "de": "{what} löschen"},
    # -- /mute /unmute /quiet /digest /rules --
    "scope_unknown": {
        "en": "I know no symbol or rule <b>{argument}</b>.\nSymbols: {symbols}\nRules: {rules}",
        "de": "Ein Symbol oder eine Regel <b>{argument}</b> kenne ich nicht.\n"
        "Symbole: {symbols}\nRegeln: {rules}",
    },
    "scope_all": {"en": "all alerts", "de": "alle Alarme"},
    "scope_rule": {"en": "rule {name}", "de": "Regel {name}"},
    "mute_duration": {
        "en": "Give a duration from 1m to 365d, e.g. <code>30m</code>, <code>2h</code>, "
        "<code>1d</code> or <code>1h30m</code>.",
        "de": "Gib eine Dauer von 1m bis 365d an, z. B. <code>30m</code>, <code>2h</code>, "
        "<code>1d</code> oder <code>1h30m</code>.",
    },
    "muted_for": {
        "en": "Muted {scope} for {duration}, until {until}.",
        "de": "Stummgeschaltet für {duration}: {scope}, bis {until}.",
    },
    "unmuted_all": {
        "en": "All mutes ended ({count}).",
        "de": "Alle Stummschaltungen beendet ({count}).",
    },
    "nothing_muted": {"en": "Nothing was muted.", "de": "Es war nichts stummgeschaltet."},
    "unmuted": {
        "en": "{scope} is no longer muted.",
        "de": "{scope} ist nicht mehr stummgeschaltet.",
    },
    "not_muted": {"en": "{scope} was not muted.", "de": "{scope} war nicht stummgeschaltet."},
    "bad_time": {
        "en": "<code>{text}</code> is not a time of day; write it as HH:MM, e.g. 07:30.",
        "de": "<code>{text}</code> ist keine Uhrzeit; schreib sie als HH:MM, z. B. 07:30.",
    },
    "bad_period": {
        "en": "<code>{text}</code> is not a period; write it as HH:MM-HH:MM, e.g. 22:00-07:00.",
        "de": "<code>{text}</code> ist kein Zeitraum; schreib ihn als HH:MM-HH:MM, "
        "z. B. 22:00-07:00.",
    },
    "quiet_same": {
        "en": "Quiet hours must not start and end at the same time.",
        "de": "Die Ruhezeit darf nicht zur selben Uhrzeit beginnen und enden.",
    },
    "bad_zone": {
        "en": "Unknown time zone <code>{zone}</code>; use a name such as Europe/Berlin.",
        "de": "Unbekannte Zeitzone <code>{zone}</code>; nimm einen Namen wie Europe/Berlin.",
    },
    "quiet_shown": {"en": "Quiet hours: {period} ({zone}).", "de": "Ruhezeit: {period} ({zone})."},
    "quiet_none": {"en": "No quiet hours set.", "de": "Keine Ruhezeit eingestellt."},
    "quiet_set": {
        "en": "Quiet hours {period} ({zone}): alerts wait until they end; critical alerts of "
        "rules with break_quiet still come through.",
        "de": "Ruhezeit {period} ({zone}): Alarme warten, bis sie endet; kritische Alarme von "
        "Regeln mit break_quiet kommen trotzdem durch.",
    },
    "quiet_off": {
        "en": "Quiet hours off. {count} held alerts are on their way.",
        "de": "Ruhezeit aus. Zurückgehaltene Alarme, die jetzt kommen: {count}.",
    },
    "quiet_off_one": {
        "en": "Quiet hours off. 1 held alert is on its way.",
        "de": "Ruhezeit aus. Ein zurückgehaltener Alarm kommt jetzt.",
    },
    "quiet_off_none": {"en": "Quiet hours off.", "de": "Ruhezeit aus."},
    "digest_shown": {
        "en": "Daily digest at {time} ({zone}).",
        "de": "Tägliche Übersicht um {time} ({zone}).",
    },
    "digest_none": {"en": "No digest set.", "de": "Keine Übersicht eingestellt."},
    "lang_name_en": {"en": "English", "de": "Englisch"},
    "lang_name_de": {"en": "German", "de": "Deutsch"},
    "lang_chosen": {
        "en": "This chat's language: {language}, chosen with /lang.",
        "de": "Sprache dieses Chats: {language}, gewählt mit /lang.",
    },
    "lang_automatic": {
        "en": "This chat's language: {language}, from the Telegram setting.",
        "de": "Sprache dieses Chats: {language}, aus der Telegram-Einstellung.",
    },
    "lang_set": {
        "en": "I write in {language} in this chat now: replies, alerts and digests.",
        "de": "Ich schreibe in diesem Chat jetzt auf {language}: Antworten, Alarme und "
        "Übersichten.",
    },
    "lang_auto_set": {
        "en": "The language follows the Telegram setting again (yours: {language}).",
        "de": "Die Sprache folgt wieder der Telegram-Einstellung (deine: {language}).",
    },
    "lang_unknown": {
        "en": "<code>{language}</code> is not a language I write; choose en, de or auto.",
        "de": "<code>{language}</code> ist keine Sprache, in der ich schreibe; wähle en, de oder "
        "auto.",
    },
    "document_hint": {
        "en": "I only read files sent as an OPML import: send the file with the caption /import.",
        "de": "Dateien lese ich nur als OPML-Import: schick die Datei mit der Bildunterschrift "
        "/import.",
    },
    "digest_set": {
        "en": "Daily digest at {time} ({zone}); info alerts wait for it. Next: {next}.",
        "de": "Tägliche Übersicht um {time} ({zone}); Info-Alarme warten darauf. Nächste: {next}.",
    },
    "digest_off": {
        "en": "Digest off. {count} held alerts are on their way.",
        "de": "Übersicht aus. Zurückgehaltene Alarme, die jetzt kommen: {count}.",
    },
    "digest_off_one": {
        "en": "Digest off. 1 held alert is on its way.",
        "de": "Übersicht aus. Ein zurückgehaltener Alarm kommt jetzt.",
    },
    "digest_off_none": {"en": "Digest off.", "de": "Übersicht aus."},
    "rules_title": {"en": "<b>Active rules</b> ({count})", "de": "<b>Aktive Regeln</b> ({count})"},
    "rules_muted": {"en": "<b>Muted</b>", "de": "<b>Stummgeschaltet</b>"},
    "muted_until": {"en": "• {scope} until {until}", "de": "• {scope} bis {until}"},
    "severity_info": {"en": "info", "de": "Info"},
    "severity_warning": {"en": "warning", "de": "Warnung"},
    "severity_critical": {"en": "critical", "de": "kritisch"},
    # -- one line per rule in /rules (handlers.rule_text) --
    "all_symbols": {"en": "any symbol", "de": "jedes Symbol"},
    "rule_band": {
        "en": "price band {symbols} {low}–{high}",
        "de": "Kursband {symbols} {low}–{high}",
    },
    "rule_threshold": {"en": "price {symbols} {levels}", "de": "Kurs {symbols} {levels}"},
    "rule_move_window": {
        "en": "price move {symbols} {change} within {window}",
        "de": "Kursbewegung {symbols} {change} innerhalb von {window}",
    },
    "rule_move_close": {
        "en": "price move {symbols} {change} since the previous close",
        "de": "Kursbewegung {symbols} {change} seit dem letzten Schlusskurs",
    },
    "rule_keyword": {"en": "keyword {conditions}", "de": "Stichwort: {conditions}"},
    "any_of": {"en": "any of {items}", "de": "eines von {items}"},
    "all_of": {"en": "all of {items}", "de": "alle von {items}"},
    "none_of": {"en": "none of {items}", "de": "keines von {items}"},
    "pattern": {"en": "pattern {pattern}", "de": "Muster {pattern}"},
    "rule_analyst": {"en": "analyst actions", "de": "Analystenurteile"},
    "rule_rating_up": {"en": "upgrades", "de": "Hochstufungen"},
    "rule_rating_down": {"en": "downgrades", "de": "Abstufungen"},
    "rule_rating_init": {"en": "new coverage", "de": "Neuaufnahmen"},
    "rule_rating_main": {"en": "reiterations", "de": "Bestätigungen"},
    "rule_targets": {"en": "targets {items}", "de": "Kursziele {items}"},
    "rule_brokers": {"en": "brokers {items}", "de": "Broker {items}"},
    "rule_min_change": {"en": "target change ≥ {pct}", "de": "Zieländerung ≥ {pct}"},
    "rule_min_upside": {"en": "upside ≥ {pct}", "de": "Potenzial ≥ {pct}"},
    "rule_commentary": {"en": "also commentary", "de": "auch Kommentare"},
    "rule_partnership": {"en": "partnerships", "de": "Partnerschaften"},
    "rule_parties": {"en": "with {items}", "de": "mit {items}"},
    "rule_consensus": {"en": "consensus changes", "de": "Konsensänderungen"},
    "rule_consensus_target": {"en": "mean target ±{pct}", "de": "mittleres Kursziel ±{pct}"},
    "rule_consensus_split": {
        "en": "buy/sell split ±{points} points",
        "de": "Kaufen/Verkaufen-Verteilung ±{points} Punkte",
    },
    "rule_combo": {
        "en": "together within {window}: {conditions}",
        "de": "zusammen innerhalb von {window}: {conditions}",
    },
    "rule_for": {"en": "for {symbols}", "de": "für {symbols}"},
    "rule_cooldown": {"en": "cooldown {span}", "de": "Sperrzeit {span}"},
}


COUNT_FORMS = {0: "_none", 1: "_one"}


def t(lang: str, key: str, **values: object) -> str:
    """The message `key` in `lang` (English when missing), with `values` filled in.

    With a `count` of 0 or 1, the message `key_none` or `key_one` is taken where there is one,
    so that "1 feeds" and "0 held alerts are on their way" need not be written."""
    count = values.get("count")
    if isinstance(count, int) and f"{key}{COUNT_FORMS.get(count, '')}" in MESSAGES:
        key = f"{key}{COUNT_FORMS.get(count, '')}"
    template = MESSAGES[key].get(lang) or MESSAGES[key][DEFAULT_LANGUAGE]
    return template.format(**values)


MESSAGES.update(FEED_MESSAGES)
MESSAGES.update(KEYWORD_MESSAGES)
MESSAGES.update(CHANNEL_MESSAGES)
