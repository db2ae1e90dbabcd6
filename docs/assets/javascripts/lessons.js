/* The lessons' index (lessons/): show only the lessons of a tool and of a criterion. Each item carries
 * the tools and criteria its lesson names (bestservice/pages/lesson.py); the choice lives in the URL
 * (?tool=lean&criterion=1), so a filtered list can be shared. Without JavaScript every lesson shows. */
(function () {
  "use strict";
  var form = document.getElementById("bs-lesson-filter");
  var list = document.getElementById("bs-lesson-list");
  if (!form || !list) return;
  var tool = document.getElementById("bs-lesson-tool");
  var criterion = document.getElementById("bs-lesson-criterion");
  var count = document.getElementById("bs-lesson-count");
  var items = Array.prototype.slice.call(list.children);

  function has(item, name, value) {
    return !value || (item.getAttribute("data-" + name) || "").split(" ").indexOf(value) >= 0;
  }
  function apply(push) {
    var shown = 0;
    items.forEach(function (item) {
      var visible = has(item, "tools", tool.value) && has(item, "criteria", criterion.value);
      item.hidden = !visible;
      if (visible) shown++;
    });
    var chosen = tool.value || criterion.value;
    count.textContent = !chosen ? "" : shown ? "แสดง " + shown + " จาก " + items.length + " เรื่อง" : "ยังไม่มีบทเรียนที่ตรงกับที่เลือก ลองเลือกเครื่องมือหรือเกณฑ์อื่น";
    if (push) {
      var query = new URLSearchParams();
      if (tool.value) query.set("tool", tool.value);
      if (criterion.value) query.set("criterion", criterion.value);
      history.replaceState(null, "", location.pathname + (query.toString() ? "?" + query : ""));
    }
  }
  var given = new URLSearchParams(location.search);
  tool.value = given.get("tool") || "";
  criterion.value = given.get("criterion") || "";
  if (tool.selectedIndex < 0) tool.value = "";
  if (criterion.selectedIndex < 0) criterion.value = "";
  [tool, criterion].forEach(function (select) { select.addEventListener("change", function () { apply(true); }); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply(false);
})();
