"""Located problems (``path:line:col: severity: message``) and the report that collects them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# error: the check exits 1 and any build stops. warning: something the contributor should fix,
# which `mkdocs build --strict` (the project's CI, and `strict: true` in mkdocs.yml) refuses, so
# the check exits 1 on it too. notice: worth knowing, never a failure (a consent review date
# that has passed, whose entry is held back automatically; a program not checked for a year;
# a link that looks dead); a build logs it as information.
Severity = Literal["error", "warning", "notice"]

# A problem is one line of output. A file name, or a value echoed in a message, may hold a line
# break; it is shown escaped rather than starting a line that looks like another problem.
_LINE_BREAKS = str.maketrans({ch: repr(ch)[1:-1] for ch in
                              "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})


@dataclass(frozen=True, order=True, slots=True)
class Diagnostic:
    """One problem in one file. Ordering sorts by file, then line, then column."""

    path: str
    line: int
    col: int
    severity: Severity = field(compare=False)
    message: str = field(compare=False)

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"
        return text.translate(_LINE_BREAKS)


@dataclass(slots=True)
class Report:
    """Collects every problem of a run so a contributor sees all of them at once."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, path: str, line: int, col: int, message: str) -> None:
        self.items.append(Diagnostic(path, line, col, "error", message))

    def warning(self, path: str, line: int, col: int, message: str) -> None:
        self.items.append(Diagnostic(path, line, col, "warning", message))

    def notice(self, path: str, line: int, col: int, message: str) -> None:
        self.items.append(Diagnostic(path, line, col, "notice", message))

    def add(self, diagnostic: Diagnostic) -> None:
        self.items.append(diagnostic)

    def extend(self, other: Report) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.sorted() if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.sorted() if d.severity == "warning"]

    @property
    def notices(self) -> list[Diagnostic]:
        return [d for d in self.sorted() if d.severity == "notice"]

    @property
    def fails_strict(self) -> bool:
        """Whether `mkdocs build --strict` refuses this report (errors or warnings)."""
        return any(d.severity != "notice" for d in self.items)

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        # De-duplicate: the same problem can be reached twice (e.g. a file read by two passes,
        # or by two processes of a split check). Only the very same problem: two different ones
        # at one place (an e-mail address and a phone number in one summary) are both shown.
        unique = {(d.path, d.line, d.col, d.severity, d.message): d for d in self.items}
        return [unique[key] for key in sorted(unique)]


def format_plain(diagnostics: list[Diagnostic]) -> str:
    return "\n".join(str(d) for d in diagnostics)


# Characters other readers of a log may also take for a line end (the runner itself splits at
# CR and LF only, which are escaped); GitHub has no escape for them, so they become spaces.
_OTHER_LINE_ENDS = str.maketrans(dict.fromkeys("\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029", " "))


def _escape_github_data(text: str) -> str:
    # GitHub workflow commands end at a newline and parse "::" inside properties; escaping
    # stops a contributor's text (echoed in a message) from forging a command of its own.
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return escaped.translate(_OTHER_LINE_ENDS)


def _escape_github_property(text: str) -> str:
    return _escape_github_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: list[Diagnostic]) -> str:
    """Render as GitHub Actions annotations, so each problem lands on its line of the diff."""
    lines = []
    for d in diagnostics:
        props = (
            f"file={_escape_github_property(d.path)},line={d.line},col={d.col},"
            f"title={_escape_github_property('Mentoring Commons')}"
        )
        lines.append(f"::{d.severity} {props}::{_escape_github_data(d.message)}")
    return "\n".join(lines)
