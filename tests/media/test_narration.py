"""Which narration a page gets, made through the real pipeline and decoded again:
a volunteer's recording first, else espeak-ng speech from the text, else the text alone."""

from __future__ import annotations

from pathlib import Path

import av
import pytest
import yaml
from tests.conftest import load_project, project_config, record_fixture_text, run_cli

from generator.media import audio
from generator.media.narration import Narrator, prepare_narrations, spoken_source, spoken_text
from generator.records.schema import NARRATION_MAX, Site

from .recordings import write_recording

HISTORY = "## Khởi dựng\n\nĐền được dựng **năm 1470**, trùng tu ngày 2/9/1945.\n\n- Cổng\n- Hậu cung"


def site_from(extra: dict | None = None) -> Site:
    data = yaml.safe_load(record_fixture_text("valid.yml"))
    data.update(extra or {})
    return Site.model_validate(data)


def decoded(path: Path) -> tuple[str, int, int, int, float]:
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        samples = sum(frame.samples for frame in container.decode(stream))
        ctx = stream.codec_context
        return ctx.name, ctx.channels, ctx.sample_rate, stream.bit_rate, samples / ctx.sample_rate


def test_the_narration_text_is_spoken_when_there_is_one() -> None:
    site = site_from({"narration": {"vi": "Đoạn một.\n\nĐoạn hai."}, "history": {"vi": HISTORY}})
    assert spoken_source(site, "vi") == ("Đoạn một.", "Đoạn hai.")


def test_without_it_the_name_summary_and_history_are_spoken_as_plain_text() -> None:
    site = site_from({"history": {"vi": HISTORY}})
    assert spoken_source(site, "vi") == (
        "Đền Thử Nghiệm.", "Di tích dùng để kiểm thử.", "Khởi dựng",
        "Đền được dựng năm 1470, trùng tu ngày 2/9/1945.", "Cổng", "Hậu cung")
    assert spoken_source(site, "en") == ()  # no English text: no English narration


def test_a_long_history_is_spoken_only_up_to_the_length_of_a_narration() -> None:
    paragraph = "Đoạn lịch sử dài vừa phải để đọc to. " * 20
    site = site_from({"history": {"vi": "\n\n".join([paragraph] * 40)}})
    spoken = spoken_source(site, "vi")
    assert 2 < len(spoken) < 42 and sum(map(len, spoken)) <= NARRATION_MAX
    assert spoken[-1] == paragraph.strip()  # whole paragraphs only


def test_only_the_engine_hears_the_spelled_out_form() -> None:
    assert spoken_text(["Ngày 2/9/1945."], "vi") == "Ngày hai tháng chín năm một nghìn chín trăm bốn mươi lăm."
    assert spoken_text(["On 2/9/1945."], "en") == "On 2/9/1945."


@pytest.fixture
def project_with_recording(records_project: Path) -> Path:
    write_recording(records_project / "sites" / "site" / "vi.m4a", seconds=5)
    text = record_fixture_text("valid.yml") + yaml.safe_dump({
        "summary": {"vi": "Di tích dùng để kiểm thử.", "en": "A site for tests."},
        "narration": {"vi": "Lời thuyết minh."},
        "audio": [{"file": "site/vi.m4a", "lang": "vi", "credit": "Lê Thị C", "licence": "CC BY 4.0"}],
    }, allow_unicode=True)
    (records_project / "sites" / "site.yml").write_text(text.replace("summary:\n  vi: Di tích dùng để kiểm thử.\n", ""),
                                                          encoding="utf-8")
    return records_project


def test_recording_first_machine_voice_for_the_other_language(project_with_recording: Path, tmp_path: Path) -> None:
    result = load_project(project_with_recording)
    assert result.ok, result.report.render("en")
    site = result.sites[0]
    narrator = Narrator.for_project(project_config(project_with_recording), tmp_path / "out")
    made = prepare_narrations(narrator, [(site, "vi"), (site, "en")])
    recorded, generated = made[(site.id, "vi")], made[(site.id, "en")]
    assert not recorded.generated and recorded.credit == "Lê Thị C" and recorded.transcript == ("Lời thuyết minh.",)
    assert generated.generated and generated.transcript == ("Đền Thử Nghiệm.", "A site for tests.")
    for narration, seconds in ((recorded, 5.0), (generated, None)):
        codec, channels, rate, bit_rate, duration = decoded(tmp_path / "out" / narration.audio.file)
        assert (codec, channels, rate, bit_rate) == ("mp3float", 1, audio.SAMPLE_RATE, audio.BITRATE)
        assert duration == pytest.approx(narration.audio.duration, abs=0.05)
        assert duration == pytest.approx(seconds, abs=0.1) if seconds else 1.0 < duration < 15.0


def test_generated_speech_is_cached_and_the_same_bytes_when_made_again(records_project: Path, tmp_path: Path) -> None:
    (records_project / "sites" / "site.yml").write_text(record_fixture_text("valid.yml"), encoding="utf-8")
    site = load_project(records_project).sites[0]
    config = project_config(records_project)
    first = Narrator.for_project(config, tmp_path / "one")
    made = first.narrate(site, "vi")
    again = Narrator.for_project(config, tmp_path / "two")
    assert again.narrate(site, "vi") == made and again.pipeline.stats.cached == 1
    fresh = Narrator.for_project(config, tmp_path / "three", refresh=True)
    assert fresh.narrate(site, "vi") == made and fresh.pipeline.stats.processed == 1
    assert (tmp_path / "three" / made.audio.file).read_bytes() == (tmp_path / "one" / made.audio.file).read_bytes()


def test_without_an_engine_the_page_gets_the_text_for_the_phone_voice(records_project: Path, tmp_path: Path) -> None:
    config = records_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("engine: espeak-ng", "engine: none"), encoding="utf-8")
    (records_project / "sites" / "site.yml").write_text(record_fixture_text("valid.yml"), encoding="utf-8")
    site = load_project(records_project).sites[0]
    narration = Narrator.for_project(project_config(records_project), tmp_path / "out").narrate(site, "vi")
    assert narration.audio is None and narration.transcript == ("Đền Thử Nghiệm.", "Di tích dùng để kiểm thử.")
    assert not (tmp_path / "out").exists()


def test_command_makes_narration_for_one_site_or_all(sample_project: Path) -> None:
    one = run_cli(sample_project, "narration", "--site", "cau-ham-rong")
    assert one.exit_code == 0, one.output
    assert "Xong 2 bản thuyết minh (0 ghi âm, 2 giọng máy)" in one.output
    again = run_cli(sample_project, "--lang", "en", "narration", "--site", "TH-0024", "--force")
    assert "Done 2 narrations (0 recorded, 2 machine voice)" in again.output and "2 new" in again.output
    unknown = run_cli(sample_project, "narration", "--site", "TH-9999")
    assert unknown.exit_code == 1 and "TH-9999" in unknown.output


def test_the_narration_reads_the_recording_check_validated(project_with_recording: Path, tmp_path: Path) -> None:
    """Like photos, a recording is resolved once in check and bound to the item; the
    build transcodes that file even if the name would now lead elsewhere."""
    result = load_project(project_with_recording)
    site = result.sites[0]
    checked = project_with_recording / "sites" / "site" / "vi.m4a"
    assert site.audio[0].source == checked.resolve()
    moved = tmp_path / "kept.m4a"
    checked.rename(moved)
    site.audio[0].bind_source(moved)
    (checked.parent / "vi.m4a").write_bytes(b"not a recording, put there after check")
    made = Narrator.for_project(project_config(project_with_recording), tmp_path / "out").narrate(site, "vi")
    assert made is not None and not made.generated
    assert decoded(tmp_path / "out" / made.audio.file)[4] == pytest.approx(5.0, abs=0.1)


def test_a_recording_that_failed_check_is_never_bound(records_project: Path) -> None:
    (records_project / "sites" / "site").mkdir(parents=True, exist_ok=True)
    (records_project / "sites" / "site" / "vi.m4a").write_bytes(b"this is not a recording" * 50)
    text = record_fixture_text("valid.yml") + yaml.safe_dump({
        "audio": [{"file": "site/vi.m4a", "lang": "vi", "credit": "Lê Thị C", "licence": "CC BY 4.0"}]},
        allow_unicode=True)
    (records_project / "sites" / "site.yml").write_text(text, encoding="utf-8")
    result = load_project(records_project)
    assert not result.ok and [r.site.id for r in result.records] == ["TH-0901"]
    with pytest.raises(ValueError, match="not validated"):
        result.records[0].site.audio[0].source
