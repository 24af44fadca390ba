"""`scripts/dev.py` bootstraps one exact pip release, checked against PyPI's digest for it."""

from __future__ import annotations

import importlib.util
import io
import json
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest


def load_dev_script() -> ModuleType:
    path = Path(__file__).resolve().parent.parent / "scripts" / "dev.py"
    spec = importlib.util.spec_from_file_location("eligibility_clients_dev_script", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_bootstrap_asks_pypi_for_one_pinned_pip_release() -> None:
    dev = load_dev_script()
    assert re.fullmatch(r"\d+(\.\d+)+", dev.PIP_VERSION)
    assert dev.PYPI_PIP.endswith(f"/pypi/pip/{dev.PIP_VERSION}/json")


def test_a_wheel_that_does_not_match_the_digest_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    dev = load_dev_script()
    release = {
        "urls": [
            {
                "packagetype": "bdist_wheel",
                "filename": f"pip-{dev.PIP_VERSION}-py3-none-any.whl",
                "url": "pip.whl",
                "digests": {"sha256": "0" * 64},
            }
        ]
    }
    asked: list[str] = []

    def urlopen(url: str, timeout: float) -> Any:
        asked.append(url)
        return io.BytesIO(json.dumps(release).encode() if url == dev.PYPI_PIP else b"not pip")

    monkeypatch.setattr(dev.urllib.request, "urlopen", urlopen)
    with pytest.raises(ValueError, match="does not match PyPI's sha256 digest"):
        dev._bootstrap_pip(tmp_path / "python")
    assert asked == [dev.PYPI_PIP, f"https://pypi.org/pypi/pip/{dev.PIP_VERSION}/pip.whl"]
