-- HTML and print: a link or image may point only at a page of the site (a relative
-- path or #anchor) or at http(s)/mailto. Anything else, such as `javascript:` in a
-- name that came from data and was read as markdown, is kept as plain text.

local SAFE = { http = true, https = true, mailto = true }

local function safe(target)
  local scheme = target:match("^%s*([%a][%w+.-]*):")
  return scheme == nil or SAFE[scheme:lower()] == true
end

function Link(link)
  if not safe(link.target) then
    return link.content
  end
end

function Image(image)
  if not safe(image.src) then
    return image.caption
  end
end
