"""The ``diachido`` command. It only parses arguments and calls the core modules."""

from __future__ import annotations

import datetime as dt
import gc
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from .config import EXAMPLE_REPOSITORY_URL, ConfigError, ProjectConfig, load_config
from .records.diagnostics import Report
from .i18n.messages import pick_language, translate
from .records.ids import LedgerError
from .records.new import InvalidSlugError, LedgerMissingError, SiteExistsError, create_record
from .records.kinds import KINDS, kind_schema_file, kind_schema_text, load_project
from .records.slugs import ref_hint
from .records.validate import LoadResult
from .files import FileProblem, write_text

if TYPE_CHECKING:
    from .records.importer import ImportOutcome


class Context:
    def __init__(self, project: Path, lang: str):
        self.project = project
        self.lang = lang

    def say(self, code: str, **params: object) -> None:
        click.echo(translate(code, self.lang, **params))

    def config(self) -> ProjectConfig:
        """The project's settings; a bad setting is printed where it is, in the reader's
        language, and the command stops (exit 1)."""
        try:
            return load_config(self.project)
        except ConfigError as exc:
            self.stop_on(exc)

    def stop_on(self, exc: ConfigError) -> NoReturn:
        click.echo(exc.describe(self.lang, Path.cwd()), err=True)
        sys.exit(1)


pass_context = click.make_pass_decorator(Context)
LANG_CHOICE = click.Choice(["vi", "en"])
LANG_HELP = "Language of messages (default: DIACHIDO_LANG, then the locale, then vi)."


def _lang_after_command(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value:
        ctx.find_object(Context).lang = value


class _Commands(click.Group):
    """Every command also takes ``--lang`` after its name: volunteers type
    ``diachido check --lang en`` as often as ``diachido --lang en check``."""

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        cmd.params.append(click.Option(["--lang"], type=LANG_CHOICE, expose_value=False, is_eager=True,
                                       callback=_lang_after_command, help=LANG_HELP))
        super().add_command(cmd, name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--project", type=click.Path(file_okay=False, path_type=Path), default=".",
              help="Project folder (the one with mkdocs.yml).")
@click.option("--lang", type=LANG_CHOICE, default=None, help=LANG_HELP)
@click.pass_context
def main(ctx: click.Context, project: Path, lang: str | None) -> None:
    """Địa chỉ đỏ: heritage site records -> website, map and QR plaques."""
    ctx.obj = Context(project.resolve(), pick_language(lang))


def _print_report(ctx: Context, result: LoadResult) -> None:
    report: Report = result.report
    lines = report.render(ctx.lang, base=Path.cwd())
    if lines:  # one write: thousands of warnings, one call each, were a tenth of a check
        click.echo("\n".join(lines), err=True)
    if report.errors:
        ctx.say("summary.failed", files=result.files, errors=len(report.errors), warnings=len(report.warnings))
    else:
        ctx.say("summary.ok", files=result.files, sites=len(result.records), warnings=len(report.warnings))


@main.command()
@pass_context
def check(ctx: Context) -> None:
    """Check every site file and report every problem at once."""
    # A short run that keeps every record to its end: the cycle collector would walk the
    # millions of objects of 5,000 records again and again (a third of a check), and once
    # more at exit, for cycles they do not have. Frozen, they are still freed when dropped.
    gc.disable()
    try:
        result = load_project(ctx.config())
        _print_report(ctx, result)
    finally:
        gc.freeze()
        gc.enable()
    sys.exit(0 if result.ok else 1)


@main.command()
@pass_context
def build(ctx: Context) -> None:
    """Check the records, generate pages into site_docs/ and render the site into site/."""
    config = ctx.config()
    from . import build as build_module  # imported here: it pulls in the map (folium), which check does not need

    try:
        result = build_module.build(config, ctx.lang)
    except ConfigError as exc:  # a setting only the renderer reads that load_config could not check
        ctx.stop_on(exc)
    _print_report(ctx, result.load)
    for warning in result.warnings:
        click.echo(warning, err=True)
    if not result.built:
        if result.renderer_failed:
            click.echo(result.renderer_output, err=True)
            ctx.say("build.renderer_failed")
        for problem in result.problems:
            click.echo(problem, err=True)
        ctx.say("build.kept_previous", site_dir=config.site_dir)
        sys.exit(1)
    ctx.say("build.done", sites=len(result.load.published), site_dir=config.site_dir)
    _warn_example_settings(ctx, config)


def _warn_example_settings(ctx: Context, config: ProjectConfig) -> None:
    """Settings still at the demo's values: plaques and links would lead to the demo."""
    if config.site_url_is_example:
        click.echo(translate("config.example_site_url", ctx.lang, site_url=config.site_url), err=True)
    if config.repository_is_example:
        click.echo(translate("config.example_repository", ctx.lang, url=EXAMPLE_REPOSITORY_URL), err=True)


def _only(ctx: Context, records: list[Any], refs: tuple[str, ...]) -> list[Any]:
    """The records ``refs`` (ids or slugs) name, all without ``refs``; a reference that
    names none of them ends the command with a did-you-mean (exit 1)."""
    for ref in refs:
        if not any(ref in (record.id, record.slug) for record in records):
            known = [name for record in records for name in (record.id, record.slug)]
            ctx.say("refs.unknown", ref=ref, hint=ref_hint(ref, known))
            sys.exit(1)
    return [record for record in records if record.id in refs or record.slug in refs] if refs else records


@main.command()
@click.option("--address", default="127.0.0.1:8000", show_default=True, help="Where to serve the preview.")
@pass_context
def serve(ctx: Context, address: str) -> None:
    """Live preview: rebuilds when a YAML file or photo in sites/ changes."""
    config = ctx.config()
    ctx.say("serve.watching", path=config.sites_dir)
    from .preview.serve import serve as serve_preview  # imports the build, see build()

    sys.exit(serve_preview(config, address, lambda result: _print_report(ctx, result),
                           lambda problem: click.echo(problem, err=True), ctx.lang))


@main.command()
@click.argument("name")
@click.option("--slug", default=None, help="File and URL name (default: from NAME without diacritics).")
@click.option("--kind", "kind_name", type=click.Choice(list(KINDS)), default="site", show_default=True,
              help="What to create: a heritage site, a tour or a village.")
@pass_context
def new(ctx: Context, name: str, slug: str | None, kind_name: str) -> None:
    """Create <kind folder>/<slug>.yml (sites/, tours/, villages/) from its template with the next free id."""
    kind = KINDS[kind_name]
    try:
        path, site_id = create_record(ctx.config(), kind, name, slug)
    except SiteExistsError as exc:
        ctx.say("new.exists", path=exc.path)
        sys.exit(1)
    except InvalidSlugError as exc:
        ctx.say("new.bad_slug", slug=exc.slug)
        sys.exit(1)
    except LedgerMissingError as exc:
        ctx.say("new.ledger_missing", path=exc.path)
        sys.exit(1)
    except LedgerError as exc:
        click.echo(exc.diagnostic.render(ctx.lang, Path.cwd()), err=True)
        sys.exit(1)
    except FileNotFoundError as exc:  # a project without this kind's template
        ctx.say("new.no_template", path=exc.filename)
        sys.exit(1)
    ctx.say("new.created", path=path, id=site_id)


@main.command()
@pass_context
def schema(ctx: Context) -> None:
    """Write the JSON Schemas that editors use to check site (and tour, village) files as you type."""
    config = ctx.config()
    for kind in KINDS.values():  # the site kind's file is sites/site.schema.json
        if kind.folder_path(config).is_dir():
            path = kind.folder_path(config) / kind_schema_file(kind)
            write_text(path, kind_schema_text(kind))
            ctx.say("schema.written", path=path)


@main.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--join", "join_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A second spreadsheet whose columns are added to matching rows (same 'id').")
@click.option("--status", type=click.Choice(["draft", "published"]), default="draft", show_default=True)
@click.option("--delimiter", type=click.Choice([",", ";", "tab"]), default=None,
              help="Cell separator of a CSV (default: read from the header line).")
@pass_context
def import_command(ctx: Context, csv_file: Path, join_file: Path | None, status: str, delimiter: str | None) -> None:
    """Create YAML records from a spreadsheet (CSV in any encoding, or .xlsx).

    All or nothing: if any row is rejected, no record is written. Existing records are never overwritten.
    """
    from .records.importer import CsvImportError, import_csv  # the spreadsheet readers: not for every command

    try:
        outcome = import_csv(ctx.config(), csv_file, join_file, status, "\t" if delimiter == "tab" else delimiter)
    except CsvImportError as exc:
        click.echo(translate(exc.code, ctx.lang, **exc.params), err=True)
        sys.exit(1)
    except LedgerError as exc:  # the ledger cannot be read: no id can be handed out safely
        click.echo(exc.diagnostic.render(ctx.lang, Path.cwd()), err=True)
        sys.exit(1)
    _report_import(ctx, outcome)
    sys.exit(0 if outcome.written else 1)


def _report_import(ctx: Context, outcome: "ImportOutcome") -> None:
    """How the files were read, columns left out, every rejected row's problems, then what was written."""
    for encoding in sorted({e for e in outcome.encodings if e not in ("utf-8", "utf-8-sig", "xlsx")}):
        ctx.say("import.encoding", encoding=encoding)
    if outcome.ignored_columns:
        click.echo(translate("import.ignored_columns", ctx.lang, columns=", ".join(outcome.ignored_columns)), err=True)
    for row, problems in outcome.rejected:
        for problem in problems:
            click.echo(translate("import.rejected", ctx.lang, row=row, field=problem.field,
                                 message=(problem.code, problem.params)), err=True)
    if not outcome.written:
        ctx.say("import.nothing_written", rejected=len(outcome.rejected))
        return
    for row, path, site_id in outcome.created:
        ctx.say("import.created", row=row, path=path.relative_to(ctx.project), id=site_id)
    for row, path in outcome.skipped:
        ctx.say("import.exists", row=row, path=path.relative_to(ctx.project))
    ctx.say("import.summary", created=len(outcome.created), skipped=len(outcome.skipped))


# Spelled out so that --help needs no plaque code; tests/plaques/test_command.py keeps them in step.
PLAQUE_SIZES = ("a6", "a5", "a4", "sticker")
PLAQUE_FORMATS = ("png", "pdf")


@main.command()
@click.option("--size", "sizes", type=click.Choice(PLAQUE_SIZES), multiple=True,
              help="a6 (default), a5, a4 or sticker; repeat for several.")
@click.option("--format", "formats", type=click.Choice(PLAQUE_FORMATS), multiple=True,
              help="png or pdf; repeat for both (the default).")
@click.option("--sheet", is_flag=True, help="Also one PDF for the print shop: plaques on A4 sheets with cut marks, and an index.")
@click.option("--verify", is_flag=True, help="Scan every PNG with zxing-cpp, as a file and as a phone photo, and check the URL.")
@click.option("--record", is_flag=True, help="Add the URLs to plaques/registry.yml: do this when the batch goes to print.")
@click.option("--site", "refs", multiple=True, metavar="ID|SLUG",
              help="Only this published site, tour or village (id or slug); repeat for several: a batch to print "
                   "and --record (the output folder then holds only this batch). Default: all.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: plaques/out).")
@click.option("--installed", "installed_id", metavar="ID", default=None,
              help="Record that ID's plaque was mounted (--date, --where, --material, --size, --replaces).")
@click.option("--checked", "checked_id", metavar="ID", default=None,
              help="Record a visit to ID's plaque (--date, --state, --note).")
@click.option("--date", "when", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Date of the installation or check.")
@click.option("--where", default="", help="Where on the site the plaque hangs, e.g. 'Cổng chính'.")
@click.option("--material", default="", help="What the plaque is made of, e.g. 'nhôm', 'inox'.")
@click.option("--replaces", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="With --installed: the installation date of the plaque this one replaces.")
@click.option("--state", type=click.Choice(["good", "faded", "damaged", "missing"]), default=None,
              help="With --checked: what the plaque looked like.")
@click.option("--note", default="", help="With --checked: what was seen.")
@pass_context
def plaques(ctx: Context, sizes: tuple[str, ...], formats: tuple[str, ...], sheet: bool, verify: bool, record: bool,
            refs: tuple[str, ...], out_dir: Path | None, installed_id: str | None, checked_id: str | None, when: dt.datetime | None,
            where: str, material: str, replaces: dt.datetime | None, state: str | None, note: str) -> None:
    """Print-ready QR plaques (PNG at 300 dpi and PDF) for every published site, tour and village; with
    --installed or --checked, record what happened to a plaque in the field instead."""
    if installed_id or checked_id:
        field = {"when": when.date() if when else None, "where": where, "material": material,
                 "size": sizes[0] if sizes else "", "replaces": replaces.date() if replaces else None,
                 "state": state, "note": note}
        _record_fieldwork(ctx, installed_id, checked_id, field)
        return
    from .plaques import command as plaques_module  # fonts, QR and PDF libraries: load only when needed

    config = ctx.config()
    result = load_project(config)
    if not result.ok:
        _print_report(ctx, result)
        sys.exit(1)
    records = _only(ctx, [*result.published, *result.published_of("tour"), *result.published_of("village")], refs)
    if not records:
        ctx.say("plaques.none")
        sys.exit(1)
    formats = formats or PLAQUE_FORMATS
    if verify and "png" not in formats:
        ctx.say("plaques.verify_pdf_only")
        sys.exit(2)
    sizes = sizes or ("a6",)
    _warn_example_settings(ctx, config)
    out = out_dir or config.root / plaques_module.DEFAULT_OUT_DIR
    try:
        plaques_module.check_printable(config, records, recording=record)
        paths = plaques_module.write_plaques(config, records, out, sizes, formats)
        ctx.say("plaques.written", count=len(paths), path=out)
        for size in sizes if sheet else ():
            path = plaques_module.write_sheet(config, records, out / f"sheet-{size}.pdf", size)
            ctx.say("plaques.sheet_written", path=path, count=len(records))
        if verify:
            pairs = plaques_module.expected_urls(config, paths, records)
            problems = plaques_module.verify_plaques(pairs, ctx.lang)
            for problem in problems:
                click.echo(problem, err=True)
            if problems:
                sys.exit(1)
            ctx.say("plaques.verified", count=len(pairs))
        if record:
            plaques_module.record_printed(config, records)
            ctx.say("plaques.recorded", count=len(records), path=plaques_module.registry_path(config))
    except (plaques_module.PlaqueError, FileProblem) as exc:
        ctx.say(exc.code, **exc.params)
        sys.exit(1)


def _record_fieldwork(ctx: Context, installed_id: str | None, checked_id: str | None, field: dict[str, Any]) -> None:
    """``plaques --installed/--checked``: hand the parsed options to the plaques package."""
    from .plaques import fieldwork
    from .plaques.errors import PlaqueError
    from .plaques.lifecycle import ConditionCheck, Installation, PlaqueState

    config = ctx.config()
    if field["when"] is None:
        ctx.say("plaques.field_needs_date")
        sys.exit(2)
    if checked_id and field["state"] is None:
        ctx.say("plaques.check_needs_state")
        sys.exit(2)
    path = fieldwork.registry_path(config)
    try:
        fieldwork.check_field_date(field["when"])
        for option in ("where", "material", "note"):
            fieldwork.check_field_text(f"--{option}", field[option])
        if installed_id:
            installation = Installation(field["when"], field["where"], field["material"], field["size"])
            fieldwork.record_installed(config, installed_id, installation, field["replaces"])
            ctx.say("plaques.installed_recorded", id=installed_id, date=field["when"], path=path)
        if checked_id:
            check = ConditionCheck(field["when"], PlaqueState(field["state"]), field["note"])
            fieldwork.record_check(config, checked_id, check)
            ctx.say("plaques.check_recorded", id=checked_id, date=field["when"], state=field["state"], path=path)
    except (PlaqueError, FileProblem) as exc:
        ctx.say(exc.code, **exc.params)
        sys.exit(1)


@main.command("export")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: export/ in the project).")
@pass_context
def export_command(ctx: Context, out_dir: Path | None) -> None:
    """Open data: published sites as GeoJSON (RFC 7946), KML and CSV (UTF-8 for Excel); tours as GPX, GeoJSON, KML;
    hand-over bundles (zip and folder with datapackage.json, media, credits) and a Wikidata
    QuickStatements file in ban-giao/."""
    from .export import formats as export_module
    from .export import handover
    from .tours.plan import export_tours

    config = ctx.config()
    result = load_project(config)
    _print_report(ctx, result)
    if not result.ok:
        sys.exit(1)
    out = out_dir or config.root / "export"
    for path in export_module.write_exports(config, result.published, out):
        ctx.say("export.written", path=path, count=len(result.published))
    for path in export_tours(config, result, out / "tours"):
        ctx.say("export.tour_written", path=path)
    bundles = out / handover.HANDOVER_FOLDER
    handover.write_bundles(config, result.published, bundles, unpacked=True)
    ctx.say("export.written", path=bundles, count=len(result.published))


@main.command()
@click.option("--site", "refs", multiple=True, metavar="ID|SLUG",
              help="Only this published site (id or slug); repeat for several. Default: all.")
@click.option("--force", is_flag=True, help="Make the audio again even when it is cached (e.g. after replacing a voice model).")
@pass_context
def narration(ctx: Context, refs: tuple[str, ...], force: bool) -> None:
    """Make the narration audio of published sites (recordings and machine voice) into the
    cache, with a progress bar; the next build then only links it into the site."""
    from .media import MediaError
    from .media import narration as narration_module  # PyAV: load only when needed
    from .site.text import page_languages

    config = ctx.config()
    result = load_project(config)
    if not result.ok:
        _print_report(ctx, result)
        sys.exit(1)
    pages = page_languages(_only(ctx, result.published, refs))
    with tempfile.TemporaryDirectory(prefix="narration-") as out:
        try:
            narrator = narration_module.Narrator.for_project(config, Path(out), refresh=force)
            with click.progressbar(length=len(pages), label=translate("narration.progress", ctx.lang),
                                   file=sys.stderr) as bar:
                done = narration_module.prepare_narrations(narrator, pages, on_progress=lambda: bar.update(1))
        except MediaError as exc:
            click.echo(exc.describe(ctx.lang), err=True)
            sys.exit(1)
    stats = narrator.pipeline.stats
    ctx.say("narration.done", count=len(done), recorded=sum(not n.generated and n.audio is not None for n in done.values()),
            generated=sum(n.generated for n in done.values()), minutes=round(stats.seconds / 60, 1),
            size_kb=round(stats.output_bytes / 1024), made=stats.processed)
