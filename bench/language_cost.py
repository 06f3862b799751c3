"""What the wrong-language check costs (issue 15, point 3): the model's load, and each entry's check.

    python -m bench.language_cost [CONTENT] [--repeat R]

Reads every entry folder under CONTENT (default content/), then times, in this
process: py3langid's import, model load and first answer (once: it is what a
process pays the first time a version is read); and the checks of every entry
(title, summary and text of each version, and the comparison between versions),
R times, reporting the median CPU time per entry and per version. Prints the
warnings found, so that false alarms show. No test asserts these figures.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from innosite.content import language
from innosite.content.fields import Fields
from innosite.content.language import Sample, doubt_message, language_doubts
from innosite.content.source import decode, split_front_matter
from innosite.problems import Problems

LANGS = ("fi", "sv", "en")


def samples_of(folder: Path) -> list[Sample]:
    """What the check reads of each language file of an entry folder."""
    found = []
    for lang in LANGS:
        path = folder / f"{lang}.md"
        if not path.is_file():
            continue
        parsed = split_front_matter(decode(path.read_bytes()))
        fields = Fields(parsed.front, path, Problems())
        title, summary = str(fields.data.get("title") or ""), fields.data.get("summary")
        found.append(
            Sample(lang, title, fields.line("title"), summary, fields.line("summary"), parsed.body, parsed.body_line)
        )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", nargs="?", type=Path, default=Path("content"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folders = [folder for folder in sorted(args.content.glob("*/*/")) if folder.is_dir()]
    entries = [samples_of(folder) for folder in folders]
    versions = sum(len(e) for e in entries)
    start, wall = time.process_time(), time.perf_counter()
    language.written_in("kaupungit ottavat vetovastuuta", "sv", LANGS)
    ready, ready_wall = time.process_time() - start, time.perf_counter() - wall
    runs = []
    for _ in range(args.repeat):
        start = time.process_time()
        found = [language_doubts(samples, LANGS) for samples in entries]
        runs.append(time.process_time() - start)
    median = statistics.median(runs)
    print(f"content: {args.content} ({len(entries)} entries, {versions} versions)")
    print(f"model ready (import, load, first answer): {ready:.2f} s CPU, {ready_wall:.2f} s wall")
    print(f"all entries checked: {median:.3f} s CPU (median of {args.repeat})")
    print(f"per entry: {1000 * median / len(entries):.3f} ms CPU; per version: {1000 * median / versions:.3f} ms CPU")
    for folder, doubts in zip(folders, found, strict=True):
        for lang, items in doubts.items():
            for doubt in items:
                print(f"  {folder / lang}.md:{doubt.line}: warning: {doubt_message(doubt, lang)}")


if __name__ == "__main__":
    main()
