"""Typed configuration of the ``commons`` plugin (``plugins: - commons: ...`` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..core.source.sourcefiles import DEFAULT_MAX_MARKDOWN_BYTES, DEFAULT_MAX_YAML_BYTES


class ContactConfig(base.Config):
    """How readers and contributors reach the people who run the site (``contact:``). Give at
    least one: the site's "Is this you? Ask for a change or removal" links and the contributors
    page use it, and a build without either stops."""

    email = c.Optional(c.Type(str))
    """The maintainers' e-mail address. Each narrative and person page links to it with a
    message that names the page, so a correction or a removal never has to be asked for in
    public."""

    form = c.Optional(c.URL())
    """The web address of a private contact or intake form, used where there is no ``email``
    and shown beside it on the contributors page."""


class CommonsConfig(base.Config):
    content_dir = c.Type(str, default="content")
    """The content folder, relative to mkdocs.yml. Its ``pages/`` sub-folder is the docs_dir."""

    repository = c.Optional(c.URL())
    """The repository's web address, like ``https://github.com/OWNER/NAME``. It becomes
    Material's repository button (``repo_url``) and, with ``branch``, the "edit this page"
    links (``edit_uri``), which open the entry's own file in ``content/``. Leave MkDocs'
    ``repo_url`` unset: this is the one place to say it."""

    branch = c.Type(str, default="main")
    """The branch "edit this page" opens files on."""

    contact = c.SubConfig(ContactConfig)
    """How to reach the maintainers: ``email``, ``form`` or both (see ``ContactConfig``)."""

    edition = c.Choice(("public", "internal"), default="public")
    """``public`` publishes only public, consented entries. ``internal`` also publishes entries
    marked internal, for an intranet, with a banner on every page. Set it per build with
    ``edition: !ENV [COMMONS_EDITION, public]``."""

    today = c.Optional(c.Type(str))
    """The date (YYYY-MM-DD) consent review dates are compared with. Default: the build date.
    Set it to rebuild an old state exactly. The tools page's check-in calendar starts in the
    month after it; without it, after the date of ``SOURCE_DATE_EPOCH`` when that is set (as
    reproducible builds set it), else after the clock's UTC date."""

    stale_after_days = c.Type(int, default=365)
    """A program whose ``last_checked`` date is more than this many days before the build date
    (or ``today``), or that has no ``last_checked`` at all, shows "may be out of date" on its
    page. ``commons check --stale-after`` uses the same rule. 0 turns the notes off."""

    pagefind = c.Choice(("off", "on"), default="off")
    """``on`` indexes the built site with Pagefind (``pip install 'pagefind[bin]'``) and adds a
    search page (``search.md``; list it in ``nav``). Material's built-in search downloads the
    whole site's text on a reader's first search (about 8 MB at 1,000 narratives); Pagefind
    downloads a few hundred KB whatever the size (``benchmarks/``). Use it, and remove the
    ``search`` plugin, once a site has more than about 150 narratives. It needs a web server:
    the ``file://`` offline edition keeps Material's search."""

    leak_scan = c.Type(bool, default=True)
    """After a public build, search every output file for withheld entries; fail if found."""

    limits_max_markdown_bytes = c.Type(int, default=DEFAULT_MAX_MARKDOWN_BYTES)
    """Largest Markdown file accepted, in bytes (Python-Markdown is slow on huge input)."""

    limits_max_yaml_bytes = c.Type(int, default=DEFAULT_MAX_YAML_BYTES)
    """Largest YAML file accepted, in bytes."""

    # -- the web editor at /admin/ (Decap CMS; README, "Set up the web editor") -----------

    editor = c.Choice(("auto", "on", "off"), default="auto")
    """``auto`` publishes the web editor at ``/admin/`` with the public edition built for a web
    server, and leaves it out of the offline (``file://``) and internal editions; ``on``
    publishes it with every edition; ``off`` never. It saves to ``repository`` (above), which
    it needs except under ``commons edit``."""

    editor_backend = c.Optional(c.Choice(("github", "gitlab")))
    """The git host contributors sign in to (Decap's backend). Default: from ``repository``
    (github.com or gitlab.com); set it for a self-hosted one, with ``editor_api_root``. The
    editor saves to ``repository`` and opens its pull requests against ``branch``."""

    editor_base_url = c.Optional(c.Type(str))
    """The address of the OAuth endpoint that signs contributors in to GitHub, e.g.
    ``https://auth.example.org`` (README, "Set up the web editor")."""

    editor_auth_endpoint = c.Optional(c.Type(str))
    """Its path, if not Decap's default ``auth``."""

    editor_api_root = c.Optional(c.Type(str))
    """The API of a self-hosted git host (GitHub Enterprise, a GitLab instance)."""

    editor_open_authoring = c.Type(bool, default=False)
    """Let contributors without write access contribute through a fork that the editor makes
    for them (Decap's Open Authoring; GitHub only, needs a public repository)."""

    editor_auth_scope = c.Optional(c.Choice(("repo", "public_repo")))
    """GitHub: the access the editor asks for. ``repo`` is needed for a private repository
    (and for Open Authoring on one); Decap's default otherwise."""

    editor_app_id = c.Optional(c.Type(str))
    """GitLab: the id of an OAuth application (not confidential, redirect URI the site's
    ``/admin/``). Contributors then sign in from the browser (PKCE), with no server of yours."""

    editor_local_proxy = c.Optional(c.Type(str))
    """Set by ``commons edit`` (environment variable ``COMMONS_EDITOR_LOCAL_PROXY``): the
    editor saves to this working tree through decap-server at this address instead of the git
    host. Never set it for a site you publish."""
