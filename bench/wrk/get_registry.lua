-- GET /api/v1/registries/{id}, rotating over every id in $BENCH_IDS.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")

local ids, position, headers

function init(args)
  ids = read_lines(os.getenv("BENCH_IDS"))
  headers = auth_headers()
  -- Threads start at different places so they do not read the same rows in step.
  position = (thread_id or 0) * 7919 % #ids
end

function request()
  position = position % #ids + 1
  return wrk.format("GET", "/api/v1/registries/" .. ids[position], headers)
end
