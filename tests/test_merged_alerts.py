"""One alert per news item (rules.merged, bot.pipeline.per_item) and what each chat sees of it:
its own symbols, the rules it follows, without what it muted. Real Redis for the chat state."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from lifecycle_timeline import make_config

from bot.delivery.render import render_html
from bot.lifecycle.dispatch import build_dispatcher
from bot.pipeline.per_item import one_per_item
from bot.store import Store
from rules.alert import Alert, Severity
from rules.merged import members_of, merge, rules_of, symbols_of
from rules.registry import build_rule

T0 = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def alert(
    rule: str, item: str, symbols: list[str], *, severity: Severity = "warning", headline: str = ""
) -> Alert:
    return Alert(
        rule=rule,
        type="keyword",
        severity=severity,
        symbol=symbols[0] if symbols else None,
        headline=headline or f"news {item}",
        time=T0,
        dedup_key=item,
        link=f"https://news.example/{item}",
        fields={
            "item_id": item,
            "source": "wire",
            "title": headline or f"news {item}",
            "matched": ["x"],
            "symbols": symbols,
        },
    )


async def test_alerts_of_one_item_become_one_and_others_stay_apart() -> None:
    first = alert("a", "item-1", ["AAPL"])
    second = alert("b", "item-1", ["INTC"], severity="critical", headline="other event")
    third = alert("a", "item-2", ["NVDA"])
    merged, alone = await one_per_item([first, second, third], T0)
    assert alone is third
    assert merged.rule == "b" and merged.severity == "critical"
    assert rules_of(merged) == ["b", "a"] and symbols_of(merged) == ["INTC", "AAPL"]
    assert [member.id for member in members_of(merged)] == [second.id, first.id]
    # Read back from the outbox, it is the same alert with the same members.
    again = Alert.from_dict(merged.to_dict())
    assert again.id == merged.id and members_of(again) == members_of(merged)
    html = render_html(merged, "en")
    assert "<b>INTC, AAPL</b> · b, a" in html and "news item-1" in html


def test_merging_a_merged_alert_keeps_each_member_once() -> None:
    first, second = alert("a", "i", ["AAPL"]), alert("b", "i", ["AAPL"])
    once = merge([first, second])
    assert members_of(merge([once, second])) == members_of(once)
    assert merge([first]) is first


async def test_each_chat_gets_its_part_without_what_it_muted(store: Store) -> None:
    config = make_config(
        [
            {"name": "a", "type": "keyword", "any": ["x"]},
            {"name": "b", "type": "keyword", "any": ["y"]},
        ]
    )
    rules = [build_rule(options) for options in config.rules]
    dispatcher = build_dispatcher(
        config.alerts, config.zone, store, rules, lambda: T0, console=False
    )
    for chat, symbols in ((1, ["AAPL", "INTC"]), (2, ["INTC"]), (3, ["AAPL"])):
        await store.register_chat(chat, "en")
        for symbol in symbols:
            await store.watch(chat, symbol)
    await store.register_chat(4, "en")
    await store.follow(4, "b")
    merged = merge([alert("a", "i", ["AAPL", "INTC"]), alert("b", "i", ["NVDA"], headline="chips")])
    await store.mute(3, "rule:a", T0 + timedelta(hours=1))
    await store.mute(1, "symbol:AAPL", T0 + timedelta(hours=1))

    sent = {int(a.fields["chat"]): a for a in await dispatcher.admit(merged)}
    assert sorted(sent) == [1, 2, 4], "chat 3 muted the one rule about its symbol"
    assert (sent[1].symbol, symbols_of(sent[1]), rules_of(sent[1])) == ("INTC", ["INTC"], ["a"])
    assert symbols_of(sent[2]) == ["INTC"]
    assert (rules_of(sent[4]), symbols_of(sent[4])) == (["b"], ["NVDA"])
