"""The whole site in one place: every page planner and every exporter, in output order.

A feature adds a planner (published site data -> page plans) or an exporter (site data ->
files by path) here; the MkDocs adapter needs no change to publish it.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model.schema import build_schemas, render_schema
from ..site.contributors import plan_contributors
from ..site.data import PagePlan, SiteData
from ..site.facets import export_facet_data, plan_facet_pages
from ..site.findmentor import plan_find_a_mentor
from ..site.mentoringmap import plan_map
from ..site.pages import plan_core_pages
from ..site.tools import plan_tools
from .exports import export_content
from .feeds import export_feeds
from .ical import export_calendar
from .toolfiles import export_tools

Planner = Callable[[SiteData], list[PagePlan]]
Exporter = Callable[[SiteData], dict[str, str | bytes]]


def export_schemas(site: SiteData) -> dict[str, str | bytes]:
    return {
        f"schemas/{name}": render_schema(schema)
        for name, schema in build_schemas(site.catalog.vocabularies).items()
    }


PLANNERS: list[Planner] = [plan_core_pages, plan_contributors]
PLANNERS += [plan_facet_pages, plan_map, plan_tools]  # finding your way (issue 4)
PLANNERS += [plan_find_a_mentor]  # a newcomer's questions (issue 17)
EXPORTERS: list[Exporter] = [export_schemas, export_feeds, export_content, export_calendar]
EXPORTERS += [export_tools, export_facet_data]  # agenda downloads; filter data (issue 4)


def plan_site(site: SiteData) -> list[PagePlan]:
    plans = [plan for planner in PLANNERS for plan in planner(site)]
    seen: set[str] = set()
    for plan in plans:
        if plan.src_uri in seen:
            raise ValueError(f"two planners made the page {plan.src_uri}")
        seen.add(plan.src_uri)
    return plans


def build_exports(site: SiteData) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {}
    for exporter in EXPORTERS:
        for path, content in exporter(site).items():
            if path in files:
                raise ValueError(f"two exporters wrote {path}")
            files[path] = content
    return files
