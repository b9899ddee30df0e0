"""Partnership precision/recall on the labelled sets, split by a hash of each text.

    python benchmarks/partnership_eval.py [--errors study|score|fresh|all] [FILE ...]

Every dev file in ../shared/data/eval and tests/data/partnership_fresh.jsonl is split by
sha1(text) (`bot.evaluate.split_of`): first hex digit below 'a' is the part to study, the rest
is only scored, and so are tests/data/partnership_fresh3.jsonl, partnership_fresh4.jsonl
(news-article sentences) and partnership_fresh5.jsonl (press-release openers, wire and German
prose) and partnership_fresh6.jsonl (title-case wire headlines, Reuters/Bloomberg sentences,
German newsletter prose) and partnership_fresh7.jsonl (wire headlines, Reuters/Bloomberg
sentences, press-release openers, Handelsblatt and newsletter prose) and partnership_fresh8.jsonl
(wire headlines, Reuters/Bloomberg sentences, press-release openers, Handelsblatt and dpa-AFX
prose, hard negatives) and partnership_fresh9.jsonl (the same styles with unusual company-name
forms, licences, awards and technology adoption, hard negatives) and partnership_fresh10.jsonl
(press-release openers, Reuters/Bloomberg sentences, Title-Case headlines and Handelsblatt prose:
parties before the verb, partners after a preposition, licences, supply relations, awards,
technology adoption; M&A, stake, talks, termination, financing and order negatives) and
partnership_fresh11.jsonl (multi-sentence Reuters/Bloomberg/Handelsblatt/FAZ/dpa paragraphs with the
deal in a later sentence, press-release openers; hard negatives) and partnership_fresh12.jsonl
(Title-Case wire headlines, later-sentence paragraphs, press-release openers, German newsletter,
dpa-AFX and Handelsblatt prose; unusual name forms, consortia, hard negatives) and
partnership_fresh13.jsonl (German business-press paragraphs and press releases, Reuters/AP
paragraphs with the deal in a later sentence, trade press, Title-Case headlines; hard negatives) and
partnership_fresh14.jsonl (Title-Case Benzinga/GlobeNewswire/Business Wire/PR Newswire/Accesswire
headlines, press-release and Reuters/AP sentences, dpa-AFX/finanzen.net headlines and Handelsblatt
sentences: selections, awards, adoption, licences, supply, JVs, MoUs; cue words inside company
names and other hard negatives), split the same way.
tests/data/partnership_fresh2.jsonl is only scored, whole. "unseen pooled" adds
up every part the partnership model never trained on. Errors are printed only for the part
asked for, so the score-only parts stay unread.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.evaluate import score, split_of  # noqa: E402
from rules.extract.partnership import find_partnerships  # noqa: E402

EVAL_DIR = REPO.parent / "shared" / "data" / "eval"
FRESH = REPO / "tests" / "data" / "partnership_fresh.jsonl"
FRESH2 = REPO / "tests" / "data" / "partnership_fresh2.jsonl"
FRESH3 = REPO / "tests" / "data" / "partnership_fresh3.jsonl"
FRESH4 = REPO / "tests" / "data" / "partnership_fresh4.jsonl"
FRESH5 = REPO / "tests" / "data" / "partnership_fresh5.jsonl"
FRESH6 = REPO / "tests" / "data" / "partnership_fresh6.jsonl"
FRESH7 = REPO / "tests" / "data" / "partnership_fresh7.jsonl"
FRESH8 = REPO / "tests" / "data" / "partnership_fresh8.jsonl"
FRESH9 = REPO / "tests" / "data" / "partnership_fresh9.jsonl"
FRESH10 = REPO / "tests" / "data" / "partnership_fresh10.jsonl"
FRESH11 = REPO / "tests" / "data" / "partnership_fresh11.jsonl"
FRESH12 = REPO / "tests" / "data" / "partnership_fresh12.jsonl"
FRESH13 = REPO / "tests" / "data" / "partnership_fresh13.jsonl"
FRESH14 = REPO / "tests" / "data" / "partnership_fresh14.jsonl"


def part_of(text: str) -> str:
    return split_of(text)


def _records(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _evaluate(records: list[dict[str, Any]], label: str, show: bool) -> None:
    gold: list[dict[str, Any]] = []
    predicted: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        record = dict(record)
        record["events"] = [e for e in record["events"] if e["type"] == "partnership"]
        gold.append(record)
        events = [e.to_dict() for e in find_partnerships(record["text"], record["lang"])]
        predicted[record["id"]] = events
        if show:
            want = sorted(sorted(e["parties"]) for e in record["events"])
            got = sorted(sorted(e["parties"]) for e in events)
            if want != got:
                print(f"  [{record['lang']}] {record['text'][:240]}")
                print(f"      gold {want}\n      got  {got}")
    report = score(gold, predicted)
    strict, lenient = report.by_type["partnership"], report.partnership_lenient
    print(
        f"{label:28} positives {strict.tp + strict.fn:3}  strict P/R "
        f"{strict.precision:.3f}/{strict.recall:.3f}  lenient P/R "
        f"{lenient.precision:.3f}/{lenient.recall:.3f}  (tp {lenient.tp} fp {lenient.fp} "
        f"fn {lenient.fn})"
    )


def _split_file(
    path: Path, name: str, kinds: tuple[str, ...], show: str | None
) -> list[dict[str, Any]]:
    """Score a fresh file's study and score parts (and the score part by source kind and in
    German); its score part, for the unseen pool."""
    records = _records(path)
    study = [r for r in records if part_of(r["text"]) == "study"]
    scored = [r for r in records if part_of(r["text"]) == "score"]
    _evaluate(study, f"{name} study part", show in ("study", "all"))
    _evaluate(scored, f"{name} score-only part", show in ("fresh", "all"))
    for kind in kinds:
        _evaluate([r for r in scored if r["source"] == kind], f"{name} score {kind}", False)
    _evaluate([r for r in scored if r["lang"] == "de"], f"{name} score german", False)
    return scored


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--errors", choices=("study", "score", "fresh", "all"), default=None)
    arguments = parser.parse_args()
    parts: dict[str, list[dict[str, Any]]] = {"study": [], "score": []}
    for path in sorted(EVAL_DIR.glob("*.dev.jsonl")):
        for record in _records(path):
            parts[part_of(record["text"])].append(record)
    show = arguments.errors
    _evaluate(parts["study"], "dev study part", show in ("study", "all"))
    _evaluate(parts["score"], "dev score-only part", show in ("score", "all"))
    unseen = list(parts["score"])
    if FRESH.is_file():
        fresh = _records(FRESH)
        fresh_study = [r for r in fresh if part_of(r["text"]) == "study"]
        fresh_score = [r for r in fresh if part_of(r["text"]) == "score"]
        _evaluate(fresh_study, "fresh study part", show in ("study", "all"))
        _evaluate(fresh_score, "fresh score-only part", show in ("fresh", "all"))
        headlines = [r for r in fresh_score if r.get("source", "").endswith("headline")]
        _evaluate(headlines, "fresh score headlines", False)
        _evaluate([r for r in fresh_score if r not in headlines], "fresh score sentences", False)
        unseen.extend(fresh_score)
    if FRESH2.is_file():
        fresh2 = _records(FRESH2)
        _evaluate(fresh2, "fresh2 (never trained on)", show in ("fresh", "all"))
        unseen.extend(fresh2)
    for name, path, kinds in (
        ("fresh3", FRESH3, ("wire-headline", "reuters-sentence")),
        ("fresh4", FRESH4, ()),
    ):
        if path.is_file():
            unseen.extend(_split_file(path, name, kinds, show))
    _evaluate(unseen, "unseen pooled before fresh5", False)
    if FRESH5.is_file():
        unseen.extend(_split_file(FRESH5, "fresh5", (), show))
    if FRESH6.is_file():
        unseen.extend(
            _split_file(
                FRESH6,
                "fresh6",
                ("wire-headline", "reuters-sentence", "bloomberg-sentence"),
                show,
            )
        )
    _evaluate(unseen, "unseen pooled before fresh7", False)
    if FRESH7.is_file():
        unseen.extend(
            _split_file(
                FRESH7,
                "fresh7",
                ("wire-headline", "reuters-sentence", "bloomberg-sentence", "prwire"),
                show,
            )
        )
    wire_kinds = ("wire-headline", "reuters-sentence", "bloomberg-sentence", "prwire")
    later: tuple[tuple[str, Path, tuple[str, ...]], ...] = (
        ("fresh8", FRESH8, wire_kinds),
        ("fresh9", FRESH9, wire_kinds),
        # fresh10 names its source kinds apart from the earlier sets'
        (
            "fresh10",
            FRESH10,
            tuple(f"fresh10-{kind}" for kind in ("wire-headline", "reuters-sentence", "prwire")),
        ),
        (
            "fresh11",
            FRESH11,
            tuple(
                f"fresh11-{kind}" for kind in ("reuters-paragraph", "bloomberg-paragraph", "prwire")
            ),
        ),
        (
            "fresh12",
            FRESH12,
            tuple(
                f"fresh12-{kind}"
                for kind in ("wire-headline", "reuters-paragraph", "bloomberg-paragraph", "prwire")
            ),
        ),
        (
            "fresh13",
            FRESH13,
            tuple(
                f"fresh13-{kind}"
                for kind in (
                    "wire-headline",
                    "reuters-paragraph",
                    "ap-paragraph",
                    "trade-press",
                    "prwire",
                    "pressemitteilung-de",
                    "dpa-paragraph",
                )
            ),
        ),
        (
            "fresh14",
            FRESH14,
            tuple(
                f"fresh14-{kind}"
                for kind in (
                    "benzinga-headline",
                    "globenewswire-headline",
                    "businesswire-headline",
                    "prnewswire-headline",
                    "accesswire-headline",
                    "prwire-sentence",
                    "reuters-sentence",
                    "ap-sentence",
                    "dpa-headline",
                    "finanzen-headline",
                    "handelsblatt-sentence",
                )
            ),
        ),
    )
    for name, path, source_kinds in later:
        _evaluate(unseen, f"unseen pooled before {name}", False)
        if path.is_file():
            _evaluate(_records(path), f"{name} whole", False)
            unseen.extend(_split_file(path, name, source_kinds, show))
    _evaluate(unseen, "unseen pooled", False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
