"""Operator commands: ``assistant purge`` (retention; safe to run from cron)."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging

from api.container import build_container
from api.settings import get_settings


async def _purge() -> dict[str, int]:
    settings = get_settings()
    container = await build_container(settings)
    try:
        return await container.eraser.purge_expired(settings.retention_days)
    finally:
        await container.aclose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="assistant", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "purge", help="delete review items, conversations and Rasa trackers past retention"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s %(message)s")
    if args.command == "purge":
        print(json.dumps(asyncio.run(_purge())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
