"""Catalog workflow: extract -> update -> check, and a review-status report.

    python -m tools.i18n extract   # api/content -> locales/messages.pot
    python -m tools.i18n update    # merge the template into every language's catalog
    python -m tools.i18n check     # fail if anything is stale, untranslated or malformed
    python -m tools.i18n status    # per language: translated, needing review, missing

The English catalog is the source language: ``update`` copies each msgid into its msgstr.
Catalogs are written without a header so that running the workflow twice changes nothing
(a header carries creation dates); the plural rules come from each catalog's locale (CLDR),
which every reader here passes to Babel. After editing a catalog with a script, run
``update`` to put it back in the canonical form that ``check`` expects.
Translations drafted by the team carry the ``needs-review`` flag until a qualified
translator has reviewed them.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "locales"
POT = LOCALES / "messages.pot"
KEYWORDS = ["--no-default-keywords", "-k", "N_:1c,2", "-k", "NP_:1c,2,3"]
NEEDS_REVIEW = "needs-review"
# The template has no header (so extracting twice gives the same file), and Babel warns that
# its plural entry has no Plural-Forms; that is expected for a template.
logging.getLogger("babel").setLevel(logging.ERROR)


def languages() -> list[dict[str, str]]:
    raw = yaml.safe_load((ROOT / "config" / "languages.yml").read_text(encoding="utf-8"))
    return list(raw["languages"])


def pybabel(*args: str) -> int:
    exe = Path(sys.executable).with_name("pybabel")
    return subprocess.call([str(exe), *args], cwd=ROOT, stderr=subprocess.DEVNULL)


def extract() -> int:
    return pybabel(
        "extract",
        "-F",
        "locales/babel.cfg",
        *KEYWORDS,
        "--sort-by-file",
        "--no-wrap",
        "--omit-header",
        "-o",
        str(POT.relative_to(ROOT)),
        ".",
    )


def po_path(locale: str) -> Path:
    return LOCALES / locale / "LC_MESSAGES" / "messages.po"


def update() -> int:
    for lang in languages():
        path = po_path(lang["locale"])
        if not path.exists():
            rc = pybabel(
                "init", "-i", str(POT), "-d", str(LOCALES), "-l", lang["locale"], "--no-wrap"
            )
        else:
            rc = pybabel(
                "update",
                "-i",
                str(POT),
                "-d",
                str(LOCALES),
                "-l",
                lang["locale"],
                "--no-wrap",
                "--no-fuzzy-matching",
                "--ignore-obsolete",
                "--omit-header",
            )
        if rc:
            return rc
    fill_source()
    return 0


def fill_source() -> None:
    """The English catalog's translations are its msgids."""
    path = po_path("en")
    with path.open("rb") as fh:
        catalog = read_po(fh, locale="en")
    for msg in catalog:
        if msg.id and not any(msg.string if isinstance(msg.string, tuple) else [msg.string]):
            msg.string = msg.id
    with path.open("wb") as fh:
        write_po(fh, catalog, width=0, omit_header=True)


def check() -> int:
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "messages.pot"
        pybabel("-q", "extract", "-F", "locales/babel.cfg", *KEYWORDS, "--no-wrap",
                "--omit-header", "-o", str(fresh), ".")  # fmt: skip
        with fresh.open("rb") as fh:
            extracted = {(m.context, str(m.id)) for m in read_po(fh) if m.id}
    with POT.open("rb") as fh:
        template = read_po(fh)
    if extracted != {(m.context, str(m.id)) for m in template if m.id}:
        problems.append("locales/messages.pot is out of date with the source: make locales")
    for lang in languages():
        rc = pybabel("-q", "update", "-i", str(POT), "-d", str(LOCALES), "-l", lang["locale"],
                     "--no-wrap", "--no-fuzzy-matching", "--ignore-obsolete", "--omit-header",
                     "--check")  # fmt: skip
        if rc:
            problems.append(f"{lang['tag']}: `pybabel update --check` says the catalog is stale")
    wanted = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in template if m.id}
    for lang in languages():
        path = po_path(lang["locale"])
        if not path.exists():
            problems.append(f"{lang['tag']}: no catalog at {path}")
            continue
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=lang["locale"])
        have = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalog if m.id}
        if have != wanted:
            problems.append(
                f"{lang['tag']}: catalog is out of date with messages.pot "
                f"({len(wanted - have)} missing, {len(have - wanted)} obsolete)"
            )
        for msg in catalog:
            if not msg.id:
                continue
            strings = msg.string if isinstance(msg.string, tuple) else (msg.string,)
            if not all(strings):
                problems.append(f"{lang['tag']}: untranslated {msg.context}")
            if msg.fuzzy:
                problems.append(f"{lang['tag']}: fuzzy {msg.context}")
        for msg, errors in catalog.check():
            for err in errors:
                problems.append(f"{lang['tag']}: {msg.context}: {err}")
    for p in problems:
        print(p)
    print("catalogs ok" if not problems else f"{len(problems)} catalog problems")
    return 1 if problems else 0


def status() -> int:
    print(f"{'language':<10} {'messages':>8} {'translated':>10} {'needs review':>12}")
    for lang in languages():
        with po_path(lang["locale"]).open("rb") as fh:
            catalog = read_po(fh, locale=lang["locale"])
        msgs = [m for m in catalog if m.id]
        done = [m for m in msgs if all(m.string if isinstance(m.string, tuple) else [m.string])]
        review = [m for m in done if NEEDS_REVIEW in m.flags]
        print(f"{lang['tag']:<10} {len(msgs):>8} {len(done):>10} {len(review):>12}")
    return 0


if __name__ == "__main__":
    commands = {"extract": extract, "update": update, "check": check, "status": status}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        print(__doc__)
        sys.exit(2)
    sys.exit(commands[sys.argv[1]]())
