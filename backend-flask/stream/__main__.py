"""`python -m stream`: the stream process on HOST:STREAM_PORT (0.0.0.0:4568)."""

import os

import uvicorn

if __name__ == "__main__":
    uvicorn.run(
        "stream.app:app",
        host=os.environ.get("HOST", "0.0.0.0"),  # noqa: S104 (in a container the load balancer is outside)
        port=int(os.environ.get("STREAM_PORT", "4568")),
        loop="uvloop",
        http="httptools",
        # The app logs each stream itself: uvicorn's access log would print query strings, which carry tickets.
        access_log=False,
        log_level=os.environ.get("LOG_LEVEL", "info").lower(),
        timeout_graceful_shutdown=5,
        backlog=4096,
    )
