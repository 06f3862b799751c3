"""The image step of a build: every source image processed once, in the worker processes, cached by its content.

From each source image (pages/images.py says which and what for) the step makes the original without its metadata,
the variants for srcset (WebP and a fallback) and, for an entry's photo, the share image; from site.yaml's
share_image the default share image of each language (innosite/media/ does the work). What is made is cached in
`.cache/media/<recipe>/`, keyed by the hash of the source's bytes and the recipe (innosite/media/recipe.py: the
settings and the versions of Pillow and its encoders):
- `<source>-<what>.json`: what was made (format, size, bytes, hash of each file), behind a checksum;
- `<hash>.bin`: the bytes of each file made, named by their hash.
A build whose images are all in the cache does no image work (it reads the small descriptions); a warm build
that changes nothing does not even get here (speed/session.py reuses the output). A description that fails its
checksum, or names a file that is missing, is made again; a file whose bytes do not match its name when it is
published is made again from its source, so a damaged cache never gives other output. Without a cache the bytes
stay in memory. What the site no longer uses is removed from the cache when no other build uses it
(speed/media_cache.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from innosite.media import UnusableImage, default_share_image, recipe_key, share_image, stripped_original, variants
from innosite.model.site import Site
from innosite.output.records import Want
from innosite.pages.images import Made, Media, Processed, Wanted, default_share_path, image_outputs, wanted
from innosite.pages.routes import Routes
from innosite.problems import Problems
from innosite.speed.media_cache import MediaUse, clean_media
from innosite.speed.workers import Workers

MEDIA_DIR = "media"
"""The image cache's folder inside .cache/."""
LEAST_PARALLEL = 4
"""From this many images to make on, they are made in the worker processes."""


@dataclass(frozen=True, slots=True)
class ImageJob:
    """What every image task shares: where the cache is (None: no cache, the bytes come back) and the recipe."""

    folder: str | None
    recipe: str


@dataclass(frozen=True, slots=True)
class DefaultShare:
    """A default share image to make: from the picture at `path` (its bytes' hash `sha`) on a colour."""

    sha: str
    path: str
    background: str

    @property
    def key(self) -> str:
        return hashlib.sha256(f"{self.sha}\0{self.background}".encode()).hexdigest()


Task = Wanted | DefaultShare
Result = tuple[str, Processed | None, dict[str, bytes], str | None]
"""(cache name of the task, what was made or None, bytes by hash when there is no cache, the problem or None)."""


def cache_name(task: Task) -> str:
    """The task's description file's name (without .json): the source's hash and what is made of it."""
    if isinstance(task, DefaultShare):
        return f"{task.key}-default"
    return f"{task.sha}-{'share' if task.share else 'plain' if task.raster else 'drawing'}"


def make_images(job: ImageJob, tasks: list[Task]) -> list[Result]:
    """Make what each task asks for (in a worker process, or here): described, and its bytes stored."""
    results: list[Result] = []
    for task in tasks:
        try:
            data = Path(task.path).read_bytes()
            made, blobs = _made(task, data)
        except (UnusableImage, OSError) as exc:
            results.append((cache_name(task), None, {}, str(exc)))
            continue
        if job.folder is not None:
            _store(Path(job.folder), cache_name(task), made, blobs)
            blobs = {}
        results.append((cache_name(task), made, blobs, None))
    return results


def _made(task: Task, data: bytes) -> tuple[Processed, dict[str, bytes]]:
    """What a task makes of the source's bytes, and the bytes of each file by their hash."""
    blobs: dict[str, bytes] = {}

    def made(fmt: str, width: int | None, height: int | None, content: bytes) -> Made:
        sha = hashlib.sha256(content).hexdigest()
        blobs[sha] = content
        return Made(fmt, width, height, len(content), sha)

    if isinstance(task, DefaultShare):
        share = made("jpeg", 1200, 630, default_share_image(data, task.background))
        return Processed(original=share, share=share), blobs
    if not task.raster:  # an SVG drawing, checked at load (content/svg.py): published as it is
        return Processed(made("svg", None, None, data)), blobs
    original = stripped_original(data)
    kept = made(original.format, original.width, original.height, original.data)
    sizes = tuple(made(v.format, v.width, v.height, v.data) for v in variants(data))
    shared = made("jpeg", 1200, 630, share_image(data)) if task.share else None
    return Processed(kept, sizes, shared), blobs


def _store(folder: Path, name: str, made: Processed, blobs: dict[str, bytes]) -> None:
    """Write the bytes, then their description (so a description never names a file not yet there)."""
    folder.mkdir(parents=True, exist_ok=True)
    for sha, content in blobs.items():
        target = folder / f"{sha}.bin"
        if not target.exists():
            _write_new(target, content)
    _write_new(folder / f"{name}.json", _describe(made))


def _write_new(target: Path, content: bytes) -> None:
    """Write a file whole or not at all (a temporary file renamed: another build may read it meanwhile)."""
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".part-")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(content)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _describe(made: Processed) -> bytes:
    """The description of what was made, behind the SHA-256 of the rest."""

    def one(item: Made | None) -> list | None:
        return None if item is None else [item.format, item.width, item.height, item.size, item.sha]

    text = json.dumps([one(made.original), [one(v) for v in made.variants], one(made.share)]).encode()
    return hashlib.sha256(text).hexdigest().encode() + b"\n" + text


def _described(folder: Path, name: str) -> Processed | None:
    """What the cache says was made for a task, if its description is intact and every file it names is there."""
    try:
        raw = (folder / f"{name}.json").read_bytes()
        head, text = raw.split(b"\n", 1)
        if hashlib.sha256(text).hexdigest().encode() != head:
            return None
        original, sizes, share = json.loads(text)
        made = Processed(Made(*original), tuple(Made(*v) for v in sizes), Made(*share) if share else None)
    except (OSError, ValueError, TypeError):
        return None
    for item in _files(made):
        try:
            if (folder / f"{item.sha}.bin").stat().st_size != item.size:
                return None
        except OSError:
            return None
    return made


def _files(made: Processed) -> tuple[Made, ...]:
    """Every file made from a source: its original, its variants, its share image."""
    return (made.original, *made.variants, *((made.share,) if made.share else ()))


class ImageFiles:
    """The files the image step made, their bytes from the cache (or memory), checked as they are read."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.kept: dict[str, bytes] = {}
        """Bytes by hash, without a cache."""
        self.sources: dict[str, Task] = {}
        """The task that made each file (by its hash): to make it again if the cache lost it."""

    def read(self, sha: str) -> bytes:
        """The bytes of a file made (thread-safe): from the cache, else made again from the source."""
        if sha in self.kept:
            return self.kept[sha]
        if self.folder is not None:
            try:
                content = (self.folder / f"{sha}.bin").read_bytes()
            except OSError:
                content = b""
            if hashlib.sha256(content).hexdigest() == sha:
                return content
        task = self.sources[sha]
        _made_again, blobs = _made(task, Path(task.path).read_bytes())
        if sha not in blobs:
            raise UnusableImage(f"{task.path} changed while the site was being built: build again")
        return blobs[sha]

    def want(self, made: Made) -> Want:
        return Want(made.sha, made.sha, made.size, partial(self.read, made.sha))


def process_images(
    site: Site,
    content: Path,
    problems: Problems,
    workers: Workers,
    cache_root: Path | None,
    stage: Callable,
    hold: Callable[[Path], MediaUse | None] = lambda media: None,
) -> tuple[Media, dict[str, Want]]:
    """Make (or find in the cache) everything the site's images need; the media for the planner, and the files to
    publish by output path. Problems (an image that cannot be processed after all) go into problems. `hold` takes
    the image cache for the build (speed/media_cache.py): when no other build holds it, what the site no longer
    uses is removed from it."""
    tasks: list[Task] = list(wanted(site))
    config = site.config.share_image
    defaults: dict[str, DefaultShare] = {}
    if config is not None:
        for lang in site.config.langs:
            name, sha = config.file(lang)
            defaults[lang] = DefaultShare(sha, str(content / name), config.background)
        tasks += list({task.key: task for task in defaults.values()}.values())
    folder = cache_root / MEDIA_DIR / recipe_key() if cache_root is not None else None
    files = ImageFiles(folder)
    use = hold(folder.parent) if folder is not None and (tasks or folder.parent.is_dir()) else None
    found: dict[str, Processed] = {}
    todo = []
    for task in tasks:
        made = _described(folder, cache_name(task)) if folder is not None else None
        if made is None:
            todo.append(task)
        else:
            found[cache_name(task)] = made
    if use is not None and use.alone and folder is not None:
        kept = {item.sha for made in found.values() for item in _files(made)}
        clean_media(folder.parent, folder.name, {cache_name(task) for task in tasks}, kept)
        use.share()
    by_name = {cache_name(task): task for task in tasks}
    if todo:
        done = stage("Processing images", len(todo))
        job = ImageJob(None if folder is None else str(folder), recipe_key())
        made_all = workers.map(make_images, job, todo, 1, None, done, LEAST_PARALLEL, helping=True)  # (it waits)
        for name, made, blobs, problem in made_all:
            if made is None:
                problems.error(by_name[name].path, 0, f"the image cannot be processed: {problem}")
                continue
            found[name] = made
            files.kept.update(blobs)
    for name, made in found.items():
        for item in _files(made):
            files.sources.setdefault(item.sha, by_name[name])
    images = [task for task in tasks if isinstance(task, Wanted) and cache_name(task) in found]
    by_sha = {task.sha: found[cache_name(task)] for task in images}
    langs = frozenset(lang for lang, task in defaults.items() if cache_name(task) in found)
    media = Media(by_sha, langs)
    wants = {path: files.want(made) for path, _, made in image_outputs(site, media, Routes(site.config))}
    for lang in sorted(langs):
        share = found[cache_name(defaults[lang])].share
        assert share is not None
        wants[default_share_path(lang)] = files.want(share)
    return media, wants
