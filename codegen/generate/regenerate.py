"""Regenerate the clients from `specs/` and check that `generated/` matches them.

Usage (normally through nox: `nox -s generate`, `nox -s drift`):

    python -m codegen.generate            # rewrite generated/ from the specs
    python -m codegen.generate check               # lint specs, regenerate, diff vs generated/
    python -m codegen.generate check --against DIR # same, against another copy

The generator always writes into a fresh temporary folder: openapi-python-client's
`--overwrite` rebuilds only `models/` and `api/`, so stale files elsewhere would survive an
in-place run and hide drift.
"""

from __future__ import annotations

import argparse
import difflib
import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from codegen.generate import item_schemas, surface
from codegen.paths import ROOT

GENERATED = ROOT / "generated"
README = ROOT / "README.md"
# Our copies of some of the generator's templates (see the note at the top of each). They are
# edits of this version's own, so another generator version must not silently mix with them.
TEMPLATES = ROOT / "codegen/generate/templates"
TEMPLATES_BASE_VERSION = "0.29.1"

# Written by this script into generated/ so the folder explains itself; compared like the rest.
GENERATED_README = """\
# generated/: do not edit

Everything here is written by `nox -s generate` (`python -m codegen.generate`) from `specs/`,
with openapi-python-client and ruff at the versions pinned in pyproject.toml. Hand edits are
lost on the next regeneration and fail `nox -s drift`. Change the spec, the generator config
or templates in `codegen/generate/`, or the overlay in `overlay/` instead.
"""

# The PEP 561 marker, so that type checkers read the installed packages' annotations. The
# generator writes one only alongside project metadata, which `--meta none` leaves out.
PY_TYPED = "# Marker file for PEP 561\n"

# Build litter that git ignores; everything else in the tree counts.
IGNORED_NAMES = frozenset({"__pycache__"})
IGNORED_SUFFIXES = (".pyc", ".pyo")


@dataclass(frozen=True)
class Target:
    """One generated package: the spec it comes from and the generator config it uses."""

    package: str
    spec: Path
    config: Path

    @property
    def vendor(self) -> str:
        """`truemed` or `goodstack`: the spec's name, used in the README's block markers."""
        return self.spec.stem


TARGETS = (
    Target(
        "eligibility_clients_truemed",
        ROOT / "specs/truemed.yaml",
        ROOT / "codegen/generate/truemed.yaml",
    ),
    Target(
        "eligibility_clients_goodstack",
        ROOT / "specs/goodstack.yaml",
        ROOT / "codegen/generate/goodstack.yaml",
    ),
)


class GenerationError(RuntimeError):
    """The generator failed or warned (we run it with --fail-on-warning)."""


def _display(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def lint_specs() -> list[str]:
    """Validate every spec with openapi-spec-validator; return one line per problem."""
    from openapi_spec_validator import validate
    from openapi_spec_validator.readers import read_from_filename

    problems = []
    for target in TARGETS:
        spec, _ = read_from_filename(str(target.spec))
        try:
            validate(spec)
        except Exception as exc:  # the validator raises several unrelated types
            problems.append(f"{_display(target.spec)}: {exc}")
    return problems


def _tool_env() -> dict[str, str]:
    # The generator runs `ruff` from PATH as a post hook: make it the ruff pinned beside us.
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["RUFF_NO_CACHE"] = "true"
    return env


def _check_generator_version() -> None:
    installed = importlib.metadata.version("openapi-python-client")
    if installed != TEMPLATES_BASE_VERSION:
        raise GenerationError(
            f"openapi-python-client {installed} is installed, but the templates in "
            f"{_display(TEMPLATES)} are edits of {TEMPLATES_BASE_VERSION}'s. Copy the new "
            "version's templates we keep copies of (model.py.jinja, types.py.jinja, "
            "str_enum.py.jinja, property_templates/union_property.py.jinja, "
            "list_property.py.jinja and enum_property.py.jinja), re-apply "
            "the changes marked 'eligibility-clients:', then update TEMPLATES_BASE_VERSION."
        )


def generator_command(
    spec: Path, config: Path, out: Path, *, templates: Path | None = TEMPLATES
) -> list[str]:
    """The openapi-python-client command that writes one package from `spec` into `out`.

    `templates=None` leaves out our templates, for the generator's own output (the baseline
    `nox -s bench` measures ours against).
    """
    command = [sys.executable, "-m", "openapi_python_client", "generate", "--path", str(spec)]
    command += ["--config", str(config), "--meta", "none"]
    if templates is not None:
        command += ["--custom-template-path", str(templates)]
    return [*command, "--output-path", str(out), "--overwrite", "--fail-on-warning"]


# Names the spec's optional properties for our model template
# (codegen/generate/templates/model.py.jinja).
OPTIONAL_MARK = "x-eligibility-clients-optional"


def generator_input(spec: Path, folder: Path) -> Path:
    """The spec as the generator reads it with our templates, written into `folder`.

    openapi-python-client types a non-required property `X | Unset` in every template. Our
    model template types it `X | None = None` instead and records which keys a response left
    out, so the generator is shown every property as required and told, under `OPTIONAL_MARK`,
    which ones the spec really leaves optional. `specs/` itself stays the truth about presence.
    """
    from openapi_spec_validator.readers import read_from_filename

    document, _ = read_from_filename(str(spec))
    for schema in document.get("components", {}).get("schemas", {}).values():
        properties = schema.get("properties")
        if not properties:
            continue
        required = set(schema.get("required", []))
        optional = [name for name in properties if name not in required]
        if optional:
            schema[OPTIONAL_MARK] = optional
        schema["required"] = list(properties)
    derived = folder / f"{spec.stem}.json"
    derived.write_text(json.dumps(document, indent=1), encoding="utf-8")
    return derived


def generate_tree(dest: Path) -> None:
    """Write a complete `generated/` tree into the empty or absent folder `dest`."""
    _check_generator_version()
    dest.mkdir(parents=True, exist_ok=True)
    for target in TARGETS:
        with tempfile.TemporaryDirectory(prefix="eligibility-spec-") as folder:
            spec = generator_input(target.spec, Path(folder))
            command = generator_command(spec, target.config, dest / target.package)
            result = subprocess.run(
                command, cwd=dest, env=_tool_env(), capture_output=True, text=True, check=False
            )
        if result.returncode != 0:
            raise GenerationError(
                f"openapi-python-client failed for {_display(target.spec)}:\n"
                f"{result.stdout}{result.stderr}"
            )
        _use_httpx2(dest / target.package)
        _write_operations(target, dest / target.package)
        # The third step: the item schemas the fakes build records from.
        schemas = item_schemas.render_module(target.spec)
        _write_module(dest / target.package, "item_schemas.py", schemas)
        (dest / target.package / "py.typed").write_text(PY_TYPED, encoding="utf-8")
    (dest / "README.md").write_text(GENERATED_README, encoding="utf-8")


# `httpx` as a whole word: the module and its mentions, not `httpx_args` or `get_httpx_client`.
_HTTPX = re.compile(r"\bhttpx\b")


def _use_httpx2(package: Path) -> None:
    """Build the generated package on httpx2, the maintained successor of httpx.

    The generator has no option for the HTTP library, and its client and endpoint templates
    name `httpx`; the code they write is rewritten here rather than kept as template copies
    that differ only in that name. Then ruff tidies the files again, as the generator did.
    """
    changed = []
    for module in sorted(package.rglob("*.py")):
        text = module.read_text(encoding="utf-8")
        rewritten = _HTTPX.sub("httpx2", text)
        if rewritten != text:
            module.write_text(rewritten, encoding="utf-8")
            changed.append(str(module.relative_to(package)))
    if changed:
        _ruff(package, changed)


def _write_operations(target: Target, package: Path) -> None:
    """The second step: `operations.py`, the operations' declarations (`surface`)."""
    try:
        text = surface.render_module(
            target.spec, target.package, surface.read_operations(target.spec)
        )
    except surface.SpecError as exc:
        raise GenerationError(str(exc)) from exc
    _write_module(package, "operations.py", text)


def _write_module(package: Path, name: str, text: str) -> None:
    """Write a module of ours into a generated package, formatted as the generator's own."""
    module = package / name
    module.write_text(text, encoding="utf-8")
    _ruff(package, [module.name])


def _ruff(package: Path, files: list[str]) -> None:
    """The generator's ruff post hooks (codegen/generate/<vendor>.yaml) on `files` of `package`."""
    for command in (
        ["check", "--fix-only", "--extend-select=I", "--isolated", "--no-cache"],
        ["format", "--isolated", "--no-cache"],
    ):
        # The ruff executable beside us, not `python -m ruff`: run inside the package, the
        # interpreter would import its `types.py` in place of the standard library's.
        env = _tool_env()
        ruff = shutil.which("ruff", path=env["PATH"]) or "ruff"
        result = subprocess.run(
            [ruff, *command, "--target-version=py311", *files],
            cwd=package,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise GenerationError(
                f"ruff failed on {', '.join(files)}:\n{result.stdout}{result.stderr}"
            )


def readme_text() -> str:
    """README.md with its generated blocks (the parameter tables) filled from the specs."""
    blocks = surface.readme_blocks({target.vendor: target.spec for target in TARGETS})
    try:
        return surface.fill_readme(README.read_text(encoding="utf-8"), blocks)
    except surface.SpecError as exc:
        raise GenerationError(str(exc)) from exc


def regenerate() -> None:
    """Replace `generated/` with a fresh generation, whole, so no stale file survives."""
    with tempfile.TemporaryDirectory(prefix="eligibility-generate-") as tmp:
        fresh = Path(tmp) / "generated"
        generate_tree(fresh)
        readme = readme_text()
        if GENERATED.exists():
            shutil.rmtree(GENERATED)
        shutil.copytree(fresh, GENERATED)
    README.write_text(readme, encoding="utf-8")


def _files(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part in IGNORED_NAMES for part in relative.parts):
            continue
        if path.is_file() and not path.name.endswith(IGNORED_SUFFIXES):
            yield relative


def diff_trees(expected: Path, actual: Path) -> list[str]:
    """Compare two trees byte for byte; return a readable report, empty when identical.

    `expected` is the fresh generation, `actual` the committed copy, so "+" lines in the
    unified diffs are what someone added by hand.
    """
    expected_files = set(_files(expected))
    actual_files = set(_files(actual))
    report: list[str] = []
    for missing in sorted(expected_files - actual_files):
        report.append(f"missing from {actual.name}/: {missing} (the generator writes it)")
    for extra in sorted(actual_files - expected_files):
        report.append(f"not produced by the generator: {extra}")
    for common in sorted(expected_files & actual_files):
        want = (expected / common).read_bytes()
        have = (actual / common).read_bytes()
        if want == have:
            continue
        try:
            want_lines = want.decode("utf-8").splitlines(keepends=True)
            have_lines = have.decode("utf-8").splitlines(keepends=True)
        except UnicodeDecodeError:
            report.append(f"differs (binary): {common}")
            continue
        diff = difflib.unified_diff(
            want_lines,
            have_lines,
            fromfile=f"regenerated/{common}",
            tofile=f"committed/{common}",
        )
        body = "".join(diff)
        if not body:  # same text, different bytes: line endings or a trailing newline
            body = "(the files differ only in line endings or trailing bytes)\n"
        report.append(f"differs: {common}\n{body.rstrip()}")
    return report


def check(against: Path) -> int:
    """Lint the specs, regenerate into a temporary folder and diff it against `against`."""
    problems = lint_specs()
    if problems:
        print("Spec lint failed:", *problems, sep="\n  ", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="eligibility-drift-") as tmp:
        fresh = Path(tmp) / "generated"
        generate_tree(fresh)
        report = diff_trees(fresh, against)
    if README.read_text(encoding="utf-8") != readme_text():
        report.append(
            "differs: README.md's generated blocks (<!-- BEGIN GENERATED: ... -->) do not match "
            "the specs"
        )
    if report:
        print(
            f"Drift: {against} does not match a fresh generation from specs/.\n"
            "Run `nox -s generate` and commit the result; never edit generated/ by hand.\n",
            file=sys.stderr,
        )
        print("\n".join(report), file=sys.stderr)
        return 1
    print(f"No drift: {against} matches a fresh generation from specs/ byte for byte.")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("generate", help="rewrite generated/ from specs/")
    check_parser = commands.add_parser("check", help="fail if generated/ differs from specs/")
    check_parser.add_argument("--against", type=Path, default=GENERATED)
    commands.add_parser("lint-specs", help="validate the specs only")
    args = parser.parse_args(argv)
    try:
        if args.command == "generate":
            regenerate()
            print(f"Regenerated {GENERATED.relative_to(ROOT)}/ from specs/.")
            return 0
        if args.command == "lint-specs":
            problems = lint_specs()
            print("\n".join(problems) or "Specs are valid.")
            return 1 if problems else 0
        return check(args.against)
    except GenerationError as exc:
        print(exc, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
