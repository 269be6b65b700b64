-- HTML only: every table in a box of its own that scrolls sideways when the table is wider
-- than the column (keyboard users reach it: it is focusable and named by its caption), so
-- the page itself never does. A long table is marked for assets/tables.js, which folds it
-- to its first rows and adds a filter box; without scripts it shows whole.

local LONG = 15 -- rows

local function rows(tbl)
  local n = 0
  for _, body in ipairs(tbl.bodies) do
    n = n + #body.body
  end
  return n
end

function Table(tbl)
  local name = pandoc.utils.stringify(tbl.caption.long)
  if name == "" then
    name = "Table"
  end
  local classes = { "table-wrap" }
  local attributes = { tabindex = "0", role = "region", ["aria-label"] = name }
  if rows(tbl) > LONG then
    table.insert(classes, "long-table")
    attributes["data-rows"] = tostring(rows(tbl))
  end
  return pandoc.Div({ tbl }, pandoc.Attr("", classes, attributes))
end
