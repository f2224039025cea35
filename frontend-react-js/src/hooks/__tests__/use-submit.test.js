import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useSubmit } from '../use-submit';

const event = () => ({ preventDefault: vi.fn() });
const UUID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('useSubmit', () => {
  it('runs the action once at a time, and says when it is sending', async () => {
    let finish;
    const action = vi.fn(() => new Promise((resolve) => (finish = resolve)));
    const { result } = renderHook(() => useSubmit(action, true));
    let first;
    act(() => {
      first = result.current.submit(event());
    });
    expect(result.current.sending).toBe(true);
    await act(() => result.current.submit(event()));
    expect(action).toHaveBeenCalledTimes(1);
    await act(async () => {
      finish();
      await first;
    });
    expect(result.current.sending).toBe(false);
  });

  it('keeps the failure until the next try', async () => {
    const failure = new Error('down');
    const action = vi.fn().mockRejectedValueOnce(failure).mockResolvedValue();
    const { result } = renderHook(() => useSubmit(action, true));
    await act(() => result.current.submit(event()));
    expect(result.current.error).toBe(failure);
    await act(() => result.current.submit(event()));
    expect(result.current.error).toBeNull();
  });

  it('gives each submit a fresh idempotency key', async () => {
    const action = vi.fn().mockRejectedValueOnce(new Error('down'));
    const { result } = renderHook(() => useSubmit(action, true));
    await act(() => result.current.submit(event()));
    await act(() => result.current.submit(event()));
    await act(() => result.current.submit(event()));
    const keys = action.mock.calls.map(([key]) => key);
    expect(keys).toHaveLength(3);
    for (const key of keys) expect(key).toMatch(UUID);
    expect(new Set(keys).size).toBe(3);
  });

  it('does nothing when the form cannot be submitted', async () => {
    const action = vi.fn();
    const submitted = event();
    const { result } = renderHook(() => useSubmit(action, false));
    await act(() => result.current.submit(submitted));
    expect(action).not.toHaveBeenCalled();
    expect(submitted.preventDefault).toHaveBeenCalled();
  });
});
