"""The packages type-check with mypy and the code passes ruff, both as ``pyproject.toml`` sets
them up: a wrong type or a lint slip fails the suite, not a later reader."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("check", [["mypy"], ["ruff", "check", "."]], ids=["mypy", "ruff"])
def test_check_passes(check: list[str], tmp_path: Path) -> None:
    cache = ["--cache-dir", str(tmp_path / "cache")]  # not the work tree's: a test leaves it as it was
    result = subprocess.run([sys.executable, "-m", *check, *cache], cwd=ROOT, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr
