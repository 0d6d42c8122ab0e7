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

__all__ = ["StoryPeople", "role_phrase", "story_people", "with_article"]


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


def with_article(phrase: str) -> str:
    """'a student worker', 'an archivist', but 'library staff' (a mass noun)."""
    if phrase.endswith("staff"):
        return phrase
    return ("an " if phrase[:1] in "aeiou" else "a ") + phrase


def role_phrase(label: str) -> str:
    """A vocabulary label as it reads after 'someone who was': 'Library staff' -> 'library
    staff', 'Student worker' -> 'a student worker'; acronyms keep their case."""
    lowered = label if len(label) > 1 and label[1].isupper() else label[:1].lower() + label[1:]
    return with_article(lowered)
