"""Tours and villages on the big map: one GeoJSON layer per kind and language, named in
the map document's settings, never in the first load."""

from __future__ import annotations

import json

from generator.config import load_config
from generator.map.data import MAP_DIR
from generator.map.document import first_load_paths, map_document_path, map_files
from generator.map.layers import KIND_STYLE, kind_layers
from generator.records.listing import Listing
from tests.conftest import REPO_ROOT

TOUR = Listing("TH-T0001", "ba-di-tich-thu", "Ba di tích & thử", "Three test sites", True,
               line=((20.0781, 105.6047), (19.927561, 105.403514)), kind="tour", page_dir="tuyen-tham-quan")
VILLAGE = Listing("TH-V0001", "thon-thu", "Thôn Thử", None, False, point=(19.8214, 105.7803), kind="village",
                  page_dir="thon")


def test_a_tour_is_a_line_and_a_village_a_point_linking_their_pages() -> None:
    options, files = kind_layers([TOUR, VILLAGE], "en")
    assert [(o["key"], o["name"], o["count"], o["symbol"], o["color"]) for o in options] == [
        ("tour", "Tour", 1, "line", KIND_STYLE["tour"][0]), ("village", "Village", 1, "house", KIND_STYLE["village"][0])]
    tour = json.loads(files[options[0]["url"]])["features"][0]
    assert tour["geometry"] == {"type": "LineString", "coordinates": [[105.6047, 20.0781], [105.40351, 19.92756]]}
    assert tour["properties"] == {"id": "TH-T0001", "name": "Three test sites", "path": "en/tuyen-tham-quan/ba-di-tich-thu/"}
    village = json.loads(files[options[1]["url"]])["features"][0]
    # No English page: the English map links the Vietnamese one.
    assert village["properties"]["path"] == "thon/thon-thu/" and village["geometry"]["type"] == "Point"


def test_record_text_in_a_layer_is_escaped_json_data() -> None:
    _, files = kind_layers([TOUR], "vi")
    (content,) = files.values()
    assert b"&" not in content and "Ba di tích \\u0026 thử" in content.decode("utf-8")


def test_the_layers_are_named_in_the_document_and_loaded_after_the_markers() -> None:
    files = map_files(load_config(REPO_ROOT), [], listings=[TOUR, VILLAGE])
    document = files[map_document_path("vi")].decode("utf-8")
    layers = [path for path in files if path.startswith(f"{MAP_DIR}/layers/") and ".vi." in path]
    assert len(layers) == 2 and all(path.rsplit("/", 1)[1] in document for path in layers)
    # The layers and the script that draws them are fetched by dcd-map.js after the markers.
    kinds_script = next(path for path in files if "/dcd-map-kinds." in path)
    assert not (set(layers) | {kinds_script}) & set(first_load_paths(files, "vi"))
    assert kinds_script.rsplit("/", 1)[1] in document
    assert map_files(load_config(REPO_ROOT), []) .keys() == {p for p in files if "/layers/" not in p} | {
        map_document_path(lang) for lang in ("vi", "en")}
