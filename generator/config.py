"""Project configuration, read from the ``extra.diachido`` block of ``mkdocs.yml``.

Keeping it in ``mkdocs.yml`` gives one file for organisers to edit; the renderer
ignores the ``diachido`` block, and we ignore everything else in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .i18n.messages import pick_language
from .records.diagnostics import Diagnostic, FieldPath, field_name
from .records.yaml_source import YamlDocument, YamlSourceError, load_yaml_file

CONFIG_FILE = "mkdocs.yml"
# Problems that mean "this is not a settings file at all" rather than a YAML slip.
_NOT_A_MAPPING = {"yaml.not_mapping", "file.empty"}
# The site_url shipped in mkdocs.yml: a real project must set its own before printing a
# plaque (plaques encode it for decades), so build and plaques warn while it is this one.
EXAMPLE_SITE_URL = "https://diachido-thanhhoa.github.io/"
# The repository shipped in mkdocs.yml (extra.diachido.repository.url): every edit and
# "Báo lỗi" link would send a real project's volunteers to the demo's repository.
EXAMPLE_REPOSITORY_URL = "https://github.com/diachido-thanhhoa/diachido-thanhhoa.github.io"

_DIACHIDO: FieldPath = ("extra", "diachido")


class ConfigError(Exception):
    """``mkdocs.yml`` is missing or does not say what the generator needs.

    ``code`` and ``params`` are a message of the catalogue; ``setting`` is the path of the
    setting at fault (``("extra", "diachido", "target")``; empty for the file as a whole).
    ``load_config`` places it (``at``): the file, and the setting's line and column.
    """

    def __init__(self, code: str, setting: FieldPath = (), **params: object) -> None:
        super().__init__(code, setting, params)
        self.code, self.setting, self.params = code, setting, params
        self.file, self.line, self.column = Path(CONFIG_FILE), 0, 0

    def __reduce__(self) -> tuple[object, ...]:
        # Raised in a worker process, it must survive the trip back with its place.
        return _config_error, (self.code, self.setting, self.params, self.file, self.line, self.column)

    def at(self, document: YamlDocument | None, file: Path) -> "ConfigError":
        """This error placed in ``file`` at its setting's line (its nearest parent's if
        the setting is absent); without a ``document`` (the file unread), no line."""
        self.file = file
        if document is not None and self.setting:
            self.line, self.column = document.position_of(self.setting)
        return self

    def diagnostic(self) -> Diagnostic:
        return Diagnostic(self.file, self.line, self.column, field_name(self.setting), self.code, self.params)

    def describe(self, lang: str, base: Path | None = None) -> str:
        """``mkdocs.yml:78:13: extra.diachido.target: ...`` in ``lang``; paths relative to ``base``."""
        return self.diagnostic().render(lang, base)

    def __str__(self) -> str:
        return self.describe(pick_language())


def _config_error(code: str, setting: FieldPath, params: dict[str, object], file: Path, line: int,
                  column: int) -> ConfigError:
    error = ConfigError(code, setting, **params)
    error.file, error.line, error.column = file, line, column
    return error


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

    @property
    def repository_is_example(self) -> bool:
        """Whether ``extra.diachido.repository.url`` is still the demo's repository."""
        block = self.extra.get("repository")
        url = str(block.get("url") or "") if isinstance(block, dict) else ""
        return url.strip().rstrip("/") == EXAMPLE_REPOSITORY_URL


def _require(block: dict[str, Any], key: str, parent: FieldPath) -> Any:
    if key not in block or block[key] in (None, ""):
        raise ConfigError("config.missing", (*parent, key))
    return block[key]


def _bounds(raw: Any) -> Bounds:
    setting = (*_DIACHIDO, "bounds")
    try:
        bounds = Bounds(**{k: float(raw[k]) for k in ("south", "west", "north", "east")})
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError("config.bounds_numbers", setting, reason=str(exc)) from None
    if not (bounds.south < bounds.north and bounds.west < bounds.east):
        raise ConfigError("config.bounds_order", setting)
    return bounds


def _target(raw: Any) -> int:
    """The number of sites to publish; 0 when unset (the dashboard then shows no share)."""
    if raw in (None, ""):
        return 0
    whole = raw if isinstance(raw, int) and not isinstance(raw, bool) else None
    if isinstance(raw, str) and raw.strip().isdigit():
        whole = int(raw.strip())
    if whole is None or whole < 1:
        raise ConfigError("config.target", (*_DIACHIDO, "target"), got=str(raw))
    return whole


def _read_mkdocs_yml(path: Path) -> YamlDocument:
    """mkdocs.yml through the records' safe loader (size, alias and depth limits), with
    MkDocs' tags (``!!python/name:``, ``!ENV``) read as plain values, never run."""
    if not path.is_file():
        raise ConfigError("config.not_found").at(None, path)
    try:
        return load_yaml_file(path, tags_as_plain=True)
    except YamlSourceError as exc:
        problem = exc.diagnostic
        if problem.code in _NOT_A_MAPPING:
            raise ConfigError("config.not_mapping").at(None, path) from None
        error = ConfigError("config.not_yaml", problem=(problem.code, problem.params)).at(None, path)
        error.line, error.column = problem.line, problem.column
        raise error from None


_CONTACT_SCHEMES = ("https://", "http://", "mailto:")


def _photo_request(raw: Any) -> str | None:
    if raw in (None, ""):
        return None
    if not isinstance(raw, str) or not raw.strip().lower().startswith(_CONTACT_SCHEMES) or any(c in raw for c in "<>\"\n"):
        raise ConfigError("config.photo_request", (*_DIACHIDO, "photo_request"))
    return raw.strip()


def load_config(root: Path) -> ProjectConfig:
    """Read ``root/mkdocs.yml`` and check every setting the generator reads.

    Raises ConfigError, placed at the setting's line, when the file is unusable.
    """
    path = root / CONFIG_FILE
    document = _read_mkdocs_yml(path)
    try:
        config = _settings(root, document.data)
        _check_link_settings(config)
    except ConfigError as exc:
        raise exc.at(document, path) from None
    return config


def _settings(root: Path, mkdocs: dict[str, Any]) -> ProjectConfig:
    extra = mkdocs.get("extra")
    block = extra.get("diachido") if isinstance(extra, dict) else None
    if not isinstance(block, dict):
        raise ConfigError("config.block_missing", _DIACHIDO)
    site_url = str(_require(mkdocs, "site_url", ()))
    if not site_url.endswith("/"):
        site_url += "/"
    org = block.get("organisation") or {}
    languages = block.get("languages") or ["vi"]
    if not isinstance(org, dict):
        raise ConfigError("config.organisation", (*_DIACHIDO, "organisation"))
    if not isinstance(languages, list):
        raise ConfigError("config.languages", (*_DIACHIDO, "languages"))
    logo = org.get("logo")
    return ProjectConfig(
        root=root,
        site_name=str(_require(mkdocs, "site_name", ())),
        site_url=site_url,
        province=str(_require(block, "province", _DIACHIDO)),
        id_prefix=str(_require(block, "id_prefix", _DIACHIDO)),
        bounds=_bounds(_require(block, "bounds", _DIACHIDO)),
        languages=tuple(str(lang) for lang in languages),
        organisation=Organisation(name=str(org.get("name") or ""), logo=root / logo if logo else None),
        target=_target(block.get("target")),
        docs_dir=root / str(mkdocs.get("docs_dir") or "docs"),
        site_dir=root / str(mkdocs.get("site_dir") or "site"),
        photo_request=_photo_request(block.get("photo_request")),
        extra=block,
    )


def _check_link_settings(config: ProjectConfig) -> None:
    """The repository, Wikidata and map settings are read only by the build; checking them
    here makes ``diachido check`` fail wherever ``diachido build`` would."""
    from .export.wikidata import wikidata_settings  # late: these modules import this one
    from .map.settings import map_settings
    from .repository import repository

    repository(config)
    wikidata_settings(config)
    map_settings(config)
