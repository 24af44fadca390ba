"""Reading what mypy and pyright report on the consumer files, without running them."""

from __future__ import annotations

import json
from dataclasses import dataclass

# One field of consumer.py, misspelt for the copy both checkers must refuse.
TYPO = ("session.qualification_session_id for", "session.qualification_sesion_id for")
MISSPELT_NAME = "qualification_sesion_id"


def misspelt(consumer: str) -> str:
    """consumer.py with one field name misspelt: made here, so the two never drift apart."""
    if consumer.count(TYPO[0]) != 1:
        raise ValueError(f"consumer.py must use {TYPO[0]!r} exactly once")
    return consumer.replace(*TYPO)


def typo_problem(checker: str, output: str) -> str | None:
    """None when every error `checker` reported is in typo.py, on the typo; else why not."""
    errors = [line.strip() for line in output.splitlines() if "error" in line and ".py:" in line]
    elsewhere = [line for line in errors if "typo.py:" not in line]
    if elsewhere or not any(MISSPELT_NAME in line for line in errors):
        return f"{checker}: expected errors in typo.py only, on the typo:\n{output}"
    return None


@dataclass(frozen=True)
class Completeness:
    """pyright --verifytypes' verdict: the score in percent, and what is not fully known."""

    score: float
    known: int
    symbols: int
    gaps: list[str]

    def summary(self, flags: str) -> str:
        """One line: the score and the counts it comes from."""
        return f"{flags}: {self.score:.1f}% ({self.known} of {self.symbols} exported symbols known)"


def completeness(output: str) -> Completeness:
    """Parse `pyright --verifytypes ... --outputjson`; ValueError when it holds no report.

    The gaps name every exported symbol that is not fully known, with pyright's reason, so a
    regression says where it comes from (ours, or a third-party type we started naming).
    """
    if "{" not in output:
        raise ValueError(f"no JSON report in pyright's output:\n{output}")
    report = json.loads(output[output.index("{") : output.rindex("}") + 1])["typeCompleteness"]
    counts = report["exportedSymbolCounts"]
    gaps = [
        f"{symbol['name']}: "
        + "; ".join(" ".join(d["message"].split()) for d in symbol["diagnostics"])
        for symbol in report["symbols"]
        if not symbol["isTypeKnown"] and symbol["isExported"]
    ]
    return Completeness(
        score=100 * float(report["completenessScore"]),
        known=int(counts["withKnownType"]),
        symbols=sum(int(n) for n in counts.values()),
        gaps=gaps,
    )
