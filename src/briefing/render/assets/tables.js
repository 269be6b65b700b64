// Long tables (marked by the html_tables.lua filter): folded to their first rows with a
// button to show them all, and a box that keeps the rows containing what is typed.
// Without scripts the whole table shows; in print every row does (briefing.css).
(function () {
  var SHOWN = 8;

  function setUp(wrap, index) {
    var table = wrap.querySelector("table");
    var body = table && table.tBodies[0];
    if (!body) return;
    var rows = Array.prototype.slice.call(body.rows);
    var tools = document.createElement("div");
    tools.className = "table-tools";
    var id = "table-filter-" + index;
    tools.innerHTML =
      '<label for="' + id + '">Filter rows</label>' +
      '<input type="search" id="' + id + '" autocomplete="off">' +
      '<button type="button" aria-expanded="false"></button>' +
      '<span class="count" aria-live="polite"></span>';
    wrap.parentNode.insertBefore(tools, wrap);
    var input = tools.querySelector("input");
    var button = tools.querySelector("button");
    var count = tools.querySelector(".count");
    input.setAttribute("aria-controls", table.id || "");
    var open = false;

    function update() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var matching = 0;
      rows.forEach(function (row) {
        var text = row.textContent.toLowerCase();
        var hit = words.every(function (w) { return text.indexOf(w) !== -1; });
        row.classList.toggle("filtered", !hit);
        if (hit) {
          matching += 1;
          row.classList.toggle("folded", !open && !words.length && matching > SHOWN);
        } else {
          row.classList.remove("folded");
        }
      });
      var folded = !open && !words.length && matching > SHOWN;
      button.hidden = words.length > 0 || rows.length <= SHOWN;
      button.textContent = open ? "Show fewer rows" : "Show all " + rows.length + " rows";
      button.setAttribute("aria-expanded", String(open));
      count.textContent = words.length ? matching + " of " + rows.length + " rows"
        : folded ? SHOWN + " of " + rows.length + " rows shown" : "";
    }

    input.addEventListener("input", update);
    button.addEventListener("click", function () { open = !open; update(); });
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".table-wrap.long-table").forEach(setUp);
  });
})();
