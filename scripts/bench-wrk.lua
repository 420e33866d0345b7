-- wrk script for scripts/bench-opendata: replays a request file (one request a line,
-- METHOD<TAB>PATH<TAB>BODY) in order, round and round, and prints one JSON line
-- with the run's latency percentiles and counts.
--   wrk ... -s scripts/bench-wrk.lua <url> -- <request file> [bearer token]

local requests = {}
local position = 0

function init(args)
  local token = args[2]
  for line in io.lines(args[1]) do
    local method, path, body = line:match("^(%u+)\t([^\t]+)\t?(.*)$")
    if method then
      local headers = {}
      if body ~= "" then
        headers["Content-Type"] = "application/json"
      else
        body = nil
      end
      if token then
        headers["Authorization"] = "Bearer " .. token
      end
      requests[#requests + 1] = wrk.format(method, path, headers, body)
    end
  end
end

function request()
  position = position % #requests + 1
  return requests[position]
end

function done(summary, latency, _)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "non_2xx": %d, "connect_errors": %d, "read_errors": %d, "write_errors": %d, "timeouts": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, errors.status, errors.connect, errors.read, errors.write,
    errors.timeout, latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
