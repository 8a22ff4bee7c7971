-- GET load: the path and the bearer token come from the environment (BENCH_PATH, BENCH_TOKEN).
dofile(os.getenv("BENCH_SCRIPTS") .. "/report.lua")

wrk.method = "GET"
wrk.path = os.getenv("BENCH_PATH")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["Accept"] = "application/json"
