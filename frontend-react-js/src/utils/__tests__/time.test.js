// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { formatAgo, formatExpiresIn, timeLeft } from '../time';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const before = (ms) => new Date(NOW - ms).toISOString();
const after = (ms) => new Date(NOW + ms).toISOString();
const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('formatAgo', () => {
  it.each([
    [0, 'now'],
    [9 * S, 'now'],
    [10 * S, '10s'],
    [59 * S, '59s'],
    [M, '1m'],
    [59 * M + 59 * S, '59m'],
    [H, '1h'],
    [23 * H, '23h'],
    [D, '1d'],
    [6 * D, '6d'],
  ])('says %i ms ago is %j', (elapsed, expected) => {
    expect(formatAgo(before(elapsed), NOW)).toBe(expected);
  });

  it('gives the date after a week', () => {
    expect(formatAgo('2026-03-01T08:00:00Z', NOW)).toBe('Mar 1');
  });

  it('treats a time slightly in the future (clock skew) as now', () => {
    expect(formatAgo(after(5 * S), NOW)).toBe('now');
  });
});

describe('formatExpiresIn', () => {
  it.each([
    [1, 'expires in 1s'],
    [42 * S, 'expires in 42s'],
    [M, 'expires in 1m 0s'],
    [9 * M + 5 * S, 'expires in 9m 5s'],
    [10 * M, 'expires in 10m'],
    [59 * M + 59 * S, 'expires in 59m'],
    [H, 'expires in 1h'],
    [3 * H + 20 * M, 'expires in 3h 20m'],
    [D, 'expires in 1d'],
    [2 * D + 4 * H, 'expires in 2d 4h'],
    [30 * D, 'expires in 30d'],
  ])('says %i ms left is %j', (left, expected) => {
    expect(formatExpiresIn(after(left), NOW)).toBe(expected);
  });

  it('says expired at and after the moment', () => {
    expect(formatExpiresIn(after(0), NOW)).toBe('expired');
    expect(formatExpiresIn(before(M), NOW)).toBe('expired');
  });

  it('counts down as the clock moves', () => {
    const expiresAt = after(61 * S);
    expect(formatExpiresIn(expiresAt, NOW)).toBe('expires in 1m 1s');
    expect(formatExpiresIn(expiresAt, NOW + 2 * S)).toBe('expires in 59s');
    expect(timeLeft(expiresAt, NOW + 61 * S)).toBe(0);
  });
});
