"""A real Milvus standalone server on loopback for the tests (the `milvus` package ships it).

Its gRPC port is the first free one from 19530 up (the package probes by binding 127.0.0.1),
its data and logs go to a temporary folder, and it is stopped (and that folder removed) after.
Starting takes 8-15 s, so the suite starts one for the session. Two servers cannot run side by
side (the embedded etcd's peer port, 2380, is fixed), so a test that kills the server starts a
fresh one afterwards.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# The server's components advertise these addresses to each other: loopback, not the
# machine's first network address.
COMPONENTS = (
    "rootCoord",
    "proxy",
    "queryCoord",
    "queryNode",
    "indexCoord",
    "indexNode",
    "dataCoord",
    "dataNode",
)


class Server:
    """One running Milvus standalone process."""

    def __init__(self, base_dir: Path) -> None:
        from milvus import MilvusServer, MilvusServerConfig

        self.base_dir = base_dir
        self.restarts = 0
        self._server = MilvusServer(MilvusServerConfig())
        self._server.set_base_dir(str(base_dir / "server"))
        for component in COMPONENTS:
            self._server.config.set(f"{component}.ip", "127.0.0.1")
        self._server.start()  # returns once its health check answers

    @property
    def uri(self) -> str:
        return f"http://127.0.0.1:{self._server.listen_port}"

    @property
    def pid(self) -> int:
        return int(self._server.server_proc.pid)

    def kill(self) -> None:
        """SIGKILL the server process (what a crash or an OOM kill does)."""
        proc = self._server.server_proc
        proc.kill()
        proc.wait(timeout=30)

    def restart(self) -> None:
        """Start a fresh server after a kill, on a new data folder: on the old one the
        coordinators wait about a minute for the dead process's etcd sessions to expire.
        The port may change (the old one can be in TIME_WAIT): read `uri` again."""
        self.stop()
        self.restarts += 1
        self._server.set_base_dir(str(self.base_dir / f"restart-{self.restarts}"))
        self._server.start()

    def stop(self) -> None:
        if self._server.server_proc is not None and self._server.server_proc.poll() is not None:
            self._server.server_proc = None  # already dead: only the log files to close
        self._server.stop()


@contextmanager
def running_server(base_dir: Path) -> Iterator[Server]:
    server = Server(base_dir)
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(base_dir, ignore_errors=True)
