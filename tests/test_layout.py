"""The package's folders are its pipeline: each stage imports only from the stages before it.

Read from the source with ``ast`` (imports inside functions included), so a lazy import cannot
hide a backwards edge. See ARCHITECTURE.md for the stages.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "plugins" / "mentoring_commons"
NAME = "mentoring_commons"

# The stages in pipeline order. A module may import its own stage and the stages before it.
STAGES = [
    "core.source",
    "core.model",
    "core.load",
    "core.check",
    "core.publish",
    "core.site",
    "core.outputs",
    # Everything outside core comes after it: the MkDocs adapter and the command line.
    "mkdocs",
    "cli",
]
# Inside mkdocs/, the plugin may use serve/ and search/; those rooms never import the plugin.
ADAPTER_ROOMS = ["mkdocs.serve", "mkdocs.search"]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """Every module of the package this file imports, as a name relative to the package."""
    source = path.read_text(encoding="utf-8")
    return imports_in(source, module_name(path), path.name == "__init__.py")


def imports_in(source: str, name: str, is_package: bool) -> set[str]:
    package = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".") if package else []
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            elif (node.module or "").startswith(NAME):
                target = node.module[len(NAME) + 1 :]
            else:
                continue
            for alias in node.names:
                full = f"{target}.{alias.name}".strip(".")
                found.add(full if full in MODULES else target)
        elif isinstance(node, ast.Import):
            found |= {a.name[len(NAME) + 1 :] for a in node.names if a.name.startswith(NAME + ".")}
    found.discard(name)
    return found


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}
GRAPH = {name: imports_of(path) for name, path in MODULES.items()}


def stage_of(module: str) -> int | None:
    for index, stage in enumerate(STAGES):
        if module == stage or module.startswith(stage + "."):
            return index
    if module in {"newentry", "linkcheck"}:  # the command line's own modules
        return STAGES.index("cli")
    return None


def test_every_core_module_belongs_to_a_stage():
    loose = [m for m in MODULES if m.startswith("core.") and stage_of(m) is None]
    assert not loose, f"modules of core/ outside every stage folder: {loose}"


def test_each_stage_has_an_init_that_says_what_it_offers():
    for stage in STAGES[:-1]:
        init = PACKAGE.joinpath(*stage.split(".")) / "__init__.py"
        assert init.is_file(), init
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), init


@pytest.mark.parametrize("module", sorted(m for m in GRAPH if stage_of(m) is not None))
def test_imports_go_from_later_stages_to_earlier_ones(module):
    own = stage_of(module)
    backwards = sorted(
        target for target in GRAPH[module]
        if (stage := stage_of(target)) is not None and stage > own
    )
    assert not backwards, f"{module} imports later stages: {backwards}"


def test_serve_and_search_rooms_do_not_import_the_plugin():
    for module, targets in GRAPH.items():
        if any(module.startswith(room) for room in ADAPTER_ROOMS):
            assert not {t for t in targets if t in {"mkdocs.plugin", "mkdocs"}}, module


def test_no_import_cycles():
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in sorted(GRAPH.get(module, ())):
            if target not in GRAPH:
                continue
            if state.get(target) == 1:
                cycle = path[path.index(target):] + [target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module)


# The one allowed exception: the Markdown renderer looks up Material's emoji index if it is
# installed (optional, inside a try), so icon shortcodes render the same in pages and feeds.
ALLOWED_THEME_IMPORTS = {"core.check.markup": {"material"}}


def test_nothing_under_core_imports_mkdocs_or_material():
    offenders = []
    for name, path in MODULES.items():
        if not name.startswith("core"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                roots = {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and not node.level:
                roots = {(node.module or "").split(".")[0]}
            else:
                continue
            if roots & ({"mkdocs", "material"} - ALLOWED_THEME_IMPORTS.get(name, set())):
                offenders.append(f"{name}:{node.lineno}")
    assert not offenders, offenders


def test_the_graph_test_sees_a_backwards_import():
    # The checker itself must be able to fail: a lazy import of a later stage is caught.
    source = "def f():\n    from ..site.data import SiteData\n    from . import records\n"
    found = imports_in(source, "core.model.fields", is_package=False)
    assert found == {"core.site.data", "core.model.records"}
    assert stage_of("core.site.data") > stage_of("core.model.fields")
