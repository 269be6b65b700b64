-- Quarto-style callouts (::: {.callout-note} with an optional first header as title)
-- into a plain structure every output format can show: a Div with classes
-- `callout callout-<kind>` whose first block is a bold title paragraph.

local kinds = { note = "Note", tip = "Tip", warning = "Warning", important = "Important", caution = "Caution" }

function Div(div)
  for _, class in ipairs(div.classes) do
    local kind = class:match("^callout%-(%a+)$")
    if kind and kinds[kind] then
      local title = pandoc.Inlines({ pandoc.Str(kinds[kind]) })
      local body = div.content
      if #body > 0 and body[1].t == "Header" then
        title = body[1].content
        body = pandoc.Blocks({ table.unpack(body, 2) })
      end
      local heading = pandoc.Div({ pandoc.Para({ pandoc.Strong(title) }) }, { class = "callout-title" })
      local content = pandoc.Div(body, { class = "callout-body" })
      return pandoc.Div({ heading, content }, { class = "callout callout-" .. kind, role = "note" })
    end
  end
end
