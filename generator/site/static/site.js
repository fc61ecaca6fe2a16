/* Địa chỉ đỏ: the little JavaScript every page needs. Written for old WebViews
   (Zalo's in-app browser): ES5 syntax, and every API is feature-detected; the
   page works fully without this file. */
(function () {
  "use strict";
  var doc = document;
  var script = doc.currentScript;

  function toast(text) {
    if (!text) return;
    var box = doc.createElement("div");
    box.className = "dcd-toast md-typeset";
    box.setAttribute("role", "status");
    box.textContent = text;
    doc.body.appendChild(box);
    setTimeout(function () { if (box.parentNode) box.parentNode.removeChild(box); }, 2500);
  }

  // Share: the phone's share sheet where there is one, else copy the link; without
  // either, the link itself opens the page's permanent address.
  doc.addEventListener("click", function (event) {
    var link = event.target;
    while (link && link !== doc && !(link.getAttribute && link.getAttribute("data-dcd-share") !== null)) {
      link = link.parentNode;
    }
    if (!link || link === doc) return;
    var url = link.href;
    var title = link.getAttribute("data-title") || doc.title;
    if (navigator.share) {
      event.preventDefault();
      try {
        var shared = navigator.share({ title: title, url: url });
        if (shared && shared.catch) shared.catch(function () {});
      } catch (e) { /* the user closed the sheet */ }
    } else if (navigator.clipboard && navigator.clipboard.writeText) {
      event.preventDefault();
      navigator.clipboard.writeText(url).then(function () {
        toast(link.getAttribute("data-copied"));
      }, function () { window.location.href = url; });
    }
  });

  // Offline: a service worker keeps the pages (and photos) a visitor has opened.
  // Registered only where the browser has it; nothing else depends on it.
  if (!script || !("serviceWorker" in navigator) || window.isSecureContext === false || !window.URL) return;
  var root;
  try { root = new URL("../../", script.src); } catch (e) { return; }
  function keepThisPage(registration) {
    var worker = registration && registration.active;
    if (!worker || !window.performance || !performance.getEntriesByType) return;
    var urls = [location.href];
    var entries = performance.getEntriesByType("resource");
    for (var i = 0; i < entries.length; i++) urls.push(entries[i].name);
    worker.postMessage({ type: "dcd-keep", urls: urls });
  }
  window.addEventListener("load", function () {
    try {
      navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.href })
        .then(function () { return navigator.serviceWorker.ready; })
        .then(keepThisPage)
        .catch(function () { /* no offline copy; the page works as before */ });
    } catch (e) { /* very old WebView */ }
  });
})();
