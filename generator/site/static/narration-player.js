/* Địa chỉ đỏ: the "Nghe thuyết minh" player on a site page. ES5 for old WebViews;
   without this file the page shows the browser's own <audio controls>.
   - Audio costs nothing before play: the <audio> has preload="none".
   - Speed 0.75-1.5x; the position is remembered per recording in localStorage.
   - No recording: the phone's own voice (speechSynthesis) reads the transcript, offered
     only when the phone has a voice for the page's language.
   - "Save for offline" asks the service worker (sw.js) to keep the page, its photos
     and its audio. */
(function () {
  "use strict";
  var doc = document;
  var SPEEDS = [0.75, 1, 1.25, 1.5];

  function store(key, value) {
    try {
      if (value === undefined) return window.localStorage.getItem(key);
      window.localStorage.setItem(key, value);
    } catch (e) { /* private mode or storage off: nothing is remembered */ }
    return null;
  }

  function clock(seconds) {
    seconds = Math.max(0, Math.floor(seconds || 0));
    var s = seconds % 60;
    return Math.floor(seconds / 60) + ":" + (s < 10 ? "0" : "") + s;
  }

  function find(box, name) { return box.querySelector("[data-dcd-" + name + "]"); }

  function speedButtons(box, apply) {
    var group = find(box, "speeds");
    var buttons = group.querySelectorAll("button");
    function choose(rate) {
      for (var i = 0; i < buttons.length; i++) {
        buttons[i].setAttribute("aria-pressed", String(+buttons[i].value === rate));
      }
      apply(rate);
      store("dcd-narration-speed", String(rate));
    }
    group.addEventListener("click", function (event) {
      if (event.target.value) choose(+event.target.value);
    });
    var saved = +store("dcd-narration-speed");
    choose(SPEEDS.indexOf(saved) >= 0 ? saved : 1);
  }

  function setPlaying(box, playing) {
    var button = find(box, "play");
    button.setAttribute("aria-pressed", String(playing));
    button.textContent = button.getAttribute(playing ? "data-pause" : "data-play");
  }

  function audioPlayer(box, audio) {
    var progress = find(box, "progress");
    var time = find(box, "time");
    var key = "dcd-narration:" + audio.getAttribute("data-key");
    var duration = +audio.getAttribute("data-duration") || 0;
    var resumeAt = +store(key) || 0;
    var lastSaved = 0;
    audio.removeAttribute("controls");
    function show(current) {
      var total = audio.duration || duration;
      progress.max = String(Math.round(total * 10) / 10);
      progress.value = String(current);
      time.textContent = clock(current) + " / " + clock(total);
    }
    function remember(force) {
      var now = audio.currentTime;
      if (!force && Math.abs(now - lastSaved) < 2) return;
      lastSaved = now;
      var total = audio.duration || duration;
      store(key, String(total && now > total - 3 ? 0 : Math.floor(now)));
    }
    find(box, "play").addEventListener("click", function () {
      if (!audio.paused) { audio.pause(); return; }
      if (resumeAt) {
        try { audio.currentTime = resumeAt; } catch (e) { /* not seekable yet */ }
        audio.addEventListener("loadedmetadata", function once() {
          audio.removeEventListener("loadedmetadata", once);
          if (resumeAt && audio.currentTime < 1) audio.currentTime = resumeAt;
          resumeAt = 0;
        });
      }
      var playing = audio.play();
      if (playing && playing.catch) playing.catch(function () { setPlaying(box, false); });
    });
    progress.addEventListener("input", function () {
      resumeAt = 0;
      audio.currentTime = +progress.value;
      show(+progress.value);
    });
    audio.addEventListener("play", function () { setPlaying(box, true); });
    audio.addEventListener("pause", function () { setPlaying(box, false); remember(true); });
    audio.addEventListener("ended", function () { store(key, "0"); });
    audio.addEventListener("timeupdate", function () {
      if (resumeAt && audio.currentTime < 1) return;
      show(audio.currentTime);
      remember(false);
    });
    speedButtons(box, function (rate) { audio.playbackRate = rate; audio.defaultPlaybackRate = rate; });
    show(resumeAt);
    find(box, "controls").hidden = false;
  }

  function phoneVoice(lang) {
    var voices = window.speechSynthesis.getVoices();
    for (var i = 0; i < voices.length; i++) {
      if ((voices[i].lang || "").toLowerCase().replace("_", "-").split("-")[0] === lang) return voices[i];
    }
    return null;
  }

  function speechPlayer(box) {
    var lang = box.getAttribute("lang") || doc.documentElement.lang || "vi";
    if (!window.speechSynthesis || !window.SpeechSynthesisUtterance) return;
    var synth = window.speechSynthesis;
    var sentences = [];
    var parts = find(box, "transcript").querySelectorAll("p");
    for (var i = 0; i < parts.length; i++) {
      var found = parts[i].textContent.match(/[^.!?…]+[.!?…]*/g) || [];
      for (var j = 0; j < found.length; j++) if (/\S/.test(found[j])) sentences.push(found[j]);
    }
    var key = "dcd-narration:speech:" + (box.getAttribute("data-key") || location.pathname);
    var index = Math.min(+store(key) || 0, Math.max(0, sentences.length - 1));
    var rate = 1;
    var playing = false;
    var progress = find(box, "progress");
    var time = find(box, "time");
    function show() {
      progress.max = String(sentences.length);
      progress.value = String(index);
      time.textContent = index + " / " + sentences.length;
    }
    function speakNext() {
      if (!playing) return;
      if (index >= sentences.length) { playing = false; index = 0; store(key, "0"); setPlaying(box, false); show(); return; }
      var utterance = new window.SpeechSynthesisUtterance(sentences[index]);
      utterance.lang = lang;
      try { utterance.voice = phoneVoice(lang); } catch (e) { /* the language alone picks a voice */ }
      utterance.rate = rate;
      utterance.onend = function () { if (playing) { index++; store(key, String(index)); show(); speakNext(); } };
      synth.speak(utterance);
    }
    function offer() {
      if (!box.hidden || !phoneVoice(lang) || !sentences.length) return;
      box.hidden = false;
      find(box, "controls").hidden = false;
      show();
    }
    find(box, "play").addEventListener("click", function () {
      playing = !playing;
      setPlaying(box, playing);
      synth.cancel();
      speakNext();
    });
    progress.addEventListener("input", function () {
      index = +progress.value;
      store(key, String(index));
      show();
      if (playing) { synth.cancel(); speakNext(); }
    });
    speedButtons(box, function (value) { rate = value; });
    window.addEventListener("pagehide", function () { synth.cancel(); });
    offer();
    if (synth.addEventListener) synth.addEventListener("voiceschanged", offer);
  }

  function offlineSave(box) {
    var button = find(box, "save");
    var status = find(box, "saved");
    // window.dcdOffline is the save API of sw.js that site.js sets up; without a worker there is none.
    if (!button || !("serviceWorker" in navigator)) return;
    function say(attribute) { status.textContent = button.getAttribute(attribute); }
    // Lazy photos further down have not loaded yet: load them now, so the saved copy
    // holds the very files (size, WebP or JPEG) this phone shows.
    function photosShown() {
      var images = doc.querySelectorAll(".dcd-site img");
      var waits = [];
      for (var i = 0; i < images.length; i++) {
        waits.push(new Promise(function (resolve) {
          var img = images[i];
          if (img.complete && img.currentSrc) { resolve(img.currentSrc); return; }
          img.addEventListener("load", function () { resolve(img.currentSrc || img.src); });
          img.addEventListener("error", function () { resolve(null); });
          img.loading = "eager";
        }));
      }
      return Promise.all(waits);
    }
    button.addEventListener("click", function () {
      button.disabled = true;
      say("data-saving");
      var audio = box.querySelector("audio");
      var urls = [location.href.split("#")[0], audio && (audio.currentSrc || audio.src)];
      // The CSS and scripts the page loaded: best effort, most are cached already.
      var extras = [];
      var entries = window.performance && performance.getEntriesByType ? performance.getEntriesByType("resource") : [];
      for (var k = 0; k < entries.length; k++) extras.push(entries[k].name);
      photosShown().then(function (photos) {
        window.dcdOffline.save(extras).catch(function () {});  // best effort
        return window.dcdOffline.save(urls.concat(photos).filter(Boolean));
      }).then(function (answer) {
        button.disabled = false;
        say(answer && answer.failed && answer.failed.length === 0 ? "data-done" : "data-failed");
      }).catch(function () { button.disabled = false; say("data-failed"); });
    });
    navigator.serviceWorker.ready.then(function () { button.hidden = !window.dcdOffline; });
  }

  var boxes = doc.querySelectorAll("[data-dcd-narration]");
  for (var b = 0; b < boxes.length; b++) {
    var audio = boxes[b].querySelector("audio");
    if (audio) audioPlayer(boxes[b], audio); else speechPlayer(boxes[b]);
    offlineSave(boxes[b]);
  }
})();
