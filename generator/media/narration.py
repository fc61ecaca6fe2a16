"""Narration for each site page: a volunteer's recording, else generated speech.

For every published site and page language the best narration available is chosen:

1. the recording listed under ``audio:`` in that language (transcoded by ``audio``);
2. speech made by the engine configured in ``mkdocs.yml`` from the record's
   ``narration`` text or, without one, from its name, summary and history, with
   numbers, dates and abbreviations spelled out where that is safe (``spoken_vi``);
3. the text alone: the page offers the phone's own voice when it has one
   (``site/static/narration-player.js``).

Settings, ``extra.diachido.narration`` in ``mkdocs.yml``::

    narration:
      engine: espeak-ng            # espeak-ng | piper | none (the default)
      voices: {vi: vi, en: en-us}  # espeak-ng voice names, or piper model paths
      speed: 150                   # words per minute (espeak-ng)
"""

from __future__ import annotations

import html
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import nh3

from ..config import ProjectConfig
from ..records.schema import NARRATION_MAX, Site
from . import MediaError
from .audio import AudioError, AudioPipeline, ProcessedAudio, content_key
from .spoken_vi import spoken_vi
from .tts import ENGINES, Engine, make_engine

# Language -> rewrite of written text into what an engine should read.
SPOKEN_FORMS: dict[str, Callable[[str], str]] = {"vi": spoken_vi}
_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|tr)>")
_SENTENCE_END = ".!?…:;"
SPEED_RANGE = (80, 400)  # words per minute: slower is a drone, faster a blur


@dataclass(frozen=True)
class NarrationSettings:
    engine: str = "none"
    voices: dict[str, str] = field(default_factory=dict)
    speed: int = 150

    @classmethod
    def from_config(cls, config: ProjectConfig) -> "NarrationSettings":
        """Read ``extra.diachido.narration``; absent means no generated audio.

        Raises MediaError("narration.setting") naming the setting that is wrong, or
        MediaError("tts.unknown") for an engine that does not exist.
        """
        raw = config.extra.get("narration") or {}
        if not isinstance(raw, dict):
            raise MediaError("narration.setting", name="", expected="engine: ..., voices: {vi: ...}")
        engine = str(raw.get("engine") or "none")
        if engine not in ENGINES:
            raise MediaError("tts.unknown", engine=engine, choices=", ".join(ENGINES))
        voices = raw.get("voices") or {}
        if not isinstance(voices, dict) or not all(isinstance(v, str) and v for v in voices.values()):
            raise MediaError("narration.setting", name=".voices", expected="{vi: vi, en: en-us}")
        speed = raw.get("speed", 150)
        if not isinstance(speed, int) or not SPEED_RANGE[0] <= speed <= SPEED_RANGE[1]:
            raise MediaError("narration.setting", name=".speed", expected="%d–%d" % SPEED_RANGE)
        return cls(engine, {str(lang): voice for lang, voice in voices.items()}, speed)

    def make_engine(self, root: Path) -> Engine | None:
        return make_engine(self.engine, self.voices, root, self.speed)


@dataclass(frozen=True)
class Narration:
    """What a site page in one language plays.

    ``transcript`` holds paragraphs as written (not spelled out); ``audio`` is None
    when only the phone's voice can read it; ``generated`` marks machine speech;
    ``credit`` and ``licence`` name a recording's reader and its terms.
    """

    lang: str
    transcript: tuple[str, ...]
    audio: ProcessedAudio | None = None
    generated: bool = False
    credit: str | None = None
    licence: str | None = None


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split("\n\n") if part.strip())


def _plain(markdown: str) -> tuple[str, ...]:
    """Markdown history as plain paragraphs (headings and list items each one): what a
    listener needs, no markup."""
    from ..site.markdown_text import markdown_to_safe_html  # Python-Markdown only to speak a history: check never does

    blocks = _BLOCK_END.sub(lambda m: m[0] + "\n\n", markdown_to_safe_html(markdown))
    return _paragraphs(html.unescape(nh3.clean(blocks, tags=set())))


def written_narration(site: Site, lang: str) -> tuple[str, ...]:
    """The record's ``narration`` text in ``lang`` as paragraphs (empty if none)."""
    text = getattr(site.narration, lang, None) if site.narration else None
    return _paragraphs(text) if text else ()


def spoken_source(site: Site, lang: str) -> tuple[str, ...]:
    """The paragraphs to speak in ``lang``: the narration text, else the name, summary
    and history; empty when the record has no text in that language."""
    written = written_narration(site, lang)
    if written:
        return written
    summary = getattr(site.summary, lang, None)
    if not summary:
        return ()
    name = getattr(site.name, lang, None) or site.name.vi
    history = getattr(site.history, lang, None) if site.history else None
    return _within(NARRATION_MAX, (f"{name}.", summary, *(_plain(history) if history else ())))


def _within(limit: int, paragraphs: tuple[str, ...]) -> tuple[str, ...]:
    """The first paragraphs that fit in ``limit`` characters: a long history is read up
    to about the length a written narration may have, never half a paragraph."""
    kept, used = [], 0
    for paragraph in paragraphs:
        used += len(paragraph)
        if used > limit and kept:
            break
        kept.append(paragraph)
    return tuple(kept)


def spoken_text(paragraphs: Iterable[str], lang: str) -> str:
    """The text handed to the engine: paragraphs spelled out where it is safe, each
    ending in a full stop so a heading or list item is followed by a pause."""
    spell = SPOKEN_FORMS.get(lang, lambda text: text)
    return "\n\n".join(p if p[-1] in _SENTENCE_END else p + "." for p in (spell(p) for p in paragraphs))


@dataclass
class Narrator:
    """Makes the narration of sites into ``pipeline.out_dir``; one per run.

    Engine fingerprints (engine version, voice) are taken once per language.
    """

    engine: Engine | None
    pipeline: AudioPipeline
    _fingerprints: dict[str, str] = field(default_factory=dict)

    @classmethod
    def for_project(cls, config: ProjectConfig, out_dir: Path, refresh: bool = False) -> "Narrator":
        """Raises MediaError for unusable settings (see ``NarrationSettings``)."""
        engine = NarrationSettings.from_config(config).make_engine(config.root)
        return cls(engine, AudioPipeline.for_project(config.root, out_dir, refresh))

    def fingerprint(self, lang: str) -> str:
        """Raises EngineError when the engine or its voice for ``lang`` is missing."""
        if lang not in self._fingerprints:
            assert self.engine is not None
            self._fingerprints[lang] = self.engine.fingerprint(lang)
        return self._fingerprints[lang]

    def speaks(self, lang: str) -> bool:
        return self.engine is not None and self.engine.speaks(lang)

    def narrate(self, site: Site, lang: str) -> Narration | None:
        """The narration of ``site``'s page in ``lang``; None when there is nothing to say.

        Raises MediaError (with ``site`` and ``file`` among its params where known)
        when a recording cannot be used or the engine fails.
        """
        recording = next((r for r in site.audio if r.lang.value == lang), None)
        if recording is not None:
            try:
                processed = self.pipeline.process(recording.source)  # the file check validated
            except (OSError, ValueError):  # gone since check, or never validated
                raise AudioError("audio.unreadable", file=recording.file, site=site.id) from None
            except AudioError as exc:
                raise AudioError(exc.code, file=recording.file, site=site.id) from None
            transcript = written_narration(site, lang)
            return Narration(lang, transcript, processed, False, recording.credit, recording.licence)
        paragraphs = spoken_source(site, lang)
        if not paragraphs:
            return None
        if not self.speaks(lang):
            return Narration(lang, paragraphs)
        try:
            speech = self._generate(spoken_text(paragraphs, lang), lang)
        except AudioError:  # the engine said nothing (e.g. only symbols): no file of the volunteer's to name
            raise MediaError("narration.unspeakable", site=site.id, language=lang) from None
        return Narration(lang, paragraphs, speech, generated=True)

    def _generate(self, text: str, lang: str) -> ProcessedAudio:
        engine = self.engine
        assert engine is not None
        key = content_key(text.encode("utf-8"), self.fingerprint(lang).encode("utf-8"), module=__name__)

        def speak(work: Path) -> Path:
            wav = work / "speech.wav"
            engine.synthesize(text, lang, wav)
            return wav

        return self.pipeline.process_keyed(key, speak)


def prepare_narrations(narrator: Narrator, pages: Iterable[tuple[Site, str]],
                       on_progress: Callable[[], None] | None = None) -> dict[tuple[str, str], Narration]:
    """Make the narration of every (site, language) page, a few at a time.

    espeak-ng runs in its own process and FFmpeg releases the GIL, so threads help.
    Returns (site id, language) -> Narration for pages that have one; calls
    ``on_progress`` once per page. Raises MediaError.
    """
    def one(page: tuple[Site, str]) -> tuple[tuple[str, str], Narration | None]:
        site, lang = page
        result = narrator.narrate(site, lang)
        if on_progress:
            on_progress()
        return (site.id, lang), result

    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
        return {key: found for key, found in pool.map(one, list(pages)) if found is not None}
