// Follows import jobs running in the background (templates/includes/import_jobs.html): asks the server
// every few seconds for the rows checked and written, and reloads the page once a job has ended (its
// audit record then appears under "Recent imports").
(function () {
  "use strict";
  const jobs = Array.from(document.querySelectorAll(".import-job[data-status-url]"));
  if (!jobs.length) return;
  function poll() {
    Promise.all(jobs.map(function (job) {
      return fetch(job.dataset.statusUrl, { credentials: "same-origin" }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (status) {
        if (!status) return false;
        if (status.state === "applied" || status.state === "rejected" || status.state === "failed") return true;
        job.querySelector("[data-role=state]").textContent = status.state_label;
        const progress = job.querySelector("[data-role=progress]");
        if (progress) { progress.value = status.percent; progress.textContent = status.percent + "%"; }
        job.querySelector("[data-role=counts]").textContent = status.counts_label;
        return false;
      });
    })).then(function (finished) {
      if (finished.some(Boolean)) { window.location.reload(); } else { window.setTimeout(poll, 2000); }
    }).catch(function () { window.setTimeout(poll, 10000); });
  }
  window.setTimeout(poll, 1500);
})();
