"""The crowd of bin/bench --mixed: many signed-in people reading and writing
at once. The wrk script (crowd.lua) draws each request's kind, person
and target; this module writes the tables it draws from into it, runs it,
and reads back its figures. Also the DynamoDB Local floor of the two message
reads: their queries in a tight loop, no API.
"""

import json
import multiprocessing
import random
import re
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

# The kinds of request, with their share of the mix (weights). `home` is the
# person's following timeline; `public`, everyone's cruds; `follow`, a follow
# or an unfollow (even odds) of a random author.
MIX = {
    "home": 35,
    "public": 3,
    "user_feed": 15,
    "crud_page": 10,
    "search": 8,
    "notifications": 10,
    "message_groups": 5,
    "conversation": 3,
    "like": 6,
    "new_crud": 4,
    "reply": 2,
    "message": 2,
    "follow": 2,
}
DYNAMODB_KINDS = ("message_groups", "conversation")
TTLS = ("1-hour", "3-hours", "12-hours", "1-day", "3-days", "7-days", "30-days")
SCRIPT = Path(__file__).with_name("crowd.lua")
DYNAMODB_PROCESSES, DYNAMODB_THREADS = 2, 2  # four queries in flight, each process with its own client
MAX_FLOOR_QUERIES = 10_000_000  # a bound on the DynamoDB floor's loop besides its time


@dataclass(frozen=True)
class Person:
    uuid: str
    token: str
    conversations: tuple[tuple[str, str], ...]  # (group uuid, the other member's handle)
    handle: str
    # Those blocked by them or blocking them: the API answers the person 404
    # for their profiles and cruds, as it should, so the crowd aims elsewhere.
    hidden: tuple[str, ...] = ()


@dataclass(frozen=True)
class Crowd:
    people: tuple[Person, ...]
    handles: tuple[str, ...]  # whose feeds are read
    cruds: tuple[tuple[str, str], ...]  # (author's handle, uuid): pages read, liked, replied to
    words: tuple[str, ...]  # search terms


def label(kind: str) -> str:
    return kind.replace("_", " ")


def parse_mix(text: str) -> dict[str, int]:
    """`home=35,like=6`: the kinds named, with their weights (whole numbers)."""
    mix = {}
    for part in text.split(","):
        kind, _, weight = part.strip().partition("=")
        if kind not in MIX:
            raise ValueError(f"unknown kind {kind!r}; kinds: {', '.join(MIX)}")
        if not weight.isdigit():
            raise ValueError(f"the weight of {kind} must be a whole number")
        mix[kind] = int(weight)
    if not any(mix.values()):
        raise ValueError("the mix needs a kind with a weight above 0")
    return {kind: weight for kind, weight in mix.items() if weight}


def lua(value) -> str:
    """A Lua literal for a string, number, or list of them (nested)."""
    if isinstance(value, tuple | list):
        return "{" + ",".join(lua(item) for item in value) + "}"
    return json.dumps(value)


def script_text(crowd: Crowd, mix: dict[str, int]) -> str:
    tables = {
        "tokens": [f"Bearer {person.token}" for person in crowd.people],
        "selves": [person.handle for person in crowd.people],
        "conversations": [person.conversations for person in crowd.people],
        "hidden": [person.hidden for person in crowd.people],
        "handles": crowd.handles,
        "cruds": crowd.cruds,
        "words": crowd.words,
        "ttls": TTLS,
        "kinds": list(mix),
        "weights": list(mix.values()),
    }
    data = "".join(f"{name} = {lua(value)}\n" for name, value in tables.items())
    return f"-- Written by harness/bench/crowd.py for one bin/bench run.\n{data}\n{SCRIPT.read_text()}"


def write_script(crowd: Crowd, mix: dict[str, int], path: Path) -> Path:
    path.write_text(script_text(crowd, mix))
    return path


def wrk_crowd(url: str, script: Path, seconds: int, connections: int) -> dict:
    """One wrk run of the crowd script: requests/s, latency, and the answers
    and non-2xx answers per kind."""
    run_id = str(random.randrange(1, 10**6))  # noqa: S311 (a seed for the draws, not security)
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "-s", str(script), url, run_id]
    output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 60).stdout
    return figures_of(output)


def figures_of(output: str) -> dict:
    figures = json.loads(re.search(r"BENCH_JSON (\{.*\})", output).group(1))
    failures = figures["failures"]
    return {
        "rps": round(figures["requests"] / (figures["duration_us"] / 1e6), 1),
        "p50_ms": round(figures["p50_us"] / 1000, 2),
        "p99_ms": round(figures["p99_us"] / 1000, 2),
        "errors": sum(failures.values()) + figures["socket_errors"],
        "socket_errors": figures["socket_errors"],
        "requests": figures["requests"],
        "answers": dict(sorted(figures["answers"].items())),
        "failures": dict(sorted(failures.items())),
    }


def process_rate(queries: Callable[[], dict], kind: str, people: tuple[Person, ...], seconds: float) -> float:
    """In one process: `kind`'s queries per second from DYNAMODB_THREADS threads
    in a loop, through the client `queries()` makes."""
    query = queries()[kind]
    stop_at = time.monotonic() + seconds

    def loop(_) -> int:
        done = 0
        while time.monotonic() < stop_at and done < MAX_FLOOR_QUERIES:
            query(random.choice(people))  # noqa: S311 (a draw, not security)
            done += 1
        return done

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=DYNAMODB_THREADS) as pool:
        done = sum(pool.map(loop, range(DYNAMODB_THREADS)))
    return done / (time.monotonic() - started)


def query_rate(queries: Callable[[], dict], kind: str, people: tuple[Person, ...], seconds: float) -> float:
    """`kind`'s queries per second from DYNAMODB_PROCESSES processes at once."""
    n = DYNAMODB_PROCESSES
    with ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context("fork")) as pool:
        return round(sum(pool.map(process_rate, [queries] * n, [kind] * n, [people] * n, [seconds] * n)), 1)


def dynamodb_floor(queries: Callable[[], dict], people: tuple[Person, ...], seconds: int) -> dict:
    """Per DynamoDB-backed read: DynamoDB Local's answers per second to the
    read's queries (a request's worth), no API. `queries()`, called in each
    process, connects and returns each read's queries for one person."""
    floor = {}
    for kind in DYNAMODB_KINDS:
        query_rate(queries, kind, people, 2)  # warm-up, not counted
        floor[kind] = {"rps": query_rate(queries, kind, people, seconds)}
    return floor
