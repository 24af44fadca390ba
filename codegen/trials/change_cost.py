"""The change-cost trial: what adding a retrieve-by-id operation to one vendor costs by hand.

Run by `nox -s change-cost`. In a copy of the checkout, this adds Truemed's retrieve operation
(`GET /api/v1/qualification_session/{qualification_session_id}`, which an emulator built from
the vendor's spec routes [3P]) to `specs/truemed.yaml`, runs the regeneration command, then
makes the hand edits a maintainer would make:

- the declaration, in `_truemed.py`: the generated operation declared, its `Retrieval`, and the
  operation added to the vendor's `OPERATIONS` (which the fake serves, with no handler of its
  own);
- the typed `retrieve()` methods users call, sync and async, in `_clients.py`;
- their tests.

It then runs, in the copy, the new tests, the wiring and parity tests, and `mypy --strict` on
the overlay, and prints the hand lines: added or changed lines outside `specs/` and
`generated/`, by file. With `--all-tests` it runs the whole suite instead.
"""

from __future__ import annotations

import argparse
import difflib
import shutil
import sys
import tempfile
from pathlib import Path

from codegen.paths import ROOT
from codegen.trials.scratch_change import SKIPPED, run, snapshot

OPERATION = """\
  /api/v1/qualification_session/{qualification_session_id}:
    get:
      operationId: retrieve_qualification_session
      summary: Retrieve a Qualification Session
      tags: [qualification_sessions]
      description: One Qualification Session by its id. [3P]
      parameters:
        - name: qualification_session_id
          in: path
          required: true
          description: The session's id. [C]
          schema:
            type: string
      responses:
        "200":
          description: Successful response [3P]
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/QualificationSession"
        "404":
          description: Not Found [3P]
"""

DECLARATION = """
#: Retrieve a Qualification Session as `specs/truemed.yaml` declares it, and its answer.
RETRIEVE = declare(
    operations.RETRIEVE_QUALIFICATION_SESSION, operations.retrieve_qualification_session_kwargs
)
RETRIEVAL = Retrieval("Truemed", RETRIEVE, QualificationSession)
"""

SYNC_METHOD = '''
    @documented(_truemed.RETRIEVE)
    def retrieve(self, qualification_session_id: str) -> QualificationSession:
        """Fetch one Qualification Session by its id; `NotFoundError` when there is none."""
        arguments = {"qualification_session_id": qualification_session_id}
        return self._retrieve(_truemed.RETRIEVAL, arguments, "retrieve")
'''

ASYNC_METHOD = '''
    @documented(_truemed.RETRIEVE)
    async def retrieve(self, qualification_session_id: str) -> QualificationSession:
        """Like the sync `retrieve()`."""
        arguments = {"qualification_session_id": qualification_session_id}
        return await self._retrieve(_truemed.RETRIEVAL, arguments, "retrieve")
'''

TESTS = '''"""Retrieve a Qualification Session by its id, sync and async, against the fake."""

from __future__ import annotations

import asyncio

import pytest
from eligibility_clients import AsyncTruemedClient, NotFoundError, TruemedClient
from eligibility_clients.testing import FakeTruemed


def test_retrieve_finds_a_session_by_its_id() -> None:
    fake = FakeTruemed(seed=2, count=5)
    wanted = fake.sessions[3]["qualification_session_id"]
    client = TruemedClient(api_key=fake.api_key, transport=fake.transport)
    session = client.qualification_sessions.retrieve(wanted)
    assert session.qualification_session_id == wanted
    assert session.status == fake.sessions[3]["status"]
    assert fake.requests[-1].url.path == f"/api/v1/qualification_session/{wanted}"


def test_retrieve_of_an_unknown_id_is_not_found() -> None:
    fake = FakeTruemed(seed=2, count=5)
    client = TruemedClient(api_key=fake.api_key, transport=fake.transport)
    with pytest.raises(NotFoundError):
        client.qualification_sessions.retrieve("qs_missing")


def test_an_id_cannot_leave_its_path_segment() -> None:
    fake = FakeTruemed(seed=2, count=5)
    client = TruemedClient(api_key=fake.api_key, transport=fake.transport)
    with pytest.raises(NotFoundError):
        client.qualification_sessions.retrieve("../qualification_sessions")
    assert fake.requests[-1].url.raw_path.endswith(b"/..%2Fqualification_sessions")
    with pytest.raises(ValueError, match="must not be empty"):
        client.qualification_sessions.retrieve("")


def test_async_retrieve() -> None:
    fake = FakeTruemed(seed=2, count=5)
    wanted = fake.sessions[0]["qualification_session_id"]

    async def main() -> str | None:
        async with AsyncTruemedClient(api_key=fake.api_key, transport=fake.transport) as client:
            session = await client.qualification_sessions.retrieve(wanted)
            return session.qualification_session_id

    assert asyncio.run(main()) == wanted
'''


def add_operation(spec: Path) -> None:
    """The retrieve operation, added to the Truemed spec after its list operation."""
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("components:\n", OPERATION + "components:\n", 1), "utf-8")


def edit(path: Path, old: str, new: str) -> None:
    """Replace `old` (which must be there) with `new` in `path`."""
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise SystemExit(f"{path.name} no longer holds {old!r}: update the trial")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def declare_by_hand(copy: Path) -> None:
    """The maintainer's edits: the declaration, the two methods, their tests."""
    vendor = copy / "overlay/eligibility_clients/_truemed.py"
    edit(vendor, "from ._resource import Listing", "from ._resource import Listing, Retrieval")
    edit(
        vendor, "\n#: Every operation of the spec", DECLARATION + "\n#: Every operation of the spec"
    )
    edit(vendor, "= (LIST,)", "= (LIST, RETRIEVE)")
    clients = copy / "overlay/eligibility_clients/_clients.py"
    for name, method in (
        ("QualificationSessions", SYNC_METHOD),
        ("AsyncQualificationSessions", ASYNC_METHOD),
    ):
        text = clients.read_text(encoding="utf-8")
        start = text.index(f"class {name}(")
        end = text.index("\n\n\nclass ", start)
        clients.write_text(text[:end] + "\n" + method.rstrip("\n") + text[end:], "utf-8")
    (copy / "tests/test_retrieve.py").write_text(TESTS, encoding="utf-8")


def hand_lines(before: dict[str, bytes], after: dict[str, bytes]) -> dict[str, int]:
    """Lines added or changed by hand, per file, outside specs/ and generated/."""
    counted: dict[str, int] = {}
    for name in sorted(before.keys() | after.keys()):
        old = before.get(name, b"").decode("utf-8", "replace").splitlines()
        new = after.get(name, b"").decode("utf-8", "replace").splitlines()
        if old == new:
            continue
        added = [
            line
            for line in difflib.unified_diff(old, new, lineterm="", n=0)
            if line.startswith("+") and not line.startswith("+++")
        ]
        counted[name] = len([line for line in added if line.strip("+ ")])
    return counted


def spec_lines() -> int:
    """The spec edit's length, in non-blank lines."""
    return len([line for line in OPERATION.splitlines() if line.strip()])


def main(argv: list[str] | None = None) -> int:
    """Make the change in a scratch copy, check it works, and print its hand cost."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all-tests", action="store_true", help="run the whole suite in the copy")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="eligibility-change-cost-") as tmp:
        copy = Path(tmp) / "checkout"
        shutil.copytree(ROOT, copy, ignore=SKIPPED)
        before = snapshot(copy)
        add_operation(copy / "specs/truemed.yaml")
        run([sys.executable, "-m", "codegen.generate"], copy)
        declare_by_hand(copy)
        run([sys.executable, "-m", "ruff", "format", "overlay", "tests/test_retrieve.py"], copy)
        run([sys.executable, "-m", "mypy", "--strict", "overlay/eligibility_clients"], copy)
        tests = (
            []
            if args.all_tests
            else [
                "tests/test_retrieve.py",
                "tests/test_wiring.py",
                "tests/test_surface.py",
            ]
        )
        run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests], copy)
        counted = hand_lines(before, snapshot(copy))
        print(f"spec edit: {spec_lines()} lines in specs/truemed.yaml")
        for name, lines in counted.items():
            print(f"by hand: {lines:3d} lines in {name}")
        print(f"by hand in all: {sum(counted.values())} lines in {len(counted)} files")
        print(f"pytest {' '.join(tests) or '(the whole suite)'} and mypy --strict pass")
        return 0


if __name__ == "__main__":
    sys.exit(main())
