/* "ตรวจสอบก่อนเสนอโครงการ": rank past projects like the proposal being typed, in the browser.
 *
 * The same steps as bestservice/similar/corpus.py, on the numbers the core wrote into
 * check/similar-index.js (window.BS_SIMILAR_INDEX):
 * - words (bestservice/similar/features.py): normalise, fold variants (longest first), cut words with
 *   Intl.Segmenter('th') (the ICU breaker PyICU uses), features = content words + adjacent pairs, TF-IDF
 *   cosine; the projects' weights arrive as their ingredients (bestservice/similar/browser.py) and are
 *   multiplied out here exactly as the core does;
 * - meaning (bestservice/similar/vectors.py): the proposal's vector from meaning.js, on the model file the
 *   core uses, against each project's vector as the core keeps it (int8 codes and a scale);
 * - the score, bands and verdict (bestservice/similar/verdict.py).
 * Used by the check page (docs/check/) and the proposal form (propose.js). Contributor text is only
 * ever set with textContent.
 */
(function () {
  "use strict";

  var PAIR = "|";
  var ASCII_ALNUM = /[a-z0-9]/;
  var NUMBER = /^[0-9.,]+$/;
  var WORD_CHAR = /[\p{L}\p{N}_\u0e00-\u0e7f]/u;

  function Engine(data) {
    this.data = data;
    this.variants = data.variants;
    this.stop = new Set(data.stop);
    this.notAlone = new Set(data.not_alone);
    this.group = new Set(data.group);
    this.groupWeight = data.group_weight;
    this.unpack(data);
    // variants by first character, longest first (ties: code-point order, as in Python)
    var canon = Object.values(this.variants);
    // a Map, not a plain object: a word such as "constructor" is no variant of anything
    var own = new Map(Object.entries(this.variants));
    var all = new Map();
    for (var k = 0; k < canon.length; k++) all.set(canon[k], canon[k]);
    own.forEach(function (canonical, variant) { all.set(variant, canonical); });
    this.variants = all;
    var keys = Array.from(all.keys()).filter(Boolean);
    keys.sort(function (a, b) {
      return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);
    });
    this.byFirst = new Map();
    for (var n = 0; n < keys.length; n++) {
      var first = keys[n][0];
      if (!this.byFirst.has(first)) this.byFirst.set(first, []);
      this.byFirst.get(first).push(keys[n]);
    }
    this.unpackMeaning(data.meaning);
    // what normalisation removes and how words are cut: bestservice/thai/words.py text_rules()
    this.segmenter = new Intl.Segmenter(data.text.locale, { granularity: "word" });
    this.invisible = characterClass(data.text.invisible);
    this.repetitionMark = characterClass(data.text.repetition_mark);
  }

  /* A global RegExp matching any of the given characters. */
  function characterClass(chars) {
    return new RegExp("[" + Array.from(chars, function (c) { return "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"); }).join("") + "]", "g");
  }

  /* The projects' TF-IDF weights, multiplied out as similar.features.Index.build does (same order, same
   * doubles): forward lists per project, and postings (feature -> projects in order) for queries.
   * Varints (bestservice/similar/browser.py): base-32 digits, most significant first; a digit from the
   * upper half of data.digits means more follow. */
  Engine.prototype.unpack = function (data) {
    var value = new Int8Array(128);
    for (var d = 0; d < data.digits.length; d++) value[data.digits.charCodeAt(d)] = d;
    var more = data.digits.length / 2;
    var vocab = [];
    var before = "";
    for (var v = 0; v < data.vocab.length; v++) {
      var entry = data.vocab[v];
      var at = 0;
      var shared = 0;
      var digit;
      do {
        digit = value[entry.charCodeAt(at++)];
        shared = shared * more + (digit % more);
      } while (digit >= more);
      vocab.push((before = before.slice(0, shared) + entry.slice(at)));
    }
    this.vocab = vocab;
    this.position = new Map();
    for (v = 0; v < vocab.length; v++) this.position.set(vocab[v], v);
    // data.projects.features[p]: (gap from the previous feature number) * 2 + (1 if a tf position follows)
    var projects = data.projects.features;
    var room = 0;
    for (var p = 0; p < projects.length; p++) room += projects[p].length;
    var start = (this.start = new Int32Array(projects.length + 1));
    var feature = new Int32Array(room);
    var tf = new Float64Array(room);
    var df = new Int32Array(vocab.length);
    var m = 0;
    for (p = 0; p < projects.length; p++) {
      start[p] = m;
      var text = projects[p];
      var number = -1;
      var varint = 0;
      var tfFollows = false;
      for (at = 0; at < text.length; at++) {
        digit = value[text.charCodeAt(at)];
        varint = varint * more + (digit % more);
        if (digit >= more) continue;
        if (tfFollows) {
          tf[m - 1] = data.tf[varint];
          tfFollows = false;
        } else {
          number += Math.floor(varint / 2);
          feature[m] = number;
          tf[m++] = data.tf[0];
          df[number]++;
          tfFollows = varint % 2 === 1;
        }
        varint = 0;
      }
    }
    start[projects.length] = m;
    this.feature = feature = feature.subarray(0, m);
    this.idfOf = new Float64Array(vocab.length);
    for (v = 0; v < vocab.length; v++) this.idfOf[v] = data.idf[df[v]];
    var weight = (this.weight = new Float64Array(m));
    for (p = 0; p < projects.length; p++) {
      var norm = 0;
      for (var i = start[p]; i < start[p + 1]; i++) {
        weight[i] = tf[i] * this.idfOf[feature[i]];
        norm += weight[i] * weight[i];
      }
      norm = Math.sqrt(norm) || 1;
      for (i = start[p]; i < start[p + 1]; i++) weight[i] = weight[i] / norm;
    }
    var first = (this.first = new Int32Array(vocab.length + 1));
    for (v = 0; v < vocab.length; v++) first[v + 1] = first[v] + df[v];
    var fill = first.slice(0, vocab.length);
    this.postingProject = new Int32Array(m);
    this.postingWeight = new Float64Array(m);
    for (p = 0; p < projects.length; p++) {
      for (i = start[p]; i < start[p + 1]; i++) {
        var slot = fill[feature[i]]++;
        this.postingProject[slot] = p;
        this.postingWeight[slot] = weight[i];
      }
    }
    this.size = projects.length;
  };

  /* The projects' meaning vectors: 512 int8 codes each (base64) and a scale. */
  Engine.prototype.unpackMeaning = function (meaning) {
    var count = meaning.vectors.length;
    var codes = (this.codes = new Int8Array(count * 512));
    for (var p = 0; p < count; p++) {
      var bytes = atob(meaning.vectors[p]);
      for (var i = 0; i < 512; i++) codes[p * 512 + i] = (bytes.charCodeAt(i) << 24) >> 24;
    }
    this.scales = Float64Array.from(meaning.scales);
    this.encoder = null;
  };

  /* The meaning encoder (meaning.js, loaded from the model file beside the data): until it is there,
   * the engine cannot check (it would give other answers than the core). */
  Engine.prototype.useEncoder = function (encoder) { this.encoder = encoder; };

  /* The cosine of each project's vector with the proposal's, summed in doubles as numpy sums. */
  Engine.prototype.meaningScores = function (text) {
    var q = this.encoder.encode(text);
    var count = this.scales.length;
    var out = new Float64Array(count);
    var codes = this.codes;
    for (var p = 0; p < count; p++) {
      var sum = 0;
      for (var i = 0, base = p * 512; i < 512; i++) sum += codes[base + i] * q[i];
      out[p] = sum * this.scales[p];
    }
    return out;
  };

  Engine.prototype.idf = function (key) {
    var number = this.position.get(key);
    return number === undefined ? this.data.unknown_idf : this.idfOf[number];
  };

  /* Project number -> Map feature -> weight (the core's Index.vectors[number]) */
  Engine.prototype.vector = function (number) {
    var out = new Map();
    for (var i = this.start[number]; i < this.start[number + 1]; i++) out.set(this.vocab[this.feature[i]], this.weight[i]);
    return out;
  };

  /* What the page shows of a project */
  Engine.prototype.project = function (number) {
    var data = this.data;
    var id = data.projects.id[number];
    var unit = data.units[data.projects.unit[number]];
    function url(template, id) { return template.split("{id}").join(id); }
    return {
      id: id, title: data.projects.title[number], fiscal_year: data.projects.year[number], unit: unit[0], unit_name: unit[1],
      path: url(data.urls.project, id),
      lessons: (Object.prototype.hasOwnProperty.call(data.lessons, id) ? data.lessons[id] : []).map(function (l) {
        return { id: l[0], title: l[1], url: url(data.urls.lesson, l[0]) };
      }),
    };
  };

  Engine.prototype.normalize = function (text) {
    return String(text || "")
      .normalize("NFC")
      .replace(this.invisible, "")
      .toLowerCase();
  };

  Engine.prototype.segment = function (text) {
    var out = [];
    for (var piece of this.segmenter.segment(this.normalize(text))) {
      var word = piece.segment.replace(this.repetitionMark, "").trim();
      if (word && WORD_CHAR.test(word)) out.push(word);
    }
    return out;
  };

  Engine.prototype.variantAt = function (text, i) {
    var list = this.byFirst.get(text[i]) || [];
    for (var k = 0; k < list.length; k++) {
      var v = list[k];
      if (!text.startsWith(v, i)) continue;
      var end = i + v.length;
      if (ASCII_ALNUM.test(v[0]) && i > 0 && ASCII_ALNUM.test(text[i - 1])) continue;
      if (ASCII_ALNUM.test(v[v.length - 1]) && end < text.length && ASCII_ALNUM.test(text[end])) continue;
      return v;
    }
    return null;
  };

  /* [{key, surface}] — bestservice.similar.features.Analyzer.tokens */
  Engine.prototype.tokens = function (text) {
    text = this.normalize(text);
    var out = [];
    var self = this;
    function raw(piece) {
      self.segment(piece).forEach(function (w) {
        out.push({ key: w, surface: w });
      });
    }
    var start = 0;
    var i = 0;
    while (i < text.length) {
      var v = this.variantAt(text, i);
      if (v) {
        raw(text.slice(start, i));
        out.push({ key: this.variants.get(v), surface: text.slice(i, i + v.length) });
        i += v.length;
        start = i;
      } else {
        i += 1;
      }
    }
    raw(text.slice(start));
    return out;
  };

  /* similar.features.Analyzer.says_something_alone: no little word nor piece of a longer word on its own */
  Engine.prototype.saysSomethingAlone = function (key) {
    return this.isContent(key) && !this.notAlone.has(key);
  };

  Engine.prototype.isContent = function (key) {
    // length in characters as Python counts them (a letter beyond U+FFFF is two UTF-16 units)
    return (key.length > 2 || (key.length === 2 && !/^[\ud800-\udbff][\udc00-\udfff]$/.test(key))) && !this.stop.has(key) && !NUMBER.test(key);
  };

  /* Map feature -> weighted count — Analyzer.features */
  Engine.prototype.features = function (tokens) {
    var counts = new Map();
    var self = this;
    function add(key, weight) {
      counts.set(key, (counts.get(key) || 0) + weight);
    }
    tokens.forEach(function (token, index) {
      if (self.isContent(token.key)) add(token.key, self.group.has(token.key) ? self.groupWeight : 1.0);
      if (!index) return;
      var before = tokens[index - 1];
      if (NUMBER.test(before.key) || NUMBER.test(token.key)) return;
      if (self.isContent(before.key) || self.isContent(token.key)) {
        var key = before.key + PAIR + token.key;
        if (self.stop.has(key) || self.stop.has(before.key + token.key)) return;
        add(key, self.group.has(before.key + token.key) ? self.groupWeight : 1.0);
      }
    });
    return counts;
  };

  Engine.prototype.queryVector = function (counts) {
    var vector = new Map();
    var norm = 0;
    var self = this;
    counts.forEach(function (value, key) {
      var tf = value >= 1 ? 1 + Math.log(value) : value;
      var w = tf * self.idf(key);
      if (w > 0) {
        vector.set(key, w);
        norm += w * w;
      }
    });
    norm = Math.sqrt(norm) || 1;
    vector.forEach(function (w, key) {
      vector.set(key, w / norm);
    });
    return vector;
  };

  Engine.prototype.cues = function (text) {
    var folded = this.normalize(text);
    return this.data.cues.filter(function (cue) {
      return folded.indexOf(cue) >= 0;
    });
  };

  Engine.prototype.band = function (score) {
    for (var b of this.data.bands) if (score >= b.floor) return b;
    return this.data.bands[this.data.bands.length - 1];
  };

  /* Shared phrases, as the proposal writes them — similar.features.shared_phrases */
  Engine.prototype.shared = function (tokens, query, projectNumber, limit) {
    var docWeight = this.vector(projectNumber);
    var gain = new Map();
    query.forEach(function (w, key) {
      if (docWeight.has(key)) gain.set(key, w * docWeight.get(key));
    });
    var phrases = new Map();
    var used = new Set();
    var i = 0;
    while (i < tokens.length) {
      var j2 = i;
      while (j2 + 1 < tokens.length && gain.has(tokens[j2].key + PAIR + tokens[j2 + 1].key)) j2++;
      if (j2 > i) {
        var run = tokens.slice(i, j2 + 1);
        var total = 0;
        for (var a = 0; a < run.length; a++) {
          total += gain.get(run[a].key) || 0;
          if (a) total += gain.get(run[a - 1].key + PAIR + run[a].key) || 0;
        }
        while (run.length > 1 && !this.isContent(run[0].key)) run = run.slice(1);
        while (run.length > 1 && !this.isContent(run[run.length - 1].key)) run = run.slice(0, -1);
        var text = run[0].surface;
        run.forEach(function (t, idx) {
          used.add(t.key);
          if (idx) text = joinSurface(text, t.surface);
        });
        if (run.length > 1 || this.saysSomethingAlone(run[0].key)) phrases.set(text, Math.max(phrases.get(text) || 0, total));
      }
      i = j2 + 1;
    }
    var self = this;
    tokens.forEach(function (t) {
      if (gain.has(t.key) && !used.has(t.key) && self.saysSomethingAlone(t.key)) phrases.set(t.surface, Math.max(phrases.get(t.surface) || 0, gain.get(t.key)));
    });
    var ranked = Array.from(phrases.keys()).sort(function (x, y) {
      return phrases.get(y) - phrases.get(x) || (x < y ? -1 : x > y ? 1 : 0);
    });
    var shown = [];
    for (var r = 0; r < ranked.length && shown.length < (limit || 8); r++) {
      if (!shown.some(function (s) { return s.indexOf(ranked[r]) >= 0; })) shown.push(ranked[r]);
    }
    return shown;
  };

  function joinSurface(a, b) {
    return ASCII_ALNUM.test(a.slice(-1)) || ASCII_ALNUM.test(b.slice(0, 1)) ? a + " " + b : a + b;
  }

  /* The text of the given fields, as the core's project_text() joins it (lists and maps flattened). */
  function fieldText(fields, names) {
    var parts = [];
    function flatten(value) {
      if (typeof value === "string") parts.push(value);
      else if (Array.isArray(value)) value.forEach(flatten);
      else if (value && typeof value === "object") Object.keys(value).forEach(function (k) { flatten(value[k]); });
    }
    names.forEach(function (name) { flatten(fields[name]); });
    return parts.join("\n");
  }

  /* The meaning text: the core's similar.vectors.meaning_text() (trimmed fields, the empty left out). */
  function meaningText(fields, names) {
    return names
      .map(function (name) { return typeof fields[name] === "string" ? fields[name].trim() : ""; })
      .filter(Boolean)
      .join("\n");
  }

  /* The same answer as `bestservice similar --title T --text X --fiscal-year Y --json` */
  Engine.prototype.check = function (title, text, year, top) {
    return this.checkFields({ title: title, summary: text }, year, top);
  };

  /* The same answer as the core's Corpus.check(proposal) for a proposal given as its fields. */
  Engine.prototype.checkFields = function (fields, year, top) {
    top = top || 5;
    var tokens = this.tokens(fieldText(fields, this.data.text_fields));
    var query = this.queryVector(this.features(tokens));
    var words = new Float64Array(this.size);
    var self = this;
    var first = this.first;
    var projects = this.postingProject;
    var weights = this.postingWeight;
    query.forEach(function (w, key) {
      var number = self.position.get(key);
      if (number === undefined) return;
      for (var k = first[number]; k < first[number + 1]; k++) words[projects[k]] += w * weights[k];
    });
    var meaning = this.meaningScores(meaningText(fields, this.data.meaning.fields));
    var weight = this.data.meaning.weight;
    var years = this.data.projects.year;
    var ids = this.data.projects.id;
    var ranked = [];
    for (var number = 0; number < this.size; number++) {
      if (years[number] >= year) continue;
      var score = weight * meaning[number] + (1.0 - weight) * words[number];
      ranked.push({ number: number, score: Math.round(score * 10000) / 10000 });
    }
    ranked.sort(function (x, y) {
      var a = ids[x.number];
      var b = ids[y.number];
      return y.score - x.score || (a < b ? -1 : a > b ? 1 : 0);
    });
    var matches = ranked.slice(0, top).map(function (r) {
      var match = self.project(r.number);
      match.score = r.score;
      match.shared = self.shared(tokens, query, r.number, 8);
      match.meaning = Math.round(meaning[r.number] * 10000) / 10000;
      match.words = Math.round(words[r.number] * 10000) / 10000;
      return match;
    });
    var cues = this.cues(fieldText(fields, ["title", "summary", "activities", "whats_new", "problem"]));
    // what the guide allows when it is said (similar.corpus.declares_its_link): a continuation of that very
    // project (or of one that continued it) with what is new, an extension of it, or one Big Idea shared by districts
    var earlier = matches.length ? matches[0] : null;
    var named = typeof fields.continues === "string" ? fields.continues.trim() : "";
    var saysWhatsNew = typeof fields.whats_new === "string" && fields.whats_new.trim() !== "";
    var declared = (!!earlier && named !== "" && saysWhatsNew && this.lineage(named).indexOf(earlier.id) >= 0) ||
      (!!earlier && typeof fields.extends === "string" && fields.extends === earlier.id) ||
      (!!earlier && typeof fields.big_idea === "string" && fields.big_idea !== "" && fields.big_idea === this.data.projects.big_idea[ranked[0].number]);
    var best = matches.length ? matches[0].score : 0;
    var thresholds = this.data.thresholds;
    var verdict = best >= thresholds.repeat && !cues.length && !declared ? "repeat" : best >= thresholds.related ? "related" : "new";
    var undeclared = best >= thresholds.repeat && cues.length && !declared ? matches[0].id : null;
    return { verdict: verdict, matches: matches, service_center: this.serviceOverlaps(fields), cues: cues, undeclared_continuation: undeclared };
  };

  /* similar.corpus.lineage: a project and those it continues, back to the first (a loop ends where it turns) */
  Engine.prototype.lineage = function (id) {
    if (!this.numberOf) {
      this.numberOf = Object.create(null);
      for (var n = 0; n < this.data.projects.id.length; n++) this.numberOf[this.data.projects.id[n]] = n;
    }
    var found = [id];
    for (;;) {
      var number = this.numberOf[found[found.length - 1]];
      var next = number === undefined ? "" : this.data.projects.continues[number];
      if (!next || found.indexOf(next) >= 0) return found;
      found.push(next);
    }
  };

  /* similar.corpus.service_overlaps: each service whose words the proposal uses, and the field of the first */
  Engine.prototype.serviceOverlaps = function (fields) {
    var self = this;
    var names = this.data.service_fields;
    var texts = names.map(function (name) { return self.normalize(fieldText(fields, [name])); });
    var keys = texts.map(function (text) { return new Set(self.tokens(text).map(function (t) { return t.key; })); });
    var out = [];
    this.data.service_center.forEach(function (s) {
      var found = [];
      s.keywords.forEach(function (k, i) {
        var word = self.normalize(k);
        for (var n = 0; n < names.length; n++) {
          if (texts[n].indexOf(word) >= 0 || keys[n].has(s.keys[i])) { found.push([k, names[n]]); break; }
        }
      });
      if (found.length) out.push({ centre: s.centre, service: s.service, shared: found.map(function (f) { return f[0]; }), field: found[0][1] });
    });
    return out;
  };

  // --- the page ------------------------------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* The title with the shared phrases marked (textContent + <mark>, never innerHTML). */
  function highlighted(title, phrases) {
    var span = el("span", "bs-sim-title");
    var lower = title.toLowerCase();
    var marks = [];
    phrases.forEach(function (p) {
      var at = lower.indexOf(p.toLowerCase());
      if (p && at >= 0) marks.push([at, at + p.length]);
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0;
    marks.forEach(function (m) {
      if (m[0] < pos) return;
      span.appendChild(document.createTextNode(title.slice(pos, m[0])));
      span.appendChild(el("mark", "", title.slice(m[0], m[1])));
      pos = m[1];
    });
    span.appendChild(document.createTextNode(title.slice(pos)));
    return span;
  }

  /* The year as typed, in Thai digits (data.text.thai_digits) or Arabic */
  function typedYear(value, thaiDigits) {
    var arabic = Array.from(String(value)).map(function (c) { var d = thaiDigits.indexOf(c); return d < 0 ? c : String(d); }).join("");
    return parseInt(arabic, 10) || null;
  }

  function currentFiscalYear() {
    var now = new Date();
    return now.getFullYear() + 543 + (now.getMonth() >= 9 ? 1 : 0);
  }

  /* How a match reads: its score, what it shares in meaning and in words, in plain Thai. */
  function explanation(m) {
    var text = "คะแนนความคล้าย " + m.score.toFixed(2) + " (ใจความ " + m.meaning.toFixed(2) + " · ถ้อยคำ " + m.words.toFixed(2) + ")";
    if (m.meaning >= 0.6 && m.shared.length < 2) text += " — ใจความคล้ายกันแม้ใช้ถ้อยคำต่างกัน";
    return text;
  }

  /* The results into `root`'s #bs-sim-verdict, #bs-sim-results and #bs-sim-bsc (the check page and the form). */
  function render(engine, root, result, base) {
    var verdict = root.querySelector("#bs-sim-verdict");
    var list = root.querySelector("#bs-sim-results");
    var bsc = root.querySelector("#bs-sim-bsc");
    verdict.textContent = engine.data.verdicts[result.verdict];
    verdict.className = "bs-sim-verdict bs-sim-" + result.verdict;
    if (result.verdict === "repeat") {
      verdict.appendChild(el("span", "bs-sim-hint",
        " — ถ้าพัฒนาต่อจากโครงการเดิม ให้ระบุในข้อเสนอว่าต่อยอดจากโครงการใดและมีอะไรใหม่ที่เป็นประโยชน์ต่อผู้รับบริการมากขึ้น หากไม่ใช่ ควรปรับโครงการให้ต่างจากเดิม"));
    } else if (result.undeclared_continuation) {
      var earlier = result.matches[0];
      verdict.appendChild(el("span", "bs-sim-hint",
        " — ดูเหมือนต่อยอดจาก «" + earlier.title + "» (ปีงบประมาณ " + earlier.fiscal_year + ") แต่ยังไม่ได้ระบุ: ให้ระบุในข้อเสนอว่าต่อยอดจากโครงการนี้และมีอะไรใหม่"));
    }
    list.replaceChildren();
    result.matches.forEach(function (m) {
      var item = el("li", "bs-sim-item");
      item.dataset.id = m.id;
      var band = engine.band(m.score);
      var head = el("div", "bs-sim-head");
      var badge = el("span", "bs-sim-band bs-sim-band-" + band.kind, band.label);
      head.appendChild(badge);
      var link = el("a", "bs-sim-link");
      link.href = base + m.path;
      link.appendChild(highlighted(m.title, m.shared));
      head.appendChild(link);
      item.appendChild(head);
      item.appendChild(el("div", "bs-sim-meta", m.unit_name + " · ปีงบประมาณ " + m.fiscal_year + " · " + explanation(m)));
      if (m.shared.length) {
        var shared = el("div", "bs-sim-shared", "คำที่ใช้ร่วมกัน: ");
        m.shared.forEach(function (s) { shared.appendChild(el("mark", "bs-sim-chip", s)); shared.appendChild(document.createTextNode(" ")); });
        item.appendChild(shared);
      }
      if (m.lessons.length) {
        var lessons = el("div", "bs-sim-lessons", "บทเรียน: ");
        m.lessons.forEach(function (l) {
          var a = el("a", "", l.title);
          a.href = base + l.url;
          lessons.appendChild(a);
          lessons.appendChild(document.createTextNode(" "));
        });
        item.appendChild(lessons);
      }
      list.appendChild(item);
    });
    bsc.replaceChildren();
    if (result.service_center.length) {
      bsc.appendChild(el("p", "bs-sim-bsc-title", "อาจเป็นบริการแบบเดียวกับศูนย์บริการกรุงเทพมหานคร (เกณฑ์ข้อ 11):"));
      var ul = el("ul");
      result.service_center.forEach(function (o) {
        ul.appendChild(el("li", "", o.service + " — " + o.centre + " (คำที่พบ: " + o.shared.join(", ") + ")"));
      });
      bsc.appendChild(ul);
      // the proposal form, once its owner declares criterion 11: one line on why the list stays
      if (result.service_center_declared) bsc.appendChild(el("p", "bs-sim-declared", "ท่านรับรองข้อ 11 แล้ว รายการนี้คงแสดงไว้ให้คณะกรรมการเทียบบริการเอง"));
      bsc.appendChild(el("p", "bs-sim-note", "หมายเหตุ: " + engine.data.service_center_note));
    }
  }

  /* An engine over the page's data, its meaning encoder loaded from `modelUrl`: a Promise of the engine.
   * It rejects (with a Thai message) where the model cannot be had: the page then says so and does not check. */
  function start(modelUrl) {
    if (!window.BS_SIMILAR_INDEX || typeof Intl.Segmenter !== "function" || !window.BestServiceMeaning) {
      return Promise.reject(new Error("เบราว์เซอร์นี้ตรวจความคล้ายไม่ได้ (ต้องการ Intl.Segmenter) หรือไม่พบข้อมูลโครงการ"));
    }
    var engine = new Engine(window.BS_SIMILAR_INDEX);
    return window.BestServiceMeaning.load(modelUrl).then(
      function (encoder) { engine.useEncoder(encoder); return engine; },
      function () {
        throw new Error(location.protocol === "file:"
          ? "การตรวจความคล้ายใช้ได้เมื่อเปิดเว็บไซต์ผ่านเครื่องให้บริการ (http) ไม่ใช่เปิดจากไฟล์ในเครื่อง"
          : "โหลดแบบจำลองภาษาสำหรับเทียบความหมายไม่ได้ ลองโหลดหน้านี้ใหม่");
      });
  }

  function setup() {
    var root = document.getElementById("bs-similar");
    if (!root || !root.querySelector("#bs-sim-title")) return; // the check page's own inputs (the form renders its panel itself)
    var status = root.querySelector("#bs-sim-status");
    var title = root.querySelector("#bs-sim-title");
    var text = root.querySelector("#bs-sim-text");
    var year = root.querySelector("#bs-sim-year");
    if (!year.value) year.value = String(currentFiscalYear());
    status.textContent = "กำลังโหลดข้อมูลโครงการและแบบจำลองภาษา…";
    start(root.dataset.model).then(function (engine) {
      window.bsSimilar = engine;
      status.textContent = "พร้อมตรวจกับโครงการ " + engine.size + " โครงการ";
      var timer = null;
      function update() {
        timer = null;
        if (!title.value.trim() && !text.value.trim()) {
          root.querySelector("#bs-sim-results").replaceChildren();
          root.querySelector("#bs-sim-verdict").textContent = "";
          root.querySelector("#bs-sim-bsc").replaceChildren();
          status.textContent = "พิมพ์ชื่อโครงการและรายละเอียดเพื่อตรวจสอบ";
          return;
        }
        var t0 = performance.now();
        var result = engine.check(title.value, text.value, typedYear(year.value, engine.data.text.thai_digits) || currentFiscalYear(), 5);
        render(engine, root, result, "../");
        root.dataset.ms = (performance.now() - t0).toFixed(1);
        status.textContent = result.matches.length ? "โครงการในปีงบประมาณก่อนหน้าที่คล้ายที่สุด " + result.matches.length + " โครงการ" : "ไม่มีโครงการในปีงบประมาณก่อนหน้า";
        root.dataset.ready = "1";
      }
      function schedule() {
        if (timer) clearTimeout(timer);
        timer = setTimeout(update, 250);
      }
      [title, text, year].forEach(function (input) { input.addEventListener("input", schedule); });
      root.dataset.loaded = "1";
      if (title.value || text.value) update();
    }, function (error) {
      status.textContent = error.message;
      root.dataset.failed = "1";
    });
  }

  window.BSSimilarEngine = Engine;
  window.BSSimilar = { Engine: Engine, render: render, start: start };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
