// Render every inline Vega-Lite spec with the local bundle (assets/vega.js), drawn for the room
// its container has. A chart is built for several frames (briefing.charts.frames): the spec is the
// wide one, and `usermeta.briefing.variants` holds the narrower ones, each with the width it was
// drawn for. The widest that fits the container is rendered, so text keeps its size on a phone
// and the chart reflows instead of shrinking; it is drawn again when the room changes (a phone
// turned). The static SVG stays in place until the interactive chart has rendered, and stays for
// good if it cannot (no script, old browser).
(function () {
  // The spec drawn for the widest frame no wider than `room` px, else for the narrowest; a
  // variant takes the wide spec's datasets (charts.export keeps each shared one once).
  function fitting(spec, room) {
    var meta = spec.usermeta && spec.usermeta.briefing;
    if (!meta || !meta.variants) return { spec: spec, frame: "wide" };
    var frames = [{ frame: meta.frame, width: meta.width, spec: spec }].concat(meta.variants);
    frames.sort(function (a, b) { return b.width - a.width; });
    var chosen = frames.filter(function (f) { return f.width <= room; })[0] || frames[frames.length - 1];
    if (chosen.spec === spec) return { spec: spec, frame: chosen.frame };
    var variant = Object.assign({}, chosen.spec);
    variant.datasets = Object.assign({}, spec.datasets || {}, chosen.spec.datasets || {});
    return { spec: variant, frame: chosen.frame };
  }

  function render(container) {
    var script = container.querySelector("script.vl-spec");
    var fallback = container.querySelector("img.chart-fallback");
    if (!script || typeof window.vegaEmbed !== "function") return;
    var chosen = fitting(JSON.parse(script.textContent), container.clientWidth);
    if (container.dataset.frame === chosen.frame) return;
    container.dataset.frame = chosen.frame;
    var spec = chosen.spec;
    var alt = container.dataset.alt || (fallback && fallback.alt);
    if (alt) {
      container.dataset.alt = alt;
      spec.description = alt;
    }
    var target = document.createElement("div");
    target.className = "chart-live";
    window.vegaEmbed(target, spec, {
      renderer: "svg",
      actions: { export: true, source: false, compiled: false, editor: false },
    }).then(function () {
      var old = container.querySelector(".chart-live");
      if (old) old.remove();
      container.insertBefore(target, container.firstChild);
      container.classList.add("is-live");
      if (fallback) fallback.remove();
      // vega-embed's menu button is an icon only: give it a name screen readers can say.
      var menu = target.querySelector("details > summary");
      if (menu) menu.setAttribute("aria-label", "Chart actions: save as SVG or PNG");
    }).catch(function (error) {
      delete container.dataset.frame;
      container.classList.add("is-static");
      console.warn("chart left static:", error);
    });
  }

  function renderAll() {
    document.querySelectorAll(".chart[data-chart]").forEach(render);
  }

  document.addEventListener("DOMContentLoaded", function () {
    renderAll();
    var pending = null;
    window.addEventListener("resize", function () {
      clearTimeout(pending);
      pending = setTimeout(renderAll, 200);
    });
  });
})();
