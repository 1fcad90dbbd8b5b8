"""What the HTTP benchmarks share: starting and stopping the ``./odoo-bin``
under test, and the client side — many keep-alive HTTP/1.1 connections
driven from one process by asyncio on raw sockets, the timing loops and the
latency figures the benchmarks print.

One process with an event loop rather than a process or a thread per
client: on a machine with two cores, 200 forked Python clients take the
CPU the server is being measured on, and their scheduling noise ends up in
the latencies. Here a call costs the client a JSON encode, a write and a
parse of the answer's head.

Two ways of loading the server:

- :func:`closed_loop`: each client sends its next call the moment the
  previous answer arrives (no think time). Throughput is what the server
  can do; latency is then fixed by Little's law (about clients divided by
  throughput), whatever the server's speed per call.
- :func:`open_loop`: each client sends each call at a moment fixed in
  advance (people reacting to an event), whether or not the server kept
  up. A call's latency is counted from that moment, so a server falling
  behind shows as latency instead of silently slowing the clients down.
"""
from __future__ import annotations

import asyncio
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

# Seconds a call may take before the client gives up on it.
CALL_TIMEOUT = 120.0
# Seconds the server may take to answer its first /web/login.
START_TIMEOUT = 120.0
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


def start_server(db_options: list[str], db_name: str, extra: list[str], workdir: str) -> tuple:
    """Start ``./odoo-bin`` serving ``db_name`` on a free port of 127.0.0.1
    (its output in a log file of ``workdir``); wait until ``/web/login``
    answers. Returns ``(process, port, log file, log path, seconds to the
    first answer)``."""
    port = free_port()
    log_path = os.path.join(workdir, f'server-{port}.log')
    log = open(log_path, 'w')  # closed in stop_server
    command = [sys.executable, os.path.join(ROOT, 'odoo-bin'), '-d', db_name, *db_options,
               '--http-interface=127.0.0.1', f'--http-port={port}', *extra]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    while True:
        if process.poll() is not None:
            raise SystemExit(f"server exited ({process.returncode}); see {log_path}")
        try:
            connection = http.client.HTTPConnection('127.0.0.1', port, timeout=5)
            connection.request('GET', '/web/login')
            if connection.getresponse().status == 200:
                connection.close()
                break
        except OSError:
            pass
        if time.perf_counter() - started > START_TIMEOUT:
            process.kill()
            raise SystemExit(f"server did not answer within {START_TIMEOUT:g} s; see {log_path}")
        time.sleep(0.01)
    return process, port, log, log_path, time.perf_counter() - started


def process_tree(pid: int) -> list[int]:
    """``pid`` and its descendants (Linux ``/proc``)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir('/proc'):
        if entry.isdigit():
            try:
                with open(f'/proc/{entry}/stat', 'rb') as stat:
                    parent = int(stat.read().rsplit(b')', 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, ()))
    return tree


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """CPU time (user + system) each process has used so far; processes
    gone or unreadable are left out."""
    tick = os.sysconf('SC_CLK_TCK')
    used = {}
    for pid in pids:
        try:
            with open(f'/proc/{pid}/stat', 'rb') as stat:
                fields = stat.read().rsplit(b')', 1)[1].split()
        except OSError:
            continue
        used[pid] = (int(fields[11]) + int(fields[12])) / tick
    return used


def cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds used between two :func:`cpu_seconds` readings (a process
    born in between counts from zero)."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def stop_server(process: subprocess.Popen, log) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.close()


class ServerClosed(ConnectionError):
    """The server closed the connection before answering anything."""


class Connection:
    """One keep-alive HTTP/1.1 connection to the server, with its session cookie."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self.cookie = ''
        self.reconnects = 0
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def connect(self) -> None:
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
        self._reader = self._writer = None

    async def post_json(self, path: str, payload: Any) -> Any:
        """POST ``payload`` as JSON to ``path``; the decoded JSON answer. A
        connection the server closed while idle (its keep-alive timeout) is
        opened again and the call sent again: the server read none of it."""
        body = json.dumps(payload).encode()
        head = [f'POST {path} HTTP/1.1', f'Host: {self.host}:{self.port}', 'Content-Type: application/json',
                f'Content-Length: {len(body)}']
        if self.cookie:
            head.append(f'Cookie: {self.cookie}')
        request = ('\r\n'.join(head) + '\r\n\r\n').encode() + body
        for attempt in (1, 2):
            if self._writer is None:
                if attempt == 2:
                    self.reconnects += 1
                await self.connect()
            try:
                self._writer.write(request)
                status, data = await asyncio.wait_for(self._read_answer(), CALL_TIMEOUT)
                break
            except (ServerClosed, BrokenPipeError, ConnectionResetError):
                self.close()
                if attempt == 2:
                    raise
        if status != 200:
            raise RuntimeError(f"POST {path}: HTTP {status}: {data[:200]!r}")
        return json.loads(data)

    async def _read_answer(self) -> tuple[int, bytes]:
        reader = self._reader
        status_line = await reader.readline()
        if not status_line:
            raise ServerClosed(f"{self.host}:{self.port} closed the connection")
        status = int(status_line.split(None, 2)[1])
        length = None
        chunked = False
        keep_alive = True
        while True:
            line = await reader.readline()
            if line in (b'\r\n', b'\n', b''):
                break
            name, _sep, value = line.decode('latin-1').partition(':')
            name, value = name.strip().lower(), value.strip()
            if name == 'content-length':
                length = int(value)
            elif name == 'transfer-encoding' and 'chunked' in value.lower():
                chunked = True
            elif name == 'connection' and value.lower() == 'close':
                keep_alive = False
            elif name == 'set-cookie' and value.startswith('session_id='):
                self.cookie = value.split(';', 1)[0]
        if chunked:
            parts = []
            while True:
                size = int((await reader.readline()).split(b';', 1)[0], 16)
                if not size:
                    await reader.readline()
                    break
                parts.append(await reader.readexactly(size))
                await reader.readexactly(2)
            data = b''.join(parts)
        elif length is not None:
            data = await reader.readexactly(length)
        else:
            data = await reader.read()
            keep_alive = False
        if not keep_alive:
            self.close()
        return status, data


async def connect_all(host: str, port: int, count: int) -> list[Connection]:
    """``count`` connections, all opened before anything is timed."""
    connections = [Connection(host, port) for _ in range(count)]
    await asyncio.gather(*(connection.connect() for connection in connections))
    return connections


Step = Callable[[int, Connection, Any], Awaitable[Any]]


async def closed_loop(connections: Sequence[Connection], step: Step, *, items: Sequence[Sequence[Any]] | None = None,
                      deadline: float | None = None) -> list[list[tuple[float, Any]]]:
    """Every client ``i`` calls ``step(i, connection, item)`` for each item
    of ``items[i]`` (or, without items, with ``None`` until ``deadline``, a
    ``time.perf_counter()`` value), each call the moment the previous one
    answered. Returns per client the ``(seconds, step's result)`` of each call."""
    async def client(index: int, connection: Connection) -> list[tuple[float, Any]]:
        timed = []
        todo = iter(items[index]) if items is not None else None
        while True:
            if todo is not None:
                item = next(todo, StopIteration)
                if item is StopIteration:
                    break
            else:
                item = None
                if time.perf_counter() >= deadline:
                    break
            started = time.perf_counter()
            result = await step(index, connection, item)
            timed.append((time.perf_counter() - started, result))
        return timed
    return list(await asyncio.gather(*(client(index, connection) for index, connection in enumerate(connections))))


async def open_loop(connections: Sequence[Connection], step: Step,
                    schedule: Sequence[Sequence[tuple[float, Any]]]) -> list[list[tuple[float, Any]]]:
    """Client ``i`` calls ``step(i, connection, item)`` at each moment ``at``
    of its ``schedule[i]`` (sorted ``(at, item)`` pairs, ``at`` in seconds of
    ``time.perf_counter()``); a call still running at the next moment delays
    the next call, which still counts from its own moment. Returns per client
    the ``(seconds from the planned moment to the answer, step's result)``."""
    async def client(index: int, connection: Connection) -> list[tuple[float, Any]]:
        timed = []
        for at, item in schedule[index]:
            wait = at - time.perf_counter()
            if wait > 0:
                await asyncio.sleep(wait)
            result = await step(index, connection, item)
            timed.append((time.perf_counter() - at, result))
        return timed
    return list(await asyncio.gather(*(client(index, connection) for index, connection in enumerate(connections))))


def percentile_ms(sorted_seconds: Sequence[float], share: float) -> float:
    """The latency under which ``share`` of the calls answered, in milliseconds."""
    if not sorted_seconds:
        return float('nan')
    return 1000 * sorted_seconds[min(len(sorted_seconds) - 1, int(len(sorted_seconds) * share))]


def latency_figures(seconds: Sequence[float]) -> dict[str, float]:
    ordered = sorted(seconds)
    return {'count': len(ordered), 'p50_ms': percentile_ms(ordered, 0.5), 'p99_ms': percentile_ms(ordered, 0.99),
            'max_ms': 1000 * ordered[-1] if ordered else float('nan')}
