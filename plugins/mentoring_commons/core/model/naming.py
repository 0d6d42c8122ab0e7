"""How much of a person's name each naming level shows, and the name parts a text or id holds.

One definition for the check (no file holds more of a name than its consent allows) and the
publishing boundary (no page shows more): both ask ``shown_name``.

The levels, for a person file with a consent record:
- ``named``: ``name`` is the full name, shown as written;
- ``first-name``: ``name`` is a single given name (one word, or a hyphenated one), shown as is;
- ``pseudonym``: ``name`` is the pseudonym and equals ``consent.pseudonym``; no real name is
  written anywhere in the file;
- ``anonymous``: there is no ``name`` at all, and the id is ``anonymous-member`` (numbered when
  taken), so the file holds no name part either.
"""

from __future__ import annotations

import re

from .fields import suggest_id
from .model import Person

# One word of letters, or several joined by hyphens or apostrophes: "Priya", "Anne-Marie",
# "D'Arcy". No spaces, digits or other punctuation.
GIVEN_NAME = re.compile(r"[^\W\d_]+(?:[-'\u2019][^\W\d_]+)*")
ANONYMOUS_ID = re.compile(r"anonymous(?:-member)?(?:-\d+)?")
ANONYMOUS_ID_BASE = "anonymous-member"


def naming_of(person: Person) -> str:
    """The person's naming level; an entry drawn from a published work is named as the work
    names them."""
    return person.consent.naming if person.consent else "named"


def first_name(name: str) -> str:
    words = name.split()
    return words[0] if words else ""


def shown_name(person: Person, naming: str | None = None) -> str | None:
    """The name the site shows for ``person`` at ``naming`` (their own level by default), or
    None when it shows none."""
    naming = naming or naming_of(person)
    if naming == "anonymous" or not person.name:
        return None
    if naming == "first-name":
        return first_name(person.name)
    if naming == "pseudonym" and person.consent and person.consent.pseudonym:
        return person.consent.pseudonym
    return person.name


def name_parts(text: str | None) -> tuple[str, ...]:
    """The parts of a name or an id as they appear in ids: 'Priya Nair' -> ('priya', 'nair')."""
    if not text:
        return ()
    return tuple(part for part in suggest_id(text).split("-") if part)


def hidden_parts(entry_id: str, shown: set[str], names: set[str] | None = None) -> list[str]:
    """The parts of ``entry_id`` that are not among the ``shown`` parts (numbers aside): every
    such part when ``names`` is None, else only those that are name parts."""
    return [part for part in entry_id.split("-")
            if part not in shown and not part.isdigit() and (names is None or part in names)]
