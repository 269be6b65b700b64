"""The site's own settings: `site.yml` at the project root, once for the whole site (every
edition and version published from this project), validated by a pydantic model that
forbids unknown keys.

- `url`: the public address `_site/` is served at (`https://example.org/briefing/`). Set,
  the PDF's links (every "Data (CSV)", the version's address) are absolute, so a downloaded
  PDF still works, and every page carries a canonical link and its Open Graph address.
  Unset (or no `site.yml`): everything stays relative, the site works from any folder.
- `publisher`: who issues the briefing, named as author and institution in its citations.
  Unset: citations lead with the title (an anonymous report).

An empty `site.yml` (comments only) is the same as none."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator

from briefing.infra.yaml_model import load_model

SITE_FILE = "site.yml"


class Site(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    url: HttpUrl | None = Field(default=None, description="The public address `_site/` is served at.")
    publisher: str | None = Field(default=None, min_length=1, description="Who issues the briefing (citations).")

    @field_validator("url")
    @classmethod
    def _plain(cls, url: HttpUrl | None) -> HttpUrl | None:
        if url is not None and (url.query or url.fragment):
            raise ValueError("must be the site's folder address, without ?query or #fragment")
        return url

    @property
    def base(self) -> str | None:
        """The public address with one trailing slash (a folder), or None."""
        return str(self.url).rstrip("/") + "/" if self.url is not None else None


def load_site(root: Path) -> Site:
    """`root/site.yml`, or the defaults when it is absent or holds only comments."""
    path = root / SITE_FILE
    if not path.is_file():
        return Site()
    lines = path.read_text(encoding="utf-8").splitlines()
    if not any(line.strip() and not line.lstrip().startswith("#") for line in lines):
        return Site()
    return load_model(path, Site, "must be a YAML mapping of site settings (url, publisher)",
                      unknown="unknown key (site.yml knows url and publisher)")
