"""The search index of a build, in shards: each indexed once and kept in the cache, then merged.

The shards are planned in pages/search.py. A shard whose pages (paths and bytes) are those of a shard in the
cache is not indexed again; the others are indexed here, in Python, as Pagefind 1.5 indexes the same pages
(pages/pagefind_fossick.py reads each page, pages/pagefind_shard.py makes the shard's index), in worker
processes when there are many. Each language's shards are then merged (pages/pagefind_merge.py) into the very
index Pagefind writes when it indexes all the language's pages at once: `pagefind/` has the layout, names and
contents of one Pagefind run over the site, so the search page and its results are as they were, and an
incremental build's `pagefind/` is a cold build's. Pagefind itself (`pagefind --service`) gives only its scripts
and each language's wasm, once per version of Pagefind and set of languages (kept in the cache). Files the live
site holds with the same bytes are linked, not written; only the chunks that changed are compressed again.

Each shard is kept in two cache rows: its words (what the merge reads) and its files (the pages' fragments,
read only to write the fragments the live site does not hold already): so a merge holds the words of a
language's shards and the files of one shard at a time.

A cache row that fails its checksum or cannot be read is a miss: the shard is indexed again.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from innosite.output.records import Finishing
from innosite.output.search_index import (
    SCRIPTS,
    BundleWriter,
    PackedFiles,
    Service,
    failed,
    pagefind_version,
    read_built,
)
from innosite.pages.pagefind_format import FRAGMENT_LEVEL, FormatError, chunk_level, pack, short_name
from innosite.pages.pagefind_fossick import Fossicker, fossick
from innosite.pages.pagefind_merge import Segments, merge
from innosite.pages.pagefind_shard import build_shard
from innosite.pages.search import BUNDLE, SHARD_LIMIT, SearchPage, Shard, indexed_part, plan_shards
from innosite.speed.cache import Cache
from innosite.speed.pickling import digest
from innosite.speed.workers import Workers

T = TypeVar("T")

FORMAT = "search 5"
"""The layout of the cached shards: another layout is indexed again."""

SCRIPTS_ROW = "~scripts"
"""The cache row of Pagefind's scripts and each language's wasm and entry (shard names start with a language
code)."""

PARALLEL_SHARDS = 8
"""Fewer shards to index than this are indexed in the build's own process (an edit has one)."""

LANG_ROW = "~lang-"
"""Before a language code: the cache row of the language's last merge (its entry, and its files' hashes)."""

FILES_ROW = "~files"
"""After a shard's name: the cache row of its files (its pages' fragments, packed)."""

PACKED_ROW = "~packed"
"""The cache row mapping the SHA-1 of a chunk's (or metadata's) CBOR to the SHA-256 of its packed file."""


@dataclass(frozen=True, slots=True)
class ShardIndex:
    """One shard's index: its words, ready to merge, and the hashes of its pages' fragment files."""

    segments: Segments
    fragment_shas: tuple[str, ...]
    """The SHA-256 of each page's fragment file, in page order: one the live site holds is linked unread."""


Files = dict[str, bytes]
"""A shard's fragment files: path in the bundle -> bytes."""


@dataclass(frozen=True, slots=True)
class Pagefind:
    """What comes from Pagefind itself: its scripts and wasm files, and what its entry file says of each language
    and of the index (its version, include_characters)."""

    scripts: dict[str, bytes]
    languages: dict[str, dict]
    common: dict


class SearchIndexer:
    """The finishing step of a build that has search: writes `pagefind/` into the new build."""

    shard_limit = SHARD_LIMIT
    """Most pages in a shard (a class attribute: tests make shards small)."""

    def __init__(self, pages: list[SearchPage], cache: Cache | None, jobs: int = 1) -> None:
        self.pages = pages
        self.cache = cache if cache else None
        self.jobs = max(1, jobs)
        self.indexed: list[str] = []
        """The shards this build indexed (for tests and the benchmark)."""
        self._fresh: dict[str, tuple[ShardIndex, Files]] = {}
        """Shards indexed by this build that have no cache to go to."""

    def __call__(self, job: Finishing) -> dict[str, str]:
        """Index the pages of job.folder; the hash of every file written (see Finishing)."""
        try:
            return self._run(job)
        except (FormatError, ValueError, KeyError, IndexError, OSError) as exc:
            raise failed(str(exc)) from exc

    def _run(self, job: Finishing) -> dict[str, str]:
        version = pagefind_version()
        shards = plan_shards(self.pages, self.shard_limit)
        fps = {shard.name: _fingerprint(shard, job, version) for shard in shards}
        stored = self.cache.search_fingerprints() if self.cache else {}
        langs = sorted({shard.lang for shard in shards})
        todo = [shard for shard in shards if stored.get(shard.name) != fps[shard.name]]
        self._fresh.clear()
        writer = BundleWriter(job.folder, job.live, job.held, job.linked)
        redone = {shard.name for shard in todo}
        early = _Fragments(writer, {lang for lang in langs if all(s.name in redone for s in shards if s.lang == lang)})
        for shard, (index, shard_files) in zip(todo, self._index_all(job, todo), strict=True):
            self._keep_shard(shard, fps[shard.name], index, shard_files)
            early.write(shard.lang, index, shard_files)
            job.stopped()
        pagefind = self._pagefind(job.folder, version, langs)
        packed = self._packed()
        used: dict[str, str] = {}
        languages: dict[str, dict] = {}
        common = pagefind.common
        merged_rows = []

        def fp_of(shard: Shard) -> str:
            return fps[shard.name]

        for lang in langs:
            job.stopped()
            mine = [shard for shard in shards if shard.lang == lang]
            lang_fp = digest(FORMAT, version, *(fps[shard.name] for shard in mine))
            kept = self._kept_language(lang, lang_fp, writer)
            if kept is not None:  # none of its shards changed, and the live site has its files: linked
                languages[lang], common = kept
                continue
            indexes = [self._shard_index(job, shard, fps[shard.name]) for shard in mine]
            before = set(writer.products)
            merged = self._merge(
                lang, mine, indexes, (writer, packed, used), lambda shard: fps[shard.name], job, common
            )
            languages[lang] = {"hash": merged[0], "wasm": pagefind.languages[lang]["wasm"], "page_count": merged[1]}
            files = {rel: sha for rel, sha in writer.products.items() if rel not in before}
            files.update(early.written.get(lang, {}))
            merged_rows.append((f"{LANG_ROW}{lang}", lang_fp, pickle.dumps((languages[lang], common, files), 5)))
            del indexes
        for name in sorted(pagefind.scripts):
            if name in SCRIPTS or name.removeprefix("wasm.").removesuffix(".pagefind") in langs:
                writer.write(f"{BUNDLE}/{name}", pagefind.scripts[name])
        entry = {"version": common["version"], "languages": languages, **common}
        text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
        writer.write(f"{BUNDLE}/pagefind-entry.json", text.encode("utf-8"))
        writer.remove_others()
        if self.cache:
            rows = [*merged_rows]
            written = set(writer.products.values())  # the packed hashes of the files out there now
            now_packed = {full: sha for full, sha in {**packed, **used}.items() if sha in written}
            if now_packed != packed:
                rows.append((PACKED_ROW, FORMAT, pickle.dumps(now_packed, 5)))
            keep = [
                *fps,
                *(name + FILES_ROW for name in fps),
                SCRIPTS_ROW,
                PACKED_ROW,
                *(LANG_ROW + lang for lang in langs),
            ]
            self.cache.set_search_rows(rows, keep=keep)
        return writer.products

    def _pagefind(self, folder: Path, version: str, langs: list[str]) -> Pagefind:
        """Pagefind's scripts, wasm and entry values for these languages: from the cache, or from Pagefind indexing
        a page of one word in each language (they do not depend on the pages)."""
        row = self.cache.search_row(SCRIPTS_ROW) if self.cache else None
        found = _unpickled(row[1], Pagefind) if row is not None and row[0] == f"{FORMAT} {version}" else None
        if found is not None and set(langs) <= found.languages.keys():
            return found
        with Service(folder) as service:
            files = service.index((f"{lang}/index.html", _ONE_WORD.format(lang=lang)) for lang in langs)
        entry = json.loads(files["pagefind-entry.json"])
        scripts = {rel: data for rel, data in files.items() if rel in SCRIPTS or rel.startswith("wasm.")}
        common = {"version": entry["version"], "include_characters": entry["include_characters"]}
        found = Pagefind(scripts, {lang: {"wasm": info["wasm"]} for lang, info in entry["languages"].items()}, common)
        if self.cache:
            self.cache.set_search_rows([(SCRIPTS_ROW, f"{FORMAT} {version}", pickle.dumps(found, 5))])
        return found

    def _kept_language(self, lang: str, lang_fp: str, writer: BundleWriter) -> tuple[dict, dict] | None:
        """A language's entry in pagefind-entry.json and Pagefind's common values, when the live site holds its
        files as the last merge of these very shards wrote them (they are linked); else None."""
        row = self.cache.search_row(f"{LANG_ROW}{lang}") if self.cache else None
        found: tuple | None = _unpickled(row[1], tuple) if row is not None and row[0] == lang_fp else None
        if found is None or len(found) != 3:
            return None
        entry, common, files = found
        if not writer.keep_all(list(files.items())):
            return None
        return entry, common

    def _packed(self) -> dict[str, str]:
        row = self.cache.search_row(PACKED_ROW) if self.cache else None
        return (_unpickled(row[1], dict) if row and row[0] == FORMAT else None) or {}

    def _index_all(self, job: Finishing, todo: list[Shard]) -> Iterator[tuple[ShardIndex, Files]]:
        """Each shard of todo indexed, in order: in `jobs` worker processes when there are many, a shard each at a
        time (each is given its pages' HTML just before, so that few are held)."""
        if not todo:
            return

        def pages(chunk: list[Shard]) -> list[tuple[str, list[tuple[str, str]]]]:
            return [(shard.lang, _shard_html(job, shard)) for shard in chunk]

        workers = Workers(self.jobs)
        try:  # this thread would wait: it indexes too, a process fewer
            yield from workers.map(index_shards, None, todo, 1, pages, least=PARALLEL_SHARDS, helping=True)
        finally:
            workers.stop_server()  # the processes, and the server they started from: not held while merging

    def _keep_shard(self, shard: Shard, fp: str, index: ShardIndex, files: Files) -> None:
        """A shard this build indexed: into the cache (its words and its files in rows of their own), or held."""
        self.indexed.append(shard.name)
        if self.cache:
            rows = [(shard.name, fp, pickle.dumps(index, 5)), (shard.name + FILES_ROW, fp, pickle.dumps(files, 5))]
            self.cache.set_search_rows(rows)
        else:
            self._fresh[shard.name] = (index, files)

    def _shard_index(self, job: Finishing, shard: Shard, fp: str) -> ShardIndex:
        """A shard's index, from this build or the cache (a row that cannot be read: indexed now)."""
        if shard.name in self._fresh:
            return self._fresh[shard.name][0]
        row = self.cache.search_row(shard.name) if self.cache else None
        index = _unpickled(row[1], ShardIndex) if row is not None and row[0] == fp else None
        return index if index is not None else self._index_again(job, shard, fp)[0]

    def _shard_files(self, job: Finishing, shard: Shard, fp: str) -> Files:
        """A shard's files, from this build or the cache (a row that cannot be read: indexed again)."""
        if shard.name in self._fresh:
            return self._fresh[shard.name][1]
        row = self.cache.search_row(shard.name + FILES_ROW) if self.cache else None
        files = _unpickled(row[1], dict) if row is not None and row[0] == fp else None
        return files if files is not None else self._index_again(job, shard, fp)[1]

    def _index_again(self, job: Finishing, shard: Shard, fp: str) -> tuple[ShardIndex, Files]:
        """A shard indexed now, its cache rows being unreadable (it gives the same index again)."""
        index, files = index_shard(shard.lang, _shard_html(job, shard))
        self._keep_shard(shard, fp, index, files)
        return index, files

    def _merge(
        self,
        lang: str,
        shards: list[Shard],
        indexes: list[ShardIndex],
        out: tuple[BundleWriter, dict[str, str], dict[str, str]],
        fp: Callable[[Shard], str],
        job: Finishing,
        common: dict,
    ) -> tuple[str, int]:
        """Merge a language's shards and write its files (`out`: the writer, and the packed hashes known and used,
        see PackedFiles); the name of its metadata and its number of pages."""
        writer, packed, used = out
        fields = sorted({field for index in indexes for field in index.segments.fields})
        segments = [
            index.segments
            if list(index.segments.fields) == fields
            else index_shard(lang, _shard_html(job, shard), fields)[0].segments  # its meta locations renumbered
            for shard, index in zip(shards, indexes, strict=True)
        ]
        with PackedFiles(writer, packed, used, self.jobs) as chunks:  # written as they come: not all held
            sink = lambda name, raw, sha1: chunks.add(_chunk_path(name), raw, sha1, chunk_level(len(raw)))  # noqa: E731
            merged = merge(lang, common["version"], segments, sink)
            del segments
            chunks.add(f"{BUNDLE}/pagefind.{merged.meta_name}.pf_meta", merged.meta)
        by_shard: dict[int, list[tuple[str, str]]] = {}
        for short, k, name in merged.fragments:
            by_shard.setdefault(k, []).append((short, name))
        for k, names in by_shard.items():  # linked where the live site has them; else read, a shard at a time
            index, shard = indexes[k], shards[k]
            position = {name: i for i, (name, _, _) in enumerate(index.segments.pages)}
            wanted = [
                (f"{BUNDLE}/fragment/{short}.pf_fragment", name)
                for short, name in names
                if writer.products.get(f"{BUNDLE}/fragment/{short}.pf_fragment") != index.fragment_shas[position[name]]
            ]  # (a shard indexed in this build may have had its fragments written already: _Fragments)
            kept = writer.kept([(rel, index.fragment_shas[position[name]]) for rel, name in wanted])
            if not all(kept):
                found = self._shard_files(job, shard, fp(shard))
                missing = [(rel, name) for (rel, name), ok in zip(wanted, kept, strict=True) if not ok]
                writer.write_all([(rel, found[f"fragment/{name}.pf_fragment"]) for rel, name in missing])
        return merged.meta_name, merged.page_count


class _Fragments:
    """The fragments of the languages whose every shard this build indexes (a first build), written as each shard
    comes back from indexing, under the names the language's merge gives them (the short names of its pages'
    full hashes, in order: the same as the merge's), while the next shards are indexed: not held until the merge,
    nor read back from the cache."""

    def __init__(self, writer: BundleWriter, langs: set[str]) -> None:
        self.writer = writer
        self.taken: dict[str, dict[str, str]] = {lang: {} for lang in langs}
        self.written: dict[str, dict[str, str]] = {lang: {} for lang in langs}
        """Of each language: the fragments written (path -> SHA-256), which its merge then has written."""

    def write(self, lang: str, index: ShardIndex, files: Files) -> None:
        """Write the fragments of the language's next shard (nothing when the language is not one of these)."""
        taken = self.taken.get(lang)
        if taken is None:
            return
        items = [
            (f"{BUNDLE}/fragment/{short_name(full, lang, taken)}.pf_fragment", files[f"fragment/{name}.pf_fragment"])
            for name, _, full in index.segments.pages
        ]
        self.written[lang].update(zip((rel for rel, _ in items), self.writer.write_all(items), strict=True))


def _chunk_path(name: str) -> str:
    return f"{BUNDLE}/index/{name}.pf_index"


def _fingerprint(shard: Shard, job: Finishing, version: str) -> str:
    """What a shard's index is made of: its pages' paths and bytes, in order, and the Pagefind whose index it is
    (joined by NUL, which no path holds: one part to hash, not two per page)."""
    shas = job.shas
    return digest(FORMAT, version, "\0".join([f"{page.path}\0{shas.get(page.path, '')}" for page in shard.pages]))


_ONE_WORD = '<!DOCTYPE html><html lang="{lang}"><head><title>x</title></head><body><main data-pagefind-body>x</main>'
"""A page for Pagefind to index so that it writes its scripts and the wasm of a language."""

_fossicker = Fossicker()
"""Per process: the stemmers, and what each word read before became (a page's words are mostly known ones)."""


def index_shards(_: None, chunk: list[tuple[str, list[tuple[str, str]]]]) -> list[tuple[ShardIndex, Files]]:
    """In a worker process (or the build's): each (language, its pages' (path, HTML)) indexed as a shard."""
    return [index_shard(lang, pages) for lang, pages in chunk]


def index_shard(lang: str, pages: list[tuple[str, str]], fields: list[str] | None = None) -> tuple[ShardIndex, Files]:
    """A shard's index and fragment files, as Pagefind makes them of these (output path, HTML) pages (a page
    without words is left out, as Pagefind leaves it out); `fields`: number the meta fields as the language's
    whole index does."""
    fossicked = [fossick(path, html, _fossicker) for path, html in pages]
    segments, fragments = build_shard([page for page in fossicked if page.words], lang, fields)
    files = {rel: pack(data, FRAGMENT_LEVEL) for rel, data in fragments.items()}
    shas = tuple(hashlib.sha256(files[f"fragment/{name}.pf_fragment"]).hexdigest() for name, _, _ in segments.pages)
    return ShardIndex(segments, shas), files


def _shard_html(job: Finishing, shard: Shard) -> list[tuple[str, str]]:
    return [(page.path, _indexed_html(job, page.path)) for page in shard.pages]


def _indexed_html(job: Finishing, path: str) -> str:
    """What is indexed of a page (pages/search.indexed_part)."""
    part = indexed_part(job.read(path) if job.read is not None else read_built(job.folder, path))
    if part is None:
        raise ValueError(f"{path} has no part marked for the search (data-pagefind-body)")
    return part.decode("utf-8")


def _unpickled(value: bytes, kind: type[T]) -> T | None:
    """A cached value, or None when it cannot be read as one (another version, damaged bytes)."""
    try:
        found = pickle.loads(value)  # noqa: S301 (the build's own cache, checksummed)
    except Exception:  # noqa: BLE001 (any failure is a miss)
        return None
    return found if isinstance(found, kind) else None
