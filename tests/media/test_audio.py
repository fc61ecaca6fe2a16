"""The audio media kind: phone recordings -> one deterministic, loudness-normalised MP3."""

from __future__ import annotations

from pathlib import Path

import av
import pytest

from generator.media import audio
from generator.media.audio import AudioError, AudioPipeline

from .recordings import FORMATS, write_recording


def decoded(path: Path) -> tuple[str, int, int, int, float, dict]:
    """(codec, channels, sample rate, bit rate, duration s, container tags) of an MP3, decoded."""
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        samples = sum(frame.samples for frame in container.decode(stream))
        ctx = stream.codec_context
        return ctx.name, ctx.channels, ctx.sample_rate, stream.bit_rate, samples / ctx.sample_rate, dict(container.metadata)


@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_every_phone_format_becomes_mono_mp3_of_the_same_length(tmp_path: Path, suffix: str) -> None:
    source = write_recording(tmp_path / f"thuyet-minh{suffix}", seconds=2.5,
                             tags={"title": "Bản ghi", "location": "+19.8214+105.7803/", "encoder": "Phone"})
    target = tmp_path / "out.mp3"
    duration = audio.transcode(source, target)
    codec, channels, rate, bit_rate, seconds, tags = decoded(target)
    assert codec.startswith("mp3") and channels == 1 and rate == audio.SAMPLE_RATE
    assert bit_rate == audio.BITRATE
    assert seconds == pytest.approx(2.5, abs=0.1) and duration == pytest.approx(seconds, abs=0.06)
    assert tags == {}
    body = target.read_bytes()
    assert b"ID3" not in body[:10] and b"19.8214" not in body and b"Phone" not in body
    # Constant bitrate: ~4,000 bytes a second, whatever the phone made.
    assert len(body) / seconds == pytest.approx(audio.BYTES_PER_SECOND, rel=0.1)


def test_same_recording_gives_the_same_bytes(tmp_path: Path) -> None:
    source = write_recording(tmp_path / "a.m4a", seconds=3)
    audio.transcode(source, tmp_path / "1.mp3")
    audio.transcode(source, tmp_path / "2.mp3")
    assert (tmp_path / "1.mp3").read_bytes() == (tmp_path / "2.mp3").read_bytes()


@pytest.mark.parametrize("amplitude", [0.01, 0.9])
def test_quiet_and_loud_recordings_come_out_at_one_loudness(tmp_path: Path, amplitude: float) -> None:
    source = write_recording(tmp_path / "a.wav", seconds=3, amplitude=amplitude)
    audio.transcode(source, tmp_path / "out.mp3")
    assert abs(audio.probe(source).loudness - audio.TARGET_LUFS) > 8
    assert audio.probe(tmp_path / "out.mp3").loudness == pytest.approx(audio.TARGET_LUFS, abs=1.0)


def test_probe_measures_a_recording(tmp_path: Path) -> None:
    info = audio.probe(write_recording(tmp_path / "a.amr", seconds=2))
    assert info.codec == "amrnb" and info.duration == pytest.approx(2, abs=0.05) and info.sample_rate == 8000


@pytest.mark.parametrize("content", [b"", b"not audio at all" * 100, b"\xff\xd8\xff\xe0" + bytes(2000)],
                         ids=["empty", "text", "jpeg"])
def test_files_that_are_not_audio_are_refused_with_a_code(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.m4a"
    bad.write_bytes(content)
    with pytest.raises(AudioError) as caught:
        audio.probe(bad)
    assert caught.value.code in ("audio.empty", "audio.unreadable", "audio.no_stream")


def test_silence_is_refused(tmp_path: Path) -> None:
    with pytest.raises(AudioError) as caught:
        audio.probe(write_recording(tmp_path / "a.wav", seconds=2, amplitude=0))
    assert caught.value.code == "audio.silent"


def test_a_truncated_recording_is_refused_or_shorter(tmp_path: Path) -> None:
    source = write_recording(tmp_path / "a.m4a", seconds=3)
    cut = tmp_path / "cut.m4a"
    cut.write_bytes(source.read_bytes()[: source.stat().st_size // 3])
    with pytest.raises(AudioError):
        audio.probe(cut)


def test_pipeline_caches_by_content(tmp_path: Path) -> None:
    first = write_recording(tmp_path / "a.ogg", seconds=2)
    copy = tmp_path / "renamed.ogg"
    copy.write_bytes(first.read_bytes())
    pipeline = AudioPipeline(tmp_path / "cache", tmp_path / "out")
    one = pipeline.process(first)
    two = pipeline.process(copy)
    assert one == two and pipeline.stats.processed == 1 and pipeline.stats.cached == 1
    assert (tmp_path / "out" / one.file).read_bytes() == (tmp_path / "cache" / one.key / one.file).read_bytes()
    assert one.file == f"{one.key}.mp3" and one.duration == pytest.approx(2, abs=0.05)
