"""`python -m stream`: the stream process on HOST:STREAM_PORT (0.0.0.0:4568)."""

import gc
import os

import uvicorn

from stream.app import create_stream_app
from stream.server import StreamServer

if __name__ == "__main__":
    # Each event sent allocates a few short-lived objects per stream: with
    # the collector's default threshold it would walk thousands of open
    # streams' objects many times a second.
    gc.set_threshold(50_000, 20, 100)
    app = create_stream_app()
    config = uvicorn.Config(
        app,
        host=os.environ.get("HOST", "0.0.0.0"),  # noqa: S104 (in a container the load balancer is outside)
        port=int(os.environ.get("STREAM_PORT", "4568")),
        loop="uvloop",
        http="httptools",  # the hub writes to its transport (stream/chunked_socket.py)
        # The app logs each stream itself: uvicorn's access log would print query strings, which carry tickets.
        access_log=False,
        log_level=os.environ.get("LOG_LEVEL", "info").lower(),
        timeout_graceful_shutdown=5,
        backlog=4096,
    )
    StreamServer(config, app.hub).run()
