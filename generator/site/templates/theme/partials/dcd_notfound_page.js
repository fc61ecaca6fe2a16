/* Địa chỉ đỏ 404 page, after its content: show the English text on en/ addresses,
   point the header's logo, search and language switch at the right language, and send
   an id typed in the plaque field straight to its page (the form falls back to the
   search page, which also finds ids). ES5. */
(function () {
  "use strict";
  var D = window.DCD_404;
  if (!D || D.root === undefined) return;
  var lang = D.english ? "en" : "vi";
  var blocks = document.querySelectorAll("[data-dcd-404]");
  for (var i = 0; i < blocks.length; i++) {
    if (blocks[i].getAttribute("data-dcd-404") === lang) blocks[i].removeAttribute("hidden");
    else blocks[i].setAttribute("hidden", "");
  }
  var home = lang === "en" ? D.english_dir + "/" : "./";
  var logos = document.querySelectorAll("[data-md-component=logo]");
  for (var j = 0; j < logos.length; j++) logos[j].setAttribute("href", home);
  var visible = document.querySelector("[data-dcd-404=" + lang + "]");
  var search = document.querySelector(".dcd-header-link");
  if (search && visible) search.setAttribute("href", visible.querySelector("form").getAttribute("action"));
  var toggle = document.querySelector("[data-dcd-switch]");
  if (toggle) {
    toggle.setAttribute("href", lang === "en" ? "./" : D.english_dir + "/");
    toggle.setAttribute("hreflang", lang === "en" ? "vi" : "en");
    toggle.setAttribute("lang", lang === "en" ? "vi" : "en");
    var parts = toggle.querySelectorAll("span");
    parts[0].textContent = lang === "en" ? "VI" : "EN";
    if (lang === "en") parts[1].textContent = ": " + toggle.getAttribute("data-label-en");
  }
  if (lang === "en") document.title = document.querySelector("[data-dcd-404=en] h1").textContent + " - " + document.title.split(" - ").pop();
  if (D.id) {
    var typed = /[A-Za-z]{1,5}[\s_-]*[0-9]{1,6}\/?$/.exec(D.id);
    if (typed && visible) visible.querySelector("[data-dcd-plaque] input").value = typed[0].replace(/\/$/, "").toUpperCase();
  }
  var forms = document.querySelectorAll("[data-dcd-plaque]");
  for (var k = 0; k < forms.length; k++) {
    forms[k].addEventListener("submit", function (event) {
      var id = D.canonicalId(this.querySelector("input").value);
      if (!id) return;
      event.preventDefault();
      location.href = D.root + D.short_dir + "/" + id + "/";
    });
  }
})();
