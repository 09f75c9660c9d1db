// Series form: show only the fields of the chosen repeat pattern, and refresh the "next dates"
// preview as the form changes. Without this script every field shows and the Preview button
// asks the server.
(function () {
  "use strict";
  var form = document.getElementById("series-form");
  if (!form) return;
  document.documentElement.classList.add("js");
  var result = document.getElementById("preview-result");
  var timer = null;

  function pattern() {
    var checked = form.querySelector("input[name=pattern]:checked");
    return checked ? checked.value : "";
  }

  function showPatternFields() {
    var current = pattern();
    form.querySelectorAll("[data-pattern]").forEach(function (field) {
      field.hidden = field.getAttribute("data-pattern").split(" ").indexOf(current) === -1;
    });
  }

  function refreshPreview() {
    var data = new FormData(form);
    fetch(form.getAttribute("data-preview-url"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (payload) {
        if (!payload) return;
        if (payload.ok) {
          result.innerHTML = payload.html;
        } else {
          var list = document.createElement("ul");
          list.className = "errorlist";
          payload.errors.forEach(function (message) {
            var item = document.createElement("li");
            item.textContent = message;
            list.appendChild(item);
          });
          result.replaceChildren(list);
        }
      })
      .catch(function () { /* the Preview button still works */ });
  }

  form.addEventListener("change", function (event) {
    if (event.target.name === "pattern") showPatternFields();
    window.clearTimeout(timer);
    timer = window.setTimeout(refreshPreview, 300);
  });
  showPatternFields();
})();
