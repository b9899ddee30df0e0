"""`python -m bot`: run, demo, check-config, extract, eval, replay, import-opml, parse-feeds.
Signals are handled only here."""

from __future__ import annotations

import argparse
import asyncio
import errno
import ipaddress
import logging
import os
import signal
import sys
import threading
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from redis.exceptions import RedisError
from telegram.error import InvalidToken, NetworkError, TelegramError

from bot.config import (
    JSON_PATH_KEYS,
    JSON_PATHS_REQUIRED,
    AnyPriceSource,
    Config,
    ConfigError,
    load_config,
)
from bot.durations import format_duration
from bot.redact import Redactor, install, redact_url
from bot.redis_server import RedisUnavailable
from bot.roles import Role
from rules.base import RuleOptions

log = logging.getLogger("bot")

EXIT_OK = 0
EXIT_BAD_LINES = 1  # extract/eval: some input lines were reported and skipped, the rest written
EXIT_CONFIG = 2  # the config, a command-line argument or an input file is unusable
EXIT_UNAVAILABLE = 3  # Redis cannot be reached or started, or its data dir is unusable
EXIT_TELEGRAM = 4  # the Bot API rejected the token, refused start-up or cannot be reached
EXIT_STARTUP = 5  # another resource start-up needs: the webhook port, a file
PUBLIC_MIN_INTERVAL_S = 60

T = TypeVar("T")


def _log_level(arguments: argparse.Namespace) -> int:
    if arguments.verbose:
        return logging.DEBUG
    # The demo is read as a story in a terminal, where INFO lines would break up its steps.
    return logging.WARNING if arguments.command == "demo" else logging.INFO


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    arguments = parser.parse_args(argv)
    _config_path(parser, arguments)
    logging.basicConfig(
        level=_log_level(arguments),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # A poll still running when its next turn comes is skipped by design, not worth a warning.
    logging.getLogger("apscheduler").setLevel(logging.ERROR)
    redactor = install()
    handler = _COMMANDS[arguments.command]
    try:
        return handler(arguments, redactor)
    except ConfigError as exc:
        print(redactor.text(str(exc)), file=sys.stderr)
        return EXIT_CONFIG
    except RedisUnavailable as exc:
        print(redactor.text(f"error: {exc}"), file=sys.stderr)
        return EXIT_UNAVAILABLE
    except RedisError as exc:
        print(redactor.text(f"error: Redis is unavailable: {exc}"), file=sys.stderr)
        return EXIT_UNAVAILABLE
    except Exception:
        # Through logging, so the traceback passes the redactor; Python's own hook would print
        # a token that an exception message carries.
        log.critical("stopped by an unexpected error", exc_info=True)
        return EXIT_BAD_LINES


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Tickerwatch: market news and price alerts, delivered to Telegram.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser(
        "run",
        help="poll the configured feeds and prices and send alerts",
        description="Poll feeds and prices, evaluate the rules, and send alerts to Telegram "
        "(or print them when telegram.token is empty). Stops cleanly on Ctrl-C or SIGTERM.",
    )
    _config_argument(run, positional=True)
    run.add_argument(
        "--role",
        choices=[role.value for role in Role],
        default=Role.ALL.value,
        help="what this process does when several share one Redis: poll feeds and prices "
        "(poller), send alerts (notifier), answer Telegram (telegram), or all of it (default)",
    )

    demo = commands.add_parser(
        "demo",
        help="an offline scenario on local feeds and prices",
        description="Start an embedded Redis and a local market on 127.0.0.1, play a short "
        "scenario (a keyword hit, a price leaving its band and returning) and print every alert "
        "as it would be sent. Needs no network and no Telegram token.",
    )
    demo.add_argument("--json", action="store_true", help="one JSON object per alert and line")

    check = commands.add_parser(
        "check-config",
        help="validate a config file and summarise it",
        description="Validate the config file. Prints a summary and exits 0 when it is valid; "
        "prints file:line: key: problem for each error and exits 2 otherwise.",
    )
    _config_argument(check, positional=True)

    extract = commands.add_parser(
        "extract",
        help="extract market events from JSON Lines texts",
        description='Read JSON Lines {"id", "text", "lang"?} from FILE (or stdin with -) and '
        'write JSON Lines {"id", "events": [...]}. Each line is handled on its own.',
    )
    extract.add_argument("file", nargs="?", default="-", help="input file, or - for stdin")

    evaluate = commands.add_parser(
        "eval",
        help="score extraction against a labelled gold file",
        description="Run extraction over a gold JSON Lines file and print precision, recall "
        "and F1 per event type and accuracy per field.",
    )
    evaluate.add_argument("file", help="gold JSON Lines file")
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluate.add_argument(
        "--split",
        choices=("study", "score"),
        help="score only the texts whose hash puts them in this half of the file",
    )

    replay = commands.add_parser(
        "replay",
        help="dry-run the rules over recorded items and quotes",
        description="Run the real pipeline (extraction, rules, cooldowns, grouping) over a "
        "recorded timeline on a simulated clock and print the alerts that would be sent. Items "
        'are JSON Lines {"id", "source", "title", "summary", "link", "published", "lang"}; '
        "quotes are CSV with the columns time,symbol,price. No Telegram, no network.",
    )
    _config_argument(replay)
    replay.add_argument("--items", help="news items, JSON Lines")
    replay.add_argument("--quotes", help="quotes, CSV time,symbol,price")
    replay.add_argument(
        "--chats",
        help='subscribers, JSON Lines {"id", "lang", "watch": [...], "follow": [...]}: '
        "each alert then names the chats it reaches",
    )
    replay.add_argument("--json", action="store_true", help="one JSON object per alert and line")

    opml = commands.add_parser(
        "import-opml",
        help="print the feeds of an OPML file as YAML for the config",
        description="Read an OPML file (as feed readers export it) and print its feeds as YAML "
        "to paste under sources: feeds:. With -c, feeds already in that config are skipped and "
        "names stay unique.",
    )
    opml.add_argument("file", help="OPML file")
    opml.add_argument("-c", "--config", dest="opml_config", help="config file to add them to")
    opml.add_argument("--every", default="5m", help="poll interval of each feed (default 5m)")
    opml.add_argument(
        "--lang", default="en", type=_language_argument, help="language by default (en, de, fr...)"
    )
    _parse_feeds_parser(commands)
    return parser


def _parse_feeds_parser(commands: Any) -> None:
    parse = commands.add_parser(
        "parse-feeds",
        help="parse local feed files as the polls would",
        description="Parse each FILE as a fetched feed (RSS, Atom, JSON Feed; a web page is "
        'reported as one) and print one JSON line per file: {"file", "items", "bozo", '
        '"error"}. A file that cannot be read or parsed gets its error on its line and the '
        "others go on: the exit status is 0 whenever every file was reported, 2 for wrong "
        "arguments. With --items, each file is JSON read through the paths given, as a feed "
        "with format: json.",
    )
    parse.add_argument("files", nargs="+", metavar="FILE", help="feed files")
    parse.add_argument(
        "--lang", default="en", type=_language_argument, help="the feeds' language (default en)"
    )
    for key in JSON_PATH_KEYS:
        parse.add_argument(
            f"--{key}", metavar="PATH", type=_path_argument, help=f"{key} path (format: json)"
        )


def _config_argument(parser: argparse.ArgumentParser, *, positional: bool = False) -> None:
    # default=None, so that a positional FILE and -c FILE can be told apart (see _config_path).
    parser.add_argument("-c", "--config", help="config file (default: config.yaml)")
    if positional:
        parser.add_argument("file", nargs="?", help="config file, the same as -c FILE")


def _config_path(parser: argparse.ArgumentParser, arguments: argparse.Namespace) -> None:
    """`check-config FILE` and `check-config -c FILE` mean the same; both at once only when
    they name the same file."""
    if not hasattr(arguments, "config"):
        return
    given = getattr(arguments, "file", None)
    if given is not None and arguments.config is not None and given != arguments.config:
        parser.error(f"two config files given: {given} and -c {arguments.config}; give one")
    arguments.config = given or arguments.config or "config.yaml"


def _load(arguments: argparse.Namespace, redactor: Redactor) -> Config:
    config = load_config(arguments.config)
    redactor.add(config.telegram.token.get_secret_value())
    if config.telegram.webhook is not None:
        redactor.add(config.telegram.webhook.secret_token.get_secret_value())
    redactor.add(config.http.token.get_secret_value())
    redactor.add(config.http.basic_auth.password.get_secret_value())
    return config


def _run(arguments: argparse.Namespace, redactor: Redactor) -> int:
    config = _load(arguments, redactor)
    role = Role(arguments.role)
    if role is Role.TELEGRAM and not config.telegram.token.get_secret_value():
        print(f"error: --role {role} needs telegram.token (TELEGRAM_BOT_TOKEN)", file=sys.stderr)
        return EXIT_CONFIG
    _warn_if_nothing_watched(config, arguments.config)
    if role.polls:
        _warn_about_short_intervals(config)
    return asyncio.run(_serve(config, arguments.config, redactor, role))


def startup_failure(error: BaseException, config: Config) -> tuple[int, str] | None:
    """The exit code and one line for an error that stops start-up; None for a bug."""
    telegram = config.telegram
    if isinstance(error, InvalidToken):
        return EXIT_TELEGRAM, (
            "Telegram rejected the bot token (telegram.token); copy it again from @BotFather"
        )
    if isinstance(error, NetworkError):  # also TimedOut
        where = redact_url(telegram.base_url)
        return EXIT_TELEGRAM, f"cannot reach the Telegram Bot API at {where}: {error}"
    if isinstance(error, TelegramError):
        return EXIT_TELEGRAM, f"Telegram refused to start the bot: {error}"
    if not isinstance(error, OSError):
        return None
    from bot.ops.server import ListenError

    if isinstance(error, ListenError):
        return EXIT_STARTUP, str(error.strerror)
    data_dir = config.redis.data_dir
    if not config.redis.url and _concerns(error, data_dir):
        reason = "is not a directory" if data_dir.exists() and not data_dir.is_dir() else None
        reason = reason or f"cannot be used ({error.strerror or error})"
        return EXIT_UNAVAILABLE, f"redis.data_dir {data_dir} {reason}"
    webhook = telegram.webhook
    if webhook is not None and error.errno in (errno.EADDRINUSE, errno.EACCES, errno.EADDRNOTAVAIL):
        return EXIT_STARTUP, (
            f"cannot listen on {webhook.listen}:{webhook.port} for telegram.webhook "
            f"({os.strerror(error.errno).lower()}); free the port or change telegram.webhook.port"
        )
    return EXIT_STARTUP, f"start-up failed: {error.strerror or error}"


def _concerns(error: OSError, directory: Path) -> bool:
    """Whether `error` is about `directory` or a file in it."""
    named = [name for name in (error.filename, error.filename2) if name is not None]
    target = directory.resolve()
    for name in named:
        path = Path(str(name)).resolve()
        if path == target or target in path.parents or path in target.parents:
            return True
    return False


async def _serve(
    config: Config,
    path: str | None = None,
    redactor: Redactor | None = None,
    role: Role = Role.ALL,
) -> int:
    from bot.app import App

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.set_default_executor(AbandoningExecutor())
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    app = App(config, config_path=path, role=role)
    reloads: set[asyncio.Task[None]] = set()

    def reload_on_hangup() -> None:
        task = loop.create_task(_reload(app.reload))
        reloads.add(task)
        task.add_done_callback(reloads.discard)

    loop.add_signal_handler(signal.SIGHUP, reload_on_hangup)
    try:
        await app.start()
    except Exception as exc:
        failure = startup_failure(exc, config)
        if failure is None:
            raise
        code, message = failure
        log.debug("start-up failed", exc_info=True)  # the traceback, with -v
        text = f"error: {message}"
        print(redactor.text(text) if redactor is not None else text, file=sys.stderr)
        return code
    assert app.services is not None
    health = app.services.redis
    log.info("running; Ctrl-C or SIGTERM stops")
    try:
        waits = [
            asyncio.ensure_future(stop.wait()),
            asyncio.ensure_future(health.stop_requested.wait()),
        ]
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        for waiting in waits:
            waiting.cancel()
    finally:
        log.info("stopping")
        await app.stop()
    if health.fatal is not None:
        print(f"error: {health.fatal}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    return 0


class AbandoningExecutor(ThreadPoolExecutor):
    """The event loop's default executor, which runs mostly DNS lookups. Each call gets a daemon
    thread, and shutting down does not wait for them: a lookup stuck on a name server that does
    not answer would otherwise hold the process for the resolver's timeout after the stop.
    (asyncio accepts only a ThreadPoolExecutor here; none of its pool is used.)"""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()

        def run() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                result = fn(*args, **kwargs)
            except BaseException as exc:
                future.set_exception(exc)
            else:
                future.set_result(result)

        threading.Thread(target=run, name="blocking-call", daemon=True).start()
        return future


async def _reload(reload: Callable[[], Awaitable[None]]) -> None:
    """SIGHUP: read config.yaml again; an invalid file is logged and the old rules stay."""
    log.info("SIGHUP: reloading the configuration")
    try:
        await reload()
    except ConfigError:
        pass  # logged by App.reload with every problem
    except Exception:
        log.exception("reload failed; the old rules stay in effect")


def _demo(arguments: argparse.Namespace, redactor: Redactor) -> int:
    from bot.demo import run_demo

    return asyncio.run(run_demo(sys.stdout, as_json=arguments.json))


def _check_config(arguments: argparse.Namespace, redactor: Redactor) -> int:
    config = _load(arguments, redactor)
    telegram = "token set" if config.telegram.token.get_secret_value() else "no token (console)"
    redis = (config.redis.url and "external") or f"embedded, data in {config.redis.data_dir}"
    print(f"{arguments.config}: valid")
    print(f"  timezone   {config.timezone}")
    print(f"  redis      {redis}")
    print(f"  telegram   {telegram}, base_url {redactor.text(config.telegram.base_url)}")
    if config.http.listen:
        page = "status page on" if config.http.status_page else "no status page"
        print(f"  http       {config.http.listen}: /metrics, /healthz, {page}")
    print(f"  watchlist  {len(config.watchlist)}: {', '.join(config.watchlist)}")
    feeds = config.sources.feeds
    print(f"  feeds      {len(feeds)}")
    for feed in feeds:
        state = "" if feed.enabled else " (disabled)"
        kind = f", JSON from {feed.items}" if feed.format == "json" else ""
        print(f"    {feed.name} every {format_duration(feed.every)} [{feed.lang}{kind}]{state}")
    for plan in config.price_plans():
        source = plan.source
        state = "" if source.enabled else " (disabled)"
        symbols = ", ".join(plan.symbols) or "no symbols"
        print(
            f"  prices     {source.key}: {source.build().name} every "
            f"{format_duration(source.every)} for {symbols}{state}"
        )
    from rules.registry import build_rule

    print(f"  rules      {len(config.rules)}")
    for options in config.rules:
        state = "" if options.enabled else " (disabled)"
        print(f"    {build_rule(options).describe()}{_cooldown(options)}{state}")
    _warn_if_nothing_watched(config, arguments.config)
    _warn_about_short_intervals(config)
    return 0


def _warn_if_nothing_watched(config: Config, path: str) -> None:
    if not config.watchlist and not config.rules:
        log.warning("%s: nothing is watched; add symbols under watchlist: and rules:", path)


def _cooldown(options: RuleOptions) -> str:
    if not options.cooldown:
        return ""
    text = f"; cooldown {format_duration(options.cooldown)}"
    if options.cooldown_max is not None and options.cooldown_max > options.cooldown:
        text += f", doubling on re-alerts up to {format_duration(options.cooldown_max)}"
    return text


def _extract(arguments: argparse.Namespace, redactor: Redactor) -> int:
    from bot.evaluate import cmd_extract
    from bot.text_file import InputFileError, read_text_file

    if arguments.file == "-":
        # Bytes, so that one undecodable line is reported on its own instead of ending the run.
        return cmd_extract(sys.stdin.buffer, sys.stdout)
    try:
        lines = read_text_file(arguments.file)
    except InputFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    return cmd_extract(lines, sys.stdout)


def _eval(arguments: argparse.Namespace, redactor: Redactor) -> int:
    from bot.evaluate import cmd_eval

    return cmd_eval(arguments.file, sys.stdout, as_json=arguments.json, split=arguments.split)


def _warn_about_short_intervals(config: Config) -> None:
    """Short intervals are fine against local servers; against public hosts they get us banned."""
    targets = [(feed.name, feed.url, feed.every) for feed in config.sources.feeds]
    for source in config.sources.all_prices:
        targets.append((source.key, _price_url(source), source.every))
    for name, url, every in targets:
        if every.total_seconds() < PUBLIC_MIN_INTERVAL_S and not _is_local(url):
            log.warning(
                "%s polls a public host every %s; consider 1m or more", name, format_duration(every)
            )


def _price_url(source: AnyPriceSource) -> str:
    options = source.build().options
    return str(getattr(options, "base_url", None) or getattr(options, "url", ""))


def _is_local(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback or ipaddress.ip_address(host).is_private
    except ValueError:
        return False


def _replay(arguments: argparse.Namespace, redactor: Redactor) -> int:
    from bot.replay import replay, write
    from bot.replay_input import ReplayInputError, read_chats, read_items, read_quotes

    config = _load(arguments, redactor)
    if not (arguments.items or arguments.quotes):
        print("error: give --items, --quotes or both", file=sys.stderr)
        return EXIT_CONFIG
    try:
        items = read_items(Path(arguments.items)) if arguments.items else []
        quotes = read_quotes(Path(arguments.quotes)) if arguments.quotes else []
        chats = read_chats(Path(arguments.chats)) if arguments.chats else None
    except ReplayInputError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return EXIT_CONFIG
    sent = asyncio.run(replay(config, items, quotes, chats))
    write(sent, sys.stdout, as_json=arguments.json)
    return 0


def _import_opml(arguments: argparse.Namespace, redactor: Redactor) -> int:
    from bot.durations import parse_duration
    from bot.opml_cli import cmd_import_opml

    try:
        every = parse_duration(arguments.every)
        if every.total_seconds() < 1:
            raise ValueError("must be at least 1s")
    except ValueError as exc:
        print(f"error: --every: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    return cmd_import_opml(
        arguments.file, config=arguments.opml_config, every=every, lang=arguments.lang
    )


def _parse_feeds(arguments: argparse.Namespace, redactor: Redactor) -> int:
    from datetime import UTC, datetime

    from bot.parse_feeds_cli import cmd_parse_feeds
    from bot.sources.json_feed import JsonPaths

    given = {key: getattr(arguments, key) for key in JSON_PATH_KEYS}
    paths = None
    if any(given.values()):
        missing = [key for key in JSON_PATHS_REQUIRED if not given[key]]
        if missing:
            print(f"error: JSON paths need --{', --'.join(missing)} too", file=sys.stderr)
            return EXIT_CONFIG
        paths = JsonPaths(**given)
    now = datetime.now(UTC)
    return cmd_parse_feeds(
        arguments.files, lang=arguments.lang, now=now, out=sys.stdout, paths=paths
    )


_COMMANDS = {
    "run": _run,
    "demo": _demo,
    "check-config": _check_config,
    "extract": _extract,
    "eval": _eval,
    "replay": _replay,
    "import-opml": _import_opml,
    "parse-feeds": _parse_feeds,
}


def _language_argument(text: str) -> str:
    from bot.sources.language import require_language_code

    try:
        return require_language_code(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _path_argument(text: str) -> str:
    from bot.sources.json_feed import parse_path

    try:
        parse_path(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text
