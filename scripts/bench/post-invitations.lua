-- Keyed POST /v1/invitations load: every request carries its own Idempotency-Key and email, so each one
-- creates an invitation (a replayed key would measure the idempotency cache instead). wrk runs one Lua
-- state per thread: `setup` numbers the threads so keys never collide across them.
dofile(os.getenv("BENCH_SCRIPTS") .. "/report.lua")

local next_thread = 0
function setup(thread)
  next_thread = next_thread + 1
  thread:set("thread_id", next_thread)
end

local run = os.getenv("BENCH_RUN")
local token = os.getenv("BENCH_TOKEN")
local counter = 0

function request()
  counter = counter + 1
  local id = string.format("%s-%d-%d", run, thread_id, counter)
  local body = string.format('{"email":"bench-%s@example.com","role":"member"}', id)
  return wrk.format("POST", "/v1/invitations", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = id,
  }, body)
end
