"""Drift check 3, reporting: apply the allow-list and render the readable report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from codegen.drift.upstream.model import AllowEntry, Difference, Outcome


def apply_allowlist(
    differences: Sequence[Difference], entries: Sequence[AllowEntry]
) -> tuple[list[Outcome], list[AllowEntry]]:
    """Pair each difference with the first entry that covers it; return the stale entries too."""
    used: set[int] = set()
    outcomes: list[Outcome] = []
    for difference in differences:
        entry_index = next(
            (index for index, entry in enumerate(entries) if entry.matches(difference)), None
        )
        if entry_index is None:
            outcomes.append(Outcome(difference))
        else:
            used.add(entry_index)
            outcomes.append(Outcome(difference, entries[entry_index]))
    stale = [entry for index, entry in enumerate(entries) if index not in used]
    return outcomes, stale


def _rank(outcome: Outcome) -> int:
    if outcome.failing:
        return 0
    return 1 if outcome.difference.severity == "breaking" else 2


def _count(count: int, singular: str, plural: str = "") -> str:
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


def mark_new(outcomes: Sequence[Outcome], standing: Sequence[Difference]) -> list[Outcome]:
    """`outcomes`, each marked `new` unless it is among the `standing` differences."""
    known = set(standing)
    return [replace(outcome, new=outcome.difference not in known) for outcome in outcomes]


def _line(outcome: Outcome) -> str:
    difference = outcome.difference
    tag = "BREAKING" if difference.severity == "breaking" else "info"
    new = "  NEW" if outcome.new else ""
    return f"  {tag:<8}  {difference.kind}  {difference.location}{new}"


def render_report(
    outcomes: Sequence[Outcome],
    stale: Sequence[AllowEntry],
    *,
    header: Sequence[str] = (),
    baseline: str | None = None,
) -> str:
    """The readable report: grouped by operation, breaking first, then a summary.

    With `baseline` (the pinned facts the outcomes were marked against), what is new since
    them is listed first, and marked `NEW` where it appears in its operation.
    """
    lines = list(header)
    new = [outcome for outcome in outcomes if outcome.new]
    if baseline is not None:
        lines.append("")
        lines.append(f"New since the pinned facts ({baseline}): {len(new)}")
        lines.extend(f"{_line(o)}  in {o.difference.operation}" for o in new)
    operations: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        operations.setdefault(outcome.difference.operation, []).append(outcome)
    for operation, group in operations.items():
        breaking = sum(o.difference.severity == "breaking" for o in group)
        allowed = sum(
            o.difference.severity == "breaking" and o.allowed_by is not None for o in group
        )
        lines.append("")
        lines.append(
            f"{operation}: {breaking} breaking ({allowed} allowed), {len(group) - breaking} info"
        )
        for outcome in sorted(group, key=_rank):
            difference = outcome.difference
            lines.append(_line(outcome))
            detail = f"ours: {difference.ours} | theirs: {difference.theirs}"
            if difference.note:
                detail += f"  ({difference.note})"
            lines.append(f"            {detail}")
            if outcome.allowed_by is not None:
                lines.append(f"            allowed: {outcome.allowed_by.reason}")
    if stale:
        lines.append("")
        for entry in stale:
            lines.append(f"warning: stale allow-list entry, it matches nothing: {entry.describe()}")
    all_breaking = [o for o in outcomes if o.difference.severity == "breaking"]
    failing = [o for o in all_breaking if o.failing]
    lines.append("")
    lines.append(
        f"Summary: {_count(len(outcomes), 'difference')} in "
        f"{_count(len(operations), 'operation')}: {len(all_breaking)} breaking "
        f"({len(all_breaking) - len(failing)} allowed, {len(failing)} not allowed), "
        f"{len(outcomes) - len(all_breaking)} info; "
        f"{_count(len(stale), 'stale allow-list entry', 'stale allow-list entries')}."
    )
    if baseline is not None:
        lines.append(f"New since the pinned facts: {len(new)}.")
    if failing:
        lines.append(
            f"FAILED: {_count(len(failing), 'breaking difference')} not allow-listed. Update "
            "the spec and regenerate, or add an allow-list entry with a reason."
        )
    else:
        lines.append("OK: no breaking difference outside the allow-list.")
    return "\n".join(lines)
