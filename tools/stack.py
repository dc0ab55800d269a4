"""Start the assistant as real processes: ``rasa run`` and the api, on localhost.

Used by ``make run`` (``python -m tools.stack``) and by the integration tests, so what the
tests exercise is exactly what a person runs. Rasa is bound to 127.0.0.1, runs without
``--enable-api`` and with telemetry off; it is reachable only by the api.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tools.model import BOT_PYTHON, ROOT, ensure, rasa_env

API_PYTHON = ROOT / ".venv" / "bin" / "python"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(url: str, proc: subprocess.Popen[bytes], timeout: float, name: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited with code {proc.returncode} while starting")
        try:
            if httpx.get(url, timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{name} did not become ready at {url} within {timeout:.0f} s")


@dataclass
class Stack:
    api_url: str
    rasa_url: str
    var_dir: Path
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    model: Path | None = None

    def stop(self) -> None:
        for proc in reversed(self.processes):
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
        for proc in reversed(self.processes):
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def start_rasa(
    model: Path,
    port: int,
    nlg_url: str,
    nlg_token: str,
    tracker_db: Path,
    log_path: Path,
    endpoints: Path = ROOT / "bot" / "endpoints.yml",
    extra_env: dict[str, str] | None = None,
) -> subprocess.Popen[bytes]:
    env = {
        **rasa_env(),
        "NLG_URL": nlg_url,
        "NLG_TOKEN": nlg_token,
        "RASA_TRACKER_DB": str(tracker_db),
        **(extra_env or {}),
    }
    cmd = [
        str(BOT_PYTHON), "-m", "rasa", "run",
        "--model", str(model),
        "--endpoints", str(endpoints),
        "--credentials", str(ROOT / "bot" / "credentials.yml"),
        "--interface", "127.0.0.1", "--port", str(port),
    ]  # fmt: skip
    log = log_path.open("ab")
    return subprocess.Popen(cmd, cwd=ROOT / "bot", env=env, stdout=log, stderr=subprocess.STDOUT)


def start_api(
    port: int, rasa_url: str, db: Path, tracker_db: Path, log_path: Path, extra_env: dict[str, str]
) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "ASSISTANT_RASA_URL": rasa_url,
        "ASSISTANT_DATABASE_URL": f"sqlite+aiosqlite:///{db}",
        "ASSISTANT_RASA_TRACKER_DB": f"sqlite+aiosqlite:///{tracker_db}",
        **extra_env,
    }
    if not env["ASSISTANT_RASA_TRACKER_DB"].strip():
        env["ASSISTANT_RASA_TRACKER_DB"] = ""
    cmd = [
        str(API_PYTHON), "-m", "uvicorn", "--factory", "api.main:app",
        "--host", "127.0.0.1", "--port", str(port),
        # The access log would record client addresses; families' requests are not logged.
        "--no-access-log",
    ]  # fmt: skip
    log = log_path.open("ab")
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


@contextmanager
def running(
    var_dir: Path,
    *,
    api_port: int | None = None,
    rasa_port: int | None = None,
    model: Path | None = None,
    extra_env: dict[str, str] | None = None,
) -> Iterator[Stack]:
    var_dir.mkdir(parents=True, exist_ok=True)
    api_port = api_port or free_port()
    rasa_port = rasa_port or free_port()
    stack = Stack(f"http://127.0.0.1:{api_port}", f"http://127.0.0.1:{rasa_port}", var_dir)
    tracker_db = var_dir / "rasa-trackers.db"
    nlg_token = secrets.token_urlsafe(24)
    try:
        api = start_api(
            api_port, stack.rasa_url, var_dir / "assistant.db", tracker_db,
            var_dir / "api.log",
            {
                "ASSISTANT_NLG_TOKEN": nlg_token,
                # Locally, the URL Twilio-style signatures are made for is the api's own.
                "ASSISTANT_PUBLIC_BASE_URL": stack.api_url,
                **(extra_env or {}),
            },
        )  # fmt: skip
        stack.processes.append(api)
        wait_until(f"{stack.api_url}/health", api, 60, "api")
        stack.model = model or ensure()
        rasa = start_rasa(
            stack.model,
            rasa_port,
            f"{stack.api_url}/nlg",
            nlg_token,
            tracker_db,
            var_dir / "rasa.log",
        )
        stack.processes.append(rasa)
        wait_until(f"{stack.rasa_url}/", rasa, 300, "rasa")
        yield stack
    finally:
        stack.stop()


@dataclass
class ScaledStack:
    """Two (or more) api processes sharing PostgreSQL and Redis, and Rasa replicas sharing a
    Redis tracker and lock store: the processes of docker-compose.yml, started directly."""

    api_urls: list[str]
    rasa_urls: list[str]
    var_dir: Path
    model: Path
    starters: dict[str, Callable[[], subprocess.Popen[bytes]]] = field(default_factory=dict)
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def start(self, name: str, ready_url: str, timeout: float = 300) -> None:
        self.processes[name] = self.starters[name]()
        wait_until(ready_url, self.processes[name], timeout, name)

    def kill(self, name: str) -> None:
        proc = self.processes[name]
        proc.kill()
        proc.wait()

    def stop(self) -> None:
        for proc in self.processes.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
        for proc in self.processes.values():
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@contextmanager
def running_scaled(
    var_dir: Path,
    *,
    postgres_url: str,
    redis_host: str = "127.0.0.1",
    redis_port: int = 6379,
    redis_dbs: tuple[int, int, int] = (13, 14, 15),  # Rasa trackers, Rasa locks, the api
    apis: int = 2,
    rasas: int = 2,
    retention_days: int = 30,
    model: Path | None = None,
    extra_env: dict[str, str] | None = None,
) -> Iterator[ScaledStack]:
    var_dir.mkdir(parents=True, exist_ok=True)
    api_ports = [free_port() for _ in range(apis)]
    rasa_ports = [free_port() for _ in range(rasas)]
    stack = ScaledStack(
        [f"http://127.0.0.1:{p}" for p in api_ports],
        [f"http://127.0.0.1:{p}" for p in rasa_ports],
        var_dir,
        model or ensure(),
    )
    token = secrets.token_urlsafe(24)
    trackers, locks, api_db = redis_dbs
    redis = f"redis://{redis_host}:{redis_port}"
    api_env = {
        "ASSISTANT_NLG_TOKEN": token,
        "ASSISTANT_DATABASE_URL": postgres_url,
        "ASSISTANT_RASA_TRACKER_DB": " ",
        "ASSISTANT_REDIS_URL": f"{redis}/{api_db}",
        "ASSISTANT_RASA_TRACKER_REDIS_URL": f"{redis}/{trackers}",
        "ASSISTANT_RETENTION_DAYS": str(retention_days),
        **(extra_env or {}),
    }
    rasa_env_extra = {
        "REDIS_HOST": redis_host,
        "REDIS_PORT": str(redis_port),
        "REDIS_PASSWORD": "",
        "REDIS_TRACKER_DB": str(trackers),
        "REDIS_LOCK_DB": str(locks),
        "TRACKER_RECORD_EXP": str(retention_days * 86_400),
        # A replica that dies holding a conversation's lock frees it after this many seconds.
        "TICKET_LOCK_LIFETIME": "10",
    }
    rasa_urls = ",".join(stack.rasa_urls)
    for i, port in enumerate(api_ports):
        stack.starters[f"api-{i + 1}"] = lambda port=port, i=i: start_api(  # type: ignore[misc]
            port, rasa_urls, var_dir / "unused.db", var_dir / "unused-trackers.db",
            var_dir / f"api-{i + 1}.log",
            {**api_env, "ASSISTANT_PUBLIC_BASE_URL": f"http://127.0.0.1:{port}"},
        )  # fmt: skip
    for i, port in enumerate(rasa_ports):
        nlg = f"{stack.api_urls[i % apis]}/nlg"
        stack.starters[f"rasa-{i + 1}"] = lambda port=port, i=i, nlg=nlg: start_rasa(  # type: ignore[misc]
            stack.model, port, nlg, token, var_dir / "unused-trackers.db",
            var_dir / f"rasa-{i + 1}.log", ROOT / "bot" / "endpoints.scaled.yml", rasa_env_extra,
        )  # fmt: skip
    try:
        # One api at a time: the first applies the migrations.
        for i, url in enumerate(stack.api_urls):
            stack.start(f"api-{i + 1}", f"{url}/health", 60)
        for i in range(rasas):
            stack.processes[f"rasa-{i + 1}"] = stack.starters[f"rasa-{i + 1}"]()
        for i, url in enumerate(stack.rasa_urls):
            wait_until(f"{url}/", stack.processes[f"rasa-{i + 1}"], 300, f"rasa-{i + 1}")
        yield stack
    finally:
        stack.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description="Run the assistant on this machine.")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--rasa-port", type=int, default=5005)
    args = parser.parse_args()
    print("Starting Rasa and the api (Rasa takes about a minute to load its model)...")
    stop = False

    def on_signal(signum: int, _frame: object) -> None:
        nonlocal stop
        stop = True

    with running(ROOT / "var", api_port=args.port, rasa_port=args.rasa_port) as stack:
        signal.signal(signal.SIGINT, on_signal)
        signal.signal(signal.SIGTERM, on_signal)
        print(f"\nThe assistant is running: open {stack.api_url}/  (Ctrl-C stops it)")
        print(f"A school page with the chat widget: {stack.api_url}/demo")
        print(f"The staff review console: {stack.api_url}/console/ (accounts: `make admin`)\n")
        print("Logs: var/api.log and var/rasa.log", flush=True)
        while not stop:
            if any(p.poll() is not None for p in stack.processes):
                print("a process stopped unexpectedly; see var/*.log", file=sys.stderr)
                return 1
            time.sleep(0.5)
        print("\nStopping...")
    return 0


if __name__ == "__main__":
    sys.exit(main())
