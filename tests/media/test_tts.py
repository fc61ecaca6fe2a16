"""Speech engines: espeak-ng speaks Vietnamese and English, the same text the same way."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from generator.media import audio
from generator.media.tts import EngineError, EspeakEngine, make_engine

TEXT = "Cầu Hàm Rồng bắc qua sông Mã, giữa núi Rồng và núi Ngọc."


@pytest.fixture(scope="module")
def espeak() -> EspeakEngine:
    engine = make_engine("espeak-ng", {"vi": "vi", "en": "en-us"}, Path("."))
    assert isinstance(engine, EspeakEngine)
    return engine


def test_espeak_speaks_vietnamese_into_a_wav(espeak: EspeakEngine, tmp_path: Path) -> None:
    espeak.synthesize(TEXT, "vi", tmp_path / "a.wav")
    info = audio.probe(tmp_path / "a.wav")
    assert info.codec == "pcm_s16le" and 2.0 < info.duration < 10.0 and info.loudness > -40


def test_longer_text_takes_longer_and_same_text_gives_same_bytes(espeak: EspeakEngine, tmp_path: Path) -> None:
    espeak.synthesize(TEXT, "vi", tmp_path / "one.wav")
    espeak.synthesize(TEXT, "vi", tmp_path / "again.wav")
    espeak.synthesize(TEXT + " " + TEXT, "vi", tmp_path / "two.wav")
    assert (tmp_path / "one.wav").read_bytes() == (tmp_path / "again.wav").read_bytes()
    one, two = audio.probe(tmp_path / "one.wav").duration, audio.probe(tmp_path / "two.wav").duration
    assert two == pytest.approx(2 * one, rel=0.15)


def test_text_is_data_not_options(espeak: EspeakEngine, tmp_path: Path) -> None:
    espeak.synthesize("--version -w /tmp/owned.wav", "en", tmp_path / "a.wav")
    assert audio.probe(tmp_path / "a.wav").duration > 1.0


def test_the_voice_is_part_of_the_fingerprint(espeak: EspeakEngine) -> None:
    assert espeak.fingerprint("vi") != espeak.fingerprint("en")
    assert "1." in espeak.fingerprint("vi")  # the engine's version: a new espeak-ng redoes the audio
    assert espeak.speaks("vi") and not espeak.speaks("fr")


def test_none_means_no_engine() -> None:
    assert make_engine("none", {}, Path(".")) is None


def test_unknown_engine_names_the_choices() -> None:
    with pytest.raises(EngineError) as caught:
        make_engine("festival", {}, Path("."))
    assert caught.value.code == "tts.unknown" and "espeak-ng" in str(caught.value.params["choices"])


def test_missing_espeak_binary_says_how_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    engine = make_engine("espeak-ng", {"vi": "vi"}, Path("."))
    with pytest.raises(EngineError) as caught:
        engine.synthesize(TEXT, "vi", tmp_path / "a.wav")
    assert caught.value.code == "tts.missing" and "espeak-ng" in str(caught.value.params["install"])


def test_piper_without_its_model_file_says_which_file(tmp_path: Path) -> None:
    engine = make_engine("piper", {"vi": "voices/vi_VN-vais1000-medium.onnx"}, tmp_path)
    with pytest.raises(EngineError) as caught:
        engine.fingerprint("vi")
    assert caught.value.code == "tts.model_missing"
    assert caught.value.params["path"] == str(tmp_path / "voices" / "vi_VN-vais1000-medium.onnx")


@pytest.mark.skipif(importlib.util.find_spec("piper") is not None, reason="piper-tts is installed here")
def test_piper_not_installed_says_how_to_install(tmp_path: Path) -> None:
    (tmp_path / "vi.onnx").write_bytes(b"model")
    (tmp_path / "vi.onnx.json").write_text("{}")
    engine = make_engine("piper", {"vi": "vi.onnx"}, tmp_path)
    with pytest.raises(EngineError) as caught:
        engine.fingerprint("vi")
    assert caught.value.code == "tts.missing" and caught.value.params["install"] == "pip install piper-tts"


def test_an_unknown_espeak_voice_is_caught_before_speaking(tmp_path: Path) -> None:
    engine = make_engine("espeak-ng", {"vi": "vietnamese-north"}, tmp_path)
    with pytest.raises(EngineError) as caught:
        engine.fingerprint("vi")
    assert caught.value.code == "tts.voice_missing" and caught.value.params["voice"] == "vietnamese-north"
