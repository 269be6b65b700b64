-- HTML only: a figure whose image carries `vl-spec` becomes an interactive chart
-- container holding the Vega-Lite spec inline (no fetch: works from file://) with
-- the static SVG inside as the fallback until, or unless, the chart renders.
-- In a published version, a figure named in the metadata `explore-links` (label ->
-- href, text; briefing.report.explore_links) also links to the explorer below its chart.

local function read(path)
  local handle = io.open(path, "r")
  if not handle then
    error("figure spec not found: " .. path)
  end
  local text = handle:read("a")
  handle:close()
  return text
end

local function escape_attr(text)
  return (text:gsub("&", "&amp;"):gsub('"', "&quot;"):gsub("<", "&lt;"):gsub(">", "&gt;"))
end

local explore = {}

local function read_links(meta)
  for label, link in pairs(meta["explore-links"] or {}) do
    explore[label] = { href = pandoc.utils.stringify(link.href), text = pandoc.utils.stringify(link.text) }
  end
end

local function explore_link(label)
  local link = explore[label]
  if not link then
    return ""
  end
  return string.format('<p class="explore-link"><a href="%s">%s</a></p>', escape_attr(link.href), escape_attr(link.text))
end

local function figure(fig)
  local image = nil
  pandoc.walk_block(fig, { Image = function(img) image = image or img end })
  if not image or not image.attributes["vl-spec"] then
    return nil
  end
  -- Every "<" of the JSON (it can only stand inside strings) as \u003c: no text from
  -- the data can close the script element or open a comment inside it.
  local spec = read(image.attributes["vl-spec"]):gsub("<", "\\u003c")
  local alt = image.attributes["fig-alt"] or pandoc.utils.stringify(image.caption)
  local html = string.format(
    '<div class="chart" data-chart="%s">' ..
      '<img class="chart-fallback" src="%s" alt="%s" loading="lazy">' ..
      '<script type="application/json" class="vl-spec">%s</script>' ..
    '</div>',
    escape_attr(fig.identifier), escape_attr(image.src), escape_attr(alt), spec)
  fig.content = { pandoc.RawBlock("html", html .. explore_link(fig.identifier)) }
  return fig
end

-- The metadata first (a filter's Meta runs after its blocks), then the figures.
return { { Meta = read_links }, { Figure = figure } }
