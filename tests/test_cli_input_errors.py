"""Bad input to extract, eval and replay: a clear message, never a traceback, documented codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from local_http import unused_port

from bot.evaluate import cmd_eval, cmd_extract
from bot.replay_input import MAX_PROBLEMS, ReplayInputError, read_items, read_quotes

REPO = Path(__file__).resolve().parents[1]
SCENARIO = REPO / "tests" / "data" / "replay"
COMMAND_TIMEOUT_S = 60.0
ALIBABA = "Needham Maintains Buy on Alibaba, Raises Price Target to $88"


def bot_command(*arguments: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *arguments],
        cwd=REPO,
        input=stdin,
        capture_output=True,
        timeout=COMMAND_TIMEOUT_S,
        check=False,
    )


def text_line(item_id: str, text: str = ALIBABA) -> bytes:
    return (json.dumps({"id": item_id, "text": text}) + "\n").encode()


# -- extract ----------------------------------------------------------------------------------


def test_extract_on_a_missing_file_names_it_and_exits_2(tmp_path: Path) -> None:
    missing = tmp_path / "absent.jsonl"
    result = bot_command("extract", str(missing))
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert f"error: {missing}: cannot read: No such file or directory" in stderr
    assert "Traceback" not in stderr


def test_extract_on_a_binary_file_names_it_and_exits_2(tmp_path: Path) -> None:
    binary = tmp_path / "image.png"
    binary.write_bytes(text_line("1") + b"\x89PNG\r\n\x1a\n\x00\xff\xfe")
    result = bot_command("extract", str(binary))
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert f"error: {binary}:2: not UTF-8 text" in stderr
    assert "Traceback" not in stderr
    assert result.stdout == b""


def test_extract_on_a_directory_exits_2(tmp_path: Path) -> None:
    result = bot_command("extract", str(tmp_path))
    assert result.returncode == 2
    assert f"error: {tmp_path}: cannot read: Is a directory" in result.stderr.decode()


def test_undecodable_stdin_lines_are_reported_and_the_rest_extracted() -> None:
    stdin = text_line("1") + b'{"id": "2", "text": "caf\xe9"}\n' + text_line("3")
    result = bot_command("extract", "-", stdin=stdin)
    assert result.returncode == 1
    stderr = result.stderr.decode()
    assert "line 2: not UTF-8 text (invalid continuation byte at column 25)" in stderr
    assert "Traceback" not in stderr
    ids = [json.loads(line)["id"] for line in result.stdout.decode().splitlines()]
    assert ids == ["1", "3"]


def test_cmd_extract_reads_byte_lines() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert cmd_extract([text_line("1"), b"\xff\n"], out, err=err) == 1
    assert json.loads(out.getvalue())["id"] == "1"
    assert err.getvalue().startswith("line 2: not UTF-8 text")


# -- eval -------------------------------------------------------------------------------------


def test_eval_on_a_missing_file_exits_2(tmp_path: Path) -> None:
    missing = tmp_path / "gold.jsonl"
    result = bot_command("eval", str(missing))
    assert result.returncode == 2
    assert f"error: {missing}: cannot read" in result.stderr.decode()


def test_eval_on_a_binary_file_exits_2(tmp_path: Path) -> None:
    binary = tmp_path / "gold.jsonl"
    binary.write_bytes(b"\x00\xff\xfe\xfd")
    result = bot_command("eval", str(binary))
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert f"error: {binary}:1: not UTF-8 text" in stderr
    assert "Traceback" not in stderr


@pytest.mark.parametrize(
    ("record", "problem"),
    [
        ({"id": "1", "text": "x"}, 'missing "events"'),
        ({"id": "1", "text": "x", "events": [{"type": "merger"}]}, "unknown type 'merger'"),
        ({"id": "1", "text": "x", "events": [{"broker": "Citi"}]}, "unknown type None"),
        ({"id": "1", "text": "x", "events": ["analyst"]}, "events[0] must be an object"),
    ],
)
def test_eval_reports_a_gold_line_it_cannot_score(
    tmp_path: Path, record: dict[str, object], problem: str
) -> None:
    gold = tmp_path / "gold.jsonl"
    good = {"id": "0", "text": ALIBABA, "events": []}
    gold.write_text(json.dumps(good) + "\n" + json.dumps(record) + "\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert cmd_eval(str(gold), out, err=err) == 1
    assert f"{gold}:2: " in err.getvalue()
    assert problem in err.getvalue()
    assert "(1 texts)" in out.getvalue()


def test_eval_prints_n_a_for_buckets_with_nothing_to_score(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "1", "text": "Nothing here", "events": []}) + "\n")
    out = io.StringIO()
    assert cmd_eval(str(gold), out, err=io.StringIO()) == 0
    analyst = next(line for line in out.getvalue().splitlines() if line.startswith("  analyst "))
    assert analyst.split() == ["analyst", "0", "0", "0", "n/a", "n/a", "n/a"]
    assert "0.000" not in out.getvalue()
    assert "matched: rating n/a  target n/a" in out.getvalue()


# -- replay input -----------------------------------------------------------------------------


def quotes_file(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "quotes.csv"
    path.write_text("time,symbol,price\n" + "".join(row + "\n" for row in rows))
    return path


@pytest.mark.parametrize("price", ["nan", "inf", "-inf", "NaN", "0", "-3.5"])
def test_replay_refuses_prices_that_are_not_finite_and_positive(tmp_path: Path, price: str) -> None:
    path = quotes_file(tmp_path, f"2026-03-02T14:00:00Z,BABA,{price}")
    with pytest.raises(ReplayInputError) as raised:
        read_quotes(path)
    assert raised.value.problems == [f"{path}:2: price {price!r} must be a positive number"]


@pytest.mark.parametrize("row", ["2026-03-02T14:00:00Z,BABA,", "2026-03-02T14:00:00Z,BABA"])
def test_replay_names_a_missing_price(tmp_path: Path, row: str) -> None:
    path = quotes_file(tmp_path, row)
    with pytest.raises(ReplayInputError) as raised:
        read_quotes(path)
    assert raised.value.problems == [f"{path}:2: missing price"]


def test_replay_reports_every_bad_line_up_to_a_cap(tmp_path: Path) -> None:
    good = "2026-03-02T14:00:00Z,BABA,150"
    bad = [f"2026-03-02T14:00:{n:02d}Z,BABA,x{n}" for n in range(MAX_PROBLEMS + 5)]
    path = quotes_file(tmp_path, good, "2026-03-02T14:00:00Z,BABA,nan", *bad)
    with pytest.raises(ReplayInputError) as raised:
        read_quotes(path)
    found = raised.value.problems
    assert found[0] == f"{path}:3: price 'nan' must be a positive number"
    assert found[1] == f"{path}:4: price 'x0' is not a number"
    assert len(found) == MAX_PROBLEMS + 1
    assert found[-1] == "... and 6 more problem(s)"


def test_replay_names_the_line_of_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "items.jsonl"
    path.write_bytes(b'{"id": "a"}\n{"title": "\xff"}\n')
    with pytest.raises(ReplayInputError) as raised:
        read_items(path)
    assert raised.value.problems == [
        f"{path}:2: not UTF-8 text (invalid start byte at byte 23); is this a binary file?"
    ]


def test_replay_items_with_a_malformed_language_are_named(tmp_path: Path) -> None:
    path = tmp_path / "items.jsonl"
    lines = [
        {"id": "a", "title": "t", "published": "2026-03-02T14:00:00Z", "lang": "french"},
        {"id": "b", "title": "t", "published": "2026-03-02T14:00:00Z", "lang": "de"},
        {"id": "c", "title": "t", "published": "yesterday"},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    with pytest.raises(ReplayInputError) as raised:
        read_items(path)
    assert raised.value.problems[0] == (
        f"{path}:1: lang 'french' is not a language code; write one like en, de, fr or pt-BR"
    )
    assert raised.value.problems[1].startswith(f"{path}:3: published: 'yesterday'")
    assert len(raised.value.problems) == 2


def test_replay_cli_prints_every_problem_and_warns_about_unwatched_symbols(
    tmp_path: Path,
) -> None:
    bad = quotes_file(tmp_path, "2026-03-02T14:00:00Z,BABA,nan", "2026-03-02T14:01:00Z,BABA,")
    result = bot_command("replay", "-c", str(SCENARIO / "config.yaml"), "--quotes", str(bad))
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert f"error: {bad}:2: price 'nan' must be a positive number" in stderr
    assert f"error: {bad}:3: missing price" in stderr

    unwatched = quotes_file(tmp_path, *(f"2026-03-02T14:0{n}:00Z,ZZZZ,{100 + n}" for n in range(3)))
    result = bot_command("replay", "-c", str(SCENARIO / "config.yaml"), "--quotes", str(unwatched))
    assert result.returncode == 0, result.stderr.decode()
    stderr = result.stderr.decode()
    assert stderr.count("ZZZZ is not on the watchlist; its 3 quote(s) are ignored") == 1


# -- exit code 3 ------------------------------------------------------------------------------


def test_run_with_an_unreachable_redis_exits_3(tmp_path: Path) -> None:
    port = unused_port()
    config = tmp_path / "config.yaml"
    config.write_text(f"redis:\n  url: redis://127.0.0.1:{port}/0\n", encoding="utf-8")
    result = bot_command("run", "-c", str(config))
    assert result.returncode == 3
    stderr = result.stderr.decode()
    assert "error: Redis is unavailable: " in stderr
    assert "Traceback" not in stderr
