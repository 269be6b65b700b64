-- HTML of a published version: the "Cite this version" box at the end of its summary page,
-- from the metadata `briefing-cite` (page: the summary's file name; text: the suggested
-- citation; bib, ris: the citation files beside the PDF). The built-in renderer gives it to
-- the summary page only; Quarto gives it to every page of the book, so the box goes on the
-- page whose output file is `page` (Quarto runs pandoc with `output-file: index.html`, see
-- quarto-dev/quarto-cli#9726). A draft and the PDF have no `briefing-cite`: no box (the PDF's
-- title page carries the citation).

local function text(value)
  return pandoc.utils.stringify(value or "")
end

local function file_link(name, label)
  return pandoc.Link({ pandoc.Str(label) }, name, "", { download = "" })
end

function Pandoc(doc)
  local cite = doc.meta["briefing-cite"]
  local output = PANDOC_STATE.output_file
  if cite == nil or output == nil or pandoc.path.filename(output) ~= text(cite.page) then
    return nil
  end
  local body = cite.text
  if pandoc.utils.type(body) ~= "Inlines" then
    body = { pandoc.Str(text(body)) }
  end
  local box = pandoc.Div({
    pandoc.Para({ pandoc.Strong({ pandoc.Str("Cite this version") }) }),
    pandoc.Div({ pandoc.Para(body) }, { class = "cite-text" }),
    pandoc.Para({
      pandoc.Str("Citation files:"), pandoc.Space(),
      file_link(text(cite.bib), "BibTeX"), pandoc.Space(), pandoc.Str("·"), pandoc.Space(),
      file_link(text(cite.ris), "RIS"),
    }),
  }, { class = "cite-box" })
  doc.blocks:insert(box)
  return doc
end
