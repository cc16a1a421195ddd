/**
 * The Lua scripts of the Redis budget store. Every bucket has two keys, passed as a pair:
 * KEYS[2b-1] a hash `{ spent, reserved }` in integer micro-dollars, KEYS[2b] a sorted set of the
 * reservations in flight, member `<reservation id>:<estimate micros>`, score = expiry (ms).
 * Each script runs atomically, so reserve's check-then-increment has no race across instances.
 */

/**
 * Frees the estimates of reservations that expired unsettled (at most 256 per call; a backlog is
 * worked off by the following calls). Decrements skip zero, as Redis rejects the string "-0".
 */
export const PURGE_FUNCTION = `
local function purge(totals, reservations, now)
  local expired = redis.call('ZRANGEBYSCORE', reservations, '-inf', now, 'LIMIT', 0, 256)
  if #expired == 0 then return end
  local freed = 0
  for _, member in ipairs(expired) do
    freed = freed + tonumber(string.match(member, ':(%d+)$'))
  end
  redis.call('ZREM', reservations, unpack(expired))
  if freed > 0 then redis.call('HINCRBY', totals, 'reserved', string.format('%d', -freed)) end
end
`;

/**
 * ARGV: now (ms), estimate, member, reservation expiry (ms), then one key expiry (unix s) per bucket,
 * then one triple per rule: bucket index, limit, 1 (HARD) or 0 (SOFT).
 * Returns {0, failed rule (1-based), used} or {1, HARD headroom, exceeded SOFT rules (1-based)...},
 * the headroom being the least any HARD rule has left after this reservation (-1: no HARD rule).
 */
export const RESERVE_SCRIPT = `${PURGE_FUNCTION}
local now, estimate = tonumber(ARGV[1]), tonumber(ARGV[2])
local bucketCount = #KEYS / 2
local firstRule = 5 + bucketCount
local used = {}
for b = 1, bucketCount do
  purge(KEYS[2 * b - 1], KEYS[2 * b], now)
  local totals = redis.call('HMGET', KEYS[2 * b - 1], 'spent', 'reserved')
  used[b] = (tonumber(totals[1]) or 0) + (tonumber(totals[2]) or 0)
end
for r = firstRule, #ARGV, 3 do
  local b = tonumber(ARGV[r])
  if ARGV[r + 2] == '1' and used[b] + estimate > tonumber(ARGV[r + 1]) then
    return {0, (r - firstRule) / 3 + 1, used[b]}
  end
end
for b = 1, bucketCount do
  if estimate > 0 then redis.call('HINCRBY', KEYS[2 * b - 1], 'reserved', ARGV[2]) end
  redis.call('ZADD', KEYS[2 * b], ARGV[4], ARGV[3])
  redis.call('EXPIREAT', KEYS[2 * b - 1], ARGV[4 + b])
  redis.call('EXPIREAT', KEYS[2 * b], ARGV[4 + b])
end
local headroom = -1
local result = {1, headroom}
for r = firstRule, #ARGV, 3 do
  local b = tonumber(ARGV[r])
  local left = tonumber(ARGV[r + 1]) - used[b] - estimate
  if ARGV[r + 2] == '1' and (headroom < 0 or left < headroom) then headroom = left end
  if ARGV[r + 2] == '0' and left < 0 then
    table.insert(result, (r - firstRule) / 3 + 1)
  end
end
result[2] = headroom
return result
`;

/**
 * ARGV: member, estimate, actual, then one key expiry (unix s) per bucket. The estimate comes off
 * `reserved` only if the reservation was still held (not purged as expired), so a late settle never
 * frees money twice; the actual cost is booked either way. Release is settle with actual 0.
 */
export const SETTLE_SCRIPT = `
for b = 1, #KEYS / 2 do
  local totals, reservations = KEYS[2 * b - 1], KEYS[2 * b]
  if redis.call('ZREM', reservations, ARGV[1]) == 1 and ARGV[2] ~= '0' then
    redis.call('HINCRBY', totals, 'reserved', '-' .. ARGV[2])
  end
  if ARGV[3] ~= '0' then
    redis.call('HINCRBY', totals, 'spent', ARGV[3])
    redis.call('EXPIREAT', totals, ARGV[3 + b])
  end
end
return 1
`;

/** ARGV: now (ms). Purges expired reservations of one bucket and returns {spent, reserved}. */
export const READ_SCRIPT = `${PURGE_FUNCTION}
purge(KEYS[1], KEYS[2], tonumber(ARGV[1]))
return redis.call('HMGET', KEYS[1], 'spent', 'reserved')
`;

export { LuaScript } from '../../infra/lua-script.js';
