"""bin/bench's options. Run as a module (`python -m harness.bench.options
ARGS...`), it only checks them, so that bin/bench prints its help or refuses
a bad option before it installs or starts anything; harness.bench.runner
parses them again with the same parser. Standard library only."""

import argparse
import sys
from pathlib import Path

from harness import REPO
from harness.bench.crowd import MIX, parse_mix

SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
MAX_PEOPLE = 10_000
DEFAULT_STREAMS, MAX_STREAMS = 5000, 20_000
DEFAULT_MIX = ",".join(f"{kind}={weight}" for kind, weight in MIX.items())

DESCRIPTION = """\
Seeds its own database (the chosen number of cruds from 1,000 people, with
replies, likes, reposts, a follow graph in which most people follow 20 to 200
and a few are followed by over half, and 200 conversations of 50 messages,
more if the crowd needs them so that each person has one), starts the API as
Dockerfile.prod does, signs the crowd in through /api/auth/signin, and
measures two profiles, each against a bare Flask app under the same gunicorn
settings, and the live stream:

  single URL  one person fetching one URL again and again (the same rows
              every time, no crowd), 32 connections; bench_user_1 follows
              1,000 people (everyone, with fewer), bench_user_2 follows 10;
              floors: the bare Flask app, and the home-feed and the
              following-timeline SQL through pgbench; then the public and the
              following timeline of a person with 1,000 blocks and 1,000
              mutes against their twin with the same 100 follows and none
              (everyone then numbers at least 5,000), in turn for 3 rounds,
              with each page's SQL through pgbench (--only "blocks")
  crowd       many signed-in people at once, 64 connections: each request from
              a random person with their own token, of a kind drawn by weight,
              at a random target; the mixed run, then each kind alone; the
              floor is the bare Flask app driven by the same wrk script, and
              the two message reads also get DynamoDB Local's own floor (their
              queries in a loop, no API)
  stream      the live stream process (python -m stream) holding 5,000
              streams of the crowd's people, opened from a client process of
              its own: its memory, one `delete` timed to every stream, the
              mixed crowd's requests/s with the streams open against none,
              message latency under the crowd, and the events/s one
              database's NOTIFY carries (--only "stream" for these alone;
              never with --mixed)

Default: 1m cruds, all three, 10 s per row after a 2 s warm-up. Writes
test-output/bench/bench-<size>.{json,md,svg} (bench-<size>-mixed.* with
--mixed); the SVG charts each crowd row as a share of its floor."""


def mix_option(text: str) -> dict[str, int]:
    try:
        return parse_mix(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def parser() -> argparse.ArgumentParser:
    options = argparse.ArgumentParser(
        prog="bin/bench",
        usage="%(prog)s [--size 10k|100k|1m] [--duration SECONDS] [--connections N] [--output DIR]\n"
        "                 [--only NAME] [--mixed] [--people N] [--mix KIND=WEIGHT,...] [--compare FILE]\n"
        "                 [--streams N]",
        description=DESCRIPTION,
        epilog="WEB_CONCURRENCY overrides the worker count.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    options.add_argument(
        "--size", choices=list(SIZES), default="1m", metavar="SIZE", help="cruds to seed: 10k, 100k or 1m (default 1m)"
    )
    options.add_argument(
        "--duration", type=int, default=10, metavar="SECONDS", help="seconds per row, after a 2 s warm-up (default 10)"
    )
    options.add_argument(
        "--connections", type=int, metavar="N", help="wrk connections (default 32 single URL, 64 crowd)"
    )
    options.add_argument(
        "--output",
        default=str(REPO / "test-output" / "bench"),
        metavar="DIR",
        help="where the tables and chart go (default test-output/bench)",
    )
    options.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help='the rows whose name contains NAME (repeatable), e.g. "search", "mixed", "user feed alone", "blocks",'
        ' "stream"',
    )
    options.add_argument("--mixed", action="store_true", help="the crowd profile only")
    options.add_argument(
        "--people",
        type=int,
        default=200,
        metavar="N",
        help=f"signed-in people in the crowd (default 200, up to {MAX_PEOPLE})",
    )
    options.add_argument(
        "--mix",
        type=mix_option,
        default=MIX,
        metavar="SPEC",
        help=f"the crowd's kinds and weights (default: {DEFAULT_MIX})",
    )
    options.add_argument(
        "--compare",
        type=Path,
        metavar="FILE",
        help="an earlier run's JSON: its shares go beside this run's, in the table and the chart",
    )
    options.add_argument(
        "--streams",
        type=int,
        default=DEFAULT_STREAMS,
        metavar="N",
        help=f"streams the stream rows hold open, shared out among the crowd (default {DEFAULT_STREAMS:,})",
    )
    return options


def parse(argv: list[str]) -> argparse.Namespace:
    options = parser()
    args = options.parse_args(argv)
    if not 2 <= args.people <= MAX_PEOPLE:
        options.error(f"--people must be 2 to {MAX_PEOPLE}")
    if not 1 <= args.streams <= MAX_STREAMS:
        options.error(f"--streams must be 1 to {MAX_STREAMS:,}")
    return args


if __name__ == "__main__":
    parse(sys.argv[1:])
