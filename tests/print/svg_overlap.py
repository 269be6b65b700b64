"""Overlap on an exported chart SVG, measured by Chromium: each text's bounding box (its
rendered glyphs, in the SVG's own coordinates) must not intersect another text, the plotted
lines and rules it could be read against, or the data points; and it must stay inside the
SVG. Axis grid lines, ticks and domains are not obstacles (labels sit on them by design).

Vega's SVG names every mark group by type and role (`mark-line role-mark`,
`mark-text role-axis-label`, ...): the roles decide what is an obstacle."""

from __future__ import annotations

from pathlib import Path

from briefing.charts.placement import Rect

MEASURE = """(selector) => {
  const root = document.querySelector(selector || '#host svg');
  const toRoot = (el, x, y) => {
    const p = new DOMPoint(x, y).matrixTransform(el.getCTM());
    const r = root.getCTM().inverse();
    const q = p.matrixTransform(r);
    return [q.x, q.y];
  };
  const box = (el) => {
    const b = el.getBBox();
    const corners = [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]]
      .map(([x, y]) => toRoot(el, x, y));
    const xs = corners.map(c => c[0]), ys = corners.map(c => c[1]);
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  };
  const role = (el) => {
    const g = el.closest('g[class*="mark-"]');
    return g ? g.getAttribute('class') : '';
  };
  const texts = Array.from(root.querySelectorAll('text'))
    .filter(t => t.textContent.trim() && getComputedStyle(t).display !== 'none' && t.getAttribute('opacity') !== '0')
    .map(t => ({text: t.textContent, role: role(t), box: box(t),
                halo: (t.getAttribute('stroke') || 'none') !== 'none',
                axis: (t.closest('g.role-axis') || {getAttribute: () => null}).getAttribute('aria-label')}));
  const lines = [];
  root.querySelectorAll('g.mark-line.role-mark path, g.mark-trail.role-mark path').forEach(p => {
    const n = p.getTotalLength();
    const points = [];
    for (let i = 0; i <= 200; i++) {
      const q = p.getPointAtLength(n * i / 200);
      points.push(toRoot(p, q.x, q.y));
    }
    lines.push({role: role(p), points, label: p.getAttribute('aria-label') || ''});
  });
  root.querySelectorAll('g.mark-rule.role-mark line, g.mark-rule.role-mark path').forEach(l => {
    const b = l.getBBox();
    lines.push({role: role(l), points: [toRoot(l, b.x, b.y), toRoot(l, b.x + b.width, b.y + b.height)]});
  });
  const symbols = Array.from(root.querySelectorAll('g.mark-symbol.role-mark path'))
    .filter(p => p.getAttribute('opacity') !== '0')
    .map(p => ({role: role(p), box: box(p)}));
  const vb = root.viewBox.baseVal;
  return {width: vb.width || root.width.baseVal.value, height: vb.height || root.height.baseVal.value,
          texts, lines, symbols};
}"""
PAD = 0.5  # px of tolerance: boxes touching by antialiasing do not count


def _box(values, pad: float = PAD) -> Rect:
    """A measured box, shrunk by `pad` so boxes that merely touch do not count."""
    x0, y0, x1, y1 = values
    return Rect(x0 + pad, y0 + pad, x1 - pad, y1 - pad)


def measure(page, svg_path: Path) -> dict:
    """Lay the SVG out in `page` (a Playwright page) and measure its texts, lines and points."""
    page.set_content(f'<html><body style="margin:0"><div id="host">{svg_path.read_text(encoding="utf-8")}</div></body></html>')
    return page.evaluate(MEASURE, None)


def measure_live(page, selector: str) -> dict:
    """The same measures of a chart Vega drew in a page (`selector` names its SVG)."""
    return page.evaluate(MEASURE, selector)


def problems(measured: dict) -> list[str]:
    """Every overlap in a measured chart, described for a reader."""
    found = []
    seen, texts = set(), []
    for t in measured["texts"]:
        key = (t["text"], tuple(round(v, 1) for v in t["box"]))
        if key in seen:  # a halo drawn under its own text
            continue
        seen.add(key)
        texts.append((t, _box(t["box"])))
    canvas = Rect(-PAD, -PAD, measured["width"] + PAD, measured["height"] + PAD)
    for i, (t, box) in enumerate(texts):
        if not (box.x0 >= canvas.x0 and box.y0 >= canvas.y0 and box.x1 <= canvas.x1 and box.y1 <= canvas.y1):
            found.append(f"text {t['text']!r} runs out of the chart ({_fmt(box)} in {measured['width']:.0f}"
                         f"x{measured['height']:.0f})")
        for u, other in texts[i + 1:]:
            if box.meets(other):
                found.append(f"text {t['text']!r} overlaps text {u['text']!r}")
        for line in measured["lines"]:
            points = line["points"]
            if any(box.crossed_by(a, b) for a, b in zip(points, points[1:], strict=False)):
                found.append(f"text {t['text']!r} lies on a plotted line ({line['role']})")
                break
        for symbol in measured["symbols"]:
            if box.meets(_box(symbol["box"])):
                found.append(f"text {t['text']!r} lies on a data point")
                break
    return found


def _fmt(box: Rect) -> str:
    return f"{box.x0:.0f},{box.y0:.0f}-{box.x1:.0f},{box.y1:.0f}"


ATTACHED = 40  # px: the most a line's name may stand from its last point (a map sets names around the dot)
ORIGIN_GAP = 8  # px: the least room between labels of the two axes


def detached_labels(measured: dict) -> list[str]:
    """Names of lines drawn away from their line's end: a text of the chart's own marks equal to
    a value its line carries (the line's SVG names its first point's fields, "Country: Japan;
    ...") that stands more than ATTACHED px from that line's last point."""
    found = []
    for t in measured["texts"]:
        if "role-mark" not in t["role"] or not t["text"].strip():
            continue
        name = t["text"].strip()
        if name.replace(".", "").isdigit():  # a year or a value, not a line's name
            continue
        ends = [line["points"][-1] for line in measured["lines"] if "role-mark" in line["role"] and
                any(part.split(": ", 1)[-1] == name for part in line.get("label", "").split("; "))]
        if ends and min(_distance(_box(t["box"], 0), end) for end in ends) > ATTACHED:
            found.append(f"label {name!r} stands away from its line's end")
    return found


def crowded_origin(measured: dict) -> list[str]:
    """Labels of the x axis and of the y axis that nearly meet, as '0' and '2015' at an origin
    would: boxes less than ORIGIN_GAP px apart."""
    x_labels = [t for t in measured["texts"] if "axis-label" in t["role"] and (t["axis"] or "").startswith("X")]
    y_labels = [t for t in measured["texts"] if "axis-label" in t["role"] and (t["axis"] or "").startswith("Y")]
    found = []
    for a in x_labels:
        for b in y_labels:
            gap = _box_distance(_box(a["box"], 0), _box(b["box"], 0))
            if gap < ORIGIN_GAP:
                found.append(f"axis labels {a['text']!r} and {b['text']!r} meet ({gap:.0f} px apart)")
    return found


def _box_distance(a: Rect, b: Rect) -> float:
    dx = max(a.x0 - b.x1, b.x0 - a.x1, 0.0)
    dy = max(a.y0 - b.y1, b.y0 - a.y1, 0.0)
    return (dx * dx + dy * dy) ** 0.5


def _distance(box: Rect, point) -> float:
    x, y = point
    dx = max(box.x0 - x, 0.0, x - box.x1)
    dy = max(box.y0 - y, 0.0, y - box.y1)
    return (dx * dx + dy * dy) ** 0.5
