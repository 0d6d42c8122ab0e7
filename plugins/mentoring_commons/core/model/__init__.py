"""Stage 2, model: what an entry is, declared once.

- ``fields``: typed fields that turn positioned YAML nodes into values with helpful errors.
- ``records``: record classes built from fields (``convert_record``, ``Nested``).
- ``model``: one record class per kind of entry (``Narrative``, ``Person``, ``Program``, ...).
- ``kinds``: where each kind lives in ``content/`` (``KINDS``).
- ``schema``: JSON Schemas generated from the model.
- ``modeldoc``: the model described for contributors (the content-model page).

Imports only ``source``.
"""
