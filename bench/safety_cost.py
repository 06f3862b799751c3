"""What the hostile-input safety costs (issue 7): sanitizing bodies, and the walk of content/.

    python bench/safety_cost.py [CONTENT] [--repeat R]

Renders every language file's body under CONTENT (default content/) with
Markdown alone and with Markdown plus the sanitizer (removals, nh3, link
rewriting), R times each, and times `content/names.escaping_links` over CONTENT.
Prints the medians per body and per walk. No test asserts these figures.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import markdown
from markdown.extensions.toc import TocExtension

from innosite.content.names import escaping_links
from innosite.content.source import decode, split_front_matter
from innosite.markup.markdown import EXTENSIONS, LinkContext, MarkdownRenderer
from innosite.model.slugs import heading_id


def bodies(content: Path) -> list[tuple[str, frozenset[str]]]:
    """The Markdown of every language file, with the names of the files beside it."""
    found = []
    for path in sorted(content.glob("*/*/*.md")):
        files = frozenset(p.name for p in path.parent.iterdir() if p.suffix not in (".md", ".yaml"))
        found.append((split_front_matter(decode(path.read_bytes())).body, files))
    return found


def median_seconds(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", nargs="?", type=Path, default=Path("content"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    found = bodies(args.content)
    plain = markdown.Markdown(extensions=[*EXTENSIONS, TocExtension(slugify=heading_id, toc_depth="2-6")])
    renderer = MarkdownRenderer()

    def markdown_only() -> None:
        for text, _ in found:
            plain.reset()
            plain.convert(text)

    def with_safety() -> None:
        for text, files in found:
            renderer.render(text, LinkContext("/media/x/", "/", files))

    markdown_only()  # warm up both before timing
    with_safety()
    bare_times, safe_times = [], []
    for _ in range(args.repeat):  # alternating, so that a busy moment hits both alike
        bare_times.append(median_seconds(markdown_only, 1))
        safe_times.append(median_seconds(with_safety, 1))
    bare, safe = statistics.median(bare_times), statistics.median(safe_times)
    walk = median_seconds(lambda: escaping_links(args.content), args.repeat)
    count = max(len(found), 1)
    print(f"{len(found)} bodies in {args.content}, median of {args.repeat} runs")
    print(f"Markdown only:           {bare / count * 1e3:.3f} ms per body")
    print(f"Markdown + sanitizing:   {safe / count * 1e3:.3f} ms per body (+{(safe / bare - 1) * 100:.0f} %)")
    print(f"symlink and file walk:   {walk * 1e3:.2f} ms for the whole folder")


if __name__ == "__main__":
    main()
