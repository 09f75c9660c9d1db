// Reflection drafts: count characters as the learner types, and save the draft a few seconds after
// they stop typing. The "Save draft" button works without this script.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave-url]") || document.querySelector(".reflection-form");
  if (!form) return;
  var textarea = form.querySelector("textarea");
  var counter = document.querySelector("#reflection-length [data-count]");
  var status = document.getElementById("autosave-status");
  var url = form.getAttribute("data-autosave-url");
  var lastSaved = textarea.value;
  var timer = null;

  function length(text) {
    return Array.from(text.replace(/\r\n/g, "\n").trim()).length;
  }

  function save() {
    if (!url || textarea.value === lastSaved) return;
    var sent = textarea.value;
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    data.append("action", "autosave");
    data.append("text", sent);
    fetch(url, { method: "POST", body: data, credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (result) {
        if (result.saved) lastSaved = sent;
        if (status) status.textContent = result.message;
      })
      .catch(function () { /* offline: the explicit Save draft button still works */ });
  }

  textarea.addEventListener("input", function () {
    if (counter) counter.textContent = length(textarea.value);
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 4000);
  });
  form.addEventListener("submit", function () { if (timer) clearTimeout(timer); });
})();
