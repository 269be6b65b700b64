-- Typst only: what print needs that the web does not.
--   * A figure's source note goes inside the figure, under its caption, so the two float
--     together (the template floats figures to the top or bottom of a page).
--   * A table's source note stays as small grey text under the table.
--   * Callouts (after callouts.lua) become tinted boxes.
--   * A chapter (a level-1 heading) starts a page, after the floats of the chapter before,
--     with its title at the top. The break stands before the heading, not in its show rule,
--     so the heading is located on its own page and the contents give the right page number.
--   * A long word with no space (a finding id, a query string) gets break opportunities after
--     its punctuation, as a row of boxes: it wraps inside its column or the margin, and its
--     text copies out of the PDF unchanged (no soft hyphen, no zero-width space).

local LONG = 24 -- characters: longer words get break opportunities
local SHORT_TABLE = 14 -- rows: a table this short never breaks across pages

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
    -- The heading floats to the top of its page itself, so a figure floating to the top of
    -- the chapter's first page lands under the chapter's title, not above it.
    return { pandoc.RawBlock("typst", "#place.flush()\n#pagebreak(weak: true)\n#place(top, float: true, clearance: 16pt)["),
             header, pandoc.RawBlock("typst", "]") }
  end
end

local function Div(div)
  if div.classes:includes("source-note") then
    return wrap(NOTE_OPEN, div.content, "]")
  end
  if div.classes:includes("callout") then
    return wrap('#block(fill: rgb("#e8f0fb"), inset: 9pt, radius: 3pt, width: 100%, stroke: (left: 2.5pt + rgb("#0b5394")))[',
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

-- A figure followed by its source note: the note joins the caption, so they float as one.
-- A short table and its source note are kept on one page; a long one breaks, its caption
-- kept with its first rows and its header repeated (briefing.typ).
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
    elseif block.t == "Figure" and is_note(blocks[i + 1]) then
      local caption = block.caption
      caption.long:extend(wrap(NOTE_IN_FIGURE, blocks[i + 1].content, "]"))
      block.caption = caption
      out:insert(block)
      i = i + 2
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
