"""Shared helpers for the site-record tests: throw-away projects and record fixtures.

A *records project* is a temporary copy of the real ``mkdocs.yml``, the hand-written
part of ``site_docs/``, ``sites/_template.yml`` and ``sites/site.schema.json``, plus
whichever sample sites and fixture records a test asks for. Tests never touch the
working tree's own ``sites/``, ``site_docs/`` or ``site/``.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path
from typing import Iterable, Iterator

import pytest
from click.testing import CliRunner, Result

from generator.config import ProjectConfig, load_config
from generator.media.audio import CACHE_ENV
from generator.records.diagnostics import Diagnostic
from generator.records.validate import LoadResult, load_sites

REPO_ROOT = Path(__file__).resolve().parents[1]
SAMPLE_SITES_DIR = REPO_ROOT / "sites"
RECORD_FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures" / "records"
# A handful of real samples: a special-national site, a commune-centroid point, a
# revolutionary site; enough for a build without paying for all 42.
FEW_SAMPLES = ("lam-kinh", "thanh-nha-ho", "nha-me-tom", "cau-ham-rong")
# Locale variables that would switch messages to English behind a test's back.
LANGUAGE_ENV_VARS = ("DIACHIDO_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


def sample_site_names() -> list[str]:
    """Slugs (file stems) of every shipped sample site."""
    return sorted(p.stem for p in SAMPLE_SITES_DIR.glob("*.yml") if not p.name.startswith("_"))


def make_records_project(root: Path, samples: Iterable[str] = (), *, ledger: bool = False, docs: bool = True) -> Path:
    """Create a project in ``root`` with the given sample sites (file stems) copied in.

    ``ledger=True`` also copies ``sites/_ids.txt``, so new ids continue after the
    shipped ones as they would in the real project; ``docs=False`` leaves out the
    hand-written ``site_docs/`` (enough for checking, not for building).
    """
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO_ROOT / "mkdocs.yml", root / "mkdocs.yml")
    if docs:
        _copy_hand_written_docs(root / "site_docs")
    sites = root / "sites"
    sites.mkdir()
    for name in ("_template.yml", "site.schema.json") + (("_ids.txt",) if ledger else ()):
        shutil.copy2(SAMPLE_SITES_DIR / name, sites / name)
    for stem in samples:
        shutil.copy2(SAMPLE_SITES_DIR / f"{stem}.yml", sites / f"{stem}.yml")
    return root


def _copy_hand_written_docs(target: Path) -> None:
    from generator.build import GENERATED_DIRS  # late: only builds need it

    source = REPO_ROOT / "site_docs"
    generated = {source / name for name in GENERATED_DIRS}
    shutil.copytree(source, target, ignore=lambda folder, names: [n for n in names if Path(folder) / n in generated])


def add_record_fixture(project: Path, name: str, dest: str | None = None) -> Path:
    """Copy ``tests/fixtures/records/<name>`` (a file, or a folder of files) into ``sites/``."""
    source = RECORD_FIXTURES_DIR / name
    if source.is_dir():
        for item in sorted(source.iterdir()):
            shutil.copy2(item, project / "sites" / item.name)
        return project / "sites"
    target = project / "sites" / (dest or name)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)
    return target


def record_fixture_text(name: str) -> str:
    return (RECORD_FIXTURES_DIR / name).read_text(encoding="utf-8")


def load_project(project: Path) -> LoadResult:
    return load_sites(load_config(project))


def project_config(project: Path) -> ProjectConfig:
    return load_config(project)


def problems(result: LoadResult) -> list[tuple[str, int, int, str, str]]:
    """Every diagnostic of ``result`` as ``where()`` tuples, in report order."""
    return [where(d) for d in result.report.sorted()]


def only_diagnostic(result: LoadResult) -> Diagnostic:
    """The single diagnostic of ``result``; fails, listing them, if there is not exactly one."""
    found = result.report.sorted()
    assert len(found) == 1, problems(result)
    return found[0]


def where(diagnostic: Diagnostic) -> tuple[str, int, int, str, str]:
    """(file name, line, column, field, code): what every assertion on a problem checks."""
    return diagnostic.path.name, diagnostic.line, diagnostic.column, diagnostic.field, diagnostic.code


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path, for byte-identical comparisons."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run_cli(project: Path, *args: str, env: dict[str, str | None] | None = None) -> Result:
    """Run ``diachido --project <project> ARGS`` in-process through click's runner.

    It runs from inside the project (so messages show ``sites/x.yml``), with the
    locale cleared so the default language really is the default; ``env`` sets
    variables for this run only.
    """
    from generator.cli import main as cli_main

    run_env: dict[str, str | None] = {name: None for name in LANGUAGE_ENV_VARS}
    run_env.update(env or {})
    with contextlib.chdir(project):
        return CliRunner().invoke(cli_main, ["--project", str(project), *args], env=run_env)


@pytest.fixture
def records_project(tmp_path: Path) -> Path:
    """An empty project: configuration and template, no sites (and no site_docs/)."""
    return make_records_project(tmp_path / "project", docs=False)


@pytest.fixture
def sample_project(tmp_path: Path) -> Path:
    """A project with a few real sample sites and the real id ledger."""
    return make_records_project(tmp_path / "project", FEW_SAMPLES, ledger=True)


@pytest.fixture(autouse=True, scope="session")
def shared_audio_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One narration audio cache for the whole run: every test build of the samples speaks
    the same texts, so the machine voice runs once per text, not once per test project."""
    folder = tmp_path_factory.mktemp("audio-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_ENV, str(folder))
        yield folder


@pytest.fixture
def generator_package_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the generator package that the generator's version (media.cache) is
    computed from, to edit it as a developer would."""
    from generator.media import cache

    copy = tmp_path / "generator"
    shutil.copytree(cache.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE_DIR", copy)
    cache.generator_version.cache_clear()
    yield copy
    cache.generator_version.cache_clear()
