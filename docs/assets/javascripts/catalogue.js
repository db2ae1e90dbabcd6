/* The catalogue's combined facets. Data: window.BS_CATALOGUE (catalogue/data.js, compact rows of
   small integers; see bestservice/pages/catalogue.py compact_data). Facet state lives in the URL query
   (shareable; history.pushState + popstate make the back button work). Text is inserted with
   textContent only: contributor titles are never parsed as HTML. */
(function () {
  "use strict";
  var D = window.BS_CATALOGUE;
  var form = document.getElementById("bs-filter");
  if (!D || !form) return;
  var PAGE = 100;
  var FLAG_LONG = 1, FLAG_JOINT = 2, FLAG_UNOFFICIAL = 8;
  var R = { id: 0, title: 1, year: 2, unit: 3, status: 4, flags: 5, tools: 6, policies: 7, awards: 8, big: 9, partners: 10, kind: 11 };
  var $ = function (id) { return document.getElementById(id); };
  var results = $("bs-results"), count = $("bs-count"), more = $("bs-more"), query = $("bs-q");
  var shown = PAGE;

  function ids(list) { var m = {}; list.forEach(function (x, i) { m[x[0]] = i; }); return m; }
  var index = { u: ids(D.u), ut: ids(D.ut), g: ids(D.g), t: ids(D.t), p: ids(D.p), a: ids(D.a), s: ids(D.s), k: ids(D.k) };
  var bigIndex = {}; D.b.forEach(function (k, i) { bigIndex[k] = i; });

  function option(select, value, label) {
    var o = document.createElement("option");
    o.value = value; o.textContent = label; select.appendChild(o); return o;
  }
  function fill(name, entries, allLabel) {
    var select = $("bs-f-" + name);
    option(select, "", allLabel);
    entries.forEach(function (e) { option(select, e[0], e[1]); });
    return select;
  }
  fill("k", D.k, "ทุกประเภท");
  fill("y", D.y.map(function (y) { return [String(y), String(y)]; }), "ทุกปี");
  fill("ut", D.ut, "ทุกประเภท");
  fill("g", D.g, "ทุกกลุ่มเขต");
  (function () {  // units grouped by type
    var select = $("bs-f-u");
    option(select, "", "ทุกหน่วยงาน");
    D.ut.forEach(function (type, ti) {
      var group = document.createElement("optgroup"); group.label = type[1];
      D.u.forEach(function (unit) { if (unit[2] === ti) option(group, unit[0], unit[1]); });
      select.appendChild(group);
    });
    D.u.forEach(function (unit) { if (unit[2] < 0) option(select, unit[0], unit[1]); });
  })();
  fill("t", D.t, "ทุกเครื่องมือ");
  fill("p", D.p, "ทุกด้าน");
  fill("a", [["any", "ได้รับรางวัล (ทุกประเภท)"], ["none", "ไม่มีข้อมูลรางวัล"]].concat(D.a), "ทั้งหมด");
  fill("s", D.s, "ทุกสถานะ");
  fill("l", [["1", "เฉพาะโครงการระยะยาว"], ["0", "ไม่ใช่โครงการระยะยาว"]], "ทั้งหมด");
  fill("j", [["1", "เฉพาะโครงการร่วม"], ["0", "หน่วยงานเดียว"]], "ทั้งหมด");
  fill("b", [["any", "เฉพาะโครงการ Big Idea"]].concat(D.b.map(function (k) { return [k, k]; })), "ทั้งหมด");
  var FACETS = ["k", "y", "ut", "g", "u", "t", "p", "a", "s", "l", "j", "b"];

  function norm(text) { return String(text).normalize("NFC").toLowerCase().replace(/[\u200b-\u200d\ufeff\s]+/g, ""); }
  var haystack = D.r.map(function (row) {
    var unit = D.u[row[R.unit]];
    return norm(row[R.title] + " " + (unit ? unit[1] : "") + " " + row[R.id]);
  });

  function readState() {
    var params = new URLSearchParams(window.location.search), state = {};
    FACETS.concat(["q"]).forEach(function (k) { var v = params.get(k); if (v) state[k] = v; });
    return state;
  }
  function writeControls(state) {
    FACETS.forEach(function (k) {
      var select = $("bs-f-" + k), value = state[k] || "";
      select.value = value;
      if (select.value !== value) select.value = "";  // unknown value in a shared link: ignore it
    });
    query.value = state.q || "";
  }
  function readControls() {
    var state = {};
    FACETS.forEach(function (k) { var v = $("bs-f-" + k).value; if (v) state[k] = v; });
    if (query.value.trim()) state.q = query.value.trim();
    return state;
  }
  function urlOf(state) {
    var params = new URLSearchParams();
    FACETS.concat(["q"]).forEach(function (k) { if (state[k]) params.set(k, state[k]); });
    var q = params.toString();
    return window.location.pathname + (q ? "?" + q : "") + window.location.hash;
  }

  function matcher(state) {
    var tests = [];
    function has(list, value) { return list.indexOf(value) >= 0; }
    if (state.k in index.k) { var k = index.k[state.k]; tests.push(function (r) { return r[R.kind] === k; }); }
    if (state.y) { var y = Number(state.y); tests.push(function (r) { return r[R.year] === y; }); }
    if (state.u in index.u) { var u = index.u[state.u]; tests.push(function (r) { return r[R.unit] === u; }); }
    if (state.ut in index.ut) { var ut = index.ut[state.ut]; tests.push(function (r) { return D.u[r[R.unit]][2] === ut; }); }
    if (state.g in index.g) { var g = index.g[state.g]; tests.push(function (r) { return D.u[r[R.unit]][3] === g; }); }
    if (state.t in index.t) { var t = index.t[state.t]; tests.push(function (r) { return has(r[R.tools], t); }); }
    if (state.p in index.p) { var p = index.p[state.p]; tests.push(function (r) { return has(r[R.policies], p); }); }
    if (state.a === "any") tests.push(function (r) { return r[R.awards].length > 0; });
    else if (state.a === "none") tests.push(function (r) { return r[R.awards].length === 0; });
    else if (state.a in index.a) { var a = index.a[state.a]; tests.push(function (r) { return has(r[R.awards], a); }); }
    if (state.s in index.s) { var s = index.s[state.s]; tests.push(function (r) { return r[R.status] === s; }); }
    if (state.l) { var l = state.l === "1"; tests.push(function (r) { return ((r[R.flags] & FLAG_LONG) !== 0) === l; }); }
    if (state.j) { var j = state.j === "1"; tests.push(function (r) { return ((r[R.flags] & FLAG_JOINT) !== 0) === j; }); }
    if (state.b === "any") tests.push(function (r) { return r[R.big] >= 0; });
    else if (state.b in bigIndex) { var b = bigIndex[state.b]; tests.push(function (r) { return r[R.big] === b; }); }
    var words = state.q ? String(state.q).split(/\s+/).map(norm).filter(Boolean) : [];
    return function (r, i) {
      for (var k = 0; k < tests.length; k++) if (!tests[k](r)) return false;
      for (var w = 0; w < words.length; w++) if (haystack[i].indexOf(words[w]) < 0) return false;
      return true;
    };
  }

  function item(row) {
    var li = document.createElement("li"), a = document.createElement("a");
    a.href = "../projects/" + row[R.id] + "/";
    a.textContent = row[R.title];
    li.appendChild(a);
    if (row[R.flags] & FLAG_UNOFFICIAL) {
      var tag = document.createElement("span"); tag.className = "bs-tag"; tag.textContent = "ชื่อบรรยาย";
      tag.title = "ชื่อบรรยาย ไม่ใช่ชื่อทางการ"; li.appendChild(document.createTextNode(" ")); li.appendChild(tag);
    }
    var meta = document.createElement("span"), parts = [D.u[row[R.unit]][1], "ปี " + row[R.year], D.k[row[R.kind]][1]];
    if (row[R.flags] & FLAG_JOINT) parts.push("โครงการร่วม");
    if (row[R.flags] & FLAG_LONG) parts.push("ระยะยาว");
    if (row[R.big] >= 0) parts.push("Big Idea");
    if (row[R.awards].length) parts.push("ได้รับรางวัล");
    meta.className = "bs-meta"; meta.textContent = parts.join(" · ");
    li.appendChild(document.createTextNode(" ")); li.appendChild(meta);
    return li;
  }

  var matches = [];
  function render(resetPaging) {
    var state = readControls(), test = matcher(state);
    if (resetPaging) shown = PAGE;
    matches = [];
    for (var i = 0; i < D.r.length; i++) if (test(D.r[i], i)) matches.push(D.r[i]);
    var fragment = document.createDocumentFragment();
    matches.slice(0, shown).forEach(function (row) { fragment.appendChild(item(row)); });
    results.replaceChildren(fragment);
    var active = Object.keys(state).length;
    count.textContent = matches.length === 0 ? "ไม่พบรายการที่ตรงกับตัวกรอง"
      : "พบ " + matches.length.toLocaleString("th-TH") + " รายการ" + (active ? "" : " (ทุกรายการในคลัง)")
        + (matches.length > shown ? " แสดง " + shown.toLocaleString("th-TH") + " รายการแรก" : "");
    more.hidden = matches.length <= shown;
  }

  function commit(push) {
    var url = urlOf(readControls());
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
    }
    render(true);
  }

  form.addEventListener("change", function (event) { if (event.target !== query) commit(true); });
  var typing;
  query.addEventListener("input", function () { clearTimeout(typing); typing = setTimeout(function () { commit(false); }, 200); });
  query.addEventListener("change", function () { clearTimeout(typing); commit(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); clearTimeout(typing); commit(true); });
  $("bs-clear").addEventListener("click", function () { writeControls({}); commit(true); });
  more.addEventListener("click", function () { shown += PAGE; render(false); });
  window.addEventListener("popstate", function () { writeControls(readState()); render(true); });

  writeControls(readState());
  form.hidden = false;
  results.hidden = false;
  $("bs-static").hidden = true;
  render(true);
})();
