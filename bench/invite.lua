-- wrk script: POST /api/v1/invitations with a unique e-mail per request.
-- Env: USHER_TOKEN (admin bearer token), USHER_GROUP (a user group id).
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  thread_id = id
end

request = function()
  counter = counter + 1
  local body = string.format(
    '{"first_name":"Bench","last_name":"Mark","email":"b%d.%d.%d@example.com",' ..
    '"user_group_ids":["%s"],"language":"en","agreement_accepted":true}',
    thread_id, counter, os.time(), os.getenv("USHER_GROUP"))
  return wrk.format("POST", "/api/v1/invitations", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. os.getenv("USHER_TOKEN"),
  }, body)
end

response = function(status)
  if status ~= 201 then
    io.stderr:write("unexpected status " .. status .. "\n")
  end
end
