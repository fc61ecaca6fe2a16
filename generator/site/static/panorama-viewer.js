/* Địa chỉ đỏ: 360° panoramas on a site page. Loaded (deferred, a few KB) only on pages
   that have panoramas; the viewer itself (Pannellum, ~21 KB gzip) loads only when the
   visitor taps "Xem 360°". ES5 and feature-detected, like site.js. The tour is JSON in
   the page (#dcd-pano-data); every text in it is data: Pannellum runs with escapeHTML
   and our own labels are set with textContent. */
(function () {
  "use strict";
  var doc = document;
  var holder = doc.getElementById("dcd-pano-data");
  if (!holder || !window.JSON || !window.Promise || !window.URL || !doc.querySelectorAll) return;
  var data;
  try { data = JSON.parse(holder.textContent); } catch (e) { return; }
  var words = data.strings;
  var loading = null;
  var overlay = null;
  var viewer = null;

  function load(tag, attrs) {
    return new Promise(function (resolve, reject) {
      var node = doc.createElement(tag);
      for (var key in attrs) node[key] = attrs[key];
      node.onload = resolve;
      node.onerror = reject;
      doc.head.appendChild(node);
    });
  }

  function loadViewer() {
    if (!loading) {
      var parts = [load("script", { src: data.script })];
      for (var i = 0; i < data.css.length; i++) parts.push(load("link", { rel: "stylesheet", href: data.css[i] }));
      loading = Promise.all(parts);
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function element(tag, className, text) {
    var node = doc.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function absolute(url) { return new URL(url, location.href).href; }

  // The coarse tiles of every scene (what a phone shows before zooming), for offline.
  function offlineUrls() {
    var urls = [location.href, absolute(data.script)];
    for (var c = 0; c < data.css.length; c++) urls.push(absolute(data.css[c]));
    for (var id in data.tour.scenes) {
      var tiles = data.tour.scenes[id].multiRes;
      for (var level = 1; level <= Math.min(data.offlineLevels, tiles.maxLevel); level++) {
        var size = Math.floor(tiles.cubeResolution / Math.pow(2, tiles.maxLevel - level));
        var count = Math.ceil(size / tiles.tileResolution);
        for (var f = 0; f < 6; f++) {
          for (var y = 0; y < count; y++) {
            for (var x = 0; x < count; x++) {
              urls.push(absolute(tiles.basePath + "/" + level + "/" + "fbudlr".charAt(f) + y + "_" + x + "." + tiles.extension));
            }
          }
        }
      }
    }
    return urls;
  }

  function saveOffline() {
    var button = overlay.save;
    // The worker's "save for offline" API (site.js): kept until the visitor forgets them.
    if (!window.dcdOffline || !navigator.serviceWorker || !navigator.serviceWorker.controller) {
      button.textContent = words.save_unavailable;
      return;
    }
    button.disabled = true;
    window.dcdOffline.save([location.href].concat(offlineUrls())).then(function (answer) {
      button.textContent = answer && !answer.failed.length ? words.saved : words.save_unavailable;
      button.disabled = !answer || !answer.failed.length;
    }, function () { button.textContent = words.save_unavailable; button.disabled = false; });
  }

  function showCaption(sceneId) {
    var scene = data.scenes[sceneId];
    if (!overlay || !scene) return;
    overlay.caption.textContent = scene.caption;
    overlay.credit.textContent = scene.credit;
    overlay.root.setAttribute("data-scene", sceneId);
  }

  function close() {
    if (!overlay) return;
    if (viewer) { try { viewer.destroy(); } catch (e) { /* already gone */ } }
    viewer = null;
    if (doc.fullscreenElement && doc.exitFullscreen) doc.exitFullscreen().catch(function () {});
    overlay.root.parentNode.removeChild(overlay.root);
    doc.documentElement.style.overflow = "";
    var opener = overlay.opener;
    overlay = null;
    if (opener) opener.focus();
  }

  function buildOverlay(opener) {
    var root = element("div", "dcd-pano-overlay");
    // Enough style to cover the page before panorama-viewer.css arrives on a slow network.
    root.style.cssText = "position:fixed;top:0;right:0;bottom:0;left:0;z-index:1000;background:#111;display:flex;flex-direction:column";
    root.setAttribute("role", "dialog");
    root.setAttribute("aria-modal", "true");
    root.setAttribute("aria-label", words.dialog);
    var stage = element("div", "dcd-pano-stage");
    stage.style.cssText = "flex:1;min-height:0;position:relative";
    var bar = element("div", "dcd-pano-bar");
    var text = element("p", "dcd-pano-text");
    var caption = element("span", "dcd-pano-caption", words.loading);
    var credit = element("span", "dcd-pano-credit");
    text.appendChild(caption);
    text.appendChild(credit);
    var save = element("button", "dcd-pano-save", words.save);
    save.type = "button";
    save.onclick = saveOffline;
    var shut = element("button", "dcd-pano-close", "\u00d7");
    shut.type = "button";
    shut.setAttribute("aria-label", words.close);
    shut.onclick = function () { if (history.state && history.state.dcdPano) history.back(); else close(); };
    bar.appendChild(text);
    bar.appendChild(save);
    bar.appendChild(shut);
    root.appendChild(stage);
    root.appendChild(bar);
    doc.body.appendChild(root);
    doc.documentElement.style.overflow = "hidden";
    return { root: root, stage: stage, caption: caption, credit: credit, save: save, close: shut, opener: opener };
  }

  function open(sceneId, opener) {
    if (overlay) close();
    var target = overlay = buildOverlay(opener);
    target.close.focus();
    // Full screen needs the tap itself, so ask now, before anything loads.
    if (target.root.requestFullscreen) target.root.requestFullscreen().catch(function () {});
    if (history.pushState) history.pushState({ dcdPano: true }, "");
    loadViewer().then(function () {
      if (overlay !== target || !window.pannellum) return;
      var tour = JSON.parse(JSON.stringify(data.tour));
      tour["default"].firstScene = sceneId;
      showCaption(sceneId);
      viewer = window.pannellum.viewer(target.stage, tour);
      window.dcdPanoramaViewer = viewer;  // for tests and the browser console
      viewer.on("scenechange", showCaption);
      function ready() { target.root.setAttribute("data-state", "ready"); }
      // Multires scenes may finish loading inside the constructor, before "load" can be heard.
      if (viewer.isLoaded()) ready(); else viewer.on("load", ready);
    }, function () {
      target.caption.textContent = words.error;
    });
  }

  var buttons = doc.querySelectorAll("[data-dcd-pano]");
  for (var b = 0; b < buttons.length; b++) buttons[b].hidden = false;  // they do nothing without this script

  doc.addEventListener("click", function (event) {
    var node = event.target;
    while (node && node !== doc && !(node.getAttribute && node.getAttribute("data-dcd-pano"))) node = node.parentNode;
    if (!node || node === doc) return;
    event.preventDefault();
    open(node.getAttribute("data-dcd-pano"), node);
  });
  doc.addEventListener("keydown", function (event) {
    if (overlay && event.key === "Escape") overlay.close.onclick();
  });
  window.addEventListener("popstate", close);
})();
