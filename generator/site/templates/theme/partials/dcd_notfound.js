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
  var shortDir = D.short_dir.toLowerCase();
  // s/ (any case) optional, the prefix, any separator or none, the number, then stray
  // slashes, "index.html" or punctuation copied with the address.
  var plaque = new RegExp("^(?:" + shortDir + "/+)?(" + D.id_prefix + ")[\\s_.\\-\\u2010-\\u2015]*0*([0-9]{1,6})" +
    "/*(?:index\\.html?)?[\\s.,;:!?)\\]]*$", "i");
  var match = plaque.exec(rest);
  var target = null;
  if (match) {
    var digits = match[2];
    while (digits.length < 4) digits = "0" + digits;
    target = root + D.short_dir + "/" + D.id_prefix + "-" + digits + "/";
  } else if (rest !== rest.toLowerCase() && !/\.[a-z0-9]+$/i.test(rest)) {
    target = root + rest.toLowerCase().replace(/\/*$/, "/");
  }
  if (target && target !== path) {
    location.replace(target + location.search + location.hash);
    return;
  }
  var english = rest.toLowerCase().indexOf(D.english_dir + "/") === 0 || rest.toLowerCase() === D.english_dir;
  window.DCD_404.root = root;
  window.DCD_404.english = english;
  window.DCD_404.id = match ? null : rest;
  if (english) document.documentElement.setAttribute("lang", "en");
  document.write('<base href="' + root.replace(/[&"<>]/g, encodeURIComponent) + '">');
})();
