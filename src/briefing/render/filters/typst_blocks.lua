-- Typst only: source notes as small grey text under their figure or table, and
-- callouts (after callouts.lua) as tinted boxes.

local function wrap(open, blocks, close)
  local out = pandoc.Blocks({ pandoc.RawBlock("typst", open) })
  out:extend(blocks)
  out:insert(pandoc.RawBlock("typst", close))
  return out
end

function Div(div)
  if div.classes:includes("source-note") then
    return wrap("#block(above: 0.5em, below: 1.3em)[#set text(7.5pt, fill: luma(85))", div.content, "]")
  end
  if div.classes:includes("callout") then
    return wrap('#block(fill: rgb("#e8f0fb"), inset: 9pt, radius: 3pt, width: 100%, stroke: (left: 2.5pt + rgb("#0b5394")))[',
      div.content, "]")
  end
end
