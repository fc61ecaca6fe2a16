"""Project configuration, read from the ``extra.diachido`` block of ``mkdocs.yml``.

Keeping it in ``mkdocs.yml`` gives one file for organisers to edit; the renderer
ignores the ``diachido`` block, and we ignore everything else in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

CONFIG_FILE = "mkdocs.yml"


class ConfigError(Exception):
    """``mkdocs.yml`` is missing or does not say what the generator needs."""


class _TolerantLoader(yaml.SafeLoader):
    """Safe loader that reads MkDocs' ``!!python/name:`` and ``!ENV`` tags as plain text.

    mkdocs.yml may legitimately use them for the renderer; we never execute them.
    """


def _construct_unknown_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_TolerantLoader.add_multi_constructor("", _construct_unknown_tag)


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
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def sites_dir(self) -> Path:
        return self.root / "sites"


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


def load_config(root: Path) -> ProjectConfig:
    """Read ``root/mkdocs.yml``; raise ConfigError with a readable message if it is unusable."""
    path = root / CONFIG_FILE
    try:
        mkdocs = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_TolerantLoader)
    except FileNotFoundError:
        raise ConfigError(f"{path}: not found; run diachido in the project folder or pass --project") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(mkdocs, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
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
    return ProjectConfig(
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
        extra=block,
    )
