/* Địa chỉ đỏ: tours and villages on the map of all sites (generator/map/layers.py).
 *
 * Loaded by dcd-map.js only once every site marker is on the map, and only when the
 * site has tours or villages: one layer per record kind (tour lines, village houses),
 * switched in the legend, its GeoJSON fetched the first time it is shown. Texts from
 * the records are set with textContent, never as markup.
 */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";

  // The symbol of a kind's layer; colours come from KIND_STYLE (our constants).
  function symbolMarkup(kind, size) {
    var shape = kind.symbol === "line"
      ? '<path d="M2.5 18.5L9 8.5l6 7 6.5-10" fill="none" stroke="' + kind.color + '" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round"/>'
      : '<path d="M12 2.8L2.2 11.2h2.9v9.6h5.4v-5.9h3v5.9h5.4v-9.6h2.9z" fill="' + kind.color + '" stroke="#fff" stroke-width="1.6" stroke-linejoin="round"/>';
    return '<svg xmlns="' + SVG_NS + '" viewBox="0 0 24 24" width="' + size + '" height="' + size +
      '" aria-hidden="true" focusable="false">' + shape + "</svg>";
  }

  function Kinds(siteMap, helpers) {
    this.siteMap = siteMap;
    this.map = siteMap.map;
    this.cfg = siteMap.cfg;
    this.text = siteMap.text;
    this.el = helpers.el;
    this.getJSON = helpers.getJSON;
    this.layers = [];
  }

  // The legend's fieldset, before the note on approximate points.
  Kinds.prototype.fieldset = function () {
    var self = this;
    var el = this.el;
    var fieldset = el("fieldset", "dcd-kinds");
    fieldset.appendChild(el("legend", null, this.text.layers));
    this.cfg.kinds.forEach(function (kind, i) {
      var box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.name = "kind";
      box.value = kind.key;
      var label = el("label", "dcd-choice");
      label.appendChild(box);
      var symbol = el("span", "dcd-symbol");
      symbol.innerHTML = symbolMarkup(kind, 20);  // our own constant markup and colours
      label.appendChild(symbol);
      label.appendChild(el("span", "dcd-choice-text", kind.name));
      label.appendChild(el("span", "dcd-choice-count", kind.count));
      fieldset.appendChild(label);
      box.addEventListener("change", function (event) {
        event.stopPropagation();  // not a filter of the site markers
        self.toggle(i, box.checked);
      });
    });
    var form = this.siteMap.filterForm;
    form.insertBefore(fieldset, form.querySelector(".dcd-legend-approx"));
  };

  Kinds.prototype.layer = function (index) {
    if (this.layers[index]) return this.layers[index];
    var self = this;
    var kind = this.cfg.kinds[index];
    var icon = L.divIcon({ html: symbolMarkup(kind, 26), className: "dcd-marker dcd-kind-" + kind.key,
      iconSize: [26, 26], iconAnchor: [13, 22] });
    var layer = L.geoJSON(null, {
      style: function () { return { color: kind.color, weight: 4, opacity: 0.85 }; },
      pointToLayer: function (feature, latlng) {
        return L.marker(latlng, { icon: icon, title: feature.properties.name, alt: feature.properties.name, keyboard: true });
      },
      onEachFeature: function (feature, item) {
        item.bindPopup(function () { return self.popup(kind, feature.properties); }, { className: "dcd-popup-wrap" });
        if (kind.symbol === "line") item.bindTooltip(self.el("span", null, feature.properties.name), { sticky: true });
      }
    });
    layer.dcdLoaded = null;
    this.layers[index] = layer;
    return layer;
  };

  Kinds.prototype.popup = function (kind, properties) {
    var el = this.el;
    var box = el("div", "dcd-popup");
    box.setAttribute("data-record", properties.id);
    box.appendChild(el("h2", "dcd-popup-name", properties.name));
    box.appendChild(el("p", "dcd-popup-meta", kind.name));
    var links = el("p", "dcd-popup-links");
    var page = el("a", "dcd-popup-page", kind.open);
    page.href = this.cfg.root + properties.path;
    page.target = "_top";
    links.appendChild(page);
    box.appendChild(links);
    return box;
  };

  // Show or hide one kind's layer; resolves once its features are on the map.
  Kinds.prototype.toggle = function (index, shown) {
    var layer = this.layer(index);
    if (!shown) {
      this.map.removeLayer(layer);
      return Promise.resolve();
    }
    layer.addTo(this.map);
    if (!layer.dcdLoaded) {
      layer.dcdLoaded = this.getJSON(this.cfg.kinds[index].url).then(function (data) { layer.addData(data); })
        .catch(function (error) { layer.dcdLoaded = null; throw error; });
    }
    return layer.dcdLoaded;
  };

  Kinds.prototype.showAll = function () {
    var self = this;
    var shown = this.cfg.kinds.map(function (kind, i) { return self.toggle(i, true); });
    return Promise.all(shown).then(function () {
      document.documentElement.setAttribute("data-dcd-kinds", "true");
    }, function () { self.siteMap.notice(self.text.dataFailed); });
  };

  window.dcdMapKinds = function (siteMap, helpers) {
    var kinds = new Kinds(siteMap, helpers);
    siteMap.kinds = kinds;
    kinds.fieldset();
    return kinds.showAll();
  };
})();
