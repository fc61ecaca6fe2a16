"""generator.media.cache: keys change with the generator's version as the pipeline sees it."""

from __future__ import annotations

from pathlib import Path

from generator.media import cache

PHOTOS, PLAQUES = "generator.media.photos", "generator.plaques.command"


def _versions() -> dict[str, str]:
    cache.generator_version.cache_clear()
    return {module: cache.generator_version(module) for module in (PHOTOS, PLAQUES)}


def _edit(path: Path) -> None:
    path.write_bytes(path.read_bytes() + b"\n# edited\n")


def test_a_pipeline_sees_its_own_code_and_what_it_imports(generator_package_copy: Path) -> None:
    before = _versions()
    _edit(generator_package_copy / "media" / "photo_check.py")  # imported by photos.py
    after_photo_code = _versions()
    assert after_photo_code[PHOTOS] != before[PHOTOS]
    _edit(generator_package_copy / "site" / "templates" / "site_page.md.j2")  # a page template: no cached output uses it
    assert _versions() == after_photo_code


def test_the_plaque_font_invalidates_plaques_and_not_photos(generator_package_copy: Path) -> None:
    before = _versions()
    font = next((generator_package_copy / "plaques" / "fonts").glob("*.ttf"))
    _edit(font)
    after = _versions()
    assert after[PLAQUES] != before[PLAQUES] and after[PHOTOS] == before[PHOTOS]


def test_shared_code_and_dependency_versions_invalidate_every_pipeline(generator_package_copy: Path, monkeypatch) -> None:
    before = _versions()
    _edit(generator_package_copy / "records" / "schema.py")  # reached by both
    after_schema = _versions()
    assert all(after_schema[m] != before[m] for m in before)
    real = cache._distribution_versions()
    assert ("diachido", "0.1.0") in real and any(name == "pillow" for name, _ in real)
    monkeypatch.setattr(cache, "_distribution_versions", lambda: [("diachido", "0.2.0"), *real[1:]])
    assert all(version != after_schema[m] for m, version in _versions().items())


def test_keys_name_their_parts_unambiguously() -> None:
    assert cache.cache_key(PHOTOS, b"ab", b"c") != cache.cache_key(PHOTOS, b"a", b"bc")
    assert cache.cache_key(PHOTOS, b"x") != cache.cache_key(PLAQUES, b"x")
    assert cache.cache_key(PHOTOS, "x") == cache.cache_key(PHOTOS, b"x") and len(cache.cache_key(PHOTOS, b"x", length=24)) == 24


def test_a_keyer_makes_the_keys_cache_key_makes() -> None:
    keyer = cache.cache_keyer(PHOTOS, "settings", length=24)
    assert keyer(b"one file") == cache.cache_key(PHOTOS, "settings", b"one file", length=24)
    assert keyer(b"one file") != keyer(b"another file")


def test_audio_keys_change_with_the_code_that_makes_the_sound(generator_package_copy: Path) -> None:
    from generator.media.audio import content_key

    recording, speech = content_key(b"wav"), content_key(b"text", b"voice", module="generator.media.narration")
    _edit(generator_package_copy / "plaques" / "fonts" / "OFL.txt")  # another subpackage's data: no sound depends on it
    cache.generator_version.cache_clear()
    assert (content_key(b"wav"), content_key(b"text", b"voice", module="generator.media.narration")) == (recording, speech)
    _edit(generator_package_copy / "media" / "audio.py")  # the transcoder: every recording and every machine speech
    cache.generator_version.cache_clear()
    assert content_key(b"wav") != recording
    assert content_key(b"text", b"voice", module="generator.media.narration") != speech
