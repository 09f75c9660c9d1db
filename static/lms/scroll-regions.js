// A box that scrolls sideways on its own (a wide table on a phone) must be reachable by keyboard and
// named for screen readers, but only while it actually scrolls: otherwise it is no tab stop.
(function () {
  function update() {
    document.querySelectorAll(".table-scroll").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        var caption = box.querySelector("caption");
        if (caption && !box.hasAttribute("aria-label")) box.setAttribute("aria-label", caption.textContent.trim());
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", update);
  window.addEventListener("resize", update);
})();
