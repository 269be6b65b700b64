// Site search: the box in the header finds chapters, sections, figures and tables by any
// word of their title, caption, alt text or text. The index (search-index.js, written by
// briefing.render.search) and lunr (lunr.min.js, from npm) load as scripts the first time
// the box is used, so search works offline and from a file share. Without scripts the box
// stays hidden.
(function () {
  var KINDS = { chapter: "Chapter", section: "Section", figure: "Figure", table: "Table" };
  // Words split at white space, hyphens and dashes (en dash in "China–Hong Kong", the minus
  // sign) and slashes, in the index and in what is typed alike: "Hong Kong" finds
  // "China–Hong Kong", "NSPM" and "NSPM-33" find "NSPM-33 (US)".
  var SEPARATOR = /[\s\-\u2010-\u2015\u2212\/]+/;
  var MAX = 12;
  var index = null, docs = null, loading = null;

  function load(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(script);
    });
  }

  function ready(base) {
    if (!loading) {
      loading = Promise.all([load(base + "assets/lunr.min.js"), load(base + "search-index.js")]).then(function () {
        docs = window.BRIEFING_SEARCH.docs;
        window.lunr.tokenizer.separator = SEPARATOR;
        index = window.lunr(function () {
          this.ref("i");
          this.field("title", { boost: 5 });
          this.field("text");
          docs.forEach(function (doc, i) { this.add({ i: String(i), title: doc.title, text: doc.text }); }, this);
        });
      });
    }
    return loading;
  }

  function find(words) {
    var terms = window.lunr.tokenizer(words).map(String).filter(Boolean);
    if (!terms.length) return [];
    return index.query(function (q) {
      terms.forEach(function (term) {
        q.term(term, { boost: 10, presence: window.lunr.Query.presence.REQUIRED });
      });
    }).concat(index.query(function (q) {
      terms.forEach(function (term) {
        q.term(term, { wildcard: window.lunr.Query.wildcard.TRAILING, presence: window.lunr.Query.presence.REQUIRED });
      });
    }));
  }

  function show(results, box, words) {
    box.textContent = "";
    if (!words.trim()) return;
    var seen = {}, list = document.createElement("ol");
    results.forEach(function (hit) {
      if (seen[hit.ref] || list.children.length >= MAX) return;
      seen[hit.ref] = true;
      var doc = docs[Number(hit.ref)];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = doc.page + (doc.anchor ? "#" + doc.anchor : "");
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = KINDS[doc.kind] + " · " + doc.chapter;
      link.appendChild(kind);
      link.appendChild(document.createTextNode(doc.title || doc.text.slice(0, 120)));
      item.appendChild(link);
      list.appendChild(item);
    });
    if (list.children.length) {
      box.appendChild(list);
    } else {
      var none = document.createElement("p");
      none.textContent = "Nothing found for “" + words.trim() + "”.";
      box.appendChild(none);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector(".site-search");
    if (!form) return;
    var input = form.querySelector("input");
    var box = form.querySelector(".search-results");
    var base = form.getAttribute("data-base") || "";
    form.hidden = false;
    var run = function () {
      ready(base).then(function () { show(find(input.value), box, input.value); })
        .catch(function (error) { console.warn("search unavailable:", error); });
    };
    input.addEventListener("focus", function () { ready(base).catch(function () {}); });
    input.addEventListener("input", run);
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { input.value = ""; box.textContent = ""; }
    });
  });
})();
