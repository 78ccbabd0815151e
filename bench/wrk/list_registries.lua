-- GET /api/v1/registries?page_size=100. With BENCH_LIST_MODE=pages (the
-- default), rotating over every page token in $BENCH_PAGE_TOKENS (the first
-- page has the empty token); with BENCH_LIST_MODE=filter, rotating over ten
-- q= filters (seed-0 … seed-9) that each match a tenth of the registries.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")

local tokens, position, headers, filter_mode

function init(args)
  filter_mode = os.getenv("BENCH_LIST_MODE") == "filter"
  tokens = read_lines(os.getenv("BENCH_PAGE_TOKENS"))
  table.insert(tokens, 1, "")
  headers = auth_headers()
  position = (thread_id or 0) * 37 % #tokens
end

function request()
  position = position % #tokens + 1
  if filter_mode then
    return wrk.format("GET", "/api/v1/registries?page_size=100&q=seed-" .. (position % 10), headers)
  end
  local path = "/api/v1/registries?page_size=100"
  if tokens[position] ~= "" then path = path .. "&page_token=" .. url_encode(tokens[position]) end
  return wrk.format("GET", path, headers)
end
