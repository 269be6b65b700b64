-- One text, two media: a span or div marked `.web-only` (what the browser alone can do:
-- hover, filter, click) is left out of print, and one marked `.print-only` out of the web.
-- Chapters write `[in the browser, the drop-down keeps one jurisdiction]{.web-only}`.

local printing = FORMAT:match("typst") or FORMAT:match("latex") or FORMAT:match("pdf")
local dropped = printing and "web-only" or "print-only"

local function keep(element)
  if element.classes:includes(dropped) then
    return {}
  end
end

return { { Span = keep, Div = keep } }
