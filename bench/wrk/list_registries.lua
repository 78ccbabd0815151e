-- GET /api/v1/registries?page_size=100, rotating over every page token in
-- $BENCH_PAGE_TOKENS (the first page has the empty token) and, every fourth
-- request, a q= filter that matches a tenth of the registries.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")

local tokens, position, headers, counter

function init(args)
  tokens = read_lines(os.getenv("BENCH_PAGE_TOKENS"))
  table.insert(tokens, 1, "")
  headers = auth_headers()
  position = (thread_id or 0) * 37 % #tokens
  counter = 0
end

function request()
  counter = counter + 1
  if counter % 4 == 0 then
    return wrk.format("GET", "/api/v1/registries?page_size=100&q=seed-" .. (counter % 10), headers)
  end
  position = position % #tokens + 1
  local path = "/api/v1/registries?page_size=100"
  if tokens[position] ~= "" then path = path .. "&page_token=" .. url_encode(tokens[position]) end
  return wrk.format("GET", path, headers)
end
