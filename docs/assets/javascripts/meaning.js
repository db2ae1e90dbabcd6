/* Similarity by meaning in the browser: a text → 512 numbers of length 1, the same steps as
 * bestservice/similar/meaning.py on the same model file (bestservice/similar/meaning_model.py writes it; its
 * docstring describes the file): normalise with the model's table and sentencepiece's whitespace rules, cut into
 * pieces with the unigram Viterbi, then the encoder's forward pass in float32 numbers.
 *
 *   BestServiceMeaning.load(url, options) → Promise of an encoder (url: the model file's address, or its bytes)
 *   encoder.encode(text) → Float32Array(512), of length 1     encoder.pieces(text) → the pieces, <s> … </s>
 *   encoder.fingerprint: as Python's MeaningEncoder.fingerprint   encoder.prepared: Promise (see load)
 *
 * What is worked out is kept, by what it depends on: per piece id its projection and its products with the
 * first convolution's weights (that convolution is linear: a window's sum is the sum of its pieces' products);
 * per five ids around a token its first convolution's output; per nine ids its features. Typing one more
 * character recomputes only the tokens whose window changed, and gives the very numbers a fresh encode gives.
 *
 * No request leaves the page but the one for the model file. A page opened from file:// cannot fetch it
 * (browsers forbid it): load() then rejects with a message saying to serve the site over http.
 */
(function () {
  "use strict";

  var MAGIC = "BSMEANNG";
  var FORMAT_VERSION = 1;
  var PREFIX_BYTES = 48; // magic, version, header length, SHA-256
  var SPACE = "\u2581";
  var UNK = 0;
  var BOS = 1;
  var EOS = 2;
  var CONTROL = 3; // ids below this are never matched in text
  var WIDTH = 256; // one n-gram branch
  var EMBEDDING = 512;
  var FEATURES = EMBEDDING + 3 * WIDTH;
  var LEFT = { 2: 0, 3: 1, 5: 2 };
  var REACH = 2; // tokens one convolution sees on either side
  var KEPT_IDS = 2000; // what the caches may hold before they start over (about 50 MB)
  var KEPT_WINDOWS = 4000;
  var COMMON_PIECES = 1024; // prepared in the background: 57 % of the distinct pieces of the sample texts (16 MB)
  var PREPARE_TURN_MS = 10; // then the page has its turn
  var ARRAY_TYPES = { float32: Float32Array, int8: Int8Array, uint8: Uint8Array, uint16: Uint16Array };

  /* options.common: how many of the most probable Thai pieces to prepare in the background once the encoder is
   * ready (encoder.prepared resolves when done): a pasted text then finds most of its pieces worked out. */
  function load(source, options) {
    var common = options && options.common !== undefined ? options.common : COMMON_PIECES;
    var bytes = typeof source === "string" ? fetchBytes(source) : Promise.resolve(source);
    return bytes.then(function (received) {
      var buffer = received instanceof ArrayBuffer ? received : new Uint8Array(received).buffer; // a copy of a view
      return checked(buffer).then(function (digest) {
        var encoder = new Encoder(readModel(buffer), hex(digest).slice(0, 16));
        encoder.prepared = encoder.prepare(common);
        return encoder;
      });
    });
  }

  function fetchBytes(url) {
    return fetch(url).then(
      function (response) {
        if (!response.ok) throw new Error("meaning model " + url + ": HTTP " + response.status);
        return response.arrayBuffer();
      },
      function (error) {
        var hint = location.protocol === "file:" ? " (a page opened from file:// cannot fetch files: serve the site over http)" : "";
        throw new Error("meaning model " + url + " could not be read: " + error.message + hint);
      }
    );
  }

  /* The file's SHA-256 once its magic and version are right, or a rejection saying what is wrong. The browser's
   * own crypto.subtle hashes where the page may use it (https, localhost), sha256() below where not (an intranet
   * may serve plain http). */
  function checked(buffer) {
    if (buffer.byteLength < PREFIX_BYTES) return Promise.reject(new Error("meaning model: truncated (shorter than its header)"));
    var bytes = new Uint8Array(buffer);
    if (String.fromCharCode.apply(null, bytes.subarray(0, 8)) !== MAGIC) return Promise.reject(new Error("meaning model: not a model file (wrong magic)"));
    var version = new DataView(buffer).getUint32(8, true);
    if (version !== FORMAT_VERSION) return Promise.reject(new Error("meaning model: format " + version + ", this code reads format " + FORMAT_VERSION));
    var body = bytes.subarray(PREFIX_BYTES);
    var digest = window.crypto && crypto.subtle ? crypto.subtle.digest("SHA-256", body) : Promise.resolve(sha256(body));
    return digest.then(function (computed) {
      if (hex(new Uint8Array(computed)) !== hex(bytes.subarray(16, PREFIX_BYTES))) throw new Error("meaning model: truncated, damaged or altered (its SHA-256 differs)");
      return new Uint8Array(computed);
    });
  }

  /* The header and arrays (views into the buffer) of a checked model file. */
  function readModel(buffer) {
    var bytes = new Uint8Array(buffer);
    var headerBytes = new DataView(buffer).getUint32(12, true);
    var header = JSON.parse(new TextDecoder().decode(bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerBytes)));
    var start = PREFIX_BYTES + headerBytes;
    var arrays = {};
    Object.keys(header.arrays).forEach(function (name) {
      var place = header.arrays[name];
      var Type = ARRAY_TYPES[place.dtype];
      var count = place.shape.reduce(function (a, b) { return a * b; }, 1);
      if (!Type || start + place.offset + count * Type.BYTES_PER_ELEMENT > buffer.byteLength) throw new Error("meaning model: array " + name + " is malformed");
      arrays[name] = new Type(buffer, start + place.offset, count); // little-endian, as every browser is
    });
    return { header: header, arrays: arrays };
  }

  function Encoder(model, fingerprint) {
    var header = model.header;
    var a = model.arrays;
    this.fingerprint = fingerprint; // as Python's MeaningEncoder.fingerprint
    this.maxChars = header.max_chars;
    this.maxTokens = header.max_tokens;
    this.unkScore = header.unk_score;
    this.eps = header.eps;
    this.pieceList = strings(a.piece_bytes, a.piece_lengths);
    this.scores = a.scores;
    this.ids = new Map();
    this.longest = 0;
    for (var i = CONTROL; i < this.pieceList.length; i++) {
      this.ids.set(this.pieceList[i], i);
      this.longest = Math.max(this.longest, Array.from(this.pieceList[i]).length);
    }
    var keys = strings(a.norm_key_bytes, a.norm_key_lengths);
    var values = strings(a.norm_value_bytes, a.norm_value_lengths);
    this.replacements = new Map();
    this.keyPrefixes = new Set();
    for (var k = 0; k < keys.length; k++) {
      this.replacements.set(keys[k], values[k]);
      var chars = Array.from(keys[k]);
      for (var end = 1; end <= chars.length; end++) this.keyPrefixes.add(chars.slice(0, end).join(""));
    }
    this.embeddingCodes = a.embedding_codes;
    this.embeddingScale = a.embedding_scale;
    this.embeddingOffset = a.embedding_offset;
    this.w = {}; // the matrices, output by output (conv1_*: a piece's products with each window slot's weights)
    Object.keys(model.header.arrays).forEach(function (name) {
      if (/_codes$/.test(name) && name !== "embedding_codes") {
        var base = name.slice(0, -"_codes".length);
        this.w[base] = dequantised(a[name], a[base + "_scale"], model.header.arrays[name].shape);
      }
    }, this);
    this.branches = header.branches;
    this.v = a; // biases, gains and shifts by their file names
    this.common = new Map(); // the prepared pieces: never forgotten
    this.clearCache();
  }

  /* The pieces with a Thai character, most probable first, `count` of them worked out four at a time (one block
   * of multiply()), in turns of PREPARE_TURN_MS that leave the page free between them. */
  Encoder.prototype.prepare = function (count) {
    var thai = [];
    for (var id = CONTROL; id < this.pieceList.length; id++) if (/[\u0e00-\u0e7f]/.test(this.pieceList[id])) thai.push(id);
    var scores = this.scores;
    thai.sort(function (a, b) { return scores[b] - scores[a] || a - b; });
    var ids = thai.slice(0, count);
    var self = this;
    var next = 0;
    return new Promise(function (resolve) {
      (function turn() {
        var until = performance.now() + PREPARE_TURN_MS;
        while (next < ids.length && performance.now() < until) {
          self.project(ids.slice(next, next + 4), self.common);
          next += 4;
        }
        if (next < ids.length) setTimeout(turn, 0);
        else resolve(ids.length);
      })();
    });
  };

  Encoder.prototype.piece = function (id) {
    return this.common.get(id) || this.byId.get(id);
  };

  /* Forgets what was worked out for the texts so far (not the prepared pieces). */
  Encoder.prototype.clearCache = function () {
    this.byId = new Map(); // id → {embedded, projected, products: per branch, x · each window slot's weights}
    this.hidden = new Map(); // ids of the 5 tokens around → the three branches after the first convolution
    this.features = new Map(); // ids of the 9 tokens around → the token's 1,280 layer-normed features
    this.computed = 0; // tokens whose features the last encode() worked out (the rest came from the cache)
  };

  /* --- text → piece ids ------------------------------------------------------------------------- */

  Encoder.prototype.normalise = function (text) {
    var chars = Array.from(text.slice(0, 2 * this.maxChars)).slice(0, this.maxChars).map(function (c) {
      return c.length === 1 && c >= "\ud800" && c <= "\udfff" ? "\ufffd" : c;
    });
    var kept = [];
    var afterSpace = true; // spaces after a space (or at the start) are dropped
    var start = 0;
    while (start < chars.length) {
      var size = 1;
      var replacement = chars[start];
      var key = "";
      for (var end = start + 1; end <= chars.length; end++) {
        key += chars[end - 1];
        if (!this.keyPrefixes.has(key)) break;
        if (this.replacements.has(key)) {
          size = end - start;
          replacement = this.replacements.get(key);
        }
      }
      start += size;
      if (afterSpace) replacement = replacement.replace(/^ +/, "");
      if (replacement) {
        kept.push(replacement);
        afterSpace = replacement[replacement.length - 1] === " ";
      }
    }
    return (SPACE + kept.join("").replace(/ /g, SPACE)).replace(/\u2581+$/, "");
  };

  /* The piece ids of the best-scoring segmentation; ties go to the piece that starts first. */
  Encoder.prototype.segment = function (normalised) {
    var at = [0]; // code point → UTF-16 offset
    for (var c of normalised) at.push(at[at.length - 1] + c.length);
    var n = at.length - 1;
    var best = new Float64Array(n + 1).fill(-Infinity);
    best[0] = 0;
    var fromStart = new Int32Array(n + 1);
    var fromPiece = new Int32Array(n + 1);
    for (var start = 0; start < n; start++) {
      var base = best[start];
      var single = false;
      var last = Math.min(n, start + this.longest);
      for (var end = start + 1; end <= last; end++) {
        var piece = this.ids.get(normalised.slice(at[start], at[end]));
        if (piece === undefined) continue;
        if (end === start + 1) single = true;
        if (base + this.scores[piece] > best[end]) {
          best[end] = base + this.scores[piece];
          fromStart[end] = start;
          fromPiece[end] = piece;
        }
      }
      if (!single && base + this.unkScore > best[start + 1]) {
        best[start + 1] = base + this.unkScore;
        fromStart[start + 1] = start;
        fromPiece[start + 1] = UNK;
      }
    }
    var ids = [];
    for (var pos = n; pos > 0; pos = fromStart[pos]) {
      if (!(fromPiece[pos] === UNK && ids.length && ids[ids.length - 1] === UNK)) ids.push(fromPiece[pos]);
    }
    return ids.reverse();
  };

  /* <s>, the text's first pieces, </s>. */
  Encoder.prototype.tokens = function (text) {
    return [BOS].concat(this.segment(this.normalise(String(text))).slice(0, this.maxTokens - 2), [EOS]);
  };

  Encoder.prototype.pieces = function (text) {
    var list = this.pieceList;
    return this.tokens(text).map(function (id) { return list[id]; });
  };

  /* --- piece ids → vector ------------------------------------------------------------------------ */

  Encoder.prototype.encode = function (text) {
    var ids = this.tokens(text);
    if (this.byId.size > KEPT_IDS || this.features.size > KEPT_WINDOWS || this.hidden.size > KEPT_WINDOWS) this.clearCache();
    this.computed = 0;
    this.project(ids, this.byId);
    var hiddenKeys = ids.map(function (_, t) { return windowKey(ids, t, REACH); });
    var featureKeys = ids.map(function (_, t) { return windowKey(ids, t, 2 * REACH); });
    this.convolveFirst(ids, hiddenKeys);
    this.convolveSecond(ids, hiddenKeys, featureKeys);
    var sum = new Float32Array(FEATURES);
    for (var t = 0; t < ids.length; t++) {
      var row = this.features.get(featureKeys[t]);
      for (var f = 0; f < FEATURES; f++) sum[f] += row[f];
    }
    return this.sentence(sum, ids.length);
  };

  /* Embedding, projected row and first-convolution products of every id not worked out yet, kept in `into`. */
  Encoder.prototype.project = function (ids, into) {
    var fresh = Array.from(new Set(ids)).filter(function (id) { return !this.piece(id); }, this);
    if (!fresh.length) return;
    var embedded = new Float32Array(fresh.length * EMBEDDING);
    fresh.forEach(function (id, r) {
      var scale = this.embeddingScale[id];
      var offset = this.embeddingOffset[id];
      for (var d = 0; d < EMBEDDING; d++) embedded[r * EMBEDDING + d] = Math.fround(this.embeddingCodes[id * EMBEDDING + d] * scale) + offset;
    }, this);
    var projected = multiply(embedded, fresh.length, this.w.projection, this.v.projection_bias);
    layerNorm(projected, fresh.length, this.v.projection_gain, this.v.projection_shift, this.eps);
    var width = 3 * WIDTH;
    var products = this.branches.map(function (order, b) {
      var x = new Float32Array(fresh.length * WIDTH);
      for (var r = 0; r < fresh.length; r++) x.set(projected.subarray(r * width + b * WIDTH, r * width + (b + 1) * WIDTH), r * WIDTH);
      return multiply(x, fresh.length, this.w["conv1_" + order], null);
    }, this);
    fresh.forEach(function (id, r) {
      into.set(id, {
        embedded: embedded.subarray(r * EMBEDDING, (r + 1) * EMBEDDING),
        projected: projected.subarray(r * width, (r + 1) * width),
        products: this.branches.map(function (order, b) { return products[b].subarray(r * order * WIDTH, (r + 1) * order * WIDTH); }),
      });
    }, this);
  };

  /* hidden = relu(conv1(x) + bias) + x, per branch, for the positions whose 5 ids are new: the window's slots'
   * products added up, slot by slot. */
  Encoder.prototype.convolveFirst = function (ids, hiddenKeys) {
    var todo = positionsToDo(hiddenKeys, this.hidden);
    var self = this;
    todo.forEach(function (t) {
      var row = new Float32Array(3 * WIDTH);
      var x = self.piece(ids[t]).projected;
      this.branches.forEach(function (order, b) {
        var sum = new Float32Array(WIDTH);
        for (var k = 0; k < order; k++) {
          var s = t - LEFT[order] + k;
          if (s < 0 || s >= ids.length) continue;
          var product = self.piece(ids[s]).products[b];
          for (var j = 0; j < WIDTH; j++) sum[j] += product[k * WIDTH + j];
        }
        var bias = this.v["conv1_" + order + "_bias"];
        for (var i = 0; i < WIDTH; i++) row[b * WIDTH + i] = Math.max(sum[i] + bias[i], 0) + x[b * WIDTH + i];
      }, this);
      this.hidden.set(hiddenKeys[t], row);
    }, this);
  };

  /* features = layer norm of [embedding | relu(conv2(hidden) + bias) + hidden per branch]. */
  Encoder.prototype.convolveSecond = function (ids, hiddenKeys, featureKeys) {
    var todo = positionsToDo(featureKeys, this.features);
    if (!todo.length) return;
    this.computed = todo.length;
    var hidden = this.hidden;
    var rows = new Float32Array(todo.length * FEATURES);
    todo.forEach(function (t, r) { rows.set(this.piece(ids[t]).embedded, r * FEATURES); }, this);
    this.branches.forEach(function (order, b) {
      var input = windows(todo, order, ids.length, function (s) { return hidden.get(hiddenKeys[s]); }, b);
      var out = multiply(input, todo.length, this.w["conv2_" + order], this.v["conv2_" + order + "_bias"]);
      todo.forEach(function (t, r) {
        var h = hidden.get(hiddenKeys[t]);
        var at = r * FEATURES + EMBEDDING + b * WIDTH;
        for (var j = 0; j < WIDTH; j++) rows[at + j] = Math.max(out[r * WIDTH + j], 0) + h[b * WIDTH + j];
      });
    }, this);
    layerNorm(rows, todo.length, this.v.feature_gain, this.v.feature_shift, this.eps);
    todo.forEach(function (t, r) { this.features.set(featureKeys[t], rows.subarray(r * FEATURES, (r + 1) * FEATURES)); }, this);
  };

  /* Sum of the tokens' features → output projection (mean × √n) → feed-forward layers → tanh → length 1. */
  Encoder.prototype.sentence = function (sum, count) {
    var w = this.w;
    var mean = multiply(sum, 1, w.output, null);
    for (var j = 0; j < mean.length; j++) mean[j] = (mean[j] + count * this.v.output_bias[j]) / Math.sqrt(count);
    var first = relu(multiply(mean, 1, w.dan0, null));
    var second = relu(add(multiply(mean, 1, w.skip1, null), multiply(first, 1, w.dan1, null)));
    var third = relu(multiply(second, 1, w.dan2, null));
    var out = add(multiply(second, 1, w.skip3, null), multiply(third, 1, w.dan3, null));
    var norm = 0;
    for (var d = 0; d < out.length; d++) {
      out[d] = Math.tanh(out[d]);
      norm += out[d] * out[d];
    }
    norm = Math.sqrt(Math.max(norm, this.eps));
    for (var e = 0; e < out.length; e++) out[e] /= norm;
    return out;
  };

  /* --- numbers ----------------------------------------------------------------------------------- */

  /* The ids of the tokens within `reach` of t (-1 outside the text): what t's rows depend on. */
  function windowKey(ids, t, reach) {
    var key = "";
    for (var s = t - reach; s <= t + reach; s++) key += (s < 0 || s >= ids.length ? -1 : ids[s]) + ",";
    return key;
  }

  function positionsToDo(keys, kept) {
    var seen = new Set();
    var todo = [];
    keys.forEach(function (key, t) {
      if (!kept.has(key) && !seen.has(key)) {
        seen.add(key);
        todo.push(t);
      }
    });
    return todo;
  }

  /* One row per position: branch b's slice of the rows in its window, zeros outside the text. */
  function windows(todo, order, length, rowAt, b) {
    var input = new Float32Array(todo.length * order * WIDTH);
    todo.forEach(function (t, r) {
      for (var k = 0; k < order; k++) {
        var s = t - LEFT[order] + k;
        if (s >= 0 && s < length) input.set(rowAt(s).subarray(b * WIDTH, (b + 1) * WIDTH), (r * order + k) * WIDTH);
      }
    });
    return input;
  }

  /* int8 codes (outputs × inputs) times their output's scale: the very float32 numbers Python multiplies by. */
  function dequantised(codes, scale, shape) {
    var outputs = shape[0];
    var inputs = shape[1];
    if (outputs % 4) throw new Error("meaning model: " + outputs + " outputs, multiply() takes multiples of 4");
    var out = new Float32Array(codes.length);
    for (var o = 0; o < outputs; o++) {
      for (var i = 0; i < inputs; i++) out[o * inputs + i] = codes[o * inputs + i] * scale[o];
    }
    out.inputs = inputs;
    out.outputs = outputs;
    return out;
  }

  /* rows (count × inputs) · weight + bias → count × outputs (a multiple of 4). Four rows times four outputs at a
   * time: each number read serves four products (scalar JavaScript's best here, about 2.3 G a second). */
  function multiply(rows, count, weight, bias) {
    var n = weight.inputs;
    var m = weight.outputs;
    var out = new Float32Array(count * m);
    for (var r = 0; r < count; r += 4) {
      var a0 = r * n;
      var a1 = Math.min(r + 1, count - 1) * n; // past the last row: repeat it, write nothing
      var a2 = Math.min(r + 2, count - 1) * n;
      var a3 = Math.min(r + 3, count - 1) * n;
      for (var j = 0; j < m; j += 4) {
        var w0 = j * n;
        var w1 = w0 + n;
        var w2 = w1 + n;
        var w3 = w2 + n;
        var s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        var s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
        for (var k = 0; k < n; k++) {
          var x0 = weight[w0 + k], x1 = weight[w1 + k], x2 = weight[w2 + k], x3 = weight[w3 + k];
          var p = rows[a0 + k];
          s00 += p * x0; s01 += p * x1; s02 += p * x2; s03 += p * x3;
          p = rows[a1 + k];
          s10 += p * x0; s11 += p * x1; s12 += p * x2; s13 += p * x3;
          p = rows[a2 + k];
          s20 += p * x0; s21 += p * x1; s22 += p * x2; s23 += p * x3;
          p = rows[a3 + k];
          s30 += p * x0; s31 += p * x1; s32 += p * x2; s33 += p * x3;
        }
        var b0 = bias ? bias[j] : 0, b1 = bias ? bias[j + 1] : 0, b2 = bias ? bias[j + 2] : 0, b3 = bias ? bias[j + 3] : 0;
        var o = r * m + j;
        out[o] = s00 + b0; out[o + 1] = s01 + b1; out[o + 2] = s02 + b2; out[o + 3] = s03 + b3;
        if (r + 1 < count) { o += m; out[o] = s10 + b0; out[o + 1] = s11 + b1; out[o + 2] = s12 + b2; out[o + 3] = s13 + b3; }
        if (r + 2 < count) { o += m; out[o] = s20 + b0; out[o + 1] = s21 + b1; out[o + 2] = s22 + b2; out[o + 3] = s23 + b3; }
        if (r + 3 < count) { o += m; out[o] = s30 + b0; out[o + 1] = s31 + b1; out[o + 2] = s32 + b2; out[o + 3] = s33 + b3; }
      }
    }
    return out;
  }

  function layerNorm(rows, count, gain, shift, eps) {
    var width = gain.length;
    for (var r = 0; r < count; r++) {
      var at = r * width;
      var mean = 0;
      for (var i = 0; i < width; i++) mean += rows[at + i];
      mean /= width;
      var variance = 0;
      for (var j = 0; j < width; j++) variance += (rows[at + j] - mean) * (rows[at + j] - mean);
      var scale = 1 / Math.sqrt(variance / width + eps);
      for (var k = 0; k < width; k++) rows[at + k] = (rows[at + k] - mean) * scale * gain[k] + shift[k];
    }
  }

  function relu(values) {
    for (var i = 0; i < values.length; i++) if (values[i] < 0) values[i] = 0;
    return values;
  }

  function add(values, more) {
    for (var i = 0; i < values.length; i++) values[i] += more[i];
    return values;
  }

  /* Strings stored as one UTF-8 blob and each one's length in bytes: the blob decoded once, then cut where each
   * string's UTF-16 length (a unit per character, two for one of 4 bytes) says. */
  function strings(blob, lengths) {
    var text = new TextDecoder().decode(blob);
    var out = new Array(lengths.length);
    for (var i = 0, at = 0, from = 0; i < lengths.length; i++) {
      var units = 0;
      for (var end = at + lengths[i]; at < end; at++) if ((blob[at] & 0xc0) !== 0x80) units += blob[at] >= 0xf0 ? 2 : 1;
      out[i] = text.slice(from, from + units);
      from += units;
    }
    return out;
  }

  function hex(bytes) {
    return Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }

  /* SHA-256 (FIPS 180-4) of a byte array: crypto.subtle exists only on https and localhost, an intranet may serve http. */
  var ROUND = new Int32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ]);

  function sha256(bytes) {
    var h = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
    var w = new Int32Array(64);
    var whole = bytes.length - (bytes.length % 64);
    for (var at = 0; at < whole; at += 64) compress(h, w, bytes, at);
    var tail = new Uint8Array(bytes.length % 64 < 56 ? 64 : 128); // the rest, 0x80, zeros, the length in bits
    tail.set(bytes.subarray(whole));
    tail[bytes.length - whole] = 0x80;
    var view = new DataView(tail.buffer);
    view.setUint32(tail.length - 8, Math.floor(bytes.length / 0x20000000));
    view.setUint32(tail.length - 4, (bytes.length << 3) >>> 0);
    for (var t = 0; t < tail.length; t += 64) compress(h, w, tail, t);
    var out = new Uint8Array(32);
    for (var k = 0; k < 32; k++) out[k] = h[k >> 2] >>> (24 - 8 * (k & 3));
    return out;
  }

  /* One 64-byte block into the state h (its own small function: the engine optimises it after a few calls). */
  function compress(h, w, bytes, at) {
    for (var i = 0; i < 16; i++, at += 4) w[i] = (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
    for (var t = 16; t < 64; t++) {
      var a = w[t - 15];
      var b = w[t - 2];
      var s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      var s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
    }
    var A = h[0], B = h[1], C = h[2], D = h[3], E = h[4], F = h[5], G = h[6], H = h[7];
    for (var r = 0; r < 64; r++) {
      var S1 = ((E >>> 6) | (E << 26)) ^ ((E >>> 11) | (E << 21)) ^ ((E >>> 25) | (E << 7));
      var t1 = (H + S1 + ((E & F) ^ (~E & G)) + ROUND[r] + w[r]) | 0;
      var S0 = ((A >>> 2) | (A << 30)) ^ ((A >>> 13) | (A << 19)) ^ ((A >>> 22) | (A << 10));
      var t2 = (S0 + ((A & B) ^ (A & C) ^ (B & C))) | 0;
      H = G; G = F; F = E; E = (D + t1) | 0; D = C; C = B; B = A; A = (t1 + t2) | 0;
    }
    h[0] += A; h[1] += B; h[2] += C; h[3] += D; h[4] += E; h[5] += F; h[6] += G; h[7] += H;
  }

  window.BestServiceMeaning = { load: load };
})();
