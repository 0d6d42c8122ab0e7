"""The content model: one record class per kind of entry, declared once.

Field docs here are written for contributors: they appear in error messages, the JSON Schemas
and the site's content-model page.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from ..source.yamlnodes import Pos
from .fields import (
    Boolean,
    Choice,
    Context,
    Date,
    Doi,
    Integer,
    ListOf,
    PagePath,
    Ref,
    Text,
    Url,
    Vocab,
)
from .records import Nested, Origin, origin_field, spec

VISIBILITY = ("public", "internal")
NAMING_LEVELS = ("named", "first-name", "pseudonym", "anonymous")
DIRECTIONS = ("mentor", "mentee", "peer")
SCOPES = ("local", "regional", "national", "international")
FORMATS = ("in-person", "virtual", "hybrid")
COSTS = ("free", "membership", "paid", "funded", "varies")
REFERENCE_TYPES = ("article", "book", "chapter", "report", "thesis", "presentation", "web")
# Program facts a contributor can mark as not confirmed by any source (see Program.unconfirmed).
UNCONFIRMABLE_PROGRAM_FIELDS = (
    "sponsor", "kind", "audience", "scope", "format", "cost", "description", "deadlines",
)
# What the site says in place of a part of a reference that its source does not give.
NOT_GIVEN = "not given in the source"

# The controlled vocabularies that content/vocabularies.yml must define.
VOCABULARY_NAMES = (
    "mentoring_forms",
    "topics",
    "roles",
    "career_stages",
    "library_types",
    "program_kinds",
    "program_audiences",
    "recommendation_audiences",
    "content_notes",
)


@dataclass(frozen=True, kw_only=True)
class VocabularyTerm:
    KIND_LABEL: ClassVar[str] = "vocabulary value"
    id: str
    label: str = spec(Text(60), "How the value is shown on the site.", required=True)
    definition: str = spec(
        Text(500), "One or two sentences a newcomer can understand.", required=True
    )
    also_called: tuple[str, ...] = spec(
        ListOf(Text(60)),
        "Other words readers use for the same thing, e.g. paraprofessional and support staff "
        "for library staff. Shown beside the label and fed to search, so a reader who searches "
        "her own word finds the entries with this value.",
    )
    origin: Origin = origin_field()


@dataclass(frozen=True, kw_only=True)
class Consent:
    KIND_LABEL: ClassVar[str] = "consent record"
    naming: str = spec(
        Choice(NAMING_LEVELS),
        "How the person agreed to be named: named (full name), first-name, pseudonym, "
        "or anonymous (no name or link anywhere).",
        required=True,
    )
    given: dt.date = spec(Date(), "The date consent was given.", required=True)
    review_by: dt.date | None = spec(
        Date(), "After this date the entry is held back until consent is confirmed again."
    )
    withdrawn: dt.date | None = spec(
        Date(), "The date consent was withdrawn; the entry is never published after it."
    )
    pseudonym: str | None = spec(Text(80), "The name to show when naming is pseudonym.")
    origin: Origin = origin_field()

    def check(self, ctx: Context) -> bool:
        if self.naming == "pseudonym" and not self.pseudonym:
            ctx.error(self.origin.at("naming"), "naming is pseudonym: add a 'pseudonym' field.")
            return False
        if self.naming != "pseudonym" and self.pseudonym:
            ctx.error(
                self.origin.at("pseudonym"),
                "a pseudonym is only used when naming is pseudonym: remove it or change naming.",
            )
            return False
        return True


@dataclass(frozen=True, kw_only=True)
class PublishedBasis:
    KIND_LABEL: ClassVar[str] = "published basis"
    reference: str = spec(
        Ref("reference"), "The published work this entry is drawn from.", required=True
    )
    licence: str = spec(
        Text(80), "The licence of that work, e.g. CC BY-NC 4.0.", required=True
    )
    origin: Origin = origin_field()


_CONSENT_DOC = (
    "Consent recorded for this entry. Give either consent or published, not both."
)
_PUBLISHED_DOC = (
    "For entries drawn from a published work instead of a member's own submission: "
    "the reference and its licence (public by citation)."
)


class _ConsentRules:
    """Shared rule for entries about people: exactly one basis for publishing."""

    consent: Consent | None
    published: PublishedBasis | None
    origin: Origin

    def check(self, ctx: Context) -> bool:
        if self.consent is None and self.published is None:
            ctx.error(
                self.origin.pos,
                "no consent recorded: add a 'consent' block (naming, given) or, for an entry "
                "drawn from a published work, a 'published' block (reference, licence).",
            )
            return False
        if self.consent is not None and self.published is not None:
            ctx.error(
                self.origin.at("published"),
                "give either 'consent' or 'published', not both.",
            )
            return False
        return True


@dataclass(frozen=True, kw_only=True)
class Person(_ConsentRules):
    KIND_LABEL: ClassVar[str] = "person"
    id: str
    name: str = spec(
        Text(80),
        "The name as the site shows it, and no more of it: the file is public. named: the full "
        "name; first-name: one given name (one word, or a hyphenated one); pseudonym: the "
        "pseudonym, the same as consent.pseudonym; anonymous: leave name out. Required unless "
        "naming is anonymous.",
        default="",
    )
    pronouns: str | None = spec(Text(30), "Pronouns, e.g. she/her.")
    roles: tuple[str, ...] = spec(
        ListOf(Vocab("roles"), min_items=1), "The person's roles.", required=True
    )
    career_stage: str = spec(Vocab("career_stages"), "Career stage.", required=True)
    library_types: tuple[str, ...] = spec(
        ListOf(Vocab("library_types")), "Kinds of library the person has worked in."
    )
    areas: tuple[str, ...] = spec(ListOf(Text(80)), "Areas of work, e.g. instruction.")
    interests: tuple[str, ...] = spec(ListOf(Text(80)), "Professional interests.")
    institution: str | None = spec(Text(120), "Institution, if the person wants it shown.")
    bio: str | None = spec(Text(600), "A short biography in plain text.")
    open_to: tuple[str, ...] = spec(
        ListOf(Text(120)),
        "What the person is willing to be asked about. Leave out to opt out of peer matches.",
    )
    visibility: str = spec(
        Choice(VISIBILITY), "public, or internal (intranet edition only).", required=True
    )
    consent: Consent | None = spec(Nested(Consent), _CONSENT_DOC)
    published: PublishedBasis | None = spec(Nested(PublishedBasis), _PUBLISHED_DOC)
    origin: Origin = origin_field()

    # The JSON Schema's form of check(): name is required unless naming is anonymous.
    SCHEMA_EXTRA: ClassVar[dict[str, object]] = {
        "if": {"not": {"required": ["consent"], "properties": {
            "consent": {"required": ["naming"],
                        "properties": {"naming": {"const": "anonymous"}}}}}},
        "then": {"required": ["name"]},
    }

    def check(self, ctx: Context) -> bool:
        if not _ConsentRules.check(self, ctx):
            return False
        anonymous = self.consent is not None and self.consent.naming == "anonymous"
        if not self.name and not anonymous:
            ctx.error(
                self.origin.pos,
                "missing required field 'name' (text): the name as the site shows it (only an "
                "entry whose naming is anonymous has none).",
            )
            return False
        return True


@dataclass(frozen=True, kw_only=True)
class Relationship:
    KIND_LABEL: ClassVar[str] = "relationship"
    person: str | None = spec(
        Ref("person"), "The id of the other person, if they have a person entry."
    )
    someone: str | None = spec(
        Text(100),
        "For someone without a person entry: who they were to the author, in a few words and "
        "without their name, e.g. 'a mentor in the residency program'. Give person or someone.",
    )
    direction: str = spec(
        Choice(DIRECTIONS),
        "What that person was to the author: mentor, mentee or peer.",
        required=True,
    )
    context: str | None = spec(Text(200), "Where or how the relationship happened.")
    origin: Origin = origin_field()

    def check(self, ctx: Context) -> bool:
        if (self.person is None) == (self.someone is None):
            where = self.origin.at("someone") if self.someone else self.origin.pos
            ctx.error(where, "a relationship names its person by 'person' (the id of a person "
                             "entry) or describes someone without an entry by 'someone', not "
                             "both and not neither.")
            return False
        return True


@dataclass(frozen=True, kw_only=True)
class EditorialAdvice:
    """The site's own practical suggestions on a recommendation: never drawn from its sources,
    so the page shows them apart from the sourced text, under the editors' name."""

    KIND_LABEL: ClassVar[str] = "editors' suggestions"
    steps: tuple[str, ...] = spec(
        ListOf(Text(400), max_items=12),
        "Practical steps the editors suggest, one per item (on a recommendation, 'Try this'; on "
        "a retold story, 'What a newcomer can take from this'). Only what no source says goes "
        "here; what a source says belongs in the text, which is cited.",
    )
    cautions: tuple[str, ...] = spec(
        ListOf(Text(600), max_items=6),
        "Pitfalls the editors suggest watching for, one paragraph per item (shown as 'Watch out "
        "for'). A caution a source gives belongs in the cited text instead.",
    )
    origin: Origin = origin_field()

    def check(self, ctx: Context) -> bool:
        if not self.steps and not self.cautions:
            ctx.error(self.origin.pos,
                      "editorial is empty: add steps or cautions, or remove the 'editorial' block.")
            return False
        return True


@dataclass(frozen=True, kw_only=True)
class Narrative(_ConsentRules):
    KIND_LABEL: ClassVar[str] = "narrative"
    id: str
    title: str = spec(Text(120), "The story's title.", required=True)
    authors: tuple[str, ...] = spec(
        ListOf(Ref("person"), min_items=1), "Ids of the people whose story it is.", required=True
    )
    summary: str = spec(Text(400), "One or two sentences shown in listings.", required=True)
    date: dt.date = spec(
        Date(),
        "When the story was written or published. For an entry drawn from a published work "
        "(published), the day the entry was added to this site: its pages show the work's "
        "year instead, and this date only orders the listings and dates the feeds.",
        required=True,
    )
    forms: tuple[str, ...] = spec(
        ListOf(Vocab("mentoring_forms"), min_items=1),
        "Forms of mentoring the story shows.",
        required=True,
    )
    topics: tuple[str, ...] = spec(ListOf(Vocab("topics")), "What the story is about.")
    programs: tuple[str, ...] = spec(ListOf(Ref("program")), "Programs the story mentions.")
    relationships: tuple[Relationship, ...] = spec(
        ListOf(Nested(Relationship)), "Mentoring relationships in the story."
    )
    roles_then: tuple[str, ...] = spec(
        ListOf(Vocab("roles")),
        "The roles the authors had in the years the story tells of, first one first, e.g. "
        "[student-worker, staff, librarian] for someone who started at a desk and became a "
        "librarian. Stories are filtered and related by these, so a staff-to-librarian story "
        "is found under staff. Leave out to use the authors' roles today. Shown with the "
        "story, also when it is told under a pseudonym: give only what the story itself says.",
    )
    career_stages_then: tuple[str, ...] = spec(
        ListOf(Vocab("career_stages")),
        "The career stages the story covers, e.g. [student, early-career]. Leave out to use "
        "the authors' career stages today.",
    )
    library_types_then: tuple[str, ...] = spec(
        ListOf(Vocab("library_types")),
        "The kinds of library the story takes place in, e.g. [public, academic]. Leave out to "
        "use the kinds of library the authors have worked in.",
    )
    source: str | None = spec(Ref("reference"), "The publication the story is drawn from.")
    content_notes: tuple[str, ...] = spec(
        ListOf(Vocab("content_notes")), "Difficult subjects, shown before the story."
    )
    visibility: str = spec(
        Choice(VISIBILITY), "public, or internal (intranet edition only).", required=True
    )
    consent: Consent | None = spec(Nested(Consent), _CONSENT_DOC)
    published: PublishedBasis | None = spec(Nested(PublishedBasis), _PUBLISHED_DOC)
    allow_contact_details: bool = spec(
        Boolean(),
        "Set to true only if the author wants an e-mail address or phone number in the text.",
        default=False,
    )
    editorial: EditorialAdvice | None = spec(
        Nested(EditorialAdvice),
        "For a story retold from a published work: the editors' own lessons from it (steps, "
        "cautions), shown under 'Suggestions from the editors', apart from the retold text.",
    )
    body: str = ""
    body_line: int = 1
    origin: Origin = origin_field()

    def check(self, ctx: Context) -> bool:
        if not super().check(ctx):
            return False
        if self.published is not None:
            # A retold story's text is the work's, in our words; the editors' lessons from it
            # are ours, and a page must not show them as the work's.
            _report_editorial_headings(self, ctx)
        return True


@dataclass(frozen=True, kw_only=True)
class Deadline:
    KIND_LABEL: ClassVar[str] = "deadline"
    label: str = spec(Text(120), "What the deadline is for.", required=True)
    date: dt.date | None = spec(Date(), "The date, if known.")
    recurring: str | None = spec(Text(120), "For yearly deadlines, e.g. 'each March'.")
    origin: Origin = origin_field()


@dataclass(frozen=True, kw_only=True)
class Program:
    KIND_LABEL: ClassVar[str] = "program"
    id: str
    name: str = spec(Text(120), "The program's name.", required=True)
    url: str = spec(Url(), "The program's web page.", required=True)
    sponsor: str = spec(Text(120), "Who runs or funds it.", required=True)
    kind: str = spec(Vocab("program_kinds"), "What kind of program it is.", required=True)
    audience: tuple[str, ...] = spec(
        ListOf(Vocab("program_audiences"), min_items=1), "Who it is for.", required=True
    )
    scope: str = spec(Choice(SCOPES), "How wide its reach is.", required=True)
    format: str = spec(Choice(FORMATS), "How people take part.", required=True)
    cost: str = spec(
        Choice(COSTS),
        "free, membership (free to members), paid, funded (it pays or covers you), or varies.",
        required=True,
    )
    description: str = spec(Text(600), "A short description in plain text.", required=True)
    deadlines: tuple[Deadline, ...] = spec(ListOf(Nested(Deadline)), "Application deadlines.")
    last_checked: dt.date | None = spec(
        Date(), "When someone last confirmed the link and details."
    )
    source: str | None = spec(Ref("reference"), "Where the program is described.")
    unconfirmed: tuple[str, ...] = spec(
        ListOf(Choice(UNCONFIRMABLE_PROGRAM_FIELDS)),
        "Fields whose values nobody has confirmed from the source or the program's own site "
        "(the editors' best guess), e.g. [format, cost]. The page marks them 'not confirmed'. "
        "Remove a field from the list once you have checked it.",
    )
    visibility: str = spec(
        Choice(VISIBILITY), "public (default) or internal.", default="public"
    )
    origin: Origin = origin_field()

    def check(self, ctx: Context) -> bool:
        if "deadlines" in self.unconfirmed and not self.deadlines:
            ctx.error(self.origin.at("unconfirmed"),
                      "'deadlines' is marked unconfirmed but the program lists none: "
                      "remove it from unconfirmed.")
            return False
        return True


@dataclass(frozen=True, kw_only=True)
class Recommendation:
    KIND_LABEL: ClassVar[str] = "recommendation"
    id: str
    title: str = spec(Text(120), "The recommendation, as a short imperative.", required=True)
    audience: str = spec(
        Vocab("recommendation_audiences"), "Who it is addressed to.", required=True
    )
    theme: str = spec(Vocab("topics"), "The topic it belongs to.", required=True)
    summary: str = spec(Text(400), "One or two sentences shown in listings.", required=True)
    date: dt.date | None = spec(
        Date(), "When it was first published on the site (its structured data's "
        "datePublished)."
    )
    sources: tuple[str, ...] = spec(
        ListOf(Ref("reference"), min_items=1),
        "References it is drawn from. Everything in the text (after the front matter) must be "
        "something these works say, in your own words.",
        required=True,
    )
    programs: tuple[str, ...] = spec(ListOf(Ref("program")), "Related programs.")
    narratives: tuple[str, ...] = spec(
        ListOf(Ref("narrative")), "Narratives that show it in practice."
    )
    editorial: EditorialAdvice | None = spec(
        Nested(EditorialAdvice),
        "The site's own suggestions (steps, cautions) that the sources do not give. The page "
        "shows them under 'Suggestions from the editors', apart from the cited text.",
    )
    visibility: str = spec(
        Choice(VISIBILITY), "public (default) or internal.", default="public"
    )
    body: str = ""
    body_line: int = 1
    origin: Origin = origin_field()

    def check(self, ctx: Context) -> bool:
        # The text is shown as the sources' and cited; a section of the editors' own advice
        # written into it would be shown as theirs too.
        _report_editorial_headings(self, ctx)
        return True  # the record itself is sound; the problem is reported


def _report_editorial_headings(record: Recommendation | Narrative, ctx: Context) -> None:
    for offset, heading in editorial_headings(record.body):
        ctx.error(
            Pos(record.body_line + offset, 1),
            f"the heading {heading!r} starts the editors' own advice, which the sources do "
            "not give: move its points to 'editorial' in the front matter (steps, "
            "cautions), where the page shows them as the editors' suggestions.",
        )


# Headings of the practical sections this site writes itself (see Recommendation.editorial).
_EDITORIAL_HEADING = re.compile(
    r"^ {0,3}#{1,6}\s+(how to do it\b.*|try this\b.*|watch out for\b.*|"
    r"suggestions? from the editors\b.*|what a newcomer can take\b.*)$",
    re.IGNORECASE,
)


def editorial_headings(body: str) -> Iterator[tuple[int, str]]:
    """(line offset, heading text) of each heading in ``body``, outside fenced code, that
    names a section of the editors' own advice."""
    fence = ""
    for offset, line in enumerate(body.split("\n")):
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            marker = stripped[:3]
            fence = "" if fence == marker else (fence or marker)
            continue
        if not fence and (match := _EDITORIAL_HEADING.match(line)):
            yield offset, match.group(1).strip().rstrip("#").strip()


@dataclass(frozen=True, kw_only=True)
class GlossaryTerm:
    KIND_LABEL: ClassVar[str] = "glossary term"
    id: str
    term: str = spec(Text(80), "The term as it is usually written.", required=True)
    aliases: tuple[str, ...] = spec(ListOf(Text(80)), "Other names for the same idea.")
    definition: str = spec(Text(800), "A plain-language definition.", required=True)
    source: str | None = spec(Ref("reference"), "Where the definition comes from.")
    cites: tuple[str, ...] = spec(
        ListOf(Ref("reference")),
        "Other works the definition names (an author it mentions, such as Ettarh for vocational "
        "awe), so that each named author links to the work.",
    )
    see_also: tuple[str, ...] = spec(ListOf(Ref("term")), "Related terms.")
    origin: Origin = origin_field()


@dataclass(frozen=True, kw_only=True)
class Reference:
    KIND_LABEL: ClassVar[str] = "reference"
    id: str
    type: str | None = spec(
        Choice(REFERENCE_TYPES), "The kind of work, if the source makes it clear."
    )
    authors: tuple[str, ...] = spec(
        ListOf(Text(120)),
        "Authors as the source gives them: 'Family, Given', an organisation, or, for a work "
        "cited only in the text, the family names it gives ('Cox et al.'). Leave out if the "
        "source gives none: the site then says the authors are not given in the source.",
    )
    title: str | None = spec(
        Text(300),
        "The title of the work, exactly as the source gives it. Leave out if the source gives "
        "none (the site says so), and describe the work in 'description' if it has no authors.",
    )
    description: str | None = spec(
        Text(200),
        "For a work whose source gives no title: what it is, in a few words (shown in square "
        "brackets, e.g. [Case study of two peer mentors]). Never a title found elsewhere.",
    )
    year: int | None = spec(
        Integer(1800, 2100),
        "Year of publication, if the source gives it (otherwise the site says it is not given).",
    )
    container: str | None = spec(Text(200), "Journal, book or site it appeared in.")
    publisher: str | None = spec(Text(200), "Publisher or repository.")
    volume: str | None = spec(Text(20), "Volume.")
    issue: str | None = spec(Text(20), "Issue.")
    pages: str | None = spec(Text(20), "Pages, e.g. 12-34.")
    doi: str | None = spec(Doi(), "DOI, like 10.7302/3708.")
    url: str | None = spec(Url(), "A stable web address.")
    accessed: dt.date | None = spec(
        Date(), "For a web page the source dates only by when it was read: that date."
    )
    cited_in: str | None = spec(
        Ref("reference"),
        "The work whose citation this entry copies (a work you know only from its citation in "
        "another): the page says 'As cited in' that work.",
    )
    licence: str | None = spec(Text(80), "Licence, e.g. CC BY-NC 4.0.")
    origin: Origin = origin_field()

    def check(self, ctx: Context) -> bool:
        if not (self.authors or self.title or self.description):
            ctx.error(self.origin.pos,
                      "a reference needs something to know it by: add its authors or title as "
                      "the source gives them, or, if the source gives neither, a 'description'.")
            return False
        if self.title and self.description:
            ctx.error(self.origin.at("description"),
                      "give either a title or a description (for an untitled work), not both.")
            return False
        return True


@dataclass(frozen=True, kw_only=True)
class PathStep:
    KIND_LABEL: ClassVar[str] = "path step"
    title: str = spec(Text(120), "What to do, as a short imperative.", required=True)
    when: str | None = spec(Text(40), "When, e.g. 'Week 1' or 'Month 2'.")
    text: str = spec(
        Text(800),
        "Why and how, in plain words: only what the linked recommendations and stories (and "
        "so their sources) say.",
        required=True,
    )
    editorial: str | None = spec(
        Text(800),
        "The site's own suggestion for this step, beyond what the linked advice says (shown "
        "as a suggestion from the editors).",
    )
    recommendations: tuple[str, ...] = spec(
        ListOf(Ref("recommendation")), "Linked recommendations."
    )
    narratives: tuple[str, ...] = spec(ListOf(Ref("narrative")), "Linked narratives.")
    programs: tuple[str, ...] = spec(ListOf(Ref("program")), "Linked programs.")
    terms: tuple[str, ...] = spec(ListOf(Ref("term")), "Linked glossary terms.")
    pages: tuple[str, ...] = spec(ListOf(PagePath()), "Linked pages in content/pages.")
    origin: Origin = origin_field()


@dataclass(frozen=True, kw_only=True)
class OnboardingPath:
    KIND_LABEL: ClassVar[str] = "onboarding path"
    id: str
    title: str = spec(Text(120), "The path's title, e.g. 'Your first 90 days'.", required=True)
    summary: str = spec(Text(400), "Who it is for and what it gives them.", required=True)
    steps: tuple[PathStep, ...] = spec(
        ListOf(Nested(PathStep), min_items=1), "The steps, in order.", required=True
    )
    visibility: str = spec(
        Choice(VISIBILITY), "public (default) or internal.", default="public"
    )
    origin: Origin = origin_field()


PAGE_HIDE = ("navigation", "toc", "footer", "feedback")


@dataclass(frozen=True, kw_only=True)
class Page:
    """Front matter of a hand-written page in ``content/pages`` (all optional)."""

    KIND_LABEL: ClassVar[str] = "page"
    id: str  # the page's path inside content/pages, e.g. "about/index.md"
    title: str | None = spec(Text(120), "The page title (otherwise its first heading).")
    description: str | None = spec(Text(300), "A one-sentence description for search engines.")
    visibility: str = spec(
        Choice(VISIBILITY), "public (default), or internal (intranet edition only).",
        default="public",
    )
    hide: tuple[str, ...] = spec(ListOf(Choice(PAGE_HIDE)), "Parts of the page layout to hide.")
    body: str = ""
    body_line: int = 1
    origin: Origin = origin_field()
