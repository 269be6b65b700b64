/* The explorer of a published version (explore.html): reads the version's own column files
   (explore/*.bcol; the format is documented in src/briefing/report/columns.py) and
   explore/meta.json, and computes in the browser, for any countries the tables hold:
   a pair's co-authored works per year, a country's share of its international works with a
   partner per year, and a region's pairs ranked in a year. The state is the URL fragment:
   #pair=KR-VN, #country=DE&partner=CN, #region=europe&year=2022(&pair=DE-FR).
   Shared by every version of the site (stored once, named by its content); it asks for
   nothing beyond the version's own folder. */
(function () {
  "use strict";

  var MAGIC = "BRFCOL1\n";
  var TYPES = { uint8: Uint8Array, uint16: Uint16Array, uint32: Uint32Array, int32: Int32Array, float64: Float64Array };
  // The house palette (src/briefing/charts/theme.py, charts/marks.py).
  var INK = { line: "#0072B2", chosen: "#D55E00", band: "#bbbbbb", label: "#6B6B6B", grid: "#E4E4E4",
              domain: "#888888", text: "#333333" };
  var SVG_NS = "http://www.w3.org/2000/svg";
  var NUMBER = new Intl.NumberFormat("en-US");

  // ---- The column format -------------------------------------------------------------------
  function littleEndian() { return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1; }

  function readColumns(buffer) {
    var bytes = new Uint8Array(buffer);
    if (String.fromCharCode.apply(null, bytes.subarray(0, 8)) !== MAGIC) throw new Error("not a column file");
    var length = new DataView(buffer).getUint32(8, true);
    var header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + length)));
    var columns = {};
    header.columns.forEach(function (c) {
      var type = TYPES[c.type];
      columns[c.name] = {
        constant: c.constant, dictionary: c.dictionary || null,
        values: type ? new type(buffer, c.offset, c.length / type.BYTES_PER_ELEMENT) : null,
        valid: c.valid ? new Uint8Array(buffer, c.valid.offset, c.valid.length) : null,
      };
    });
    return { rows: header.rows, columns: columns };
  }

  // The value of row i: a number, a string (dictionary), the constant, or null where missing.
  function cell(column, i) {
    if (!column.values) return column.constant;
    if (column.valid && !column.valid[i]) return null;
    return column.dictionary ? column.dictionary[column.values[i]] : column.values[i];
  }

  // ---- The engine: one source's rows of one field -------------------------------------------
  function Engine(meta, source, pairs, output) {
    this.source = source;
    this.codes = Object.keys(meta.countries).sort();  // every source's codes: one index space
    this.at = {};
    this.codes.forEach(function (code, i) { this.at[code] = i; }, this);
    this.present = new Set();  // the codes this source has pairs of
    this.indexPairs(pairs);
    this.indexOutput(output);
  }

  Engine.prototype.mine = function (c, i) {
    return cell(c.source, i) === this.source.id && cell(c.field, i) === this.source.field;
  };

  // The source's rows as flat arrays; each pair's rows are contiguous (the file is sorted by
  // source, field, country_a, country_b, year), indexed by the pair's key.
  Engine.prototype.indexPairs = function (table) {
    var c = table.columns, n = table.rows, self = this;
    var year = new Uint16Array(n), a = new Uint16Array(n), b = new Uint16Array(n), works = new Float64Array(n);
    var aAt = lookup(c.country_a, self.at), bAt = lookup(c.country_b, self.at);
    var kept = 0;
    this.ranges = new Map();
    this.years = new Set();
    for (var i = 0; i < n; i++) {
      if (!this.mine(c, i)) continue;
      year[kept] = cell(c.year, i); a[kept] = aAt(i); b[kept] = bAt(i); works[kept] = cell(c.works, i);
      var key = a[kept] * 65536 + b[kept], range = this.ranges.get(key);
      if (range) range[1] = kept + 1; else this.ranges.set(key, [kept, kept + 1]);
      this.years.add(year[kept]);
      this.present.add(this.codes[a[kept]]).add(this.codes[b[kept]]);
      kept++;
    }
    this.rows = { n: kept, year: year, a: a, b: b, works: works };
  };

  Engine.prototype.indexOutput = function (table) {
    var c = table.columns;
    this.international = new Map();
    for (var i = 0; i < table.rows; i++) {
      if (!this.mine(c, i)) continue;
      var code = cell(c.country, i);
      if (!this.international.has(code)) this.international.set(code, new Map());
      this.international.get(code).set(cell(c.year, i), cell(c.works_international, i));
    }
  };

  // A text column's row -> index into the engine's country codes.
  function lookup(column, at) {
    if (!column.values) { var fixed = at[column.constant]; return function () { return fixed; }; }
    var map = column.dictionary.map(function (code) { return at[code]; });
    return function (i) { return map[column.values[i]]; };
  }

  Engine.prototype.has = function (code) { return Object.prototype.hasOwnProperty.call(this.at, code); };

  // Co-authored works of x and y per year (either order), the years the table holds.
  Engine.prototype.pair = function (x, y) {
    var i = this.at[x], j = this.at[y], lo = Math.min(i, j), hi = Math.max(i, j);
    var range = this.ranges.get(lo * 65536 + hi), out = [];
    if (!range) return out;
    for (var r = range[0]; r < range[1]; r++) out.push({ year: this.rows.year[r], works: this.rows.works[r] });
    return out;
  };

  // The share of `country`'s internationally co-authored works that have `partner`, per year:
  // pair works / the country's international works (the source's diagonal row).
  Engine.prototype.share = function (country, partner) {
    var totals = this.international.get(country) || new Map();
    return this.pair(country, partner).map(function (row) {
      var total = totals.has(row.year) ? totals.get(row.year) : null;
      return { year: row.year, works: row.works, works_international: total,
               share_pct: total ? 100 * row.works / total : null };
    });
  };

  // Every pair of `codes` with co-authored works in `year`, most first; ties share the best rank.
  Engine.prototype.ranking = function (codes, year) {
    var inside = new Uint8Array(this.codes.length), rows = this.rows, found = [];
    codes.forEach(function (code) { if (this.has(code)) inside[this.at[code]] = 1; }, this);
    for (var r = 0; r < rows.n; r++) {
      if (rows.year[r] === year && inside[rows.a[r]] && inside[rows.b[r]]) found.push(r);
    }
    found.sort(function (p, q) { return rows.works[q] - rows.works[p] || rows.a[p] - rows.a[q] || rows.b[p] - rows.b[q]; });
    var out = [];
    found.forEach(function (r, k) {
      var rank = k > 0 && rows.works[r] === out[k - 1].works ? out[k - 1].rank : k + 1;
      out.push({ rank: rank, a: this.codes[rows.a[r]], b: this.codes[rows.b[r]], works: rows.works[r] });
    }, this);
    return out;
  };

  // ---- State in the URL fragment -------------------------------------------------------------
  function parseHash(hash) {
    var params = {};
    hash.replace(/^#/, "").split("&").forEach(function (part) {
      var i = part.indexOf("=");
      if (i > 0) params[decodeURIComponent(part.slice(0, i))] = decodeURIComponent(part.slice(i + 1));
    });
    var up = function (text) { return (text || "").trim().toUpperCase(); };
    var source = params.source ? params.source.toLowerCase() : null, state = null;
    if (params.region) state = { mode: "region", region: params.region.toLowerCase(), year: parseInt(params.year, 10) || null,
                                 pair: params.pair ? up(params.pair) : null };
    else if (params.country) state = { mode: "share", country: up(params.country), partner: up(params.partner) || null };
    else if (params.pair) state = { mode: "pair", pair: up(params.pair) };
    if (state) state.source = source;
    return state;
  }

  // The fragment of a state; the source is named only when it is not the edition's own.
  function formatHash(state, ownSource) {
    var source = state.source && state.source !== ownSource ? "&source=" + encodeURIComponent(state.source) : "";
    if (state.mode === "region") {
      return "#region=" + encodeURIComponent(state.region) + "&year=" + state.year + (state.pair ? "&pair=" + state.pair : "") + source;
    }
    if (state.mode === "share") return "#country=" + state.country + "&partner=" + state.partner + source;
    return "#pair=" + state.pair + source;
  }

  // ---- Words and numbers ---------------------------------------------------------------------
  function Words(meta) { this.meta = meta; }
  Words.prototype.name = function (code) { return this.meta.countries[code] || code; };
  Words.prototype.pair = function (a, b) { return this.name(a) + "–" + this.name(b); };
  Words.prototype.possessive = function (code) {
    var name = this.name(code);
    return name + (/s$/.test(name) ? "’" : "’s");
  };
  function ordinal(n) {
    var s = ["th", "st", "nd", "rd"], v = n % 100;
    return n + (s[(v - 20) % 10] || s[v] || s[0]);
  }
  function pct(value) { return value === null ? "—" : value.toFixed(1); }

  // ---- Source flags (from the version's findings' caveats) -----------------------------------
  function subjectOf(flag, codes) {
    var subject = flag.subject;
    if (subject === flag.sourceId) return true;
    if (codes.indexOf(subject) >= 0) return true;
    var pair = /^([A-Z]{2})-([A-Z]{2})$/.exec(subject);
    return !!pair && codes.length >= 2 && codes.indexOf(pair[1]) >= 0 && codes.indexOf(pair[2]) >= 0;
  }

  // One source's flags (meta.json: sources[].flags).
  function Flags(source) {
    this.all = source.flags.map(function (f) { return Object.assign({ sourceId: source.id }, f); });
    this.provisional = new Set();
    this.all.forEach(function (f) {
      if (f.kind === "provisional" && f.subject === source.id) f.years.forEach(this.provisional.add, this.provisional);
    }, this);
  }
  // The flags that touch the countries (and their pair) in view.
  Flags.prototype.about = function (codes) {
    return this.all.filter(function (f) { return f.subject === f.sourceId || subjectOf(f, codes); });
  };
  Flags.prototype.bands = function (codes) {
    var bands = [];
    this.about(codes).forEach(function (f) {
      if (f.drawn && f.label) f.years.forEach(function (y) { bands.push({ year: y, label: f.label }); });
    });
    return bands;
  };
  Flags.prototype.note = function (codes, year) {
    var notes = [];
    if (this.provisional.has(year)) notes.push("Provisional");
    this.bands(codes).forEach(function (b) { if (b.year === year) notes.push(b.label); });
    this.about(codes).forEach(function (f) {
      if (f.kind === "spike" && f.years.indexOf(year) >= 0) notes.push("One-year spike in the source");
    });
    return notes.join("; ");
  };

  // ---- Drawing -------------------------------------------------------------------------------
  function el(tag, attrs, text) {
    var node = tag.indexOf("svg:") === 0 ? document.createElementNS(SVG_NS, tag.slice(4)) : document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function niceStep(max, ticks) {
    var raw = max / ticks, power = Math.pow(10, Math.floor(Math.log10(raw || 1)));
    var step = [1, 2, 2.5, 5, 10].map(function (m) { return m * power; }).find(function (s) { return s >= raw; });
    return step || power * 10;
  }

  function axisLabel(value, step) { return step < 1 ? value.toFixed(step < 0.1 ? 2 : 1) : NUMBER.format(value); }

  // A line over the years: filled points, hollow where the year is provisional, a light band over
  // each break (from the year before to its year), labelled at the top, as the briefing draws them.
  function lineChart(points, options) {
    var width = Math.max(280, Math.min(options.width, 760)), height = 260;
    var m = { left: 58, right: 14, top: 26, bottom: 30 };
    var years = points.map(function (p) { return p.year; });
    var first = Math.min.apply(null, years), last = Math.max.apply(null, years);
    var top = Math.max.apply(null, points.map(function (p) { return p.value || 0; }).concat([0]));
    var step = niceStep(top || 1, 5), yMax = Math.ceil((top || 1) / step) * step;
    var x = function (year) { return m.left + (last === first ? 0.5 : (year - first) / (last - first)) * (width - m.left - m.right); };
    var y = function (v) { return height - m.bottom - (v / yMax) * (height - m.top - m.bottom); };
    var svg = el("svg:svg", { viewBox: "0 0 " + width + " " + height, width: width, height: height, role: "img",
                              "aria-label": options.label, class: "explore-svg" });
    options.bands.forEach(function (band) {
      if (band.year - 1 < first || band.year > last) return;
      svg.appendChild(el("svg:rect", { x: x(band.year - 1), y: m.top, width: x(band.year) - x(band.year - 1),
                                       height: height - m.top - m.bottom, fill: INK.band, opacity: 0.25 }));
      var right = x(band.year - 1) > width / 2;
      svg.appendChild(el("svg:text", { x: right ? x(band.year) - 2 : x(band.year - 1) + 2, y: m.top - 6, "font-size": 10,
                                       fill: INK.label, "text-anchor": right ? "end" : "start" }, band.label));
    });
    for (var v = 0; v <= yMax + step / 2; v += step) {
      svg.appendChild(el("svg:line", { x1: m.left, x2: width - m.right, y1: y(v), y2: y(v), stroke: INK.grid }));
      svg.appendChild(el("svg:text", { x: m.left - 6, y: y(v) + 4, "font-size": 11, fill: INK.text, "text-anchor": "end" },
                         axisLabel(v, step)));
    }
    svg.appendChild(el("svg:line", { x1: m.left, x2: width - m.right, y1: y(0), y2: y(0), stroke: INK.domain }));
    // Year labels 36 px apart at least: every 1, 2, 5, 10 or 20 years, and the last year when there is room.
    var plot = width - m.left - m.right, perYear = last > first ? plot / (last - first) : plot;
    var every = [1, 2, 5, 10, 20].find(function (k) { return k * perYear >= 36; }) || 20;
    var yearLabel = function (year) {
      svg.appendChild(el("svg:text", { x: x(year), y: height - m.bottom + 16, "font-size": 11, fill: INK.text,
                                       "text-anchor": "middle" }, year));
    };
    for (var year = first; year <= last; year += every) yearLabel(year);
    var labelled = first + Math.floor((last - first) / every) * every;
    if (labelled !== last && (last - labelled) * perYear >= 36) yearLabel(last);
    svg.appendChild(el("svg:text", { x: 4, y: 12, "font-size": 11, fill: INK.text }, options.yTitle));
    var drawn = points.filter(function (p) { return p.value !== null; });
    var path = drawn.map(function (p, i) { return (i ? "L" : "M") + x(p.year).toFixed(1) + "," + y(p.value).toFixed(1); });
    svg.appendChild(el("svg:path", { d: path.join(""), fill: "none", stroke: INK.line, "stroke-width": 2 }));
    drawn.forEach(function (p) {
      var hollow = options.provisional.has(p.year);
      var dot = el("svg:circle", { cx: x(p.year), cy: y(p.value), r: hollow ? 3.5 : 3, fill: hollow ? "#ffffff" : INK.line,
                                   stroke: INK.line, "stroke-width": hollow ? 2 : 1 });
      dot.appendChild(el("svg:title", {}, p.year + ": " + options.format(p.value) + (hollow ? " (provisional)" : "")));
      svg.appendChild(dot);
    });
    return svg;
  }

  // The leading pairs as bars, the chosen pair in the accent colour (added below them if it is not
  // among them); each pair's name sits above its bar so that long names fit a phone.
  function barChart(rows, chosen, words, options) {
    var width = Math.max(280, Math.min(options.width, 760)), row = 34, m = { left: 4, right: 64, top: 6 };
    var height = m.top + rows.length * row + 4;
    var max = Math.max.apply(null, rows.map(function (r) { return r.works; }).concat([1]));
    var svg = el("svg:svg", { viewBox: "0 0 " + width + " " + height, width: width, height: height, role: "img",
                              "aria-label": options.label, class: "explore-svg" });
    rows.forEach(function (r, i) {
      var isChosen = chosen && r.a + "-" + r.b === chosen, top = m.top + i * row;
      var length = Math.max(1, (r.works / max) * (width - m.left - m.right));
      svg.appendChild(el("svg:text", { x: m.left, y: top + 12, "font-size": 12, fill: INK.text,
                                       "font-weight": isChosen ? "bold" : "normal" },
                         ordinal(r.rank) + "  " + words.pair(r.a, r.b)));
      svg.appendChild(el("svg:rect", { x: m.left, y: top + 16, width: length, height: 12,
                                       fill: isChosen ? INK.chosen : INK.line }));
      svg.appendChild(el("svg:text", { x: m.left + length + 4, y: top + 26, "font-size": 11, fill: INK.text },
                         NUMBER.format(r.works)));
    });
    return svg;
  }

  // A table whose cells carry their exact value (data-value) beside the text shown.
  function dataTable(id, caption, columns, rows, chosenRow) {
    var wrap = el("div", { class: "table-wrap explore-table-wrap", tabindex: "0", role: "region",
                           "aria-labelledby": id + "-caption" });
    var table = el("table", { id: id });
    table.appendChild(el("caption", { id: id + "-caption" }, caption));
    var head = el("tr");
    columns.forEach(function (c) {
      head.appendChild(el("th", { scope: "col", "data-column": c.key, class: c.numeric ? "num" : "" }, c.label));
    });
    table.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    rows.forEach(function (r, i) {
      var tr = el("tr", i === chosenRow ? { class: "is-chosen" } : {});
      columns.forEach(function (c) {
        var value = r[c.key], td = el("td", { "data-value": value === null || value === undefined ? "" : String(value),
                                              class: c.numeric ? "num" : "" }, c.text ? c.text(value, r) : value);
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    wrap.appendChild(table);
    if (rows.length > 25) wrap.classList.add("explore-scroll");
    return wrap;
  }

  // ---- The page ------------------------------------------------------------------------------
  // `engines`: source id -> Engine, the edition's own source (meta.sources[0]) first.
  function Page(engines, meta) {
    this.engines = engines;
    this.meta = meta;
    this.own = meta.sources[0].id;
    this.sources = {};
    this.flagsOf = {};
    meta.sources.forEach(function (source) { this.sources[source.id] = source; this.flagsOf[source.id] = new Flags(source); }, this);
    this.words = new Words(meta);
    this.current = null;
    this.regions = {};
    meta.regions.forEach(function (r) { this.regions[r.key] = r; }, this);
    this.form = document.getElementById("explore-form");
    this.result = document.getElementById("explore-result");
    this.status = document.getElementById("explore-status");
    this.last = null;
  }

  Page.prototype.byName = function (codes) {
    var words = this.words;
    return codes.slice().sort(function (p, q) { return words.name(p).localeCompare(words.name(q), "en"); });
  };

  Page.prototype.fillSelect = function (id, codes) {
    var select = document.getElementById(id), words = this.words;
    select.textContent = "";
    codes.forEach(function (code) { select.appendChild(el("option", { value: code }, words.name(code) + " (" + code + ")")); });
  };

  Page.prototype.setUp = function () {
    var self = this, regionSelect = document.getElementById("region-key"), sourceSelect = document.getElementById("source");
    this.meta.regions.forEach(function (r) {
      regionSelect.appendChild(el("option", { value: r.key }, r.name + (r.edition ? " (this edition's region)" : "")));
    });
    this.meta.sources.forEach(function (source, i) {
      sourceSelect.appendChild(el("option", { value: source.id }, source.name + (i === 0 ? " (this edition's source)" : "")));
    });
    this.useSource(this.own);
    this.form.addEventListener("change", function (event) { self.changed(event.target); });
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    this.form.hidden = false;
  };

  // The source whose rows the views read: its engine, flags, countries (in the selects) and years.
  Page.prototype.useSource = function (id) {
    if (this.current === id) return;
    var self = this;
    this.current = id;
    this.engine = this.engines[id];
    this.flags = this.flagsOf[id];
    this.source = this.sources[id];
    var present = this.byName(Array.from(this.engine.present));
    ["pair-a", "pair-b", "share-country", "share-partner"].forEach(function (select) { self.fillSelect(select, present); });
    var years = document.getElementById("region-year");
    years.textContent = "";
    Array.from(this.engine.years).sort().reverse().forEach(function (y) { years.appendChild(el("option", { value: y }, y)); });
    document.getElementById("source").value = id;
  };

  Page.prototype.value = function (id) { return document.getElementById(id).value; };

  // A control changed: the state it asks for goes into the fragment (which renders it).
  Page.prototype.changed = function (target) {
    var mode = this.form.querySelector("input[name=mode]:checked").value, state;
    if (mode === "pair") state = { mode: "pair", pair: this.value("pair-a") + "-" + this.value("pair-b") };
    if (mode === "share") state = { mode: "share", country: this.value("share-country"), partner: this.value("share-partner") };
    if (mode === "region") {
      var region = this.value("region-key"), pair = this.value("region-a") + "-" + this.value("region-b");
      if (target && target.id === "region-key") pair = null;
      state = { mode: "region", region: region, year: parseInt(this.value("region-year"), 10), pair: pair };
    }
    state.source = this.value("source");
    this.go(state);
  };

  Page.prototype.go = function (state) {
    var hash = formatHash(state, this.own);
    if (location.hash === hash) this.show(state); else location.hash = hash;
  };

  Page.prototype.defaultState = function () {
    return { mode: "pair", pair: this.meta.focus_pair.join("-"), source: this.own };
  };

  // The state made whole (defaults filled in), or a sentence saying what is wrong with it.
  Page.prototype.complete = function (state) {
    var source = state.source || this.own;
    if (!this.engines[source]) return "“" + source + "” is not a source of this version's data.";
    this.useSource(source);
    var engine = this.engine, meta = this.meta, unknown = function (code) {
      return !/^[A-Z]{2}$/.test(code || "") || !engine.present.has(code);
    };
    var where = this.source.name + "'s data in this version";
    if (state.mode === "pair") {
      var codes = state.pair.split("-");
      if (codes.length !== 2 || unknown(codes[0]) || unknown(codes[1])) return "“" + state.pair + "” is not two countries of " + where + ".";
      if (codes[0] === codes[1]) return "Choose two different countries.";
      return { mode: "pair", pair: state.pair, source: source };
    }
    if (state.mode === "share") {
      var partner = state.partner || meta.poles.filter(function (p) { return p !== state.country; })[0];
      if (unknown(state.country) || unknown(partner)) return "“" + state.country + "” and “" + partner + "” are not countries of " + where + ".";
      if (state.country === partner) return "Choose a partner other than the country itself.";
      return { mode: "share", country: state.country, partner: partner, source: source };
    }
    var region = this.regions[state.region];
    if (!region) return "“" + state.region + "” is not a region this explorer knows.";
    var year = engine.years.has(state.year) ? state.year : (engine.years.has(meta.window[1]) ? meta.window[1] : Math.max.apply(null, Array.from(engine.years)));
    var inside = region.countries.filter(function (c) { return engine.present.has(c); });
    var pair = state.pair;
    if (pair) {
      var both = pair.split("-");
      if (both.length !== 2 || inside.indexOf(both[0]) < 0 || inside.indexOf(both[1]) < 0 || both[0] === both[1]) pair = null;
    }
    if (!pair) {
      var focus = meta.focus_pair;
      if (inside.indexOf(focus[0]) >= 0 && inside.indexOf(focus[1]) >= 0) pair = focus.join("-");
      else {
        var top = engine.ranking(inside, year)[0];
        pair = top ? top.a + "-" + top.b : null;
      }
    }
    return { mode: "region", region: region.key, year: year, pair: pair, source: source };
  };

  Page.prototype.syncForm = function (state) {
    this.form.querySelectorAll("input[name=mode]").forEach(function (radio) { radio.checked = radio.value === state.mode; });
    this.form.querySelectorAll("[data-mode]").forEach(function (group) { group.hidden = group.dataset.mode !== state.mode; });
    var set = function (id, value) { if (value) document.getElementById(id).value = value; };
    if (state.mode === "pair") {
      var codes = state.pair.split("-");
      set("pair-a", codes[0]); set("pair-b", codes[1]); set("share-country", codes[0]); set("share-partner", codes[1]);
    }
    if (state.mode === "share") {
      set("share-country", state.country); set("share-partner", state.partner); set("pair-a", state.country); set("pair-b", state.partner);
    }
    if (state.mode === "region") {
      set("region-key", state.region); set("region-year", String(state.year));
      var present = this.engine.present;
      var inside = this.byName(this.regions[state.region].countries.filter(function (c) { return present.has(c); }));
      this.fillSelect("region-a", inside); this.fillSelect("region-b", inside);
      if (state.pair) { var both = state.pair.split("-"); set("region-a", both[0]); set("region-b", both[1]); }
    }
  };

  Page.prototype.show = function (state) {
    var whole = this.complete(state || this.defaultState());
    if (typeof whole === "string") {
      this.status.textContent = whole + " Choose again below.";
      this.result.hidden = true;
      delete this.result.dataset.state;
      return;
    }
    this.status.textContent = "";
    this.syncForm(whole);
    this.last = whole;
    this.draw();
  };

  Page.prototype.draw = function () {
    var state = this.last, view = state.mode === "pair" ? this.pairView(state)
      : state.mode === "share" ? this.shareView(state) : this.regionView(state);
    this.result.hidden = false;
    var chart = document.getElementById("explore-chart"), width = chart.clientWidth || 600;
    document.getElementById("explore-heading").textContent = view.heading;
    document.getElementById("explore-summary").textContent = view.summary;
    chart.textContent = "";
    if (view.chart) chart.appendChild(view.chart(width));
    document.getElementById("explore-caption").textContent = view.caption;
    var table = document.getElementById("explore-table");
    table.textContent = "";
    table.appendChild(view.table);
    this.drawFlags(view.flags);
    var link = document.getElementById("explore-link");
    link.textContent = "";
    link.appendChild(document.createTextNode("Link to this view: "));
    var hash = formatHash(state, this.own);
    link.appendChild(el("a", { href: hash }, "explore.html" + hash));
    link.appendChild(document.createTextNode(" (edition " + this.meta.edition + ", version " + this.meta.version + ")"));
    this.result.dataset.state = hash;  // what is shown, for a test or a script to read
  };

  Page.prototype.drawFlags = function (flags) {
    var box = document.getElementById("explore-flags");
    box.textContent = "";
    if (!flags.length) return;
    box.appendChild(el("h3", {}, "Source flags"));
    var list = el("ul");
    flags.forEach(function (f) { list.appendChild(el("li", { "data-kind": f.kind }, f.brief)); });
    box.appendChild(list);
  };

  Page.prototype.marksNote = function (points, codes) {
    var provisional = points.filter(function (p) { return this.flags.provisional.has(p.year); }, this).map(function (p) { return p.year; });
    var parts = [];
    if (provisional.length) parts.push("Hollow points: " + provisional.join(", ") + ", provisional.");
    this.flags.bands(codes).forEach(function (b) {
      parts.push("Shaded: " + b.label.charAt(0).toLowerCase() + b.label.slice(1) + " (" + b.year + ").");
    });
    return parts.join(" ");
  };

  Page.prototype.sourceNote = function () {
    var s = this.source;
    return "Source: " + s.name + (s.counting ? "; counting: " + s.counting : "") + ".";
  };

  Page.prototype.pairView = function (state) {
    var self = this, codes = state.pair.split("-"), a = codes[0], b = codes[1], w = this.words;
    var rows = this.engine.pair(a, b).map(function (r) { return Object.assign({ note: self.flags.note(codes, r.year) }, r); });
    var points = rows.map(function (r) { return { year: r.year, value: r.works }; });
    var last = rows[rows.length - 1];
    var summary = last ? w.name(a) + " and " + w.name(b) + " co-authored " + NUMBER.format(last.works) + " works in " + last.year
      + (this.flags.provisional.has(last.year) ? " (provisional)" : "") + "; the table holds " + rows.length + " years, "
      + rows[0].year + "–" + last.year + "." : "This version's data hold no co-authored works of " + w.pair(a, b) + ".";
    return {
      heading: w.pair(a, b) + ": co-authored works per year",
      summary: summary,
      chart: rows.length ? function (width) {
        return lineChart(points, { width: width, yTitle: "Co-authored works",
                                   format: function (v) { return NUMBER.format(v) + " works"; },
                                   provisional: self.flags.provisional, bands: self.flags.bands(codes),
                                   label: "Co-authored works of " + w.pair(a, b) + " per year. " + summary });
      } : null,
      caption: "Co-authored works of " + w.pair(a, b) + " per year. " + this.marksNote(points, codes) + " " + this.sourceNote(),
      table: dataTable("explore-pair", "Co-authored works of " + w.pair(a, b) + ", by year", [
        { key: "year", label: "Year" },
        { key: "works", label: "Works", numeric: true, text: NUMBER.format },
        { key: "note", label: "Note" },
      ], rows),
      flags: this.flags.about(codes),
    };
  };

  Page.prototype.shareView = function (state) {
    var self = this, c = state.country, p = state.partner, codes = [c, p], w = this.words;
    var affinity = this.meta.affinity.filter(function (e) {
      return e.directed ? e.country === c && e.partner === p
        : (e.country === c && e.partner === p) || (e.country === p && e.partner === c);
    });
    var rows = this.engine.share(c, p).map(function (r) {
      var found = affinity.filter(function (e) { return e.year === r.year; })[0];
      return Object.assign({ note: self.flags.note(codes, r.year), affinity: found ? found.value : null }, r);
    });
    var points = rows.map(function (r) { return { year: r.year, value: r.share_pct }; });
    var last = rows[rows.length - 1];
    var summary = last ? w.name(p) + " was on " + pct(last.share_pct) + "% of " + w.possessive(c)
      + " internationally co-authored works in " + last.year + (this.flags.provisional.has(last.year) ? " (provisional)" : "")
      + " (" + NUMBER.format(last.works) + " of " + (last.works_international === null ? "—" : NUMBER.format(last.works_international)) + ")."
      : "This version's data hold no co-authored works of " + w.pair(c, p) + ".";
    var columns = [
      { key: "year", label: "Year" },
      { key: "share_pct", label: "Share (%)", numeric: true, text: pct },
      { key: "works", label: "Works with " + w.name(p), numeric: true, text: NUMBER.format },
      { key: "works_international", label: w.possessive(c) + " international works", numeric: true,
        text: function (v) { return v === null ? "—" : NUMBER.format(v); } },
    ];
    if (affinity.length) {
      columns.push({ key: "affinity", label: "Affinity index", numeric: true,
                     text: function (v) { return v === null ? "—" : v.toFixed(2); } });
    }
    columns.push({ key: "note", label: "Note" });
    return {
      heading: w.possessive(c) + " international works with " + w.name(p) + ": share per year",
      summary: summary,
      chart: rows.length ? function (width) {
        return lineChart(points, { width: width, yTitle: "Share of " + w.possessive(c) + " international works (%)",
                                   format: function (v) { return pct(v) + "%"; }, provisional: self.flags.provisional,
                                   bands: self.flags.bands(codes), label: "Share of " + w.possessive(c)
                                   + " internationally co-authored works that have " + w.name(p) + ", per year. " + summary });
      } : null,
      caption: "Share of " + w.possessive(c) + " internationally co-authored works that have " + w.name(p)
        + ", per year: works of the pair ÷ the country's international works. " + this.marksNote(points, codes) + " " + this.sourceNote(),
      table: dataTable("explore-share", "Share of " + w.possessive(c) + " international works with " + w.name(p) + ", by year",
                       columns, rows),
      flags: this.flags.about(codes),
    };
  };

  Page.prototype.regionView = function (state) {
    var region = this.regions[state.region], w = this.words, engine = this.engine;
    var ranked = engine.ranking(region.countries, state.year);
    var chosenAt = -1;
    ranked.forEach(function (r, i) { if (state.pair && (r.a + "-" + r.b === state.pair || r.b + "-" + r.a === state.pair)) chosenAt = i; });
    var chosen = chosenAt >= 0 ? ranked[chosenAt] : null;
    var provisional = this.flags.provisional.has(state.year) ? " (provisional)" : "";
    var pairWords = state.pair ? w.pair.apply(w, state.pair.split("-")) : "";
    var summary = chosen ? pairWords + " ranks " + ordinal(chosen.rank) + " of " + NUMBER.format(ranked.length)
      + " pairs of countries in " + region.name + " with co-authored works in " + state.year + provisional + " ("
      + NUMBER.format(chosen.works) + " works)."
      : (state.pair ? pairWords + " has no co-authored works in " + state.year + " in this version's data; " : "")
        + NUMBER.format(ranked.length) + " pairs of countries in " + region.name + " have some.";
    var shown = ranked.slice(0, 10);
    if (chosen && chosenAt >= 10) shown.push(chosen);
    var codes = state.pair ? state.pair.split("-") : [];
    var rows = ranked.map(function (r) {
      return { rank: r.rank, pair: r.a + "-" + r.b, name: w.pair(r.a, r.b), works: r.works };
    });
    var key = chosen ? chosen.a + "-" + chosen.b : null;
    return {
      heading: region.name + ": pairs ranked by co-authored works, " + state.year,
      summary: summary,
      chart: ranked.length ? function (width) {
        return barChart(shown, key, w, { width: width, label: "The leading pairs of countries in " + region.name + " by co-authored works in "
                                         + state.year + ". " + summary });
      } : null,
      caption: "Pairs of the " + region.countries.length + " countries of " + region.name + " ranked by co-authored works in "
        + state.year + provisional + "; ties share the best rank." + (shown.length ? " The chart shows the leading "
        + Math.min(10, ranked.length) + (chosenAt >= 10 ? " and the chosen pair." : ".") : "")
        + " Region: " + region.source + " " + this.sourceNote(),
      table: dataTable("explore-region", "Pairs of countries in " + region.name + " ranked by co-authored works, " + state.year, [
        { key: "rank", label: "Rank" },
        { key: "pair", label: "Pair", text: function (v, r) { return r.name + " (" + v + ")" + (v === key ? " — chosen" : ""); } },
        { key: "works", label: "Works", numeric: true, text: NUMBER.format },
      ], rows, chosenAt),
      flags: this.flags.about(codes).filter(function (f) { return f.subject === f.sourceId ? f.years.indexOf(state.year) >= 0 : true; }),
    };
  };

  // ---- Start -----------------------------------------------------------------------------
  function fromFileShare(status) {
    status.textContent = "";
    status.appendChild(document.createTextNode("Opened from a file share, this explorer cannot read its data (browsers block it there); open the site from a web server, or read the briefing's pages: "));
    status.appendChild(el("a", { href: "index.html" }, "contents"));
    status.appendChild(document.createTextNode("."));
  }

  function fetchBytes(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": HTTP " + response.status);
      return response.arrayBuffer();
    });
  }

  function start() {
    var status = document.getElementById("explore-status"), folder = document.getElementById("main").dataset.explore;
    if (location.protocol === "file:") { fromFileShare(status); return; }
    if (!littleEndian() || !window.fetch || !window.TextDecoder || !window.Map) {
      status.textContent = "This browser cannot run the explorer; the briefing's pages hold every figure's data.";
      return;
    }
    status.textContent = "Loading this version's data…";
    fetch(folder + "meta.json").then(function (response) {
      if (!response.ok) throw new Error("meta.json: HTTP " + response.status);
      return response.json();
    }).then(function (meta) {
      return Promise.all([fetchBytes(folder + meta.tables.pairs), fetchBytes(folder + meta.tables.country_output)]).then(function (tables) {
        var pairs = readColumns(tables[0]), output = readColumns(tables[1]), engines = {};
        meta.sources.forEach(function (source) { engines[source.id] = new Engine(meta, source, pairs, output); });
        var page = new Page(engines, meta);
        page.setUp();
        window.addEventListener("hashchange", function () { page.show(parseHash(location.hash)); });
        var resized = null;
        window.addEventListener("resize", function () {
          clearTimeout(resized);
          resized = setTimeout(function () { if (page.last) page.draw(); }, 150);
        });
        page.show(parseHash(location.hash));
        document.documentElement.dataset.explorer = "ready";
      });
    }).catch(function (error) {
      status.textContent = "The explorer could not read this version's data (" + error.message + "). The briefing's pages hold every figure's data.";
      document.documentElement.dataset.explorer = "failed";
    });
  }

  document.addEventListener("DOMContentLoaded", start);
})();
