"""Part 1: client overhead against raw httpx2 and the generated clients, no latency."""

from __future__ import annotations

import importlib
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from eligibility_clients_goodstack.models import EligibilitySubscriptionList
from eligibility_clients_truemed.models import QualificationSessionList

from benchmarks.config import PAGE_SIZE, ROOT, Settings
from benchmarks.measuring import breakdown, export_time, paired_ratio, profile_top, timed_rounds
from benchmarks.peers import (
    msgspec_goodstack,
    msgspec_truemed,
    pydantic_goodstack,
    pydantic_truemed,
)
from benchmarks.report import Report, Target, us, verdict
from benchmarks.serving import (
    PageTransport,
    goodstack_key,
    render_goodstack,
    render_truemed,
    truemed_key,
)
from benchmarks.walkers import (
    floor_goodstack,
    floor_truemed,
    generated_goodstack,
    generated_truemed,
    ours_goodstack,
    ours_truemed,
)

PEERS = {
    "Truemed": {"pydantic": pydantic_truemed, "msgspec": msgspec_truemed},
    "Goodstack": {"pydantic": pydantic_goodstack, "msgspec": msgspec_goodstack},
}


def upstream_models() -> dict[str, Callable[[dict[str, Any]], object]]:
    """The list models generated from the same specs with the generator's own templates.

    Our `codegen/generate/templates/` change how `from_dict` is written; this is the baseline they
    are measured against, generated in this run under other package names (and without the
    ruff post hook: formatting does not change what runs). Empty when openapi-python-client
    is not installed.
    """
    sys.path.insert(0, str(ROOT))
    # Imported here: the script runs from benchmarks/, so the checkout joins the path first.
    from codegen.generate import regenerate

    list_models = {
        "eligibility_clients_truemed": ("Truemed", "QualificationSessionList"),
        "eligibility_clients_goodstack": ("Goodstack", "EligibilitySubscriptionList"),
    }
    found: dict[str, Callable[[dict[str, Any]], object]] = {}
    with tempfile.TemporaryDirectory(prefix="eligibility-bench-upstream-") as tmp:
        workdir = Path(tmp)
        for target in regenerate.TARGETS:
            package = f"upstream_{target.package}"
            config = workdir / f"{package}.yaml"
            config.write_text(
                f"project_name_override: {package.replace('_', '-')}\n"
                f"package_name_override: {package}\npost_hooks: []\n",
                encoding="utf-8",
            )
            command = regenerate.generator_command(
                target.spec, config, workdir / package, templates=None
            )
            result = subprocess.run(command, capture_output=True, text=True, check=False)
            if result.returncode != 0:
                print(f"no upstream-template baseline: {result.stderr[-300:]}", file=sys.stderr)
                return {}
        sys.path.insert(0, tmp)
        try:
            for target in regenerate.TARGETS:
                vendor, model = list_models[target.package]
                module = importlib.import_module(f"upstream_{target.package}.models")
                found[vendor] = getattr(module, model).from_dict
        finally:
            # Importing the models package imported every model, so nothing more is read.
            sys.path.remove(tmp)
    return found


def part_overhead(report: Report, settings: Settings) -> dict[str, float]:
    """Part 1: items per second against the floor and the generated client."""
    items = settings.overhead_items
    report.add(
        "## 1. Client overhead",
        "",
        f"{items:,} items, {PAGE_SIZE} per page, served from page bytes the fakes rendered "
        "beforehand by an in-process transport: no network, no latency. Floor: raw `httpx2` + "
        "`json.loads` over the same transport, walked by hand. Generated: the plain generated "
        f"client walked by hand. Median of {settings.overhead_runs} interleaved runs.",
        "",
    )
    found: dict[str, float] = {}
    tops: dict[str, list[tuple[str, float]]] = {}
    rows: list[list[str]] = []
    parts: list[list[str]] = []
    template_rows: list[list[str]] = []
    peer_rows: list[list[str]] = []
    upstream = upstream_models()
    for vendor, render, walkers, key, model in (
        (
            "Truemed",
            render_truemed,
            (floor_truemed, generated_truemed, ours_truemed),
            truemed_key,
            QualificationSessionList.from_dict,
        ),
        (
            "Goodstack",
            render_goodstack,
            (floor_goodstack, generated_goodstack, ours_goodstack),
            goodstack_key,
            EligibilitySubscriptionList.from_dict,
        ),
    ):
        pages = render(items)
        transport = PageTransport(pages.__getitem__, key)
        floor, generated, ours = walkers
        contenders = {
            "floor": export_time(partial(floor, transport), items),
            "generated": export_time(partial(generated, transport), items),
            "ours": export_time(partial(ours, transport), items),
            "strict": export_time(partial(ours, transport, strict=True), items),
            **{
                name: export_time(partial(walk, transport), items)
                for name, walk in PEERS[vendor].items()
            },
        }
        rounds = timed_rounds(contenders, settings.overhead_runs, warm_up=True)
        times = {name: statistics.median(values) for name, values in rounds.items()}
        to_pydantic = paired_ratio(rounds, "ours", "pydantic")
        strict_ratio = paired_ratio(rounds, "strict", "ours")
        peer_rows.append(
            [
                vendor,
                *(
                    us(times[name] / items)
                    for name in ("floor", "pydantic", "msgspec", "ours", "strict")
                ),
                f"**{to_pydantic:.2f}x**",
                f"{paired_ratio(rounds, 'ours', 'msgspec'):.2f}x",
                f"**{strict_ratio:.2f}x**",
            ]
        )
        found[f"{vendor} ours to pydantic"] = to_pydantic
        found[f"{vendor} strict to tolerant"] = strict_ratio
        report.target(
            Target(
                "typed walk, ours ÷ pydantic v2 (tolerant mode)",
                vendor,
                to_pydantic,
                1.0,
                note=f"{us(times['ours'] / items)} vs {us(times['pydantic'] / items)} per item",
            )
        )
        report.target(
            Target(
                "strict mode ÷ tolerant mode",
                vendor,
                strict_ratio,
                1.1,
                note=f"{us(times['strict'] / items)} vs {us(times['ours'] / items)} per item",
            )
        )
        ratio_floor = times["ours"] / times["floor"]
        over_generated = times["ours"] / times["generated"] - 1
        found[f"{vendor} ratio to floor"] = ratio_floor
        found[f"{vendor} over generated"] = over_generated
        rows.append(
            [
                vendor,
                f"{items / times['floor']:,.0f}",
                f"{items / times['generated']:,.0f}",
                f"{items / times['ours']:,.0f}",
                f"{times['generated'] / times['floor']:.2f}x",
                f"{ratio_floor:.2f}x",
                f"{over_generated:+.1%}",
            ]
        )
        split = breakdown(
            pages.values(), model, times["floor"], times["ours"], items, settings.overhead_runs
        )
        total = times["ours"] / items
        parts.append(
            [
                vendor,
                f"{us(split.transport)} ({split.transport / total:.0%})",
                f"{us(split.json)} ({split.json / total:.0%})",
                f"{us(split.models)} ({split.models / total:.0%})",
                f"{us(split.ours)} ({split.ours / total:.0%})",
                us(total),
                f"{split.models / split.json:.1f}x",
            ]
        )
        tops[vendor] = profile_top(partial(ours, transport))
        if vendor in upstream:
            baseline = breakdown(
                pages.values(), upstream[vendor], times["floor"], times["ours"], items,
                settings.overhead_runs,
            )  # fmt: skip
            found[f"{vendor} template speed-up"] = baseline.models / split.models
            template_rows.append(
                [
                    vendor,
                    us(baseline.models),
                    us(split.models),
                    f"{baseline.models / split.models:.2f}x",
                    f"{(times['floor'] + baseline.models * items) / times['floor']:.2f}x",
                ]
            )
    report.table(
        [
            "API",
            "floor items/s",
            "generated items/s",
            "ours items/s",
            "generated ÷ floor",
            "ours ÷ floor (target ≤ 3.5x)",
            "ours vs generated (target ≤ +15%)",
        ],
        rows,
    )
    report.add(
        "Typed walks against the peers, per item, over the same pages in the same runs: "
        "httpx2 + pydantic v2 `validate_json` (what Stainless, Speakeasy and Fern SDKs ship) "
        "and httpx2 + msgspec typed decoding (benchmarks/peers.py: models written from our "
        "specs, as tolerant as ours). Ours runs twice: in the default tolerant mode and with "
        "`strict_response_validation=True` (these pages leave out no documented field, so "
        "strict mode raises nothing and does the same walk with its checks on). Times are "
        "medians; each ratio is the median of the ratios within a round. Targets: ours ÷ "
        "pydantic ≤ 1.0, strict ÷ tolerant ≤ 1.1.",
        "",
    )
    report.table(
        [
            "API",
            "floor (untyped)",
            "pydantic v2",
            "msgspec",
            "ours, `list()`",
            "ours, strict",
            "ours ÷ pydantic",
            "ours ÷ msgspec",
            "strict ÷ tolerant",
        ],
        peer_rows,
    )
    report.add(
        "Where our time goes, per item: each part measured on its own (json: `json.loads` of "
        "every page; models: the generated `from_dict` of every page; httpx2: the floor less "
        "json) and our layer as what is left of our walk.",
        "",
    )
    report.table(
        ["API", "httpx2", "json.loads", "generated models", "our layer", "total", "models ÷ json"],
        parts,
    )
    if template_rows:
        report.add(
            "The generated models with our two templates (`codegen/generate/templates/`) against "
            "the "
            "same specs generated with openapi-python-client's own templates in this run: "
            "`from_dict` time per item over the same pages. The last column is what the "
            "upstream-template models alone would cost over the floor (floor plus their "
            "`from_dict` time), before any client code.",
            "",
        )
        report.table(
            [
                "API",
                "upstream templates",
                "our templates",
                "speed-up",
                "upstream-template models ÷ floor",
            ],
            template_rows,
        )
    else:
        report.add(
            "(openapi-python-client is not installed here, so the upstream-template baseline "
            "was not measured; `nox -s bench` installs it.)",
            "",
        )
    for vendor, top in tops.items():
        listed = ", ".join(f"`{name}` {share:.0%}" for name, share in top)
        report.add(
            f"cProfile, the functions with the most own time in our {vendor} walk: {listed}."
        )
        report.add("")
    tm_peer, gs_peer = found["Truemed ours to pydantic"], found["Goodstack ours to pydantic"]
    tm_strict = found["Truemed strict to tolerant"]
    gs_strict = found["Goodstack strict to tolerant"]
    report.add(
        f"Target: ours ÷ pydantic ≤ 1.0: Truemed {tm_peer:.2f}x ({verdict(tm_peer <= 1.0)}), "
        f"Goodstack {gs_peer:.2f}x ({verdict(gs_peer <= 1.0)}). Strict ÷ tolerant ≤ 1.1: "
        f"Truemed {tm_strict:.2f}x ({verdict(tm_strict <= 1.1)}), Goodstack "
        f"{gs_strict:.2f}x ({verdict(gs_strict <= 1.1)}).",
        "",
    )
    tm_floor, tm_gen = found["Truemed ratio to floor"], found["Truemed over generated"]
    gs_floor, gs_gen = found["Goodstack ratio to floor"], found["Goodstack over generated"]
    report.add(
        f"Targets: ours ÷ floor ≤ 3.5x: Truemed {tm_floor:.2f}x ({verdict(tm_floor <= 3.5)}), "
        f"Goodstack {gs_floor:.2f}x ({verdict(gs_floor <= 3.5)}). Ours vs generated ≤ +15%: "
        f"Truemed {tm_gen:+.1%} ({verdict(tm_gen <= 0.15)}), Goodstack {gs_gen:+.1%} "
        f"({verdict(gs_gen <= 0.15)}).",
        "",
    )
    return found
