"""Links into the project's repository: edit a record, open a prefilled issue form.

Configured in ``mkdocs.yml``::

    extra:
      diachido:
        repository:
          url: https://github.com/ORG/REPO
          branch: main

Without ``repository.url`` every function here returns None and the pages leave the
links out. Issue forms (``.github/ISSUE_TEMPLATE/*.yml``) are prefilled through query
parameters named after the form's field ids (GitHub's documented behaviour), so the
``site-id`` field of each form arrives filled in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

from .config import ConfigError

if TYPE_CHECKING:
    from .config import ProjectConfig

# The issue forms shipped in .github/ISSUE_TEMPLATE/ (tests keep these names in step).
ISSUE_FORMS = {"new_site": "them-di-tich.yml", "fix_site": "sua-thong-tin.yml", "plaque": "bao-loi-bang-qr.yml"}
SITE_ID_FIELD = "site-id"
_SETTING = ("extra", "diachido", "repository")


@dataclass(frozen=True)
class Repository:
    url: str  # https://github.com/ORG/REPO, no trailing slash
    branch: str = "main"

    def edit_url(self, path: str) -> str:
        """The web editor of ``path`` (relative to the repository root, '/'-separated)."""
        return f"{self.url}/edit/{quote(self.branch)}/{quote(path)}"

    def issue_url(self, form: str, title: str, site_id: str) -> str:
        """A new issue from the form ``form`` (a key of ISSUE_FORMS) with the site id filled in."""
        query = urlencode({"template": ISSUE_FORMS[form], "title": title, SITE_ID_FIELD: site_id})
        return f"{self.url}/issues/new?{query}"


def repository(config: "ProjectConfig") -> Repository | None:
    """The configured repository, or None when ``extra.diachido.repository.url`` is empty.

    Raises ConfigError when it is set but is not an https URL.
    """
    block = config.extra.get("repository") or {}
    if not isinstance(block, dict):
        raise ConfigError("config.repository_shape", _SETTING)
    url = str(block.get("url") or "").strip().rstrip("/")
    if not url:
        return None
    if not url.startswith("https://") or any(ch in url for ch in " \"'<>?#"):
        raise ConfigError("config.repository_url", (*_SETTING, "url"), got=url)
    return Repository(url, str(block.get("branch") or "main"))
