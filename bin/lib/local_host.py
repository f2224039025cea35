"""What the shell helpers of bin/lib ask Python about this machine:

python bin/lib/local_host.py free-port      a TCP port nobody listens on
                                            on 127.0.0.1 right now
python bin/lib/local_host.py pgserver-bin   the folder of PostgreSQL
                                            binaries inside the pgserver
                                            wheel (run with the venv's python)
"""

from __future__ import annotations

import argparse
import socket
import sys
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pgserver_bin() -> Path:
    import pgserver  # installed on demand by pg_bin_dir (bin/lib/embedded.sh)

    return Path(pgserver.__file__).parent / "pginstall" / "bin"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="local_host.py", description=__doc__.split("\n")[0])
    parser.add_argument("question", choices=["free-port", "pgserver-bin"])
    args = parser.parse_args(argv)
    print(free_port() if args.question == "free-port" else pgserver_bin())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
