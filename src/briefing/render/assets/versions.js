// What a published version learns when it is read, from versions.json at the site's root
// (written at every publish; the version's own files never change): an older version shows
// "A newer version of this edition exists: version N" linking to it, and every version lists
// the other editions of its series. The page names its edition, version and the way up to the
// site's root in <meta name="briefing-..."> tags. Without versions.json (a page opened from a
// file, a host that lacks it) nothing is shown. Text is set as text, never as markup.
(function () {
  function meta(name) {
    var tag = document.querySelector('meta[name="' + name + '"]');
    return tag ? tag.getAttribute("content") : null;
  }

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function banner(root, newest) {
    var box = document.createElement("div");
    box.className = "version-banner";
    box.setAttribute("role", "note");
    var p = document.createElement("p");
    p.appendChild(document.createTextNode("A newer version of this edition exists: "));
    p.appendChild(link(root + newest.path + "index.html", "version " + newest.version));
    box.appendChild(p);
    return box;
  }

  function otherEditions(root, series, own) {
    var others = series.editions.filter(function (e) { return e.edition !== own; });
    if (!others.length) return null;
    var nav = document.createElement("nav");
    nav.className = "series-editions";
    nav.setAttribute("aria-label", "Other editions of this series");
    var p = document.createElement("p");
    p.appendChild(document.createTextNode("Other editions of this series: "));
    others.forEach(function (e, i) {
      var newest = e.versions[e.versions.length - 1];
      if (i) p.appendChild(document.createTextNode(", "));
      p.appendChild(link(root + newest.path + "index.html", e.edition));
      p.appendChild(document.createTextNode(" (data " + e.window.start + "\u2013" + e.window.end + ")"));
    });
    nav.appendChild(p);
    return nav;
  }

  function show(data, root, edition, version) {
    var place = document.querySelector("main") || document.body;
    (data.series || []).forEach(function (series) {
      series.editions.forEach(function (e) {
        if (e.edition !== edition) return;
        var nav = otherEditions(root, series, edition);
        if (nav) place.insertBefore(nav, place.firstChild);
        var newest = e.versions[e.versions.length - 1];
        if (newest.version > version) place.insertBefore(banner(root, newest), place.firstChild);
      });
    });
  }

  var edition = meta("briefing-edition"), version = Number(meta("briefing-version")), root = meta("briefing-site-root");
  if (!edition || !version || root === null) return;
  var done = function () { document.documentElement.setAttribute("data-versions", "read"); };
  if (!window.fetch || location.protocol === "file:") return done();
  fetch(root + "versions.json", { cache: "no-cache" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) { if (data) show(data, root, edition, version); })
    .catch(function () {})
    .then(done);
})();
