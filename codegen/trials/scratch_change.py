"""The scratch change: a vendor's new parameter and field reach users with no hand edit.

Run by `nox -s scratch`. In a copy of the checkout, this adds to `specs/goodstack.yaml` an
optional `country` query parameter (a string) on List Eligibility Subscriptions and a nullable
`countryCode` field on `EligibilitySubscription`, runs only the regeneration command, and then
checks, in the copy, that:

- `list(country="GBR")` sends `country=GBR`, sync and async;
- mypy accepts `list(country="GBR")` and refuses `list(countryy="GBR")`;
- `eligibility-clients goodstack subscriptions --help` shows `--country`;
- the fakes accept the parameter, and items carry `country_code`;
- the parity tests (`tests/test_surface.py`) pass; with `--all-tests`, the whole suite.

It prints how many files outside `specs/` changed by hand: the point is that it is none.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from codegen.paths import ROOT

SKIPPED = shutil.ignore_patterns(".git", ".nox", "__pycache__", "*.pyc", ".mypy_cache", "build")

PARAMETER = """\
        - name: country
          in: query
          required: false
          description: Only subscriptions of organisations in this country (ISO 3166-1 alpha-3).
          schema:
            type: string
"""
FIELD = """\
        countryCode:
          type: [string, "null"]
"""

PROBE = """
import asyncio, httpx2
from eligibility_clients import AsyncGoodstackClient, GoodstackClient
from eligibility_clients.testing import FakeGoodstack

seen = []
def answer(request):
    seen.append(request)
    return httpx2.Response(200, json={"data": []})
list(GoodstackClient(api_key="scratch1", transport=httpx2.MockTransport(answer))
     .eligibility_subscriptions.list(country="GBR"))
async def walk():
    transport = httpx2.MockTransport(answer)
    async with AsyncGoodstackClient(api_key="scratch1", transport=transport) as c:
        await c.eligibility_subscriptions.list(country="GBR")
asyncio.run(walk())
assert [r.url.params.get("country") for r in seen] == ["GBR", "GBR"], seen
print("sync and async list(country='GBR') send country=GBR")

fake = FakeGoodstack()
fake.subscriptions[0]["countryCode"] = "GBR"
client = GoodstackClient(api_key=fake.api_key, transport=fake.transport)
items = list(client.eligibility_subscriptions.list(country="GBR"))
assert items and all(hasattr(item, "country_code") for item in items)
assert "GBR" in [item.country_code for item in items]
print(f"the fake accepts country=GBR; {len(items)} items carry country_code")
"""

TYPED = """
from eligibility_clients import AsyncGoodstackClient, GoodstackClient

def calls(client: GoodstackClient, other: AsyncGoodstackClient) -> None:
    client.eligibility_subscriptions.list(country="GBR")
    other.eligibility_subscriptions.list(country="GBR")
    client.eligibility_subscriptions.list(countryy="GBR")  # type: ignore[call-arg]
"""


def edit_spec(spec: Path) -> None:
    """Add the `country` parameter and the `countryCode` field to the Goodstack spec."""
    text = spec.read_text(encoding="utf-8")
    operation = text.index("operationId: list_eligibility_subscriptions")
    responses = text.index("      responses:\n", operation)
    text = text[:responses] + PARAMETER + text[responses:]
    links = text.index("    PageLinks:\n")
    text = text[:links] + FIELD + text[links:]
    spec.write_text(text, encoding="utf-8")


def run(command: list[str], copy: Path, **extra: str) -> str:
    """Run `command` in the copy with its overlay and generated code first on the path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(copy / "overlay"), str(copy / "generated"), str(copy)])
    env.update(extra)
    result = subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{result.stdout}{result.stderr}")
    return result.stdout


def snapshot(copy: Path) -> dict[str, bytes]:
    """Each file of the copy outside specs/, generated/ and the tools' caches, by path.

    README.md is left out too: the regeneration rewrites its generated blocks.
    """
    files = {}
    for path in sorted(copy.rglob("*")):
        relative = path.relative_to(copy)
        if not path.is_file() or relative.parts[0] in ("specs", "generated"):
            continue
        if relative.name == "README.md" or any(
            part == "__pycache__" or part.endswith("_cache") for part in relative.parts
        ):
            continue
        files[str(relative)] = path.read_bytes()
    return files


def changed_by_hand(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    """Files added, removed or changed between two snapshots."""
    return sorted(
        name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
    )


def main(argv: list[str] | None = None) -> int:
    """Make the change in a scratch copy and check what reaches users."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all-tests", action="store_true", help="run the whole suite in the copy")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="eligibility-scratch-") as tmp:
        copy = Path(tmp) / "checkout"
        shutil.copytree(ROOT, copy, ignore=SKIPPED)
        before = snapshot(copy)
        edit_spec(copy / "specs/goodstack.yaml")
        print("edited specs/goodstack.yaml: + query parameter country, + field countryCode")
        run([sys.executable, "-m", "codegen.generate"], copy)
        print("ran: python -m codegen.generate")
        print(run([sys.executable, "-c", PROBE], copy), end="")
        shown = run(
            [sys.executable, "-m", "eligibility_clients", "goodstack", "subscriptions", "--help"],
            copy,
        )
        assert "--country" in shown, shown
        print("eligibility-clients goodstack subscriptions --help shows --country")
        (copy / "tests/scratch_typed.py").write_text(TYPED, encoding="utf-8")
        run([sys.executable, "-m", "mypy", "tests/scratch_typed.py"], copy)
        print("mypy accepts list(country='GBR') and refuses list(countryy='GBR')")
        (copy / "tests/scratch_typed.py").unlink()
        edits = changed_by_hand(before, snapshot(copy))
        tests = [] if args.all_tests else ["tests/test_surface.py"]
        run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests], copy)
        print(f"pytest {' '.join(tests) or '(the whole suite)'} passes in the copy")
        print(f"hand edits outside specs/: {len(edits)} {edits}")
        return 1 if edits else 0


if __name__ == "__main__":
    sys.exit(main())
