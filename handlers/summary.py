"""/summary SYMBOL, and the lines it shares with /price, /targets and /news."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import ContextTypes

from bot.models import Quote
from bot.services import Services
from bot.store import Headline
from bot.targets import TargetRecord, consensus_of
from handlers.common import esc, lang_of, reply, services, symbol_and_arguments
from handlers.i18n import compact, percent, t
from rules.events import Consensus
from rules.language import price
from rules.types.price_band import INSIDE, PriceBandRule

HEADLINES_SHOWN = 5
TARGETS_SHOWN = 5
TITLE_MAX = 200
SAFE_LINK_SCHEMES = ("http://", "https://")


async def summary(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    found = await symbol_and_arguments(update, context, "summary")
    if found is not None:
        await reply(update, await summary_text(services(context), found[0], lang_of(update)))


async def summary_text(shared: Services, symbol: str, lang: str = "en") -> str:
    store = shared.store
    quote = await store.latest_quote(symbol)
    lines = [title_line(shared, symbol), *await price_lines(shared, symbol, quote, lang)]
    lines += await band_lines(shared, symbol, quote, lang)
    lines.append("")
    lines += await targets_block(shared, symbol, quote, lang, TARGETS_SHOWN)
    lines.append("")
    headlines = await store.headlines(symbol, HEADLINES_SHOWN)
    if headlines:
        lines.append(t(lang, "headlines"))
        lines += headline_lines(headlines, shared.config.zone)
    else:
        lines.append(t(lang, "no_headlines"))
    return "\n".join(lines)


OLD_AFTER_DAYS = 30


def title_line(shared: Services, symbol: str) -> str:
    names = shared.config.watchlist[symbol].names
    title = f"<b>{esc(symbol)}</b>"
    return f"{title} · {esc(names[0])}" if names else title


def stamp(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%d.%m. %H:%M")


def money(value: float, currency: str | None, lang: str) -> str:
    return price(value, esc(currency) if currency else None, lang)


async def price_lines(shared: Services, symbol: str, quote: Quote | None, lang: str) -> list[str]:
    """The price line; when the price provider does not know the symbol, that instead of
    "no quote yet" (which suggests waiting), or after an old price."""
    unknown = await shared.store.is_unknown_symbol(symbol)
    lines = [] if unknown and quote is None else [price_line(quote, shared.config.zone, lang)]
    if unknown:
        lines.append(unknown_at_provider(symbol, lang))
    return lines


def unknown_at_provider(symbol: str, lang: str) -> str:
    """The example of an exchange suffix helps only a ticker that has none."""
    key = "unknown_at_provider_suffixed" if "." in symbol else "unknown_at_provider"
    return t(lang, key, symbol=esc(symbol))


def price_line(quote: Quote | None, zone: ZoneInfo, lang: str) -> str:
    if quote is None:
        return t(lang, "no_quote")
    change = f" ({percent(quote.change_pct, lang)})" if quote.change_pct is not None else ""
    return t(
        lang,
        "price_line",
        price=money(quote.price, quote.currency, lang),
        change=change,
        time=stamp(quote.time, zone),
    )


async def band_lines(shared: Services, symbol: str, quote: Quote | None, lang: str) -> list[str]:
    lines = []
    for rule in shared.rules:
        if isinstance(rule, PriceBandRule) and rule.options.enabled and rule.applies_to(symbol):
            band = f"{compact(rule.options.low, lang)}–{compact(rule.options.high, lang)}"
            if quote is None:
                status = t(lang, "band_unknown")
            else:
                state = await shared.store.get(rule.name, symbol) or INSIDE
                status = t(lang, f"band_{rule.position(quote.price, state)}")
            lines.append(t(lang, "band_line", name=esc(rule.name), band=band, status=status))
    return lines


def link(text: str, url: str) -> str:
    """`text` (escaped already) as a link when `url` is a web address, else as it is."""
    if url.startswith(SAFE_LINK_SCHEMES):
        return f'<a href="{esc(url)}">{text}</a>'
    return text


def headline_lines(headlines: list[Headline], zone: ZoneInfo) -> list[str]:
    lines = []
    for headline in headlines:
        title = link(esc(headline.title[:TITLE_MAX]), headline.link)
        when = stamp(headline.published, zone)
        lines.append(f"• {when} {title} <i>({esc(headline.source)})</i>")
    return lines


def age_note(moment: datetime, now: datetime, lang: str) -> str:
    """' (4 months old)' for a figure older than a month: a target from last spring is no news."""
    days = (now - moment).days
    if days < OLD_AFTER_DAYS:
        return ""
    if days < 2 * OLD_AFTER_DAYS:
        return " " + t(lang, "age_days", count=days)
    return " " + t(lang, "age_months", count=days // 30)


def target_line(record: TargetRecord, zone: ZoneInfo, lang: str, now: datetime) -> str:
    parts = []
    if record.rating:
        rating = esc(record.rating)
        if record.rating_action in ("up", "down", "init", "main"):
            rating += f" ({t(lang, 'rating_' + record.rating_action)})"
        parts.append(rating)
    if record.target is not None:
        target = money(record.target, record.currency, lang)
        if record.target_action in ("raise", "lower", "init", "set"):
            target += f" {t(lang, 'target_' + record.target_action)}"
        if record.prior_target is not None:
            target += f" ← {compact(record.prior_target, lang)}"
        parts.append(target)
    local = record.time.astimezone(zone)
    when = local.strftime("%d.%m." if local.year == now.astimezone(zone).year else "%d.%m.%Y")
    broker = link(f"<b>{esc(record.broker)}</b>", record.link)
    return f"• {when} {broker}: {', '.join(parts) or '–'}{age_note(record.time, now, lang)}"


async def targets_block(
    shared: Services, symbol: str, quote: Quote | None, lang: str, shown: int
) -> list[str]:
    records = await shared.store.analyst_targets(symbol)
    reported = await reported_consensus_line(shared, symbol, lang)
    if not records:
        return [t(lang, "no_targets"), *reported]
    zone, now = shared.config.zone, shared.clock()
    lines = [t(lang, "targets_title")]
    lines += [target_line(record, zone, lang, now) for record in records[:shown]]
    currency = (quote.currency if quote else None) or shared.config.watchlist[symbol].currency
    consensus = consensus_of(records, currency)
    if consensus is not None and consensus.mean_target is not None:
        count = sum(
            1
            for record in records
            if record.target is not None and record.currency in (None, currency)
        )
        upside = ""
        if quote is not None and quote.price > 0:
            change = (consensus.mean_target / quote.price - 1.0) * 100.0
            upside = ", " + t(
                lang,
                "upside",
                pct=percent(change, lang),
                price=money(quote.price, quote.currency, lang),
            )
        lines.append(
            t(
                lang,
                "consensus",
                count=count,
                mean=money(consensus.mean_target, currency, lang),
                median=money(consensus.median_target or consensus.mean_target, currency, lang),
                upside=upside,
            )
            + age_note(min(record.time for record in records), now, lang)
        )
    return lines + reported


def _split_figures(consensus: Consensus, lang: str) -> list[str]:
    """The sides the news counted (a side it did not count is left out, not shown as 0), and
    how many analysts it counted in all."""
    sides = [
        t(lang, f"split_{side}", count=count)
        for side, count in (
            ("buy", consensus.buy),
            ("hold", consensus.hold),
            ("sell", consensus.sell),
        )
        if count is not None
    ]
    if not sides:
        return []
    split = " · ".join(sides)
    if consensus.analysts is not None:
        split += " " + t(lang, "split_of", count=consensus.analysts)
    return [split]


async def reported_consensus_line(shared: Services, symbol: str, lang: str) -> list[str]:
    """The consensus a news item stated (mean/median target, rating split), when there is one."""
    found = await shared.store.latest_consensus(symbol)
    if found is None:
        return []
    consensus, reported_at = found
    figures = []
    if consensus.rating:
        figures.append(f"<b>{esc(consensus.rating)}</b>")
    currency = consensus.currency or shared.config.watchlist[symbol].currency
    if consensus.mean_target is not None:
        figures.append(f"Ø {money(consensus.mean_target, currency, lang)}")
    if consensus.median_target is not None:
        figures.append(f"median {money(consensus.median_target, currency, lang)}")
    figures.extend(_split_figures(consensus, lang))
    if not figures:
        return []
    age = age_note(reported_at, shared.clock(), lang)
    return [t(lang, "reported_consensus", figures=", ".join(figures)) + age]
