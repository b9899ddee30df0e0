"""The extraction scorer on hand-built gold and predictions; bad lines for cmd_extract."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from bot.evaluate import cmd_eval, cmd_extract, names_compatible, normalise_name, score


def analyst(broker: str, company: str, **fields: Any) -> dict[str, Any]:
    event = {
        "type": "analyst",
        "broker": broker,
        "company": company,
        "rating_action": "up",
        "rating": "Buy",
        "target_action": "raise",
        "target": 50,
        "prior_target": 40,
        "currency": "USD",
    }
    event.update(fields)
    return event


def partnership(*parties: str) -> dict[str, Any]:
    return {"type": "partnership", "parties": list(parties)}


def record(rid: str, events: list[dict[str, Any]], lang: str = "en") -> dict[str, Any]:
    return {"id": rid, "lang": lang, "text": f"text {rid}", "events": events}


def test_analyst_match_ignores_case_and_spacing_and_scores_fields() -> None:
    gold = [record("a", [analyst("Goldman  Sachs", "Adidas", target=50, currency="EUR")])]
    predicted = {"a": [analyst("goldman sachs", "ADIDAS", target=55, currency="EUR")]}
    report = score(gold, predicted)
    counts = report.by_type["analyst"]
    assert (counts.tp, counts.fp, counts.fn) == (1, 0, 0)
    accuracy = report.field_accuracy()
    assert accuracy["target"] == 0.0
    assert accuracy["currency"] == 1.0
    assert accuracy["rating"] == 1.0
    assert accuracy["prior_target"] == 1.0


def test_analyst_with_a_different_action_is_a_false_positive_and_a_miss() -> None:
    gold = [record("a", [analyst("Berenberg", "SAP")])]
    predicted = {"a": [analyst("Berenberg", "SAP", rating_action="main")]}
    counts = score(gold, predicted).by_type["analyst"]
    assert (counts.tp, counts.fp, counts.fn) == (0, 1, 1)
    assert counts.precision == 0.0 and counts.recall == 0.0 and counts.f1 == 0.0


def test_events_pair_one_to_one_within_a_text() -> None:
    gold = [record("a", [analyst("UBS", "BASF")])]
    predicted = {"a": [analyst("UBS", "BASF"), analyst("UBS", "BASF")]}
    counts = score(gold, predicted).by_type["analyst"]
    assert (counts.tp, counts.fp, counts.fn) == (1, 1, 0)


def test_partnership_strict_and_lenient() -> None:
    gold = [
        record("a", [partnership("Dialog Semi", "Apple")], lang="de"),
        record("b", [partnership("AT&T", "FirstNet")]),
        record("c", [partnership("Walmart", "Uber"), partnership("Walmart", "Lyft")]),
    ]
    predicted = {
        "a": [partnership("Apple", "Dialog")],
        "b": [partnership("firstnet", "AT & T")],
        "c": [partnership("Walmart", "Uber", "Lyft")],
    }
    report = score(gold, predicted)
    strict = report.by_type["partnership"]
    assert (strict.tp, strict.fp, strict.fn) == (1, 2, 3)
    lenient = report.partnership_lenient
    assert (lenient.tp, lenient.fp, lenient.fn) == (2, 1, 2)
    assert report.by_lang["de"]["partnership"].fn == 1
    assert report.by_lang["en"]["partnership"].tp == 1


def test_unlabelled_event_types_are_counted_not_scored() -> None:
    gold = [record("a", [])]
    predicted = {"a": [{"type": "price_move", "change_pct": -2.1}, partnership("A Corp", "B")]}
    report = score(gold, predicted)
    assert report.unscored == {"price_move": 1}
    assert report.by_type["partnership"].fp == 1
    assert "price_move" not in report.by_type


def test_text_without_prediction_counts_misses() -> None:
    report = score([record("a", [partnership("X", "Y")])], {})
    assert report.by_type["partnership"].fn == 1
    assert report.texts == 1


def test_report_serialises() -> None:
    report = score([record("a", [analyst("UBS", "SAP")])], {"a": [analyst("UBS", "SAP")]})
    data = json.loads(json.dumps(report.to_dict()))
    assert data["by_type"]["analyst"]["f1"] == 1.0
    assert data["analyst_fields"]["matched"] == 1


def test_name_normalisation() -> None:
    assert normalise_name("Best Buy Co., Inc.") == "best buy"
    assert normalise_name("AT & T") == "at&t"
    assert normalise_name("Nokia's") == "nokia"
    assert names_compatible("technische universität tu wien", "technischen universität wien")
    assert names_compatible("volkswagen konzern", "volkswagen")
    assert not names_compatible("apple", "applied materials")


def test_cmd_extract_reports_bad_lines_and_continues() -> None:
    src = io.StringIO(
        "\n".join(
            [
                json.dumps({"id": "1", "text": "Samsung teams up with Google on XR", "lang": "en"}),
                "{not json",
                json.dumps(["a", "list"]),
                json.dumps({"text": "no id"}),
                json.dumps({"id": "5", "text": 42}),
                json.dumps({"id": "6", "text": "ok", "lang": 3}),
                "",
                json.dumps({"id": 7, "text": "Volkswagen nutzt künftig Chips von Nvidia"}),
            ]
        )
        + "\n"
    )
    out, err = io.StringIO(), io.StringIO()
    status = cmd_extract(src, out, err=err)
    assert status == 1
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["id"] for line in lines] == ["1", 7]
    assert {"type": "partnership", "parties": ["Samsung", "Google"]} in lines[0]["events"]
    messages = err.getvalue().splitlines()
    assert [m.split(":")[0] for m in messages] == ["line 2", "line 3", "line 4", "line 5", "line 6"]
    assert "not valid JSON" in messages[0]
    assert 'missing "id"' in messages[2]


def test_cmd_extract_keeps_going_past_a_text_the_grammars_trip_over() -> None:
    def tripping(text: str, lang: str | None) -> list[Any]:
        if "trip" in text:
            raise KeyError(text)
        return []

    rows = [{"id": "a", "text": "fine"}, {"id": "b", "text": "trip"}, {"id": "c", "text": "ok"}]
    src = io.StringIO("".join(json.dumps(row) + "\n" for row in rows))
    out, err = io.StringIO(), io.StringIO()
    assert cmd_extract(src, out, err=err, extractor=tripping) == 1
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["id"] for line in lines] == ["a", "b", "c"]
    assert lines[1]["events"] == [] and "trip" in lines[1]["error"]
    assert err.getvalue().startswith("line 2: extraction failed (KeyError")


def test_cmd_extract_clean_input_exits_zero() -> None:
    src = io.StringIO(json.dumps({"id": "x", "text": "nothing to see"}) + "\n")
    out = io.StringIO()
    assert cmd_extract(src, out, err=io.StringIO()) == 0
    assert json.loads(out.getvalue()) == {"id": "x", "events": []}


def test_cmd_eval_on_a_small_gold_file(tmp_path: Path) -> None:
    text = "Samsung teams up with Google on XR headsets"
    gold = tmp_path / "gold.jsonl"
    rows = [
        {"id": "1", "lang": "en", "text": text, "events": [partnership("Samsung", "Google")]},
        {"id": "2", "lang": "en", "text": "Nothing happened today", "events": []},
    ]
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert cmd_eval(str(gold), out, as_json=True, err=err) == 1
    assert "gold.jsonl:3" in err.getvalue()
    data = json.loads(out.getvalue())
    assert data["by_type"]["partnership"]["tp"] == 1
    assert data["by_type"]["partnership"]["fp"] == 0
    text_out = io.StringIO()
    cmd_eval(str(gold), text_out, err=io.StringIO())
    assert "partnership (lenient)" in text_out.getvalue()


def test_cmd_eval_missing_file(tmp_path: Path) -> None:
    err = io.StringIO()
    assert cmd_eval(str(tmp_path / "absent.jsonl"), io.StringIO(), err=err) == 2
    assert "absent.jsonl: cannot read" in err.getvalue()


@pytest.mark.parametrize(
    ("payload", "code"),
    [(b"\xff\xfe\x00bad", 2), (b'{"id": "1", "text": "x", "events": 5}\n', 1)],
)
def test_cmd_eval_unusable_gold(tmp_path: Path, payload: bytes, code: int) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_bytes(payload)
    err = io.StringIO()
    assert cmd_eval(str(gold), io.StringIO(), err=err) == code
    assert err.getvalue()


def test_consensus_is_scored_on_the_figures_its_label_carries() -> None:
    gold = {"type": "consensus", "company": "Meta Platforms", "buy": 60, "hold": 7, "sell": 1}
    record = {"id": "c1", "lang": "en", "text": "x", "events": [gold]}
    found = {**gold, "company": "Meta", "rating": "buy", "analysts": 68, "median_target": 650}
    assert score([record], {"c1": [found]}).by_type["consensus"].tp == 1
    wrong = {**found, "hold": 8}
    assert score([record], {"c1": [wrong]}).by_type["consensus"].fp == 1
