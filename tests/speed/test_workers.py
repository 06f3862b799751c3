"""speed/workers.py: a helping caller gets the same results in the same order, with one process fewer."""

from __future__ import annotations

import os
import time

from innosite.speed.workers import Workers


def where(delay: float, chunk: list[int]) -> list[tuple[int, int]]:
    """Each item with the process that handled it (slowly: the pool is kept busy)."""
    time.sleep(delay)
    return [(item, os.getpid()) for item in chunk]


def test_a_helping_caller_works_through_chunks_too_and_the_results_keep_their_order() -> None:
    with Workers(2) as workers:
        results = list(workers.map(where, 0.05, list(range(40)), 2, least=1, helping=True))
    assert [item for item, _ in results] == list(range(40))
    processes = {pid for _, pid in results}
    assert os.getpid() in processes  # the caller helped
    assert len(processes) == 2  # and one worker process did the rest


def test_without_help_every_chunk_goes_to_the_processes() -> None:
    with Workers(2) as workers:
        results = list(workers.map(where, 0.01, list(range(12)), 2, least=1))
    assert [item for item, _ in results] == list(range(12))
    assert os.getpid() not in {pid for _, pid in results}
