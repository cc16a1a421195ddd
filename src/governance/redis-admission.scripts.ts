/**
 * The Lua of one-round-trip admission on Redis: rate-limit counters and budget reservation in one
 * script per request, and every settlement of one event-loop tick in one script. Keys and values are
 * those of the separate stores (rate-limiter-flexible's fixed-window counters `<prefix><kind>:<scope>:<target>`
 * with a TTL, and the budget buckets of redis-budget.scripts.ts), so both views stay consistent: the
 * `budgets` query reads through RedisBudgetStore, in-memory mode keeps the separate stores.
 */
import { PURGE_FUNCTION } from './budget/redis-budget.scripts.js';

/**
 * KEYS: 2 per budget bucket (totals, reservations), then one per rate-limit charge.
 * ARGV: bucket count B, charge count C, now (ms), estimate (micros), member, reservation expiry (ms),
 * B key expiries (unix s), then per charge: points, limit, window (s), 1 if a token charge else 0,
 * then per budget rule: bucket index, limit (micros), 1 (HARD) or 0 (SOFT).
 * Returns {2, first exceeded charge (1-based), retry after ms} when a rate limit is exceeded (nothing
 * is counted then); {0, failed rule, used} when a HARD budget refuses (the request still counts, its
 * tokens do not); {1, HARD headroom (-1: none), soft count, soft rules..., window ms per charge...,
 * count per charge...} (the counts feed the x-ratelimit-* headers without another round trip).
 */
export const ADMIT_SCRIPT = `${PURGE_FUNCTION}
local B, C = tonumber(ARGV[1]), tonumber(ARGV[2])
local now, estimate = tonumber(ARGV[3]), tonumber(ARGV[4])
local firstCharge = 7 + B
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
  if estimate > 0 then redis.call('HINCRBY', KEYS[2 * b - 1], 'reserved', ARGV[4]) end
  redis.call('ZADD', KEYS[2 * b], ARGV[6], ARGV[5])
  redis.call('EXPIREAT', KEYS[2 * b - 1], ARGV[6 + b])
  redis.call('EXPIREAT', KEYS[2 * b], ARGV[6 + b])
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
 * Settles many runs at once. ARGV[1] = run count; per run: bucket count B, token key count T,
 * member, estimate, actual (micros), B key expiries (unix s), token difference, window (s); its keys
 * are its 2B budget keys then its T token counters, runs one after the other. A positive difference
 * is charged to the current window (opened if gone); a negative one is given back only to a window
 * that still exists (the caller sends 0 when the window that took the tokens has ended).
 */
export const SETTLE_BATCH_SCRIPT = `
local a, k = 2, 0
for run = 1, tonumber(ARGV[1]) do
  local B, T = tonumber(ARGV[a]), tonumber(ARGV[a + 1])
  local member, estimate, actual = ARGV[a + 2], ARGV[a + 3], ARGV[a + 4]
  for b = 1, B do
    local totals, reservations = KEYS[k + 2 * b - 1], KEYS[k + 2 * b]
    if redis.call('ZREM', reservations, member) == 1 and estimate ~= '0' then
      redis.call('HINCRBY', totals, 'reserved', '-' .. estimate)
    end
    if actual ~= '0' then
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
