"""What one plan leaves for the next in the preview's process: the same pages and checks as a fresh plan."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from innosite.build import footnote_titles
from innosite.content.load import LoadOptions, load_site
from innosite.memo import Memory
from innosite.model.site import Site
from innosite.output.guard import guard_plan
from innosite.pages.feeds import feed_pages
from innosite.pages.listings import group_releases
from innosite.pages.plan import plan_site
from innosite.pages.planned import PlannedPage, SitePlan
from innosite.problems import Problems
from tests.speed.test_incremental import NOW, big_site, options  # noqa: F401 (a fixture)


@dataclass(frozen=True, slots=True)
class Release:
    """A stand-in for a press release: what grouping looks at."""

    id: int
    tags: frozenset[str]


def _tags(release: Release) -> frozenset[str]:
    return release.tags


def _identities(groups: dict) -> dict:
    return {key: tuple(map(id, releases)) for key, releases in groups.items()}


def test_grouping_from_the_last_one_gives_the_groups_of_a_fresh_one() -> None:
    """Seeded: edits that keep or change a release's keys, reordering, additions, removals."""
    rng = random.Random(7)
    keys = [f"t{n}" for n in range(6)]

    def made(number: int) -> Release:
        return Release(number, frozenset(rng.sample(keys, rng.randint(0, 3))))

    press = tuple(made(n) for n in range(40))
    last = group_releases(press, _tags)
    for _ in range(200):
        changed = list(press)
        index = rng.randrange(len(changed))
        action = rng.choice(["same keys", "new keys", "swap", "add", "remove", "nothing"])
        if action == "same keys":
            changed[index] = Release(changed[index].id, changed[index].tags)
        elif action == "new keys":
            changed[index] = made(changed[index].id)
        elif action == "swap":
            other = rng.randrange(len(changed))
            changed[index], changed[other] = changed[other], changed[index]
        elif action == "add":
            changed.insert(index, made(1000 + index))
        elif action == "remove" and len(changed) > 1:
            del changed[index]
        press = tuple(changed)
        grouped = group_releases(press, _tags, last)
        fresh = group_releases(press, _tags)
        assert _identities(grouped.groups) == _identities(fresh.groups), action
        if action in ("same keys", "nothing"):  # the groups without the edited release stay the same tuples
            edited = last.press[index]
            assert all(grouped.groups[k] is group for k, group in last.groups.items() if edited not in group)
        last = grouped


def _plan(paths: list[str]) -> SitePlan:
    return SitePlan(tuple(PlannedPage(path, "page.html", "fi", f"source of {path}") for path in paths), {}, ())


def test_a_collision_is_found_after_a_plan_that_had_none() -> None:
    memory = Memory()
    paths = ["fi/a/index.html", "fi/b/index.html"]
    for _ in range(2):
        problems = Problems()
        guard_plan(_plan(paths), problems, memory)
        assert problems.errors == ()
    problems = Problems()
    guard_plan(_plan([*paths, "fi/A/index.html"]), problems, memory)
    assert "only in upper and lower case" in problems.errors[0].message
    again = Problems()
    guard_plan(_plan([*paths, "fi/A/index.html"]), again, memory)
    assert again.errors == problems.errors  # a plan with collisions is not remembered as clean


def _site(root: Path) -> Site:
    titles = partial(footnote_titles, options(root, "x"))
    site = load_site(root / "content", Problems(), LoadOptions(now=NOW), titles)
    assert site is not None
    return site


def _changed(site: Site, rng: random.Random, step: int) -> Site:
    """The site with one release replaced in place, moved, dropped, or shown in one language less."""
    press = list(site.press)
    index = rng.randrange(len(press))
    victim = press[index]
    action = rng.choice(["title", "same", "no sv", "move", "drop"])
    if action == "title":
        versions = tuple(replace(v, title=f"{v.title} {step}") for v in victim.versions)
        press[index] = replace(victim, versions=versions)
    elif action == "same":  # equal, not the same object
        press[index] = replace(victim)
    elif action == "no sv" and len(victim.versions) > 1:  # Swedish hides untranslated entries
        press[index] = replace(victim, versions=tuple(v for v in victim.versions if v.lang != "sv"))
    elif action == "move":
        press.insert(rng.randrange(len(press)), press.pop(index))
    elif action == "drop":
        del press[index]
    return replace(site, press=tuple(press))


def test_plans_made_from_the_last_plan_equal_fresh_plans(big_site: Path) -> None:  # noqa: F811
    """Seeded: after each change of the model, planning with the memory gives the pages of a fresh plan."""
    site = _site(big_site)
    memory = Memory(verify=True)
    plan_site(site, memory)
    rng = random.Random(11)
    for step in range(25):
        site = _changed(site, rng, step)
        memory.next_build()
        assert plan_site(site, memory).pages == plan_site(site).pages, f"step {step}"


def test_feeds_made_from_the_last_ones_equal_fresh_feeds(big_site: Path) -> None:  # noqa: F811
    """Seeded: after each change of the model, the feeds made with the memory (verifying each value it gives)
    are the feeds made afresh."""
    site = _site(big_site)
    memory = Memory(verify=True)
    feed_pages(site, memory=memory)
    rng = random.Random(12)
    for step in range(25):
        site = _changed(site, rng, step)
        memory.next_build()
        assert feed_pages(site, memory=memory) == feed_pages(site), f"step {step}"


def test_an_edit_makes_again_only_the_feeds_that_hold_the_release(big_site: Path) -> None:  # noqa: F811
    """The preview keeps a feed's page (and so its fingerprint: it is not rendered again) while the releases it
    holds are the same objects; an edited release's feeds are made again."""
    site = _site(big_site)
    memory = Memory()
    before = {page.path: page for page in feed_pages(site, memory=memory)}
    edited = site.press[0]
    versions = tuple(replace(v, title=f"{v.title} muokattu") for v in edited.versions)
    site = replace(site, press=(replace(edited, versions=versions), *site.press[1:]))
    memory.next_build()
    after = {page.path: page for page in feed_pages(site, memory=memory)}
    remade = sorted(path for path, page in after.items() if page is not before[path])
    holding = sorted(
        path for path, page in after.items() if any(e.title.endswith(" muokattu") for e in page.context["feed"].entries)
    )
    assert remade == holding
    assert 3 <= len(remade) < len(after) // 2  # its language's feed and its themes' and cities' (in each language)
