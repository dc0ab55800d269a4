"""Speed, measured on this machine (``make bench``), written to ``docs/performance.md``.

1. Side by side: the same message mix (the held-out questions, every language) sent through
   the api (``POST /api/v1/chat``) and straight to Rasa's REST channel, at 1, 8 and 32
   concurrent conversations. "Direct" still includes Rasa's call to the api's NLG webhook,
   which renders every answer: it is the floor under the api's path, not an alternative.
2. Soak: ``--soak-minutes`` (default 10) at a steady rate against the scaled configuration
   (two api processes on PostgreSQL and Redis, two Rasa replicas), with one Rasa replica
   killed and started again midway. Every message sent is accounted for: answered, or not
   answered and queued for staff.
3. Training time, model load time and model size.

    python -m tools.bench [--soak-minutes 10] [--rate 8] [--skip-train]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx
import redis
import yaml
from sqlalchemy import create_engine, text

from tools.model import ROOT, ensure, train
from tools.stack import ScaledStack, running, running_scaled
from tools.testdb import fresh

REPORT = ROOT / "docs" / "performance.md"
LEVELS = (1, 8, 32)


def messages() -> list[tuple[str, str]]:
    found = []
    for path in sorted((ROOT / "tests" / "data" / "heldout").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found += [(data["language"], e["text"]) for e in data["examples"]]
    random.Random(7).shuffle(found)
    return found


@dataclass
class Run:
    path: str
    concurrency: int
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    def pct(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


async def load(
    path: str, url: str, mix: list[tuple[str, str]], concurrency: int, total: int
) -> Run:
    """``concurrency`` conversations, each sending its next message as soon as it has the
    answer to the last; a conversation lasts 5 messages (under the web rate limit)."""
    run = Run(path, concurrency)
    queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
    for item in (mix * (total // len(mix) + 1))[:total]:
        queue.put_nowait(item)
    limits = httpx.Limits(max_connections=concurrency + 4)
    async with httpx.AsyncClient(timeout=30, limits=limits) as client:

        async def conversation() -> None:
            cid, sent = f"bench-{uuid.uuid4().hex[:16]}", 0
            while not queue.empty():
                _, message = queue.get_nowait()
                if sent == 5:
                    cid, sent = f"bench-{uuid.uuid4().hex[:16]}", 0
                started = time.perf_counter()
                try:
                    if path == "api":
                        r = await client.post(
                            f"{url}/api/v1/chat", json={"conversation_id": cid, "text": message}
                        )
                    else:
                        r = await client.post(
                            f"{url}/webhooks/rest/webhook",
                            json={"sender": cid, "message": message, "metadata": {}},
                        )
                    ok = r.status_code == 200 and bool(r.json())
                except httpx.HTTPError:
                    ok = False
                sent += 1
                if ok:
                    run.latencies.append(time.perf_counter() - started)
                else:
                    run.errors += 1

        started = time.perf_counter()
        await asyncio.gather(*(conversation() for _ in range(concurrency)))
        run.seconds = time.perf_counter() - started
    return run


def side_by_side(per_level: int) -> tuple[list[Run], dict[str, float]]:
    mix = messages()
    runs: list[Run] = []
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        started = time.monotonic()
        with running(Path(tmp)) as stack:
            timings["stack_ready_s"] = time.monotonic() - started
            asyncio.run(load("api", stack.api_url, mix, 4, 40))  # warm-up
            for level in LEVELS:
                for path, url in (("direct", stack.rasa_url), ("api", stack.api_url)):
                    run = asyncio.run(load(path, url, mix, level, per_level))
                    print(f"{path:6} c={level:2}: p50 {run.pct(50):.0f} ms, {run.rate:.1f}/s")
                    runs.append(run)
    return runs, timings


# ---------------------------------------------------------------------- soak
def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@dataclass
class Soak:
    minutes: float
    rate: float
    sent: int = 0
    answered: int = 0
    not_answered: int = 0
    errors: int = 0
    queued: int = 0
    latencies: list[float] = field(default_factory=list)
    rss_before: dict[str, float] = field(default_factory=dict)
    rss_after: dict[str, float] = field(default_factory=dict)
    restart_s: float = 0.0


async def steady(stack: ScaledStack, soak: Soak, mix: list[tuple[str, str]]) -> None:
    """Messages at a steady rate, from 400 conversations in turn (each under the rate limit),
    alternating between the api processes, with rasa-1 restarted halfway."""
    conversations = [f"soak-{uuid.uuid4().hex[:16]}" for _ in range(400)]
    duration = soak.minutes * 60
    interval = 1 / soak.rate
    pending: set[asyncio.Task[None]] = set()

    async with httpx.AsyncClient(timeout=30, limits=httpx.Limits(max_connections=200)) as client:

        async def one(i: int) -> None:
            _, message = mix[i % len(mix)]
            api = stack.api_urls[i % len(stack.api_urls)]
            cid = conversations[i % len(conversations)]
            started = time.perf_counter()
            try:
                r = await client.post(
                    f"{api}/api/v1/chat", json={"conversation_id": cid, "text": message}
                )
            except httpx.HTTPError:
                soak.errors += 1
                return
            if r.status_code != 200:
                soak.errors += 1
                return
            soak.latencies.append(time.perf_counter() - started)
            if r.json()["topic"] == "out_of_scope":
                soak.not_answered += 1
            else:
                soak.answered += 1

        async def restart_midway() -> None:
            await asyncio.sleep(duration / 2)
            started = time.monotonic()
            await asyncio.to_thread(stack.kill, "rasa-1")
            await asyncio.to_thread(stack.start, "rasa-1", f"{stack.rasa_urls[0]}/")
            soak.restart_s = time.monotonic() - started

        restarter = asyncio.create_task(restart_midway())
        began = time.monotonic()
        i = 0
        while time.monotonic() - began < duration:
            task = asyncio.create_task(one(i))
            pending.add(task)
            task.add_done_callback(pending.discard)
            soak.sent += 1
            i += 1
            await asyncio.sleep(max(0.0, began + i * interval - time.monotonic()))
        await asyncio.gather(*pending, restarter)


def run_soak(minutes: float, rate: float) -> Soak:
    soak = Soak(minutes, rate)
    url = fresh("assistant_soak")
    for db in (9, 10, 11):
        redis.Redis(host="127.0.0.1", port=6379, db=db).flushdb()
    with (
        tempfile.TemporaryDirectory() as tmp,
        running_scaled(Path(tmp), postgres_url=url, redis_dbs=(9, 10, 11)) as stack,
    ):
        soak.rss_before = {n: rss_mb(p.pid) for n, p in stack.processes.items()}
        asyncio.run(steady(stack, soak, messages()))
        soak.rss_after = {n: rss_mb(p.pid) for n, p in stack.processes.items()}
        time.sleep(3)  # the spool's flush interval, in case the store had a hiccup
    engine = create_engine(url)
    with engine.connect() as conn:
        soak.queued = conn.execute(
            text(
                "SELECT count(*) FROM review_items "
                "WHERE reason IN ('fallback', 'repeated_fallback', 'bot_unavailable')"
            )
        ).scalar_one()
    engine.dispose()
    return soak


# ---------------------------------------------------------------------- report
def report(
    runs: list[Run], timings: dict[str, float], soak: Soak | None, model: dict[str, float]
) -> str:
    lines = [
        "# Performance",
        "",
        f"Measured by `make bench` on {datetime.now(UTC):%Y-%m-%d} on this development machine "
        "(2 cores, 24 GB), one Rasa process for the side-by-side runs. Messages are the "
        "held-out questions of every language, shuffled; each conversation sends 5.",
        "",
        "## Through the api vs straight to Rasa",
        "",
        "\"Direct\" posts to Rasa's REST channel; Rasa still calls the api's NLG webhook to "
        "render each answer, so it is the floor under the api's path.",
        "",
        "| path | concurrent conversations | messages | p50 ms | p95 ms | p99 ms "
        "| messages/s | errors |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in runs:
        lines.append(
            f"| {r.path} | {r.concurrency} | {len(r.latencies)} | {r.pct(50):.0f} | "
            f"{r.pct(95):.0f} | {r.pct(99):.0f} | {r.rate:.1f} | {r.errors} |"
        )
    lines += [
        "",
        "| concurrent | api/direct p50 | added p50 | api/direct messages/s |",
        "|---|---|---|---|",
    ]
    for level in LEVELS:
        api = next(r for r in runs if r.path == "api" and r.concurrency == level)
        direct = next(r for r in runs if r.path == "direct" and r.concurrency == level)
        lines.append(
            f"| {level} | {api.pct(50) / direct.pct(50):.2f} | "
            f"{100 * (api.pct(50) / direct.pct(50) - 1):+.0f}% | {api.rate / direct.rate:.2f} |"
        )
    lines += [
        "",
        "Goals: added latency at p50 at most 15%; at least 30 messages/s with p95 under 1 s.",
        "",
        "## Model",
        "",
        f"- Full training (`rasa train`, 11 languages): {model.get('train_s', float('nan')):.0f} s",
        f"- Model size: {model['size_mb']:.1f} MB",
        f"- Rasa start-up with the model, to its first answer-ready request: "
        f"{timings.get('stack_ready_s', float('nan')):.0f} s (api and Rasa started together)",
    ]
    if soak is not None:
        latencies = sorted(soak.latencies)

        def pct(p: float) -> float:
            return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000

        balanced = soak.sent == soak.answered + soak.queued + soak.errors
        lines += [
            "",
            "## Soak: the scaled configuration",
            "",
            f"{soak.minutes:g} minutes at {soak.rate:g} messages/s, from 400 conversations, "
            "alternating between two api processes (PostgreSQL, Redis) over two Rasa replicas "
            "(Redis tracker and lock store). Halfway, rasa-1 was killed (SIGKILL) and started "
            f"again; it was back after {soak.restart_s:.0f} s.",
            "",
            "| sent | answered | not answered, queued for staff | errors "
            "| sent = answered + queued |",
            "|---|---|---|---|---|",
            f"| {soak.sent} | {soak.answered} | {soak.queued} "
            f"(replies without an answer: {soak.not_answered}) | {soak.errors} | "
            f"{'yes' if balanced and soak.queued == soak.not_answered else 'NO'} |",
            "",
            f"Latency over the soak: p50 {pct(50):.0f} ms, p95 {pct(95):.0f} ms, "
            f"p99 {pct(99):.0f} ms.",
            "",
            "| process | RSS before (MB) | RSS after (MB) |",
            "|---|---|---|",
        ]
        for name in sorted(soak.rss_before):
            lines.append(
                f"| {name} | {soak.rss_before[name]:.0f} | {soak.rss_after.get(name, 0):.0f} |"
            )
        lines.append(
            '\n(rasa-1\'s "after" is the restarted process, so it is not comparable with its '
            '"before".)'
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--per-level", type=int, default=300, help="messages per run")
    parser.add_argument("--soak-minutes", type=float, default=10.0)
    parser.add_argument("--rate", type=float, default=8.0, help="soak messages per second")
    parser.add_argument("--skip-train", action="store_true")
    args = parser.parse_args(argv)

    model_file = ensure()
    model: dict[str, float] = {"size_mb": model_file.stat().st_size / 1e6}
    if not args.skip_train:
        with tempfile.TemporaryDirectory() as tmp:
            model["train_s"] = train(Path(tmp) / "model.tar.gz")
        print(f"training: {model['train_s']:.0f} s")
    runs, timings = side_by_side(args.per_level)
    soak = run_soak(args.soak_minutes, args.rate) if args.soak_minutes > 0 else None
    text_ = report(runs, timings, soak, model)
    REPORT.write_text(text_, encoding="utf-8")
    print(text_)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
