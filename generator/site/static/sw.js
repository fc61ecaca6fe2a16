/* Địa chỉ đỏ service worker: pages and photos a visitor has opened open again
   without signal. Our own code, served from the site root so it covers every page.
   Pages: network first (fresh after an edit), the saved copy when the network fails
   or is too slow. Photos and 360° tiles: cache first (their names change when they change).
   CSS, JS and the search index: the saved copy at once, refreshed in the background.
   Other hosts (map tiles) are left to the browser. */
"use strict";
var VERSION = "__DCD_VERSION__";
var PAGES = "dcd-pages";
var PHOTOS = "dcd-photos";
var PANORAMAS = "dcd-panoramas";  // 360° tiles: named by content, like photos
var ASSETS = "dcd-assets-" + VERSION;
var LIMITS = { "dcd-pages": 80, "dcd-photos": 150, "dcd-panoramas": 1500 };
var SLOW_NETWORK_MS = 4000;
var OFFLINE_PAGE = '<!doctype html><html lang="vi"><meta charset="utf-8">' +
  '<meta name="viewport" content="width=device-width,initial-scale=1"><title>Không có mạng</title>' +
  '<body style="font-family:sans-serif;padding:1.5rem;color:#2b1712"><h1 style="color:#9e1b1b">Không có mạng</h1>' +
  '<p>Trang này chưa được lưu trên máy. Hãy thử lại khi có sóng.</p><p lang="en">You are offline and this page was not saved yet.</p>';

self.addEventListener("install", function () { self.skipWaiting(); });

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.map(function (name) {
      return name.indexOf("dcd-assets-") === 0 && name !== ASSETS ? caches.delete(name) : null;
    }));
  }).then(function () { return self.clients.claim(); }));
});

function cacheFor(url) {
  var path = new URL(url).pathname;
  if (path.indexOf("/generated/img/") >= 0) return PHOTOS;
  if (path.indexOf("/generated/pano/") >= 0) return PANORAMAS;
  if (path.indexOf("/assets/") >= 0 || path.indexOf("/generated/") >= 0) return ASSETS;
  return PAGES;
}

function trim(name) {
  var limit = LIMITS[name];
  if (!limit) return Promise.resolve();
  return caches.open(name).then(function (cache) {
    return cache.keys().then(function (keys) {
      var extra = keys.length - limit;
      var deletions = [];
      for (var i = 0; i < extra; i++) deletions.push(cache.delete(keys[i]));
      return Promise.all(deletions);
    });
  });
}

function save(name, request, response) {
  if (!response || !response.ok || response.type === "opaque") return Promise.resolve();
  var copy = response.clone();
  return caches.open(name).then(function (cache) { return cache.put(request, copy); }).then(function () { return trim(name); });
}

function networkFirst(event) {
  var request = event.request;
  var network = fetch(request).then(function (response) {
    event.waitUntil(save(PAGES, request, response));
    return response;
  });
  var slow = new Promise(function (resolve) { setTimeout(resolve, SLOW_NETWORK_MS); }).then(function () {
    return caches.match(request, { ignoreSearch: true }).then(function (hit) { return hit || network; });
  });
  return Promise.race([network, slow]).catch(function () {
    return caches.match(request, { ignoreSearch: true }).then(function (hit) {
      return hit || new Response(OFFLINE_PAGE, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
    });
  });
}

function cacheFirst(event, name) {
  return caches.match(event.request).then(function (hit) {
    return hit || fetch(event.request).then(function (response) {
      event.waitUntil(save(name, event.request, response));
      return response;
    });
  });
}

function staleWhileRevalidate(event) {
  var request = event.request;
  return caches.match(request).then(function (hit) {
    var network = fetch(request).then(function (response) {
      return save(ASSETS, request, response).then(function () { return response; });
    });
    if (hit) {
      event.waitUntil(network.catch(function () {}));
      return hit;
    }
    return network;
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.url.indexOf(self.location.origin + "/") !== 0) return;
  if (request.mode === "navigate") { event.respondWith(networkFirst(event)); return; }
  var name = cacheFor(request.url);
  if (name === PHOTOS || name === PANORAMAS) event.respondWith(cacheFirst(event, name));
  else if (name === ASSETS) event.respondWith(staleWhileRevalidate(event));
});

// A page opened before the worker was running asks it to keep that page and what it loaded.
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type !== "dcd-keep" || !data.urls) return;
  var own = data.urls.filter(function (url) { return typeof url === "string" && url.indexOf(self.location.origin + "/") === 0; });
  event.waitUntil(Promise.all(own.map(function (url) {
    var name = cacheFor(url);
    return caches.match(url).then(function (hit) {
      if (hit && name !== PAGES) return null;
      return fetch(url).then(function (response) { return save(name, url, response); }).catch(function () {});
    });
  })));
});
