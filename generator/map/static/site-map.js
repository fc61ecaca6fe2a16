/* Địa chỉ đỏ: the small map on a site page. generator/map/data.py puts the configuration
 * (tiles, words) in front of this file as window.dcdSiteMapConfig.
 *
 * It fills every <div class="dcd-site-map" data-lat data-lon data-approximate
 * data-name data-id data-lang> of the page. Nothing above the fold pays for it:
 * Leaflet (about 45 KB gzip) is fetched only when a map comes near the viewport.
 * Safe to run again: mkdocs-material's instant navigation re-runs content scripts.
 */
(function () {
  "use strict";
  var W = window;
  if (!W.dcdSiteMap) {
    var cfg = W.dcdSiteMapConfig;
    var me = document.currentScript || document.querySelector('script[src*="site-map."]');
    // This file sits in generated/map/: the vendor folder beside it, the site root two up.
    var here = me ? me.src : location.href;
    var leafletBase = new URL(cfg.leaflet, here).href;
    var mapBase = new URL(".", here).href;
    var loading = null;

    var load = function () {
      if (W.L) return Promise.resolve();
      if (!loading) {
        loading = new Promise(function (resolve, reject) {
          var css = document.createElement("link");
          css.rel = "stylesheet";
          css.href = leafletBase + "leaflet.css";
          document.head.appendChild(css);
          var script = document.createElement("script");
          script.src = leafletBase + "leaflet.js";
          script.onload = resolve;
          script.onerror = function () { loading = null; reject(new Error("leaflet")); };
          document.head.appendChild(script);
        });
      }
      return loading;
    };

    var words = function (lang) { return cfg.text[lang] || cfg.text[cfg.defaultLang]; };

    var prepare = function (box) {
      var d = box.dataset;
      var t = words(d.lang);
      box.style.display = "block";
      box.style.height = "14rem";
      box.style.background = "#ebe7de";
      box.style.borderRadius = ".4rem";
      box.style.position = "relative";
      box.style.zIndex = "0";
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", t.label + ": " + (d.name || ""));
      if (d.id && !(box.nextElementSibling && box.nextElementSibling.classList.contains("dcd-site-map-link"))) {
        var p = document.createElement("p");
        p.className = "dcd-site-map-link";
        var a = document.createElement("a");
        a.href = mapBase + (cfg.languages.indexOf(d.lang) >= 0 ? d.lang : cfg.defaultLang) + ".html#" + encodeURIComponent(d.id);
        a.textContent = t.bigMap;
        p.appendChild(a);
        box.parentNode.insertBefore(p, box.nextSibling);
      }
    };

    var draw = function (box) {
      var d = box.dataset;
      load().then(function () {
        var point = [parseFloat(d.lat), parseFloat(d.lon)];
        var approximate = d.approximate === "true";
        var map = L.map(box, {
          center: point,
          zoom: approximate ? 12 : 15,
          scrollWheelZoom: false,
          dragging: !L.Browser.mobile,
          tap: false
        });
        map.attributionControl.setPrefix(false);
        L.tileLayer(cfg.tiles.url, { attribution: cfg.tiles.attribution, maxZoom: cfg.tiles.maxZoom }).addTo(map);
        if (approximate) {
          // A commune centre: show the uncertainty, not a pin that pretends to be the site.
          L.circle(point, { radius: 1500, color: cfg.color, weight: 2, dashArray: "6 5", fillOpacity: 0.08, interactive: false }).addTo(map);
          L.circleMarker(point, { radius: 8, color: cfg.color, weight: 3, dashArray: "3 3", fillColor: "#fff", fillOpacity: 0.9, interactive: false }).addTo(map);
        } else {
          L.circleMarker(point, { radius: 9, color: "#fff", weight: 3, fillColor: cfg.color, fillOpacity: 1, interactive: false }).addTo(map);
        }
        box.setAttribute("data-dcd-ready", "true");
      }).catch(function () {
        box.setAttribute("data-dcd-failed", "true");
      });
    };

    var observer = "IntersectionObserver" in W
      ? new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) {
            observer.unobserve(entry.target);
            draw(entry.target);
          }
        });
      }, { rootMargin: "300px 0px" })
      : null;

    W.dcdSiteMap = {
      scan: function () {
        var boxes = document.querySelectorAll(".dcd-site-map[data-lat]:not([data-dcd-seen])");
        for (var i = 0; i < boxes.length; i++) {
          boxes[i].setAttribute("data-dcd-seen", "true");
          prepare(boxes[i]);
          if (observer) observer.observe(boxes[i]);
          else draw(boxes[i]);
        }
      }
    };
  }
  W.dcdSiteMap.scan();
})();
