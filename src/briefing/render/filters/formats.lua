-- Blocks that differ between the web and print, in Quarto's own syntax where it has one:
--   ::: {.content-visible when-format="html"}   kept in HTML, dropped elsewhere (Quarto does the same)
--   ::: {.content-hidden when-format="html"}    dropped in HTML, kept elsewhere
--   ::: {.fold summary="Show ..."}              in HTML a native <details> element, closed, with that
--                                               summary (keyboard and screen-reader accessible, no script);
--                                               in print its content in full.

local function is_html()
  return FORMAT:match("html") ~= nil
end

local function escape(text)
  return (text:gsub("&", "&amp;"):gsub("<", "&lt;"):gsub(">", "&gt;"):gsub('"', "&quot;"))
end

function Div(div)
  local when = div.attributes["when-format"]
  if div.classes:includes("content-visible") and when then
    return (when == "html") == is_html() and div.content or {}
  end
  if div.classes:includes("content-hidden") and when then
    return (when == "html") == is_html() and {} or div.content
  end
  if div.classes:includes("fold") then
    if not is_html() then
      return div.content
    end
    local summary = div.attributes["summary"] or "Show"
    local out = pandoc.Blocks({ pandoc.RawBlock("html", '<details class="fold"><summary>' .. escape(summary) .. "</summary>") })
    out:extend(div.content)
    out:insert(pandoc.RawBlock("html", "</details>"))
    return out
  end
end
