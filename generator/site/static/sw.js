/* Địa chỉ đỏ service worker: the site keeps working without signal.
 *
 * Written by hand (not Workbox): revisioned precache, three fetch strategies and the
 * message API below are ~250 lines and ~3 KB gzip, fetched by every first visitor on
 * a weak network; Workbox's runtime for the same would be several times that.
 *
 * WHAT IT KEEPS, each copy checked against the content it was made from:
 * - PRECACHE (written at build time by generator/site/offline.py): the home, list and
 *   search pages, the search index, the offline pages and the files they load, each
 *   with a hash of its bytes. A rebuild changes the hashes, so this file changes and
 *   the browser installs it; install downloads only the entries whose hash changed.
 * - Search data: the search page asks for generated/search/*.json?v=<hash of the
 *   whole index>; a copy is used only for the same ?v=, so a visitor never searches
 *   yesterday's index, even before this worker updates.
 * - Pages a visitor opened: network first (fresh after an edit), the saved copy when
 *   the network fails or takes longer than SLOW_NETWORK_MS.
 * - Photos and files with a content hash in their name: cache first.
 * - Anything else of ours (unhashed CSS/JS): network first, the copy offline.
 * Offline, a page that was never saved gets the offline page in the visitor's language
 * (/en/ paths: English), listing every saved page. Other hosts (map tiles) are left to
 * the browser.
 *
 * API FOR PAGES ("save this for offline": narration audio, panoramas ...). Post to
 * navigator.serviceWorker.controller (or registration.active) with a MessageChannel
 * port to get the answer; site.js wraps this as window.dcdOffline.save/forget/has.
 *   {type: "dcd-save", urls: [url | {url, revision}]}
 *       -> {type: "dcd-save", saved: [url], failed: [url]}
 *       Keeps the files in the "dcd-saved" cache until forgotten (no size limit: the
 *       visitor chose them). Give a revision (e.g. a content hash) unless the file's
 *       name changes with its content; a saved copy whose revision differs is fetched
 *       again. Range requests (audio, video seeking) are answered from the copy (206).
 *   {type: "dcd-forget", urls: [url]}  -> {type: "dcd-forget", removed: [url]}
 *   {type: "dcd-has", urls: [url]}     -> {type: "dcd-has", saved: [url]}
 *   URLs may be relative to the site root; only this site's URLs are accepted.
 *   {type: "dcd-keep", urls: [url]} (no answer) is what site.js sends after a page
 *   loads: that page and what it loaded go to the ordinary caches.
 */
"use strict";
var PRECACHE_MANIFEST = __DCD_PRECACHE__;
var VERSION = PRECACHE_MANIFEST.version;
var PRECACHE = "dcd-precache";
var SEARCH = "dcd-search";
var SAVED = "dcd-saved";
var PAGES = "dcd-pages";
var PHOTOS = "dcd-photos";
var ASSETS = "dcd-assets";
var PANORAMAS = "dcd-panoramas";  // 360° tiles: named by content, like photos
var LIMITS = { "dcd-pages": 80, "dcd-photos": 150, "dcd-assets": 60, "dcd-panoramas": 1500 };
var SLOW_NETWORK_MS = 4000;
var HASH_HEADER = "X-Dcd-Revision";
var SCOPE = self.registration.scope;
var HASHED_NAME = /\.[0-9a-f]{8,}\.[a-z0-9]+$/;

function absolute(path) { return new URL(path, SCOPE).href; }
function own(url) { return typeof url === "string" && url.indexOf(SCOPE) === 0; }
var OFFLINE = { vi: absolute(PRECACHE_MANIFEST.offline.vi), en: absolute(PRECACHE_MANIFEST.offline.en) };

function withRevision(response, revision) {
  // A stored copy remembers the revision it was fetched for.
  var headers = new Headers(response.headers);
  headers.set(HASH_HEADER, revision);
  return response.blob().then(function (body) {
    return new Response(body, { status: response.status, statusText: response.statusText, headers: headers });
  });
}

// Fetch url and store it under revision; "no-cache" revalidates the HTTP cache (a 304
// costs a round trip, not the bytes) so a fresh revision never stores stale bytes.
function fetchInto(cache, url, revision) {
  return fetch(url, { cache: "no-cache", credentials: "same-origin" }).then(function (response) {
    if (!response.ok) throw new Error(url + ": HTTP " + response.status);
    return withRevision(response, revision);
  }).then(function (copy) { return cache.put(url, copy); });
}

function upToDate(cache, url, revision) {
  return cache.match(url).then(function (hit) { return !!hit && hit.headers.get(HASH_HEADER) === revision; });
}

function precache() {
  return caches.open(PRECACHE).then(function (cache) {
    var wanted = {};
    var work = PRECACHE_MANIFEST.entries.map(function (entry) {
      var url = absolute(entry[0]);
      wanted[url] = true;
      return upToDate(cache, url, entry[1]).then(function (fresh) { return fresh || fetchInto(cache, url, entry[1]); });
    });
    return Promise.all(work).then(function () {
      return cache.keys().then(function (keys) {
        return Promise.all(keys.map(function (request) { return wanted[request.url] ? null : cache.delete(request); }));
      });
    });
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(precache().then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  // Caches of earlier versions of this worker (dcd-assets-<version>) are dropped.
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.map(function (name) {
      return name.indexOf("dcd-assets-") === 0 ? caches.delete(name) : null;
    }));
  }).then(function () { return self.clients.claim(); }));
});

function trim(name) {
  var limit = LIMITS[name];
  if (!limit) return Promise.resolve();
  return caches.open(name).then(function (cache) {
    return cache.keys().then(function (keys) {
      var deletions = [];
      for (var i = 0; i < keys.length - limit; i++) deletions.push(cache.delete(keys[i]));
      return Promise.all(deletions);
    });
  });
}

function save(name, request, response) {
  if (!response || !response.ok || response.type === "opaque") return Promise.resolve();
  var copy = response.clone();
  return caches.open(name).then(function (cache) { return cache.put(request, copy); }).then(function () { return trim(name); });
}

function fromCache(name, request, options) {
  return caches.open(name).then(function (cache) { return cache.match(request, options); });
}

function offlinePage(url) {
  var lang = new URL(url).pathname.indexOf(new URL(SCOPE).pathname + "en/") === 0 ? "en" : "vi";
  return fromCache(PRECACHE, OFFLINE[lang]).then(function (hit) {
    if (!hit) return Response.error();
    // Served at the address the visitor asked for; <base> makes its links and styles
    // resolve as at its own address.
    return hit.text().then(function (html) {
      html = html.replace(/<head>/i, '<head><base href="' + OFFLINE[lang] + '">');
      return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
    });
  });
}

// The copy in cache ``name`` (or the precache); a page's copy answers the page with
// any query (tim-kiem/?q=...).
function savedCopy(request, name) {
  var options = name === PAGES ? { ignoreSearch: true } : undefined;
  return fromCache(name, request, options).then(function (hit) {
    return hit || fromCache(PRECACHE, request.url, options);
  });
}

function networkFirst(event, name) {
  var request = event.request;
  var network = fetch(request).then(function (response) {
    event.waitUntil(save(name, request, response));
    return response;
  });
  var slow = new Promise(function (resolve) { setTimeout(resolve, SLOW_NETWORK_MS); }).then(function () {
    return savedCopy(request, name).then(function (hit) { return hit || network; });
  });
  return Promise.race([network, slow]).catch(function () {
    return savedCopy(request, name).then(function (hit) {
      if (hit) return hit;
      return request.mode === "navigate" ? offlinePage(request.url) : Response.error();
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

// Search files carry ?v=<hash of the index>: a copy answers only the same version;
// a new version replaces the copies of the old one.
function versionedSearch(event) {
  var request = event.request;
  return fromCache(PRECACHE, request.url).then(function (hit) {
    return hit || fromCache(SEARCH, request.url);
  }).then(function (hit) {
    if (hit) return hit;
    return fetch(request).then(function (response) {
      if (!response.ok) return response;
      var copy = response.clone();
      var path = new URL(request.url).pathname;
      event.waitUntil(caches.open(SEARCH).then(function (cache) {
        return cache.keys().then(function (keys) {
          return Promise.all(keys.map(function (key) {
            return new URL(key.url).pathname === path ? cache.delete(key) : null;
          }));
        }).then(function () { return cache.put(request, copy); });
      }));
      return response;
    });
  });
}

// A saved media file answers a Range request with the bytes asked for.
function partial(request, response) {
  var range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.get("Range") || "");
  if (!range) return Promise.resolve(response);
  return response.blob().then(function (blob) {
    var start = range[1] ? Number(range[1]) : Math.max(0, blob.size - Number(range[2]));
    var end = range[1] && range[2] ? Math.min(Number(range[2]), blob.size - 1) : blob.size - 1;
    if (start >= blob.size || start > end) {
      return new Response("", { status: 416, headers: { "Content-Range": "bytes */" + blob.size } });
    }
    var headers = new Headers(response.headers);
    headers.set("Content-Range", "bytes " + start + "-" + end + "/" + blob.size);
    headers.set("Content-Length", String(end - start + 1));
    return new Response(blob.slice(start, end + 1), { status: 206, statusText: "Partial Content", headers: headers });
  });
}

function route(event) {
  var request = event.request;
  var url = new URL(request.url);
  var path = url.pathname;
  if (request.mode === "navigate" || /\/$|\.html$/.test(path)) return networkFirst(event, PAGES);
  if (path.indexOf("/generated/search/") >= 0 && url.searchParams.has("v")) return versionedSearch(event);
  if (path.indexOf("/generated/img/") >= 0) return cacheFirst(event, PHOTOS);
  if (path.indexOf("/generated/pano/") >= 0) return cacheFirst(event, PANORAMAS);
  return fromCache(PRECACHE, request.url).then(function (hit) {
    if (hit) return hit;
    return HASHED_NAME.test(path) ? cacheFirst(event, ASSETS) : networkFirst(event, ASSETS);
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || !own(request.url)) return;
  event.respondWith(fromCache(SAVED, request.url).then(function (hit) {
    return hit ? partial(request, hit) : route(event);
  }));
});

// --- messages -------------------------------------------------------------------------

function entries(urls) {
  return (urls || []).map(function (item) {
    var url = typeof item === "string" ? item : item && item.url;
    var revision = item && typeof item === "object" && item.revision ? String(item.revision) : "";
    try { url = absolute(url); } catch (e) { url = null; }
    return { url: url, revision: revision };
  }).filter(function (entry) { return own(entry.url); });
}

var HANDLERS = {
  "dcd-save": function (list) {
    return caches.open(SAVED).then(function (cache) {
      return Promise.all(list.map(function (entry) {
        return upToDate(cache, entry.url, entry.revision).then(function (fresh) {
          return fresh || fetchInto(cache, entry.url, entry.revision);
        }).then(function () { return [entry.url, true]; }, function () { return [entry.url, false]; });
      }));
    }).then(function (results) {
      return {
        saved: results.filter(function (r) { return r[1]; }).map(function (r) { return r[0]; }),
        failed: results.filter(function (r) { return !r[1]; }).map(function (r) { return r[0]; })
      };
    });
  },
  "dcd-forget": function (list) {
    return caches.open(SAVED).then(function (cache) {
      return Promise.all(list.map(function (entry) {
        return cache.delete(entry.url).then(function (removed) { return removed ? entry.url : null; });
      }));
    }).then(function (removed) { return { removed: removed.filter(Boolean) }; });
  },
  "dcd-has": function (list) {
    return caches.open(SAVED).then(function (cache) {
      return Promise.all(list.map(function (entry) {
        return cache.match(entry.url).then(function (hit) { return hit ? entry.url : null; });
      }));
    }).then(function (saved) { return { saved: saved.filter(Boolean) }; });
  },
  "dcd-keep": function (list) {
    return Promise.all(list.map(function (entry) {
      var url = entry.url;
      var path = new URL(url).pathname;
      if (path.indexOf("/generated/search/") >= 0) return null;  // kept by version, when searched
      var name = /\/$|\.html$/.test(path) ? PAGES : path.indexOf("/generated/img/") >= 0 ? PHOTOS : ASSETS;
      return Promise.all([fromCache(PRECACHE, url), fromCache(name, url)]).then(function (hits) {
        if (hits[0] || (hits[1] && name !== PAGES)) return null;
        return fetch(url).then(function (response) { return save(name, url, response); }).catch(function () {});
      });
    })).then(function () { return null; });
  }
};

self.addEventListener("message", function (event) {
  var data = event.data || {};
  var handler = HANDLERS[data.type];
  if (!handler) return;
  var port = event.ports && event.ports[0];
  event.waitUntil(handler(entries(data.urls)).then(function (answer) {
    if (port && answer) { answer.type = data.type; port.postMessage(answer); }
  }, function (error) {
    if (port) port.postMessage({ type: data.type, error: String(error) });
  }));
});
