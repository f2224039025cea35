"""Fixtures shared by the ops tests."""

import pytest
from moto.server import ThreadedMotoServer


@pytest.fixture(scope="module")
def endpoint():
    """moto in server mode on a free loopback port, standing in for AWS."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()
