"""Who a story is by, as it was at the time: the roles, career stages and library types that
filters and related stories use.

A narrative may record them for the years it tells of (``roles_then``, ``career_stages_then``,
``library_types_then``); where it leaves one out, the credited authors' person entries say what
they are today. Only authors the published catalog links to count (named, with a public person
entry), so a story told under a pseudonym says nothing about its author beyond its own words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

__all__ = ["StoryPeople", "story_people"]


class StoryPeople(NamedTuple):
    roles: tuple[str, ...]  # first held first, when the story records them
    career_stages: tuple[str, ...]
    library_types: tuple[str, ...]


def story_people(narrative: Any, people: Mapping[str, Any]) -> StoryPeople:
    authors = [people[a] for a in narrative.authors if a in people]
    roles = narrative.roles_then or tuple(r for p in authors for r in p.roles)
    stages = narrative.career_stages_then or tuple(p.career_stage for p in authors)
    types = narrative.library_types_then or tuple(t for p in authors for t in p.library_types)
    return StoryPeople(tuple(dict.fromkeys(roles)), tuple(dict.fromkeys(stages)),
                       tuple(dict.fromkeys(types)))
