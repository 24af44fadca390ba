"""Every code block in README.md and docs/ runs, so an example that rots fails CI.

- `python` blocks are executed as written, against the fakes served on loopback: the
  environment points `TRUEMED_BASE_URL` / `GOODSTACK_BASE_URL` and both keys at a
  `FakeServer`, so `TruemedClient()` with no arguments works as it does for a user.
- `console` blocks are taken line by line. Commands of this package (`eligibility-clients`,
  `python -m eligibility_clients...`, `python -m codegen...`) are run for real against the fakes;
  a trailing `# exit N` comment says which exit status the line expects. `nox` lines must name
  sessions (and arguments) the noxfile defines, and so must `python3 scripts/dev.py` lines,
  which run nox: running nox inside the test suite would recurse, and CI runs the default
  sessions anyway. `pip install` lines must install this
  project or nox. `export` lines must set variables the package reads, to the values the
  fakes accept. A line no rule covers fails the test, so a new kind of example needs a rule.
"""

from __future__ import annotations

import ast
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from eligibility_clients.testing import DEFAULT_PORT, FakeGoodstack, FakeServer, FakeTruemed
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
#: The documents whose examples run: the README and every page of the docs site.
DOCUMENTS = [README, *sorted((ROOT / "docs").rglob("*.md"))]
FENCE = re.compile(r"^```(\w*)\s*$")


@dataclass(frozen=True)
class Block:
    """One fenced code block of a document."""

    language: str
    line: int
    code: str
    document: str = "README.md"

    @property
    def where(self) -> str:
        """`docs/cli.md:12`: the document and the block's first line."""
        return f"{self.document}:{self.line}"


def document_blocks(path: Path) -> list[Block]:
    """Every fenced code block of `path`, in order."""
    name = path.relative_to(ROOT).as_posix()
    blocks: list[Block] = []
    lines: list[str]
    language, start, lines = None, 0, []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = FENCE.match(text)
        if match and language is None:
            language, start, lines = match.group(1), number, []
        elif text.strip() == "```" and language is not None:
            blocks.append(Block(language, start, "\n".join(lines) + "\n", name))
            language = None
        elif language is not None:
            lines.append(text)
    assert language is None, f"{name}:{start}: unclosed code block"
    return blocks


def readme_blocks() -> list[Block]:
    """The blocks of every document: the README's, then the docs pages'."""
    return [block for path in DOCUMENTS for block in document_blocks(path)]


BLOCKS = readme_blocks()
PYTHON = [b for b in BLOCKS if b.language == "python"]
CONSOLE = [b for b in BLOCKS if b.language == "console"]


def test_every_block_has_a_known_language() -> None:
    assert PYTHON
    assert CONSOLE
    others = [(b.where, b.language) for b in BLOCKS if b.language not in ("python", "console")]
    assert others == [], "add a runner for these blocks"


@pytest.fixture(scope="module")
def server() -> Iterator[FakeServer]:
    with FakeServer(port=0) as running:
        yield running


@pytest.fixture
def fake_env(server: FakeServer, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The environment a user gets from `python -m eligibility_clients.testing serve`."""
    values = {
        "TRUEMED_BASE_URL": server.url,
        "TRUEMED_API_KEY": server.truemed.api_key,
        "GOODSTACK_BASE_URL": server.url,
        "GOODSTACK_API_KEY": server.goodstack.api_key,
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return values


@pytest.mark.parametrize("block", PYTHON, ids=[b.where for b in PYTHON])
def test_python_block_runs(
    block: Block, fake_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = compile(block.code, block.where, "exec")
    exec(code, {"__name__": f"readme_{block.line}"})
    # Examples that print must print something real (not crash silently into nothing).
    if "print(" in block.code:
        assert capsys.readouterr().out.strip()


@dataclass(frozen=True)
class Command:
    """One console line to run, and the output the README shows for it (after a `$ ` line)."""

    block: Block
    line: str
    shown_output: tuple[str, ...] = ()


def commands() -> list[Command]:
    found: list[Command] = []
    for block in CONSOLE:
        lines = block.code.splitlines()
        if any(text.startswith("$ ") for text in lines):
            # A transcript: `$ ` lines are commands, the lines after each are its output.
            for text in lines:
                if text.startswith("$ "):
                    found.append(Command(block, text[2:]))
                elif text.strip() and found:
                    last = found.pop()
                    found.append(Command(block, last.line, (*last.shown_output, text.strip())))
            continue
        for text in lines:
            if text.strip() and not text.lstrip().startswith("#"):
                found.append(Command(block, text))
    return found


COMMANDS = commands()


@pytest.mark.parametrize(
    "command", COMMANDS, ids=[f"{c.block.where}:{c.line[:40]}" for c in COMMANDS]
)
def test_console_line_is_real(command: Command, fake_env: dict[str, str], tmp_path: Path) -> None:
    line = command.line
    comment = line.partition("  #")[2]
    expected_exit = int(m.group(1)) if (m := re.search(r"exit (\d+)", comment)) else 0
    words = shlex.split(line, comments=True)
    env = dict(os.environ)
    while words and re.fullmatch(r"[A-Z_]+=.*", words[0]):
        name, _, value = words.pop(0).partition("=")
        assert name in KNOWN_ENV, f"{name} is not a variable the package reads"
        if value != "...":
            env[name] = value
    assert words, line
    output = ""
    if words[0] == "export":
        check_export(words[1:])
    elif words[0] == "nox":
        check_nox(words[1:])
    elif words[:2] == ["python3", "scripts/dev.py"]:
        check_nox(words[2:])
    elif words[:2] == ["git", "log"]:
        # Read-only: run for real, in the checkout (CI clones with its whole history).
        output = run(["git", *words[1:]], env, 0, cwd=ROOT)
        assert output.strip(), f"{line!r} printed nothing"
    elif words[0] == "pip" or words[:3] == ["python", "-m", "pip"]:
        check_pip(words[words.index("install") + 1 :])
    elif words[0] == "eligibility-clients" or words[:3] == ["python", "-m", "eligibility_clients"]:
        arguments = words[1:] if words[0] == "eligibility-clients" else words[3:]
        # In a scratch folder: examples may write files (`--output live.csv`).
        command_line = [sys.executable, "-m", "eligibility_clients", *arguments]
        output = run(command_line, env, expected_exit, cwd=tmp_path)
    elif words[:3] == ["python", "-m", "eligibility_clients.testing"]:
        check_serve(words[3:])
    elif words[:3] == ["python", "-m", "codegen.drift.upstream"]:
        # The document in the README is a placeholder path; the command itself must exist.
        run([sys.executable, "-m", "codegen.drift.upstream", "--help"], env, 0)
    elif words[:3] in (
        ["python", "-m", "codegen.drift.traffic"],
        ["python", "-m", "codegen.generate"],
    ):
        output = run([sys.executable, *words[1:]], env, expected_exit)
    else:
        pytest.fail(f"{command.block.where}: no rule runs or checks {line!r}")
    for shown in command.shown_output:
        assert shown in output, (shown, output)


KNOWN_ENV = {
    "TRUEMED_API_KEY",
    "TRUEMED_BASE_URL",
    "GOODSTACK_API_KEY",
    "GOODSTACK_BASE_URL",
    "ELIGIBILITY_CLIENTS_LOG",
    "TRUEMED_OPENAPI",
    "GOODSTACK_OPENAPI",
}


def run(command: list[str], env: dict[str, str], expected_exit: int, cwd: Path = ROOT) -> str:
    """Run a command; check its exit status and that it printed no traceback."""
    result = subprocess.run(
        command, env=env, cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == expected_exit, (
        command,
        result.stdout[-2000:],
        result.stderr[-2000:],
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout + result.stderr


def check_export(assignments: list[str]) -> None:
    accepted = {
        "TRUEMED_API_KEY": FakeTruemed.DEFAULT_API_KEY,
        "GOODSTACK_API_KEY": FakeGoodstack.DEFAULT_API_KEY,
        "TRUEMED_BASE_URL": f"http://127.0.0.1:{DEFAULT_PORT}",
        "GOODSTACK_BASE_URL": f"http://127.0.0.1:{DEFAULT_PORT}",
    }
    for assignment in assignments:
        name, _, value = assignment.partition("=")
        assert name in KNOWN_ENV, name
        if name in accepted:
            assert value == accepted[name], (name, value)


def nox_sessions() -> set[str]:
    tree = ast.parse((ROOT / "noxfile.py").read_text(encoding="utf-8"))
    return {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
        and any("nox.session" in ast.unparse(d) for d in node.decorator_list)
    }


def check_nox(arguments: list[str]) -> None:
    sessions, _, posargs = " ".join(arguments).partition(" -- ")
    names = shlex.split(sessions)
    if names:
        assert names[0] == "-s", names
        assert set(names[1:]) <= nox_sessions(), names
    if "record" in names:
        assert set(shlex.split(posargs)) <= {"--live", "truemed", "goodstack"}, posargs
    if "drift" in names and posargs:
        for argument in shlex.split(posargs):
            assert argument.split("=", 1)[0] in ("truemed", "goodstack"), argument


def check_pip(requirements: list[str]) -> None:
    for requirement in requirements:
        # A local wheel path, optionally with extras (`./dist/x.whl[cli]`), from the checkout.
        wheel = re.fullmatch(r"(\S+\.whl)(\[[a-z,]+\])?", requirement)
        if wheel:
            path = Path(wheel.group(1))
            assert path.parent.as_posix() in ("dist", "./dist") or path.parent == Path(), path
            name, version, *_ = parse_wheel_filename(path.name)
            assert str(version) == current_version(), requirement
            if wheel.group(2):
                assert wheel.group(2) in ("[cli]", "[testing]"), requirement
        else:
            parsed = Requirement(requirement)
            name = canonicalize_name(parsed.name)
            # The project is not on PyPI: it is installed from its tag, never by name alone.
            # The tag of this version, or a release commit (see test_release_install.py).
            if name == "eligibility-clients":
                pins = (f"git+URL@v{current_version()}", "git+URL@COMMIT")
                assert parsed.url in pins, requirement
        assert name in ("nox", "eligibility-clients"), requirement


def current_version() -> str:
    from eligibility_clients import __version__

    return __version__


def check_serve(arguments: list[str]) -> None:
    assert arguments[:1] == ["serve"], arguments
    # Port 0 instead of the documented default, which another process may hold.
    command = [sys.executable, "-m", "eligibility_clients.testing", *arguments, "--port", "0"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT) as process:
        try:
            assert process.stdout is not None
            assert "Serving the fakes on http://127.0.0.1:" in process.stdout.readline()
        finally:
            process.terminate()
            process.wait(timeout=10)
