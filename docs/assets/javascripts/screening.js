/* The committee's screening board (screening/<fy>/): filters by unit type, district group, the state
 * of a criterion, and "has a problem". The state lives in the URL (?type=&group=&criterion=&state=&problem=1)
 * so a filtered board can be shared; history.pushState + popstate make the back button work.
 * Rows carry their facts in data- attributes written by the build (bestservice/pages/screening.py);
 * without JavaScript the whole board shows. */
(function () {
  "use strict";
  var form = document.getElementById("bs-board-filter");
  if (!form) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll(".bs-board__row"));
  var count = document.getElementById("bs-board-count");
  var NAMES = ["type", "group", "criterion", "state", "problem"];

  function read() {
    var params = new URLSearchParams(window.location.search), state = {};
    NAMES.forEach(function (name) { state[name] = params.get(name) || ""; });
    return state;
  }

  function show(state) {
    form.elements.type.value = state.type;
    form.elements.group.value = state.group;
    form.elements.criterion.value = state.criterion;
    form.elements.state.value = state.state;
    form.elements.problem.checked = state.problem === "1";
  }

  function matches(row, state) {
    if (state.type && row.dataset.type !== state.type) return false;
    if (state.group && row.dataset.group !== state.group) return false;
    if (state.problem === "1" && row.dataset.problem !== "1") return false;
    if (state.state) {
      var states = row.dataset.states.split(" ");
      var chosen = state.criterion ? [states[Number(state.criterion) - 1]] : states;
      if (chosen.indexOf(state.state) < 0) return false;
    }
    return true;
  }

  function apply(state) {
    var shown = 0;
    rows.forEach(function (row) {
      var visible = matches(row, state);
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    // a table left without rows says so instead of showing an empty header
    Array.prototype.forEach.call(document.querySelectorAll(".bs-board"), function (box) {
      var left = box.querySelectorAll(".bs-board__row:not([hidden])").length;
      box.hidden = left === 0;
      var none = box.nextElementSibling;
      if (none && none.classList.contains("bs-board__none")) none.hidden = left !== 0;
    });
    count.textContent = "แสดง " + shown + " จาก " + rows.length + " ข้อเสนอ";
  }

  function fromForm() {
    return {
      type: form.elements.type.value,
      group: form.elements.group.value,
      criterion: form.elements.criterion.value,
      state: form.elements.state.value,
      problem: form.elements.problem.checked ? "1" : "",
    };
  }

  function save(state) {
    var params = new URLSearchParams();
    NAMES.forEach(function (name) { if (state[name]) params.set(name, state[name]); });
    var query = params.toString();
    history.pushState(null, "", window.location.pathname + (query ? "?" + query : ""));
  }

  form.addEventListener("change", function () {
    var state = fromForm();
    save(state);
    apply(state);
  });
  document.getElementById("bs-b-clear").addEventListener("click", function () {
    var state = { type: "", group: "", criterion: "", state: "", problem: "" };
    show(state);
    save(state);
    apply(state);
  });
  window.addEventListener("popstate", function () {
    var state = read();
    show(state);
    apply(state);
  });
  form.hidden = false;
  var initial = read();
  show(initial);
  apply(initial);
})();
