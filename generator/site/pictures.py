"""A site's photos as the pages show them: processed through the media photo pipeline
into responsive <picture> data."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import urls
from ..config import ProjectConfig
from ..i18n.labels import ui
from ..media.photos import ImagePipeline, ProcessedImage
from ..records.schema import Image, Site
from .text import localized

HERO_SIZES = "(min-width: 76.25em) 680px, 100vw"
GALLERY_SIZES = "(min-width: 76.25em) 340px, (min-width: 30em) 50vw, 100vw"


# --- photos --------------------------------------------------------------------------


@dataclass(frozen=True)
class Photo:
    image: Image
    processed: ProcessedImage


def process_photos(config: ProjectConfig, sites: list[Any], docs_root: Path) -> tuple[dict[str, list[Photo]], ImagePipeline]:
    """Resize every published photo into ``generated/img/`` (through the content cache).

    ``sites`` are validated records of any kind with ``images``: each image carries the
    file validation resolved (``Image.source``)."""
    pipeline = ImagePipeline.for_project(config.root, docs_root / urls.IMAGES_DIR)
    with_images = [site for site in sites if site.images]
    if not with_images:
        return {}, pipeline
    # The files validation resolved and decoded: never looked up again here.
    sources = {(site.id, index): image.source for site in with_images for index, image in enumerate(site.images)}
    done = pipeline.process_many(sources.values())
    photos = {site.id: [Photo(image, done[sources[(site.id, index)]]) for index, image in enumerate(site.images)]
              for site in with_images}
    return photos, pipeline


def picture(photo: Photo, site: Site, lang: str, prefix: str, *, hero: bool) -> dict[str, Any]:
    image, processed = photo.image, photo.processed
    caption = localized(image.caption, lang)
    fallback = processed.fallback()
    return {
        "webp_srcset": processed.srcset("webp", prefix),
        "jpeg_srcset": processed.srcset("jpeg", prefix),
        "src": prefix + fallback.jpeg,
        "width": fallback.width,
        "height": fallback.height,
        "sizes": HERO_SIZES if hero else GALLERY_SIZES,
        "alt": caption or f"{ui(lang)['photo_alt_missing']}: {site.name.vi}",
        "caption": caption,
        "credit": image.credit,
        "licence": image.licence,
        "hero": hero,
    }
