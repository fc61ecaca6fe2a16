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

  // The offline page (served by sw.js in place of a page never saved): list every
  // saved page, the home page first, then by name.
  var saved = doc.getElementById("dcd-saved");
  if (saved && window.caches && window.URL) listSaved(saved);
  var retry = doc.querySelector("[data-dcd-retry]");
  if (retry) retry.addEventListener("click", function (event) { event.preventDefault(); location.reload(); });

  function listSaved(list) {
    var suffix = " - " + (list.getAttribute("data-site-name") || "");
    var home = list.querySelector("a") ? list.querySelector("a").href : "";
    var vietnamese = doc.documentElement.lang !== "en";
    function pagesIn(name) {
      return caches.open(name).then(function (cache) {
        return cache.keys().then(function (keys) {
          return Promise.all(keys.filter(function (key) {
            var path = new URL(key.url).pathname;
            // The Vietnamese page lists Vietnamese pages; the English one lists all.
            var english = key.url.indexOf(home + "en/") === 0;
            return /\/$/.test(path) && key.url !== home && !/\/generated\//.test(path) && (!english || !vietnamese);
          }).map(function (key) {
            return cache.match(key).then(function (response) { return response.text(); }).then(function (html) {
              var title = /<title>([^<]*)<\/title>/i.exec(html);
              var text = title ? title[1].replace(suffix, "") : key.url;
              var box = doc.createElement("textarea");
              box.innerHTML = text;  // decode entities; a textarea never runs markup
              return { url: key.url, title: box.value };
            });
          }));
        });
      });
    }
    Promise.all([pagesIn("dcd-precache"), pagesIn("dcd-pages")]).then(function (found) {
      var seen = {};
      var pages = found[0].concat(found[1]).filter(function (page) {
        if (seen[page.url]) return false;
        seen[page.url] = true;
        return true;
      });
      pages.sort(function (a, b) { return a.title.localeCompare(b.title, "vi"); });
      for (var i = 0; i < pages.length; i++) {
        var item = doc.createElement("li");
        var link = doc.createElement("a");
        var name = doc.createElement("b");
        link.href = pages[i].url;
        name.textContent = pages[i].title;
        link.appendChild(name);
        item.appendChild(link);
        list.appendChild(item);
      }
      list.setAttribute("data-dcd-ready", "true");
    }).catch(function () { list.setAttribute("data-dcd-ready", "true"); });
  }

  // Offline: a service worker keeps the pages (and photos) a visitor has opened, and
  // on the first visit the home, list and search pages (sw.js explains).
  // Registered only where the browser has it; nothing else depends on it.
  if (!script || !("serviceWorker" in navigator) || window.isSecureContext === false || !window.URL) return;
  var root;
  try { root = new URL("../../", script.src); } catch (e) { return; }

  // "Save for offline" for media (narration, panoramas): window.dcdOffline.save(urls)
  // resolves to {saved: [...], failed: [...]}; forget(urls) and has(urls) likewise.
  // urls: strings (relative to the site root, or absolute) or {url, revision}.
  function ask(type, urls) {
    return navigator.serviceWorker.ready.then(function (registration) {
      return new Promise(function (resolve, reject) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) {
          if (event.data && event.data.error) reject(new Error(event.data.error));
          else resolve(event.data);
        };
        registration.active.postMessage({ type: type, urls: urls }, [channel.port2]);
      });
    });
  }
  window.dcdOffline = {
    root: root.href,
    save: function (urls) { return ask("dcd-save", urls); },
    forget: function (urls) { return ask("dcd-forget", urls); },
    has: function (urls) { return ask("dcd-has", urls); }
  };

  function keepThisPage(registration) {
    var worker = registration && registration.active;
    if (!worker || !window.performance || !performance.getEntriesByType || saved) return;
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
