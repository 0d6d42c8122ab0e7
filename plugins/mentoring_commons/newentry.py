"""``commons new KIND``: start a new entry from the same template web contributors copy.

The templates live in ``contributing/templates/`` (one per kind). Each is a real content file
with ``<placeholder>`` values and plenty of ``#`` notes; a line like ``# topics: [<topics>]`` is
an optional field, left as a note unless a value is given. This module asks for the few values
an entry cannot do without (or takes them as options), checks each answer with the model's own
field types, derives a safe id, writes the file without ever overwriting one, and checks the
result exactly as ``commons check`` does: an entry it makes passes the check untouched.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

import yaml

from .core.check.exampletext import (
    EXAMPLE_TEXT,
    TEMPLATE_FILES,
    TemplateError,
    find_template,
    template_dir,
)
from .core.load.catalog import Catalog
from .core.model.fields import Choice, Context, FieldType, ListOf, Ref, Vocab, check_id, suggest_id
from .core.model.kinds import KINDS
from .core.model.model import Consent, Narrative, Person, Program, Recommendation
from .core.model.naming import ANONYMOUS_ID_BASE, GIVEN_NAME
from .core.model.records import field_specs
from .core.source.diagnostics import Report
from .core.source.yamlnodes import Pos, Scalar

__all__ = [
    "NEW_KINDS", "QUESTIONS", "TEMPLATE_FILES", "Question", "TemplateError", "add_new_parser",
    "fill_template", "find_template", "render_value", "run_new", "template_dir", "yaml_scalar",
]

NEW_KINDS = ("narrative", "person", "program", "recommendation")

PLACEHOLDER = re.compile(r"<([a-z_]+)>")
OPTIONAL_LINE = re.compile(r"^(?P<indent>\s*)# (?P<key>[a-z_]+): (?P<rest>.*<[a-z_]+>.*)$")
REQUIRED_LINE = re.compile(r"^(?P<indent>\s*)(?P<key>[a-z_]+): (?P<rest>.*<[a-z_]+>.*)$")

EXIT_CLEAN, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


# -- questions --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    """One value of a new entry: its template placeholder, option and model field."""

    key: str  # the placeholder in the template and the argparse dest
    option: str  # e.g. "--author" (repeatable when ``many``)
    record: type  # the model class whose field checks the answer
    prompt: str  # asked in plain words
    required: bool = True
    many: bool = False
    default: Callable[[dt.date], str] | None = None
    # Asked only when this returns True for the answers so far (e.g. pseudonym).
    when: Callable[[dict[str, list[str]]], bool] | None = None
    # The prompt for the answers so far, when it depends on them (the name, on the naming).
    prompt_for: Callable[[dict[str, list[str]]], str] | None = None

    def ask_text(self, answers: dict[str, list[str]]) -> str:
        return self.prompt_for(answers) if self.prompt_for else self.prompt

    @property
    def field_type(self) -> FieldType:
        return field_specs(self.record)[self.key].type

    @property
    def item_type(self) -> FieldType:
        t = self.field_type
        return t.item if isinstance(t, ListOf) else t

    @property
    def doc(self) -> str:
        return field_specs(self.record)[self.key].doc


def _today(today: dt.date) -> str:
    return today.isoformat()


def _public(today: dt.date) -> str:
    return "public"


def _naming(answers: dict[str, list[str]]) -> str | None:
    return answers.get("naming", [None])[0]


def _is_pseudonym(answers: dict[str, list[str]]) -> bool:
    return _naming(answers) == "pseudonym"


def _has_own_name(answers: dict[str, list[str]]) -> bool:
    # A pseudonymous person's name is the pseudonym (asked once); an anonymous one has none.
    return _naming(answers) in ("named", "first-name")


NAME_PROMPTS = {
    "named": "Their full name, as they agreed to have it shown",
    "first-name": "Their given name only, one word (or a hyphenated one), e.g. Priya: the file "
                  "is public, so no surname",
}


def _name_prompt(answers: dict[str, list[str]]) -> str:
    return NAME_PROMPTS.get(_naming(answers) or "", NAME_PROMPTS["named"])


# Asked first: what else is asked (and which name may be written at all) depends on it.
NAMING_QUESTIONS = [
    Question("naming", "--naming", Consent,
             "How did they agree to be named? named (full name), first-name, pseudonym, or "
             "anonymous (no name anywhere)"),
    Question("pseudonym", "--pseudonym", Consent,
             "The pseudonym to show (never the real name: the file is public)",
             required=True, when=_is_pseudonym),
]
# No default for the date consent was given: pressing Enter must not record a consent nobody
# asked for. An empty answer asks again.
CONSENT_DATE_QUESTIONS = [
    Question("given", "--given", Consent,
             "The date they agreed (YYYY-MM-DD; not in the future)"),
    Question("review_by", "--review-by", Consent,
             "When to ask them again (YYYY-MM-DD); after it the entry is held back",
             required=False),
]


QUESTIONS: dict[str, list[Question]] = {
    "person": [
        *NAMING_QUESTIONS,
        Question("name", "--name", Person, "The name, no more of it than the naming allows "
                 "(named: the full name; first-name: one given name; not for a pseudonym or "
                 "anonymous entry)", when=_has_own_name, prompt_for=_name_prompt),
        Question("roles", "--role", Person, "Their roles", many=True),
        Question("career_stage", "--career-stage", Person, "Their career stage"),
        Question("visibility", "--visibility", Person,
                 "public (on the website) or internal (intranet only)", default=_public),
        *CONSENT_DATE_QUESTIONS,
        Question("pronouns", "--pronouns", Person, "Pronouns", required=False),
        Question("library_types", "--library-type", Person, "Kinds of library",
                 required=False, many=True),
        Question("interests", "--interest", Person, "Professional interests",
                 required=False, many=True),
        Question("open_to", "--open-to", Person, "What they are happy to be asked about",
                 required=False, many=True),
        Question("institution", "--institution", Person, "Institution", required=False),
        Question("bio", "--bio", Person, "A short biography", required=False),
    ],
    "narrative": [
        *NAMING_QUESTIONS,
        Question("title", "--title", Narrative, "The story's title"),
        Question("authors", "--author", Narrative,
                 "Whose story it is: the id of each author (their file in content/people)",
                 many=True),
        Question("summary", "--summary", Narrative,
                 "One or two sentences for the list of stories"),
        Question("date", "--date", Narrative, "When it was written (YYYY-MM-DD)",
                 default=_today),
        Question("forms", "--form", Narrative, "Forms of mentoring it shows", many=True),
        Question("visibility", "--visibility", Narrative,
                 "public (on the website) or internal (intranet only)", default=_public),
        *CONSENT_DATE_QUESTIONS,
        Question("topics", "--topic", Narrative, "Topics", required=False, many=True),
        Question("programs", "--program", Narrative, "Programs it mentions", required=False,
                 many=True),
        Question("content_notes", "--content-note", Narrative, "Content notes",
                 required=False, many=True),
    ],
    "program": [
        Question("name", "--name", Program, "The program's name"),
        Question("url", "--url", Program, "Its web page (https://...)"),
        Question("sponsor", "--sponsor", Program, "Who runs or funds it"),
        Question("kind", "--kind", Program, "What kind of program it is"),
        Question("audience", "--audience", Program, "Who it is for", many=True),
        Question("scope", "--scope", Program, "How wide its reach is"),
        Question("format", "--format", Program, "How people take part"),
        Question("cost", "--cost", Program,
                 "Cost: free, membership (free to members), paid, funded, or varies"),
        Question("description", "--description", Program, "A short description"),
        Question("last_checked", "--last-checked", Program,
                 "The date you checked its page and details (YYYY-MM-DD)", default=_today),
        Question("visibility", "--visibility", Program,
                 "public (on the website) or internal (intranet only)", default=_public),
        Question("source", "--source", Program, "The reference that describes it",
                 required=False),
    ],
    "recommendation": [
        Question("title", "--title", Recommendation, "The advice, as a short instruction"),
        Question("audience", "--audience", Recommendation, "Who it is for"),
        Question("theme", "--theme", Recommendation, "The topic it belongs to"),
        Question("summary", "--summary", Recommendation,
                 "One or two sentences for the list of recommendations"),
        Question("date", "--date", Recommendation, "When it is published (YYYY-MM-DD)",
                 default=_today),
        Question("sources", "--source", Recommendation,
                 "The ids of the references it is drawn from", many=True),
        Question("visibility", "--visibility", Recommendation,
                 "public (on the website) or internal (intranet only)", default=_public),
        Question("programs", "--program", Recommendation, "Related programs", required=False,
                 many=True),
        Question("narratives", "--narrative", Recommendation, "Narratives that show it",
                 required=False, many=True),
    ],
}


def add_new_parser(sub: Any, date_type: Callable[[str], dt.date]) -> None:
    """Add ``commons new KIND [options]`` to the ``commons`` parser's sub-commands."""
    new = sub.add_parser(
        "new", help="start a new entry from its template",
        description="Make a new entry file from contributing/templates/. Values not given as "
                    "options are asked for; with --yes, defaults are taken without asking.",
    )
    kinds = new.add_subparsers(dest="kind", required=True, metavar="KIND")
    for kind in NEW_KINDS:
        parser = kinds.add_parser(
            kind, help=f"a new {kind}",
            description=f"Make content/{KINDS[kind].collection}/<id>{KINDS[kind].extension}.",
        )
        parser.add_argument("--content-dir", default="content", help="default: content")
        parser.add_argument("--id", help="the entry's id (default: made from its name or title)")
        parser.add_argument("--yes", "-y", action="store_true",
                            help="do not ask: take the default of every value not given")
        parser.add_argument("--today", type=date_type, default=None,
                            help="the date used for defaults (default: today)")
        for q in QUESTIONS[kind]:
            if q.many:
                parser.add_argument(q.option, dest=_dest(q), action="append", metavar="VALUE",
                                    help=q.prompt + " (repeat for more than one)")
            else:
                parser.add_argument(q.option, dest=_dest(q), metavar="VALUE", help=q.prompt)


def _dest(q: Question) -> str:
    return f"value_{q.key}"  # apart from the parser's own names (kind, id, yes, today)


# -- values -----------------------------------------------------------------------------------


def allowed_values(q: Question, catalog: Catalog) -> list[str] | None:
    item = q.item_type
    if isinstance(item, Choice):
        return list(item.values)
    if isinstance(item, Vocab):
        return list(catalog.vocabularies.get(item.name, {}))
    return None


def validate(q: Question, values: list[str], catalog: Catalog, today: dt.date,
             answers: dict[str, list[str]] | None = None) -> list[str]:
    """Problems with an answer, in words, checked by the model's own field types (and, for the
    name, against the naming among ``answers``)."""
    problems: list[str] = []
    report = Report()
    ctx = Context(q.option, report, catalog.vocabularies or {})
    if not values:
        return ["give at least one value."] if q.required else []
    converted = []
    for value in values:
        before = len(report.items)
        result = q.item_type.convert(Scalar(value, True, Pos(1, 1)), ctx)
        if len(report.items) > before:
            continue
        converted.append(result)
        item = q.item_type
        if isinstance(item, Ref) and value not in catalog.known_ids.get(item.kind, set()):
            folder = KINDS[item.kind].folder or KINDS[item.kind].file
            problems.append(f"there is no {item.kind} {value!r} in {folder}"
                            + (": make it first with 'commons new person'."
                               if item.kind == "person" else "."))
    problems.extend(d.message for d in report.items)
    if q.key == "given" and converted and converted[0] > today:
        problems.append("consent cannot be dated in the future.")
    if q.key == "name" and converted and answers is not None:
        problems.extend(_name_problems(converted[0], _naming(answers)))
    if len(set(values)) != len(values):
        problems.append("a value is listed twice.")
    return problems


def _name_problems(name: str, naming: str | None) -> list[str]:
    """Why ``name`` may not be written for an entry at ``naming`` (the file is public)."""
    if naming == "first-name" and not GIVEN_NAME.fullmatch(name):
        given = name.split()[0] if name.split() else ""
        example = f": {given!r}" if " " in name and GIVEN_NAME.fullmatch(given) else ""
        return [f"naming is first-name: give only the given name, one word (or a hyphenated "
                f"one){example}. The file is public, so no surname."]
    if naming == "pseudonym":
        return ["naming is pseudonym: the file holds only the pseudonym (--pseudonym), never "
                "the real name, so give no --name."]
    if naming == "anonymous":
        return ["naming is anonymous: the file holds no name at all, so give no --name."]
    return []


def _split(text: str, many: bool) -> list[str]:
    text = text.strip()
    if not text:
        return []
    if many:
        return [part.strip() for part in text.split(",") if part.strip()]
    return [" ".join(text.split())]


def yaml_scalar(text: str, *, flow: bool = False) -> str:
    """``text`` as a YAML scalar: plain when that reads back as the same string, otherwise
    double-quoted."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text  # a date: our loader reads every scalar as text, and so does YAML 1.2
    plain_ok = (
        bool(text) and text == text.strip() and "\n" not in text
        and not text.startswith(tuple("-?:,[]{}#&*!|>'\"%@`"))
        and ": " not in text and " #" not in text and not text.endswith(":")
        and not (flow and re.search(r"[,\[\]{}]", text))
    )
    if plain_ok:
        wrapped = f"k: [{text}]" if flow else f"k: {text}"
        try:
            loaded = yaml.safe_load(wrapped)
        except yaml.YAMLError:
            loaded = None
        if loaded == {"k": [text] if flow else text}:
            return text
    return _double_quoted(text)


def _double_quoted(text: str) -> str:
    """A YAML double-quoted scalar; what YAML may not hold raw (control characters, line
    separators, unassigned code points) is escaped."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch.isprintable():
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code <= 0xFF else
                       f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def render_value(q: Question, values: list[str]) -> str:
    if q.many:
        return ", ".join(yaml_scalar(v, flow=True) for v in values)
    return yaml_scalar(values[0])


# -- templates --------------------------------------------------------------------------------


def fill_template(text: str, values: dict[str, str], omit: frozenset[str] = frozenset()) -> str:
    """Put rendered YAML ``values`` into a template's placeholders.

    Optional lines (``# key: <placeholder>``) are uncommented when their value is given and left
    as notes otherwise; lines of the keys in ``omit`` (an anonymous person's name) become notes.
    Placeholders in notes are filled when known. Every placeholder outside notes must have a
    value."""
    lines = []
    for line in text.split("\n"):
        match = OPTIONAL_LINE.match(line)
        if match and match["key"] in values:
            line = f"{match['indent']}{match['key']}: {match['rest']}"
        field = REQUIRED_LINE.match(line)
        if field and field["key"] in omit:
            line = f"{field['indent']}# {field['key']}: {field['rest']}"
        is_note = line.lstrip().startswith("#")

        def replace(m: re.Match[str], is_note: bool = is_note) -> str:
            if m[1] in values:
                return values[m[1]]
            if is_note:
                return m[0]
            raise TemplateError(f"the template has a placeholder {m[0]} with no value")

        lines.append(PLACEHOLDER.sub(replace, line))
    return "\n".join(lines)


# -- the command ------------------------------------------------------------------------------


def derive_id(kind: str, answers: dict[str, list[str]]) -> str:
    """A safe id that never puts more of a name in a web address than consent allows."""
    naming = _naming(answers)
    if kind == "person":  # from the name the naming allows, which is all the file holds
        if naming == "anonymous":
            return ANONYMOUS_ID_BASE
        if naming == "pseudonym":
            return suggest_id(answers["pseudonym"][0])
        return suggest_id(answers["name"][0])
    if kind == "narrative":
        title = answers["title"][0]
        # Only a story whose author is named may carry the author's id in its address.
        if naming == "named":
            return suggest_id(f"{answers['authors'][0]} {title}")
        return suggest_id(title)
    return suggest_id(answers["name" if kind == "program" else "title"][0])


class _Failure(Exception):
    """Stop the command: print ``lines`` and exit with ``code`` (nothing is left written)."""

    def __init__(self, code: int, *lines: str) -> None:
        super().__init__(*lines)
        self.code = code
        self.lines = lines


class _Asker:
    def __init__(self, ask: Callable[[str], str], out: TextIO) -> None:
        self.ask = ask
        self.out = out

    def question(self, q: Question, catalog: Catalog, default: str | None,
                 today: dt.date, answers: dict[str, list[str]]) -> list[str]:
        allowed = allowed_values(q, catalog)
        hint = ""
        if allowed:
            hint = (" (one or more of: " if q.many else " (one of: ") + ", ".join(allowed) + ")"
        elif q.many:
            hint = " (separate several with commas)"
        suffix = f" [{default}]" if default else ""
        while True:
            try:
                answer = self.ask(f"{q.ask_text(answers)}{hint}{suffix}: ")
            except EOFError:
                raise _Failure(EXIT_USAGE, f"no answer for {q.option}: stopped, nothing was "
                                           "written.") from None
            values = _split(answer, q.many) or ([default] if default else [])
            problems = validate(q, values, catalog, today, answers)
            if not problems:
                return values
            for problem in problems:
                print(f"  {problem}", file=self.out)


def _given(args: argparse.Namespace, q: Question) -> list[str] | None:
    value = getattr(args, _dest(q), None)
    if value is None:
        return None
    if q.many:
        return [part.strip() for item in value for part in item.split(",") if part.strip()]
    return _split(value, False)


def collect_answers(args: argparse.Namespace, catalog: Catalog, today: dt.date,
                    asker: _Asker) -> dict[str, list[str]]:
    """Values from the options, checked; then the missing ones asked for, or their defaults
    taken (with --yes, or when nothing without a default is missing)."""
    questions = QUESTIONS[args.kind]
    answers: dict[str, list[str]] = {}
    problems: list[str] = []
    for q in questions:
        given = _given(args, q)
        if given is not None:
            problems += [f"error: {q.option} {', '.join(given)}: {problem}"
                         for problem in validate(q, given, catalog, today)]
            answers[q.key] = given
    if problems:
        raise _Failure(EXIT_USAGE, *problems)

    def needed(q: Question) -> bool:
        return q.key not in answers and q.required and (q.when is None or q.when(answers))

    interactive = not args.yes and any(needed(q) and q.default is None for q in questions)
    if interactive:
        print(f"A new {args.kind}. Press Enter to take the value in [brackets].",
              file=asker.out)
    absent = []
    for q in questions:  # in order: whether pseudonym is needed depends on naming
        if not needed(q):
            continue
        default = q.default(today) if q.default else None
        if interactive:
            answers[q.key] = asker.question(q, catalog, default, today, answers)
        elif default is not None:
            answers[q.key] = [default]
        else:
            absent.append(f"error: give {q.option}: {q.ask_text(answers)}.")
    if absent:
        raise _Failure(EXIT_USAGE, *absent)
    if answers.get("pseudonym") and answers.get("naming") != ["pseudonym"]:
        raise _Failure(EXIT_USAGE, "error: --pseudonym is only used with --naming pseudonym.")
    if "name" in answers and args.kind == "person":
        # Given as an option before the naming was known (it may have been asked for since).
        mismatch = _name_problems(answers["name"][0], _naming(answers))
        if mismatch:
            raise _Failure(EXIT_USAGE, *(f"error: --name {answers['name'][0]}: {problem}"
                                         for problem in mismatch))
    if args.kind == "person" and _naming(answers) == "pseudonym":
        answers["name"] = answers["pseudonym"]  # the shown name is the pseudonym, and only it
    return answers


def choose_target(kind: str, given_id: str | None, answers: dict[str, list[str]],
                  content_dir: Path) -> tuple[str, Path]:
    entry_id = given_id or derive_id(kind, answers)
    problem = check_id(entry_id) if entry_id else "could not be made from the name or title"
    if problem:
        raise _Failure(EXIT_USAGE, f"error: the id {entry_id!r} {problem}: give one with --id.")
    spec = KINDS[kind]
    folder = content_dir / str(spec.folder)
    target = folder / f"{entry_id}{spec.extension}"
    if kind == "person" and answers["naming"] == ["anonymous"] and not given_id:
        number = 2
        while target.exists():  # "anonymous-member" says nothing: number them
            entry_id = f"anonymous-member-{number}"
            target = folder / f"{entry_id}{spec.extension}"
            number += 1
    return entry_id, target


def write_new(target: Path, text: str, kind: str) -> None:
    """Write ``text`` to ``target``, which must not exist yet."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise _Failure(
            EXIT_ERRORS,
            f"error: {target} already exists, and commons new never overwrites a file. If it "
            f"is the same {kind}, edit that file; otherwise choose another id with --id.",
        ) from None


def run_new(
    args: argparse.Namespace,
    *,
    ask: Callable[[str], str] = input,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """``commons new KIND``: exit 0 with the file made, 1 if it would overwrite a file (or
    failed the check), 2 for a missing or wrong value."""
    from .core.load.loader import load_catalog

    out = out or sys.stdout
    err = err or sys.stderr
    kind: str = args.kind
    content_dir = Path(args.content_dir)
    today: dt.date = args.today or dt.date.today()
    try:
        if not content_dir.is_dir():
            raise _Failure(EXIT_USAGE, f"error: {args.content_dir!r} is not a folder")
        try:
            template = find_template(kind, content_dir).read_text(encoding="utf-8")
        except TemplateError as exc:
            raise _Failure(EXIT_USAGE, f"error: {exc}") from None
        catalog, _ = load_catalog(content_dir)
        answers = collect_answers(args, catalog, today, _Asker(ask, err))
        entry_id, target = choose_target(kind, args.id, answers, content_dir)
        values = {q.key: render_value(q, answers[q.key])
                  for q in QUESTIONS[kind] if q.key in answers}
        try:
            # An anonymous person's file holds no name: the name line stays a note.
            omit = (frozenset({"name"}) if kind == "person" and _naming(answers) == "anonymous"
                    else frozenset())
            text = fill_template(template, {**values, "id": entry_id}, omit)
        except TemplateError as exc:
            raise _Failure(EXIT_USAGE, f"error: {exc}") from None
        write_new(target, text, kind)
        try:
            failures = _check_new_file(content_dir, target, today)
        except KeyboardInterrupt:
            target.unlink()  # stopped before it was checked: nothing is left written
            raise
        if failures:
            target.unlink()
            raise _Failure(EXIT_ERRORS, *failures,
                           f"{target} did not pass the check, so it was not kept.")
    except _Failure as failure:
        for line in failure.lines:
            print(f"commons new: {line}", file=err)
        return failure.code
    _print_next_steps(kind, target, entry_id, answers, out, content_dir)
    return EXIT_CLEAN


def _check_new_file(content_dir: Path, target: Path, today: dt.date) -> list[str]:
    from .core.check.validate import check_content

    _, report = check_content(content_dir, today=today)
    shown = str(target)
    # The example text is there for the contributor to replace: the next step says so.
    return [str(d) for d in report.sorted() if d.path == shown and d.severity != "notice"
            and not d.message.startswith(EXAMPLE_TEXT)]


def _print_next_steps(kind: str, target: Path, entry_id: str, answers: dict[str, list[str]],
                      out: TextIO, content_dir: Path) -> None:
    collection = KINDS[kind].collection
    steps = [f"Created {target} (id: {entry_id})."]
    if kind in ("narrative", "recommendation"):
        steps.append("Next: open it and replace the example text after the second '---' line "
                     "with your own words (until then 'commons check' reports it as an error).")
    else:
        steps.append("Next: open it and fill in any optional lines you want (remove the '# ').")
    if kind == "person" and _naming(answers) == "anonymous":
        steps.append("Then run 'commons check'. An anonymous person has no page of their own: "
                     "their stories show 'A community member'.")
    else:
        steps.append("Then run 'commons check', and 'mkdocs serve' to preview it at "
                     + preview_address(content_dir, collection, entry_id))
    if answers.get("visibility") == ["internal"]:
        steps.append(
            "Note: visibility internal keeps it off the public website (preview it with "
            "COMMONS_EDITION=internal mkdocs serve), but anyone who can read this repository "
            "can read the file. If the repository is public, do not commit it: see 'Keep a "
            "story private' in CONTRIBUTING.md."
        )
    if kind == "narrative" and _naming(answers) in ("first-name", "pseudonym", "anonymous"):
        steps.append("Note: the story's text is as public as the repository: leave out any "
                     "name or detail the naming does not allow.")
    print("\n".join(steps), file=out)


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's plain values, whatever tags (!ENV, !!python/name) it also holds."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def preview_address(content_dir: Path, collection: str, entry_id: str) -> str:
    """Where ``mkdocs serve`` shows the entry: its address (``dev_addr``) and the path of
    ``site_url``, under which it serves the site, from the mkdocs.yml beside the content
    folder (or in the working folder)."""
    config: dict[str, Any] = {}
    for candidate in (content_dir.resolve().parent / "mkdocs.yml", Path("mkdocs.yml")):
        if candidate.is_file():
            try:
                loaded = yaml.load(candidate.read_text(encoding="utf-8"), _TolerantLoader)
            except (yaml.YAMLError, OSError, UnicodeDecodeError):
                loaded = None
            config = loaded if isinstance(loaded, dict) else {}
            break
    site_url = config.get("site_url")
    prefix = urlsplit(site_url).path if isinstance(site_url, str) else ""
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    dev_addr = config.get("dev_addr")
    address = dev_addr if isinstance(dev_addr, str) and dev_addr else "127.0.0.1:8000"
    page = (f"{collection}/{entry_id}.html" if config.get("use_directory_urls") is False
            else f"{collection}/{entry_id}/")
    return f"http://{address}{prefix}{page}"
