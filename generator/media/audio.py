"""The audio media kind: narration recordings -> one small MP3 that every phone plays.

Volunteers record on phones in whatever the phone makes (m4a/AAC, mp3, ogg/Opus or
Vorbis, wav, amr, flac...). Each recording is decoded with FFmpeg's libraries through
PyAV (pinned, so every machine decodes and encodes with the same code), mixed down to
mono, high-passed at 70 Hz (wind and handling rumble that phones pick up outdoors),
brought to -18 LUFS (EBU R128: the loudness range meant for listening on phones) with
one gain for the whole recording and a peak limiter, and encoded as MP3 at 32 kbit/s
constant bitrate, 22,050 Hz, mono: 4,000 bytes a second, 240 KB a minute.

Why these numbers: MP3 is the one format every phone browser plays in ``<audio>``
(older iPhones play no Ogg/Opus); at 32 kbit/s LAME keeps speech up to about 8 kHz,
so Vietnamese tones and the hiss of s/x stay clear, where 24 kbit/s dulls them (it
low-passes near 5.5 kHz); constant bitrate makes seeking exact in every browser
(resuming where a visitor stopped) without a seek table, and sizes predictable.

Determinism: the same recording gives the same bytes. The muxer and encoder run with
FFmpeg's ``bitexact`` flags (no version strings), no ID3 tag is written (no metadata
at all: titles, GPS or phone names never go out), the gain is computed from the
recording itself, and every setting is fixed here. Results are cached by content in
``.diachido/cache/audio/<key>/`` like photos: the key (``cache.cache_key``) hashes the
input, ``_SETTINGS`` and the generator's version as the calling module sees it, so
changing a setting or the code that makes the sound redoes them all.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from threading import Lock
from typing import TYPE_CHECKING, Callable, Iterator

from .cache import cache_key, cache_root, fill_entry, place
from . import MediaError

if TYPE_CHECKING:  # av (FFmpeg) is imported where sound is read: check imports this module for every project
    import av

SAMPLE_RATE = 22050
BITRATE = 32000
TARGET_LUFS = -18.0
PEAK_LIMIT = 0.84  # -1.5 dBFS: room for the MP3 encoder's overshoot
MAX_GAIN_DB = 30.0  # a whisper is raised, a hiss is not made a roar
SILENCE_LUFS = -70.0  # EBU R128's absolute gate: below it there is nothing to hear
HIGHPASS_HZ = 70
BYTES_PER_SECOND = BITRATE // 8
CACHE_SUBDIR = "audio"  # under cache.cache_root
CACHE_ENV = "DIACHIDO_AUDIO_CACHE"
_SETTINGS = f"mp3 {BITRATE} {SAMPLE_RATE} mono hp{HIGHPASS_HZ} {TARGET_LUFS} {PEAK_LIMIT} {MAX_GAIN_DB}".encode()
_META = "meta.json"


class AudioError(MediaError):
    """A recording cannot be used."""


@dataclass(frozen=True)
class AudioInfo:
    """What decoding a recording found: ``duration`` in seconds."""

    duration: float
    codec: str
    channels: int
    sample_rate: int
    loudness: float  # LUFS


@dataclass(frozen=True)
class ProcessedAudio:
    """One narration file in the output: ``file`` is its name, ``duration`` seconds."""

    key: str
    file: str
    duration: float
    size: int


def _open(source: Path) -> av.container.InputContainer:
    import av.error
    try:
        return av.open(str(source), "r")
    except (av.error.FFmpegError, OSError, ValueError, UnicodeDecodeError):
        raise AudioError("audio.unreadable") from None


def _decoded_frames(container: av.container.InputContainer) -> Iterator[av.AudioFrame]:
    stream = container.streams.audio[0]
    for packet in container.demux(stream):
        yield from packet.decode()


def _run(graph: av.filter.Graph, frame: av.AudioFrame | None) -> Iterator[av.AudioFrame]:
    """Push ``frame`` (None: the end) through ``graph`` and yield what comes out."""
    import av.error

    graph.push(frame)
    while True:
        try:
            yield graph.pull()
        except (av.error.BlockingIOError, av.error.EOFError):
            return


def _graph(template: av.audio.stream.AudioStream, *filters: tuple[str, dict[str, str]]) -> av.filter.Graph:
    import av
    graph = av.filter.Graph()
    nodes = [graph.add_abuffer(template=template)]
    nodes += [graph.add(name, **options) for name, options in filters]
    nodes.append(graph.add("abuffersink"))
    graph.link_nodes(*nodes).configure()
    return graph


_MONO = ("aformat", {"sample_fmts": "fltp", "channel_layouts": "mono"})


MIN_SAMPLE_RATE = 8000  # telephone speech; below it words are lost (and FFmpeg's filters refuse some rates)


def probe(source: Path, max_seconds: float | None = None) -> AudioInfo:
    """Decode the whole recording (so what passes here also transcodes) and measure it:
    duration and integrated loudness (EBU R128).

    With ``max_seconds``, a recording longer than that (by its container's declared
    duration, else once decoding passes it) is refused without decoding the rest: an
    old phone left recording all day must not hold ``check`` for minutes.

    Raises AudioError with code ``audio.empty``, ``audio.unreadable`` (FFmpeg cannot
    read or decode it), ``audio.no_stream`` (no sound track: a photo, a silent video),
    ``audio.low_rate`` (``rate``, ``limit`` in Hz), ``audio.too_long`` (``minutes``,
    ``limit`` in minutes) or ``audio.silent``.
    """
    import av

    if source.stat().st_size == 0:
        raise AudioError("audio.empty")
    with _open(source) as container:
        if not container.streams.audio:
            raise AudioError("audio.no_stream")
        stream = container.streams.audio[0]
        ctx = stream.codec_context
        if ctx.sample_rate and ctx.sample_rate < MIN_SAMPLE_RATE:
            raise AudioError("audio.low_rate", rate=ctx.sample_rate, limit=MIN_SAMPLE_RATE)
        declared = (container.duration or 0) / av.time_base
        if max_seconds is not None and declared > max_seconds:
            raise _too_long(round(declared / 60, 1), max_seconds)
        seconds, loudness = _measure(container, stream, max_seconds)
        if seconds == 0 or loudness <= SILENCE_LUFS:
            raise AudioError("audio.silent")
        return AudioInfo(seconds, ctx.name, ctx.channels, ctx.sample_rate, loudness)


def _too_long(minutes: object, max_seconds: float) -> AudioError:
    return AudioError("audio.too_long", minutes=minutes, limit=round(max_seconds / 60))


def _measure(container: av.container.InputContainer, stream: av.audio.stream.AudioStream,
             max_seconds: float | None) -> tuple[float, float]:
    """(seconds, integrated loudness in LUFS) of the decoded sound; raises AudioError
    ``audio.too_long`` as soon as more than ``max_seconds`` were decoded."""
    import av.error

    samples, rate, loudness = 0, 1, SILENCE_LUFS
    try:
        graph = _graph(stream, _MONO, ("highpass", {"f": str(HIGHPASS_HZ)}), ("ebur128", {"metadata": "1"}))
        for frame in chain(_decoded_frames(container), [None]):
            for out in _run(graph, frame):
                samples, rate = samples + out.samples, out.sample_rate
                loudness = float(out.metadata.get("lavfi.r128.I", loudness))
            if max_seconds is not None and samples > max_seconds * rate:
                raise _too_long(f"> {round(max_seconds / 60)}", max_seconds)
    except (av.error.FFmpegError, ValueError):
        raise AudioError("audio.unreadable") from None
    return samples / rate, loudness


def transcode(source: Path, target: Path) -> float:
    """Write ``source`` as the narration MP3 at ``target``; return its duration in seconds.

    Two passes: ``probe`` measures the loudness, then one gain brings the whole
    recording to ``TARGET_LUFS`` (linear, so speech keeps its natural dynamics) with a
    limiter catching the peaks. Raises AudioError like ``probe``.
    """
    import av

    gain = min(MAX_GAIN_DB, TARGET_LUFS - probe(source).loudness)
    with _open(source) as container, av.open(
        str(target), "w", format="mp3", options={"fflags": "+bitexact", "id3v2_version": "0"}
    ) as out:
        stream = container.streams.audio[0]
        encoder = out.add_stream("libmp3lame", rate=SAMPLE_RATE, layout="mono")
        encoder.bit_rate = BITRATE
        encoder.codec_context.options = {"flags": "+bitexact", "abr": "0"}
        graph = _graph(
            stream, _MONO,
            ("highpass", {"f": str(HIGHPASS_HZ)}),
            ("volume", {"volume": f"{gain:.2f}dB"}),
            ("alimiter", {"limit": f"{PEAK_LIMIT:.3f}", "level": "0", "latency": "1"}),
            ("aresample", {"out_sample_rate": str(SAMPLE_RATE)}),
            ("aformat", {"sample_fmts": "s16p", "sample_rates": str(SAMPLE_RATE), "channel_layouts": "mono"}),
        )
        samples = 0
        try:
            for frame in chain(_decoded_frames(container), [None]):
                for pcm in _run(graph, frame):
                    pcm.pts = None  # the encoder counts samples itself: no gaps, no drift
                    samples += pcm.samples
                    out.mux(encoder.encode(pcm))
            out.mux(encoder.encode(None))
        except (av.error.FFmpegError, ValueError):
            raise AudioError("audio.unreadable") from None
    return samples / SAMPLE_RATE


def content_key(data: bytes, settings: bytes = b"", module: str = __name__) -> str:
    """The cache key: the input's bytes, anything else that shapes the sound, our settings,
    and the generator's version as ``module`` (the code that makes the sound) sees it."""
    return cache_key(module, _SETTINGS, settings, data)


def cache_dir(root: Path) -> Path:
    """Where audio is cached: ``$DIACHIDO_AUDIO_CACHE`` (the tests share one), else
    ``.diachido/cache/audio`` in the project."""
    override = os.environ.get(CACHE_ENV)
    return Path(override) if override else cache_root(root) / CACHE_SUBDIR


@dataclass
class AudioStats:
    processed: int = 0
    cached: int = 0
    output_bytes: int = 0
    seconds: float = 0.0


def cached_audio(cache: Path, key: str) -> ProcessedAudio | None:
    """The result cached in the folder ``cache`` for ``key``, or None."""
    folder = cache / key
    try:
        raw = json.loads((folder / _META).read_text(encoding="utf-8"))
        result = ProcessedAudio(raw["key"], raw["file"], float(raw["duration"]), int(raw["size"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return result if (folder / result.file).is_file() else None


# Makes the sound to transcode on a cache miss, in the given scratch folder.
SourceMaker = Callable[[Path], Path]


@dataclass
class AudioPipeline:
    """Transcodes into ``out_dir`` through the content cache in ``cache_dir``.

    ``refresh`` makes each key once again in this run even when cached (a new voice
    model with the same name, a suspected bad cache entry). Safe across threads.
    """

    cache_dir: Path
    out_dir: Path
    refresh: bool = False
    stats: AudioStats = field(default_factory=AudioStats)
    _lock: Lock = field(default_factory=Lock, repr=False)
    _refreshed: set[str] = field(default_factory=set, repr=False)

    @classmethod
    def for_project(cls, root: Path, out_dir: Path, refresh: bool = False) -> "AudioPipeline":
        return cls(cache_dir(root), out_dir, refresh)

    def cached(self, key: str) -> ProcessedAudio | None:
        return cached_audio(self.cache_dir, key)

    def process(self, source: Path) -> ProcessedAudio:
        """A recording -> its MP3 in ``out_dir`` (from the cache when done before).

        Raises AudioError, OSError.
        """
        return self.process_keyed(content_key(source.read_bytes()), lambda _work: source)

    def process_keyed(self, key: str, make_source: SourceMaker) -> ProcessedAudio:
        """Like ``process`` for a sound made on demand (synthesised speech): ``key`` must
        name everything that shapes it; ``make_source`` runs only on a cache miss."""
        with self._lock:
            stale = self.refresh and key not in self._refreshed
            self._refreshed.add(key)
        result = None if stale else self.cached(key)
        made = result is None
        if made:
            result = self._fill(key, make_source)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        place(self.cache_dir / key / result.file, self.out_dir / result.file)
        with self._lock:
            self.stats.processed += made
            self.stats.cached += not made
            self.stats.output_bytes += result.size
            self.stats.seconds += result.duration
        return result

    def _fill(self, key: str, make_source: SourceMaker) -> ProcessedAudio:
        def render(work: Path) -> ProcessedAudio:
            name = f"{key}.mp3"
            duration = transcode(make_source(work), work / name)
            result = ProcessedAudio(key, name, round(duration, 3), (work / name).stat().st_size)
            (work / _META).write_text(json.dumps(result.__dict__, sort_keys=True), encoding="utf-8")
            return result

        # A refreshed key replaces its entry even when complete; otherwise a complete one
        # (another thread made the same key meanwhile) is kept.
        return fill_entry(self.cache_dir, key, render, lambda folder: not self.refresh and self.cached(key) is not None)
