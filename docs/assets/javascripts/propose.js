/* แบบฟอร์มเสนอโครงการและแบบฟอร์มบทเรียน (the proposal and the lesson forms): built from the published JSON
 * Schema (propose/form-data.js, propose/lesson-form-data.js; `kind` says which). Labels and help come from the
 * schema's Thai title and x-help-th (else its description); pick-lists from the reference data. Dates and
 * numbers are typed the Thai way and read as the core reads them (thai-input.js); records are picked by name.
 * Validates in the browser with messages tied to each field, previews the file, downloads or copies it (ISO
 * C.E. dates, ids), and keeps a draft in localStorage. No network requests. */
(function () {
  "use strict";
  var app = document.getElementById("propose-app");
  var D = window.BS_PROPOSE; // propose/form-data.js, written by the site build from the schema and reference data
  if (!D || !app) return;
  var S = D.schema;
  var PROJECT = D.kind === "project";
  var THAI = new window.BSThaiInput.Reader(D.date_rules);
  var readNumber = THAI.readNumber.bind(THAI);
  var DRAFT_KEY = PROJECT ? "bestservice-propose-draft-v1" : "bestservice-lesson-draft-v1";
  var ID_RE = /^[a-z0-9][a-z0-9-]{1,78}[a-z0-9]$/;
  var SHORT = { title: 1, id: 1, unit_detail: 1, "budget.source": 1, contact_role: 1, effort: 1, author: 1 };
  // Fields that name another record: a pick-list, and a note under the field saying what was picked.
  var LINKS = { continues: "propose-projects", extends: "propose-projects", big_idea: "propose-big-ideas" };
  // Characters no content file may hold: validate's own list (bestservice.content.load.REFUSED_CHARACTERS).
  var REFUSED = new RegExp("[" + D.refused_characters.map(function (r) { return "\\u{" + r[0].toString(16) + "}-\\u{" + r[1].toString(16) + "}"; }).join("") + "]", "u");
  var PROJECTS = {}, UNITS = {}, BIG_IDEAS = {}, LESSONS = {};
  D.projects.forEach(function (p) { PROJECTS[p.id] = p; });
  D.lessons.forEach(function (l) { LESSONS[l.id] = l; });
  // Fields that name records, one per line, by their Thai names: what they pick from and what they call it.
  var NAMES = { projects: [D.projects, "โครงการ"], reuses_lessons: [D.lessons, "บทเรียน"] };
  D.unit_groups.forEach(function (g) { g.units.forEach(function (u) { UNITS[u.id] = u; }); });
  (D.big_ideas || []).forEach(function (b) { BIG_IDEAS[b.key] = b; });
  var proposalRequired = {};
  (D.required || []).forEach(function (k) { proposalRequired[k] = true; });
  (S.allOf || []).forEach(function (rule) {
    if (rule["if"] && rule["if"].properties && rule["if"].properties.record) {
      ((rule["else"] || {}).required || []).forEach(function (k) { proposalRequired[k] = true; });
    }
  });
  (S.required || []).forEach(function (k) { proposalRequired[k] = true; });
  delete proposalRequired.id; // derived from the unit and year when left empty
  delete proposalRequired.status;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) node.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }
  function node(path) {
    var n = S;
    path.split(".").forEach(function (step) { n = ((n || {}).properties || {})[step]; });
    return n || {};
  }
  function isRequired(path) {
    var parts = path.split(".");
    if (parts.length === 1) return !!proposalRequired[path];
    var parent = node(parts.slice(0, -1).join("."));
    return !!proposalRequired[parts[0]] && (parent.required || []).indexOf(parts[parts.length - 1]) >= 0;
  }
  function domId(path) { return "f-" + path.replace(/\./g, "-"); }

  /* ---------- building the form ---------- */
  var form = el("form", { novalidate: true, "aria-describedby": "propose-summary" });
  var summary = el("div", { id: "propose-summary", class: "propose-summary", role: "alert", tabindex: "-1", hidden: true });
  var fields = {}; // path -> {get, set, validate hooks}

  function fieldShell(path, schema, control, opts) {
    opts = opts || {};
    var id = domId(path);
    var req = isRequired(path);
    var label = el(opts.legend ? "legend" : "label", opts.legend ? {} : { for: id }, []);
    label.appendChild(document.createTextNode(schema.title || path));
    if (req) label.appendChild(el("span", { class: "propose-req", "aria-hidden": "true", text: " *" }));
    if (req) label.appendChild(el("span", { class: "propose-sr", text: " (ต้องกรอก)" }));
    var help = el("p", { class: "propose-help", id: id + "-help", text: helpText(schema) + (opts.hint ? " " + opts.hint : "") });
    var error = el("p", { class: "propose-error", id: id + "-error", hidden: true });
    var wrap = el(opts.legend ? "fieldset" : "div", { class: "propose-field", "data-path": path }, [label, help, control, error]);
    return { wrap: wrap, error: error, id: id, required: req };
  }
  function helpText(schema) { return schema["x-help-th"] || schema.description || ""; }
  function describe(control, id) {
    control.setAttribute("aria-describedby", id + "-help " + id + "-error");
  }

  function textField(path) {
    var schema = node(path);
    var id = domId(path);
    var multiline = !SHORT[path] && schema.type === "string" && !schema.format && !schema.pattern;
    var control;
    // dates and numbers are text: a date input takes no B.E. year, a number input no Thai digit (thai-input.js reads both)
    if (schema.format === "date") control = el("input", { type: "text", id: id, name: path, autocomplete: "off", placeholder: "เช่น 1 ต.ค. 2569 หรือ 1/10/2569" });
    else if (schema.type === "integer" || schema.type === "number")
      control = el("input", { type: "text", id: id, name: path, inputmode: schema.type === "integer" ? "numeric" : "decimal", autocomplete: "off" });
    else if (multiline) control = el("textarea", { id: id, name: path, rows: 3 });
    else control = el("input", { type: "text", id: id, name: path, maxlength: schema.maxLength });
    if (path === "id") control.setAttribute("placeholder", "ตั้งให้อัตโนมัติ: " + recordId());
    if (LINKS[path]) control.setAttribute("list", LINKS[path]);
    if (path === "fiscal_year") control.setAttribute("placeholder", "เช่น " + D.current_fiscal_year + " (เลขไทยก็ได้)");
    var shell = fieldShell(path, schema, control);
    if (shell.required) control.setAttribute("aria-required", "true");
    describe(control, id);
    fields[path] = { shell: shell, control: control, get: function () { return control.value; }, set: function (v) { control.value = v == null ? "" : v; } };
    if (schema.format === "date") {  // what the date was read as, in words: no doubt about the calendar
      fields[path].reading = el("p", { class: "propose-help propose-reading", id: id + "-reading", "aria-live": "polite" });
      shell.wrap.insertBefore(fields[path].reading, shell.error);
      control.setAttribute("aria-describedby", id + "-help " + id + "-reading " + id + "-error");
    }
    if (LINKS[path]) {
      fields[path].picked = el("div", { class: "propose-picked", id: id + "-picked", "aria-live": "polite" });
      shell.wrap.insertBefore(fields[path].picked, shell.error);
      control.setAttribute("aria-describedby", id + "-help " + id + "-picked " + id + "-error");
    }
    return shell.wrap;
  }

  function listField(path) {
    var schema = node(path);
    var id = domId(path);
    var control = el("textarea", { id: id, name: path, rows: 3 });
    var shell = fieldShell(path, schema, control, { hint: NAMES[path] ? "(พิมพ์ชื่อหรือส่วนหนึ่งของชื่อ หนึ่ง" + NAMES[path][1] + "ต่อหนึ่งบรรทัด)" : "(หนึ่งรายการต่อหนึ่งบรรทัด)" });
    if (shell.required) control.setAttribute("aria-required", "true");
    describe(control, id);
    fields[path] = {
      shell: shell, control: control,
      get: function () { return control.value; },
      set: function (v) { control.value = v == null ? "" : v; },
    };
    return shell.wrap;
  }

  function unitSelect(id, name) {
    var select = el("select", { id: id, name: name }, [el("option", { value: "", text: "— เลือกหน่วยงาน —" })]);
    D.unit_groups.forEach(function (group) {
      var og = el("optgroup", { label: group.label });
      group.units.forEach(function (u) { og.appendChild(el("option", { value: u.id, text: u.name })); });
      select.appendChild(og);
    });
    return select;
  }

  function unitField(path) {
    var id = domId(path);
    var control = unitSelect(id, path);
    var shell = fieldShell(path, node(path), control);
    control.setAttribute("aria-required", "true");
    describe(control, id);
    fields[path] = { shell: shell, control: control, get: function () { return control.value; }, set: function (v) { control.value = v || ""; } };
    return shell.wrap;
  }

  function checkboxGroup(path, options) {
    var id = domId(path);
    var box = el("div", { class: "propose-checks", id: id, role: "group" });
    var shell = fieldShell(path, node(path), box, { legend: true });
    box.setAttribute("aria-describedby", id + "-help " + id + "-error");
    function render(opts, keep) {
      box.textContent = "";
      opts.forEach(function (o, i) {
        var cid = id + "-" + i;
        var input = el("input", { type: "checkbox", id: cid, value: o.id, name: path, checked: keep.indexOf(o.id) >= 0 });
        box.appendChild(el("div", { class: "propose-check" }, [input, el("label", { for: cid, text: o.label })]));
      });
      if (!opts.length) box.appendChild(el("p", { class: "propose-help", text: "กรอกปีงบประมาณก่อน แล้วจะแสดงด้านนโยบายของปีนั้น" }));
    }
    var f = {
      shell: shell, control: box, render: render,
      get: function () { return Array.prototype.map.call(box.querySelectorAll("input:checked"), function (i) { return i.value; }); },
      set: function (v) { render(f.options(), v || []); },
      options: function () { return options(); },
    };
    fields[path] = f;
    render(options(), []);
    return shell.wrap;
  }

  function policyOptions() {
    var year = fiscalYear();
    var set = policySet(year);
    return set ? set.dimensions.map(function (d) { return { id: d.id, label: d.name }; }) : [];
  }
  function policySet(year) {
    if (!year) return null;
    for (var i = 0; i < D.policy_sets.length; i++) {
      var s = D.policy_sets[i];
      if (s.from <= year && (s.to === null || year <= s.to)) return s;
    }
    return null;
  }

  function declarationField(path) {
    var id = domId(path);
    var schema = node(path);
    var required = path.indexOf("declarations.") === 0;
    var input = el("input", { type: "checkbox", id: id, name: path, "aria-required": required ? "true" : null });
    var label = el("label", { for: id, text: schema.title + " — " + helpText(schema) });
    var error = el("p", { class: "propose-error", id: id + "-error", hidden: true });
    input.setAttribute("aria-describedby", id + "-error");
    var wrap = el("div", { class: "propose-field propose-check", "data-path": path }, [input, label, error]);
    fields[path] = { shell: { wrap: wrap, error: error, id: id, required: required }, control: input, get: function () { return input.checked; }, set: function (v) { input.checked = !!v; } };
    return wrap;
  }

  // Lists of objects (kpis, partners): rows of sub-fields with add/remove buttons.
  function rowsField(path, columns, minRows) {
    var schema = node(path);
    var id = domId(path);
    var list = el("div", { class: "propose-rows", id: id });
    var add = el("button", { type: "button", class: "md-button", text: "+ เพิ่ม" + (schema.title || "").replace(/\s*\(.*\)$/, "") });
    var shell = fieldShell(path, schema, el("div", {}, [list, add]), { legend: true });
    var itemSchema = schema.items || {};
    var f = { shell: shell, control: list, rows: [] };
    function addRow(values) {
      values = values || {};
      var n = f.rows.length + 1;
      var row = { inputs: {} };
      var box = el("div", { class: "propose-row", role: "group", "aria-label": (schema.title || "") + " รายการที่ " + n });
      columns.forEach(function (col) {
        var sub = (itemSchema.properties || {})[col] || {};
        var cid = id + "-" + n + "-" + col + "-" + Math.random().toString(36).slice(2, 6);
        var input;
        if (col === "unit" && path === "partners") input = unitSelect(cid, path + "." + col);
        else if (sub["enum"]) {
          input = el("select", { id: cid }, [el("option", { value: "", text: "—" })]);
          sub["enum"].forEach(function (v) { input.appendChild(el("option", { value: v, text: (sub["x-enum-th"] || {})[v] || v })); });
        } else input = el("input", { type: "text", id: cid });
        input.value = values[col] == null ? "" : values[col];
        var req = (itemSchema.required || []).indexOf(col) >= 0;
        var err = el("p", { class: "propose-error", id: cid + "-error", hidden: true });
        input.setAttribute("aria-describedby", cid + "-help " + cid + "-error");
        if (req) input.setAttribute("aria-required", "true");
        var lab = el("label", { for: cid, text: (sub.title || col) + (req ? " *" : "") });
        var help = el("span", { class: "propose-help", id: cid + "-help", text: helpText(sub) });
        box.appendChild(el("div", { class: "propose-sub" }, [lab, input, help, err]));
        row.inputs[col] = { input: input, error: err, required: req, schema: sub };
      });
      var remove = el("button", { type: "button", class: "md-button propose-remove", text: "ลบรายการนี้" });
      remove.addEventListener("click", function () {
        f.rows.splice(f.rows.indexOf(row), 1);
        box.remove();
        changed();
      });
      box.appendChild(remove);
      row.box = box;
      f.rows.push(row);
      list.appendChild(box);
      return row;
    }
    add.addEventListener("click", function () {
      var row = addRow();
      row.inputs[columns[0]].input.focus();
      changed();
    });
    f.get = function () {
      return f.rows.map(function (row) {
        var v = {};
        columns.forEach(function (c) { v[c] = row.inputs[c].input.value; });
        return v;
      });
    };
    f.set = function (values) {
      f.rows.slice().forEach(function (r) { r.box.remove(); });
      f.rows = [];
      (values && values.length ? values : new Array(minRows).fill(null)).forEach(function (v) { addRow(v); });
    };
    f.minRows = minRows;
    fields[path] = f;
    f.set([]);
    return shell.wrap;
  }

  function build() {
    var datalist = el("datalist", { id: "propose-projects" });
    D.projects.forEach(function (p) { datalist.appendChild(el("option", { value: p.title, label: "ปีงบประมาณ " + p.fiscal_year })); });
    form.appendChild(datalist);
    var ideas = el("datalist", { id: "propose-big-ideas" });
    (D.big_ideas || []).forEach(function (b) { ideas.appendChild(el("option", { value: b.key, label: b.group_name + " · " + b.count + " โครงการ" })); });
    form.appendChild(ideas);
    D.layout.forEach(function (section) {
      var fs = el("fieldset", { class: "propose-section" }, [el("legend", { text: section.title })]);
      section.fields.forEach(function (path) {
        var schema = node(path);
        var w;
        if (path === "unit") w = unitField(path);
        else if (path === "tools") w = checkboxGroup(path, function () { return D.tools.map(function (t) { return { id: t.id, label: t.number + ". " + t.name }; }); });
        else if (path === "criteria") w = checkboxGroup(path, function () { return D.criteria.map(function (c) { return { id: String(c.number), label: "ข้อ " + c.number + " " + c.title }; }); });
        else if (path === "results") w = rowsField(path, ["name", "value", "unit", "note"], 0);
        else if (path === "sources") w = rowsField(path, ["url", "title"], 0);
        else if (path === "policy_dimensions") w = checkboxGroup(path, policyOptions);
        else if (path === "kpis") w = rowsField(path, ["name", "type", "unit", "baseline", "target"], 1);
        else if (path === "partners") w = rowsField(path, ["unit", "responsibility", "measure"], 0);
        else if (path === "yearly_targets") w = rowsField(path, ["fiscal_year", "target"], 0);
        else if (path.indexOf("declarations.") === 0 || schema.type === "boolean") w = declarationField(path);
        else if (schema.type === "array") w = listField(path);
        else w = textField(path);
        fs.appendChild(w);
      });
      form.appendChild(fs);
    });
    var bodyField = el("textarea", { id: "f-body", name: "body", rows: 6 });
    var bodyShell = fieldShell("body", PROJECT
      ? { title: "รายละเอียดโครงการ", description: "เล่าโครงการเพิ่มเติมเป็นข้อความ ถ้าเว้นว่าง ระบบจะใช้สภาพปัญหาและวิธีดำเนินการ" }
      : { title: "รายละเอียดเพิ่มเติม", description: "เล่าเรื่องเพิ่มเติมเป็นข้อความ ถ้าเว้นว่าง ระบบจะบอกว่าบทเรียนถอดจากโครงการใด" }, bodyField);
    describe(bodyField, "f-body");
    fields.body = { shell: bodyShell, control: bodyField, get: function () { return bodyField.value; }, set: function (v) { bodyField.value = v || ""; } };
    form.appendChild(el("fieldset", { class: "propose-section" }, [el("legend", { text: "เนื้อหา" }), bodyShell.wrap]));

    var download = el("button", { type: "button", class: "md-button md-button--primary", id: "propose-download", text: "ดาวน์โหลดไฟล์" });
    var copy = el("button", { type: "button", class: "md-button", id: "propose-copy", text: "คัดลอกไฟล์" });
    var clear = el("button", { type: "button", class: "md-button", id: "propose-clear", text: "ล้างแบบฟอร์ม" });
    var status = el("p", { id: "propose-status", class: "propose-status", role: "status", "aria-live": "polite" });
    var previewTitle = el("h2", { id: "propose-preview-title", text: "ตัวอย่างไฟล์ที่จะได้" });
    var pathNote = el("p", { id: "propose-path", class: "propose-help" });
    var preview = el("pre", { class: "propose-preview", "aria-labelledby": "propose-preview-title", tabindex: "0" }, [el("code", { id: "propose-preview" })]);
    app.appendChild(summary);
    app.appendChild(form);
    if (PROJECT) app.appendChild(similarPanel());
    app.appendChild(el("div", { class: "propose-actions" }, [download, copy, clear]));
    app.appendChild(status);
    app.appendChild(previewTitle);
    app.appendChild(pathNote);
    app.appendChild(preview);

    form.addEventListener("input", onEdit);
    form.addEventListener("change", onEdit);
    form.addEventListener("focusout", function (e) {
      var wrap = e.target.closest && e.target.closest(".propose-field");
      if (wrap) { touched[wrap.getAttribute("data-path")] = true; validate(); }
    });
    download.addEventListener("click", function () { finish("download"); });
    copy.addEventListener("click", function () { finish("copy"); });
    clear.addEventListener("click", function () {
      if (!window.confirm("ล้างข้อมูลที่กรอกทั้งหมดและแบบร่าง?")) return;
      localStorage.removeItem(DRAFT_KEY);
      Object.keys(fields).forEach(function (p) { fields[p].set(null); });
      touched = {};
      changed();
    });
  }

  /* ---------- reading values, validating ---------- */
  var touched = {};
  var showAll = false;

  function lines(text) { return String(text || "").split(/\n/).map(function (s) { return s.trim(); }).filter(Boolean); }
  function numberOrText(v) {
    var n = readNumber(v);
    return n === null ? String(v).trim() : n;
  }
  function fiscalYear() {
    var y = PROJECT ? readNumber(fields.fiscal_year.get()) : null;
    return y === null || !Number.isInteger(y) ? null : y;
  }
  function fyStart(y) { return (y - 544) + "-10-01"; }
  function fyEnd(y) { return (y - 543) + "-09-30"; }
  /* The record's id when none is typed (authoring.compose default_project_id / default_lesson_id):
   * the unit and the year (bang-khae-2570), or the first project a lesson comes from (…-lesson); -2, -3… when taken. */
  function recordId() {
    var slug = String(fields.id ? fields.id.get() || "" : "").trim().toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    if (!PROJECT) return slug || uniqueId((pickAll("projects")[0] || "lesson") + "-lesson", LESSONS);
    var y = fiscalYear() || "";
    if (!slug) return uniqueId((String(fields.unit ? fields.unit.get() || "project" : "project").replace(/^district-/, "") + "-" + y).replace(/-+$/, ""), PROJECTS);
    return String(y) && !slug.endsWith(String(y)) ? slug + "-" + y : slug;
  }
  function uniqueId(base, taken) {
    base = base.slice(0, 80).replace(/^-+|-+$/g, "") || "record";
    var id = base;
    for (var n = 2; taken[id]; n++) id = base.slice(0, 80 - String(n).length - 1).replace(/-+$/, "") + "-" + n;
    return id;
  }
  /* A record named the way a person names it (authoring.names.pick_record): its id, its title, or a part of
   * its title no other has. {id} or {error} with the closest titles. */
  function pick(text, records, what) {
    var wanted = String(text || "").normalize("NFC").split(/\s+/).filter(Boolean).join(" "), folded = wanted.toLowerCase();
    var exact = records.filter(function (r) { return r.id === wanted || r.title.toLowerCase() === folded; });
    if (exact.length) return { id: exact[0].id };
    var partial = records.filter(function (r) { return folded && r.title.toLowerCase().indexOf(folded) >= 0; });
    if (partial.length === 1) return { id: partial[0].id };
    if (partial.length) return { error: "มี" + what + " " + partial.length + " เรื่องที่ชื่อมีคำว่า “" + wanted + "” — พิมพ์ชื่อให้ยาวขึ้น: " + titles(partial.slice(0, 5)) };
    var close = records.filter(function (r) { return similarTitle(wanted, r.title); }).slice(0, 3);
    return { error: "ไม่พบ" + what + " “" + wanted + "”" + (close.length ? " — คุณหมายถึง: " + titles(close) + " ?" : " — พิมพ์ชื่อ" + what + "หรือส่วนหนึ่งของชื่อ") };
  }
  function titles(records) { return records.map(function (r) { return "«" + r.title + "»" + (r.fiscal_year ? " (ปีงบประมาณ " + r.fiscal_year + ")" : ""); }).join("; "); }
  function similarTitle(a, b) {  // shares a run of four characters: enough to offer it
    for (var i = 0; i + 4 <= a.length; i++) if (b.indexOf(a.slice(i, i + 4)) >= 0) return true;
    return false;
  }
  function pickAll(path) {
    var f = fields[path];
    if (!f) return [];
    return lines(f.get()).map(function (line) { return pick(line, NAMES[path][0], NAMES[path][1]).id; }).filter(Boolean);
  }

  function raw() {
    var out = {};
    Object.keys(fields).forEach(function (p) { out[p] = fields[p].get(); });
    return out;
  }

  // The front matter, in the schema's property order.
  function record() {
    var r = raw();
    var data = {};
    function put(path, value) {
      if (value === "" || value === null || value === undefined || (Array.isArray(value) && !value.length)) return;
      var parts = path.split(".");
      var n = data;
      parts.slice(0, -1).forEach(function (k) { n = n[k] = n[k] || {}; });
      n[parts[parts.length - 1]] = value;
    }
    put("id", recordId());
    Object.keys(D.fixed).forEach(function (k) { put(k, D.fixed[k]); });
    Object.keys(r).forEach(function (path) {
      if (path === "id" || path === "body") return;
      var schema = node(path);
      var v = r[path];
      if (path === "kpis") {
        v = v.map(function (row) {
          var k = {};
          ["name", "type", "unit", "baseline", "target"].forEach(function (c) { if (String(row[c]).trim()) k[c] = c === "baseline" || c === "target" ? numberOrText(row[c]) : String(row[c]).trim(); });
          return k;
        }).filter(function (k) { return Object.keys(k).length; });
      } else if (path === "partners") {
        v = v.map(function (row) {
          var k = {};
          ["unit", "responsibility", "measure"].forEach(function (c) { if (String(row[c]).trim()) k[c] = String(row[c]).trim(); });
          return k;
        }).filter(function (k) { return Object.keys(k).length; });
      } else if (path === "yearly_targets") {
        v = v.map(function (row) {
          var k = {};
          if (String(row.fiscal_year).trim()) k.fiscal_year = numberOrText(row.fiscal_year);  // ๒๕๗๐ too
          if (String(row.target).trim()) k.target = String(row.target).trim();
          return k;
        }).filter(function (k) { return Object.keys(k).length; });
        if (!r.long_term) v = [];
      } else if (path === "results") {
        v = v.map(function (row) {
          var k = {};
          ["name", "value", "unit", "note"].forEach(function (c) { if (String(row[c]).trim()) k[c] = c === "value" ? numberOrText(row[c]) : String(row[c]).trim(); });
          return k;
        }).filter(function (k) { return Object.keys(k).length; });
      } else if (path === "sources") {
        v = v.map(function (row) {
          var k = {};
          ["url", "title"].forEach(function (c) { if (String(row[c]).trim()) k[c] = String(row[c]).trim(); });
          return k;
        }).filter(function (k) { return Object.keys(k).length; });
      } else if (path === "end_fiscal_year" && !r.long_term) v = "";
      else if (NAMES[path]) v = pickAll(path);
      else if (path === "continues" || path === "extends") v = pick(v, D.projects, "โครงการ").id || String(v).trim();
      else if (path === "criteria") v = v.map(Number);
      else if (schema.type === "boolean") v = v ? true : "";
      else if (schema.type === "array" && typeof v === "string") v = lines(v);
      else if (schema.type === "integer" || schema.type === "number") v = String(v).trim() === "" ? "" : numberOrText(v);
      else if (schema.format === "date" && String(v).trim()) v = THAI.readDate(v).date || String(v).trim();
      else if (typeof v === "string") v = v.trim();
      put(path, v);
    });
    var ordered = {};
    Object.keys(S.properties).forEach(function (k) { if (k in data) ordered[k] = data[k]; });
    return ordered;
  }

  // The same message validate gives for a character no file may hold, said at the field before the download.
  function refusedCharacter(text) {
    var found = REFUSED.exec(String(text || ""));
    if (!found) return "";
    var code = found[0].codePointAt(0), hex = code.toString(16).toUpperCase();
    var kind = code < 0x20 || (code >= 0x7f && code <= 0x9f) ? "อักขระควบคุม" : code === 0x2028 || code === 0x2029 ? "อักขระขึ้นบรรทัดที่โปรแกรมแก้ไขมองไม่เห็น" : "ไม่ใช่ตัวอักษร";
    var column = Array.from(String(text).slice(0, found.index).split("\n").pop()).length + 1;
    return "มีอักขระต้องห้าม U+" + ("0000" + hex).slice(-Math.max(4, hex.length)) + " (" + kind + ") ที่ตัวอักษรที่ " + column + " ของบรรทัด — ลบอักขระนี้ออก (มักติดมากับข้อความที่คัดลอกมาและมองไม่เห็น)";
  }

  function errorsFor() {
    var errs = {}; // path -> message ; row errors keyed "path#i#col"
    var r = raw();
    var year = fiscalYear();
    function add(path, msg) { if (!errs[path]) errs[path] = msg; }
    Object.keys(fields).forEach(function (path) {
      var f = fields[path];
      if (f.rows) f.rows.forEach(function (row, i) {
        Object.keys(row.inputs).forEach(function (c) { if (refusedCharacter(row.inputs[c].input.value)) add(path + "#" + i + "#" + c, refusedCharacter(row.inputs[c].input.value)); });
      });
      else if (typeof r[path] === "string" && refusedCharacter(r[path])) add(path, refusedCharacter(r[path]));
      if (path === "body") return;
      var schema = node(path);
      var v = r[path];
      var empty = v === "" || v === false || v === null || (Array.isArray(v) && !v.length) || (typeof v === "string" && !v.trim());
      if (f.rows) {
        var filled = v.filter(function (row) { return Object.keys(row).some(function (c) { return String(row[c]).trim(); }); });
        if (isRequired(path) && !filled.length && !f.rows.length) add(path, "ต้องมีอย่างน้อย 1 รายการ");
        f.rows.forEach(function (row, i) {
          var any = Object.keys(row.inputs).some(function (c) { return String(row.inputs[c].input.value).trim(); });
          Object.keys(row.inputs).forEach(function (c) {
            var cell = row.inputs[c];
            if ((any || (isRequired(path) && i === 0)) && cell.required && !String(cell.input.value).trim()) add(path + "#" + i + "#" + c, "ต้องกรอก" + (cell.schema.title || c));
            else if (String(cell.input.value).trim() && (cell.schema.type === "number" || cell.schema.type === "integer") && readNumber(cell.input.value) === null) add(path + "#" + i + "#" + c, "ต้องเป็นตัวเลข เช่น 120 หรือ ๑๒๐");
            else if (c === "fiscal_year" && String(cell.input.value).trim() && readNumber(cell.input.value) === null) add(path + "#" + i + "#" + c, "ปีงบประมาณเป็นตัวเลข พ.ศ. เช่น " + D.current_fiscal_year);
            if (c === "unit" && path === "partners" && cell.input.value && cell.input.value === r.unit) add(path + "#" + i + "#" + c, "หน่วยงานร่วมต้องไม่ใช่หน่วยงานเจ้าของโครงการ (เกณฑ์ข้อ 7)");
          });
        });
        return;
      }
      if (path.indexOf("declarations.") === 0) { if (!v) add(path, "ต้องรับรองข้อนี้ก่อนเสนอโครงการ"); return; }
      if (NAMES[path]) {
        lines(v).forEach(function (line) { var found = pick(line, NAMES[path][0], NAMES[path][1]); if (found.error) add(path, found.error); });
        if (path === "projects") pickAll(path).forEach(function (id) { if (!PROJECTS[id].ran) add(path, "โครงการ «" + PROJECTS[id].title + "» ยังไม่ได้ดำเนินการ — ถอดบทเรียนได้จากโครงการที่ดำเนินการแล้วเท่านั้น"); });
        if (path === "reuses_lessons" && year) pickAll(path).forEach(function (id) { if (LESSONS[id].fiscal_year >= year) add(path, "บทเรียน «" + LESSONS[id].title + "» มาจากโครงการปีงบประมาณ " + LESSONS[id].fiscal_year + " ซึ่งไม่ได้มาก่อนปี " + year); });
      }
      if (schema.type === "boolean") return;
      if ((path === "end_fiscal_year") && !r.long_term) return;
      if (empty) {
        if (isRequired(path)) add(path, schema.type === "array" ? "ต้องมีอย่างน้อย 1 รายการ" : "ต้องกรอก" + (schema.title || ""));
        return;
      }
      if (schema.type === "integer" || schema.type === "number") {
        var n = readNumber(v);
        if (n === null || (schema.type === "integer" && !Number.isInteger(n))) add(path, "ต้องเป็นตัวเลข" + (schema.type === "integer" ? "จำนวนเต็ม" : "") + " (เลขไทยหรือเลขอารบิก) เช่น " + (path === "fiscal_year" ? D.current_fiscal_year : "12,500"));
        else if (path === "fiscal_year" && n >= 1900 && n <= 2200) add(path, "ดูเหมือนเป็นปี ค.ศ. ปีงบประมาณต้องเป็นปี พ.ศ. เช่น " + (n + 543));
        else if (path === "fiscal_year" && (n < 2540 || n > D.max_fiscal_year)) add(path, "ปีงบประมาณต้องอยู่ระหว่าง 2540 ถึง " + D.max_fiscal_year);
        else if (schema.minimum !== undefined && n < schema.minimum) add(path, "ต้องไม่น้อยกว่า " + schema.minimum);
        else if (schema.maximum !== undefined && n > schema.maximum) add(path, "ต้องไม่เกิน " + schema.maximum);
      }
      if (typeof v === "string") {
        if (schema.maxLength && v.length > schema.maxLength) add(path, "ยาวเกิน " + schema.maxLength + " ตัวอักษร");
        if (path === "id" && (/[^A-Za-z0-9 _-]/.test(v) || !ID_RE.test(recordId()))) add(path, "เว้นว่างไว้ให้ระบบตั้งให้ หรือใช้ตัวอักษรภาษาอังกฤษ (ทับศัพท์) ตัวเลข และขีดกลาง อย่างน้อย 3 ตัว เช่น queue-online");
        else if (schema.pattern && path !== "id" && !LINKS[path] && !new RegExp(schema.pattern).test(v.trim())) add(path, "รูปแบบไม่ถูกต้อง: " + helpText(schema));
        if (schema.format === "date") {
          var read = THAI.readDate(v);
          if (read.error) add(path, read.error);
          else if (year && path.indexOf("timeline.") === 0) {
            var end = readNumber(r.end_fiscal_year);
            var lastYear = r.long_term && end > year ? end : year;
            if (read.date < fyStart(year) || read.date > fyEnd(lastYear)) {
              add(path, "วันที่ " + THAI.formatDate(read.date, true) + " อยู่นอกปีงบประมาณ " + (lastYear === year ? year : year + "–" + lastYear) +
                " — ใช้วันที่ระหว่าง " + THAI.formatDate(fyStart(year), true) + " ถึง " + THAI.formatDate(fyEnd(lastYear), true) + " (ปี พ.ศ.)");
            }
          }
        }
      }
      if (path === "unit" && schema["enum"] && schema["enum"].indexOf(v) < 0) add(path, "เลือกหน่วยงานจากรายการ");
      if (path === "policy_dimensions" && year) {
        var set = policySet(year);
        if (!set) add(path, "ยังไม่มีข้อมูลนโยบายของปีงบประมาณ " + year);
      }
    });
    if (!PROJECT) return errs;
    var last = r.long_term ? readNumber(r.end_fiscal_year) : year;
    if (r.long_term && year) {
      if (!last) add("end_fiscal_year", "โครงการระยะยาวต้องระบุปีงบประมาณสุดท้าย (เกณฑ์ข้อ 9)");
      else if (last < year) add("end_fiscal_year", "ปีสุดท้ายต้องไม่มาก่อนปีงบประมาณที่เสนอ (" + year + ")");
      else {
        var covered = r.yearly_targets.map(function (t) { return readNumber(t.fiscal_year); });
        var missing = [];
        for (var y = year; y <= last; y++) if (covered.indexOf(y) < 0) missing.push(y);
        if (missing.length) add("yearly_targets", "ยังไม่มีเป้าหมายของปีงบประมาณ " + missing.join(", ") + " (เกณฑ์ข้อ 9)");
        covered.forEach(function (c, i) { if (c && (c < year || c > last)) add("yearly_targets#" + i + "#fiscal_year", "ปีต้องอยู่ระหว่าง " + year + " ถึง " + last); });
      }
    }
    var start = THAI.readDate(r["timeline.start"]).date, finish = THAI.readDate(r["timeline.end"]).date;
    if (start && finish && finish < start) add("timeline.end", "วันสิ้นสุดต้องไม่มาก่อนวันเริ่ม");
    if (String(r.continues || "").trim() && !String(r.whats_new || "").trim()) add("whats_new", "ระบุสิ่งที่พัฒนาต่างจากโครงการเดิม (จำเป็นเมื่อระบุโครงการที่ต่อยอด)");
    ["continues", "extends"].forEach(function (path) {
      var v = String(r[path] || "").trim(), p = PROJECTS[pick(v, D.projects, "โครงการ").id];
      if (v && !p) add(path, pick(v, D.projects, "โครงการ").error + " (กดเลือกจากรายการใต้ช่องได้)");
      else if (p && path === "continues" && year && p.fiscal_year >= year) add(path, "โครงการนี้อยู่ในปีงบประมาณ " + p.fiscal_year + " ซึ่งไม่ได้มาก่อนปี " + year + " — เลือกโครงการของปีงบประมาณก่อนหน้า (เกณฑ์ข้อ 12)");
    });
    var key = String(r.big_idea || "").trim(), lead = UNITS[r.unit], idea = BIG_IDEAS[key], keyRe = new RegExp(node("big_idea").pattern);
    var slug = key.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    if (key && !keyRe.test(key)) add("big_idea", "ใช้ตัวอักษรภาษาอังกฤษพิมพ์เล็ก ตัวเลข และขีดกลาง อย่างน้อย 3 ตัว เช่น " + (keyRe.test(slug) ? slug : "thonburi-south-clean-canal"));
    else if (key && lead && !lead.group) add("big_idea", "Big Idea ใช้ได้กับสำนักงานเขตเท่านั้น (เกณฑ์ข้อ 8) — ลบออก หรือระบุหน่วยงานร่วมแทน (เกณฑ์ข้อ 7)");
    else if (key && lead && idea && idea.group !== lead.group) add("big_idea", "Big Idea " + key + " เป็นของ" + idea.group_name + " แต่" + lead.name + "อยู่ใน" + D.district_groups[lead.group] + " — ตั้งชื่อใหม่สำหรับกลุ่มเขตนี้ (เกณฑ์ข้อ 8)");
    return errs;
  }

  // Under a field that names another record: what it names, or the projects matching the words typed.
  function showPicked() {
    ["continues", "extends"].forEach(function (path) {
      var f = fields[path], v = String(f.get() || "").trim(), p = PROJECTS[pick(v, D.projects, "โครงการ").id];
      if (f.pickedFor === v + "|" + fiscalYear()) return; // unchanged: keep the buttons (and the focus on one)
      f.pickedFor = v + "|" + fiscalYear();
      f.picked.textContent = "";
      if (p) f.picked.appendChild(el("p", { class: "propose-help", text: "โครงการ: " + p.title + " (ปีงบประมาณ " + p.fiscal_year + ")" }));
      else if (v) {
        var found = projectMatches(v, path);
        f.picked.appendChild(el("p", { class: "propose-help", text: found.length ? "โครงการที่ตรงกับคำที่พิมพ์ — กดเพื่อเลือก:" : "ไม่พบโครงการที่มีคำนี้" }));
        found.forEach(function (m) {
          var button = el("button", { type: "button", class: "md-button propose-pick", text: m.title + " (ปีงบประมาณ " + m.fiscal_year + ")" });
          var unique = D.projects.filter(function (o) { return o.title === m.title; }).length === 1;
          button.addEventListener("click", function () { f.set(unique ? m.title : m.id); touched[path] = true; changed(); f.control.focus(); });
          f.picked.appendChild(button);
        });
      }
    });
    var key = String(fields.big_idea.get() || "").trim(), idea = BIG_IDEAS[key];
    var known = idea ? "Big Idea นี้มีแล้ว " + idea.count + " โครงการของ" + idea.group_name : "Big Idea ใหม่ — เขตอื่นในกลุ่มเขตเดียวกันใช้ชื่อเดียวกันนี้ได้";
    fields.big_idea.picked.textContent = new RegExp(node("big_idea").pattern).test(key) ? known : "";
  }
  // Under each date: the date as it was read, in words, so the calendar is never in doubt.
  function showReadings() {
    var year = fiscalYear();
    if (PROJECT && year) {  // the examples are the fiscal year's own first and last days
      fields["timeline.start"].control.setAttribute("placeholder", "เช่น " + THAI.formatDate(fyStart(year), true));
      fields["timeline.end"].control.setAttribute("placeholder", "เช่น " + THAI.formatDate(fyEnd(year), true));
    }
    Object.keys(fields).forEach(function (path) {
      var f = fields[path];
      if (!f.reading) return;
      var read = String(f.get() || "").trim() ? THAI.readDate(f.get()) : {};
      f.reading.textContent = read.date ? "อ่านได้เป็น " + THAI.formatDate(read.date) : "";
    });
  }
  function projectMatches(text, path) {
    var words = text.toLowerCase().split(/\s+/).filter(Boolean), year = fiscalYear();
    return D.projects.filter(function (p) {
      var hay = (p.id + " " + p.title).toLowerCase();
      return (path !== "continues" || !year || p.fiscal_year < year) && words.every(function (w) { return hay.indexOf(w) >= 0; });
    }).sort(function (a, b) { return b.fiscal_year - a.fiscal_year; }).slice(0, 5);
  }

  function showError(wrapError, control, msg, visible) {
    var show = !!msg && visible;
    wrapError.hidden = !show;
    wrapError.textContent = show ? msg : "";
    if (control) {
      if (show) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
    }
  }

  function validate() {
    var errs = errorsFor();
    if (PROJECT) showPicked();
    showReadings();
    Object.keys(fields).forEach(function (path) {
      var f = fields[path];
      var visible = showAll || touched[path];
      showError(f.shell.error, f.control.tagName === "DIV" ? null : f.control, errs[path], visible);
      if (f.rows) f.rows.forEach(function (row, i) {
        Object.keys(row.inputs).forEach(function (c) { showError(row.inputs[c].error, row.inputs[c].input, errs[path + "#" + i + "#" + c], visible); });
      });
    });
    return errs;
  }

  /* ---------- the file ---------- */
  function q(s) {
    return JSON.stringify(s).replace(/[\u007f-\u009f\u2028\u2029]/g, function (c) { return "\\u" + ("0000" + c.charCodeAt(0).toString(16)).slice(-4); });
  }
  var RESERVED = /^(true|false|yes|no|on|off|null|y|n)$/;
  function scalar(v) {
    if (typeof v !== "string") return String(v);
    return /^[a-z][a-z0-9_-]*$/.test(v) && !RESERVED.test(v) ? v : q(v); // plain ids stay readable
  }
  function yaml(value, indent) {
    var pad = new Array(indent + 1).join(" ");
    var out = "";
    Object.keys(value).forEach(function (k) {
      var v = value[k];
      if (Array.isArray(v)) {
        out += pad + k + ":\n";
        v.forEach(function (item) {
          if (item && typeof item === "object") {
            var inner = yaml(item, indent + 4);
            out += pad + "  - " + inner.slice(indent + 4);
          } else out += pad + "  - " + scalar(item) + "\n";
        });
      } else if (v && typeof v === "object") out += pad + k + ":\n" + yaml(v, indent + 2);
      else out += pad + k + ": " + scalar(v) + "\n";
    });
    return out;
  }
  function markdown() {
    var data = record();
    var body = String(fields.body.get() || "").trim();
    if (!body) body = PROJECT ? "## ความเป็นมา\n\n" + (data.problem || "") + "\n\n## วิธีดำเนินการ\n\n" + (data.activities || "") : lessonOrigin(data);
    body = body.replace(/\r\n?/g, "\n");
    if (!body.replace(/[#\s]/g, "")) body = PROJECT ? "(รายละเอียดโครงการ)" : "(รายละเอียดบทเรียน)";
    var schemaPath = PROJECT ? "../../schema/project.schema.json" : "../schema/lesson.schema.json";
    return "---\n# yaml-language-server: $schema=" + schemaPath + "\n" + yaml(data, 0) + "---\n\n" + body + "\n";
  }
  /* authoring.compose.lesson_origin: where the lesson comes from, in words */
  function lessonOrigin(data) {
    return "ถอดบทเรียนจากการดำเนินงานจริงของ\n\n" + (data.projects || []).map(function (id) {
      var p = PROJECTS[id];
      return "- โครงการ «" + p.title + "» ปีงบประมาณ " + p.fiscal_year + " ของ" + p.unit_name;
    }).join("\n");
  }

  function render() {
    document.getElementById("propose-preview").textContent = markdown();
    document.getElementById("propose-path").textContent = "ไฟล์ชื่อ " + recordId() + ".md — ดาวน์โหลดแล้วส่งให้ทีมดูแลข้อมูลของคลังความรู้";
  }

  function saveDraft() {
    try { localStorage.setItem(DRAFT_KEY, JSON.stringify({ saved: new Date().toISOString(), values: raw() })); } catch (e) { /* storage full or disabled */ }
  }
  function loadDraft() {
    var draft;
    try { draft = JSON.parse(localStorage.getItem(DRAFT_KEY) || "null"); } catch (e) { draft = null; }
    if (!draft || !draft.values) return false;
    var v = draft.values;
    if (fields.fiscal_year) fields.fiscal_year.set(v.fiscal_year);
    Object.keys(fields).forEach(function (p) { if (p in v && p !== "fiscal_year") fields[p].set(v[p]); });
    return true;
  }

  var saveTimer = null;
  /* ---------- the similar check (similar.js): the same answer as the check page and the core ---------- */
  var similar = { engine: null, timer: null };

  function similarPanel() {
    var panel = el("section", { id: "bs-similar", class: "bs-similar propose-similar", "aria-labelledby": "propose-similar-title" }, [
      el("h2", { id: "propose-similar-title", text: "โครงการเดิมที่คล้ายกัน (เกณฑ์ข้อ 12)" }),
      el("p", { id: "bs-sim-status", class: "bs-sim-status", "aria-live": "polite", text: "กำลังโหลดข้อมูลโครงการและแบบจำลองภาษา…" }),
      el("p", { id: "bs-sim-verdict", class: "bs-sim-verdict", "aria-live": "polite" }),
      el("ol", { id: "bs-sim-results", class: "bs-sim-results" }),
      el("div", { id: "bs-sim-bsc", class: "bs-sim-bsc" }),
    ]);
    if (!window.BSSimilar) {
      panel.querySelector("#bs-sim-status").textContent = "ไม่พบการตรวจความคล้ายในหน้านี้";
      return panel;
    }
    window.BSSimilar.start("../check/meaning-model.bin").then(function (engine) {
      similar.engine = engine;
      panel.dataset.loaded = "1";
      checkSimilar();
    }, function (error) {
      panel.querySelector("#bs-sim-status").textContent = error.message;
      panel.dataset.failed = "1";
    });
    return panel;
  }

  function checkSimilar() {
    similar.timer = null;
    var panel = document.getElementById("bs-similar");
    if (!similar.engine || !panel) return;
    var data = record();
    var status = panel.querySelector("#bs-sim-status");
    if (!["title", "summary", "problem", "activities"].some(function (k) { return typeof data[k] === "string" && data[k].trim(); })) {
      ["#bs-sim-results", "#bs-sim-bsc"].forEach(function (s) { panel.querySelector(s).replaceChildren(); });
      panel.querySelector("#bs-sim-verdict").textContent = "";
      status.textContent = "กรอกชื่อโครงการ สภาพปัญหา หรือวิธีดำเนินการ แล้วระบบจะเทียบกับโครงการ " + similar.engine.size + " โครงการในปีก่อน ๆ";
      return;
    }
    var result = similar.engine.checkFields(data, fiscalYear() || D.current_fiscal_year, 5);
    result.service_center_declared = !!(data.declarations && data.declarations.not_service_center);
    window.BSSimilar.render(similar.engine, panel, result, "../");
    status.textContent = "เทียบกับโครงการในปีงบประมาณก่อนหน้า " + similar.engine.size + " โครงการ";
    panel.dataset.ready = "1";
  }

  function changed() {
    if (similar.timer) clearTimeout(similar.timer);
    similar.timer = setTimeout(checkSimilar, 300);
    render();
    validate();
    clearTimeout(saveTimer);
    saveTimer = setTimeout(function () { saveTimer = null; saveDraft(); }, 250);
  }
  // A reload or a closed tab within the debounce delay must not lose the last keystrokes.
  window.addEventListener("pagehide", function () {
    if (saveTimer !== null) { clearTimeout(saveTimer); saveTimer = null; saveDraft(); }
  });
  function onEdit(e) {
    if (PROJECT && e.target && e.target.name === "fiscal_year") {
      var keep = fields.policy_dimensions.get();
      fields.policy_dimensions.render(policyOptions(), keep);
    }
    changed();
  }

  function finish(action) {
    showAll = true;
    var errs = validate();
    var keys = Object.keys(errs);
    summary.textContent = "";
    if (keys.length) {
      summary.hidden = false;
      summary.appendChild(el("p", { text: "ยังมี " + keys.length + " ช่องที่ต้องแก้ก่อน" + (action === "copy" ? "คัดลอก" : "ดาวน์โหลด") + ":" }));
      var ul = el("ul");
      keys.forEach(function (k) {
        var parts = k.split("#");
        var f = fields[parts[0]];
        var target = parts.length > 1 ? f.rows[+parts[1]].inputs[parts[2]].input : (f.control.tagName === "DIV" ? f.control.querySelector("input,select") || f.control : f.control);
        var a = el("a", { href: "#" + (target.id || ""), text: (node(parts[0]).title || parts[0]) + ": " + errs[k] });
        a.addEventListener("click", function (ev) { ev.preventDefault(); target.focus(); });
        ul.appendChild(el("li", {}, [a]));
      });
      summary.appendChild(ul);
      summary.focus();
      return;
    }
    summary.hidden = true;
    var text = markdown();
    var name = recordId() + ".md";
    var status = document.getElementById("propose-status");
    if (action === "download") {
      var blob = new Blob([text], { type: "text/markdown;charset=utf-8" });
      var url = URL.createObjectURL(blob);
      var a = el("a", { href: url, download: name });
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
      status.textContent = "ดาวน์โหลด " + name + " แล้ว — ส่งไฟล์นี้ให้ทีมดูแลข้อมูลของคลังความรู้";
    } else {
      var done = function () { status.textContent = "คัดลอกเนื้อหาไฟล์ " + name + " แล้ว"; };
      var fallback = function () {
        var ta = el("textarea", { class: "propose-sr" });
        ta.value = text;
        document.body.appendChild(ta);
        ta.select();
        try { document.execCommand("copy"); done(); } catch (e) { status.textContent = "คัดลอกไม่ได้ — เลือกข้อความในตัวอย่างไฟล์แล้วกด Ctrl+C"; }
        ta.remove();
      };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, fallback);
      else fallback();
    }
  }

  build();
  var restored = loadDraft();
  if (PROJECT) {
    if (!restored && !fields.fiscal_year.get()) fields.fiscal_year.set(D.current_fiscal_year);
    fields.policy_dimensions.render(policyOptions(), fields.policy_dimensions.get());
    if (restored) fields.policy_dimensions.set(JSON.parse(localStorage.getItem(DRAFT_KEY)).values.policy_dimensions || []);
  }
  if (restored) document.getElementById("propose-status").textContent = "กู้คืนแบบร่างที่บันทึกไว้แล้ว";
  render();
  validate();
})();
