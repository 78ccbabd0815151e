-- GET /healthz: the baseline (no auth, no database).
dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")
