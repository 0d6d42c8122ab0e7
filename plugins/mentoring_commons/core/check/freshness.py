"""Whether a program's details may be out of date, decided once for the CLI and the site.

A program entry records ``last_checked``: the day someone last confirmed its link and details.
Programs change their pages, deadlines and even names, so an entry not confirmed for longer than
a set number of days (or never) "may be out of date". ``commons check`` warns about entries whose
date is too old; the site shows a note on the program's page for those and for entries that were
never checked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..load.catalog import Catalog
from ..source.diagnostics import Report

__all__ = ["DEFAULT_STALE_AFTER_DAYS", "FreshnessPolicy", "Staleness", "check_freshness"]

DEFAULT_STALE_AFTER_DAYS = 365


@dataclass(frozen=True, slots=True)
class Staleness:
    """Why an entry may be out of date: never checked (``last_checked`` is None) or too long
    ago (``age_days`` is more than ``limit_days``)."""

    last_checked: dt.date | None
    age_days: int | None
    limit_days: int

    @property
    def never_checked(self) -> bool:
        return self.last_checked is None

    def describe(self) -> str:
        if self.last_checked is None:
            return "nobody has recorded checking its link and details yet"
        return (
            f"it was last checked on {self.last_checked.isoformat()}, {self.age_days} days ago "
            f"(more than {self.limit_days})"
        )


@dataclass(frozen=True, slots=True)
class FreshnessPolicy:
    """How old a ``last_checked`` date may be. ``stale_after_days`` of 0 or less turns the
    notes and warnings off."""

    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS

    @property
    def enabled(self) -> bool:
        return self.stale_after_days > 0

    def staleness(self, last_checked: dt.date | None, today: dt.date) -> Staleness | None:
        """None if the entry is fresh (or the policy is off), else why it may be out of date."""
        if not self.enabled:
            return None
        if last_checked is None:
            return Staleness(None, None, self.stale_after_days)
        age = (today - last_checked).days
        if age > self.stale_after_days:
            return Staleness(last_checked, age, self.stale_after_days)
        return None


def check_freshness(
    catalog: Catalog, report: Report, today: dt.date, policy: FreshnessPolicy | None = None
) -> None:
    """A notice, at its ``last_checked`` line, about every program checked too long ago.

    Programs never checked are not warned about here (the field is optional, and the site
    already says so on their page); ``commons check --links`` confirms their links."""
    policy = policy or FreshnessPolicy()
    for program in catalog.programs.values():
        stale = policy.staleness(program.last_checked, today)
        if stale is None or stale.never_checked:
            continue
        pos = program.origin.at("last_checked")
        report.notice(  # the site says so on the page; nothing a build should stop for
            program.origin.path, pos.line, pos.col,
            f"program {program.id!r} may be out of date: {stale.describe()}. Visit its web "
            "page, confirm the details, and set last_checked to the date you checked.",
        )
