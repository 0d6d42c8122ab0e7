"""The "Find a mentor or a peer" page: where mentors come from for a newcomer's situation.

Everything it lists comes from the content, so a new program, person or story shows up without
editing the page: the programs whose audience fits each role and each route, the stories told
by someone who had that role at the time (storypeople.py), the people who have said what they
are happy to be asked about (``open_to``), and the recommendations behind the advice. The few
rules here say which program audiences suit which role and which program kinds make up which
route; the prose around them is the site's own suggestion and the page says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .data import PagePlan, SiteData
from .facets import narrative_facets
from .storypeople import role_phrase, story_people

__all__ = ["FIND_A_MENTOR", "ROLE_AUDIENCES", "ROUTES", "plan_find_a_mentor", "story_coverage"]

FIND_A_MENTOR = "find-a-mentor.md"

# Which program audiences (vocabularies.yml program_audiences) suit someone in each role: the
# roles a newcomer asks about, in the order the page offers them. Audiences that fit whatever
# the role (identity-based ones) are in ANY_ROLE_AUDIENCES and shown once, for everyone.
ROLE_AUDIENCES: dict[str, tuple[str, ...]] = {
    "staff": ("new-staff", "all-library-workers", "early-career", "mid-career"),
    "student-worker": ("new-staff", "all-library-workers", "students"),
    "librarian": ("new-staff", "all-library-workers", "early-career", "mid-career",
                  "academic-librarians", "researchers", "association-members"),
    "resident": ("residents", "new-staff", "all-library-workers", "early-career"),
}
ANY_ROLE_AUDIENCES = ("bipoc-library-workers", "underrepresented-groups")


@dataclass(frozen=True, slots=True)
class RouteSpec:
    key: str  # the section's id
    title: str
    text: str  # the site's own suggestion, in plain text
    kinds: tuple[str, ...] = ()  # program kinds (vocabularies.yml) that travel this route
    scopes: tuple[str, ...] = ()  # and their reach; empty: any
    forms: tuple[str, ...] = ()  # mentoring forms of the stories that show it
    recommendations: str | None = None  # the audience of the advice behind it


ROUTES: tuple[RouteSpec, ...] = (
    RouteSpec(
        "supervisor", "Ask your supervisor or HR",
        "Your supervisor, or whoever runs staff training, knows what your library already "
        "has: a mentoring program, a buddy for new staff, a staff association, or a colleague "
        "who likes helping newcomers. Asking is part of settling in, not a favour. If there is "
        "nothing yet, the advice for libraries below is something you can show them.",
        kinds=("mentoring-program", "buddy-program"), scopes=("local",),
        recommendations="institutions"),
    RouteSpec(
        "staff-program", "Join a program for staff",
        "Some libraries and associations run programs that match you with a mentor or a buddy "
        "for a while, often a year. Ask whether yours has one, and look at those of your "
        "association.",
        kinds=("mentoring-program", "buddy-program", "residency"),
        scopes=("regional", "national", "international"), forms=("formal",)),
    RouteSpec(
        "association", "Go through an association",
        "Committees, interest groups, scholarships and leadership programs of library "
        "associations are where many people meet a mentor or a peer at another library. "
        "Regional groups cost less and ask for less travel than national ones.",
        kinds=("committee", "interest-group", "scholarship", "fellowship", "leadership-program",
               "institute", "alliance"),
        scopes=("regional", "national", "international"), forms=("cohort",)),
    RouteSpec(
        "peer-group", "Start or join a peer group",
        "Peers at a similar stage can be each other's mentors. Say yes to welcome events, "
        "lunches and after-work meet-ups, and invite two or three people yourself: several "
        "of the stories here began with one coffee.",
        kinds=("peer-group", "online-community", "interest-group"), scopes=("local",),
        forms=("peer", "group", "omnidirectional")),
    RouteSpec(
        "another-library", "Find someone at another library",
        "A peer somewhere else can be candid about your library in a way colleagues cannot, "
        "and a monthly video call is enough. Online communities and committee work are good "
        "places to meet one.",
        kinds=("online-community",), forms=("cross-institution", "virtual")),
)


@dataclass(frozen=True, slots=True)
class RoleSection:
    role: str
    label: str
    who_was: str  # "a student worker": as it reads after "someone who was"
    definition: str
    also_called: tuple[str, ...]
    # Ids of programs whose audience suits the role, by name; not those one library runs for its
    # own staff (scope local): they are examples to ask about, under the supervisor route.
    programs: tuple[str, ...]
    stories: tuple[str, ...]  # narratives by someone who had the role at the time, newest first
    facet_uri: str | None  # the static listing of those stories


@dataclass(frozen=True, slots=True)
class Route:
    key: str
    title: str
    text: str
    programs: tuple[str, ...]
    stories: tuple[str, ...]
    recommendations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StoryWay:
    narrative: str
    forms: tuple[str, ...]  # how the mentoring in it happened
    programs: tuple[str, ...]


def _by_name(programs: Iterable[Any]) -> list[Any]:
    return sorted(programs, key=lambda p: (p.name.casefold(), p.id))


def _newest_first(narratives: Iterable[Any]) -> list[Any]:
    return sorted(narratives, key=lambda n: (-n.date.toordinal(), n.title, n.id))


def _join(words: list[str], last: str = "and") -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" {last} " + words[-1]


def _a(phrase: str) -> str:
    return ("an " if phrase[:1] in "aeiou" else "a ") + phrase


def _plural(phrase: str) -> str:
    if phrase.endswith("y") and phrase[-2:-1] not in ("a", "e", "o", "u"):
        return phrase[:-1] + "ies"
    return phrase + "s"


def story_coverage(site: SiteData) -> str:
    """What the published stories cover, in plain sentences computed from them: the kinds of
    library they took place in (as each story records it at the time), most common first, and
    the kinds none tells of yet."""
    stories = list(site.catalog.narratives.values())
    if not stories:
        return "There are no stories here yet."
    people = site.catalog.people
    counts: Counter[str] = Counter()
    for n in stories:
        counts.update(story_people(n, people).library_types)
    total = len(stories)
    order = list(site.catalog.vocabularies.get("library_types", {}))

    def label(value: str) -> str:
        text = site.label("library_types", value)
        return text[:1].lower() + text[1:]

    def some(value: str) -> str:
        return f"1 in {_a(label(value))}" if counts[value] == 1 else (
            f"{counts[value]} in {_plural(label(value))}")

    if not counts:
        return (f"The {total} {'story' if total == 1 else 'stories'} so far do not say which "
                "kind of library they took place in.")
    ranked = sorted(counts, key=lambda t: (-counts[t], order.index(t) if t in order else
                                           len(order), t))
    first = ranked[0]
    if total == 1:
        sentence = f"The one story so far took place in {_join([_a(label(t)) for t in ranked])}."
    elif counts[first] == total:
        sentence = (f"All {total} stories so far took place at least partly in "
                    f"{_plural(label(first))}")
        rest = [some(t) for t in ranked[1:]]
        sentence += f" ({_join(rest)} as well)." if rest else "."
    else:
        sentence = f"Of the {total} stories so far, {_join([some(t) for t in ranked])}."
    missing = [_a(label(t)) for t in order if t not in counts]
    if missing:
        more = " or another kind" if len(missing) > 3 else ""
        sentence += f" None yet tells of {_join(missing[:3], 'or')}{more}."
    return sentence


def plan_find_a_mentor(site: SiteData) -> list[PagePlan]:
    cat = site.catalog
    programs = _by_name(cat.programs.values())
    narratives = _newest_first(cat.narratives.values())
    people = cat.people
    facets = {f.key: f for f in narrative_facets(site)}
    role_values = {v.value: v for v in facets["roles"].values} if "roles" in facets else {}
    library_types = list(facets["library-types"].values) if "library-types" in facets else []
    vocab_roles = cat.vocabularies.get("roles", {})

    roles = []
    for role, audiences in ROLE_AUDIENCES.items():
        if role not in vocab_roles:
            continue
        fits = set(audiences)
        value = role_values.get(role)
        roles.append(RoleSection(
            role, site.label("roles", role), role_phrase(site.label("roles", role)),
            site.definition("roles", role), site.also_called("roles", role),
            tuple(p.id for p in programs if fits & set(p.audience) and p.scope != "local"),
            value.items if value else (), value.src_uri if value else None))
    anyone = tuple(p.id for p in programs if set(ANY_ROLE_AUDIENCES) & set(p.audience))

    recs = sorted(cat.recommendations.values(), key=lambda r: (r.title.casefold(), r.id))
    routes = []
    for spec in ROUTES:
        routes.append(Route(
            spec.key, spec.title, spec.text,
            tuple(p.id for p in programs if p.kind in spec.kinds
                  and (not spec.scopes or p.scope in spec.scopes)),
            tuple(n.id for n in narratives if set(spec.forms) & set(n.forms)),
            tuple(r.id for r in recs if spec.recommendations
                  and r.audience == spec.recommendations)))
    ways = [StoryWay(n.id, n.forms, n.programs) for n in narratives]
    open_people = sorted((p for p in people.values() if p.open_to),
                         key=lambda p: (p.name.casefold(), p.id))
    return [PagePlan(
        FIND_A_MENTOR, "Find a mentor or a peer", "commons/find_a_mentor.html",
        "Where mentors and peers come from for library staff, student workers, librarians and "
        "residents: the routes, how to ask, and what the stories here show.",
        context={
            "roles": roles, "anyone_programs": anyone, "library_types": library_types,
            "routes": routes, "ways": ways,
            "open_people": [p.id for p in open_people], "coverage": story_coverage(site),
            "advice": [r.id for r in recs if r.audience == "individuals"],
            "pairs_advice": [r.id for r in recs if r.audience == "mentoring-pairs"],
        },
        # The page a search for "find a mentor" is after: stories that say "mentor" often
        # outranked it.
        search_boost=3,
    )]
