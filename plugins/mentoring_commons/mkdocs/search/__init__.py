"""Pagefind search for large sites (the plugin's ``pagefind: on``).

- ``pagefind``: runs the indexer, in parts for a large site, some while pages are written.
- ``pagefind_merge``: joins the parts' bundles into one index.
"""
