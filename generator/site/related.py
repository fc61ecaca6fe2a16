"""The tours and villages that name a site, as links on the site's page:
"Nằm trên tuyến tham quan: …" / "On the tour: …", "Thuộc thôn: …" / "In the village: …".

They come from the other kinds' listings (``records.listing``), so a new record kind
with a listing shows here without changes to this module."""

from __future__ import annotations

from typing import Any

from .. import urls
from ..i18n.route_labels import kind_label
from ..records.listing import Listing


def related_links(site_id: str, lang: str, page_path: str, related: dict[str, list[Listing]]) -> list[dict[str, Any]]:
    """One group per kind (in listing order) of the records that name ``site_id``:
    ``{"kind", "label", "links": [{"name", "href", "hreflang"}]}``; hrefs are relative to
    ``page_path``. A record without an English page is linked in Vietnamese (``hreflang``)."""
    groups: dict[str, dict[str, Any]] = {}
    for listing in related.get(site_id, []):
        label = kind_label(listing.kind, "on_site", lang)
        group = groups.setdefault(listing.kind, {"kind": listing.kind, "label": label, "links": []})
        target_lang = lang if lang == urls.DEFAULT_LANGUAGE or listing.english else urls.DEFAULT_LANGUAGE
        group["links"].append({
            "name": listing.name(target_lang),
            "href": urls.relative_url(page_path, urls.record_page_path(listing.page_dir, listing.slug, target_lang)),
            "hreflang": target_lang if target_lang != lang else None,
        })
    return list(groups.values())
