"""Stage 1, source: reading content files and reporting problems with their place.

- ``diagnostics``: ``Diagnostic`` (``path:line:col: severity: message``) and ``Report``.
- ``yamlnodes``: a strict YAML reader whose nodes keep their positions (``parse_yaml``).
- ``sourcefiles``: size limits, encodings, symlinks and front matter (``Limits``, ``scan``).

Imports nothing else of the package.
"""
