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
  var label = function (layer, text) { if (text) layer.bindTooltip(text); return layer; };
  data.features.forEach(function (feature) {
    if (feature.kind === "LineString") {
      label(L.polyline(feature.points, { color: "#6d4c41", weight: 5, className: "dcd-lane" }), feature.name).addTo(map);
      feature.points.forEach(function (p) { bounds.push(p); });
    } else {
      label(L.circleMarker(feature.points[0], { radius: 6, color: "#2e7d32", fillOpacity: 0.9, className: "dcd-landmark" }), feature.name).addTo(map);
      bounds.push(feature.points[0]);
    }
  });
  label(L.circleMarker([data.house.lat, data.house.lon], { radius: 9, color: "#c62828", fillOpacity: 0.9, className: "dcd-house" }), data.house.name).addTo(map);
  data.entrances.forEach(function (e) {
    label(L.circleMarker([e.lat, e.lon], { radius: 6, color: "#1565c0", fillOpacity: 0.9, className: "dcd-entrance" }), e.name).addTo(map);
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
