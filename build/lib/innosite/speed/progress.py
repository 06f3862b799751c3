"""Progress on long builds: `Rendering pages 1200/12600` on stderr, only on a terminal."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

MIN_ITEMS = 200
"""Shorter stages finish before a progress line would help."""
INTERVAL = 0.1


class Progress:
    """Shows one updating line per stage while enabled; otherwise says nothing."""

    def __init__(self, enabled: bool, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self._shown = False

    def stage(self, label: str, total: int) -> Callable[[int], None]:
        """A callback to report `n` more items of this stage done."""
        if not self.enabled or total < MIN_ITEMS:
            return lambda n: None
        state = {"done": 0, "at": 0.0}

        def done(count: int) -> None:
            state["done"] += count
            now = time.monotonic()
            if now - state["at"] >= INTERVAL or state["done"] >= total:
                state["at"] = now
                self.stream.write(f"\r{label} {state['done']}/{total}\x1b[K")
                self.stream.flush()
                self._shown = True

        return done

    def finish(self) -> None:
        """Clear the progress line so that messages start on a clean line."""
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False
