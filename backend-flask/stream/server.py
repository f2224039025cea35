"""uvicorn's server for the stream process.

On shutdown uvicorn waits for open connections to finish (up to its grace)
before the app's lifespan hears of it. A stream never finishes by itself,
so the streams are ended first, each with the end of its answer: their
clients reconnect to another process at once rather than after the grace.
"""

import uvicorn

from stream.hub import Hub


class StreamServer(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, hub: Hub):
        super().__init__(config)
        self.hub = hub

    async def shutdown(self, sockets=None):
        self.hub.end_all("shutting_down")
        await super().shutdown(sockets)
