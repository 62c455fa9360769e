"""The `newsbot` command: index, search, ask, chat, run, health, stats, feedback (contract in
DESIGN.md)."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from bot.settings import Settings, load_settings
from bot.terminal import TerminalSafe, for_terminal, json_text
from index.config import MAX_K, require_builder
from index.errors import ConfigError, NewsbotError
from index.library import Library
from index.progress import BuildProgress

if TYPE_CHECKING:
    from index.models import Hit
    from index.search import Searcher

log = logging.getLogger(__name__)

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
FEEDBACK_ANSWER_CHARS = 300  # of each answer in the `feedback` listing (--json has it whole)
NOISY_LOGGERS = (
    "sentence_transformers",
    "transformers",
    "httpx",
    "urllib3",
    "bm25s",
    "trafilatura",
    "faiss",
    "faiss.loader",
)


def echo(text: str = "", *, err: bool = False, flush: bool = False) -> None:
    """Print a line to stdout (or stderr) without control characters (bot/terminal.py)."""
    print(for_terminal(text), file=sys.stderr if err else sys.stdout, flush=flush)


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-01-31") from None


def _moment(value: str) -> datetime:
    """--as-of: a day (its end, so the whole day counts) or an ISO time; UTC unless it says."""
    try:
        if len(value.strip()) == 10:
            day = date.fromisoformat(value.strip())
            return datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=UTC)
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date like 2026-01-31 or a time like 2026-01-31T18:00"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


AS_OF_HELP = (
    'answer as if it were DATE: "today", "this week" count from it and nothing published '
    "after it is used (default: now)"
)


def _hits(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if not 1 <= n <= MAX_K:
        raise argparse.ArgumentTypeError(f"must be at least 1 and at most {MAX_K}")
    return n


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def _add_common(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--config", metavar="FILE", default=default, help="config file (default: ./config.toml)"
    )
    parser.add_argument("--data-dir", metavar="DIR", default=default, help="where the index lives")
    parser.add_argument(
        "-v", "--verbose", action="store_true", default=default, help="debug logging"
    )


def build_parser() -> argparse.ArgumentParser:
    # The options work before or after the command: `newsbot --config f run` = `newsbot run
    # --config f`. The command's copy is SUPPRESSed so it does not overwrite the global value.
    common = argparse.ArgumentParser(add_help=False)
    _add_common(common, argparse.SUPPRESS)

    parser = argparse.ArgumentParser(
        prog="newsbot", description="Answer questions about news articles, with citations."
    )
    _add_common(parser, None)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("index", parents=[common], help="index articles (default: the config's)")
    p.add_argument("paths", nargs="*", metavar="PATH_OR_FEED")
    p.add_argument("--rebuild", action="store_true", help="re-read, re-chunk and re-embed all")
    p.add_argument(
        "--ray",
        nargs="?",
        const="",
        metavar="ADDRESS",
        help="embed on a Ray cluster at ADDRESS (host:port of its head, or auto); without "
        "ADDRESS on a Ray instance started here for the build (needs newsbot[ray])",
    )
    p.add_argument(
        "--ray-actors",
        type=_positive,
        metavar="N",
        help="with --ray: worker actors, each loading the model (default: one a cluster CPU)",
    )

    p = sub.add_parser(
        "refresh", parents=[common], help="refresh the feeds that are due (their interval passed)"
    )
    p.add_argument("--watch", action="store_true", help="keep refreshing feeds as they fall due")
    p.add_argument("--all", action="store_true", help="refresh every feed now, due or not")

    p = sub.add_parser("search", parents=[common], help="ranked passages for a query")
    p.add_argument("query", nargs="?")
    p.add_argument("-k", type=_hits, help=f"number of hits (at most {MAX_K})")
    p.add_argument("--json", action="store_true", help="JSON output")
    p.add_argument("--batch", metavar="FILE", help="one query a line ('-' = stdin), JSON lines out")
    p.add_argument("--source", action="append", help="only this source (repeatable)")
    p.add_argument("--since", type=_date, help="only articles published on or after DATE")
    p.add_argument("--until", type=_date, help="only articles published on or before DATE")
    p.add_argument("--mode", choices=["hybrid", "dense", "bm25"], default="hybrid")
    p.add_argument("--as-of", type=_moment, metavar="DATE", help=AS_OF_HELP)

    p = sub.add_parser("ask", parents=[common], help="answer a question with citations")
    p.add_argument("question", nargs="?")
    p.add_argument("--json", action="store_true", help="JSON output")
    p.add_argument("--batch", metavar="FILE", help="one question a line ('-' = stdin), JSON out")
    p.add_argument("--as-of", type=_moment, metavar="DATE", help=AS_OF_HELP)
    p.add_argument("--since", type=_date, help="only articles published on or after DATE")

    p = sub.add_parser(
        "chat", parents=[common], help="terminal conversation, same answers as Discord"
    )
    p.add_argument("--as-of", type=_moment, metavar="DATE", help=AS_OF_HELP)
    sub.add_parser("run", parents=[common], help="start the Discord bot (needs DISCORD_TOKEN)")
    sub.add_parser(
        "health",
        parents=[common],
        help="is the bot connected and answering? one JSON line; exit 0 if so, else 1",
    )

    p = sub.add_parser("stats", parents=[common], help="what the current index holds")
    p.add_argument("--json", action="store_true", help="JSON output")

    p = sub.add_parser(
        "feedback", parents=[common], help="answers readers marked not helpful, newest first"
    )
    p.add_argument("--json", action="store_true", help="JSON output")
    return parser


def setup_logging(settings: Settings, verbose: bool) -> None:
    level = logging.DEBUG if verbose else getattr(logging, settings.log.level.upper())
    logging.basicConfig(
        level=level, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(max(level, logging.WARNING))
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, TerminalSafe) for f in handler.filters):
            handler.addFilter(TerminalSafe())


def read_batch(path: str) -> Iterator[str]:
    """Questions from a file, one a line; a JSON object line gives its question/query field."""
    fh: TextIO = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
    try:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            if line.startswith("{"):
                try:
                    obj = json.loads(line)
                except ValueError:
                    obj = None
                if isinstance(obj, dict):
                    yield str(obj.get("question") or obj.get("query") or "")
                    continue
            yield line
    finally:
        if fh is not sys.stdin:
            fh.close()


def cmd_index(args: argparse.Namespace, settings: Settings) -> int:
    from tqdm import tqdm

    bar: tqdm | None = None
    phase = ""

    def progress(p: BuildProgress) -> None:
        nonlocal bar, phase
        if p.phase != phase:
            if bar is not None:
                bar.close()
            phase = p.phase
            # disable=None: a bar on a terminal only, not in logs or CI output
            bar = tqdm(
                total=p.total or None, desc=p.phase, file=sys.stderr, leave=False, disable=None
            )
        if bar is not None:
            if p.total and bar.total != p.total:
                bar.total = p.total
            bar.n = p.done
            bar.refresh()

    library = Library(settings)
    try:
        with contextlib.ExitStack() as stack:
            encoder = None
            if args.ray is not None:
                require_builder(settings)  # refused before a Ray instance is started for nothing
                encoder = stack.enter_context(_ray_encoder(args, library))
            elif args.ray_actors is not None:
                raise ConfigError("--ray-actors goes with --ray; add --ray [ADDRESS]")
            report = library.build(
                args.paths or None, rebuild=args.rebuild, progress=progress, encoder=encoder
            )
    finally:
        if bar is not None:
            bar.close()
    echo(report.summary())
    return EXIT_OK


def _ray_encoder(args: argparse.Namespace, library: Library) -> Any:
    """The Ray encoder for `index --ray [ADDRESS]` (imported only then: Ray is optional)."""
    from index.ray_embedding import RayEncoder, parse_address

    address = args.ray or None
    if address is not None and address != "auto":
        try:
            parse_address(address)
        except NewsbotError:
            # argparse gives `--ray` the next word: `index --ray data/` took a path for it.
            if Path(address).exists():
                raise ConfigError(
                    f"--ray took {address!r} as the cluster address; put the paths before "
                    "--ray, or write --ray=ADDRESS"
                ) from None
            raise
    return RayEncoder(library.embedding_settings(), address, args.ray_actors)


def cmd_refresh(args: argparse.Namespace, settings: Settings) -> int:
    import signal
    import threading

    from index.refresher import Refresher

    refresher = Refresher(settings, Library(settings).build)
    if args.watch:
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        echo("refreshing feeds as they fall due; Ctrl-C stops", err=True)
        try:
            refresher.watch(stop)
        except KeyboardInterrupt:
            stop.set()
        return EXIT_OK
    result = refresher.run_once(everything=args.all)
    if result is None:
        echo(f"no feed is due; the next falls due in {refresher.seconds_to_next():.0f}s")
        return EXIT_OK
    if result.busy:
        raise NewsbotError("another build is running; try again when it has finished")
    for row in refresher.overview():
        if row.name in result.feeds:
            how = "ok" if row.ok else f"failed: {row.error}"
            echo(f"{row.name}: {row.articles} articles; {how}")
    if result.report is None:
        raise NewsbotError(f"the refresh failed: {result.error}")
    echo(result.report.summary())
    return EXIT_OK


def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    if not args.batch and not args.query:
        raise NewsbotError("give a query, or --batch FILE")
    searcher = Library(settings).searcher()
    k = args.k or settings.search.k
    if args.batch:
        for query in read_batch(args.batch):
            try:
                hits = _search(searcher, query, k, args, settings)
                line: dict[str, object] = {"query": query, "hits": [h.to_json() for h in hits]}
            except NewsbotError as exc:
                line = {"query": query, "hits": [], "error": str(exc)}
            echo(json_text(line), flush=True)
        return EXIT_OK
    hits = _search(searcher, args.query, k, args, settings)
    if args.json:
        echo(json_text([h.to_json() for h in hits], indent=2))
        return EXIT_OK
    if not hits:
        echo("No passages found.")
    for h in hits:
        meta = " · ".join(x for x in (h.source, h.published_at) if x)
        echo(f"{h.rank}. {h.title}" + (f" ({meta})" if meta else ""))
        if h.url:
            echo(f"   {h.url}")
        echo(f"   [{h.start}:{h.end}] {h.text}\n")
    return EXIT_OK


def _search(
    searcher: Searcher, query: str, k: int, args: argparse.Namespace, settings: Settings
) -> list[Hit]:
    """`newsbot search`: the query's time words ("this week") count from --as-of (or now) and
    prefer articles dated then; --as-of also drops what was published after it."""
    from dataclasses import replace

    from bot.answer import TimeWindow
    from bot.question import plain_question
    from bot.timeframe import parse_time, with_period_words
    from index.search import check_query

    now = args.as_of or datetime.now(UTC)
    query = check_query(plain_question(query), settings.search.max_query_chars)
    frame, text = parse_time(query, now)
    # Only --as-of drops later articles: without it "now" is this moment, and nothing is later.
    filters = TimeWindow.of(frame, now if args.as_of else None, None).filters()
    filters = replace(filters, sources=args.source, date_from=args.since, date_to=args.until)
    cfg = settings.search
    recency = TimeWindow.of(frame, now, None).recency(
        cfg.recency_weight, cfg.recency_half_life_days, cfg.period_weight
    )
    lexical = with_period_words(text, frame)
    return searcher.search(text, k, filters, args.mode, recency=recency, lexical_query=lexical)


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from bot.answer import Answerer
    from bot.models import Answer
    from bot.render import render_text

    if not args.batch and not args.question:
        raise NewsbotError("give a question, or --batch FILE")
    answerer = Answerer(Library(settings), settings)
    # The sentence model, exported first if this is the first time (seconds, once): the answers
    # are then the bot's own, not the snapshot model's stand-in.
    answerer.sentence_model.wait()
    if args.batch:
        for question in read_batch(args.batch):
            try:
                out = answerer.answer(question, **_when(args)).to_json()
            except NewsbotError as exc:
                refused = Answer(question=question, text=str(exc), found=False)
                out = refused.to_json() | {"error": str(exc)}
            echo(json_text(out), flush=True)
        return EXIT_OK
    answer = answerer.answer(args.question, **_when(args))
    if args.json:
        echo(json_text(answer.to_json(), indent=2))
    else:
        echo(render_text(answer))
    return EXIT_OK


def _when(args: argparse.Namespace) -> dict[str, Any]:
    """`now` (--as-of, else this moment) and `since` for `Answerer.answer`."""
    return {"now": args.as_of or datetime.now(UTC), "since": args.since}


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from bot.chat import chat

    return chat(settings, as_of=args.as_of)


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.discord_bot import run

    return run(settings)


def cmd_health(args: argparse.Namespace, settings: Settings) -> int:
    from bot.health import check_health, status_name

    health = check_health(settings.data_dir, name=status_name(settings))
    echo(json_text(health.to_json()), flush=True)
    return EXIT_OK if health.ok else EXIT_ERROR


def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    from dataclasses import asdict

    from index.store import Layout, verify_current

    verify_current(Layout(settings.data_dir))  # a damaged current snapshot fails, named
    stats = Library(settings).stats()
    if args.json:
        echo(json_text(asdict(stats), indent=2))
        return EXIT_OK
    echo(f"snapshot:   {stats.snapshot} (built {stats.built_at})")
    echo(f"articles:   {stats.articles}")
    echo(f"passages:   {stats.passages}")
    echo(f"statements: {stats.statements}")
    echo(f"newest:     {stats.newest_article or '-'}")
    echo(f"model:      {stats.model} ({stats.dimension} dims, faiss {stats.faiss_index})")
    echo("sources:    " + ", ".join(f"{k} ({v})" for k, v in stats.sources.items()))
    return EXIT_OK


def cmd_feedback(args: argparse.Namespace, settings: Settings) -> int:
    from bot.feedback import FeedbackStore

    items = FeedbackStore(settings.data_dir).items()
    if args.json:
        echo(json_text([item.to_json() for item in items], indent=2))
        return EXIT_OK
    if not items:
        echo("No feedback recorded yet.")
        return EXIT_OK
    for item in items:
        shown = item.answer
        where = " · ".join(
            f"{name} {value}"
            for name, value in (
                ("guild", item.guild_id),
                ("channel", item.channel_id),
                ("snapshot", shown.snapshot),
            )
            if value
        )
        echo(f"{item.recorded_at}  not helpful to {item.user_name} ({item.user_id})")
        echo(f"  question: {shown.question}")
        text = " ".join(shown.text.split())
        if len(text) > FEEDBACK_ANSWER_CHARS:
            text = text[: FEEDBACK_ANSWER_CHARS - 1].rstrip() + "…"
        echo(f"  answer:   {text}")
        for c in shown.citations:
            echo(f"  [{c.n}] {c.title}" + (f" <{c.url}>" if c.url else ""))
        if where:
            echo(f"  {where}")
        echo()
    return EXIT_OK


COMMANDS = {
    "index": cmd_index,
    "refresh": cmd_refresh,
    "search": cmd_search,
    "ask": cmd_ask,
    "chat": cmd_chat,
    "run": cmd_run,
    "health": cmd_health,
    "stats": cmd_stats,
    "feedback": cmd_feedback,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings(args.config, args.data_dir)
        setup_logging(settings, bool(args.verbose))
        return COMMANDS[args.command](args, settings)
    except NewsbotError as exc:
        echo(f"newsbot: {exc}", err=True)
        return EXIT_ERROR
    except KeyboardInterrupt:
        echo("newsbot: interrupted", err=True)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:
        # A file the command could not read or write: permissions, a full or read-only disk.
        log.debug("file error", exc_info=True)
        where = f"{exc.filename}: " if exc.filename else ""
        print(
            f"newsbot: {where}{exc.strerror or exc}; check the permissions and free space of "
            "the data directory, or choose another with --data-dir",
            file=sys.stderr,
        )
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
