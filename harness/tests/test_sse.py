"""The harnesses' stream client (harness/sse.py) against a small asyncio
server that answers as the stream process does: chunked event streams split
anywhere, comments, JSON refusals, and a stream reopened from its last id."""

import asyncio
import json
import resource

from harness.bench.stream_client import Holder
from harness.sse import Answer, Refused, Stream, data_uuid, open_stream, raise_open_files


def chunked(*parts: str) -> bytes:
    return b"".join(f"{len(p.encode()):x}\r\n".encode() + p.encode() + b"\r\n" for p in parts)


STREAM_HEAD = b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"


async def serve(answers: list[bytes], seen: list[str]):
    """A server that answers its n-th connection with answers[n], then closes it."""

    async def answer(reader, writer):
        request = (await reader.readuntil(b"\r\n\r\n")).decode()
        seen.append(request)
        writer.write(answers[min(len(seen), len(answers)) - 1])
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1]


def test_events_are_read_across_chunks_with_their_ids_and_comments_are_skipped():
    body = chunked(
        "id: 7\nevent: ready\ndata: {}\n\n",
        ": heartbeat\n\n",
        'id: 8\nevent: delete\ndata: {"uu',
        'id": "crud-1"}\n\nid: 9\nevent: message\ndata: {"message_group_uuid": "g", "message": {"uuid": "m-1"}}\n',
        "\n",
        "",
    )

    async def run():
        seen = []
        server, port = await serve([STREAM_HEAD + body], seen)
        async with server:
            got = []
            transport, answer = await open_stream("127.0.0.1", port, "/api/stream", {"Authorization": "x"}, got.append)
            await answer.closed
            transport.close()
        return seen, got

    seen, got = asyncio.run(run())
    assert seen[0].startswith("GET /api/stream HTTP/1.1\r\n") and "Authorization: x\r\n" in seen[0]
    assert [(e.kind, e.id) for e in got] == [("ready", 7), ("delete", 8), ("message", 9)]
    assert [data_uuid(e) for e in got[1:]] == ["crud-1", "m-1"]
    assert all(a.at <= b.at for a, b in zip(got, got[1:], strict=False))


def test_an_answer_is_read_the_same_whatever_its_reads_split():
    parts = ("id: 1\nevent: ready\n", "data: {}\n\n: heartbeat\n\nevent: delete\nda", "ta: {}\n\n", "")
    answer = STREAM_HEAD + chunked(*parts)

    async def read(size: int) -> list:
        got = []
        reader = Answer(got.append)
        for start in range(0, len(answer), size):
            reader.data_received(answer[start : start + size])
        return [(e.kind, e.id, e.data) for e in got] + [reader.status, reader.unchunker.ended]

    for size in (1, 7, len(answer)):
        assert asyncio.run(read(size)) == [("ready", 1, "{}"), ("delete", None, "{}"), 200, True]


def test_a_refusal_carries_its_status_and_error_codes():
    refusal = json.dumps({"errors": ["ticket_missing"]}).encode()
    head = f"HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: {len(refusal)}\r\n\r\n"

    async def run():
        server, port = await serve([head.encode() + refusal], [])
        async with server:
            try:
                await open_stream("127.0.0.1", port, "/api/stream", {}, [].append)
            except Refused as refused:
                return refused

    refused = asyncio.run(run())
    assert (refused.status, refused.codes) == (401, "ticket_missing")


def test_a_stream_that_ends_reconnects_from_the_last_id_it_saw():
    first = STREAM_HEAD + chunked(
        "id: 3\nevent: ready\ndata: {}\n\n", 'id: 4\nevent: delete\ndata: {"uuid": "a"}\n\n', ""
    )
    second = STREAM_HEAD + chunked('id: 5\nevent: delete\ndata: {"uuid": "b"}\n\nid: 5\nevent: ready\ndata: {}\n\n', "")

    async def run():
        seen, got = [], []
        server, port = await serve([first, second], seen)
        async with server:
            stream = Stream("127.0.0.1", port, "tok", lambda _s, e: got.append(e), reconnect=True, retry_seconds=0.05)
            task = asyncio.create_task(stream.run())
            while len(got) < 4:
                await asyncio.sleep(0.01)
            task.cancel()
        return seen, got, stream

    seen, got, stream = asyncio.run(run())
    assert seen[0].startswith("GET /api/stream HTTP/1.1") and "Authorization: Bearer tok" in seen[0]
    assert seen[1].startswith("GET /api/stream?last_event_id=4 HTTP/1.1")
    assert [e.id for e in got] == [3, 4, 5, 5]
    assert stream.connections >= 2 and stream.ends >= 1 and stream.last_id == 5


def test_a_stream_that_cannot_connect_says_so_and_stops_unless_told_to_retry():
    async def run():
        server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        server.close()
        await server.wait_closed()
        stream = Stream("127.0.0.1", port, "tok")
        await asyncio.wait_for(stream.run(), 5)
        return stream

    stream = asyncio.run(run())
    assert stream.error == "ConnectionRefusedError" and stream.failures["ConnectionRefusedError"] == 1
    assert stream.ready.is_set() and stream.connections == 0


def test_the_open_file_limit_is_raised_as_far_as_the_hard_limit_allows():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    limit = raise_open_files(soft + 1 if hard == resource.RLIM_INFINITY or hard > soft else soft)
    assert limit == resource.getrlimit(resource.RLIMIT_NOFILE)[0] >= soft


def test_streams_read_in_bulk_hear_nothing_until_told_to_read_as_events_come_again():
    ready = STREAM_HEAD + chunked("id: 1\nevent: ready\ndata: {}\n\n")
    events = chunked(*(f'id: {n}\nevent: delete\ndata: {{"uuid": "c-{n}"}}\n\n' for n in range(2, 12)))

    async def run():
        send_events, writers = asyncio.Event(), []

        async def answer(reader, writer):
            await reader.readuntil(b"\r\n\r\n")
            writers.append(writer)
            writer.write(ready)
            await send_events.wait()
            writer.write(events)
            await writer.drain()
            await asyncio.sleep(60)

        server = await asyncio.start_server(answer, "127.0.0.1", 0)
        async with server:
            holder = Holder("127.0.0.1", server.sockets[0].getsockname()[1])
            opened = await holder.open([(0, "tok"), (1, "tok")], timeout=10)
            assert holder.read_in_bulk(True) == 2
            send_events.set()
            await asyncio.sleep(0.5)
            in_bulk = holder.status()["events"]
            holder.read_in_bulk(False)
            await asyncio.sleep(0.5)
            counted = holder.status()["events"]
            await holder.close()
            for writer in writers:
                writer.close()
        return opened, in_bulk, counted

    opened, in_bulk, counted = asyncio.run(run())
    assert opened["opened"] == 2
    assert in_bulk == 0  # the ten events (under BULK_BYTES) wait in each socket
    assert counted == 20
