"""The project's pipeline, one step per package, each run as `python -m codegen.STEP`.

- `codegen.generate`: specs/ -> generated/ (the generator, our templates, `operations.py`).
- `codegen.drift`: the three drift checks (generated/, cassettes, the vendors' documents).
- `codegen.api`: the public API against the last release's snapshot; the bump it needs.
- `codegen.release`: cut a release (`codegen.release.notes` prints a version's notes).
- `codegen.wheel`: build the wheel and sdist and check them as a user installs them.
- `codegen.consumer_typing`: the installed wheel as users' mypy and pyright see it.
- `codegen.cassettes`: re-record the cassettes, from the fakes or the vendors' sandboxes.
- `codegen.demo`: the command against the fakes, as the README shows it.
- `codegen.trials`: scripted trials of a vendor change in a scratch copy.

`noxfile.py` only makes the environments and calls these; `refs`, `versions` and `paths` are
shared by the steps.
"""
