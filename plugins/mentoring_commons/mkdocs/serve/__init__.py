"""What only ``mkdocs serve`` needs: fast rebuilds of a preview that is never uploaded.

- ``dirtystubs``: stand-in sources for listing pages, so ``--dirty`` rebuilds only what changed.
- ``idlegc``: the cyclic collector held off during a rebuild and run once the preview is up.
- ``templatecache``: compiled Jinja templates kept for the whole session.
"""
