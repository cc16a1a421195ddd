import { describe, expect, it } from 'vitest';
import { parseDurationMs, parseRetryAfterMs, type ResponseHeaders } from './retry-after.js';

const NOW = Date.parse('2025-01-01T00:00:00Z');

describe('parseRetryAfterMs', () => {
  it.each<[string, ResponseHeaders, number | undefined]>([
    ['delay-seconds', { 'retry-after': '1' }, 1000],
    ['fractional seconds', { 'retry-after': '1.5' }, 1500],
    ['zero', { 'retry-after': '0' }, 0],
    ['an HTTP date in the future', { 'retry-after': 'Wed, 01 Jan 2025 00:00:03 GMT' }, 3000],
    ['an HTTP date in the past, as zero', { 'retry-after': 'Tue, 31 Dec 2024 23:59:00 GMT' }, 0],
    ['retry-after-ms before retry-after', { 'retry-after-ms': '250', 'retry-after': '9' }, 250],
    ['the first of repeated headers', { 'retry-after': ['2', '5'] }, 2000],
    ['nothing when absent', {}, undefined],
    ['nothing for garbage', { 'retry-after': 'soon' }, undefined],
    ['nothing for a negative delay', { 'retry-after': '-1' }, undefined],
    ['retry-after when retry-after-ms is garbage', { 'retry-after-ms': 'x', 'retry-after': '2' }, 2000],
  ])('reads %s', (_name, headers, expected) => {
    expect(parseRetryAfterMs(headers, NOW)).toBe(expected);
  });
});

describe('parseDurationMs', () => {
  it.each<[string, number | undefined]>([
    ['34.4s', 34_400],
    ['1s', 1000],
    ['0s', 0],
    ['5m', undefined],
    ['', undefined],
  ])('reads %j', (duration, expected) => {
    expect(parseDurationMs(duration)).toBe(expected);
  });
});
