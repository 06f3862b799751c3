"""Render the benchmark results as a Markdown report and as JSON."""

import json
from dataclasses import asdict
from pathlib import Path

from bench.results import ToolResult

MB = 2**20
COLUMNS = ("cold", "no-change", "edit", "add")
FLOOR = "floor"  # the ToolResult name of bench/floor.py
FLOOR_TARGET = 1.3  # issue 6: our cold build within 1.3x of the stack's floor


def seconds(value: float | None) -> str:
    """Format seconds, or a dash for a scenario that did not run."""
    return "–" if value is None else f"{value:.2f}"


def ratio(ours: float | None, theirs: float | None) -> str:
    """Format ours/theirs, or a dash if either is missing."""
    return "–" if not ours or not theirs else f"{ours / theirs:.2f}"


def tool_row(result: ToolResult) -> str:
    """One table row: pages, median seconds per scenario, peak MB, pages/s."""
    name = f"{result.name} {result.version}".strip()
    peak = result.peak_rss()
    cells = [
        name,
        "–" if result.pages is None else str(result.pages),
        *(seconds(result.median(s)) for s in COLUMNS),
        "–" if peak is None else f"{peak / MB:.0f}",
        "–" if result.pages_per_second() is None else f"{result.pages_per_second():.0f}",
    ]
    return "| " + " | ".join(cells) + " |"


def ratio_rows(ours: ToolResult, rivals: list[ToolResult]) -> list[str]:
    """Rows of ours/theirs for cold build, edit rebuild and peak memory."""
    rows = [
        "| ours / theirs | cold build | rebuild after edit | our no-change / their edit | peak memory |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for rival in rivals:
        if rival.runs:
            cells = [
                ratio(ours.median("cold"), rival.median("cold")),
                ratio(ours.median("edit"), rival.median("edit")),
                ratio(ours.median("no-change"), rival.median("edit")),
                ratio(ours.peak_rss(), rival.peak_rss()),
            ]
            rows.append(f"| {rival.name} | " + " | ".join(cells) + " |")
    return rows


def floor_line(ours: ToolResult, results: list[ToolResult]) -> list[str]:
    """The line stating our cold build over the floor's time, beside issue 6's target."""
    floor = next((r for r in results if r.name == FLOOR and r.runs), None)
    if floor is None or not ours.median("cold"):
        return []
    value = ours.median("cold") / floor.median("cold")
    verdict = "met" if value <= FLOOR_TARGET else "missed"
    return [
        "",
        f"our cold / floor = {value:.2f} (our cold {seconds(ours.median('cold'))} s, "
        f"floor {seconds(floor.median('cold'))} s; issue 6 target at most {FLOOR_TARGET}: {verdict})",
    ]


def markdown(header: list[str], results: list[ToolResult]) -> str:
    """Return the whole report: header lines, the figures, the ratios, the notes."""
    lines = [*header, ""]
    if any(r.runs for r in results):
        lines += [
            "| tool | pages | cold s | no-change s | edit s | add s | peak MB | pages/s |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        lines += [tool_row(r) for r in results if r.runs]
    ours, rivals = results[0], results[1:]
    if ours.runs and any(r.runs for r in rivals):
        lines += ["", *ratio_rows(ours, rivals), *floor_line(ours, rivals)]
    notes = [f"- {r.name}: {note}" for r in results for note in r.notes]
    notes += [f"- {r.name}: " + r.error.replace("\n", "\n    ") for r in results if r.error]
    if notes:
        lines += ["", "Notes:", *notes]
    return "\n".join(lines) + "\n"


def summary(result: ToolResult) -> dict[str, object]:
    """A JSON-ready summary of one tool with its raw runs."""
    data = {k: v for k, v in asdict(result).items() if k != "runs"}
    data["median_seconds"] = {s: result.median(s) for s in result.runs}
    data["peak_rss_mb"] = None if result.peak_rss() is None else round(result.peak_rss() / MB, 1)
    data["pages_per_second"] = result.pages_per_second()
    data["runs"] = {
        s: [{"seconds": r.seconds, "peak_rss": r.peak_rss} for r in runs] for s, runs in result.runs.items()
    }
    return data


def write_json(path: Path, settings: dict[str, object], results: list[ToolResult]) -> None:
    """Write the settings and every tool's summary as JSON."""
    data = {"settings": settings, "tools": [summary(r) for r in results]}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
