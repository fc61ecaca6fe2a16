"""``diachido build``: records -> generated content in site_docs/ -> rendered site/.

Order matters for safety: validate everything first (nothing is touched on error),
render into staging folders, run the renderer into a staging site, and only then
swap the results in, each with one atomic exchange (see ``files``). A failure at
any step leaves the previous site/ as it was and says which path failed; one
build runs at a time per project (a lock under ``.diachido/``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .config import ProjectConfig
from .dashboard.writer import finish_organiser_pages, write_organiser_pages
from .export.handover import write_site_handover
from .export.formats import write_site_exports
from .map.data import MAP_PAGE_DIR
from .map.page import write_map
from .i18n.messages import translate
from .media import MediaError
from .site.writer import finish_rendered_site, write_visitor_site
from .plaques.registry import check_registry
from .plaques.command import PlaqueError, write_site_downloads
from .records.kinds import load_project
from .records.listing import kind_listings
from .records.validate import LoadResult
from .tours.page import finish_tours, write_tours
from .villages.page import finish_villages, write_villages
from .records.schema import Site
from .urls import (DASHBOARD_DIR, ENGLISH_DIR, GUIDE_DIR, LISTS_DIR, SEARCH_DIRS, SHORT_DIR, SITE_PAGES_DIR,
                   TOUR_PAGES_DIR, VILLAGE_PAGES_DIR)
from .parallel import in_background
from .files import (FileProblem, clean_leftovers, file_problem, keep_unchanged_times, project_lock, published_path,
                    remove_tree, replace_dir, staging_dir)

# Folders of site_docs/ that the generator owns and rewrites on every build;
# everything else in site_docs/ is hand-written and left alone.
GENERATED_DIRS = (SITE_PAGES_DIR, SHORT_DIR, f"{ENGLISH_DIR}/{SITE_PAGES_DIR}", "generated",
                  MAP_PAGE_DIR, f"{ENGLISH_DIR}/{MAP_PAGE_DIR}",
                  LISTS_DIR, SEARCH_DIRS["vi"], f"{ENGLISH_DIR}/{SEARCH_DIRS['en']}",
                  TOUR_PAGES_DIR, f"{ENGLISH_DIR}/{TOUR_PAGES_DIR}", VILLAGE_PAGES_DIR, f"{ENGLISH_DIR}/{VILLAGE_PAGES_DIR}",
                  DASHBOARD_DIR, GUIDE_DIR)
# Where the generated parts that hand-written pages include live, and the include mark.
SNIPPETS_DIR = "generated/parts"
SNIPPET_MARK = "--8<--"

# A content writer takes the published sites and the staging docs root; what it
# returns (some report what they wrote) is not used here.
ContentWriter = Callable[[ProjectConfig, list[Site], Path], object]


# Writers run here, while PARALLEL_WRITERS run on the other core.
CONTENT_WRITERS: list[ContentWriter] = [write_visitor_site]
# Writers whose output only LATE_WRITERS read: a forked process runs them on the other
# core while CONTENT_WRITERS run here (``parallel.in_background``).
PARALLEL_WRITERS: list[ContentWriter] = [write_site_exports]
# Writers run once both lists above are done: the map links the English pages that
# exist and lists the exports for download, with their sizes.
LATE_WRITERS: list[ContentWriter] = [write_map]
# Writers of files that MkDocs only copies and no page reads (the pages link them by a
# path they know beforehand, and name no size): a build writes them into a folder of
# their own on the other core while MkDocs renders, and adds them to the rendered site
# (as MkDocs would have copied them) and to site_docs/ after it (``render_with_static``).
# The preview writes them with the rest (``generate_content``), as ``mkdocs serve`` copies them.
STATIC_WRITERS: list[ContentWriter] = [write_site_downloads, write_site_handover]
# Content writers that also show the other kinds' published records (tours, villages)
# beside the sites: search, site pages, the big map. They take their listings too.
SHOWS_LISTINGS: tuple[object, ...] = (write_visitor_site, write_map)

# Writers and post-render steps of the other record kinds (tours, villages): they take
# the whole load (published sites and the other kinds' records).
KindStep = Callable[[ProjectConfig, LoadResult, Path], None]
KIND_WRITERS: list[KindStep] = [write_tours, write_villages, write_organiser_pages]
KIND_POST_RENDER: list[KindStep] = [finish_tours, finish_villages, finish_organiser_pages]

# A site check inspects the rendered (staged) site and returns readable problems;
# any problem stops the build before the new site replaces the old one.
SiteCheck = Callable[[ProjectConfig, Path, str], list[str]]


def _check_printed_plaques(config: ProjectConfig, site_dir: Path, lang: str) -> list[str]:
    """Every URL ever printed on a plaque must still open a page: they hang for decades."""
    problems = check_registry(config, site_dir, lang)
    return problems + [translate("build.plaques_broken", lang, count=len(problems))] if problems else []


SITE_CHECKS: list[SiteCheck] = [_check_printed_plaques]

# A post-render step completes the rendered (staged) site before the checks run:
# e.g. full copies of site pages at their permanent s/<ID>/ address, the service worker.
PostRenderStep = Callable[[ProjectConfig, list[Site], Path], None]
POST_RENDER_STEPS: list[PostRenderStep] = [finish_rendered_site]


@dataclass
class BuildResult:
    load: LoadResult
    built: bool = False
    renderer_failed: bool = False
    renderer_output: str = ""
    # Readable problems from SITE_CHECKS and the filesystem (already in the reader's words).
    problems: list[str] = field(default_factory=list)
    # Readable warnings: e.g. an old tree that could not be deleted after the swap.
    warnings: list[str] = field(default_factory=list)


@dataclass
class Generated:
    """What ``generate_content`` did: old trees it could not delete, and how many
    files of the generated folders are new or changed, relative to site_docs/
    (unchanged files keep their times, so a dirty render redoes only changed pages)."""

    leftovers: list[Path] = field(default_factory=list)
    changed_files: list[str] = field(default_factory=list)


def generate_content(config: ProjectConfig, sites: list[Site], load: LoadResult | None = None,
                     static: bool = True) -> Generated:
    """Write all generated folders of site_docs/, each swapped in whole; ``load`` (from
    ``load_project``) brings the other record kinds. ``static=False`` leaves out the
    files of STATIC_WRITERS (a build makes them during the render: ``render_with_static``).

    Raises FileProblem (naming the path) or PlaqueError, leaving site_docs/ as it was.
    The caller holds the project lock.
    """
    staging = staging_dir(config.root, "docs")
    done = Generated()
    listings = kind_listings(load) if load is not None else []
    try:
        try:
            with in_background(lambda: _run_writers(PARALLEL_WRITERS, config, sites, staging)):
                if static:
                    _run_writers(STATIC_WRITERS, config, sites, staging)
                for writer in CONTENT_WRITERS:
                    writer(config, sites, staging, *([listings] if writer in SHOWS_LISTINGS else []))
            for writer in LATE_WRITERS:
                writer(config, sites, staging, *([listings] if writer in SHOWS_LISTINGS else []))
            for kind_writer in KIND_WRITERS:
                kind_writer(config, load or LoadResult(), staging)
            done.changed_files = [f"{name}/{path}" for name in GENERATED_DIRS
                                  for path in _keep_unchanged(staging / name, config.docs_dir / name)]
        except OSError as exc:
            raise file_problem(exc, staging) from None
        # All swaps first, then the deletions: a watching renderer sees one burst of changes.
        old_trees = [old for name in GENERATED_DIRS for old in replace_dir(staging / name, config.docs_dir / name,
                                                                             remove_old=False)]
        if any(path.startswith(SNIPPETS_DIR + "/") for path in done.changed_files):
            try:
                _touch_snippet_readers(config)
            except OSError as exc:
                raise file_problem(exc, config.docs_dir) from None
        done.leftovers += [old for old in old_trees if not remove_tree(old)]
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return done


def _run_writers(writers: list[ContentWriter], config: ProjectConfig, sites: list[Site], docs_root: Path) -> None:
    for writer in writers:
        writer(config, sites, docs_root)


def _keep_unchanged(new: Path, old: Path) -> list[str]:
    new.mkdir(parents=True, exist_ok=True)
    return keep_unchanged_times(new, old)


def _touch_snippet_readers(config: ProjectConfig) -> None:
    """Hand-written pages that include generated parts (``--8<--``, pymdownx.snippets)
    change when the parts do: mark them newer so a dirty render redoes them too."""
    for folder, subfolders, names in os.walk(config.docs_dir):
        relative = Path(folder).relative_to(config.docs_dir)
        subfolders[:] = [name for name in subfolders if (relative / name).as_posix() not in GENERATED_DIRS]
        for name in names:
            page = Path(folder) / name
            if name.endswith(".md") and SNIPPET_MARK in page.read_text(encoding="utf-8"):
                os.utime(page)


def reproducible_env(config: ProjectConfig) -> dict[str, str]:
    """Pin the build date (sitemaps, archives) so the same input gives the same bytes."""
    env = dict(os.environ)
    # We render only generated content, so MkDocs 2's plugin removal does not affect
    # us (README, "Renderers"); the banner would bury volunteers' own messages.
    env.setdefault("NO_MKDOCS_2_WARNING", "true")
    if "SOURCE_DATE_EPOCH" not in env:
        env["SOURCE_DATE_EPOCH"] = _commit_time(config.root)
    return env


def _commit_time(root: Path) -> str:
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=True)
        return out.stdout.strip() or "0"
    except (OSError, subprocess.CalledProcessError):
        return "0"


def render_site(config: ProjectConfig) -> tuple[Path | None, str]:
    """Run MkDocs into a staging folder; return it (None on failure) and its output."""
    target = staging_dir(config.root, "site")
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean",
               "--config-file", str(config.root / "mkdocs.yml"), "--site-dir", str(target)]
    run = subprocess.run(command, cwd=config.root, capture_output=True, text=True, env=reproducible_env(config))
    if run.returncode != 0:
        shutil.rmtree(target, ignore_errors=True)
        return None, run.stdout + run.stderr
    return target, run.stdout + run.stderr


def render_with_static(config: ProjectConfig, sites: list[Site]) -> tuple[Path | None, str]:
    """``render_site`` while a forked process runs STATIC_WRITERS into a staging folder
    of their own (MkDocs never sees a half-written tree); then their files are copied
    into the rendered site and moved into site_docs/. The rendered site is what a render
    of site_docs/ with those files already in it gives, byte for byte.

    Raises what the writers raise (OSError, PlaqueError) with nothing rendered left
    behind; the published site/ is not touched here."""
    static = staging_dir(config.root, "docs-static")  # "docs-": cleaned up like the docs staging
    rendered: Path | None = None
    try:
        # slack: the render is the longer part and decides when the build ends.
        with in_background(lambda: _run_writers(STATIC_WRITERS, config, sites, static), slack=True):
            rendered, output = render_site(config)
        _add_static(static, [rendered] if rendered is not None else [], config.docs_dir)
    except BaseException:
        if rendered is not None:
            shutil.rmtree(rendered, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(static, ignore_errors=True)
    return rendered, output


def _add_static(static: Path, copies: list[Path], docs_dir: Path) -> None:
    """Each file under ``static``: copied to the same place in each of ``copies`` (as
    MkDocs copies a static file), then moved to the same place in ``docs_dir``."""
    for folder, _, names in os.walk(static):
        relative = Path(folder).relative_to(static)
        for target in [*copies, docs_dir] if names else []:
            (target / relative).mkdir(parents=True, exist_ok=True)
        for name in names:
            for copy in copies:
                shutil.copyfile(Path(folder) / name, copy / relative / name)
            os.replace(Path(folder) / name, docs_dir / relative / name)


def build(config: ProjectConfig, lang: str = "vi") -> BuildResult:
    """Validate, generate, render and publish; see BuildResult for what went wrong."""
    result = BuildResult(load=load_project(config))
    if not result.load.ok:
        return result
    try:
        published_path(config.site_dir)  # fail before the slow part if site/ cannot be replaced
        with project_lock(config.root):
            clean_leftovers(config.root)
            _generate_and_publish(config, result, lang)
    except (FileProblem, PlaqueError) as exc:  # PlaqueError: e.g. a name with a character the font lacks
        result.problems.append(translate(exc.code, lang, **exc.params))
    except MediaError as exc:  # e.g. the speech engine failing on a text
        result.problems.append(exc.describe(lang))
    return result


def _generate_and_publish(config: ProjectConfig, result: BuildResult, lang: str) -> None:
    leftovers = generate_content(config, result.load.published, result.load, static=False).leftovers
    try:
        rendered, result.renderer_output = render_with_static(config, result.load.published)
    except OSError as exc:
        raise file_problem(exc, config.root) from None
    if rendered is None:
        result.renderer_failed = True
        return
    try:
        for step in POST_RENDER_STEPS:
            step(config, result.load.published, rendered)
        for kind_step in KIND_POST_RENDER:
            kind_step(config, result.load, rendered)
        for check in SITE_CHECKS:
            result.problems.extend(check(config, rendered, lang))
        if not result.problems:
            leftovers += replace_dir(rendered, config.site_dir)
            result.built = True
    except OSError as exc:
        raise file_problem(exc, rendered) from None
    finally:
        if not result.built:
            shutil.rmtree(rendered, ignore_errors=True)
    result.warnings += [translate("build.old_not_removed", lang, path=path) for path in leftovers]
