"""Train the Rasa model only when its inputs change, and find the current one.

The model's name is a hash of everything training reads (config, domain, data), so a model
is reused across runs and clean clones on the same machine through a cache directory
(``ASSISTANT_MODEL_CACHE``, default ``~/.cache/ct-school-rights/models``).

    python -m tools.model path     # print the path of the model for the current inputs
    python -m tools.model ensure   # train it if it is not cached yet, then print its path
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOT_PYTHON = ROOT / ".venv-bot" / "bin" / "python"
INPUTS = [
    ROOT / "bot" / "config.yml",
    ROOT / "bot" / "domain.yml",
    ROOT / "bot" / "requirements.txt",
    *sorted((ROOT / "bot" / "components").glob("*.py")),
]
DATA = ROOT / "data"


def cache_dir() -> Path:
    default = Path.home() / ".cache" / "ct-school-rights" / "models"
    return Path(os.environ.get("ASSISTANT_MODEL_CACHE", default))


def input_files(data: Path = DATA) -> list[Path]:
    return INPUTS + sorted(p for p in data.rglob("*.yml") if p.is_file())


def inputs_hash(data: Path = DATA) -> str:
    digest = hashlib.sha256()
    for path in input_files(data):
        name = path.relative_to(ROOT if path.is_relative_to(ROOT) else data.parent)
        digest.update(str(name).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def model_path(data: Path = DATA) -> Path:
    return cache_dir() / f"model-{inputs_hash(data)}.tar.gz"


def rasa_env() -> dict[str, str]:
    # PYTHONPATH lets Rasa import the project's own component (bot.components...).
    return {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "PYTHONPATH": str(ROOT),
    }


def train(out: Path, data: list[Path] | None = None, config: Path | None = None) -> float:
    """Train into ``out`` and return the seconds it took."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".training-{os.getpid()}"
    started = time.monotonic()
    cmd = [
        str(BOT_PYTHON),
        "-m",
        "rasa",
        "train",
        "--config",
        str(config or ROOT / "bot" / "config.yml"),
        "--domain",
        str(ROOT / "bot" / "domain.yml"),
        "--data",
        *[str(d) for d in (data or [DATA])],
        "--out",
        str(tmp),
        "--fixed-model-name",
        "model",
        "--quiet",
    ]
    subprocess.run(cmd, check=True, cwd=ROOT, env=rasa_env())
    shutil.move(str(tmp / "model.tar.gz"), out)
    shutil.rmtree(tmp, ignore_errors=True)
    return time.monotonic() - started


def ensure(data: Path = DATA) -> Path:
    path = model_path(data)
    if not path.exists():
        print(f"training the Rasa model (inputs changed) -> {path}", file=sys.stderr)
        seconds = train(path, [data])
        print(f"trained in {seconds:.0f} s", file=sys.stderr)
    return path


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in {"path", "ensure"}:
        print(__doc__)
        sys.exit(2)
    print(model_path() if sys.argv[1] == "path" else ensure())
