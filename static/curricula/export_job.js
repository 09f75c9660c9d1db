// Follows the progress of compliance exports being prepared: asks the server every few seconds and
// reloads the page once an export is ready or failed (the download link then appears).
(function () {
  "use strict";
  const boxes = Array.from(document.querySelectorAll(".export-state[data-status-url]"));
  if (!boxes.length) return;
  function poll() {
    Promise.all(boxes.map(function (box) {
      return fetch(box.dataset.statusUrl, { credentials: "same-origin" }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (status) {
        if (!status) return false;
        if (status.state === "ready" || status.state === "failed") return true;
        box.querySelector("[data-role=state]").textContent = status.state_label;
        const progress = box.querySelector("[data-role=progress]");
        if (progress) { progress.value = status.percent; progress.textContent = status.percent + "%"; }
        return false;
      });
    })).then(function (finished) {
      if (finished.some(Boolean)) { window.location.reload(); } else { window.setTimeout(poll, 3000); }
    }).catch(function () { window.setTimeout(poll, 10000); });
  }
  window.setTimeout(poll, 2000);
})();
