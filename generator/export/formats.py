"""Open data: the published sites as GeoJSON, KML and CSV.

``diachido export`` writes them to a folder; the build writes the same files into
``generated/data/`` so the map page offers them for download. All three carry the
same columns (see ``COLUMNS``), sites are ordered by permanent id, and every URL
comes from ``urls``.

- GeoJSON follows RFC 7946: WGS84, [lon, lat] order, no ``crs`` member, at most six
  decimals; a site without a point is a Feature with ``"geometry": null`` (§3.2).
- KML 2.2 opens in Google Earth and Google My Maps; text is XML-escaped by ElementTree.
- CSV is UTF-8 with a BOM so Excel shows Vietnamese intact. A cell that a spreadsheet
  would run as a formula (starting with = + - @, tab or CR) is prefixed with ``'``
  (OWASP's advice); ``read_csv_cell`` undoes it.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ..config import ProjectConfig
from ..i18n.labels import RANK_LABELS, category_label
from ..records.schema import Category, Site
from ..urls import DEFAULT_LANGUAGE, absolute_url, short_path, site_page_path

EXPORT_DIR = "generated/data"
COORD_DECIMALS = 6  # RFC 7946 §11.2: about 10 cm, more is false precision
KML_NS = "http://www.opengis.net/kml/2.2"

# Columns shared by the three formats; lat/lon are the geometry in GeoJSON and KML.
COLUMNS = (
    "id", "slug", "name_vi", "name_en", "categories", "primary_category", "category_label_vi",
    "rank", "rank_label_vi", "rank_decision", "rank_year",
    "province", "commune", "village", "former_district", "former_commune",
    "lat", "lon", "location_quality", "approximate", "location_source",
    "summary_vi", "summary_en", "url", "short_url", "sources",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def site_properties(config: ProjectConfig, site: Site) -> dict[str, Any]:
    """One site as flat, typed values (None where the record is silent)."""
    location, address = site.location, site.address
    former = address.former
    return {
        "id": site.id,
        "slug": site.slug,
        "name_vi": site.name.vi,
        "name_en": site.name.en,
        "categories": ";".join(c.value for c in site.category),
        "primary_category": site.primary_category.value,
        "category_label_vi": category_label(site.primary_category, "vi"),
        "rank": site.rank.level.value,
        "rank_label_vi": RANK_LABELS[site.rank.level]["vi"],
        "rank_decision": site.rank.decision,
        "rank_year": site.rank.year,
        "province": address.province,
        "commune": address.commune,
        "village": address.village,
        "former_district": former.district if former else None,
        "former_commune": former.commune if former else None,
        "lat": round(location.lat, COORD_DECIMALS) if location else None,
        "lon": round(location.lon, COORD_DECIMALS) if location else None,
        "location_quality": location.quality.value if location else None,
        "approximate": location.quality.is_approximate if location else None,
        "location_source": location.source if location else None,
        "summary_vi": site.summary.vi,
        "summary_en": site.summary.en,
        "url": absolute_url(config, site_page_path(site.slug, DEFAULT_LANGUAGE)),
        "short_url": absolute_url(config, short_path(site.id)),
        "sources": " | ".join(source.url for source in site.sources),
    }


def _ordered(sites: list[Site]) -> list[Site]:
    return sorted(sites, key=lambda site: site.id)


# --- GeoJSON -------------------------------------------------------------------------------


def to_geojson(config: ProjectConfig, sites: list[Site]) -> str:
    """An RFC 7946 FeatureCollection, one Feature per line (readable diffs)."""
    features = []
    for site in _ordered(sites):
        properties = site_properties(config, site)
        lat, lon = properties.pop("lat"), properties.pop("lon")
        geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None else None
        feature = {"type": "Feature", "id": site.id, "geometry": geometry, "properties": properties}
        features.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(features) + "\n]}\n"


# --- KML ----------------------------------------------------------------------------------

# KML colours are aabbggrr; the same colours as the map's categories.
_KML_COLOURS = {
    Category.HISTORICAL: "ffa85f1f",
    Category.REVOLUTIONARY: "ff2828c6",
    Category.ARCHITECTURAL_ARTISTIC: "ff9a3d6a",
    Category.ARCHAEOLOGICAL: "ff125a8a",
    Category.SCENIC: "ff327d2e",
}


def _kml_styles(document: ET.Element) -> None:
    for category, colour in _KML_COLOURS.items():
        for approximate in (False, True):
            style = ET.SubElement(document, "Style", id=category.value + ("-approx" if approximate else ""))
            icon = ET.SubElement(style, "IconStyle")
            # Approximate points: half transparent and smaller, as hollow markers on the site's map.
            ET.SubElement(icon, "color").text = ("80" + colour[2:]) if approximate else colour
            ET.SubElement(icon, "scale").text = "0.8" if approximate else "1.1"


def _kml_description(properties: dict[str, Any]) -> str:
    lines = [properties["summary_vi"]]
    if properties["approximate"]:
        lines.append("Vị trí gần đúng: tâm xã, không phải vị trí di tích. / Approximate: commune centre.")
    lines.append(properties["url"])
    return "\n\n".join(lines)


def to_kml(config: ProjectConfig, sites: list[Site]) -> bytes:
    ET.register_namespace("", KML_NS)
    kml = ET.Element(f"{{{KML_NS}}}kml")
    document = ET.SubElement(kml, "Document")
    ET.SubElement(document, "name").text = config.site_name
    _kml_styles(document)
    for site in _ordered(sites):
        properties = site_properties(config, site)
        placemark = ET.SubElement(document, "Placemark", id=site.id)
        ET.SubElement(placemark, "name").text = site.name.vi
        ET.SubElement(placemark, "description").text = _kml_description(properties)
        style = site.primary_category.value + ("-approx" if properties["approximate"] else "")
        ET.SubElement(placemark, "styleUrl").text = "#" + style
        extended = ET.SubElement(placemark, "ExtendedData")
        for key in COLUMNS:
            value = properties[key]
            if value is not None and key not in ("lat", "lon"):
                data = ET.SubElement(extended, "Data", name=key)
                ET.SubElement(data, "value").text = _cell(value)
        if properties["lat"] is not None:  # a site without a point is listed without geometry
            point = ET.SubElement(placemark, "Point")
            ET.SubElement(point, "coordinates").text = f"{properties['lon']},{properties['lat']}"
    # Elements are created without the namespace prefix; put them all in the KML namespace.
    for element in kml.iter():
        if not element.tag.startswith("{"):
            element.tag = f"{{{KML_NS}}}{element.tag}"
    ET.indent(kml, space=" ")
    return ET.tostring(kml, encoding="UTF-8", xml_declaration=True) + b"\n"


# --- CSV ----------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _csv_text(value: Any) -> str:
    text = _cell(value)
    return "'" + text if isinstance(value, str) and text.startswith(_FORMULA_START) else text


def read_csv_cell(text: str) -> str:
    """A CSV cell as the record had it: undo the formula guard of ``to_csv``."""
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA_START) else text


def to_csv(config: ProjectConfig, sites: list[Site]) -> bytes:
    """UTF-8 with BOM, CRLF line ends, RFC 4180 quoting: what Excel opens correctly."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for site in _ordered(sites):
        properties = site_properties(config, site)
        writer.writerow([_csv_text(properties[key]) for key in COLUMNS])
    return out.getvalue().encode("utf-8-sig")


# --- writing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportFormat:
    filename: str
    labels: dict[str, str]
    render: Callable[[ProjectConfig, list[Site]], bytes]

    def label(self, lang: str) -> str:
        return self.labels.get(lang, self.labels["vi"])


EXPORT_FORMATS = (
    ExportFormat("di-tich.geojson", {"vi": "GeoJSON: cho phần mềm bản đồ, GIS (QGIS…)", "en": "GeoJSON: for GIS and web maps (QGIS…)"},
                 lambda config, sites: to_geojson(config, sites).encode("utf-8")),
    ExportFormat("di-tich.kml", {"vi": "KML: mở bằng Google Earth, Google My Maps", "en": "KML: opens in Google Earth, Google My Maps"},
                 to_kml),
    ExportFormat("di-tich.csv", {"vi": "CSV: mở bằng Excel, LibreOffice (tiếng Việt đủ dấu)", "en": "CSV: opens in Excel, LibreOffice"},
                 to_csv),
)


def write_exports(config: ProjectConfig, sites: list[Site], folder: Path) -> list[Path]:
    """Write every format into ``folder``; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in EXPORT_FORMATS:
        path = folder / fmt.filename
        path.write_bytes(fmt.render(config, sites))
        written.append(path)
    return written


def write_site_exports(config: ProjectConfig, sites: list[Site], docs_root: Path) -> None:
    """Content writer: the downloads of the site, in ``generated/data/``."""
    write_exports(config, sites, docs_root / EXPORT_DIR)
