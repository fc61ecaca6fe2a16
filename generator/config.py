"""Project configuration, read from the ``extra.diachido`` block of ``mkdocs.yml``.

Keeping it in ``mkdocs.yml`` gives one file for organisers to edit; the renderer
ignores the ``diachido`` block, and we ignore everything else in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .i18n.messages import pick_language, translate
from .records.yaml_source import YamlSourceError, load_yaml_file

CONFIG_FILE = "mkdocs.yml"
# Problems that mean "this is not a settings file at all" rather than a YAML slip.
_NOT_A_MAPPING = {"yaml.not_mapping", "file.empty"}
# The site_url shipped in mkdocs.yml: a real project must set its own before printing a
# plaque (plaques encode it for decades), so build and plaques warn while it is this one.
EXAMPLE_SITE_URL = "https://diachido-thanhhoa.github.io/"


class ConfigError(Exception):
    """``mkdocs.yml`` is missing or does not say what the generator needs."""


@dataclass(frozen=True)
class Bounds:
    """A latitude/longitude box; records outside it are almost surely typos."""

    south: float
    west: float
    north: float
    east: float

    def contains(self, lat: float, lon: float) -> bool:
        return self.south <= lat <= self.north and self.west <= lon <= self.east


@dataclass(frozen=True)
class Organisation:
    name: str = ""
    logo: Path | None = None


@dataclass(frozen=True)
class ProjectConfig:
    root: Path
    site_name: str
    site_url: str
    province: str
    id_prefix: str
    bounds: Bounds
    languages: tuple[str, ...]
    organisation: Organisation
    target: int
    docs_dir: Path
    site_dir: Path
    # Where a visitor sends a photo of a site (``extra.diachido.photo_request``): a web
    # page (Zalo, Facebook, a form) or ``mailto:``; None hides the request.
    photo_request: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def sites_dir(self) -> Path:
        return self.root / "sites"

    def site_name_in(self, lang: str) -> str:
        """The site's name for pages in ``lang``: ``extra.diachido.site_name_en`` on English
        pages when it is set, else ``site_name`` (the Vietnamese name)."""
        english = self.extra.get("site_name_en")
        return str(english) if lang == "en" and english else self.site_name

    @property
    def site_url_is_example(self) -> bool:
        """Whether ``site_url`` is still the example shipped in mkdocs.yml."""
        return self.site_url == EXAMPLE_SITE_URL


def _require(block: dict[str, Any], key: str, path: str) -> Any:
    if key not in block or block[key] in (None, ""):
        raise ConfigError(f"{CONFIG_FILE}: '{path}{key}' is missing")
    return block[key]


def _bounds(raw: Any) -> Bounds:
    try:
        bounds = Bounds(**{k: float(raw[k]) for k in ("south", "west", "north", "east")})
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(
            f"{CONFIG_FILE}: 'extra.diachido.bounds' needs numbers south, west, north, east ({exc})"
        ) from None
    if not (bounds.south < bounds.north and bounds.west < bounds.east):
        raise ConfigError(f"{CONFIG_FILE}: 'extra.diachido.bounds' has south >= north or west >= east")
    return bounds


def _read_mkdocs_yml(path: Path) -> dict[str, Any]:
    """mkdocs.yml through the records' safe loader (size, alias and depth limits), with
    MkDocs' tags (``!!python/name:``, ``!ENV``) read as plain values, never run."""
    if not path.is_file():
        raise ConfigError(f"{path}: not found; run diachido in the project folder or pass --project")
    try:
        return load_yaml_file(path, tags_as_plain=True).data
    except YamlSourceError as exc:
        problem = exc.diagnostic
        if problem.code in _NOT_A_MAPPING:
            raise ConfigError(f"{path}: expected a mapping at the top level") from None
        where = f"{path}:{problem.line}:{problem.column}" if problem.line else str(path)
        message = translate(problem.code, pick_language(), **problem.params)
        raise ConfigError(f"{where}: not valid YAML: {message}") from None


_CONTACT_SCHEMES = ("https://", "http://", "mailto:")


def _photo_request(raw: Any) -> str | None:
    if raw in (None, ""):
        return None
    if not isinstance(raw, str) or not raw.strip().lower().startswith(_CONTACT_SCHEMES) or any(c in raw for c in "<>\"\n"):
        raise ConfigError(f"{CONFIG_FILE}: 'extra.diachido.photo_request' must be one web address (https://...) "
                          "or an email as mailto:name@example.org")
    return raw.strip()


def load_config(root: Path) -> ProjectConfig:
    """Read ``root/mkdocs.yml``; raise ConfigError with a readable message if it is unusable."""
    mkdocs = _read_mkdocs_yml(root / CONFIG_FILE)
    extra = mkdocs.get("extra")
    block = extra.get("diachido") if isinstance(extra, dict) else None
    if not isinstance(block, dict):
        raise ConfigError(f"{CONFIG_FILE}: the 'extra: diachido:' block is missing")
    site_url = str(_require(mkdocs, "site_url", ""))
    if not site_url.endswith("/"):
        site_url += "/"
    org = block.get("organisation") or {}
    languages = block.get("languages") or ["vi"]
    if not isinstance(org, dict):
        raise ConfigError(f"{CONFIG_FILE}: 'extra.diachido.organisation' needs 'name:' (and 'logo:') below it")
    if not isinstance(languages, list):
        raise ConfigError(f"{CONFIG_FILE}: 'extra.diachido.languages' must be a list, e.g. [vi, en]")
    try:
        target = int(block.get("target") or 0)
    except (TypeError, ValueError):
        raise ConfigError(f"{CONFIG_FILE}: 'extra.diachido.target' must be a whole number") from None
    logo = org.get("logo")
    config = ProjectConfig(
        root=root,
        site_name=str(_require(mkdocs, "site_name", "")),
        site_url=site_url,
        province=str(_require(block, "province", "extra.diachido.")),
        id_prefix=str(_require(block, "id_prefix", "extra.diachido.")),
        bounds=_bounds(_require(block, "bounds", "extra.diachido.")),
        languages=tuple(str(lang) for lang in languages),
        organisation=Organisation(name=str(org.get("name") or ""), logo=root / logo if logo else None),
        target=target,
        docs_dir=root / str(mkdocs.get("docs_dir") or "docs"),
        site_dir=root / str(mkdocs.get("site_dir") or "site"),
        photo_request=_photo_request(block.get("photo_request")),
        extra=block,
    )
    _check_link_settings(config)
    return config


def _check_link_settings(config: ProjectConfig) -> None:
    """The repository and Wikidata settings are read only by the build; checking them here
    makes ``diachido check`` fail wherever ``diachido build`` would."""
    from .export.wikidata import wikidata_settings  # late: these modules import this one
    from .repository import repository

    repository(config)
    wikidata_settings(config)
