"""A person's mentoring relationships, one line per other person: the stories of a group list
each pair twice (each author names the other), and a person page said so twice, in two
sentences of "X was a peer to Y"."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .backlinks import Edge

__all__ = ["Relation", "relations_of"]

# What the other person was to this one, when this one is the edge's target: the reverse.
_REVERSE = {"mentor": "mentee", "mentee": "mentor", "peer": "peer"}


@dataclass(frozen=True, slots=True)
class Relation:
    other: str  # the other person's id
    role: str  # what the other person was to this one: mentor, mentee or peer
    stories: tuple[tuple[str, str | None], ...]  # (narrative id, context), in edge order


def relations_of(person_id: str, edges: Iterable[Edge]) -> list[Relation]:
    """``edges`` of one person grouped by the other person and what they were to each other,
    in the order each pair first appears; a story that names the pair twice is listed once."""
    grouped: dict[tuple[str, str], dict[str, str | None]] = {}
    for edge in edges:
        if edge.source == person_id:
            key = (edge.target, edge.direction)
        else:
            key = (edge.source, _REVERSE.get(edge.direction, edge.direction))
        stories = grouped.setdefault(key, {})
        if edge.narrative not in stories or not stories[edge.narrative]:
            stories[edge.narrative] = edge.context
    return [Relation(other, role, tuple(stories.items()))
            for (other, role), stories in grouped.items()]
