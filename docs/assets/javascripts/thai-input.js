/* Dates and numbers as Thai people type them, read as the core reads them (bestservice/thai/dates.py
 * read_date, bestservice/content/values.py number_value): Thai digits, B.E. or C.E. years (a year of 2400
 * or later is B.E.), day first, Thai month names full or short. The Thai digits, the month names and the
 * B.E. threshold come from the form's data (thai.dates.date_rules()); tests/browser compare both sides. */
(function () {
  "use strict";
  var ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
  var NUMERIC = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;
  var WRITTEN = /^(\d{1,2})\s*([^\d\s]+(?:\s*[^\d\s]+)*?)\s*(พ\.ศ\.|ค\.ศ\.)?\s*(\d{2}|\d{4})$/;
  var WHOLE = /^[+-]?\d{1,3}(?:,\d{3})*$|^[+-]?\d{1,18}$/;
  var DECIMAL = /^[+-]?(?:\d{1,3}(?:,\d{3})*|\d+)\.\d+$/;

  function Reader(rules) {
    this.rules = rules; // {thai_digits, months, months_short, first_be_year, how_to_write}
  }

  Reader.prototype.arabic = function (text) {
    var digits = this.rules.thai_digits;
    return Array.from(String(text)).map(function (c) { var d = digits.indexOf(c); return d < 0 ? c : String(d); }).join("");
  };

  /* {date: "2026-11-01"} or {error: "<Thai message>"} — thai.dates.read_date */
  Reader.prototype.readDate = function (text) {
    var raw = this.arabic(String(text).normalize("NFC")).split(/\s+/).filter(Boolean).join(" ");
    var found;
    if ((found = ISO.exec(raw))) return this.calendarDate(+found[1], +found[2], +found[3], null, text);
    if ((found = NUMERIC.exec(raw))) return this.calendarDate(year(found[3]), +found[2], +found[1], null, text);
    if ((found = WRITTEN.exec(raw))) {
      var month = this.monthNumber(found[2]);
      if (month === null) return { error: "ไม่รู้จักชื่อเดือน " + quoted(found[2]) + " — ใช้ชื่อเดือนภาษาไทย เช่น ตุลาคม หรือ ต.ค." };
      return this.calendarDate(year(found[4]), month, +found[1], found[3] === "พ.ศ." ? "be" : found[3] === "ค.ศ." ? "ce" : null, text);
    }
    return { error: "อ่านวันที่ " + quoted(String(text)) + " ไม่ได้ — " + this.rules.how_to_write };
  };

  Reader.prototype.monthNumber = function (name) {
    var plain = name.replace(/ /g, "");
    for (var i = 0; i < 12; i++) {
      var short = this.rules.months_short[i];
      if (plain === this.rules.months[i] || plain === short || plain === short.replace(/\./g, "")) return i + 1;
    }
    return null;
  };

  Reader.prototype.calendarDate = function (y, m, d, era, text) {
    if (era === "be" || (era === null && y >= this.rules.first_be_year)) y -= 543;
    if (m < 1 || m > 12) return { error: "วันที่ " + quoted(String(text)) + " ไม่มีเดือนที่ " + m + " — " + this.rules.how_to_write };
    var day = new Date(Date.UTC(y, m - 1, d));
    day.setUTCFullYear(y);
    if (d < 1 || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d || y < 1) {
      return { error: "ไม่มีวันที่ " + d + " ใน" + this.rules.months[m - 1] + " " + (y + 543) + " — ตรวจวันที่อีกครั้ง" };
    }
    return { date: pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) };
  };

  /* `1 ต.ค. 2569` (short) or `1 ตุลาคม 2569` from an ISO date — thai.dates.format_date */
  Reader.prototype.formatDate = function (iso, short) {
    var parts = iso.split("-").map(Number);
    return parts[2] + " " + (short ? this.rules.months_short : this.rules.months)[parts[1] - 1] + " " + (parts[0] + 543);
  };

  /* 2569 from `๒๕๖๙`, 1500.5 from `๑,๕๐๐.๕`, null for anything else — content.values.number_value */
  Reader.prototype.readNumber = function (text) {
    var plain = this.arabic(String(text).trim());
    if (WHOLE.test(plain) || DECIMAL.test(plain)) return Number(plain.replace(/,/g, ""));
    return null;
  };

  function year(digits) { return digits.length === 2 ? 2500 + +digits : +digits; }
  function pad(n, width) { var s = String(n); while (s.length < width) s = "0" + s; return s; }
  function quoted(s) { return "'" + s + "'"; }

  window.BSThaiInput = { Reader: Reader };
})();
