/* Địa chỉ đỏ: the village page's lane map. Draws, from the JSON in #dcd-village-data, the
 * volunteers' lanes (lines) and landmarks (points), the cultural house, the lane entrances
 * that carry a plaque, and the village's sites (linking to their pages). Leaflet is
 * loaded before this file; without it the page still reads. */
(function () {
  "use strict";
  var source = document.getElementById("dcd-village-data");
  var box = document.querySelector(".dcd-village-map");
  if (!source || !box || !window.L) return;
  var data = JSON.parse(source.textContent);
  var map = L.map(box, { scrollWheelZoom: false, tap: false });
  map.attributionControl.setPrefix(false);
  L.tileLayer(data.tiles.url, { attribution: data.tiles.attribution, maxZoom: data.tiles.maxZoom }).addTo(map);
  var bounds = [[data.house.lat, data.house.lon]];
  // A tooltip from the records is an element: Leaflet would read a string as markup.
  var label = function (layer, text) {
    if (text) {
      var span = document.createElement("span");
      span.textContent = text;
      layer.bindTooltip(span);
    }
    return layer;
  };
  // Colours by role (lane, house, shrine, school, landmark, entrance) come with the data,
  // as the legend under the map shows them (generator/villages/page.py, MAP_STYLE).
  var dot = function (point, role, radius) {
    return L.circleMarker(point, { radius: radius, color: data.styles[role], fillOpacity: 0.9, className: "dcd-" + role });
  };
  data.features.forEach(function (feature) {
    if (feature.kind === "LineString") {
      label(L.polyline(feature.points, { color: data.styles.lane, weight: 5, className: "dcd-lane" }), feature.name).addTo(map);
      feature.points.forEach(function (p) { bounds.push(p); });
    } else {
      label(dot(feature.points[0], feature.role, 6), feature.name).addTo(map);
      bounds.push(feature.points[0]);
    }
  });
  label(dot([data.house.lat, data.house.lon], "house", 9), data.house.name).addTo(map);
  data.entrances.forEach(function (e) {
    label(dot([e.lat, e.lon], "entrance", 6), e.name).addTo(map);
    bounds.push([e.lat, e.lon]);
  });
  data.sites.forEach(function (site) {
    var marker = L.marker([site.lat, site.lon], { title: site.name, keyboard: true }).addTo(map);
    var link = document.createElement("a");
    link.href = site.href;
    link.textContent = site.name; // text, never markup
    marker.bindPopup(link);
    bounds.push([site.lat, site.lon]);
  });
  if (bounds.length > 1) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 18 });
  else map.setView(bounds[0], 17);
})();
