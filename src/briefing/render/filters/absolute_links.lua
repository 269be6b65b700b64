-- Print only, when the site's public address is set (site.yml `url`): a link to a file of the
-- version (a figure's "Data (CSV)", a page of the site) becomes absolute, from the metadata
-- `link-base` (the version's address, ending with /), so a downloaded PDF still works. An
-- anchor within the document (#...) and a link with a scheme (https:, mailto:) stay as they are.

local base = nil

local function Meta(meta)
  if meta["link-base"] ~= nil then
    base = pandoc.utils.stringify(meta["link-base"])
  end
end

local function Link(link)
  local target = link.target
  if base == nil or target == "" or target:match("^#") or target:match("^[%a][%w+.-]*:") then
    return nil
  end
  link.target = base .. (target:gsub("^%./", ""))
  return link
end

return { { Meta = Meta }, { Link = Link } }
