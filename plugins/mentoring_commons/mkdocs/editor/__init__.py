"""The web editor at /admin/ (issue 18): Decap CMS, vendored at a pinned version
(``vendor/decap-cms``, updated by ``scripts/update_decap.py``), around our own ``assets/``, with
the configuration ``core/outputs/editorconfig.py`` generates from the content model.

- ``publish``: which files /admin/ is made of, its page and its Content-Security-Policy, and
  whether an edition publishes it.
"""
