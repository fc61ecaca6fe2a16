"""Text-to-speech engines that make narration when nobody recorded one.

An engine turns text in one language into a WAV file; ``audio.AudioPipeline`` then
makes it an MP3 like any recording. Engines are chosen by name in ``mkdocs.yml``
(``extra.diachido.narration.engine``) from ``ENGINES``:

- ``espeak-ng``: Debian's espeak-ng. Robotic but fast (about 50x faster than real
  time) and deterministic; what the demo and the tests use.
- ``piper``: a neural voice (``pip install piper-tts``) from a voice model file
  (``.onnx`` with its ``.onnx.json``) the organiser downloads once and names in
  ``voices``; nothing is downloaded at build time.
- ``none``: no generated audio.

``voices`` maps a page language to what the engine needs for it: an espeak-ng voice
name (``vi``, ``en-us``) or a piper model path (relative to the project). A language
without a voice gets no generated audio.
"""

from __future__ import annotations

import functools
import hashlib
import shutil
import subprocess
import wave
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Protocol

from . import MediaError


class EngineError(MediaError):
    """The configured speech engine cannot run."""


class Engine(Protocol):
    """Speaks text into a WAV file."""

    name: str

    def speaks(self, lang: str) -> bool:
        """Whether there is a voice for ``lang``."""

    def fingerprint(self, lang: str) -> str:
        """Everything that shapes the sound for ``lang`` (engine version, voice, speed):
        part of the cache key, so a new voice redoes the audio."""

    def synthesize(self, text: str, lang: str, wav: Path) -> None:
        """Write ``text`` spoken in ``lang`` to ``wav``. Raises EngineError."""


@functools.lru_cache(maxsize=32)
def _espeak_fingerprint(binary: str, voice: str, lang: str, words_per_minute: int) -> str:
    """Once per process: ``check`` runs on every load of the records."""
    version = subprocess.run([binary, "--version"], capture_output=True, text=True, check=False).stdout
    # A voice name espeak-ng does not know fails here, in check, not halfway through a build.
    if subprocess.run([binary, "-q", "-v", voice, "."], capture_output=True, check=False).returncode != 0:
        raise EngineError("tts.voice_missing", engine="espeak-ng", voice=voice, lang=lang)
    return f"{version.strip()} voice={voice} wpm={words_per_minute}"


@dataclass(frozen=True)
class EspeakEngine:
    voices: dict[str, str]
    words_per_minute: int = 150
    name: str = "espeak-ng"

    def _binary(self) -> str:
        binary = shutil.which("espeak-ng")
        if binary is None:
            raise EngineError("tts.missing", engine=self.name, install="apt-get install espeak-ng")
        return binary

    def speaks(self, lang: str) -> bool:
        return lang in self.voices

    def fingerprint(self, lang: str) -> str:
        return _espeak_fingerprint(self._binary(), self.voices[lang], lang, self.words_per_minute)

    def synthesize(self, text: str, lang: str, wav: Path) -> None:
        # Text goes in on stdin, never on the command line: it is data, not options.
        done = subprocess.run(
            [self._binary(), "-v", self.voices[lang], "-s", str(self.words_per_minute), "-w", str(wav)],
            input=text.encode("utf-8"), capture_output=True, check=False, timeout=600,
        )
        if done.returncode != 0 or not wav.is_file():
            raise EngineError("tts.failed", engine=self.name, detail=done.stderr.decode("utf-8", "replace")[:200])


@dataclass(frozen=True)
class PiperEngine:
    voices: dict[str, Path]
    name: str = "piper"
    _loaded: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)  # lang -> PiperVoice

    def speaks(self, lang: str) -> bool:
        return lang in self.voices

    def _voice_class(self) -> type:
        try:
            from piper import PiperVoice  # optional: only organisers who chose piper install it
        except ImportError:
            raise EngineError("tts.missing", engine=self.name, install="pip install piper-tts") from None
        return PiperVoice

    def _voice(self, lang: str) -> Any:
        """The loaded voice for ``lang``: loading a model takes seconds, so once per run."""
        if lang not in self._loaded:
            model = self.voices[lang]
            if not model.is_file() or not Path(f"{model}.json").is_file():
                raise EngineError("tts.model_missing", engine=self.name, path=str(model))
            self._loaded[lang] = self._voice_class().load(str(model))
        return self._loaded[lang]

    def fingerprint(self, lang: str) -> str:
        model = self.voices[lang]
        try:
            stats = model.stat(), Path(f"{model}.json").stat()
        except OSError:
            raise EngineError("tts.model_missing", engine=self.name, path=str(model)) from None
        self._voice_class()
        return _model_digest(model, *((s.st_size, s.st_mtime_ns) for s in stats))

    def synthesize(self, text: str, lang: str, wav: Path) -> None:
        voice = self._voice(lang)
        with wave.open(str(wav), "wb") as out:
            voice.synthesize_wav(text, out)


@functools.lru_cache(maxsize=8)
def _model_digest(model: Path, *size_and_time: tuple[int, int]) -> str:
    """A piper voice by content (tens of MB: hashed once per process and file version)."""
    digest = hashlib.sha256(model.read_bytes() + Path(f"{model}.json").read_bytes()).hexdigest()
    return f"piper model={digest}"


def _espeak(voices: dict[str, str], root: Path, words_per_minute: int) -> Engine:
    return EspeakEngine(dict(voices), words_per_minute)


def _piper(voices: dict[str, str], root: Path, words_per_minute: int) -> Engine:
    return PiperEngine({lang: root / path for lang, path in voices.items()})


# name -> factory(voices, project root, words per minute); None: no generated audio
ENGINES: dict[str, Callable[[dict[str, str], Path, int], Engine] | None] = {
    "espeak-ng": _espeak,
    "piper": _piper,
    "none": None,
}


def make_engine(name: str, voices: dict[str, str], root: Path, words_per_minute: int = 150) -> Engine | None:
    """The engine called ``name`` with ``voices`` (language -> voice); None for ``none``.

    Raises EngineError("tts.unknown") for a name not in ``ENGINES``.
    """
    if name not in ENGINES:
        raise EngineError("tts.unknown", engine=name, choices=", ".join(ENGINES))
    factory = ENGINES[name]
    return factory(voices, root, words_per_minute) if factory else None
