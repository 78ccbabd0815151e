-- Shared by every bench script: prints one machine-readable line at the end.
-- p99 from wrk's latency histogram, in microseconds; errors count non-2xx
-- answers and socket errors.
function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout + summary.errors.status
  io.write(string.format("RESULT requests=%d rps=%.1f p50_us=%d p99_us=%d errors=%d " ..
    "(non2xx=%d timeout=%d connect=%d read=%d write=%d)\n",
    summary.requests, summary.requests / seconds, latency:percentile(50),
    latency:percentile(99), errors, summary.errors.status, summary.errors.timeout,
    summary.errors.connect, summary.errors.read, summary.errors.write))
end
