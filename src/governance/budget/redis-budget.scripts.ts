/**
 * The Lua scripts of budgets on Redis, one of each: admission (budget reservation, with the
 * rate-limit counters of the same request when there are any), settlement (one or many runs), the
 * spend read, and the two steps of the spend rebuild. `RedisBudgetStore` and `RedisAdmission` run
 * the same scripts, so both views of a bucket stay consistent.
 *
 * Every bucket has two keys, passed as a pair: KEYS[2b-1] a hash `{ spent, reserved }` in integer
 * micro-dollars, KEYS[2b] a sorted set of the reservations in flight, member
 * `<reservation id>:<estimate micros>`, score = expiry (ms). Rate-limit counters are
 * rate-limiter-flexible's fixed-window keys `<prefix><kind>:<scope>:<target>` with a TTL.
 *
 * The budget epoch key (`BudgetRebuild`, budget-rebuild.ts) says whether the spend counters are
 * complete: `ready`; `rebuilding:<cutoff ms>` while they are rebuilt from MongoDB; absent when Redis
 * lost them (restarted empty, flushed, evicted). Admission and reads refuse to use buckets unless it
 * is `ready` (status 3: the caller starts or awaits the rebuild); a settlement books its spend only
 * while the epoch exists (its usage record carries the cost into the rebuild otherwise).
 * Each script runs atomically, so reserve's check-then-increment has no race across instances.
 */

/**
 * Frees the estimates of reservations that expired unsettled (at most 256 per call; a backlog is
 * worked off by the following calls). Decrements skip zero, as Redis rejects the string "-0".
 */
const PURGE_FUNCTION = `
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
 * KEYS: 2 per budget bucket (totals, reservations), then one per rate-limit charge, then the epoch
 * key when ARGV[3] is 1.
 * ARGV: bucket count B, charge count C, 1 if the epoch is checked else 0, now (ms), estimate
 * (micros), member, reservation expiry (ms), B key expiries (unix s), then per charge: points,
 * limit, window (s), 1 if a token charge else 0, then per budget rule: bucket index, limit (micros),
 * 1 (HARD) or 0 (SOFT).
 * Returns {3} when the request has budgets and their counters are not ready (nothing is counted);
 * {2, first exceeded charge (1-based), retry after ms} when a rate limit is exceeded (nothing is
 * counted then); {0, failed rule, used} when a HARD budget refuses (the request still counts, its
 * tokens do not); {1, HARD headroom (-1: none), soft count, soft rules..., window ms per charge...,
 * count per charge...} (the counts feed the x-ratelimit-* headers without another round trip).
 */
export const ADMIT_SCRIPT = `${PURGE_FUNCTION}
local B, C = tonumber(ARGV[1]), tonumber(ARGV[2])
if B > 0 and ARGV[3] == '1' and redis.call('GET', KEYS[2 * B + C + 1]) ~= 'ready' then return {3} end
local now, estimate = tonumber(ARGV[4]), tonumber(ARGV[5])
local firstCharge = 8 + B
local firstRule = firstCharge + 4 * C
local windows = {}
local counts = {}
local exceeded, retryAfter = 0, 0
for c = 1, C do
  local key, a = KEYS[2 * B + c], firstCharge + 4 * (c - 1)
  redis.call('SET', key, 0, 'EX', ARGV[a + 2], 'NX')
  local consumed = redis.call('INCRBY', key, ARGV[a])
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then
    redis.call('EXPIRE', key, ARGV[a + 2])
    ttl = 1000 * tonumber(ARGV[a + 2])
  end
  windows[c] = ttl
  counts[c] = consumed
  if consumed > tonumber(ARGV[a + 1]) then
    if exceeded == 0 then exceeded = c end
    if ttl > retryAfter then retryAfter = ttl end
  end
end
local function giveBack(tokensOnly)
  for c = 1, C do
    local a = firstCharge + 4 * (c - 1)
    if ARGV[a] ~= '0' and (not tokensOnly or ARGV[a + 3] == '1') then
      redis.call('DECRBY', KEYS[2 * B + c], ARGV[a])
    end
  end
end
if exceeded > 0 then
  giveBack(false)
  return {2, exceeded, retryAfter}
end
local used = {}
for b = 1, B do
  purge(KEYS[2 * b - 1], KEYS[2 * b], now)
  local totals = redis.call('HMGET', KEYS[2 * b - 1], 'spent', 'reserved')
  used[b] = (tonumber(totals[1]) or 0) + (tonumber(totals[2]) or 0)
end
for r = firstRule, #ARGV, 3 do
  local b = tonumber(ARGV[r])
  if ARGV[r + 2] == '1' and used[b] + estimate > tonumber(ARGV[r + 1]) then
    giveBack(true)
    return {0, (r - firstRule) / 3 + 1, used[b]}
  end
end
for b = 1, B do
  if estimate > 0 then redis.call('HINCRBY', KEYS[2 * b - 1], 'reserved', ARGV[5]) end
  redis.call('ZADD', KEYS[2 * b], ARGV[7], ARGV[6])
  redis.call('EXPIREAT', KEYS[2 * b - 1], ARGV[7 + b])
  redis.call('EXPIREAT', KEYS[2 * b], ARGV[7 + b])
end
local headroom = -1
local soft = {}
for r = firstRule, #ARGV, 3 do
  local b = tonumber(ARGV[r])
  local left = tonumber(ARGV[r + 1]) - used[b] - estimate
  if ARGV[r + 2] == '1' and (headroom < 0 or left < headroom) then headroom = left end
  if ARGV[r + 2] == '0' and left < 0 then table.insert(soft, (r - firstRule) / 3 + 1) end
end
local result = {1, headroom, #soft}
for _, rule in ipairs(soft) do table.insert(result, rule) end
for c = 1, C do table.insert(result, windows[c]) end
for c = 1, C do table.insert(result, counts[c]) end
return result
`;

/**
 * Settles one or many runs at once. ARGV[1] = run count, ARGV[2] = 1 if the epoch key is the last
 * KEY; per run: bucket count B, token key count T, member, estimate, actual (micros), B key expiries
 * (unix s), token difference, window (s); its keys are its 2B budget keys then its T token counters,
 * runs one after the other. The estimate comes off `reserved` only if the reservation was still held
 * (not purged as expired), so a late settle never frees money twice; the actual cost is booked
 * unless the epoch is gone (Redis lost the counters: the rebuild counts this run from its usage
 * record). Release is settle with actual 0. A positive token difference is charged to the current
 * window (opened if gone); a negative one is given back only to a window that still exists (the
 * caller sends 0 when the window that took the tokens has ended).
 */
export const SETTLE_SCRIPT = `
local book = ARGV[2] ~= '1' or redis.call('EXISTS', KEYS[#KEYS]) == 1
local a, k = 3, 0
for run = 1, tonumber(ARGV[1]) do
  local B, T = tonumber(ARGV[a]), tonumber(ARGV[a + 1])
  local member, estimate, actual = ARGV[a + 2], ARGV[a + 3], ARGV[a + 4]
  for b = 1, B do
    local totals, reservations = KEYS[k + 2 * b - 1], KEYS[k + 2 * b]
    if redis.call('ZREM', reservations, member) == 1 and estimate ~= '0' then
      redis.call('HINCRBY', totals, 'reserved', '-' .. estimate)
    end
    if actual ~= '0' and book then
      redis.call('HINCRBY', totals, 'spent', actual)
      redis.call('EXPIREAT', totals, ARGV[a + 4 + b])
    end
  end
  local difference, window = tonumber(ARGV[a + 5 + B]), ARGV[a + 6 + B]
  for t = 1, T do
    local key = KEYS[k + 2 * B + t]
    if difference > 0 then
      redis.call('SET', key, 0, 'EX', window, 'NX')
      redis.call('INCRBY', key, difference)
    elseif difference < 0 and redis.call('EXISTS', key) == 1 then
      redis.call('INCRBY', key, difference)
    end
  end
  k = k + 2 * B + T
  a = a + 7 + B
end
return 1
`;

/**
 * KEYS: totals, reservations[, epoch]. ARGV: now (ms), 1 if the epoch is checked. Purges expired
 * reservations of one bucket and returns {spent, reserved}, or {3} when the counters are not ready.
 */
export const READ_SCRIPT = `${PURGE_FUNCTION}
if ARGV[2] == '1' and redis.call('GET', KEYS[3]) ~= 'ready' then return {3} end
purge(KEYS[1], KEYS[2], tonumber(ARGV[1]))
return {1, redis.call('HGET', KEYS[1], 'spent'), redis.call('HGET', KEYS[1], 'reserved')}
`;

/**
 * The first step of a rebuild, by the holder of the rebuild lock. KEYS: epoch, lock, then the totals
 * of the buckets to rebuild. ARGV: lock token, now (ms), then one key expiry (unix s) per bucket.
 * Returns {0} when the lock is not (or no longer) ours, {2} when the counters are ready already,
 * else {1, cutoff}: the buckets' `spent` was reset and the epoch set to `rebuilding:<cutoff>` (a
 * rebuild that its holder did not finish is resumed with its cutoff, without a second reset).
 */
export const BEGIN_REBUILD_SCRIPT = `
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return {0} end
local state = redis.call('GET', KEYS[1])
if state == 'ready' then return {2} end
if state and string.sub(state, 1, 11) == 'rebuilding:' then return {1, string.sub(state, 12)} end
for i = 3, #KEYS do
  redis.call('HSET', KEYS[i], 'spent', 0)
  redis.call('EXPIREAT', KEYS[i], ARGV[i])
end
redis.call('SET', KEYS[1], 'rebuilding:' .. ARGV[2])
return {1, ARGV[2]}
`;

/**
 * The last step: adds the spend of the usage records before the cutoff to each bucket (settlements
 * since the cutoff are booked already), then marks the counters ready and frees the lock. KEYS:
 * epoch, lock, totals per bucket. ARGV: lock token, the epoch value of the begun rebuild, then per
 * bucket: micros, key expiry (unix s). Returns 0 (and changes nothing) when the lock is no longer
 * ours or the epoch changed meanwhile (Redis lost it again).
 */
export const FINISH_REBUILD_SCRIPT = `
if redis.call('GET', KEYS[2]) ~= ARGV[1] or redis.call('GET', KEYS[1]) ~= ARGV[2] then return 0 end
for i = 3, #KEYS do
  local a = 3 + 2 * (i - 3)
  if ARGV[a] ~= '0' then redis.call('HINCRBY', KEYS[i], 'spent', ARGV[a]) end
  redis.call('EXPIREAT', KEYS[i], ARGV[a + 1])
end
redis.call('SET', KEYS[1], 'ready')
redis.call('DEL', KEYS[2])
return 1
`;

export { LuaScript } from '../../infra/lua-script.js';
