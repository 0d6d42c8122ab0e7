"""The cyclic collector is held off during serve rebuilds and run once they are done
(mkdocs/serve/idlegc.py)."""

from __future__ import annotations

import gc
import time

import pytest
from mentoring_commons.mkdocs import plugin as plugin_module
from mentoring_commons.mkdocs.serve.idlegc import IdleCollector
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort


@pytest.fixture(autouse=True)
def collector_enabled():
    # Every test starts and ends with the collector on, as a process normally has it.
    gc.enable()
    yield
    assert gc.isenabled(), "a test left the cyclic collector off"


def wait_for(condition, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def test_paused_until_the_delay_after_resume_then_collects():
    collector = IdleCollector(delay=0.05)
    collector.pause()
    assert not gc.isenabled()
    collector.resume()
    assert not gc.isenabled()  # not before the delay
    assert wait_for(lambda: collector.collections == 1)
    assert gc.isenabled()


def test_a_rebuild_that_starts_before_the_delay_cancels_the_collection():
    collector = IdleCollector(delay=0.2)
    collector.pause()
    collector.resume()
    collector.pause()  # the next edit, within the delay
    time.sleep(0.4)
    assert collector.collections == 0 and not gc.isenabled()
    collector.resume()
    assert wait_for(lambda: collector.collections == 1)
    assert gc.isenabled()


def test_leaves_a_collector_that_was_off_off():
    gc.disable()
    collector = IdleCollector(delay=0.01)
    collector.pause()
    collector.resume()
    assert wait_for(lambda: collector.collections == 1)
    assert not gc.isenabled()
    gc.enable()


def test_stop_gives_the_collector_back_at_once_and_resume_without_pause_does_nothing():
    collector = IdleCollector(delay=60)
    collector.resume()
    assert collector._timer is None and gc.isenabled()
    collector.pause()
    collector.resume()
    collector.stop()
    assert gc.isenabled() and collector._timer is None


def serve_build(site, delay: float = 0.05, *, first: bool = False, dirty: bool = True):
    """A build as `mkdocs serve --dirty` makes it: ``first`` of its session, or a rebuild.
    MkDocs keeps the plugin object from one load_config to the next (it defines on_startup),
    collector and all."""
    config = load_config(str(site.root / "mkdocs.yml"), strict=False)
    if first:
        config.plugins.on_startup(command="serve", dirty=dirty)
    commons = config.plugins["commons"]
    commons.collector.delay = delay
    build(config, dirty=dirty)
    return commons


def test_serve_rebuilds_run_without_the_collector_and_collect_after(make_site, monkeypatch):
    seen = []
    real_check = plugin_module.check_content

    def check_content(*args, **kwargs):
        seen.append(gc.isenabled())
        return real_check(*args, **kwargs)

    monkeypatch.setattr(plugin_module, "check_content", check_content)
    site = make_site()
    commons = serve_build(site, first=True)  # builds every page: the collector runs
    done = commons.collector.collections
    assert serve_build(site) is commons
    assert wait_for(lambda: commons.collector.collections == done + 1)
    assert gc.isenabled()  # between rebuilds
    serve_build(site)
    assert wait_for(lambda: commons.collector.collections == done + 2)
    commons.on_shutdown()
    assert seen == [True, False, False]
    site.build()  # `mkdocs build` leaves the collector alone
    serve_build(site, first=True, dirty=False)  # and so do rebuilds of every page
    serve_build(site, dirty=False)
    commons.on_shutdown()
    assert seen == [True, False, False, True, True, True]


def test_a_failed_serve_rebuild_still_gives_the_collector_back(make_site):
    site = make_site()
    serve_build(site, first=True)
    site.write("content/people/ana.yml", "id: [\n")  # a YAML error: the rebuild fails
    with pytest.raises(Abort):
        serve_build(site, delay=0.01)
    assert wait_for(gc.isenabled)
    load_config(str(site.root / "mkdocs.yml")).plugins.on_shutdown()


def test_a_build_sets_what_it_loaded_aside_from_the_collector_until_it_ends(
    make_site, monkeypatch
):
    # gc.freeze() after on_config, gc.unfreeze() when the build ends, built or failed.
    site = make_site()
    frozen_while_rendering: list[int] = []
    real_render = plugin_module.render_plan

    def spying(*args, **kwargs):
        frozen_while_rendering.append(gc.get_freeze_count())
        return real_render(*args, **kwargs)

    monkeypatch.setattr(plugin_module, "render_plan", spying)
    site.build()
    assert frozen_while_rendering and min(frozen_while_rendering) > 10_000
    assert gc.get_freeze_count() == 0  # given back
    site.write("content/pages/map.md", "# A page where a generated one goes\n")
    with pytest.raises(Abort):
        site.build()
    assert gc.get_freeze_count() == 0
