// Render every inline Vega-Lite spec with the local bundle (assets/vega.js).
// The static SVG stays in place until the interactive chart has rendered, and
// stays for good if it cannot (no script, old browser).
(function () {
  function render(container) {
    var script = container.querySelector("script.vl-spec");
    var fallback = container.querySelector("img.chart-fallback");
    if (!script || typeof window.vegaEmbed !== "function") return;
    var spec = JSON.parse(script.textContent);
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
