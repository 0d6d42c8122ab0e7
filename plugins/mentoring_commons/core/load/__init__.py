"""Stage 3, load: every file in ``content/`` read into typed records, in one ``Catalog``.

- ``loader``: ``load_catalog``, which reads vocabularies first, then every entry file.
- ``catalog``: ``Catalog``, every loaded record by kind and id, in a deterministic order.
- ``cache``: loaded entries kept by file state, so a rebuild re-reads only changed files.
- ``recordmemo``: results worked out from one record, kept while the record is the same object.
- ``parallel``: forked workers for the passes that read every file.

Imports only ``source`` and ``model``.
"""
