/* Thai search (คลังความรู้โครงการให้บริการที่ดีที่สุด).
 *
 * The index is built by bestservice/search/index.py. A query goes through the same steps as the indexed
 * text: NFC + lower case + zero-width removed, ICU word breaking (Intl.Segmenter, the breaker PyICU
 * uses at build time), Thai digits to Arabic, variant folding by the table in manifest.json.
 * Only the term shards of the query's words and the doc blocks of the results shown are fetched.
 * Contributor text is inserted with textContent only.
 */
(function () {
  "use strict";

  var WORD = /[\p{L}\p{N}_\u0e00-\u0e7f]/u;
  var MAX_SPAN = 40;
  var PAGE_SIZE = 10;
  var TEXT = null; // how the index normalised and cut text: manifest.text, set by useTextRules()

  /* A global RegExp matching any of the given characters. */
  function characterClass(chars) {
    return new RegExp("[" + Array.from(chars, function (c) { return "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"); }).join("") + "]", "g");
  }

  /* The rules of bestservice/thai/words.py text_rules(), as the build wrote them into the manifest. */
  function useTextRules(rules) {
    TEXT = {
      segmenter: new Intl.Segmenter(rules.locale, { granularity: "word" }),
      invisible: characterClass(rules.invisible),
      repetitionMark: characterClass(rules.repetition_mark),
      thaiDigits: rules.thai_digits,
      thaiDigit: characterClass(rules.thai_digits),
    };
  }

  function normalize(text) {
    return text.normalize("NFC").replace(TEXT.invisible, "").toLowerCase();
  }

  function digits(word) {
    return word.replace(TEXT.thaiDigit, function (d) { return String(TEXT.thaiDigits.indexOf(d)); });
  }

  /* Words of a text with their offsets in it: the same words bestservice.search.text.tokens gives. */
  function tokens(text) {
    var out = [];
    var norm = normalize(text);
    for (var s of TEXT.segmenter.segment(norm)) {
      var w = s.segment.replace(TEXT.repetitionMark, "").trim();
      if (w && WORD.test(w)) {
        w = digits(w).replace(/\./g, ""); // ICU versions disagree on abbreviations such as ก.ก.
        if (w) out.push({ w: w, start: s.index, end: s.index + s.segment.length });
      }
    }
    return out;
  }

  /* Longest runs of adjacent words that spell a variant → canonical key (as in search.text.fold). */
  function foldSpans(words, table, longest) {
    var spans = [];
    var i = 0;
    while (i < words.length) {
      var best = null;
      var joined = "";
      for (var j = i; j < Math.min(words.length, i + MAX_SPAN); j++) {
        joined += words[j];
        if (joined.length > longest) break;
        if (Object.prototype.hasOwnProperty.call(table, joined)) best = [j, table[joined]];
      }
      if (best) {
        spans.push({ term: best[1], from: i, to: best[0], folded: true });
        i = best[0] + 1;
      } else {
        spans.push({ term: words[i], from: i, to: i, folded: false });
        i += 1;
      }
    }
    return spans;
  }

  function joined(text) {
    return digits(normalize(text).replace(/[\s.]+/g, "").replace(TEXT.repetitionMark, ""));
  }

  function fnv1a(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  function undelta(values) {
    var out = [];
    var sum = 0;
    for (var i = 0; i < values.length; i++) { sum += values[i]; out.push(sum); }
    return out;
  }

  function upperBound(sorted, value) { // index of the last element <= value
    var lo = 0, hi = sorted.length - 1, ans = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] <= value) { ans = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return ans;
  }

  /* ---- the index ---------------------------------------------------------------------- */

  function Index(root) {
    this.root = root;
    this.cache = new Map();
    this.manifest = null;
  }

  Index.prototype.fetchJSON = function (path) {
    if (!this.cache.has(path)) {
      var url = new URL(path, this.root);
      if (this.manifest) url.searchParams.set("v", this.manifest.version);
      var self = this;
      var promise = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + url);
        return r.json();
      });
      promise.catch(function () { self.cache.delete(path); });
      this.cache.set(path, promise);
    }
    return this.cache.get(path);
  };

  Index.prototype.load = function () {
    var self = this;
    if (!this.loading) {
      this.loading = this.fetchJSON("manifest.json").then(function (m) {
        self.manifest = m;
        useTextRules(m.text);
        self.pageStarts = undelta(m.pageStarts);
        self.blockStarts = undelta(m.blockStarts);
        self.longest = Object.keys(m.fold).reduce(function (a, k) { return Math.max(a, k.length); }, 0);
        return self;
      });
    }
    return this.loading;
  };

  Index.prototype.analyze = function (query) {
    var words = tokens(query).map(function (t) { return t.w; });
    var spans = foldSpans(words, this.manifest.fold, this.longest);
    var groups = [];
    var seen = new Set();
    spans.forEach(function (span) {
      if (seen.has(span.term)) return;
      seen.add(span.term);
      groups.push({ term: span.term, folded: span.folded, pair: null });
    });
    // Tolerance for segmenter differences: the concatenation of two adjacent words also matches.
    for (var k = 0; k + 1 < groups.length; k++) {
      if (!groups[k].folded && !groups[k + 1].folded) groups[k].pair = groups[k].term + groups[k + 1].term;
    }
    return groups;
  };

  Index.prototype.entries = function (terms) {
    var n = this.manifest.termShards;
    var self = this;
    var shards = Array.from(new Set(terms.map(function (t) { return fnv1a(t) % n; })));
    return Promise.all(shards.map(function (s) { return self.fetchJSON("t/" + s + ".json"); })).then(function (loaded) {
      var found = {};
      terms.forEach(function (t) {
        var entry = loaded[shards.indexOf(fnv1a(t) % n)][t];
        if (entry) found[t] = entry;
      });
      return found;
    });
  };

  Index.prototype.pageOf = function (doc) { return upperBound(this.pageStarts, doc); };
  Index.prototype.blockOf = function (doc) { return upperBound(this.blockStarts, doc); };

  /* Rank pages for a query: BM25F scores summed over the query's words, weighted by how much of
   * the query (by idf) a page covers, best section per page. */
  Index.prototype.rank = function (query) {
    var self = this;
    var groups = this.analyze(query);
    if (!groups.length) return Promise.resolve({ groups: groups, pages: [] });
    var terms = [];
    groups.forEach(function (g) { terms.push(g.term); if (g.pair) terms.push(g.pair); });
    return this.entries(terms).then(function (found) {
      var N = self.manifest.docs;
      var perGroup = groups.map(function () { return new Map(); });
      var idf = groups.map(function (g) {
        var df = (found[g.term] || found[g.pair] || [0])[0];
        return Math.log(1 + (N - df + 0.5) / (df + 0.5));
      });
      function add(map, entry, factor) {
        var doc = 0;
        for (var i = 1; i < entry.length; i += 2) {
          doc += entry[i];
          var s = entry[i + 1] * factor;
          if (!(map.get(doc) >= s)) map.set(doc, s);
        }
      }
      groups.forEach(function (g, k) {
        if (found[g.term]) add(perGroup[k], found[g.term], 1);
        if (g.pair && found[g.pair]) { add(perGroup[k], found[g.pair], 0.6); add(perGroup[k + 1], found[g.pair], 0.6); }
      });
      var totalIdf = idf.reduce(function (a, b) { return a + b; }, 0) || 1;
      var pages = new Map();
      perGroup.forEach(function (map, k) {
        map.forEach(function (score, doc) {
          var p = self.pageOf(doc);
          var page = pages.get(p);
          if (!page) { page = { page: p, docs: new Map(), groups: new Set() }; pages.set(p, page); }
          page.docs.set(doc, (page.docs.get(doc) || 0) + score);
          page.groups.add(k);
        });
      });
      var ranked = [];
      pages.forEach(function (page) {
        var best = -1, bestScore = 0, rest = 0;
        page.docs.forEach(function (score, doc) {
          if (score > bestScore) { rest += bestScore; bestScore = score; best = doc; } else rest += score;
        });
        var covered = 0;
        page.groups.forEach(function (k) { covered += idf[k]; });
        var coverage = covered / totalIdf;
        page.doc = best;
        page.score = Math.pow(coverage, 3) * (bestScore + 0.3 * Math.min(rest, bestScore));
        ranked.push(page);
      });
      ranked.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
      return { groups: groups, pages: ranked, found: found };
    });
  };

  Index.prototype.docs = function (numbers) {
    var self = this;
    var blocks = Array.from(new Set(numbers.map(function (d) { return self.blockOf(d); })));
    return Promise.all(blocks.map(function (b) { return self.fetchJSON("d/" + b + ".json"); })).then(function (loaded) {
      return numbers.map(function (d) {
        var b = self.blockOf(d);
        var data = loaded[blocks.indexOf(b)];
        var row = data.docs[d - self.blockStarts[b]];
        var page = data.pages[String(row[0])];
        return { url: page[0], title: page[1], kind: page[2], unit: page[3], year: page[4], anchor: row[1], heading: row[2], text: row[3] };
      });
    });
  };

  /* Full search: ranked pages with the data to show the first `limit`. */
  Index.prototype.search = function (query, limit) {
    var self = this;
    return this.load().then(function () { return self.rank(query); }).then(function (result) {
      var top = result.pages.slice(0, limit || PAGE_SIZE);
      return self.docs(top.map(function (p) { return p.doc; })).then(function (docs) {
        var phrase = tokens(query).map(function (t) { return t.w; }).join("");  // punctuation-free, like joined()
        top.forEach(function (p, i) {
          p.hit = docs[i];
          // Phrase bonus: the query's words, adjacent, in the page title, the section heading or its text.
          if (phrase.length < 2) return;
          var title = joined(docs[i].title), heading = joined(docs[i].heading);
          if (title.indexOf(phrase) >= 0) p.score *= title === phrase ? 2 : 1.6;
          if (heading.indexOf(phrase) >= 0) p.score *= 1.3;
          if (joined(docs[i].text).indexOf(phrase) >= 0) p.score *= 1.2;
        });
        top.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
        result.top = top;
        result.highlight = self.highlightSet(result);
        return result;
      });
    });
  };

  Index.prototype.highlightSet = function (result) {
    var set = new Set();
    var N = this.manifest.docs;
    result.groups.forEach(function (g) {
      var entry = result.found[g.term];
      var common = entry && entry[0] > 0.25 * N && N > 200;
      if (!common && g.term.length > 1) set.add(g.term);
      if (g.pair) set.add(g.pair);
    });
    return set;
  };

  /* ---- showing results ------------------------------------------------------------------ */

  /* Append text to el with <mark> around whole words whose (folded) term is in terms. */
  function appendMarked(el, text, terms, table, longest) {
    var toks = tokens(text);
    var spans = foldSpans(toks.map(function (t) { return t.w; }), table, longest);
    var marks = [];
    spans.forEach(function (span) {
      if (terms.has(span.term)) { marks.push([toks[span.from].start, toks[span.to].end]); return; }
      for (var i = span.from; i <= span.to; i++) {
        if (terms.has(toks[i].w)) marks.push([toks[i].start, toks[i].end]);
        else if (i < span.to || (i + 1 < toks.length && !span.folded)) {
          var next = toks[i + 1];
          if (next && terms.has(toks[i].w + next.w)) { marks.push([toks[i].start, next.end]); i++; }
        }
      }
    });
    // offsets are in the normalised text; NFC/lower case keep Thai and most text the same length
    var norm = normalize(text);
    var source = norm.length === text.length ? text : norm;
    var pos = 0;
    marks.forEach(function (m) {
      if (m[0] < pos) return;
      el.appendChild(document.createTextNode(source.slice(pos, m[0])));
      var mark = document.createElement("mark");
      mark.textContent = source.slice(m[0], m[1]);
      el.appendChild(mark);
      pos = m[1];
    });
    el.appendChild(document.createTextNode(source.slice(pos)));
    return marks;
  }

  function snippetOf(text, terms, table, longest) {
    var toks = tokens(text);
    var spans = foldSpans(toks.map(function (t) { return t.w; }), table, longest);
    var first = -1;
    for (var s = 0; s < spans.length && first < 0; s++) {
      var span = spans[s];
      if (terms.has(span.term)) first = toks[span.from].start;
      for (var i = span.from; i <= span.to && first < 0; i++) if (terms.has(toks[i].w)) first = toks[i].start;
    }
    var start = Math.max(0, first - 60);
    if (start > 0) {
      var cut = toks.find(function (t) { return t.start >= start; }); // start at a word boundary
      start = cut ? cut.start : start;
    }
    var end = Math.min(text.length, start + 220);
    var endTok = toks.find(function (t) { return t.end >= end; });
    end = endTok ? endTok.end : text.length;
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  function renderResult(index, result, page) {
    var table = index.manifest.fold, longest = index.longest;
    var hit = page.hit;
    var li = document.createElement("li");
    li.className = "bs-result";
    var link = document.createElement("a");
    link.className = "bs-result__title";
    link.href = new URL(hit.url + (hit.anchor ? "#" + hit.anchor : ""), index.siteRoot).href;
    appendMarked(link, hit.title || hit.url, result.highlight, table, longest);
    li.appendChild(link);
    var meta = [];
    if (hit.heading && hit.heading !== hit.title) meta.push(["bs-result__section", "หัวข้อ: " + hit.heading]);
    if (hit.kind === "project") meta.push(["bs-result__kind", "โครงการ"]);
    if (hit.kind === "lesson") meta.push(["bs-result__kind", "บทเรียน"]);
    if (hit.unit) meta.push(["bs-result__unit", hit.unit]);
    if (hit.year) meta.push(["bs-result__year", "ปีงบประมาณ " + hit.year]);
    if (meta.length) {
      var info = document.createElement("p");
      info.className = "bs-result__meta";
      meta.forEach(function (m, i) {
        if (i) info.appendChild(document.createTextNode(" · "));
        var span = document.createElement("span");
        span.className = m[0];
        span.textContent = m[1];
        info.appendChild(span);
      });
      li.appendChild(info);
    }
    if (hit.text) {
      var p = document.createElement("p");
      p.className = "bs-result__snippet";
      appendMarked(p, snippetOf(hit.text, result.highlight, table, longest), result.highlight, table, longest);
      li.appendChild(p);
    }
    return li;
  }

  function siteRoot() {
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base : ".";
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }

  /* ---- the search page ------------------------------------------------------------------ */

  function searchPage(index) {
    var input = document.getElementById("bs-search-q");
    var status = document.getElementById("bs-search-status");
    var list = document.getElementById("bs-search-results");
    var more = document.getElementById("bs-search-more");
    var form = input.form;
    var seq = 0;
    var shown = PAGE_SIZE;
    window.__bsSearchTimings = [];

    function run(started, keepCount) {
      var query = input.value.trim();
      var mine = ++seq;
      if (!keepCount) shown = PAGE_SIZE;
      var url = new URL(location.href);
      if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
      history.replaceState(null, "", url);
      if (!query) {
        list.replaceChildren();
        status.textContent = "พิมพ์คำค้นเพื่อค้นหาในคู่มือ โครงการ และบทเรียน";
        more.hidden = true;
        return;
      }
      index.search(query, shown).then(function (result) {
        if (mine !== seq) return;
        list.replaceChildren.apply(list, result.top.map(function (page) { return renderResult(index, result, page); }));
        var n = result.pages.length;
        status.textContent = n ? "พบ " + n.toLocaleString("th-TH") + " รายการ" : "ไม่พบผลลัพธ์สำหรับ “" + query + "” ลองใช้คำอื่นหรือคำที่สั้นลง";
        more.hidden = n <= shown;
        list.setAttribute("data-query", query);
        window.__bsSearchTimings.push({ query: query, ms: performance.now() - started });
      }).catch(function (err) {
        if (mine !== seq) return;
        status.textContent = "โหลดดัชนีการค้นหาไม่สำเร็จ กรุณาลองใหม่อีกครั้ง";
        console.error(err);
      });
    }

    input.addEventListener("input", function () { run(performance.now()); });
    form.addEventListener("submit", function (event) { event.preventDefault(); run(performance.now()); });
    more.addEventListener("click", function () { shown += PAGE_SIZE; run(performance.now(), true); });
    var q = new URL(location.href).searchParams.get("q");
    if (q) input.value = q;
    index.load().then(function () { run(performance.now()); }).catch(function () {
      status.textContent = "โหลดดัชนีการค้นหาไม่สำเร็จ กรุณาลองใหม่อีกครั้ง";
    });
  }

  /* ---- the header box on every page ------------------------------------------------------ */

  function headerBox(root, onSearchPage) {
    var header = document.querySelector(".md-header__inner");
    if (!header || onSearchPage || document.querySelector(".bs-header-search")) return;
    var form = document.createElement("form");
    form.className = "bs-header-search";
    form.setAttribute("role", "search");
    form.action = new URL("search/", root).href;
    form.method = "get";
    var label = document.createElement("label");
    label.className = "bs-visually-hidden";
    label.htmlFor = "bs-header-q";
    label.textContent = "ค้นหาในคลังความรู้";
    var input = document.createElement("input");
    input.id = "bs-header-q";
    input.name = "q";
    input.type = "search";
    input.placeholder = "ค้นหา";
    input.autocomplete = "off";
    form.appendChild(label);
    form.appendChild(input);
    var before = header.querySelector(".md-header__source");
    header.insertBefore(form, before);
  }

  var root = siteRoot();
  var index = new Index(new URL("search/index/", root));
  index.siteRoot = root;
  window.bsSearch = { tokens: tokens, foldSpans: foldSpans, index: index, normalize: normalize };
  var onSearchPage = !!document.getElementById("bs-search-q");
  headerBox(root, onSearchPage);
  if (onSearchPage) searchPage(index);
})();
