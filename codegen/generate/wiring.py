"""Nothing half-wired: every operation of a spec is served, or left out on purpose.

An operation added to a spec alone regenerates its models and request builder, but nothing
would call them: no client method, no fake answering it, no command exporting it. `unwired`
names each such gap; tests/test_wiring.py collects what the package serves and fails on any.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from pathlib import Path

from codegen.generate.surface import read_operations

#: Operations deliberately not served, by operation id, with the reason. The one place to say
#: that a spec operation is declared for reference only.
LEFT_OUT: Mapping[str, str] = {}

#: Parts only operations that return a list of items need: the command line exports lists, so
#: an operation that returns one object (retrieve by id) has no command.
LIST_ONLY: frozenset[str] = frozenset({"command"})


def unwired(
    spec: Path, served: Mapping[str, Set[str]], left_out: Mapping[str, str] = LEFT_OUT
) -> list[str]:
    """One line per operation of `spec` that a part of `served` lacks.

    `served` maps a part's name ("sync client method", "fake handler", "command", ...) to the
    operation ids it serves. Operations in `left_out` are skipped.
    """
    gaps = []
    for operation in read_operations(spec):
        if operation.operation_id in left_out:
            continue
        for part, operation_ids in served.items():
            if part in LIST_ONLY and operation.items_key is None:
                continue
            if operation.operation_id not in operation_ids:
                gaps.append(f"{spec.name}: {operation.operation_id} has no {part}")
    return gaps
