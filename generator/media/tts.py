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

import hashlib
import shutil
import subprocess
import wave
from dataclasses import dataclass
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
        binary = self._binary()
        version = subprocess.run([binary, "--version"], capture_output=True, text=True, check=False).stdout
        voice = self.voices[lang]
        # A voice name espeak-ng does not know fails here, in check, not halfway through a build.
        if subprocess.run([binary, "-q", "-v", voice, "."], capture_output=True, check=False).returncode != 0:
            raise EngineError("tts.voice_missing", engine=self.name, voice=voice, lang=lang)
        return f"{version.strip()} voice={voice} wpm={self.words_per_minute}"

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

    def speaks(self, lang: str) -> bool:
        return lang in self.voices

    def _voice_class(self) -> type:
        try:
            from piper import PiperVoice  # optional: only organisers who chose piper install it
        except ImportError:
            raise EngineError("tts.missing", engine=self.name, install="pip install piper-tts") from None
        return PiperVoice

    def _voice(self, lang: str) -> Any:
        model = self.voices[lang]
        if not model.is_file() or not Path(f"{model}.json").is_file():
            raise EngineError("tts.model_missing", engine=self.name, path=str(model))
        return self._voice_class().load(str(model))

    def fingerprint(self, lang: str) -> str:
        model = self.voices[lang]
        try:
            digest = hashlib.sha256(model.read_bytes() + Path(f"{model}.json").read_bytes()).hexdigest()
        except OSError:
            raise EngineError("tts.model_missing", engine=self.name, path=str(model)) from None
        self._voice_class()
        return f"piper model={digest}"

    def synthesize(self, text: str, lang: str, wav: Path) -> None:
        voice = self._voice(lang)
        with wave.open(str(wav), "wb") as out:
            voice.synthesize_wav(text, out)


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
