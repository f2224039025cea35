import { renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useNow } from '../use-now';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('useNow', () => {
  it('gives the same time to every read of one render, even as the clock moves', () => {
    // Every read of the clock is a millisecond later than the one before.
    let clock = Date.UTC(2026, 0, 1);
    vi.spyOn(Date, 'now').mockImplementation(() => (clock += 1));
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});

    const { result, unmount } = renderHook(() => useNow());

    expect(Math.abs(result.current - Date.UTC(2026, 0, 1))).toBeLessThan(1000);
    expect(errors).not.toHaveBeenCalled();
    unmount();
  });

  it('moves on by the second while in use', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
    try {
      const { result, unmount } = renderHook(() => useNow());
      const start = result.current;
      await vi.advanceTimersByTimeAsync(3000);
      expect(result.current - start).toBeGreaterThanOrEqual(2000);
      unmount();
    } finally {
      vi.useRealTimers();
    }
  });
});
