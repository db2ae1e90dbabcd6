// Print buttons (the checklist page). Wired here, not with onclick="", so the site's
// Content-Security-Policy can forbid inline event handlers.
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest(".bs-print-button");
  if (button) window.print();
});
