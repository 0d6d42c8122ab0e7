"""No file holds more of a name than its consent allows (the levels: ``model/naming.py``).

The repository is public: a surname in a first-name person's ``name``, a real name beside a
pseudonym, or a surname left in an id (which is the file name and the web address) is
published with it, whatever the site shows. So, for every entry with a consent record:

- a person's ``name`` holds what their naming shows and no more, and their id is made of the
  shown name's parts (and numbers) only: ``anonymous-member`` for an anonymous person;
- a narrative's id holds no part of its authors' names that the story does not show, and its
  ``authors`` list no id that is to be renamed.

When a person's naming is narrowed (from named to first-name, say), the error on their file says
which files to rename and which author ids to change; each narrative concerned is also marked at
its own lines. A person's rule needs only their file, and a narrative's needs its authors'
records: a split check loads every person file in every process (``load_catalog``).
"""

from __future__ import annotations

from ..load.catalog import Catalog
from ..model.model import Narrative, Person
from ..model.naming import (
    ANONYMOUS_ID,
    ANONYMOUS_ID_BASE,
    GIVEN_NAME,
    first_name,
    hidden_parts,
    name_parts,
    naming_of,
    shown_name,
)
from ..source.diagnostics import Report


def check_naming(catalog: Catalog, report: Report) -> None:
    for person in catalog.people.values():
        if person.consent is not None:
            _check_person(person, catalog, report)
    for narrative in catalog.narratives.values():
        if narrative.consent is not None:
            _check_narrative(narrative, catalog, report)


def name_problem(person: Person) -> str | None:
    """What is wrong with the ``name`` of a person with a consent record, with the fix."""
    assert person.consent is not None
    naming, name = person.consent.naming, person.name
    if naming == "first-name" and not GIVEN_NAME.fullmatch(name):
        words = name.split()
        fix = (f"write name: {first_name(name)}" if len(words) > 1 and
               GIVEN_NAME.fullmatch(first_name(name)) else
               "write only the given name, in letters (one word, or a hyphenated one)")
        return (f"naming is first-name, so name holds a single given name, and {name!r} is more: "
                f"{fix}. The file is public: whatever it holds is published with the "
                "repository.")
    if naming == "pseudonym" and name != person.consent.pseudonym:
        return (f"naming is pseudonym, so name is the pseudonym and nothing else: write name: "
                f"{person.consent.pseudonym}. The file is public: a real name written here is "
                "published with the repository, whatever the site shows.")
    if naming == "anonymous" and name:
        return ("naming is anonymous, so the file holds no name at all: remove the name line "
                "(the site shows 'A community member'). The file is public: a name written "
                "here is published with the repository.")
    return None


def renamed_id(person: Person, catalog: Catalog) -> str | None:
    """The id a person with a consent record must have instead of theirs (None if theirs
    holds no name part their naming does not show). Made from the shown name, numbered when
    another person has it."""
    if person.consent is None:
        return None
    naming = naming_of(person)
    if naming == "named":
        return None
    if naming == "anonymous":
        if ANONYMOUS_ID.fullmatch(person.id):
            return None
        base = ANONYMOUS_ID_BASE
    else:
        if naming == "first-name" and not GIVEN_NAME.fullmatch(first_name(person.name)):
            return None  # no given name to make an id of: the name's own error comes first
        shown = set(name_parts(shown_name(person)))
        if not hidden_parts(person.id, shown):
            return None
        base = "-".join(name_parts(shown_name(person))) or ANONYMOUS_ID_BASE
    taken = catalog.known_ids.get("person", set()) - {person.id}
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _check_person(person: Person, catalog: Catalog, report: Report) -> None:
    problem = name_problem(person)
    if problem:
        pos = person.origin.at("name")
        report.error(person.origin.path, pos.line, pos.col, problem)
    new_id = renamed_id(person, catalog)
    if new_id is None:
        return
    naming = naming_of(person)
    root = catalog.root
    if naming == "anonymous":
        what = "may hold a name, and naming anonymous shows none"
    else:
        hidden = hidden_parts(person.id, set(name_parts(shown_name(person))))
        what = (f"holds {', '.join(repr(p) for p in hidden)}, which naming {naming} does not "
                f"show (the site shows {shown_name(person)!r})")
    steps = [f"rename {person.origin.path} to {root / 'people' / f'{new_id}.yml'}"]
    for narrative_id in _narratives_carrying(person.id, catalog):
        new_narrative = _narrative_id_without(narrative_id, person.id,
                                              () if naming == "anonymous" else (new_id,))
        steps.append(f"rename {root / 'narratives' / f'{narrative_id}.md'} to "
                     f"{root / 'narratives' / f'{new_narrative}.md'}")
    steps.append(f"in every story whose authors list {person.id!r}, change it to {new_id!r} "
                 "(each is marked at its line)")
    report.error(
        person.origin.path, 1, 1,
        f"the id {person.id!r} (the file name, and the page's web address) {what}: "
        + "; ".join(steps) + ".",
    )


def _narratives_carrying(person_id: str, catalog: Catalog) -> list[str]:
    """Narrative ids holding ``person_id``'s parts in a row: the ids made as '<author>-<title>'.
    From the declared ids, which every process of a split check has in full."""
    return sorted(n for n in catalog.known_ids.get("narrative", set())
                  if f"-{person_id}-" in f"-{n}-")


def _narrative_id_without(narrative_id: str, person_id: str, instead: tuple[str, ...]) -> str:
    parts = narrative_id.split("-")
    run = person_id.split("-")
    for start in range(len(parts) - len(run) + 1):
        if parts[start:start + len(run)] == run:
            kept = parts[:start] + list(instead) + parts[start + len(run):]
            return "-".join(kept) or narrative_id
    return narrative_id


def _credited(narrative: Narrative, person: Person) -> str | None:
    """The name the story shows for ``person``, as the publishing boundary credits it."""
    assert narrative.consent is not None
    naming = narrative.consent.naming
    if naming == "anonymous":
        return None
    if naming == "pseudonym":
        return narrative.consent.pseudonym
    if naming == "first-name":
        return shown_name(person, "first-name")
    return shown_name(person)  # named: as far as the person's own naming allows


def _check_narrative(narrative: Narrative, catalog: Catalog, report: Report) -> None:
    assert narrative.consent is not None
    shown: set[str] = set(name_parts(narrative.consent.pseudonym))
    names: set[str] = set()
    credited: list[str] = []
    for index, author in enumerate(narrative.authors):
        person = catalog.people.get(author)
        if person is None:
            continue  # unknown, or its file has errors of its own
        new_id = renamed_id(person, catalog)
        if new_id is not None:
            pos = narrative.origin.at(f"authors.{index}")
            report.error(
                narrative.origin.path, pos.line, pos.col,
                f"the author id {author!r} holds more of a name than its naming "
                f"({naming_of(person)}, in {person.origin.path}) allows: when that file is "
                f"renamed to {new_id}.yml, change this to {new_id!r}.",
            )
        if naming_of(person) == "anonymous":
            continue  # no name: the id is anonymous-member, which names nobody
        names.update(name_parts(person.name), name_parts(author))
        credit = _credited(narrative, person)
        shown.update(name_parts(credit))
        if credit and credit not in credited:
            credited.append(credit)
    _check_authors(narrative, catalog, shown, report)
    hidden = hidden_parts(narrative.id, shown, names)
    if not hidden:
        return
    kept = [part for part in narrative.id.split("-") if part not in hidden]
    new_id = "-".join(kept) or "my-story"
    naming = narrative.consent.naming
    shows = (f"shows its author as {' and '.join(repr(c) for c in credited)}" if credited
             else "shows no name")
    report.error(
        narrative.origin.path, 1, 1,
        f"the id {narrative.id!r} (the file name, and the story's web address) holds "
        f"{', '.join(repr(p) for p in hidden)}, a part of a name this story does not show "
        f"(naming {naming} {shows}): rename the file to "
        f"{catalog.root / 'narratives' / f'{new_id}.md'}.",
    )


def _check_authors(narrative: Narrative, catalog: Catalog, shown: set[str],
                   report: Report) -> None:
    """A story credited more narrowly than by name lists no author id that says more: the file
    is public, and ``authors: [priya-nair]`` in an anonymous story names who told it."""
    assert narrative.consent is not None
    naming = narrative.consent.naming
    if naming == "named":
        return  # each author is shown as their own entry allows (checked on their file)
    for index, author in enumerate(narrative.authors):
        person = catalog.people.get(author)
        if person is None or renamed_id(person, catalog) is not None:
            continue  # unknown, or reported above with its new id
        if naming_of(person) == "anonymous":
            continue  # anonymous-member names nobody
        hidden = hidden_parts(author, shown)
        if not hidden:
            continue
        credit = ("no name" if naming == "anonymous" else
                  f"the name {narrative.consent.pseudonym!r}" if naming == "pseudonym" else
                  "the first name only")
        pos = narrative.origin.at(f"authors.{index}")
        report.error(
            narrative.origin.path, pos.line, pos.col,
            f"this story shows {credit} (naming {naming}), but the author id {author!r} holds "
            f"{', '.join(repr(p) for p in hidden)}, and the file is public: give the author an "
            "entry that says no more (a person file with the same naming, e.g. "
            + (f"content/people/{ANONYMOUS_ID_BASE}.yml with naming anonymous" if naming ==
               "anonymous" else
               f"content/people/{'-'.join(name_parts(narrative.consent.pseudonym))}.yml with "
               f"naming pseudonym" if naming == "pseudonym" else
               "one named by the given name, with naming first-name")
            + ") and list its id here, or, if they agreed, change this story's naming.",
        )
