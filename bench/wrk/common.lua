-- Helpers for the bench scripts: the bearer header and reading a list file.
dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")

function auth_headers()
  return { ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN"),
           ["Accept"] = "application/json" }
end

function read_lines(path)
  local lines = {}
  for line in io.lines(path) do
    if line ~= "" then lines[#lines + 1] = line end
  end
  return lines
end

function url_encode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- Gives each wrk thread a distinct id (0, 1, ...), read in init() as `thread_id`.
local next_thread = 0
function setup(thread)
  thread:set("thread_id", next_thread)
  next_thread = next_thread + 1
end
