"""The stream process's routes: `GET /api/stream` and its health check.

A browser opens its stream with a ticket from the API (`?ticket=`; see
services/stream_tickets); other clients may send their access token as the
API takes it, checked by the same code. `last_event_id` (or the
`Last-Event-ID` header) replays what the client missed in the last five
minutes. Query strings are never logged: tickets travel in them.
"""

import asyncio
import contextlib
import logging
import time

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from lib.cognito_jwt_token import TokenRejected, token_verifier
from lib.config import load_settings
from lib.db import db
from lib.errors import HTTP_CODES, ApiError
from lib.event_bus import Listener
from lib.local_identity import local_signer
from lib.request_log import configure_logging
from services import live_events, stream_tickets
from services.callers import Caller
from stream.chunked_socket import ChunkedSocket
from stream.hub import HEARTBEAT_SECONDS, Hub, Stream
from stream.sse import encode_event

log = logging.getLogger("cruddur.stream")
STREAM_HEADERS = {
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-cache",
    "X-Accel-Buffering": "no",
}


class StreamApp:
    """`GET /api/stream` served straight from the server, so that its `send`
    is uvicorn's own (stream/chunked_socket.py); every other request and the
    lifespan go to the Starlette app."""

    def __init__(self, routes: Starlette, open_stream, hub: Hub):
        self.routes = routes
        self.open_stream = open_stream
        self.hub = hub

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["path"] != "/api/stream":
            await self.routes(scope, receive, send)
        elif scope["method"] != "GET":
            answer = error(405, "method_not_allowed")
            answer.headers["Allow"] = "GET"
            await answer(scope, receive, send)
        else:
            await self.open_stream(scope, receive, send)


def error(status: int, *codes: str, **details) -> JSONResponse:
    return JSONResponse({"errors": list(codes), **details}, status_code=status)


async def http_error(_request: Request, failure: HTTPException) -> JSONResponse:
    # The API's envelope for Starlette's own errors too (a path it does not serve).
    answer = error(failure.status_code, HTTP_CODES.get(failure.status_code, "http_error"))
    answer.headers.update(failure.headers or {})
    return answer


def create_stream_app(test_config: dict | None = None, heartbeat_seconds: float | None = None) -> StreamApp:
    settings = load_settings(test_config)
    configure_logging(settings.log_level, None, settings.cloudwatch_log_group, settings.aws_default_region)
    db.configure(settings.connection_url, settings.db_pool_size, settings.avatar_bases)
    local_jwks = local_signer(settings).jwks if settings.auth_provider == "local" else None
    verifier = token_verifier(settings, local_jwks)
    hub = Hub(Listener(settings.connection_url), heartbeat_seconds or HEARTBEAT_SECONDS)

    async def caller_of(request: Request) -> Caller:
        ticket = request.query_params.get("ticket")
        if ticket:
            return await asyncio.to_thread(stream_tickets.redeem, ticket)
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise TokenRejected("ticket_missing")
        claims = await asyncio.to_thread(verifier.verify, token.strip())
        return await asyncio.to_thread(Caller(claims).check)

    def last_event_id(request: Request) -> int | None:
        given = request.query_params.get("last_event_id") or request.headers.get("Last-Event-ID")
        if not given:
            return None
        if not given.isdigit() or len(given) > 18:
            raise ApiError(422, "last_event_id_invalid")
        return int(given)

    def cross_origin(request: Request) -> dict[str, str]:
        # The web app's origin may open streams (an EventSource sends no
        # credentials, so nothing more is needed). Set here rather than by a
        # middleware, which would wrap every event the stream sends.
        origin = request.headers.get("Origin")
        allowed = {"Access-Control-Allow-Origin": origin} if origin in settings.frontend_origins else {}
        return allowed | {"Vary": "Origin"}

    async def open_stream(scope, receive, send):
        # A plain ASGI endpoint, called by uvicorn itself (StreamApp), whose
        # events the hub writes to the connection (stream/chunked_socket.py).
        request = Request(scope, receive)
        try:
            socket = ChunkedSocket(send)
        except TypeError:
            log.exception("cannot write to the connection: run the stream process with uvicorn's httptools")
            await error(503, "stream_unavailable")(scope, receive, send)
            return
        opened = await open_for(request)
        if isinstance(opened, JSONResponse):
            opened.headers.update(cross_origin(request))
            await opened(scope, receive, send)
            return
        stream, first = opened
        headers = STREAM_HEADERS | cross_origin(request)
        started = time.monotonic()
        log.info("stream opened", extra={"user_uuid": stream.person, "streams": len(hub.people)})
        watching = asyncio.create_task(end_when_left(receive, stream))
        try:
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(name.lower().encode(), value.encode()) for name, value in headers.items()],
                }
            )
            await send({"type": "http.response.body", "body": first, "more_body": True})
            # An empty chunk sends nothing, but uvicorn's send waits until a
            # long replay has drained before it returns: the client is not
            # counted behind for what it was just sent.
            await send({"type": "http.response.body", "body": b"", "more_body": True})
            stream.attach(socket)
            await stream.wait_until_ended()
            if stream.ended in ("too_slow", "client_left") or socket.closing:
                # Dropped at once (a close would wait to send what waits): its
                # client reconnects and replays. Over once the server sees it
                # go, or soon (a pipelined request hides that from this answer).
                socket.abort()
                await asyncio.wait({watching}, timeout=1)
            else:
                await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            watching.cancel()
            hub.leave(stream)
            log.info(
                "stream closed",
                extra={
                    "user_uuid": stream.person,
                    "reason": stream.ended or "client_left",
                    "seconds": round(time.monotonic() - started, 1),
                },
            )

    async def end_when_left(receive, stream: Stream):
        while (await receive())["type"] != "http.disconnect":
            pass
        stream.end("client_left")

    async def open_for(request: Request) -> tuple[Stream, bytes] | JSONResponse:
        """The stream joined to the hub, and what it writes first: what the
        client missed (or `reset`), then `ready`; or the error to answer."""
        if not hub.listening:
            return error(503, "stream_unavailable")
        try:
            after = last_event_id(request)
            caller = await caller_of(request)
            person = str(caller["uuid"])
            stream = Stream(person, caller.claims["sub"], caller.claims["iat"], caller.claims["exp"])
            position = await hub.join(stream)
        except ApiError as failure:
            return error(failure.status, *failure.codes, **failure.details)
        try:
            first = [] if after is None else await missed_since(person, after, stream)
        except ApiError as failure:
            hub.leave(stream)
            return error(failure.status, *failure.codes)
        first.append(encode_event("ready", {}, max(position, stream.sent)))
        return stream, b"".join(first)

    async def missed_since(person: str, after: int, stream: Stream) -> list[bytes]:
        missed = await asyncio.to_thread(live_events.replay, person, after)
        if missed is None:
            return [encode_event("reset", {"reason": "replay_unavailable"})]
        stream.sent = max([after, *(delivery.id for delivery in missed)])
        return [encode_event(delivery.kind, delivery.data, delivery.id) for delivery in missed]

    async def health(_request: Request):
        return JSONResponse({"postgres": "up" if hub.listening else "down"}, status_code=200 if hub.listening else 503)

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        tasks = [asyncio.create_task(hub.listen()), asyncio.create_task(hub.keep_up())]
        try:
            yield
        finally:
            hub.end_all("shutting_down")
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    routes = Starlette(
        routes=[Route("/api/stream/health", health)], exception_handlers={HTTPException: http_error}, lifespan=lifespan
    )
    return StreamApp(routes, open_stream, hub)
