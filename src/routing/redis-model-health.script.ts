/**
 * The Lua side of the shared model health: the rules of health-record.ts, applied atomically in
 * Redis so that instances recording outcomes of the same model at once cannot lose an update or
 * open the breaker twice. Time comes from the Redis server (`TIME`), one clock for every instance.
 *
 * Keys per model: KEYS[1] a hash (the fields of `HealthRecord` plus `v`, a version that grows with
 * every write), KEYS[2] a list of the last latencies, KEYS[3] the half-open probe lease.
 */
import type { HealthRecord } from './health-record.js';

/** A record as mirrored from Redis: `version` orders writes, so an older read never replaces a newer one. */
export interface MirroredRecord extends HealthRecord {
  version: number;
}

const NOW = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
`;

/**
 * KEYS[4] the index set of models with health data. ARGV: model, failureThreshold, openMs,
 * maxOpenMs, ewmaAlpha, windowMs, samples, ttl (s), then one outcome each, in order: a latency
 * (>= 0) for a success, -1 for a retryable failure, -2 for any other failure.
 * Returns { changed (1 when the breaker opened or closed), HGETALL of the record }.
 */
export const RECORD_OUTCOMES = `${NOW}
local threshold, openMs, maxOpenMs = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local alpha, windowMs, samples, ttl = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
local f = redis.call('HMGET', KEYS[1], 'state', 'openUntil', 'trips', 'consecutive', 'ewma', 'ewmaAt',
  'windowStart', 'ok', 'failed', 'prevOk', 'prevFailed')
local state, openUntil, trips, consecutive = f[1] or 'closed', tonumber(f[2]) or 0, tonumber(f[3]) or 0, tonumber(f[4]) or 0
local ewma, ewmaAt, windowStart = tonumber(f[5]), tonumber(f[6]), tonumber(f[7]) or 0
local ok, failed, prevOk, prevFailed = tonumber(f[8]) or 0, tonumber(f[9]) or 0, tonumber(f[10]) or 0, tonumber(f[11]) or 0
local changed = 0
local function period(n) return math.min(maxOpenMs, openMs * 2 ^ math.max(0, n - 1)) end

local start = now - (now % windowMs)
if start ~= windowStart then
  if start - windowStart == windowMs then prevOk, prevFailed = ok, failed else prevOk, prevFailed = 0, 0 end
  ok, failed, windowStart = 0, 0, start
end

local latencies = 0
for i = 9, #ARGV do
  local value = tonumber(ARGV[i])
  local hard = value == -1
  if value >= 0 then
    ok = ok + 1
    if ewma == nil then ewma = value else ewma = ewma + alpha * (value - ewma) end
    ewmaAt = now
    redis.call('RPUSH', KEYS[2], value)
    latencies = latencies + 1
  else
    failed = failed + 1
  end
  if state == 'open' then
    if now >= openUntil then
      if hard then
        trips = trips + 1
        openUntil = now + period(trips)
      else
        state, openUntil, trips, consecutive, changed = 'closed', 0, 0, 0, 1
      end
      redis.call('DEL', KEYS[3])
    end
  else
    if value >= 0 then consecutive = 0 end
    if hard then
      consecutive = consecutive + 1
      if consecutive >= threshold then
        trips = trips + 1
        state, openUntil, consecutive, changed = 'open', now + period(trips), 0, 1
      end
    end
  end
end

if latencies > 0 then
  redis.call('LTRIM', KEYS[2], -samples, -1)
  local values = redis.call('LRANGE', KEYS[2], 0, -1)
  for i = 1, #values do values[i] = tonumber(values[i]) end
  table.sort(values)
  local middle = math.floor(#values / 2) + 1
  local p50 = values[middle]
  if #values % 2 == 0 then p50 = (values[middle - 1] + values[middle]) / 2 end
  redis.call('HSET', KEYS[1], 'p50', tostring(p50), 'ewma', tostring(ewma), 'ewmaAt', string.format('%d', ewmaAt))
  redis.call('EXPIRE', KEYS[2], ttl)
end
redis.call('HSET', KEYS[1], 'state', state, 'openUntil', string.format('%d', openUntil), 'trips', trips,
  'consecutive', consecutive, 'windowStart', string.format('%d', windowStart), 'ok', ok, 'failed', failed,
  'prevOk', prevOk, 'prevFailed', prevFailed)
redis.call('HINCRBY', KEYS[1], 'v', 1)
redis.call('EXPIRE', KEYS[1], ttl)
redis.call('SADD', KEYS[4], ARGV[1])
redis.call('EXPIRE', KEYS[4], ttl)
return { changed, redis.call('HGETALL', KEYS[1]) }
`;

/**
 * Claims the one probe of a half-open breaker. ARGV: lease (ms), owner.
 * Returns `admitted` (the breaker is closed), `probe` (this caller probes) or `rejected`.
 */
export const CLAIM_PROBE = `
local f = redis.call('HMGET', KEYS[1], 'state', 'openUntil')
if f[1] ~= 'open' then return 'admitted' end
${NOW}
if now < (tonumber(f[2]) or 0) then return 'rejected' end
if redis.call('SET', KEYS[2], ARGV[2], 'NX', 'PX', ARGV[1]) then return 'probe' end
return 'rejected'
`;

/** A record from HGETALL: a flat [field, value, …] array (from scripts) or an object (from the client). */
export function parseRecord(fields: string[] | Record<string, string>): MirroredRecord {
  const map: Record<string, string> = {};
  if (Array.isArray(fields))
    for (let index = 0; index + 1 < fields.length; index += 2) map[fields[index]!] = fields[index + 1]!;
  else Object.assign(map, fields);
  const number = (name: string): number | undefined =>
    map[name] === undefined ? undefined : Number(map[name]);
  return {
    state: map.state === 'open' ? 'open' : 'closed',
    openUntil: number('openUntil') ?? 0,
    trips: number('trips') ?? 0,
    consecutive: number('consecutive') ?? 0,
    ewma: number('ewma'),
    ewmaAt: number('ewmaAt'),
    p50: number('p50'),
    windowStart: number('windowStart') ?? 0,
    ok: number('ok') ?? 0,
    failed: number('failed') ?? 0,
    prevOk: number('prevOk') ?? 0,
    prevFailed: number('prevFailed') ?? 0,
    version: number('v') ?? 0,
  };
}
