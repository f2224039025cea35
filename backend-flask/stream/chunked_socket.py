"""The connection under a stream's answer, written to directly.

Once the answer's head has gone out through ASGI, each event is written to
uvicorn's transport as a chunk of the chunked body, from the code that
hands it out: no task switch and no ASGI `send` (with the wrappers around
it) for every event of every stream. ASGI does not expose the transport:
it is the `transport` of uvicorn's httptools request cycle, whose bound
`send` the endpoint is given (uvicorn is pinned, and `python -m stream` and
the tests run httptools). The answer is chunked because its head gives no
length.
"""


class ChunkedSocket:
    def __init__(self, send):
        """TypeError unless `send` is uvicorn's httptools cycle's own (not
        h11's, which frames the body itself, nor one wrapped by a logger)."""
        cycle = getattr(send, "__self__", None)
        transport = getattr(cycle, "transport", None)
        if transport is None or not hasattr(cycle, "chunked_encoding"):
            raise TypeError("a stream needs the send of uvicorn's httptools protocol")
        self._transport = transport
        # As much as may wait in the process, unsent, past what the kernel's
        # socket buffers hold: the transport's own high-water mark.
        self._limit = transport.get_write_buffer_limits()[1]

    def write(self, data: bytes) -> bool:
        """Writes one chunk; False once more waits unsent than the limit (a
        client that stopped reading). ConnectionResetError once the
        connection is closing: the client left."""
        if self._transport.is_closing():
            raise ConnectionResetError("the stream's connection is closing")
        self._transport.write(b"%x\r\n%b\r\n" % (len(data), data))
        return self._transport.get_write_buffer_size() <= self._limit

    @property
    def closing(self) -> bool:
        return self._transport.is_closing()

    def abort(self):
        """Drops the connection at once, without sending what waits."""
        self._transport.abort()
