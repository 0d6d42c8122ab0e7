"""The content core: model, loading with positions, validation, the linked catalog.

Nothing in this package imports MkDocs.
"""
