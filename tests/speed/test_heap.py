"""Memory a build let go of goes back to the system where the C library can give it (glibc)."""

from __future__ import annotations

import platform

from innosite.speed.heap import give_back


def test_the_heap_is_given_back_where_the_c_library_can() -> None:
    assert give_back() is (platform.libc_ver()[0] == "glibc")


def test_memory_freed_by_the_build_leaves_the_process() -> None:
    """Small objects freed in a scattered order leave holes in the heap that only a trim returns (this machine's
    C library is glibc, as on the Debian the project runs on)."""
    kept, freed = [], []
    for n in range(200_000):
        (kept if n % 50 == 0 else freed).append(bytes(600 + n % 7))
    del freed
    after_free = _resident()
    assert give_back()
    assert _resident() < after_free - 50 * 2**20  # about 100 MB of 136 MB, measured
    assert kept


def _resident() -> int:
    with open("/proc/self/statm") as file:
        return int(file.read().split()[1]) * 4096
