/* Địa chỉ đỏ 404 page, first script of <head> (included inline by 404.html): a host
   serves this page for every address it lacks, at any depth and under any sub-path.
   1. Find the site's root from the address (the first segment naming a root folder;
      else the configured base path; else one probe of the first segment).
   2. A plaque address typed another way (/s/th-0024, /S/TH-0024, /s/TH0024, /TH 24)
      or a page address in capitals goes to its canonical form: location.replace, before
      anything renders. The canonical form never redirects again, so there is no loop.
   3. Otherwise write <base href=root> so this page's relative asset URLs resolve from
      the root wherever the site is served, and mark English on en/ addresses.
   ES5, no dependencies: old in-app browsers run it. */
(function () {
  "use strict";
  var D = window.DCD_404;
  var path = location.pathname;
  try { path = decodeURIComponent(path); } catch (e) { /* keep it encoded */ }
  var segments = path.split("/");
  var folders = {};
  for (var f = 0; f < D.root_folders.length; f++) folders[D.root_folders[f].toLowerCase()] = true;

  function probe(candidate) {
    try {
      var request = new XMLHttpRequest();
      request.open("HEAD", candidate + D.root_probe, false);
      request.send();
      return request.status === 200;
    } catch (e) { return false; }
  }

  function findRoot() {
    for (var i = 1; i < segments.length - 1; i++) {
      if (folders[segments[i].toLowerCase()]) return segments.slice(0, i).join("/") + "/";
    }
    if (D.base_path !== "/" && path.indexOf(D.base_path) === 0) return D.base_path;
    var named = segments.length > 2 && segments[1] ? "/" + segments[1] + "/" : null;
    return named && probe(named) ? named : "/";
  }

  var root = findRoot();
  var rest = path.slice(root.length);
  // The canonical id in a typed one: the prefix, any separator or none, a kind's letter
  // (TH-T0001), the number with or without its zeros; null when it is not an id.
  var separator = "[\\s_.\\-\\u2010-\\u2015]*";
  var letter = D.id_letters ? "(?:([" + D.id_letters + "])" + separator + ")?" : "()";
  var idPattern = new RegExp("^\\s*" + D.id_prefix + separator + letter + "0*([0-9]{1,6})\\s*$", "i");
  D.canonicalId = function (text) {
    var found = idPattern.exec(text);
    if (!found) return null;
    var digits = found[2];
    while (digits.length < 4) digits = "0" + digits;
    return D.id_prefix + "-" + (found[1] || "").toUpperCase() + digits;
  };
  // s/ (any case) optional, then the id, then stray slashes, "index.html" or punctuation
  // copied with the address.
  var typed = new RegExp("^(?:" + D.short_dir + "/+)?(.*?)/*(?:index\\.html?)?[.,;:!?)\\]]*$", "i").exec(rest);
  var id = D.canonicalId(typed[1]);
  var target = null;
  if (id) {
    target = root + D.short_dir + "/" + id + "/";
  } else if (rest !== rest.toLowerCase() && !/\.[a-z0-9]+$/i.test(rest)) {
    target = root + rest.toLowerCase().replace(/\/*$/, "/");
  }
  if (target && target !== path) {
    location.replace(target + location.search + location.hash);
    return;
  }
  var english = rest.toLowerCase().indexOf(D.english_dir + "/") === 0 || rest.toLowerCase() === D.english_dir;
  D.root = root;
  D.english = english;
  D.id = rest;
  if (english) document.documentElement.setAttribute("lang", "en");
  document.write('<base href="' + root.replace(/[&"<>]/g, encodeURIComponent) + '">');
})();
