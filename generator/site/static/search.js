/* Địa chỉ đỏ search: finds "Đền Bà Triệu" from "den ba trieu", "ba trieu" or
   "đền bà triệu", a site by its id ("TH-0042"), and tours and villages the same way. The index is written by
   generator/site/search.py (read its docstring); this file mirrors its rules. Loaded
   only by the search page; fetches the manifest and one shard per query. ES5. */
(function () {
  "use strict";
  var form = document.getElementById("dcd-search");
  if (!form) return;
  var input = document.getElementById("dcd-q");
  var status = document.getElementById("dcd-status");
  var list = document.getElementById("dcd-results");
  var indexBase = form.getAttribute("data-index");
  // Every index file is asked for with the index's hash: a saved copy of another
  // version is never used (see sw.js).
  var version = "?v=" + (form.getAttribute("data-version") || "");
  var siteRoot = form.getAttribute("data-root");
  var lang = form.getAttribute("data-lang") || "vi";
  var MAX_RESULTS = 50;
  var KEY_LENGTH = 3;
  var ID = /^([a-z]{1,5})[-\s]?([a-z]?[0-9]{3,6})$/;
  var NUMBERED = /[0-9]{2}$/;
  var cache = {};
  var manifest = null;
  var latest = 0;

  function fold(text) {
    var folded = String(text).replace(/đ/g, "d").replace(/Đ/g, "D");
    if (folded.normalize) folded = folded.normalize("NFD");
    return folded.replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function words(text) { return fold(text).match(/[a-z0-9]+/g) || []; }
  function queryWords(query) {
    var text = fold(query).replace(/^\s+|\s+$/g, "");
    var id = ID.exec(text);
    return id ? [id[1] + id[2]] : (text.match(/[a-z0-9]+/g) || []);
  }
  function shardKey(word) {
    var ending = NUMBERED.exec(word);
    return ending ? "n-" + ending[0] : word.slice(0, KEY_LENGTH);
  }
  function say(name, count) {
    var text = form.getAttribute("data-" + name) || "";
    status.textContent = text.replace("{n}", String(count));
  }
  function getJSON(url, done, fail) {
    if (cache[url]) { done(cache[url]); return; }
    var request = new XMLHttpRequest();
    request.open("GET", url);
    request.onload = function () {
      if (request.status !== 200) { fail(); return; }
      try { cache[url] = JSON.parse(request.responseText); } catch (e) { fail(); return; }
      done(cache[url]);
    };
    request.onerror = fail;
    request.send();
  }

  // A site's score for the query, or -1 when some word is missing.
  // Kinds of relic (đền, chùa...) are optional when the query has other words.
  function requiredWords(asked) {
    var specific = [];
    for (var i = 0; i < asked.length; i++) {
      if (manifest.g.indexOf(asked[i]) < 0) specific.push(asked[i]);
    }
    return specific.length ? specific : asked;
  }

  function score(asked, required, raw, entry) {
    var found = entry[7].split(" ");
    var names = words(entry[2] + " " + entry[3]);
    var total = 0;
    for (var i = 0; i < asked.length; i++) {
      var word = asked[i];
      var prefix = i === asked.length - 1 && word.length >= KEY_LENGTH && !NUMBERED.test(word);
      var best = 0;
      for (var j = 0; j < found.length && best < 2; j++) {
        if (found[j] === word) best = 2;
        else if (prefix && found[j].indexOf(word) === 0) best = 1;
      }
      if (!best && required.indexOf(word) >= 0) return -1;
      total += best;
      for (var k = 0; k < names.length; k++) {
        if (names[k] === word || (prefix && names[k].indexOf(word) === 0)) { total += 2; break; }
      }
    }
    var typed = raw.replace(/^\s+|\s+$/g, "").toLowerCase();
    if (fold(entry[2]).indexOf(fold(typed)) >= 0) total += 3;
    if (entry[2].toLowerCase().indexOf(typed) >= 0) total += 2;  // typed with the right diacritics
    if (asked[0] === fold(entry[6]).replace("-", "")) total += 20;
    return total;
  }

  function show(results) {
    while (list.firstChild) list.removeChild(list.firstChild);
    for (var i = 0; i < results.length && i < MAX_RESULTS; i++) {
      var entry = results[i].entry;
      var english = lang === "en" && entry[8] === 1;
      // A tour's or village's entry names its kind (entry[9]); a site's has its rank.
      var kind = entry[9] || "site";
      var item = document.createElement("li");
      item.setAttribute("data-kind", kind);
      var link = document.createElement("a");
      link.href = siteRoot + (english ? "en/" : "") + manifest.p[kind] + "/" + entry[1] + "/";
      var name = document.createElement("b");
      name.textContent = english && entry[3] ? entry[3] : entry[2];
      var sub = document.createElement("span");
      var label = entry[9] ? manifest.t[lang][kind] : manifest.r[lang][entry[4]];
      sub.textContent = [label, entry[5], entry[6]].filter(Boolean).join(" · ");
      link.appendChild(name);
      link.appendChild(sub);
      item.appendChild(link);
      list.appendChild(item);
    }
    if (!results.length) say("none", 0);
    else say(results.length === 1 ? "one" : "many", results.length);
  }

  function run(raw) {
    var ticket = ++latest;
    var asked = queryWords(raw);
    if (!asked.length) { show([]); status.textContent = ""; return; }
    say("loading", 0);
    getJSON(indexBase + "index.json" + version, function (loaded) {
      manifest = loaded;
      var best = null;
      var required = requiredWords(asked);
      for (var i = 0; i < required.length; i++) {
        var key = shardKey(required[i]);
        if (!(key in manifest.k)) { if (ticket === latest) show([]); return; }
        if (best === null || manifest.k[key] < manifest.k[best] || (manifest.k[key] === manifest.k[best] && key < best)) best = key;
      }
      function rank(entries) {
        if (ticket !== latest) return;
        var results = [];
        for (var j = 0; j < entries.length; j++) {
          var points = score(asked, required, raw, entries[j]);
          if (points >= 0) results.push({ entry: entries[j], points: points });
        }
        results.sort(function (a, b) { return b.points - a.points || a.entry[0] - b.entry[0]; });
        show(results);
      }
      // Offline, a shard never fetched is not saved, but the whole index may be
      // (all-sites.json, kept by the service worker; never fetched online).
      function whole() {
        getJSON(indexBase + "all-sites.json" + version, rank, function () { if (ticket === latest) say("offline", 0); });
      }
      if (navigator.onLine === false) whole();
      else getJSON(indexBase + best + ".json" + version, rank, whole);
    }, function () { if (ticket === latest) say("offline", 0); });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 250);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run(input.value);
    if (window.history && history.replaceState) {
      try { history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); } catch (e) { /* file: URLs */ }
    }
  });
  var match = /[?&]q=([^&]*)/.exec(location.search);
  if (match) {
    try { input.value = decodeURIComponent(match[1].replace(/\+/g, " ")); } catch (e) { input.value = ""; }
    run(input.value);
  }
})();
