"""Stage 4, check: is the loaded content right, as a whole?

- ``validate``: ``check_content``, the whole check that ``commons check`` and a build both run.
- ``links``: every id an entry points at names an entry that exists.
- ``checks``: contact details, consent dates, glossary clashes, unsafe HTML.
- ``naming``: no file holds more of a name than its consent allows.
- ``markup``: contributor Markdown to safe HTML, and why something was refused.
- ``freshness``: whether a program's details may be out of date.

Imports only earlier stages.
"""
