"""Record-like audio files made in the tests: a tone encoded as a phone would save it."""

from __future__ import annotations

import math
from array import array
from pathlib import Path

import av

# suffix -> (container, codec, sample rate, channel layout), as phones and recorders save them
FORMATS = {
    ".m4a": ("ipod", "aac", 44100, "stereo"),
    ".mp3": ("mp3", "libmp3lame", 44100, "stereo"),
    ".ogg": ("ogg", "libopus", 48000, "mono"),
    ".wav": ("wav", "pcm_s16le", 16000, "mono"),
    ".amr": ("amr", "libopencore_amrnb", 8000, "mono"),
    ".flac": ("flac", "flac", 48000, "stereo"),
}


def write_recording(path: Path, seconds: float = 2.0, amplitude: float = 0.1,
                    tags: dict[str, str] | None = None, frequency: float = 440.0) -> Path:
    """Write ``seconds`` of a sine tone at ``amplitude`` (0..1) in the format of ``path``'s suffix."""
    container, codec, rate, layout = FORMATS[path.suffix]
    channels = 2 if layout == "stereo" else 1
    count = int(seconds * rate)
    path.parent.mkdir(parents=True, exist_ok=True)
    pcm = array("h", (int(amplitude * 32767 * math.sin(2 * math.pi * frequency * i / rate)) for i in range(count)))
    with av.open(str(path), "w", format=container) as out:
        out.metadata.update(tags or {})
        stream = out.add_stream(codec, rate=rate, layout=layout)
        if codec == "libopencore_amrnb":
            stream.bit_rate = 12200
        for start in range(0, count, 1024):
            chunk = pcm[start:start + 1024]
            frame = av.AudioFrame(format="s16", layout=layout, samples=len(chunk))
            frame.planes[0].update(array("h", (s for s in chunk for _ in range(channels))).tobytes())
            frame.sample_rate = rate
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    return path
