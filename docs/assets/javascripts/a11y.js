/* Wide tables scroll sideways on a phone: make each scrolling box reachable and named for
   keyboard and screen-reader users (axe: scrollable-region-focusable). */
(function () {
  function label() {
    document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset__table").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1 && !box.hasAttribute("tabindex")) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "ตาราง (เลื่อนซ้าย–ขวาเพื่อดูทั้งหมด)");
      }
    });
  }
  if (typeof document$ !== "undefined") document$.subscribe(label);
  else document.addEventListener("DOMContentLoaded", label);
  window.addEventListener("resize", label);
})();
