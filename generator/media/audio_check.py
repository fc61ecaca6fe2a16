"""``check`` for narration: recordings decode and fit the limits, the engine can run.

Every recording is decoded here (``audio.probe``, through the ``audio`` media kind
that ``validate`` runs for every record), so a check that passes means the build will
transcode it; a recording already in the audio cache decoded before and is not
decoded again. Problems are positioned like every other record problem.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..config import CONFIG_FILE, ProjectConfig
from ..records.diagnostics import Diagnostic, Severity
from ..records.schema import Language
from ..records.validate import SiteRecord
from . import MediaError, MediaFinding
from .audio import AudioError, cache_dir, cached_audio, content_key, probe
from .narration import NarrationSettings, written_narration
from .tts import Engine

MAX_MINUTES = 15  # visitors listen standing at the site
MIN_SECONDS = 3  # shorter is a slip of the record button


def _duration(path: Path, cache: Path) -> float:
    """Seconds of sound in ``path``; raises AudioError. Cached results are trusted."""
    done = cached_audio(cache, content_key(path.read_bytes()))
    return done.duration if done else probe(path, max_seconds=MAX_MINUTES * 60).duration


def findings(path: Path, root: Path) -> list[MediaFinding]:
    """What is wrong inside one recording (the ``audio`` media kind's content check):
    it does not decode, or it is too long or too short to be a narration."""
    try:
        seconds = _duration(path, cache_dir(root))
    except AudioError as exc:
        return [MediaFinding(exc.code, exc.params)]
    if seconds > MAX_MINUTES * 60:
        return [MediaFinding("audio.too_long", {"minutes": round(seconds / 60, 1), "limit": MAX_MINUTES})]
    if seconds < MIN_SECONDS:
        return [MediaFinding("audio.too_short", {"seconds": round(seconds, 1), "limit": MIN_SECONDS})]
    return []


def _texts(record: SiteRecord) -> Iterable[Diagnostic]:
    """A narration text must have words to say; a recording should have its words
    written out (the transcript deaf visitors and search read)."""
    narration = record.site.narration
    for lang in Language:
        text = getattr(narration, lang.value, None) if narration else None
        if text and not any(char.isalnum() for char in text):
            yield record.at(("narration", lang.value), "narration.no_words")
    for index, recording in enumerate(record.site.audio):
        if not written_narration(record.site, recording.lang.value):
            yield record.at(("audio", index, "file"), "narration.no_transcript", Severity.WARNING,
                            language=recording.lang.value)


def _duplicate_languages(record: SiteRecord) -> Iterable[Diagnostic]:
    """One recording per language: the page plays one."""
    first: dict[Language, int] = {}
    for index, recording in enumerate(record.site.audio):
        if first.setdefault(recording.lang, index) != index:
            yield record.at(("audio", index, "lang"), "audio.duplicate_lang", language=recording.lang.value,
                            other=first[recording.lang])


def _engine_problems(engine: Engine | None, config: ProjectConfig) -> list[Diagnostic]:
    """The engine and its voice for each page language must run, or the build would fail."""
    problems = []
    for lang in config.languages if engine else ():
        if engine.speaks(lang):
            try:
                engine.fingerprint(lang)
            except MediaError as exc:
                problem = _config_problem(config, exc)
                if problem not in problems:  # a missing engine fails every language alike: say it once
                    problems.append(problem)
    return problems


def _config_problem(config: ProjectConfig, exc: MediaError) -> Diagnostic:
    return Diagnostic(config.root / CONFIG_FILE, 0, 0, "extra.diachido.narration", exc.code, exc.params)


def check_narration(records: list[SiteRecord], config: ProjectConfig) -> list[Diagnostic]:
    """Problems with recordings, narration texts and narration settings; a warning for
    each published site whose visitors would get no Vietnamese narration to listen to."""
    try:
        engine = NarrationSettings.from_config(config).make_engine(config.root)
    except MediaError as exc:
        return [_config_problem(config, exc)]
    problems = _engine_problems(engine, config)
    machine_vi = engine is not None and engine.speaks("vi") and not problems
    for record in records:
        problems.extend(_duplicate_languages(record))
        problems.extend(_texts(record))
        site = record.site
        if site.is_published and not machine_vi and not any(r.lang is Language.VI for r in site.audio):
            problems.append(record.at(("status",), "narration.missing_vi", Severity.WARNING))
    return problems
