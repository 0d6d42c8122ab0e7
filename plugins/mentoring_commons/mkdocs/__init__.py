"""The MkDocs adapter: a thin plugin over ``mentoring_commons.core``."""
