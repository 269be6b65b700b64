-- HTML only: every table in a box of its own that scrolls sideways when the table is wider
-- than the column (keyboard users reach it: it is focusable and named by its caption), so
-- the page itself never does. A long table is marked for assets/tables.js, which folds it
-- to its first rows and adds a filter box; without scripts it shows whole. Header words are
-- never broken.

local LONG = 15 -- rows

local function rows(tbl)
  local n = 0
  for _, body in ipairs(tbl.bodies) do
    n = n + #body.body
  end
  return n
end

-- A header word with a dash or slash in it ("2003–2022", "cross-checked") is kept on one
-- line: headers wrap between words only.
local function whole_words(cell)
  return pandoc.walk_block(pandoc.Div(cell.contents), {
    Str = function(str)
      if str.text:find("[%-/]") or str.text:find("\u{2013}") then
        return pandoc.Span({ str }, pandoc.Attr("", { "nowrap" }))
      end
    end,
  }).content
end

function Table(tbl)
  for _, row in ipairs(tbl.head.rows) do
    for _, cell in ipairs(row.cells) do
      cell.contents = whole_words(cell)
    end
  end
  local name = pandoc.utils.stringify(tbl.caption.long)
  if name == "" then
    name = "Table"
  end
  -- Attributes as a list of pairs: their order, and so the page's bytes, never varies.
  local classes = { "table-wrap" }
  local attributes = { { "tabindex", "0" }, { "role", "region" }, { "aria-label", name } }
  if rows(tbl) > LONG then
    table.insert(classes, "long-table")
    table.insert(attributes, { "data-rows", tostring(rows(tbl)) })
  end
  return pandoc.Div({ tbl }, pandoc.Attr("", classes, attributes))
end
