"""How to reach the people who run the site: the repository and the maintainers' contact.

Set once in the plugin's configuration; the templates read it from ``SiteData.contact`` for the
"Is this you? Ask for a change or removal" link on every narrative and person page and for the
contributors page.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

__all__ = ["SiteContact"]


@dataclass(frozen=True, slots=True)
class SiteContact:
    email: str | None = None
    form: str | None = None
    repository: str | None = None  # https://github.com/OWNER/NAME, without a trailing slash
    branch: str = "main"

    @property
    def reachable(self) -> bool:
        return bool(self.email or self.form)

    @property
    def mailto(self) -> str | None:
        return f"mailto:{self.email}" if self.email else None

    def change_request(self, page_title: str, page_url: str | None) -> str:
        """Where a person asks for a change to, or the removal of, one page: an e-mail to the
        maintainers that names the page (private, unlike an issue), else the contact form."""
        if not self.email:
            assert self.form, "a site without a contact is refused before pages are made"
            return self.form
        subject = f"Change or removal: {page_title}"
        body = "\n".join((
            f"Page: {page_title}",
            *((f"Address: {page_url}",) if page_url else ()),
            "",
            "What should be changed or removed, and why:",
            "",
        ))
        return (f"mailto:{self.email}?subject={quote(subject, safe='')}"
                f"&body={quote(body, safe='')}")
