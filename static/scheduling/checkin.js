// Check-in screen: fetch the current code every 20 seconds and when it rotates, without reloading
// the page; count down the seconds left. Without this script the page refreshes itself (meta
// refresh in <noscript>).
(function () {
  "use strict";
  var box = document.getElementById("checkin");
  if (!box) return;
  var url = box.getAttribute("data-json-url");
  var rotation = parseInt(box.getAttribute("data-rotation"), 10) || 60;
  var left = parseInt(box.getAttribute("data-seconds-left"), 10) || rotation;
  var qr = document.getElementById("checkin-qr");
  var code = document.getElementById("checkin-code");
  var countdown = document.getElementById("checkin-countdown");
  var progress = document.getElementById("checkin-progress");
  var attended = document.getElementById("checkin-attended");
  var template = countdown.textContent.replace(/\d+/, "{n}");
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var current = code.lastChild.textContent.trim();

  function show() {
    // With reduced motion, update the text every 10 seconds rather than every second.
    if (!reduced || left % 10 === 0 || left <= 5) {
      countdown.textContent = template.replace("{n}", left);
    }
    if (progress) progress.value = left;
  }

  function load() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (!state) return;
        left = state.seconds_left;
        if (state.code !== current) {
          current = state.code;
          qr.innerHTML = state.svg;
          code.lastChild.textContent = state.code;
        }
        if (attended && state.attended_text) attended.textContent = state.attended_text;
        show();
      })
      .catch(function () {});
  }

  window.setInterval(function () {
    left -= 1;
    if (left <= 0) {
      load();
      left = rotation;
    }
    show();
  }, 1000);
  window.setInterval(load, 20000);
  show();
})();
