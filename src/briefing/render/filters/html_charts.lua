-- HTML only: a figure whose image carries `vl-spec` becomes an interactive chart
-- container holding the Vega-Lite spec inline (no fetch: works from file://) with
-- the static SVG inside as the fallback until, or unless, the chart renders.

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

function Figure(fig)
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
  fig.content = { pandoc.RawBlock("html", html) }
  return fig
end
