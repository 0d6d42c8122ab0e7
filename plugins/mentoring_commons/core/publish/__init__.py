"""Stage 5, publish: what an edition may show. Default deny.

- ``boundary``: ``select`` turns a catalog into ``Published`` for an ``Edition``: only entries
  with a basis to publish (consent or a published work), people named as they agreed.
- ``leakscan``: after a build, search every output file for what was withheld.
- ``manifest``: every published entry, its basis for publishing and a hash of its page.

Imports only earlier stages.
"""
