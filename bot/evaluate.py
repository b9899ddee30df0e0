"""Extraction over JSON Lines, and precision/recall of extraction against gold labels.

Gold format: data/eval/SCHEMA.md. An analyst event matches when type, broker, company,
rating_action and target_action agree (names compared case-insensitively, whitespace
normalised); the other fields are then scored as per-field accuracy. A partnership matches
strictly when the normalised party sets are equal, and leniently when every party pairs up with
a compatible name on the other side ("Dialog Semi" ~ "Dialog", "Volkswagen-Konzern" ~
"Volkswagen"). Events are paired one-to-one within each text, so a duplicate counts as a false
positive. Predicted event types the gold does not label are counted, not scored.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, TextIO

from bot.text_file import InputFileError, read_text_file

LABELLED_TYPES = ("analyst", "partnership")
ANALYST_FIELDS = ("rating", "target", "prior_target", "currency")
_LEGAL_SUFFIX = re.compile(
    r"(?:\s+(?:inc|incorporated|corp|corporation|co|ltd|llc|plc|ag|se|gmbh|sa|nv|kgaa))+$"
)


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(slots=True)
class EvalReport:
    texts: int = 0
    by_type: dict[str, Counts] = field(default_factory=dict)
    partnership_lenient: Counts = field(default_factory=Counts)
    by_lang: dict[str, dict[str, Counts]] = field(default_factory=dict)
    field_correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ANALYST_FIELDS, 0))
    matched_analyst: int = 0
    unscored: dict[str, int] = field(default_factory=dict)

    def field_accuracy(self) -> dict[str, float]:
        if not self.matched_analyst:
            return dict.fromkeys(ANALYST_FIELDS, 0.0)
        return {name: n / self.matched_analyst for name, n in self.field_correct.items()}

    def to_dict(self) -> dict[str, Any]:
        return {
            "texts": self.texts,
            "by_type": {name: c.to_dict() for name, c in sorted(self.by_type.items())},
            "partnership_lenient": self.partnership_lenient.to_dict(),
            "by_lang": {
                lang: {name: c.to_dict() for name, c in sorted(types.items())}
                for lang, types in sorted(self.by_lang.items())
            },
            "analyst_fields": {
                "matched": self.matched_analyst,
                **{k: round(v, 4) for k, v in self.field_accuracy().items()},
            },
            "unscored": dict(sorted(self.unscored.items())),
        }


def normalise_name(name: object) -> str:
    """Case-folded, punctuation-free, whitespace-collapsed, without a trailing legal suffix."""
    text = str(name or "").casefold()
    text = re.sub(r"\s*&\s*", "&", text)
    text = re.sub(r"(?:'s|’s|['’])(?=\s|$)", "", text)
    text = re.sub(r"[^\w&+]+", " ", text).strip()
    return _LEGAL_SUFFIX.sub("", text).strip()


def names_compatible(a: str, b: str) -> bool:
    """Lenient name match on normalised names: equal, one extends the other, or near-inflection."""
    if a == b:
        return True
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    if long.startswith(short + " ") or set(short.split()) <= set(long.split()):
        return True
    # German inflection: "Technischen Universität Wien" ~ "Technische Universität (TU) Wien"
    short_stems = {_stem(word) for word in short.split()}
    long_stems = {_stem(word) for word in long.split()}
    return _stem(short.split()[0]) == _stem(long.split()[0]) and short_stems <= long_stems


def _stem(word: str) -> str:
    return re.sub(r"(?:en|er|es|em|e|n|s)$", "", word) if len(word) > 4 else word


def score(
    gold_records: Iterable[Mapping[str, Any]], predicted: Mapping[str, list[dict[str, Any]]]
) -> EvalReport:
    """Score predicted events (by record id) against gold records."""
    report = EvalReport()
    gold_list = list(gold_records)
    scored = set(LABELLED_TYPES)
    for record in gold_list:
        scored.update(str(e.get("type")) for e in record.get("events", []))
    for name in scored:
        report.by_type.setdefault(name, Counts())
    for record in gold_list:
        report.texts += 1
        lang = str(record.get("lang") or "?")
        gold_events = list(record.get("events", []))
        pred_events = list(predicted.get(str(record.get("id")), []))
        lang_counts = report.by_lang.setdefault(lang, {})
        for event in pred_events:
            kind = str(event.get("type"))
            if kind not in scored:
                report.unscored[kind] = report.unscored.get(kind, 0) + 1
        for kind in scored:
            gold_k = [e for e in gold_events if e.get("type") == kind]
            pred_k = [e for e in pred_events if e.get("type") == kind]
            matcher = _analyst_key_match if kind == "analyst" else _matcher_for(kind)
            pairs = _pair(gold_k, pred_k, matcher)
            counts = Counts(len(pairs), len(pred_k) - len(pairs), len(gold_k) - len(pairs))
            report.by_type[kind].add(counts)
            lang_counts.setdefault(kind, Counts()).add(counts)
            if kind == "analyst":
                _score_fields(report, pairs)
            if kind == "partnership":
                lenient = _pair(gold_k, pred_k, _parties_lenient)
                report.partnership_lenient.add(
                    Counts(len(lenient), len(pred_k) - len(lenient), len(gold_k) - len(lenient))
                )
    return report


Matcher = Callable[[Mapping[str, Any], Mapping[str, Any]], bool]


def _matcher_for(kind: str) -> Matcher:
    if kind == "partnership":
        return _parties_strict
    if kind == "consensus":
        return _consensus_match
    return lambda gold, pred: _plain(gold) == _plain(pred)


def _consensus_match(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    """Same company (names compared as for analysts) and every other figure the gold label
    carries equal: a label written before a figure was extracted does not count it."""
    if not names_compatible(
        normalise_name(gold.get("company")), normalise_name(pred.get("company"))
    ):
        return False
    return all(
        _field_equal(name, value, pred.get(name))
        for name, value in gold.items()
        if name not in ("type", "company")
    )


def _plain(event: Mapping[str, Any]) -> str:
    return json.dumps(event, sort_keys=True, ensure_ascii=False)


def _pair(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]], matches: Matcher
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Greedy one-to-one pairing in gold order; each predicted event is used at most once."""
    used: set[int] = set()
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for g in gold:
        for index, p in enumerate(pred):
            if index not in used and matches(g, p):
                used.add(index)
                pairs.append((g, p))
                break
    return pairs


def _analyst_key_match(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    return (
        normalise_name(gold.get("broker")) == normalise_name(pred.get("broker"))
        and normalise_name(gold.get("company")) == normalise_name(pred.get("company"))
        and gold.get("rating_action") == pred.get("rating_action")
        and gold.get("target_action") == pred.get("target_action")
    )


def _score_fields(report: EvalReport, pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    for gold, pred in pairs:
        report.matched_analyst += 1
        for name in ANALYST_FIELDS:
            if _field_equal(name, gold.get(name), pred.get(name)):
                report.field_correct[name] += 1


def _field_equal(name: str, gold: object, pred: object) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    if name in ("target", "prior_target", "mean_target", "median_target"):
        try:
            return abs(float(gold) - float(pred)) < 1e-6  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return False
    return " ".join(str(gold).casefold().split()) == " ".join(str(pred).casefold().split())


def _party_names(event: Mapping[str, Any]) -> list[str]:
    parties = event.get("parties") or []
    if not isinstance(parties, list | tuple):
        return []
    return [normalise_name(p) for p in parties]


def _parties_strict(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    return set(_party_names(gold)) == set(_party_names(pred))


def _parties_lenient(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    g_names = list(dict.fromkeys(_party_names(gold)))
    p_names = list(dict.fromkeys(_party_names(pred)))
    if len(g_names) != len(p_names):
        return False
    free = list(p_names)
    for name in g_names:
        match = next((p for p in free if p == name), None)
        match = match or next((p for p in free if names_compatible(name, p)), None)
        if match is None:
            return False
        free.remove(match)
    return True


# --- command bodies ------------------------------------------------------------------------


def _decoded(line: str | bytes) -> str:
    if isinstance(line, str):
        return line
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text ({exc.reason} at column {exc.start + 1})") from None


def cmd_extract(
    src: Iterable[str | bytes],
    out: TextIO,
    *,
    err: TextIO | None = None,
    extractor: Callable[[str, str | None], Iterable[Any]] | None = None,
) -> int:
    """JSON Lines {"id", "text", "lang"?} in, {"id", "events"} out; 1 if any line was bad.

    Lines may be bytes (stdin): one that is not UTF-8 is reported like any other bad line."""
    if extractor is None:
        from rules.extract import extract

        extractor = extract

    err = err or sys.stderr
    bad = 0
    for number, raw in enumerate(src, start=1):
        try:
            line = _decoded(raw)
            if not line.strip():
                continue
            item_id, text, lang = _parse_item(line)
            events = [event.to_dict() for event in extractor(text, lang)]
        except ValueError as exc:
            bad += 1
            print(f"line {number}: {exc}", file=err)
            continue
        except Exception as exc:
            # One text the grammars trip over costs its own line, never the rest of the file.
            bad += 1
            print(f"line {number}: extraction failed ({type(exc).__name__}: {exc})", file=err)
            out.write(json.dumps({"id": item_id, "events": [], "error": str(exc)}) + "\n")
            continue
        out.write(json.dumps({"id": item_id, "events": events}, ensure_ascii=False) + "\n")
    return 1 if bad else 0


def _parse_item(line: str) -> tuple[Any, str, str | None]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(item, dict):
        raise ValueError(f"expected a JSON object, got {type(item).__name__}")
    if "id" not in item:
        raise ValueError('missing "id"')
    text = item.get("text")
    if not isinstance(text, str):
        raise ValueError('"text" must be a string')
    lang = item.get("lang")
    if lang is not None and not isinstance(lang, str):
        raise ValueError('"lang" must be a string such as "en" or "de"')
    return item["id"], text, lang


def event_types() -> tuple[str, ...]:
    """Every event type extraction can produce, from the event classes themselves."""
    from rules import events

    found = []
    for value in vars(events).values():
        if is_dataclass(value) and isinstance(value, type):
            for spec in fields(value):
                if spec.name == "type" and isinstance(spec.default, str):
                    found.append(spec.default)
    return tuple(sorted(found))


def _gold_problem(record: Any, known: tuple[str, ...]) -> str | None:
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return 'expected an object with a "text" string'
    if "events" not in record:
        return 'missing "events" (write "events": [] for a text without events)'
    events = record["events"]
    if not isinstance(events, list):
        return '"events" must be a list'
    for index, event in enumerate(events):
        if not isinstance(event, dict):
            return f"events[{index}] must be an object"
        if event.get("type") not in known:
            return f"events[{index}]: unknown type {event.get('type')!r}; known: {', '.join(known)}"
    return None


def load_gold(path: str, err: TextIO) -> tuple[list[dict[str, Any]], int]:
    """Gold records from a JSON Lines file, and the number of unusable lines (reported on err).
    A file that cannot be read at all raises InputFileError."""
    records: list[dict[str, Any]] = []
    bad = 0
    known = event_types()
    for number, line in enumerate(read_text_file(path), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            bad += 1
            print(f"{path}:{number}: not valid JSON ({exc.msg})", file=err)
            continue
        problem = _gold_problem(record, known)
        if problem is not None:
            bad += 1
            print(f"{path}:{number}: {problem}", file=err)
            continue
        record.setdefault("id", str(number))
        records.append(record)
    return records, bad


SPLITS = ("study", "score")


def split_of(text: str) -> str:
    """The half of a labelled file a text falls in, fixed by its hash: errors are studied in
    "study" only, so "score" measures how well the rules carry over to text not looked at."""
    first = hashlib.sha1(text.encode("utf-8")).hexdigest()[0]
    return "study" if first < "a" else "score"


def cmd_eval(
    gold_path: str,
    out: TextIO,
    as_json: bool = False,
    *,
    err: TextIO | None = None,
    split: str | None = None,
) -> int:
    """Run extraction over a gold file and print precision/recall/F1; with `split` ("study"
    or "score"), over that half of it only.

    Exit code 1 when some lines were unusable (reported, the rest scored), 2 when the file
    cannot be read at all."""
    from rules.extract import extract

    err = err or sys.stderr
    try:
        records, bad = load_gold(gold_path, err)
    except InputFileError as exc:
        print(f"error: {exc}", file=err)
        return 2
    if split is not None:
        records = [record for record in records if split_of(record["text"]) == split]
        gold_path = f"{gold_path} [{split}]"
    predicted: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        lang = record.get("lang") if isinstance(record.get("lang"), str) else None
        events = extract(record["text"], lang)
        predicted[str(record["id"])] = [event.to_dict() for event in events]
    report = score(records, predicted)
    if as_json:
        out.write(json.dumps({"gold": gold_path, **report.to_dict()}, ensure_ascii=False) + "\n")
    else:
        out.write(format_report(report, title=gold_path))
    return 1 if bad else 0


def _ratio(value: float, defined: bool) -> str:
    """A score column; 'n/a' when nothing was there to score (0.000 would read as a failure)."""
    return f"{value:>8.3f}" if defined else f"{'n/a':>8}"


def format_report(report: EvalReport, title: str = "") -> str:
    lines = [f"{title} ({report.texts} texts)" if title else f"{report.texts} texts"]
    header = f"  {'':<22}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}"
    lines.append(header)
    rows = [(name, c) for name, c in sorted(report.by_type.items())]
    rows.append(("partnership (lenient)", report.partnership_lenient))
    for lang, types in sorted(report.by_lang.items()):
        rows.extend((f"{lang}: {name}", c) for name, c in sorted(types.items()))
    for name, c in rows:
        has_precision, has_recall = bool(c.tp + c.fp), bool(c.tp + c.fn)
        lines.append(
            f"  {name:<22}{c.tp:>5}{c.fp:>5}{c.fn:>5}"
            f"{_ratio(c.precision, has_precision)}{_ratio(c.recall, has_recall)}"
            f"{_ratio(c.f1, has_precision and has_recall)}"
        )
    accuracy = report.field_accuracy()
    matched = bool(report.matched_analyst)
    scores = "  ".join(
        f"{name} {_ratio(accuracy[name], matched).strip()}" for name in ANALYST_FIELDS
    )
    lines.append(f"  analyst fields over {report.matched_analyst} matched: {scores}")
    if report.unscored:
        counts = ", ".join(f"{k} {v}" for k, v in sorted(report.unscored.items()))
        lines.append(f"  unscored predictions: {counts}")
    return "\n".join(lines) + "\n"
