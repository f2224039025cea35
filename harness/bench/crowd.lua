-- The crowd of bin/bench --mixed, for wrk. Each request comes from a random
-- person with that person's own access token, is of a kind drawn by weight,
-- and aims at a random target of its kind. harness/bench/crowd.py writes the
-- tables this reads above it: tokens (one per person, "Bearer ..."), selves
-- (each person's own handle), handles, cruds ({handle, uuid}), words, ttls,
-- conversations (per person, {uuid, the other member's handle}), hidden (per
-- person, the handles a block hides from them: never aimed at), and kinds
-- with their weights.
--
-- Every request carries its kind as X-Request-Id, which the API and the floor
-- send back, so response() counts the answers and the non-2xx ones per kind.
-- wrk -- <run id>: the run id seeds the draws and makes idempotency keys and
-- messages unique across runs.

local total = 0
for _, weight in ipairs(weights) do total = total + weight end

local function pick(list)
  return list[math.random(#list)]
end

-- hidden_from[person][handle]: set from `hidden` in init.
local hidden_from = {}

-- A draw from `list` whose author (`handle_of` it) is not hidden from the
-- person; after a few tries, whatever comes (a block hides only a handful).
local function pick_shown(list, person, handle_of)
  local item
  for _ = 1, 20 do
    item = pick(list)
    if not hidden_from[person][handle_of(item)] then return item end
  end
  return item
end

local function itself(handle) return handle end
local function author(crud) return crud[1] end

local function kind_of(draw)
  for i, weight in ipairs(weights) do
    if draw <= weight then return kinds[i] end
    draw = draw - weight
  end
end

local serial = 0
local function unique()
  serial = serial + 1
  return run_id .. "-" .. thread_id .. "-" .. serial
end

local targets = {
  home = function() return "GET", "/api/activities/home" end,
  public = function() return "GET", "/api/activities/public" end,
  user_feed = function(person) return "GET", "/api/activities/@" .. pick_shown(handles, person, itself) end,
  crud_page = function(person)
    local crud = pick_shown(cruds, person, author)
    return "GET", "/api/activities/@" .. crud[1] .. "/status/" .. crud[2]
  end,
  search = function() return "GET", "/api/activities/search?term=" .. pick(words) end,
  notifications = function() return "GET", "/api/activities/notifications" end,
  message_groups = function() return "GET", "/api/message_groups" end,
  conversation = function(person) return "GET", "/api/messages/" .. pick(conversations[person])[1] end,
  like = function(person) return "POST", "/api/activities/" .. pick_shown(cruds, person, author)[2] .. "/like" end,
  new_crud = function()
    local message = "crowd crud " .. unique() .. " about " .. pick(words)
    return "POST", "/api/activities", '{"message":"' .. message .. '","ttl":"' .. pick(ttls) .. '"}'
  end,
  reply = function(person)
    local crud = pick_shown(cruds, person, author)
    return "POST", "/api/activities/" .. crud[2] .. "/reply", '{"message":"crowd reply ' .. unique() .. '"}'
  end,
  message = function(person)
    local handle = pick(conversations[person])[2]
    return "POST", "/api/messages", '{"handle":"' .. handle .. '","message":"crowd message ' .. unique() .. '"}'
  end,
  follow = function(person)
    local other
    repeat other = pick_shown(handles, person, itself) until other ~= selves[person] or #handles < 2
    return math.random(2) == 1 and "POST" or "DELETE", "/api/users/@" .. other .. "/follow"
  end,
}

threads = {}

setup = function(thread)
  table.insert(threads, thread)
  thread:set("thread_id", #threads)
end

init = function(args)
  run_id = args[1] or "0"
  math.randomseed(tonumber(run_id) * 100 + thread_id)
  answers, failures = {}, {}
  for person, handles_hidden in ipairs(hidden) do
    hidden_from[person] = {}
    for _, handle in ipairs(handles_hidden) do hidden_from[person][handle] = true end
  end
end

request = function()
  local kind = kind_of(math.random(total))
  local person = math.random(#tokens)
  local method, path, body = targets[kind](person)
  local headers = {["Authorization"] = tokens[person], ["X-Request-Id"] = kind}
  if body then
    headers["Content-Type"] = "application/json"
    headers["Idempotency-Key"] = unique()
  end
  return wrk.format(method, path, headers, body)
end

response = function(status, headers, body)
  local kind = headers["X-Request-Id"] or "unknown"
  answers[kind] = (answers[kind] or 0) + 1
  if status < 200 or status > 299 then
    local key = kind .. " " .. status
    failures[key] = (failures[key] or 0) + 1
  end
end

local function add(into, counts)
  for key, n in pairs(counts) do into[key] = (into[key] or 0) + n end
end

local function encode(counts)
  local parts = {}
  for key, n in pairs(counts) do parts[#parts + 1] = string.format('"%s":%d', key, n) end
  return "{" .. table.concat(parts, ",") .. "}"
end

done = function(summary, latency, requests)
  local all_answers, all_failures = {}, {}
  for _, thread in ipairs(threads) do
    add(all_answers, thread:get("answers"))
    add(all_failures, thread:get("failures"))
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"socket_errors":%d,"p50_us":%d,"p99_us":%d,'
      .. '"answers":%s,"failures":%s}\n',
    summary.requests, summary.duration, summary.bytes, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99), encode(all_answers), encode(all_failures)))
end
