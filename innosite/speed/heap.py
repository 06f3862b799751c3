"""Giving the memory a build freed back to the system (glibc's malloc_trim), so that what it makes next (the
search index) takes the place of what it let go of, and the process's resident size shows it."""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from functools import cache


def give_back() -> bool:
    """Return the C heap's free pages to the system; False where the C library has no malloc_trim (not glibc)."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    """malloc_trim among the symbols the process has loaded already (no library search, which runs a program)."""
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None
