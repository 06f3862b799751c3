"""What a build session needs of whatever writes its output folder (a protocol: two publishers have it).

`output/tree.py` publishes a whole build at once through a spare folder (the
build command); `output/in_place.py` writes changed files in place into a folder
only it writes to (the preview).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Protocol

from innosite.output.records import FileRecord, Finishing, Want


class Publisher(Protocol):
    """Writes the output folder; knows what it holds now."""

    @property
    def live(self) -> Mapping[str, FileRecord]:
        """The files the output folder holds now, as far as they can be trusted."""

    stamp: dict
    """What the build was made of (site key, copies, warnings), recorded with the published output."""

    def begin(self) -> tuple[Path, Path] | None:
        """Before rendering: folders the renderers may write pages into as they go (a first build), or None."""

    def wrote(self, rel: str, record: FileRecord) -> None:
        """A renderer wrote a page into the folder begin() gave."""

    def publish(self, files: Mapping[str, Want | None], finish: Callable[[Finishing], dict[str, str]] | None) -> int:
        """Make the output hold exactly these files (None: the file as `live` has it), and what finish
        (the search index) writes beside them (see Finishing); returns how many files were written."""
