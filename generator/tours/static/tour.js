/* Địa chỉ đỏ: the tour page. Draws the route (Leaflet, loaded before this file) from the
 * JSON in #dcd-tour-data, and runs the guided walk:
 * - nothing plays and no position is asked for until the visitor taps "Bắt đầu tham quan"
 *   (browsers allow sound only after a gesture, and asking for the position on load is rude);
 * - after that tap it follows the position (watchPosition); entering a stop's zone (its
 *   radius, metres) shows that stop and plays its narration, once per stop;
 * - "Điểm tiếp theo" moves on by hand: no permission, no signal, indoors; at the last
 *   stop it becomes "Kết thúc tham quan", which shows the end of the tour (#het-tuyen:
 *   the way back to the list of tours and to the map) and stops following the position;
 * - each stop's marker opens a popup with its number and name (set as text, never HTML).
 */
(function () {
  "use strict";
  var source = document.getElementById("dcd-tour-data");
  if (!source) return;
  var data = JSON.parse(source.textContent);
  var statusBox = document.querySelector("[data-tour-status]");
  var current = 0; // the stop the visitor is at; 0 before the first
  var visited = {};
  var watching = null;
  var markers = {};
  var here = null;
  var map = null;

  var item = function (n) { return document.getElementById("diem-" + n); };
  var startButton = document.querySelector("[data-tour-start]");
  var nextButton = document.querySelector("[data-tour-next]");
  var last = data.stops.length;

  // Great-circle distance in metres (the same formula as the generator's distance_metres).
  var metres = function (lat1, lon1, lat2, lon2) {
    var rad = Math.PI / 180, p1 = lat1 * rad, p2 = lat2 * rad;
    var dp = p2 - p1, dl = (lon2 - lon1) * rad;
    var a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
    return 2 * 6371008.8 * Math.asin(Math.sqrt(a));
  };

  var say = function (text) { if (statusBox) statusBox.textContent = text; };

  // One voice at a time: a stop that starts playing (by the walk or by hand) stops the others.
  var players = document.querySelectorAll(".dcd-tour-audio");
  Array.prototype.forEach.call(players, function (player) {
    player.addEventListener("play", function () {
      Array.prototype.forEach.call(players, function (other) { if (other !== player) other.pause(); });
    });
  });

  var arrive = function (n) {
    if (n < 1 || n > data.stops.length) return;
    if (current) {
      item(current).classList.remove("is-current");
      item(current).classList.add("is-visited");
    }
    current = n;
    visited[n] = true;
    var li = item(n);
    li.classList.add("is-current");
    say(data.text.now_at + " " + n + ": " + data.stops[n - 1].name);
    if (li.scrollIntoView) li.scrollIntoView({ block: "start", behavior: "smooth" });
    var audio = li.querySelector(".dcd-tour-audio");
    if (audio) {
      var playing = audio.play();
      // A browser that wants a tap for each new sound (iOS): the player is there, say so.
      if (playing && playing.catch) playing.catch(function () { say(data.text.now_at + " " + n + ": " + data.stops[n - 1].name + ". " + data.text.tap_to_play); });
    }
    if (map && markers[n]) map.panTo(markers[n].getLatLng());
    if (n === last && nextButton) nextButton.textContent = data.text.finish;
  };

  var finish = function () {
    if (current) {
      item(current).classList.remove("is-current");
      item(current).classList.add("is-visited");
    }
    if (typeof watching === "number") navigator.geolocation.clearWatch(watching);
    watching = false; // never follow again: the walk is over
    // The end says it all: the bar and its buttons go (its status would repeat the end).
    var bar = document.querySelector(".dcd-tour-guide");
    if (bar) bar.hidden = true;
    var end = document.querySelector("[data-tour-end]");
    if (!end) return;
    end.hidden = false;
    if (end.scrollIntoView) end.scrollIntoView({ block: "start", behavior: "smooth" });
    end.focus({ preventScroll: true });
  };

  var onPosition = function (position) {
    var lat = position.coords.latitude, lon = position.coords.longitude;
    if (map) {
      if (!here) here = L.circleMarker([lat, lon], { radius: 7, color: "#1565c0", fillOpacity: 0.9 }).addTo(map);
      else here.setLatLng([lat, lon]);
    }
    // The nearest stop whose zone holds the visitor; a stop already reached is not replayed.
    var best = 0, bestDistance = Infinity;
    data.stops.forEach(function (stop) {
      var d = metres(lat, lon, stop.lat, stop.lon);
      if (d <= stop.r && d < bestDistance) { best = stop.n; bestDistance = d; }
    });
    if (best && !visited[best] && watching !== false) arrive(best);
  };

  var start = function () {
    if (watching !== null) return;
    if (startButton) startButton.hidden = true; // one tap is enough: the bar keeps only "next"
    if (!navigator.geolocation) { say(data.text.no_position); return; }
    say(data.text.following);
    watching = navigator.geolocation.watchPosition(onPosition, function () { say(data.text.no_position); },
      { enableHighAccuracy: true, maximumAge: 10000, timeout: 60000 });
  };

  if (startButton) startButton.addEventListener("click", start);
  if (nextButton) nextButton.addEventListener("click", function () { if (current < last) arrive(current + 1); else finish(); });

  var box = document.getElementById("ban-do");
  if (!box || !window.L) return; // no map (Leaflet did not load): the walk still works
  map = L.map(box, { scrollWheelZoom: false, tap: false });
  map.attributionControl.setPrefix(false);
  L.tileLayer(data.tiles.url, { attribution: data.tiles.attribution, maxZoom: data.tiles.maxZoom }).addTo(map);
  var red = "#c62828";
  if (data.route) {
    L.polyline(data.route, { color: red, weight: 4 }).addTo(map);
  } else {
    data.legs.forEach(function (approximate, i) {
      var a = data.stops[i], b = data.stops[i + 1];
      var leg = L.polyline([[a.lat, a.lon], [b.lat, b.lon]], { color: red, weight: 4, dashArray: approximate ? "8 8" : null });
      if (approximate) leg.bindTooltip(data.text.approx_leg);
      leg.addTo(map);
    });
  }
  // The popup of a stop's marker: its number and name as text, and a link to the stop below.
  var popup = function (stop) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = stop.n + ". " + stop.name;
    var link = document.createElement("a");
    link.href = "#diem-" + stop.n;
    link.textContent = data.text.open_stop;
    box.appendChild(title);
    box.appendChild(document.createElement("br"));
    box.appendChild(link);
    return box;
  };
  var bounds = [];
  data.stops.forEach(function (stop) {
    var icon = L.divIcon({ className: "dcd-tour-marker" + (stop.approx ? " dcd-tour-marker--approx" : ""),
      html: String(stop.n), iconSize: [24, 24] });
    markers[stop.n] = L.marker([stop.lat, stop.lon], { icon: icon, title: stop.n + ". " + stop.name, keyboard: true })
      .bindPopup(popup(stop)).addTo(map);
    L.circle([stop.lat, stop.lon], { radius: stop.r, color: red, weight: 1, fillOpacity: 0.05, interactive: false }).addTo(map);
    bounds.push([stop.lat, stop.lon]);
  });
  map.fitBounds(bounds, { padding: [24, 24] });
})();
