-- POST /api/v1/registries until this thread has created its share of
-- $SEED_COUNT registries. URLs are seed-<n>.example.com with n interleaved
-- over the threads (n = k * threads + thread_id), so they stay unique whatever
-- each thread ends up sending. A finished thread stops; the last one to finish
-- (counted in the file $SEED_DONE) ends wrk at once instead of waiting out -d.
-- Requests in flight when a thread stops may add up to one registry per
-- connection beyond the count: registry_api.sh asks for fewer and tops up.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")

local threads, share, sent, created, headers, finished

function init(args)
  local total = tonumber(os.getenv("SEED_COUNT"))
  threads = tonumber(os.getenv("SEED_THREADS"))
  share = math.floor(total / threads)
  if thread_id == threads - 1 then share = total - share * (threads - 1) end
  sent, created, finished = 0, 0, false
  headers = auth_headers()
  headers["Content-Type"] = "application/json"
end

function request()
  local n = sent * threads + thread_id
  sent = sent + 1
  local body = string.format(
    '{"url":"seed-%05d.example.com","provider":"generic","display_name":"Seed %d",' ..
    '"credentials":{"kind":"basic","username":"ci","password":"bench-password-%d"}}', n, n, n)
  return wrk.format("POST", "/api/v1/registries", headers, body)
end

local function finish()
  finished = true
  local path = os.getenv("SEED_DONE")
  local file = io.open(path, "a")
  file:write("done\n")
  file:close()
  local count = 0
  for _ in io.lines(path) do count = count + 1 end
  if count >= threads then os.exit(0) end
  wrk.thread:stop()
end

function response(status, headers, body)
  if status == 201 then created = created + 1 end
  if created >= share and not finished then finish() end
end
