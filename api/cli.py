"""Operator commands.

    assistant purge                    delete what is past retention (safe to run from cron)
    assistant staff add NAME --role reviewer --district hartford [--translator es ...]
    assistant staff add NAME --role admin --all-districts
    assistant staff password NAME      set a new password
    assistant staff list

Passwords are asked for on the terminal (never on the command line, where ``ps`` and shell
history would keep them); scripts can pass one in ``ASSISTANT_STAFF_PASSWORD`` instead.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import logging
import os
import sys
from collections.abc import Awaitable, Callable
from typing import TypeVar

from api.container import Container, build_container
from api.errors import ConsoleError
from api.settings import get_settings

T = TypeVar("T")


async def _with_container(work: Callable[[Container], Awaitable[T]]) -> T:
    container = await build_container(get_settings())
    try:
        return await work(container)
    finally:
        await container.aclose()


def _password() -> str:
    from_env = os.environ.get("ASSISTANT_STAFF_PASSWORD")
    if from_env:
        return from_env
    first = getpass.getpass("Password (12+ characters): ")
    if first != getpass.getpass("Same password again: "):
        raise ConsoleError("the passwords differ")
    return first


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assistant", description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "purge", help="delete review items, conversations and Rasa trackers past retention"
    )
    staff = commands.add_parser("staff", help="review console accounts").add_subparsers(
        dest="staff_command", required=True
    )
    add = staff.add_parser("add", help="create an account")
    add.add_argument("username")
    add.add_argument("--role", choices=["reviewer", "admin"], default="reviewer")
    add.add_argument(
        "--district",
        action="append",
        default=[],
        help="a district id from config/districts.yml, or 'statewide' (repeatable)",
    )
    add.add_argument(
        "--all-districts",
        action="store_true",
        help="every district in config/districts.yml now, and statewide",
    )
    add.add_argument(
        "--translator",
        action="append",
        default=[],
        help="a language tag this person is qualified to review translations in (repeatable)",
    )
    password = staff.add_parser("password", help="set a new password")
    password.add_argument("username")
    staff.add_parser("list", help="list accounts")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s %(message)s")
    try:
        if args.command == "purge":
            return _print(asyncio.run(_with_container(_purge)))
        if args.staff_command == "add":
            return _print(asyncio.run(_with_container(lambda c: _add(c, args, _password()))))
        if args.staff_command == "password":
            new = _password()
            asyncio.run(_with_container(lambda c: c.accounts.set_password(args.username, new)))
            return _print({"password_set": args.username})
        return _print(asyncio.run(_with_container(_list)))
    except ConsoleError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _print(value: object) -> int:
    print(json.dumps(value, default=str))
    return 0


async def _purge(c: Container) -> dict[str, int]:
    return await c.eraser.purge_expired(c.settings.retention_days, c.clock.now())


async def _add(c: Container, args: argparse.Namespace, password: str) -> dict[str, object]:
    known = {d.id for d in c.districts} | {"statewide"}
    districts = sorted(known) if args.all_districts else list(args.district)
    unknown = sorted(set(districts) - known)
    if unknown:
        raise ConsoleError(f"unknown district(s): {', '.join(unknown)}")
    tags = {lang.tag for lang in c.languages}
    if set(args.translator) - tags:
        raise ConsoleError(f"unknown language(s): {', '.join(set(args.translator) - tags)}")
    staff = await c.accounts.create(args.username, password, args.role, districts, args.translator)
    return {"created": staff.username, "role": staff.role, "districts": list(staff.districts)}


async def _list(c: Container) -> list[dict[str, object]]:
    return [
        {
            "username": s.username,
            "role": s.role,
            "districts": list(s.districts),
            "translator_languages": list(s.translator_languages),
        }
        for s in await c.accounts.list()
    ]


if __name__ == "__main__":
    raise SystemExit(main())
