"""The command line as people type it: the version, a mistyped command, help that lists only what works."""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import version

import pytest

from tests.conftest import Run


def test_version(run: Callable[..., Run]) -> None:
    assert run("--version").out == f"innosite {version('innosite')}\n"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("bulid", 'error: unknown command "bulid": did you mean build?'),
        ("stauts", 'error: unknown command "stauts": did you mean status?'),
        ("publish", 'error: unknown command "publish"'),
    ],
)
def test_a_mistyped_command_is_named_with_the_closest_one(typed: str, message: str, run: Callable[..., Run]) -> None:
    result = run(typed)
    assert result.code == 2
    assert result.err == f"{message} (commands: build, check, serve, new, status, translate)\n"


def test_serve_lists_only_the_options_it_honours(run: Callable[..., Run]) -> None:
    """The preview always shows drafts and scheduled entries: it offers no --drafts or --future."""
    options = run("serve", "--help").out
    assert "--drafts" not in options
    assert "--future" not in options
    assert "--strict" in options
    assert run("serve", "--drafts").code == 2
