"""The connection under a stream's answer, written to directly.

Once the answer's head has gone out through ASGI, each event is written to
uvicorn's transport as a chunk of the chunked body, from the code that
hands it out: no task switch and no ASGI `send` (with the wrappers around
it) for every event of every stream. ASGI does not expose the transport:
it is the `transport` of uvicorn's request cycle, whose bound `send` the
endpoint is given (uvicorn is pinned; tests/test_stream.py checks it).
"""


class ChunkedSocket:
    def __init__(self, send):
        cycle = getattr(send, "__self__", None)
        transport = getattr(cycle, "transport", None)
        if transport is None or getattr(cycle, "chunked_encoding", None) is not True:
            raise TypeError("a stream needs uvicorn's send for a chunked answer whose head has been sent")
        self._transport = transport
        # As much as may wait in the process, unsent, past what the kernel's
        # socket buffers hold: the transport's own high-water mark.
        self._limit = transport.get_write_buffer_limits()[1]

    def write(self, data: bytes) -> bool:
        """Writes one chunk; False once more waits unsent than the limit
        (a client that stopped reading). Nothing is written once the
        connection is closing: the client's leaving ends the stream."""
        if self._transport.is_closing():
            return True
        self._transport.write(b"%x\r\n%b\r\n" % (len(data), data))
        return self._transport.get_write_buffer_size() <= self._limit

    def abort(self):
        """Drops the connection at once, without sending what waits."""
        self._transport.abort()
