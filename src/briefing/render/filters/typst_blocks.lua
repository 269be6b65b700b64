-- Typst only: what print needs that the web does not.
--   * A figure's source note goes inside the figure, under its caption, so the two stay
--     together; figures never float: each stands in its section's flow, and the text after it
--     may move ahead of it to fill a page (house-figure-run in house.typ).
--   * A table's source note stays as small grey text under the table.
--   * Callouts (after callouts.lua) become tinted boxes.
--   * A chapter (a level-1 heading) starts a page, with its title at the top. The break stands before the heading, not in its show rule,
--     so the heading is located on its own page and the contents give the right page number.
--   * A long word with no space (a finding id, a query string) gets break opportunities after
--     its punctuation, as a row of boxes: it wraps inside its column or the margin, and its
--     text copies out of the PDF unchanged (no soft hyphen, no zero-width space).

local LONG = 24 -- characters: longer words get break opportunities
local SHORT_TABLE = 8 -- body rows: a table this short never breaks across pages

local function wrap(open, blocks, close)
  local out = pandoc.Blocks({ pandoc.RawBlock("typst", open) })
  out:extend(blocks)
  out:insert(pandoc.RawBlock("typst", close))
  return out
end

local NOTE_OPEN = "#block(above: 0.5em, below: 1.3em)[#set text(7.5pt, fill: luma(85))"
local NOTE_IN_FIGURE = "#block(above: 0.45em, below: 0pt)[#set text(7.5pt, fill: luma(85))"

local function is_note(block)
  return block and block.t == "Div" and block.classes:includes("source-note")
end

-- Break a word after its punctuation into pieces of at most LONG characters where it can.
local function pieces(text)
  local out, current = {}, ""
  for _, code in utf8.codes(text) do
    local char = utf8.char(code)
    current = current .. char
    if char:match("[%./_,&=:;|%-]") and utf8.len(current) >= 4 then
      table.insert(out, current)
      current = ""
    end
  end
  if current ~= "" then
    table.insert(out, current)
  end
  return out
end

local function typst_string(text)
  return '"' .. text:gsub("\\", "\\\\"):gsub('"', '\\"') .. '"'
end

local function boxes(text, as_code)
  local parts = pieces(text)
  if #parts < 2 then
    return nil
  end
  local out = {}
  for _, part in ipairs(parts) do
    local body = typst_string(part)
    if as_code then
      body = "raw(" .. body .. ")"
    end
    table.insert(out, "#box(" .. body .. ")")
  end
  return pandoc.RawInline("typst", table.concat(out))
end

local function Str(str)
  if utf8.len(str.text) and utf8.len(str.text) > LONG then
    return boxes(str.text, false)
  end
end

local function Code(code)
  if utf8.len(code.text) and utf8.len(code.text) > LONG and not code.text:find("%s") then
    return boxes(code.text, true)
  end
end

local function Header(header)
  if header.level == 1 then
    return { pandoc.RawBlock("typst", "#pagebreak(weak: true)"), header }
  end
end

local function Div(div)
  if div.classes:includes("source-note") then
    return wrap(NOTE_OPEN, div.content, "]")
  end
  if div.classes:includes("callout") then
    return wrap('#block(breakable: false, fill: rgb("#e8f0fb"), inset: 9pt, radius: 3pt, width: 100%, stroke: (left: 2.5pt + rgb("#0b5394")))[',
      div.content, "]")
  end
end

local function body_rows(tbl)
  local rows = 0
  for _, body in ipairs(tbl.bodies) do
    rows = rows + #body.body
  end
  return rows
end

local KEEP = 2 -- body rows: a table that breaks across pages keeps at least this many on each page
local HIDDEN = pandoc.Attr("", {}, { { "typst:inset", "0pt" } })

local function hidden_cell(rows)
  return pandoc.Cell({}, pandoc.AlignDefault, rows, 1, HIDDEN)
end

-- A long table in print (its rows never split across pages: house.typ) gets a last column of no
-- width whose cells hold nothing: one spans its first KEEP body rows, one its last KEEP rows and
-- its source note, which becomes the table's last row, so those rows stay on one page together
-- and no page holds a single row of it or its note alone. Its header repeats on every page.
local function long_table(tbl, note)
  local columns = #tbl.colspecs
  tbl.colspecs:insert({ pandoc.AlignDefault, 0 })
  for _, row in ipairs(tbl.head.rows) do
    row.cells:insert(hidden_cell(1))
  end
  local rows = tbl.bodies[1].body
  local last = tbl.bodies[#tbl.bodies].body
  if note then
    local cell = pandoc.Cell(wrap(NOTE_IN_FIGURE, note.content, "]"), pandoc.AlignDefault, 1, columns,
      pandoc.Attr("", {}, { { "typst:stroke", "none" } }))
    last:insert(pandoc.Row({ cell }))
  end
  local tail = KEEP + (note and 1 or 0)
  for index, row in ipairs(rows) do
    if index == 1 then
      row.cells:insert(hidden_cell(KEEP))
    elseif index > KEEP and (rows ~= last or index <= #rows - tail) then
      row.cells:insert(hidden_cell(1))
    end
  end
  if rows ~= last then
    for index, row in ipairs(last) do
      if index <= #last - tail then
        row.cells:insert(hidden_cell(1))
      end
    end
  end
  last[#last - tail + 1].cells:insert(hidden_cell(tail))
  return tbl
end

-- Blocks a figure may let go ahead of it (house-figure-run, house.typ): text, never a heading,
-- a table or another figure, so the figure stays in its section and out of tables.
local function movable(block)
  if block == nil then
    return false
  end
  if block.t == "Div" then
    return not is_note(block)
  end
  return block.t == "Para" or block.t == "Plain" or block.t == "BulletList" or block.t == "OrderedList"
    or block.t == "BlockQuote" or block.t == "DefinitionList"
end

local function content_array(blocks)
  local out = pandoc.Blocks({ pandoc.RawBlock("typst", "(") })
  for _, block in ipairs(blocks) do
    out:extend(wrap("[", { block }, "],"))
  end
  out:insert(pandoc.RawBlock("typst", ")"))
  return out
end

-- A figure and the movable blocks before and after it in its section, for the house template
-- to lay out (house-figure-run); `heading`: the run follows its section's heading directly.
local function figure_run(before, figure, after, heading)
  local out = pandoc.Blocks({ pandoc.RawBlock("typst", "#house-figure-run(") })
  out:extend(content_array(before))
  out:extend(wrap(", [", { figure }, "], "))
  out:extend(content_array(after))
  out:insert(pandoc.RawBlock("typst", heading and ", heading: true)" or ")"))
  return out
end

-- A figure followed by its source note: the note joins the caption, so they stay together; the
-- figure then takes the text of its section that follows it (figure_run). A short table and its
-- source note are kept on one page; a long one breaks between rows, its caption kept with its
-- first rows and its header repeated (briefing.typ).
local function Blocks(blocks)
  local out = pandoc.Blocks({})
  local i = 1
  while i <= #blocks do
    local block = blocks[i]
    if block.t == "Table" and body_rows(block) <= SHORT_TABLE then
      local kept = pandoc.Blocks({ block })
      if is_note(blocks[i + 1]) then
        kept:insert(blocks[i + 1])
        i = i + 1
      end
      out:extend(wrap("#block(breakable: false, width: 100%)[", kept, "]"))
      i = i + 1
    elseif block.t == "Table" then
      local note = is_note(blocks[i + 1]) and blocks[i + 1] or nil
      out:insert(long_table(block, note))
      i = i + (note and 2 or 1)
    elseif block.t == "Figure" then
      if is_note(blocks[i + 1]) then
        local caption = block.caption
        caption.long:extend(wrap(NOTE_IN_FIGURE, blocks[i + 1].content, "]"))
        block.caption = caption
        i = i + 1
      end
      local before, after = {}, {}
      while movable(out[#out]) do
        table.insert(before, 1, out:remove())
      end
      while movable(blocks[i + 1]) do
        table.insert(after, blocks[i + 1])
        i = i + 1
      end
      local last = out[#out]
      out:extend(figure_run(before, block, after, last ~= nil and last.t == "Header"))
      i = i + 1
    else
      out:insert(block)
      i = i + 1
    end
  end
  return out
end

return {
  { Str = Str, Code = Code },
  { Blocks = Blocks },
  { Div = Div, Header = Header },
}
