"""The ``datapackage.json`` (Frictionless Data Package) that describes a hand-over bundle.

The two tables (sites, media) get a Table Schema; GeoJSON and JSON-LD are listed as
plain resources. Every resource carries its size and SHA-256, so a receiver can check
nothing was lost on the way.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .formats import COLUMNS

# Column -> (Table Schema type, what it holds). tests/export keeps it in step with COLUMNS.
SITE_FIELDS: dict[str, tuple[str, str]] = {
    "id": ("string", "Mã cố định của di tích (in trên biển QR) / permanent id"),
    "slug": ("string", "Đường dẫn trang / page slug"),
    "name_vi": ("string", "Tên tiếng Việt / Vietnamese name"),
    "name_en": ("string", "Tên tiếng Anh / English name"),
    "categories": ("string", "Các loại di tích, cách nhau bởi ; / categories"),
    "primary_category": ("string", "Loại chính / main category"),
    "category_label_vi": ("string", "Tên loại chính / main category label"),
    "rank": ("string", "Cấp xếp hạng (mã) / rank code"),
    "rank_label_vi": ("string", "Cấp xếp hạng / rank"),
    "rank_decision": ("string", "Quyết định xếp hạng / ranking decision"),
    "rank_year": ("integer", "Năm xếp hạng / year ranked"),
    "province": ("string", "Tỉnh / province"),
    "commune": ("string", "Xã, phường hiện nay / commune today"),
    "village": ("string", "Thôn, bản / village"),
    "former_district": ("string", "Huyện trước 1/7/2025 / district before the 2025 reform"),
    "former_commune": ("string", "Xã trước 1/7/2025 / commune before the 2025 reform"),
    "lat": ("number", "Vĩ độ WGS84 / latitude"),
    "lon": ("number", "Kinh độ WGS84 / longitude"),
    "location_quality": ("string", "Độ tin cậy của điểm / how precise the point is"),
    "approximate": ("boolean", "Điểm là tâm xã, không phải di tích / point is a commune centre"),
    "location_source": ("string", "Nguồn tọa độ / source of the point"),
    "summary_vi": ("string", "Giới thiệu ngắn / summary"),
    "summary_en": ("string", "Summary in English"),
    "url": ("string", "Trang di tích / page URL"),
    "short_url": ("string", "Địa chỉ cố định trên biển QR / permanent URL"),
    "sources": ("string", "Nguồn tư liệu, cách nhau bởi | / sources"),
}
MEDIA_COLUMNS = ("site_id", "kind", "path", "caption_vi", "caption_en", "credit", "licence")
MEDIA_FIELDS: dict[str, tuple[str, str]] = {
    "site_id": ("string", "Mã di tích / site id"),
    "kind": ("string", "Loại tệp: images, narration, panoramas... / media kind"),
    "path": ("string", "Đường dẫn tệp trong gói / path in this bundle"),
    "caption_vi": ("string", "Chú thích / caption"),
    "caption_en": ("string", "Caption in English"),
    "credit": ("string", "Tác giả / author"),
    "licence": ("string", "Giấy phép / licence"),
}


def _fields(fields: dict[str, tuple[str, str]], columns: tuple[str, ...]) -> list[dict[str, str]]:
    return [{"name": name, "type": fields[name][0], "description": fields[name][1]} for name in columns]


def _integrity(data: bytes) -> dict[str, Any]:
    return {"bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()}


def _table(name: str, path: str, data: bytes, schema: str) -> dict[str, Any]:
    return {"name": name, "path": path, "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8-sig", **_integrity(data), "schema": schema}


SITES_SCHEMA = {"fields": _fields(SITE_FIELDS, COLUMNS), "primaryKey": ["id"], "missingValues": [""]}
MEDIA_SCHEMA = {"fields": _fields(MEDIA_FIELDS, MEDIA_COLUMNS), "missingValues": [""],
                "foreignKeys": [{"fields": ["site_id"], "reference": {"resource": "di-tich", "fields": ["id"]}}]}
_INDENT = 2
_SCHEMA_DEPTH = 3  # descriptor -> "resources" list -> a resource -> its "schema"


def _placeholder(name: str) -> str:
    # NUL never survives validation into a title or path, so the quoted placeholder
    # cannot appear in the serialised descriptor except where we put it.
    return f"\0{name}\0"


def _serialised_schema(schema: dict[str, Any]) -> str:
    """``schema`` as ``json.dumps(indent=2)`` prints it at _SCHEMA_DEPTH: the two schemas
    are the same in every bundle, and the indenting encoder is pure Python (it was the
    largest cost of a per-site bundle), so they are serialised once."""
    text = json.dumps(schema, ensure_ascii=False, indent=_INDENT)
    return text.replace("\n", "\n" + " " * (_INDENT * _SCHEMA_DEPTH))


_SCHEMAS = {_placeholder("sites"): _serialised_schema(SITES_SCHEMA),
            _placeholder("media"): _serialised_schema(MEDIA_SCHEMA)}


def datapackage(title: str, files: dict[str, bytes], paths: dict[str, str]) -> bytes:
    """The descriptor for a bundle; ``files``: bundle path -> bytes; ``paths``: the
    resource roles (sites, media, geojson, jsonld) -> bundle path."""
    resources = [
        _table("di-tich", paths["sites"], files[paths["sites"]], _placeholder("sites")),
        _table("tep-media", paths["media"], files[paths["media"]], _placeholder("media")),
        {"name": "di-tich-geojson", "path": paths["geojson"], "format": "geojson",
         "mediatype": "application/geo+json", **_integrity(files[paths["geojson"]])},
        {"name": "di-tich-jsonld", "path": paths["jsonld"], "format": "jsonld",
         "mediatype": "application/ld+json", **_integrity(files[paths["jsonld"]])},
    ]
    descriptor = {"profile": "data-package", "name": "dia-chi-do", "title": title, "resources": resources}
    text = json.dumps(descriptor, ensure_ascii=False, indent=_INDENT)
    for placeholder, schema in _SCHEMAS.items():
        text = text.replace(json.dumps(placeholder), schema, 1)
    return (text + "\n").encode("utf-8")
