// Render every inline Vega-Lite spec with the local bundle (assets/vega.js).
// The static SVG stays in place until the interactive chart has rendered, and
// stays for good if it cannot (no script, old browser).
(function () {
  // Small multiples wrap into fewer columns when their container is narrower than the grid,
  // so each panel keeps its size (and its labels their size) on a phone.
  function fitColumns(spec, width) {
    if (!spec.columns || !spec.spec || typeof spec.spec.width !== "number") return spec;
    var gap = (spec.spacing && (spec.spacing.column || spec.spacing)) || 20;
    var axis = 60;  // room for the y axis of the first column
    var fits = Math.max(1, Math.floor((width - axis + gap) / (spec.spec.width + gap)));
    if (fits < spec.columns) {
      spec.columns = fits;
      var room = fits * (spec.spec.width + gap) + axis;
      if (spec.title) spec.title = wrapTitle(spec.title, room);
    }
    return spec;
  }

  // A title (and subtitle) broken into lines no wider than `width` px (about 0.6 em a character).
  function wrapTitle(title, width) {
    var wrap = function (text, size) {
      if (typeof text !== "string") return text;
      var perLine = Math.max(12, Math.floor(width / (0.6 * size))), lines = [], line = "";
      text.split(" ").forEach(function (word) {
        if (line && (line + " " + word).length > perLine) { lines.push(line); line = word; }
        else line = line ? line + " " + word : word;
      });
      if (line) lines.push(line);
      return lines;
    };
    if (typeof title === "string") return wrap(title, 14);
    var out = Object.assign({}, title);
    out.text = wrap(title.text, title.fontSize || 14);
    if (Array.isArray(title.subtitle)) {
      out.subtitle = [].concat.apply([], title.subtitle.map(function (t) { return wrap(t, title.subtitleFontSize || 12); }));
    }
    return out;
  }

  function render(container) {
    var script = container.querySelector("script.vl-spec");
    var fallback = container.querySelector("img.chart-fallback");
    if (!script || typeof window.vegaEmbed !== "function") return;
    var spec = fitColumns(JSON.parse(script.textContent), container.clientWidth);
    if (fallback && fallback.alt) spec.description = fallback.alt;
    var target = document.createElement("div");
    target.className = "chart-live";
    container.insertBefore(target, container.firstChild);
    window.vegaEmbed(target, spec, {
      renderer: "svg",
      actions: { export: true, source: false, compiled: false, editor: false },
    }).then(function () {
      container.classList.add("is-live");
      if (fallback) fallback.remove();
      // vega-embed's menu button is an icon only: give it a name screen readers can say.
      var menu = target.querySelector("details > summary");
      if (menu) menu.setAttribute("aria-label", "Chart actions: save as SVG or PNG");
    }).catch(function (error) {
      target.remove();
      container.classList.add("is-static");
      console.warn("chart left static:", error);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".chart[data-chart]").forEach(render);
  });
})();
