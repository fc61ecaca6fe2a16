"""``check`` for narration: each recording decoded, limits and settings reported with
file:line:column, and a warning for published sites visitors cannot listen to."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import load_project, problems, record_fixture_text, run_cli

from generator.media import audio_check
from generator.records.diagnostics import Severity

from .recordings import write_recording

RECORDING = """\
audio:
  - file: {file}
    lang: {lang}
    credit: Lê Thị C
    licence: CC BY 4.0
"""


def write_site(project: Path, *audio: tuple[str, str], extra: str = "") -> Path:
    """The valid fixture record with the given (file, lang) recordings listed, each with
    its transcript unless ``extra`` brings the narration texts."""
    text = record_fixture_text("valid.yml") + extra
    if audio:
        text += "audio:\n" + "".join(RECORDING.split("\n", 1)[1].format(file=f, lang=lang) for f, lang in audio)
    if audio and "narration:" not in extra:
        languages = dict.fromkeys(lang for _, lang in audio if lang in ("vi", "en"))
        text += "narration:\n" + "".join(f"  {lang}: Lời đọc.\n" for lang in languages) if languages else ""
    path = project / "sites" / "site.yml"
    path.write_text(text, encoding="utf-8")
    return path


def set_narration(project: Path, block: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("    narration:\n")
    end = text.index("      speed:", start)
    end = text.index("\n", end) + 1
    config.write_text(text[:start] + block + text[end:], encoding="utf-8")


def test_a_good_recording_passes(records_project: Path) -> None:
    write_recording(records_project / "sites" / "site" / "vi.m4a", seconds=4)
    write_site(records_project, ("site/vi.m4a", "vi"))
    assert problems(load_project(records_project)) == []


@pytest.mark.parametrize("name, content, code", [
    ("site/khong-co.m4a", None, "media.missing"),
    ("../ngoai.m4a", b"x", "media.outside"),
    ("site/ghi-chu.txt", b"x", "media.type"),
    ("site/hong.m4a", b"this is not a recording" * 50, "audio.unreadable"),
    ("site/rong.m4a", b"", "audio.empty"),
    # A valid WAV header at 100 Hz (FFmpeg's filters refuse such rates): refused in check, not at build.
    ("site/cham.wav", b"RIFF" + (36 + 1000).to_bytes(4, "little") + b"WAVEfmt " + (16).to_bytes(4, "little")
     + (1).to_bytes(2, "little") + (1).to_bytes(2, "little") + (100).to_bytes(4, "little")
     + (200).to_bytes(4, "little") + (2).to_bytes(2, "little") + (16).to_bytes(2, "little")
     + b"data" + (1000).to_bytes(4, "little") + bytes(range(250)) * 4, "audio.low_rate"),
])
def test_bad_files_are_positioned_errors(records_project: Path, name: str, content: bytes | None, code: str) -> None:
    if content is not None:
        target = records_project / "sites" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    write_site(records_project, (name, "vi"))
    # valid.yml has 16 lines; "audio:" is line 17 and the item's file is at line 18, column 11.
    assert problems(load_project(records_project)) == [("site.yml", 18, 11, "audio[0].file", code)]


def test_silence_too_short_and_too_long(records_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = records_project / "sites" / "site"
    write_recording(folder / "lang.wav", seconds=5)
    write_recording(folder / "ngan.wav", seconds=1)
    write_recording(folder / "im.wav", seconds=4, amplitude=0)
    monkeypatch.setattr(audio_check, "MAX_MINUTES", 4 / 60)  # 4 s instead of 15 min: same rule, small file
    write_site(records_project, ("site/lang.wav", "vi"), ("site/ngan.wav", "en"))
    found = load_project(records_project).report.sorted()
    assert [(d.field, d.code) for d in found] == [("audio[0].file", "audio.too_long"), ("audio[1].file", "audio.too_short")]
    assert found[0].params["minutes"] == 0.1 and found[1].params["seconds"] == 1.0
    write_site(records_project, ("site/im.wav", "vi"))
    assert [d.code for d in load_project(records_project).report.sorted()] == ["audio.silent"]


def test_a_long_recording_is_refused_without_decoding_it_all(tmp_path: Path) -> None:
    """A recorder left on all day: the declared length decides, no decoding of hours of sound."""
    from generator.media.audio import AudioError, probe

    long_one = write_recording(tmp_path / "dai.mp3", seconds=90)
    with pytest.raises(AudioError) as caught:
        probe(long_one, max_seconds=60)
    assert (caught.value.code, caught.value.params) == ("audio.too_long", {"minutes": 1.5, "limit": 1})


def test_one_recording_per_language_and_known_languages(records_project: Path) -> None:
    write_recording(records_project / "sites" / "site" / "a.mp3", seconds=4)
    write_site(records_project, ("site/a.mp3", "vi"), ("site/a.mp3", "vi"))
    result = load_project(records_project)
    assert problems(result) == [("site.yml", 23, 11, "audio[1].lang", "audio.duplicate_lang")]
    assert result.report.render("vi", records_project)[0].endswith(
        "audio[1].lang: đã có bản ghi âm tiếng 'vi' ở audio[0]; mỗi ngôn ngữ một bản, hãy bỏ bớt một bản")
    write_site(records_project, ("site/a.mp3", "fr"))
    assert problems(load_project(records_project)) == [("site.yml", 19, 11, "audio[0].lang", "type.choice")]


def test_a_recording_needs_its_reader_and_licence(records_project: Path) -> None:
    write_recording(records_project / "sites" / "site" / "a.ogg", seconds=4)
    write_site(records_project, extra="audio:\n  - file: site/a.ogg\n    lang: vi\n")
    assert [(f, c) for _, _, _, f, c in problems(load_project(records_project))] == [
        ("audio[0].credit", "field.missing"), ("audio[0].licence", "field.missing")]


def test_without_a_machine_voice_a_site_with_no_vietnamese_recording_is_a_warning(records_project: Path) -> None:
    set_narration(records_project, "    narration:\n      engine: none\n")
    write_site(records_project)
    found = load_project(records_project).report.sorted()
    assert [(d.line, d.field, d.code, d.severity) for d in found] == [
        (3, "status", "narration.missing_vi", Severity.WARNING)]
    write_recording(records_project / "sites" / "site" / "vi.m4a", seconds=4)
    write_site(records_project, ("site/vi.m4a", "vi"))
    assert load_project(records_project).report.sorted() == []


def test_the_machine_voice_of_the_demo_needs_no_warning(records_project: Path) -> None:
    write_site(records_project)
    assert load_project(records_project).report.sorted() == []


@pytest.mark.parametrize("block, code", [
    ("    narration:\n      engine: festival\n", "tts.unknown"),
    ("    narration:\n      engine: espeak-ng\n      voices: {vi: tieng-viet}\n", "tts.voice_missing"),
    ("    narration:\n      engine: espeak-ng\n      voices: {vi: vi}\n      speed: nhanh\n", "narration.setting"),
    ("    narration:\n      engine: piper\n      voices: {vi: voices/vi.onnx}\n", "tts.model_missing"),
])
def test_settings_that_would_break_the_build_fail_check(records_project: Path, block: str, code: str) -> None:
    set_narration(records_project, block)
    write_site(records_project)
    found = [d for d in load_project(records_project).report.sorted() if d.severity is Severity.ERROR]
    assert [(d.path.name, d.field, d.code) for d in found] == [("mkdocs.yml", "extra.diachido.narration", code)]


def test_a_machine_voice_that_is_not_installed_is_one_error_for_all_languages(
        records_project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    set_narration(records_project, "    narration:\n      engine: espeak-ng\n      voices: {vi: vi, en: en}\n")
    write_site(records_project)
    monkeypatch.setenv("PATH", str(tmp_path))  # no espeak-ng on this machine
    found = [d for d in load_project(records_project).report.sorted() if d.severity is Severity.ERROR]
    assert [(d.path.name, d.code) for d in found] == [("mkdocs.yml", "tts.missing")]


def test_messages_in_english_with_position(records_project: Path) -> None:
    (records_project / "sites" / "site").mkdir()
    (records_project / "sites" / "site" / "hong.amr").write_bytes(b"#!AMR\n" + bytes(300))
    write_site(records_project, ("site/hong.amr", "vi"))
    result = run_cli(records_project, "--lang", "en", "check")
    assert result.exit_code == 1
    assert "sites/site.yml:18:11: audio[0].file: 'site/hong.amr' " in result.output
    assert "export it again from the phone as m4a or mp3" in result.output or "is silent" in result.output
    vietnamese = run_cli(records_project, "check")
    assert "sites/site.yml:18:11: audio[0].file: " in vietnamese.output and "ghi âm" in vietnamese.output


def test_a_narration_text_needs_words_and_a_recording_its_transcript(records_project: Path) -> None:
    write_recording(records_project / "sites" / "site" / "vi.m4a", seconds=4)
    write_site(records_project, ("site/vi.m4a", "vi"), extra="narration:\n  en: '…'\n")
    found = load_project(records_project).report.sorted()
    assert [(d.field, d.code, d.severity) for d in found] == [
        ("narration.en", "narration.no_words", Severity.ERROR), ("audio[0].file", "narration.no_transcript", Severity.WARNING)]

