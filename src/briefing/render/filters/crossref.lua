-- Numbered figures and tables, and @fig-/@tbl-/@sec- cross-references across pages.
-- The numbering map comes from Python (briefing.render.numbering) as metadata
-- `crossref`: { label = {number = "1.2", page = "funding.html", kind = "Figure"} }.
-- An unknown reference is an error: the build stops and names it.

local refs = {}

local function to_map(meta)
  if meta.crossref then
    for label, entry in pairs(meta.crossref) do
      refs[label] = {
        number = pandoc.utils.stringify(entry.number),
        page = pandoc.utils.stringify(entry.page),
        kind = pandoc.utils.stringify(entry.kind),
      }
    end
  end
  return meta
end

local function prefix(caption_long, entry, id)
  local label = entry.kind .. "\u{a0}" .. entry.number
  local mark = pandoc.Inlines({ pandoc.Str(label .. ":") })
  if FORMAT:match("html") then
    local link = pandoc.Link({ pandoc.Str(label) }, "#" .. id, "Permalink to " .. label, pandoc.Attr("", { "permalink" }))
    mark = pandoc.Inlines({ link, pandoc.Str(":") })
  end
  local lead = pandoc.Inlines({ pandoc.Strong(mark), pandoc.Space() })
  if #caption_long > 0 and caption_long[1].t == "Plain" then
    caption_long[1].content = lead .. caption_long[1].content
  else
    caption_long:insert(1, pandoc.Plain(lead))
  end
  return caption_long
end

-- Figures and tables alike: "Figure 1.2:" or "Table 1.2:" before the caption; on the web
-- the number is a visible permalink to the figure or table.
local function number(element)
  local entry = refs[element.identifier]
  if entry then
    element.caption.long = prefix(element.caption.long, entry, element.identifier)
  end
  return element
end

local function resolve(cite)
  if #cite.citations ~= 1 then
    return nil
  end
  local id = cite.citations[1].id
  if not (id:match("^fig%-") or id:match("^tbl%-") or id:match("^sec%-")) then
    return nil
  end
  local entry = refs[id]
  if not entry then
    error("unresolved cross-reference @" .. id .. " (no figure, table or section has this label)")
  end
  local text = entry.kind
  if entry.number ~= "" then
    text = text .. "\u{a0}" .. entry.number
  end
  return pandoc.Link({ pandoc.Str(text) }, entry.page .. "#" .. id)
end

return {
  { Meta = to_map },
  { Figure = number, Table = number, Cite = resolve },
}
