-- wrk script: conditional GETs (If-None-Match) of one index file, as cargo sends when it revalidates
-- its cache. The entity tag is the one the server under test gave for that file (each server has
-- its own format), passed in the ETAG environment variable. Every response should be a 304; the
-- done callback reports how many were not.
--
--   ETAG='"abc…"' wrk -t2 -c64 -d10s -s bench/revalidate.lua http://127.0.0.1:PORT/index/…

local etag = os.getenv("ETAG")
if etag == nil or etag == "" then
  error("set ETAG to the entity tag the server gave for the file")
end

wrk.method = "GET"
wrk.headers["If-None-Match"] = etag

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  not_modified = 0
  other = 0
  first_other = nil
end

function response(status, headers, body)
  if status == 304 then
    not_modified = not_modified + 1
  else
    other = other + 1
    if first_other == nil then
      first_other = status
    end
  end
end

function done(summary, latency, requests)
  local ok, bad, first = 0, 0, nil
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("not_modified")
    bad = bad + thread:get("other")
    first = first or thread:get("first_other")
  end
  io.write(string.format("REVALIDATE 304=%d non304=%d first_non304_status=%s\n", ok, bad, tostring(first)))
end
